"""Text from a data file as HTML: the one place that escapes it and makes paragraphs of it.

A data file is untrusted input: every string from it that ends up in HTML (the detail pane,
tooltips, a TimelineJS export, a report) goes through :func:`escape_html` first, so a title
``<img src=x>`` shows as those characters and never becomes markup."""

from __future__ import annotations

import html
import re

from .wording import clipped

_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def escape_html(text: str, quote: bool = True) -> str:
    """``text`` as HTML text: ``&``, ``<``, ``>`` and (with ``quote``, for attribute values)
    both quote marks escaped."""
    return html.escape(text, quote=quote)


def paragraphs_html(text: str, quote: bool = True) -> str:
    """Plain text as HTML paragraphs: blank lines separate ``<p>``, a line break is ``<br>``."""
    paras = [p.strip() for p in _BLANK_LINE.split(text) if p.strip()]
    return "".join(
        "<p>" + "<br>".join(escape_html(line, quote) for line in p.split("\n")) + "</p>"
        for p in paras
    )


def readable(text: str, limit: int = 20_000) -> str:
    """``text`` as a rich-text pane can lay it out quickly: cut after ``limit`` characters
    ("… (12,345 more characters)"), and a break opportunity (a zero-width space) every
    60 characters of a run without spaces, which Qt would otherwise lay out in time
    growing with the square of its length (a 300,000-character title took 40 s)."""
    text = clipped(text, limit, count=True)
    return _LONG_RUN.sub(lambda m: "\u200b".join(_chunks(m.group(), _RUN)), text)


_RUN = 60
_LONG_RUN = re.compile(rf"\S{{{_RUN + 1},}}")


def _chunks(run: str, size: int) -> list[str]:
    return [run[i : i + size] for i in range(0, len(run), size)]


def tooltip_html(text: str) -> str:
    """``text`` as a tooltip shows it: escaped, lines kept, and wrapped in ``<p>`` so Qt
    never guesses it is plain text and reads it as markup after all."""
    return "<p>" + escape_html(text).replace("\n", "<br>") + "</p>"
