"""Finding a quote in its source text.

A quote matches when it appears in the text verbatim, ignoring only differences of
whitespace and of typographic vs. straight quote marks.  When it does not, the closest
passage is offered so the user can see what the source actually says.
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_right
from dataclasses import dataclass
from difflib import SequenceMatcher

_RUN_OF_SPACES = re.compile(r"\s{2,}")
_BETWEEN_LETTERS = re.compile(r"\S\S")
PIECE = 256 * 1024
_WORD = re.compile(r"\S+")
_TERM = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Match:
    """A passage of the source text: ``text[start:end]``."""

    start: int
    end: int
    score: float = 1.0  # 1.0 for an exact match, else similarity in [0, 1)


def straightened(text: str) -> str:
    """Typographic quote marks made straight (``str.replace`` per mark: many times faster
    than ``str.translate`` on a long text)."""
    for curly, straight in _MARKS:
        if curly in text:
            text = text.replace(curly, straight)
    return text


_MARKS = (("‘", "'"), ("’", "'"), ("‚", "'"), ("′", "'"),
          ("“", '"'), ("”", '"'), ("„", '"'), ("″", '"'))  # fmt: skip


class NormalisedText:
    """A text with whitespace collapsed and quote marks straightened, remembering where
    each normalised character came from so matches map back to the original."""

    def __init__(self, text: str) -> None:
        self.original = text
        body = text.lstrip()
        lead = len(text) - len(body)
        # only a run of two or more whitespace characters shifts what follows it: where each
        # shift starts (in the normalised text) and the whole shift from there on
        self._at: list[int] = [0]
        self._shift: list[int] = [lead]
        pieces: list[str] = []
        collapsed = 0
        # a piece at a time, cut between two letters (a long text in a thread lets the GUI
        # thread run between pieces); quote marks become straight one for one: no shift
        start = 0
        while start < len(body):
            cut = _BETWEEN_LETTERS.search(body, start + PIECE)
            end = cut.start() + 1 if cut is not None else len(body)
            piece = straightened(body[start:end])
            for m in _RUN_OF_SPACES.finditer(piece):
                collapsed += m.end() - m.start() - 1
                self._at.append(start + m.end() - collapsed)
                self._shift.append(lead + collapsed)
            pieces.append(" ".join(piece.split()))
            start = end
        self.text = "".join(pieces)
        if body[-1:].isspace():
            self.text += " "
        self.closest: dict[str, Match | None] = {}  # closest_passage's answers, by quote
        self._words: list[tuple[int, int, str]] | None = None
        self._lowered: str | None = None

    def lowered(self) -> str:
        """The text in lower case, character for character (so positions still hold)."""
        if self._lowered is None:
            lowered = self.text.lower()
            if len(lowered) != len(self.text):  # "İ" lowers to two characters: keep it
                lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in self.text)
            self._lowered = lowered
        return self._lowered

    def words(self) -> list[tuple[int, int, str]]:
        """Each word of the text (start, end, its letters in lower case), made once."""
        if self._words is None:
            self._words = [
                (m.start(), m.end(), "".join(_TERM.findall(m.group())))
                for m in _WORD.finditer(self.lowered())
            ]
        return self._words

    def origin(self, i: int) -> int:
        """Where the normalised character ``i`` stands in the original text."""
        return i + self._shift[bisect_right(self._at, i) - 1]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``[start, end)`` of the normalised ``[start, end)``."""
        return self.origin(start), self.origin(end - 1) + 1


def normalise(text: str) -> str:
    return " ".join(straightened(text).split())


def as_in_source(typed: str, passage: str) -> str:
    """``typed`` with the characters of ``passage`` (the source's words it was found as):
    a straight apostrophe typed for the source's curly one becomes the curly one; the
    spacing stays as typed.  Both must be the same once normalised."""
    letters = [c for c in passage if not c.isspace()]
    out: list[str] = []
    k = 0
    for c in typed:
        if c.isspace() or k >= len(letters):
            out.append(c)
        else:
            out.append(letters[k])
            k += 1
    return "".join(out)


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


CANDIDATES = 12  # the best windows by shared words that are compared character by character
CLOSEST_LIMIT = 2_000_000  # longer texts are not searched for a closest passage (seconds)
_MEMO = 256  # closest passages remembered per text (quote -> match)


def closest_passage(quote: str, source: str | NormalisedText) -> Match | None:
    """The passage of ``source`` most like ``quote`` (case ignored), or None when they
    share no word (or the text is over :data:`CLOSEST_LIMIT` characters).

    In two steps, so a 100 KB text answers in milliseconds: every run of as many words as
    the quote is scored by the quote's words it holds (one pass over the text, with
    running sums); the best few runs, a word shorter or longer and shifted by a word, are
    then compared character by character.  Answers are remembered per text and quote."""
    hay = source if isinstance(source, NormalisedText) else NormalisedText(source)
    if len(hay.text) > CLOSEST_LIMIT:
        return None
    memo = hay.closest
    if quote in memo:
        return memo[quote]
    found = _closest(normalise(quote).lower(), hay)
    if len(memo) >= _MEMO:
        memo.pop(next(iter(memo)))
    memo[quote] = found
    return found


def _closest(needle: str, hay: NormalisedText) -> Match | None:
    words = hay.words()
    if not needle or not words:
        return None
    wanted = {"".join(_TERM.findall(w)) for w in needle.split()}
    n = max(1, len(needle.split()))
    # every run of ``size`` words, scored by the quote's words it holds (each counted once,
    # a longer word counting more), in one pass: the run moves a word at a time
    size = min(n, len(words))
    held: dict[str, int] = {}
    score = 0
    scores: list[int] = []
    for k, (_a, _b, word) in enumerate(words):
        if word in wanted:
            held[word] = held.get(word, 0) + 1
            score += len(word) if held[word] == 1 else 0
        if k >= size:
            gone = words[k - size][2]
            if gone in wanted:
                held[gone] -= 1
                score -= len(gone) if held[gone] == 0 else 0
        if k >= size - 1:
            scores.append(score)
    best_runs = heapq.nlargest(CANDIDATES, range(len(scores)), key=scores.__getitem__)
    if not best_runs or scores[best_runs[0]] == 0:
        return None  # not one word in common: nothing is like it
    lowered = hay.lowered()
    matcher = SequenceMatcher(autojunk=False)
    matcher.set_seq2(needle)
    best: tuple[float, int, int] | None = None
    tried: set[tuple[int, int]] = set()
    for first in best_runs:
        for shift in (-1, 0, 1):
            for length in {max(1, n - 1), n, n + 1, n + 2}:
                i = min(max(0, first + shift), len(words) - 1)
                j = min(i + length, len(words)) - 1
                a, b = words[i][0], words[j][1]
                if (a, b) in tried:
                    continue
                tried.add((a, b))
                matcher.set_seq1(lowered[a:b])
                if best is not None and matcher.quick_ratio() <= best[0]:
                    continue
                similarity = matcher.ratio()
                if best is None or similarity > best[0]:
                    best = (similarity, a, b)
    assert best is not None
    start, end = hay.span(best[1], best[2])
    return Match(start, end, min(best[0], 0.999))
