"""HTML fragments as plain text: the running text with paragraphs as blank lines and
``<br>`` as line breaks, and its blockquotes (each with its ``<cite>``) taken apart.
Scripts and styles are dropped, entities decoded."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

_LINE = "\x01"
_PARA = "\x02"
_BLOCKS = frozenset({
    "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
    "table", "section", "article", "header", "footer", "figure", "figcaption", "pre", "hr",
})  # fmt: skip


@dataclass(slots=True)
class _Quoted:
    text: list[str] = field(default_factory=list)
    cite: list[str] = field(default_factory=list)


class _TextParser(HTMLParser):
    """Splits HTML into running text and blockquotes (each with its ``<cite>``)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.main: list[str] = []
        self.quotes: list[_Quoted] = []
        self.depth = 0  # blockquotes
        self.citing = 0
        self.skipping = 0  # script / style

    def _out(self) -> list[str]:
        if self.depth:
            q = self.quotes[-1]
            return q.cite if self.citing else q.text
        return self.main

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.skipping += 1
        elif tag == "blockquote":
            if not self.depth:
                self.quotes.append(_Quoted())
            self.depth += 1
        elif tag == "cite" and self.depth:
            self.citing += 1
        elif tag == "br":
            self._out().append(_LINE)
        elif tag in _BLOCKS:
            self._out().append(_PARA)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skipping = max(0, self.skipping - 1)
        elif tag == "blockquote":
            if self.depth:
                self.depth -= 1
                if not self.depth:
                    self.citing = 0
                    self.main.append(_PARA)
        elif tag == "cite" and self.depth:
            self.citing = max(0, self.citing - 1)
        elif tag in _BLOCKS:
            self._out().append(_PARA)

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self._out().append(data)


def _finish(chunks: list[str]) -> str:
    text = re.sub(r"\s+", " ", "".join(chunks))  # HTML whitespace is one space
    text = re.sub(rf" *([{_LINE}{_PARA}]) *", r"\1", text)
    text = re.sub(
        rf"[{_LINE}{_PARA}]+",
        lambda m: "\n" if m.group(0) == _LINE else "\n\n",
        text,
    )
    return text.strip()


def html_text(source: str) -> tuple[str, list[tuple[str, str]]]:
    """Plain text of an HTML fragment, and its blockquotes as (text, cite) pairs."""
    parser = _TextParser()
    try:
        parser.feed(source)
        parser.close()
    except (AssertionError, ValueError):  # html.parser gives up on some malformed markup
        return _finish([html.unescape(re.sub(r"<[^>]*>", " ", source))]), []
    quotes = [(_finish(q.text), _finish(q.cite)) for q in parser.quotes]
    return _finish(parser.main), [(t, c) for t, c in quotes if t]


def html_line(source: str) -> str:
    """An HTML fragment as one line of plain text."""
    text, quotes = html_text(source)
    return " ".join(" ".join([text, *(t for t, _ in quotes)]).split())
