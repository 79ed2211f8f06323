"""The text side of the extractor: HTML to plain text, sentences and clauses, and whether
a text is English.

Sentences are found in the text as given (offsets are Python string indices into it), so a
proposal's quote is ``text[offset:offset + length]`` verbatim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser


def word_set(words: str) -> frozenset[str]:
    """The words of a text written as a list, one space apart."""
    return frozenset(words.split())


# -- HTML --------------------------------------------------------------------------------

_DROPPED = frozenset({"script", "style", "noscript", "template", "head", "svg", "iframe"})
_BLOCKS = word_set(
    """
    address article aside blockquote dd div dl dt figcaption figure footer form h1 h2 h3
    h4 h5 h6 header hr li main nav ol p pre section table tbody td tfoot th thead tr ul
    caption details summary title
    """
)


class _TextOf(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.dropped = 0  # depth inside script, style, noscript, template

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED:
            self.dropped += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED:
            self.dropped = max(0, self.dropped - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.dropped:
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(html: str) -> str:
    """The readable text of an HTML page: script, style, noscript and template removed,
    entities decoded, block elements (paragraphs, headings, list items...) separated by a
    blank line, spacing inside a block tidied."""
    parser = _TextOf()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    paragraphs = (" ".join(line.split()) for line in re.split(r"\n\s*\n", text))
    lines = ("\n".join(" ".join(x.split()) for x in p.split("\n")) for p in paragraphs)
    return "\n\n".join(p.strip("\n") for p in lines if p.strip()) + "\n"


def looks_like_html(name: str, text: str) -> bool:
    if name.lower().endswith((".html", ".htm", ".xhtml")):
        return True
    head = text[:1000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html"))


def plain_text(text: str) -> str:
    """Entities decoded in a text that is not HTML (a stray ``&amp;`` in Markdown)."""
    return unescape(text) if "&" in text else text


# -- English -----------------------------------------------------------------------------

_STOP_WORDS = word_set(
    """
    the of and to a in is was that for on with as by at it from his her he she they their
    this be are were have has had not but an or which who its been will would said after
    into than also more when there about over
    """
)
_WORDS = re.compile(r"[^\W\d_]+")


def english_share(text: str, sample: int = 5000) -> float:
    """The share of the text's words (the first ``sample``) that are common English ones."""
    words = _WORDS.findall(text[: sample * 8].lower())[:sample]
    if not words:
        return 0.0
    return sum(w in _STOP_WORDS for w in words) / len(words)


def is_english(text: str) -> bool:
    """Whether a text reads as English: about a third of running English text is these
    words; under a tenth is another language (or a list). Short texts get the benefit."""
    words = _WORDS.findall(text[:40000])
    return len(words) < 20 or english_share(text) >= 0.1


# -- sentences ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Sentence:
    """``text[start:end]``, in paragraph ``paragraph`` (counted from 0)."""

    start: int
    end: int
    paragraph: int


# words after which a full stop does not end a sentence
_ABBREVIATIONS = word_set(
    """
    mr mrs ms dr prof gen lt col maj sgt capt cpt adm cmdr gov sen rep st mt jr sr no nos
    vs etc inc ltd co corp dept est approx fig jan feb mar apr jun jul aug sep sept oct
    nov dec u.s u.k u.n e.g i.e a.m p.m rev hon pres amb sec op vol ed eds al
    """
)
_END = re.compile(r"[.!?]+[\"”’)\]]*(?=\s+)")
_LIST_ITEM = re.compile(r"\s*(?:[-*•·–]\s|\d{1,3}[.)]\s)")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
SHORT_LINE = 60  # characters: a line this short ends where it stands (a heading, an item)


