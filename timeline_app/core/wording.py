"""How counts and lists are written in messages: plurals, and long lists and texts cut
short."""

from __future__ import annotations

from collections.abc import Sequence

LIST_LIMIT = 12  # lines of a list shown in a message; the rest go to its details


def plural(n: int, noun: str, nouns: str = "") -> str:
    """``"1 event"``, ``"3 events"``, ``"2,000 events"`` (``nouns``: an irregular plural)."""
    return f"{n:,} {noun if n == 1 else nouns or noun + 's'}"


def summarise(lines: Sequence[str], limit: int = LIST_LIMIT) -> tuple[str, str]:
    """The first ``limit`` lines (and "… and N more") for a message, and all of them for its
    details ("" when nothing was left out)."""
    if len(lines) <= limit:
        return "\n".join(lines), ""
    head = "\n".join(lines[:limit])
    return f"{head}\n… and {len(lines) - limit:,} more (Show Details…)", "\n".join(lines)


def clipped(text: str, limit: int, count: bool = False) -> str:
    """``text`` cut after ``limit`` characters with "…" (``count``: and how many more
    characters there are: "… (12,345 more characters)")."""
    if len(text) <= limit:
        return text
    rest = f" ({len(text) - limit:,} more characters)" if count else ""
    return f"{text[:limit]}…{rest}"


def isolated(name: str) -> str:
    """A name from a file, shown among other words: its writing direction kept to itself
    (between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE), so a right-to-left override
    in it cannot reverse the rest of the line."""
    return f"\u2068{name}\u2069"
