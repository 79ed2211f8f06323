"""What a quote states in numbers and dates, as intervals that can be compared.

A number is read with the words around it: "about N" is N ± 10 %, "more than / over / at
least N" is [N, ∞), "up to / fewer than / less than N" is [0, N], "almost / nearly N" is
[0.9 N, N], "N to M" and "between N and M" are [N, M], and a bare N is [N, N].  Numbers may be
written in digits ("10,000", "1.5 million") or in words ("ten thousand", "half a million").
What is counted is the noun after the number, past capitalised words and modifiers ("10,000
North Korean troops" counts troops); plural and singular are one thing.  A date ("27 July
1953", "November 2024", "in 2016", "the 1980s") is the interval of days its precision covers.
No Qt; used by :mod:`~timeline_app.core.disagreements`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .dates import DateError, TimelineDate, parse_date

INFINITY = math.inf
ABOUT = 0.10  # "about N": N ± 10 %


@dataclass(frozen=True, slots=True)
class Amount:
    """A number a text states about a thing: ``low`` to ``high`` (inclusive)."""

    thing: str  # the noun counted, singular ("troop", "casualty")
    low: float
    high: float
    said: str  # the words that state it ("about 11,000 North Korean troops")

    def overlaps(self, other: Amount) -> bool:
        return self.low <= other.high and other.low <= self.high


@dataclass(frozen=True, slots=True)
class Dated:
    """A date a text states."""

    date: TimelineDate
    said: str

    def overlaps(self, other: Dated) -> bool:
        return self.date.start < other.date.end and other.date.start < self.date.end


_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_NUMBER_WORD = "|".join(sorted([*_UNITS, *_SCALES, "a", "an", "half", "and"], key=len)[::-1])
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:\s+(?:hundred|thousand|million|billion))*"
# a number in digits (with a scale word after it) or in words (at least one unit or scale)
_NUMBER = (
    rf"(?:(?:{_DIGITS}){_SCALE}"
    rf"|(?:(?:{_NUMBER_WORD})[\s-]+){{0,8}}(?:{'|'.join([*_UNITS, *_SCALES])})\b)"
)
_BEFORE = {
    "about": "about", "around": "about", "approximately": "about", "roughly": "about",
    "some": "about", "an estimated": "about", "estimated": "about",
    "more than": "over", "over": "over", "at least": "over", "upwards of": "over",
    "in excess of": "over", "up to": "under", "fewer than": "under", "less than": "under",
    "under": "under", "at most": "under", "almost": "almost", "nearly": "almost",
    "close to": "almost",
}  # fmt: skip
_QUALIFIER = "|".join(sorted(_BEFORE, key=len, reverse=True)).replace(" ", r"\s+")
_AMOUNT = re.compile(
    rf"(?:\b(?P<q>{_QUALIFIER})\s+)?(?:\bbetween\s+)?(?P<n>{_NUMBER})"
    rf"(?:\s*(?:to|-|–|and)\s*(?P<m>{_NUMBER}))?",
    re.IGNORECASE,
)
# words between a number and its noun that are not the noun
_SKIP = {
    "of", "those", "these", "the", "its", "their", "new", "more", "additional", "extra",
    "other", "further", "fresh", "elite", "active", "military", "armed", "regular",
    "reported", "estimated", "such", "total", "ground",
}  # fmt: skip
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_NOT_THINGS = {
    "and", "or", "to", "in", "on", "at", "by", "for", "with", "from", "per", "percent", "a",
    "an", "is", "are", "was", "were", "have", "has", "had", "will", "would", "that", "which",
}  # fmt: skip


def _word_number(text: str) -> float | None:
    """ "ten thousand" -> 10000, "half a million" -> 500000, "twenty-five" -> 25."""
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w and w != "and"]
    if words[:1] == ["half"]:
        rest = [w for w in words[1:] if w not in ("a", "an")]
        scale = _word_number(" ".join(rest)) if rest else None
        return None if scale is None else scale / 2
    total, current = 0.0, 0.0
    seen = False
    for w in words:
        if w in ("a", "an"):
            current = max(current, 1)
        elif w in _UNITS:
            current += _UNITS[w]
            seen = True
        elif w == "hundred":
            current = max(current, 1) * 100
            seen = True
        elif w in _SCALES:
            total += max(current, 1) * _SCALES[w]
            current = 0
            seen = True
        else:
            return None
    return total + current if seen else None


def number_value(text: str) -> float | None:
    """The value of a number written in digits or words (None when it is not one)."""
    text = " ".join(text.split())
    m = re.fullmatch(rf"({_DIGITS})((?:\s+(?:hundred|thousand|million|billion))*)", text, re.I)
    if m:
        value = float(m.group(1).replace(",", ""))
        for scale in m.group(2).split():
            value *= _SCALES[scale.lower()]
        return value
    return _word_number(text)


# words for the same thing, counted as one ("10,000 soldiers" against "11,000 troops")
_SAME_THING = {"soldier": "troop", "serviceman": "troop", "servicemen": "troop"}
# a letter right after the digits: a scale ("11k"), else no count ("the 1980s", "2nd")
_GLUED = re.compile(r"[A-Za-z]+")
_GLUED_SCALES = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000}


def singular(noun: str) -> str:
    """ "casualties" -> "casualty", "troops" -> "troop", "forces" -> "force"; a word for
    the same thing as another, that one ("soldiers" -> "troop")."""
    n = _singular(noun)
    return _SAME_THING.get(n, n)


def _singular(noun: str) -> str:
    n = noun.lower().strip("'’")
    if n.endswith("ies") and len(n) > 4:
        return n[:-3] + "y"
    if n.endswith(("ches", "shes", "sses", "xes")):
        return n[:-2]
    if n.endswith("s") and not n.endswith("ss") and len(n) > 3:
        return n[:-1]
    return n


def _thing(text: str, at: int) -> tuple[str, int] | None:
    """The noun counted by a number ending at ``at`` (past capitalised words and
    modifiers, at most four words on, within the clause), and where it ends."""
    last = at
    for i, m in enumerate(_WORD.finditer(text, at)):
        if i >= 4 or any(c in ".;:()" for c in text[last : m.start()]):
            return None
        last = m.end()
        word = m.group()
        if word[0].isupper() or word.lower() in _SKIP:
            continue
        if word.lower() in _NOT_THINGS or word.lower() in _UNITS or word.lower() in _SCALES:
            return None
        return singular(word), m.end()
    return None


def amounts(text: str) -> list[Amount]:
    """Every number the text states about a thing, as an interval."""
    found: list[Amount] = []
    for m in _AMOUNT.finditer(text):
        n = number_value(m.group("n"))
        if n is None:
            continue
        glued = _GLUED.match(text, m.end())
        if glued is not None:  # "11k troops", not "the 1980s"
            if m.group("m") or glued.group().lower() not in _GLUED_SCALES:
                continue
            n *= _GLUED_SCALES[glued.group().lower()]
        noun = _thing(text, glued.end() if glued is not None else m.end())
        if noun is None:
            continue
        thing, end = noun
        said = " ".join(text[m.start() : end].split())
        if m.group("m"):
            high = number_value(m.group("m"))
            if high is None or high < n:
                continue
            found.append(Amount(thing, n, high, said))
            continue
        kind = _BEFORE.get(" ".join((m.group("q") or "").lower().split()), "")
        if kind == "about":
            found.append(Amount(thing, n * (1 - ABOUT), n * (1 + ABOUT), said))
        elif kind == "over":
            found.append(Amount(thing, n, INFINITY, said))
        elif kind == "under":
            found.append(Amount(thing, 0, n, said))
        elif kind == "almost":
            found.append(Amount(thing, n * (1 - ABOUT), n, said))
        elif _is_year(text, m.start(), m.group("n")):
            continue  # "in 2016 troops..." is a date, not 2016 troops
        else:
            found.append(Amount(thing, n, n, said))
    return found


def _is_year(text: str, at: int, number: str) -> bool:
    """A year after a word that introduces a date ("in 2016"), not a count."""
    if not re.fullmatch(r"1\d{3}|20\d{2}", number):
        return False
    return _DATE_WORD.search(text, max(0, at - 8), at) is not None


_DATE_WORD = re.compile(r"\b(?:in|since|by|until|during)\s+$", re.IGNORECASE)

_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_DATE = re.compile(
    rf"\b(?:(?P<day>\d{{1,2}})\s+)?(?P<month>{_MONTHS})\.?\s+(?P<year>\d{{4}})\b"
    rf"|\b(?P<decade>1\d{{2}}0|20\d0)s\b"
    rf"|\b(?:in|since|by|until|during)\s+(?P<bare>1\d{{3}}|20\d{{2}})\b"
    rf"|\b(?P<iso>\d{{4}}-\d{{2}}(?:-\d{{2}})?)\b",
    re.IGNORECASE,
)


def dates(text: str) -> list[Dated]:
    """Every date the text states, at the precision it states it."""
    found: list[Dated] = []
    for m in _DATE.finditer(text):
        if m.group("month"):
            raw = " ".join(filter(None, (m.group("day"), m.group("month"), m.group("year"))))
        elif m.group("decade"):
            raw = m.group("decade") + "s"
        elif m.group("bare"):
            raw = m.group("bare")
        else:
            raw = m.group("iso")
        try:
            found.append(Dated(parse_date(raw), " ".join(m.group().split())))
        except DateError:
            continue
    return found