def sentences(text: str) -> list[Sentence]:
    """The sentences of ``text``: paragraphs (a blank line) and lines that stand alone (a
    list item, a heading, a line ending a sentence) cut further at sentence ends, not at
    abbreviations ("U.S.", "Nov.", "Gen.") or initials ("Donald J. Trump")."""
    out: list[Sentence] = []
    at, paragraph = 0, 0
    for brk in [*_PARAGRAPH_BREAK.finditer(text), None]:
        stop = brk.start() if brk else len(text)
        for line_start, line_end in _lines(text, at, stop):
            out.extend(_split(text, line_start, line_end, paragraph))
        if brk is None:
            break
        at, paragraph = brk.end(), paragraph + 1
    return out


def _lines(text: str, start: int, stop: int) -> list[tuple[int, int]]:
    """A paragraph's lines, a wrapped line joined to the one before it."""
    spans: list[tuple[int, int]] = []
    pos = start
    lines = text[start:stop].split("\n")
    # a block of mostly short lines is a list (an infobox, a table's rows): one item a line
    listed = len(lines) > 2 and sorted(len(x) for x in lines)[len(lines) // 2] < SHORT_LINE
    for line in lines:
        end = pos + len(line)
        stands_alone = (
            listed
            or not spans
            or _LIST_ITEM.match(line)
            or re.search(r"[.!?:\"”’)]\s*$", text[spans[-1][0] : spans[-1][1]])
            or len(text[spans[-1][0] : spans[-1][1]]) < SHORT_LINE
        )
        if stands_alone:
            spans.append((pos, end))
        else:
            spans[-1] = (spans[-1][0], end)
        pos = end + 1
    return spans


def _split(text: str, start: int, stop: int, paragraph: int) -> list[Sentence]:
    out: list[Sentence] = []
    piece = text[start:stop]
    begin = 0
    for m in _END.finditer(piece):
        end = m.end()
        rest = piece[end:].lstrip()
        if not rest:
            break
        if m.group().startswith(".") and len(m.group().rstrip('"”’)]')) == 1:
            word = re.search(r"([\w.]+)$", piece[begin : m.start()])
            w = word.group(1).lower() if word else ""
            abbreviated = w in _ABBREVIATIONS or (len(w) == 1 and w.isalpha()) or "." in w
            ends_anyway = rest[:1].isupper() and w in ("etc", "jr", "sr", "inc", "ltd", "co")
            if abbreviated and not ends_anyway:
                continue
        if not (rest[:1].isupper() or rest[:1].isdigit() or rest[:1] in "\"“‘('"):
            continue
        out.append(_trimmed(text, start + begin, start + end, paragraph))
        begin = end + (len(piece[end:]) - len(rest))
    if piece[begin:].strip():
        out.append(_trimmed(text, start + begin, stop, paragraph))
    return [s for s in out if s.end > s.start]


def _trimmed(text: str, start: int, end: int, paragraph: int) -> Sentence:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Sentence(start, end, paragraph)


# -- clauses -----------------------------------------------------------------------------

# where a sentence that dates two happenings is cut, strongest first
_BOUNDARIES = (
    re.compile(r";\s+"),
    re.compile(
        r",?\s+(?:and|but|while|whereas|whilst)\s+(?=(?:[A-Z]|the\s|its\s|his\s|her\s|"
        r"their\s|a\s|an\s|in\s|on\s|then\s|later\s))"
    ),
    # "… on 9 March and was upgraded the next day": a second verb of the same subject
    re.compile(r"\s+(?:and|but)\s+(?=(?:was|were|is|are|has|had|have|then|later)\s)"),
    re.compile(r",\s+(?:and\s+|but\s+|then\s+|before\s+|after\s+|when\s+)?"),
)


def clause_cut(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Where to cut ``text[start:end]`` (the words between two dates) into two clauses:
    (end of the first clause, start of the second), or None when nothing there is a
    clause boundary."""
    piece = text[start:end]
    for pattern in _BOUNDARIES:
        found = list(pattern.finditer(piece))
        if found:
            m = found[-1]
            return start + m.start(), start + m.end()
    return None
