"""The Admiralty (NATO) grades in words: a source's reliability (A to F) and a quote's
credibility (1 to 6), shown as code and words ("B2 — usually reliable, probably true")."""

from __future__ import annotations

from .model import CREDIBILITIES, RELIABILITIES, Quote, Source

RELIABILITY_WORDS = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
CREDIBILITY_WORDS = {
    1: "confirmed by other sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}
assert tuple(RELIABILITY_WORDS) == tuple(RELIABILITIES)
assert tuple(CREDIBILITY_WORDS) == tuple(CREDIBILITIES)


def grade_code(source: Source | None, quote: Quote | None = None) -> str:
    """ "B2", or "B" for a source alone ("F" for a source the timeline does not have)."""
    letter = source.reliability if source is not None else "F"
    return letter + (str(quote.credibility) if quote is not None else "")


def grade_words(source: Source | None, quote: Quote | None = None) -> str:
    """ "B2 — usually reliable, probably true"; "B — usually reliable" for a source."""
    letter = source.reliability if source is not None else "F"
    words = RELIABILITY_WORDS[letter]
    if quote is not None:
        words += ", " + CREDIBILITY_WORDS[quote.credibility]
    return f"{grade_code(source, quote)} — {words}"
