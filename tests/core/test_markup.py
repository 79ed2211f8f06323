"""Text from a data file as HTML: whatever a file holds shows as those characters, and never
becomes markup (a tag, an attribute, an entity) in the detail pane, a tooltip or an export.

An HTML parser reads each result back: the only tags in it are the ones the module makes,
and the text it holds is the text that went in."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.core.markup import escape_html, paragraphs_html, readable, tooltip_html

BOUNDED = settings(max_examples=50, deadline=None)

HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "<script>alert('x')</script>",
    "</p><b>bold</b><p>",
    '" onmouseover="alert(1)',
    "' onfocus='alert(1)",
    "&lt;b&gt; already escaped &amp; again",
    "&#60;b&#62; numeric &#x3c;",
    "<!-- a comment --> <![CDATA[x]]> <?php ?>",
    "<a href='javascript:alert(1)'>link</a>",
    "Kim & Putin <3 >_<",
]
# any text a file can hold: JSON has no lone surrogates, everything else is possible
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)
MARKUPISH = st.text(st.sampled_from(list("<>&\"'=/;#x! \n\tab")), max_size=60)
ANY_TEXT = st.one_of(TEXT, MARKUPISH, st.sampled_from(HOSTILE))


class Reader(HTMLParser):
    """What an HTML renderer makes of a string: its tags, attributes and text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.other: list[str] = []  # comments, declarations, processing instructions
        self.blocks: list[list[str]] = [[""]]  # text before any <p>, then each <p>'s lines

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(attrs)
        if tag == "p":
            self.blocks.append([""])
        elif tag == "br":
            self.blocks[-1].append("")

    def handle_endtag(self, tag: str) -> None:
        self.tags.append("/" + tag)

    def handle_data(self, data: str) -> None:
        self.blocks[-1][-1] += data

    def handle_comment(self, data: str) -> None:
        self.other.append(data)

    def handle_decl(self, decl: str) -> None:
        self.other.append(decl)

    def handle_pi(self, data: str) -> None:
        self.other.append(data)

    def unknown_decl(self, data: str) -> None:
        self.other.append(data)

    @property
    def text(self) -> str:
        """All the text, a line break for each ``<br>`` (and none for a ``<p>``)."""
        return "".join("\n".join(lines) for lines in self.blocks)


def read(markup: str) -> Reader:
    reader = Reader()
    reader.feed(markup)
    reader.close()
    return reader


# -- escape_html ---------------------------------------------------------------------------
@pytest.mark.parametrize("text", HOSTILE)
def test_markup_in_a_file_shows_as_its_characters(text: str) -> None:
    shown = read(escape_html(text))
    assert shown.tags == [] and shown.attrs == [] and shown.other == []
    assert shown.text == text


@BOUNDED
@given(ANY_TEXT, st.booleans())
def test_escaped_text_reads_back_as_itself_and_is_never_a_tag(text: str, quote: bool) -> None:
    escaped = escape_html(text, quote)
    assert "<" not in escaped and ">" not in escaped
    shown = read(escaped)
    assert shown.tags == [] and shown.other == []
    assert shown.text == text


@BOUNDED
@given(ANY_TEXT)
def test_an_escaped_attribute_value_cannot_close_its_quotes(text: str) -> None:
    """With ``quote`` (the default), a value in ``title="…"`` or ``title='…'`` stays one
    attribute, whatever quote marks it holds."""
    for mark in "\"'":
        shown = read(f"<a title={mark}{escape_html(text)}{mark}>x</a>")
        assert shown.tags == ["a", "/a"]
        assert shown.attrs == [("title", text)]


def test_quote_marks_are_kept_as_typed_in_element_text() -> None:
    assert escape_html('“Russia\'s” "troops"', quote=False) == '“Russia\'s” "troops"'
    assert escape_html("<b>", quote=False) == "&lt;b&gt;"


# -- paragraphs_html -----------------------------------------------------------------------
def paragraphs(markup: str) -> list[list[str]]:
    """The paragraphs an HTML renderer shows, each a list of lines; checks that the markup
    holds nothing but ``<p>`` and ``<br>`` without attributes."""
    shown = read(markup)
    assert set(shown.tags) <= {"p", "/p", "br"}, shown.tags
    assert shown.attrs == [] and shown.other == []
    assert shown.tags.count("p") == shown.tags.count("/p")
    assert shown.blocks[0] == [""]  # no text outside a paragraph
    return shown.blocks[1:]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("", []), ("  \n\n \t\n ", []), ("One line", [["One line"]]),
     ("First line\nsecond line", [["First line", "second line"]]),
     ("One.\n\nTwo.", [["One."], ["Two."]]),
     ("One.\n \t \nTwo.\n\n\n\nThree.", [["One."], ["Two."], ["Three."]]),
     ("\n\n  Indented start.  \n\n", [["Indented start."]]),
     ("<b>not bold</b>\n\n<i>nor italic</i>", [["<b>not bold</b>"], ["<i>nor italic</i>"]])],
)  # fmt: skip
def test_blank_lines_make_paragraphs_and_line_breaks_stay(
    text: str, expected: list[list[str]]
) -> None:
    assert paragraphs(paragraphs_html(text)) == expected


@BOUNDED
@given(ANY_TEXT, st.booleans())
def test_paragraphs_keep_every_character_and_add_no_markup(text: str, quote: bool) -> None:
    shown = paragraphs(paragraphs_html(text, quote))
    visible = re.sub(r"\s", "", "".join("".join(lines) for lines in shown))
    assert visible == re.sub(r"\s", "", text)  # nothing lost, nothing added
    assert all("".join(lines).strip() for lines in shown)  # no empty paragraph
    assert len(shown) <= text.count("\n") // 2 + 1  # a paragraph needs a blank line before it


@BOUNDED
@given(st.lists(MARKUPISH.map(str.strip).filter(bool), min_size=1, max_size=5))
def test_each_paragraph_of_a_text_is_one_paragraph_of_html(parts: list[str]) -> None:
    single_lines = [" ".join(p.split()) for p in parts]
    shown = paragraphs(paragraphs_html("\n\n".join(single_lines)))
    assert shown == [[p] for p in single_lines]


# -- tooltip_html --------------------------------------------------------------------------
@BOUNDED
@given(ANY_TEXT)
def test_a_tooltip_shows_the_text_with_its_lines_as_one_paragraph(text: str) -> None:
    markup = tooltip_html(text)
    assert markup.startswith("<p>")  # never plain text Qt might take for markup after all
    shown = read(markup)
    assert set(shown.tags) <= {"p", "/p", "br"} and shown.tags.count("p") == 1
    assert shown.attrs == [] and shown.other == []
    assert shown.blocks[0] == [""]
    assert shown.text == text  # every character, "\n" as <br>


@pytest.mark.parametrize("text", HOSTILE)
def test_a_hostile_tooltip_is_one_paragraph_of_text(text: str) -> None:
    assert read(tooltip_html(text)).tags == ["p", "/p"]


# -- readable --------------------------------------------------------------------------------
@BOUNDED
@given(ANY_TEXT)
def test_readable_text_reads_the_same_with_break_chances_in_long_words(text: str) -> None:
    shown = readable(text)
    assert shown.replace("\u200b", "") == text.replace("\u200b", "")  # nothing else changes
    assert all(len(run) <= 60 for run in re.split(r"[\s\u200b]", shown))


def test_an_endless_title_is_cut_and_says_by_how_much() -> None:
    shown = readable("x" * 300_000, 1_000)
    assert shown.replace("\u200b", "") == "x" * 1_000 + "… (299,000 more characters)"
