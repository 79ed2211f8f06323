"""Text from a data file, made safe for the places Qt reads as rich text (tooltips)."""

from __future__ import annotations

from html import escape


def plain_tooltip(text: str) -> str:
    """``text`` shown as written: escaped, and wrapped so Qt never guesses otherwise."""
    return "<p>" + escape(text).replace("\n", "<br>") + "</p>"
