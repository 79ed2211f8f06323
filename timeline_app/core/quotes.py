"""Finding a quote in its source text.

A quote matches when it appears in the text verbatim, ignoring only differences of
whitespace and of typographic vs. straight quote marks.  When it does not, the closest
passage is offered so the user can see what the source actually says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

_QUOTE_MARKS = str.maketrans("‘’‚′“”„″", "''''\"\"\"\"")
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class Match:
    """A passage of the source text: ``text[start:end]``."""

    start: int
    end: int
    score: float = 1.0  # 1.0 for an exact match, else similarity in [0, 1)


class NormalisedText:
    """A text with whitespace collapsed and quote marks straightened, remembering where
    each normalised character came from so matches map back to the original."""

    def __init__(self, text: str) -> None:
        self.original = text
        chars: list[str] = []
        origin: list[int] = []
        in_space = False
        for i, ch in enumerate(text.translate(_QUOTE_MARKS)):
            if ch.isspace():
                if not in_space and chars:
                    chars.append(" ")
                    origin.append(i)
                in_space = True
                continue
            in_space = False
            chars.append(ch)
            origin.append(i)
        self.text = "".join(chars)
        self.origin = origin

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``[start, end)`` of the normalised ``[start, end)``."""
        return self.origin[start], self.origin[end - 1] + 1


def normalise(text: str) -> str:
    return _SPACE.sub(" ", text.translate(_QUOTE_MARKS)).strip()


def find_quote(quote: str, source: str | NormalisedText) -> Match | None:
    """Where ``quote`` stands in ``source``, or ``None``."""
    needle = normalise(quote)
    if not needle:
        return None
    hay = source if isinstance(source, NormalisedText) else NormalisedText(source)
    at = hay.text.find(needle)
    if at < 0:
        return None
    start, end = hay.span(at, at + len(needle))
    return Match(start, end)


def closest_passage(quote: str, source: str | NormalisedText) -> Match | None:
    """The passage of ``source`` most like ``quote``: a run of about as many words as the
    quote, scored by similarity of characters (case ignored)."""
    needle = normalise(quote).lower()
    hay = source if isinstance(source, NormalisedText) else NormalisedText(source)
    if not needle or not hay.text:
        return None
    words = [(m.start(), m.end()) for m in _WORD.finditer(hay.text)]
    if not words:
        return None
    n = max(1, len(needle.split()))
    lowered = hay.text.lower()
    matcher = SequenceMatcher(autojunk=False)
    matcher.set_seq2(needle)
    best: tuple[float, int, int] | None = None
    step = max(1, len(words) // 4000)  # very long sources: coarser steps, still bounded
    for size in {max(1, n - 1), n, n + 2}:
        for i in range(0, max(1, len(words) - size + 1), step):
            a, b = words[i][0], words[min(i + size, len(words)) - 1][1]
            matcher.set_seq1(lowered[a:b])
            if best is not None and matcher.real_quick_ratio() <= best[0]:
                continue
            if best is not None and matcher.quick_ratio() <= best[0]:
                continue
            score = matcher.ratio()
            if best is None or score > best[0]:
                best = (score, a, b)
    if best is None:
        return None
    start, end = hay.span(best[1], best[2])
    return Match(start, end, min(best[0], 0.999))
