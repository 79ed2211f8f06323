"""The date grammar of the extractor: where a sentence places something in time.

:func:`find_dates` reads one sentence and returns its date expressions as
:class:`DateMention` records, each with the day interval it names as app dates
(:class:`~timeline_app.core.dates.TimelineDate`, with the precision the words support):

* absolute: "27 July 1953", "July 27, 1953", "Nov. 18, 2024", "2024-11-01", "September 2022",
  "late February 2020" (the month), "2016", "early 2020", "mid-2015", "summer 2023" (the
  year), "the 1980s", "the mid-1980s", "the '80s" (the decade);
* spans: "from 1983 to 1987", "between 1983 and 1987", "1983–1987", "from March to May
  2020", "since 2014" (to the publication date, when known);
* relative to the publication date: "today", "yesterday", "on Friday" (the latest Friday on
  or before it; "next Friday" the one after), "this week", "last week", "a year ago this
  week", "last month", "this year", "last year", "next year", "a year ago", "979 days
  ago", "for 979 days" (a state that still holds: a span to the publication date), "last
  December", "on October 7" (the publication year; a scheduled event: its next occurrence);
* anchored on the sentence's or the previous sentence's date: "nine days later", "the
  following year", "during the same year".

A relative date that the publication date is too coarse to count from is returned with
``needs_date`` and no date: never guessed.  Numbers that only look like years ("2,000
troops", "1,953 casualties", "Resolution 2231", "Resolution 1718") and month names that are
words ("May", "March" as a verb or a name) are not dates.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from .dates import DateError, Precision, TimelineDate
from .extract_text import word_set

# -- words -------------------------------------------------------------------------------

_MONTH_NAMES = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTH_NAMES.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTH_NAMES["sept"] = 9
MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
}  # fmt: skip
COUNT = r"(?:\d{1,3}(?:,\d{3})+|\d+|" + "|".join(NUMBER_WORDS) + r")"
APPROX = (
    r"(?:almost|nearly|about|around|roughly|approximately|some|over|more\s+than|"
    r"less\s+than|fewer\s+than|just\s+over|just\s+under|close\s+to|at\s+least)"
)
_UNITS = {"day": "day", "week": "week", "month": "month", "year": "year", "decade": "decade"}
QUALIFIER = (
    r"(?:early|mid|late|the\s+(?:end|beginning|start|middle|first\s+half|second\s+half)\s+of"
    r"|(?:the\s+)?(?:spring|summer|autumn|fall|winter)(?:\s+of)?)"
)
# words before a bare four-digit number that make it a label, not a year
_LABELS = re.compile(
    r"\b(?:resolution|resolutions|no|nos|number|article|section|flight|route|highway|page|"
    r"pages|pp|room|model|code|iso|paragraph|rule|bill|law|act|chapter|item|case|"
    r"hr|s|type|version|unit|squad|division|battalion|brigade|regiment|line|platform|"
    r"gate|block|exit|bus|tu|il|su|mig|an|t|su)\W*$",
    re.IGNORECASE,
)
# words before a bare year that make it a date
_TIME_WORDS = re.compile(
    r"(?:\bin|\bon|\bsince|\bfrom|\bby|\buntil|\btill|\bthrough|\bto|\bof|\bduring|"
    r"\bbefore|\bafter|\baround|\bcirca|\bc\.|\bearly|\blate|\bmid|\bbetween|\band|\bor|"
    r"\bthrough|\bthroughout|\bbeginning|\bending|\buntil|–|—|\()\s*-?$",
    re.IGNORECASE,
)
# lowercase words that may follow a year (anything else: "2000 troops" is a count)
_AFTER_YEAR = word_set(
    """
    and or to when as after before until with the in on at by for but while that which
    where was were is are had has have he she they it we i its his her their a an of
    onwards onward through from also then there this those these saw marked
    """
)
_FUTURE = re.compile(
    r"\b(?:will|shall|is\s+(?:scheduled|due|set|expected|planned|going)\s+to|are\s+"
    r"(?:scheduled|due|set|expected|planned|going)\s+to|to\s+be\s+held|upcoming|"
    r"plans?\s+to|would\s+be\s+held|(?:is|are)\s+coming|(?:['’]re|am)\s+going\s+to)\b"
    r"|['’]ll\b",
    re.IGNORECASE,
)
_DETERMINER = re.compile(r"\b(?:a|an|the|its|his|her|their|this|that)\s+$", re.IGNORECASE)
# a year a figure is compared with: "compared with 64 percent in 2017", "the same period for
# 2017", "than in 2010" (a reference, not when the sentence's happening took place)
_COMPARED = re.compile(
    r"(?:\bcompared\s+(?:with|to)\s+(?:[^,;.]{0,30}?\s)?(?:in\s+)?|\bthan\s+(?:in\s+)?|"
    r"\bthe\s+same\s+(?:period|time|month|quarter|week)\s+(?:of|for|in|last)\s+)$",
    re.IGNORECASE,
)
_PERFECT = re.compile(r"\b(?:has|have|had)\b(?:\s+\w+ly)?\s+\w+(?:ed|en|ne|wn|un|ought|aged)\b")


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression at ``[offset, offset + length)`` of the sentence read.

    ``start``/``end``: the interval it names (``end`` None for a single date); both None
    with ``needs_date`` when it is relative and the publication date cannot resolve it.
    ``note`` says how a relative date was counted.  ``year_given``: whether the words
    name the year (a month or day without one borrowed the publication year)."""

    offset: int
    length: int
    start: TimelineDate | None
    end: TimelineDate | None = None
    needs_date: bool = False
    note: str = ""
    relative: bool = False
    year_given: bool = True

    @property
    def stop(self) -> int:
        return self.offset + self.length

    @property
    def precision(self) -> Precision | None:
        if self.start is None:
            return None
        if self.end is None:
            return self.start.precision
        return min(self.start.precision, self.end.precision)


@dataclass(frozen=True)
class Context:
    """What a sentence's dates are read against: the publication date, the date of the
    same or the previous sentence ("nine days later"), whether the sentence speaks of the
    future (a yearless date is then its next occurrence) and the year the paragraph has
    made clear."""

    published: TimelineDate | None = None
    anchor: TimelineDate | None = None
    future: bool = False
    year: int | None = None


# -- building dates ----------------------------------------------------------------------


def _day(d: _dt.date) -> TimelineDate:
    return TimelineDate(Precision.DAY, d.year, d.month, d.day)


def _month(year: int, month: int) -> TimelineDate:
    return TimelineDate(Precision.MONTH, year, month)


def _year(year: int) -> TimelineDate:
    return TimelineDate(Precision.YEAR, year)


def _valid_day(year: int, month: int, day: int) -> TimelineDate | None:
    try:
        return _day(_dt.date(year, month, day))
    except ValueError:
        return None


def _plausible(year: int, ctx: Context) -> bool:
    top = (ctx.published.year if ctx.published else _dt.date.today().year) + 30
    return 1000 <= year <= top


def _month_number(word: str) -> int:
    return _MONTH_NAMES[_key(word)]


def _key(word: str) -> str:
    w = word.rstrip(".").lower()
    return w if w in _MONTH_NAMES else w[:3]


def _count(word: str) -> int:
    w = word.lower()
    return NUMBER_WORDS[w] if w in NUMBER_WORDS else int(w.replace(",", ""))


def long_date(d: TimelineDate) -> str:
    """ "4 November 2024", "November 2024", "2024": how a note names a date."""
    return d.words()


def _shift_months(year: int, month: int, by: int) -> tuple[int, int]:
    n = year * 12 + (month - 1) + by
    return n // 12, n % 12 + 1


def _add_months(d: _dt.date, by: int) -> _dt.date:
    y, m = _shift_months(d.year, d.month, by)
    return _dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def _week_of(d: _dt.date) -> tuple[TimelineDate, TimelineDate]:
    monday = d - _dt.timedelta(days=d.weekday())
    return _day(monday), _day(monday + _dt.timedelta(days=6))


# -- the forms ---------------------------------------------------------------------------

Found = tuple[TimelineDate | None, TimelineDate | None, str, bool] | None
# (start, end, note, year_given); a relative form that cannot be resolved returns
# (None, None, note, False) and becomes needs_date.
Handler = Callable[[re.Match[str], str, Context], Found]

_FORMS: list[tuple[re.Pattern[str], Handler, bool]] = []  # (pattern, handler, relative)


def _form(pattern: str, flags: int = 0, relative: bool = False) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        _FORMS.append((re.compile(pattern, flags), handler, relative))
        return handler

    return register


def _yearless(ctx: Context, month: int, day: int | None) -> tuple[int | None, str]:
    """The year of a month (and day) written without one, and the note saying so."""
    if ctx.year is not None and (ctx.published is None or ctx.year != ctx.published.year):
        return ctx.year, f"the year {ctx.year} from the text before"
    pub = ctx.published
    if pub is None:
        return None, "no year given and no publication date"
    year = pub.year
    if ctx.future and pub.precision >= Precision.MONTH:
        if (month, day or 31) < (pub.month, pub.day if pub.precision is Precision.DAY else 1):
            year += 1
        return year, f"its next occurrence after the publication date ({long_date(pub)})"
    return year, f"the publication year ({pub.year})"


@_form(
    rf"\b(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+"
    rf"(?P<m>{MONTH})(?:,?\s+(?P<y>\d{{4}})\b)?(?!\w)"
)
@_form(
    rf"\b(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<m>{MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b"
    rf"(?!,\d|\d|\s*%|\s+(?:troops|soldiers|people|km|miles))(?:,?\s+(?P<y>\d{{4}})\b)?"
)
def _day_month(m: re.Match[str], sentence: str, ctx: Context) -> Found:
    month, day = _month_number(m["m"]), int(m["d"])
    if m["y"]:
        year = int(m["y"])
        if not _plausible(year, ctx):
            return None
        found = _valid_day(year, month, day)
        return (found, None, "", True) if found else None
    year_or_none, note = _yearless(ctx, month, day)
    if year_or_none is None:
        return (None, None, note, False) if m["m"].rstrip(".") != "May" else None
    found = _valid_day(year_or_none, month, day)
    return (found, None, note, False) if found else None


@_form(
    rf"\b(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:–|—|-|to|until)\s*(?:the\s+)?(?P<d2>\d{{1,2}})"
    rf"(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<m>{MONTH})(?:,?\s+(?P<y>\d{{4}})\b)?(?!\w)"
)
@_form(
    rf"\b(?P<m>{MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:–|—|-|to|until|through)\s*"
    rf"(?:the\s+)?(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b(?!,\d|\d|\s*%)(?:,?\s+(?P<y>\d{{4}})\b)?"
)
def _day_range(m: re.Match[str], sentence: str, ctx: Context) -> Found:
    """Days of one month: "3–5 May 2021", "April 11-15", "from July 19th to the 21st"."""
    month, first, last = _month_number(m["m"]), int(m["d1"]), int(m["d2"])
    if last <= first:
        return None
    if m["y"]:
        year, note, given = int(m["y"]), "", True
        if not _plausible(year, ctx):
            return None
    else:
        found_year, note = _yearless(ctx, month, first)
        if found_year is None:
            return (None, None, note, False) if m["m"].rstrip(".") != "May" else None
        year, given = found_year, False
    start, end = _valid_day(year, month, first), _valid_day(year, month, last)
    return (start, end, note, given) if start and end else None


@_form(
    rf"\b(?:(?P<q>early|mid|late|the\s+(?:end|beginning|start|middle)\s+of)[\s-]+)?"
    rf"(?P<m>{MONTH}),?\s+(?:of\s+)?(?P<y>\d{{4}})\b"
)
def _month_year(m: re.Match[str], sentence: str, ctx: Context) -> Found:
    year = int(m["y"])
    if not _plausible(year, ctx):
        return None
    return _month(year, _month_number(m["m"])), None, "", True


@_form(
    rf"\b(?P<pre>(?i:in|on|since|from|until|till|by|during|through|early|mid|late|last|next|"
    rf"this|before|after|of))[\s-]+(?P<at>(?:(?i:early|mid|late)[\s-]+)?(?P<m>{MONTH}))(?![\w-])"
    rf"(?!\s+\d)"
)
def _month_alone(m: re.Match[str], sentence: str, ctx: Context) -> Found:
    month, pre = _month_number(m["m"]), m["pre"].lower()
    if pre in ("last", "next", "this"):
        pub = ctx.published
        if pub is None or pub.precision < Precision.MONTH:
            return None, None, f"“{m[0]}”: no publication month to count from", False
        year = pub.year
        if pre == "last" and month >= pub.month:
            year -= 1
        elif pre == "next" and month <= pub.month:
            year += 1
        return _month(year, month), None, f"“{m[0]}”, counted from {long_date(pub)}", False
    borrowed, note = _yearless(ctx, month, None)
    if borrowed is None:
        return None, None, note, False
    return _month(borrowed, month), None, note, False


@_form(r"\b(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})\b")
def _iso(m: re.Match[str], sentence: str, ctx: Context) -> Found:
    found = _valid_day(int(m["y"]), int(m["mo"]), int(m["d"]))
    return (found, None, "", True) if found else None


@_form(
    r"(?:\b(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?P<y>\d{3}0)'?s\b"
    r"|\bthe\s+(?:(?:early|mid|late)[\s-]+)?['’](?P<yy>\d0)s\b)"
)
def _decade(m: re.Match[str], sentence: str, ctx: Context) -> Found:
    year = int(m["y"]) if m["y"] else 1900 + int(m["yy"])
    if not 1000 <= year <= (ctx.published.year if ctx.published else 2100):
        return None
    return TimelineDate(Precision.DECADE, year), None, "", True


@_form(rf"\b{QUALIFIER}[\s-]+(?P<y>\d{{4}})\b", re.IGNORECASE)
def _qualified_year(m: re.Match[str], sentence: str, ctx: Context) -> Found:
    year = int(m["y"])
    return (_year(year), None, "", True) if _plausible(year, ctx) else None


@_form(r"(?<![\d,.$£€#/:–—-])\b(?P<y>\d{4})\b(?![,.]\d|\s*%|[-–—]\d|/\d|:\d)")
def _year_alone(m: re.Match[str], sentence: str, ctx: Context) -> Found:
    year = int(m["y"])
    if not _plausible(year, ctx):
        return None
    before = sentence[max(0, m.start() - 30) : m.start()]
    if _LABELS.search(before):
        return None
    after = sentence[m.end() :].lstrip()
    word = re.match(r"[A-Za-z]+", after)
    counted = word is not None and word[0].islower() and word[0] not in _AFTER_YEAR
    if counted and not _TIME_WORDS.search(before):  # "2000 troops"; "in 2016 troops": a date
        assert word is not None
        if not (_DETERMINER.search(before) and not word[0].endswith("s")):
            return None  # "a 1993 report", "the 1953 armistice": a year; "the 1990 figures" not
    return _year(year), None, "", True


@_form(r"\b(?P<a>\d{4})\s*(?:–|—|-|to)\s*(?P<b>\d{4}|\d{2})\b(?![,.]\d|-)")
def _year_range(m: re.Match[str], sentence: str, ctx: Context) -> Found:
    a = int(m["a"])
    b = int(m["b"]) if len(m["b"]) == 4 else a - a % 100 + int(m["b"])
    if not (_plausible(a, ctx) and _plausible(b, ctx)) or b <= a:
        return None
    if _LABELS.search(sentence[max(0, m.start() - 30) : m.start()]):
        return None
    if re.search(r"\bthe\s+$", sentence[: m.start()], re.IGNORECASE) and re.match(
        r"\s+[A-Za-z]", sentence[m.end() :]
    ):
        return None  # "the 2018–19 cyclone season", "the 1846-1848 war": a name, not a date
    return _year(a), _year(b), "", True


# -- relative to the publication date -----------------------------------------------------


def _needs(words: str, pub: TimelineDate | None, precision: Precision) -> str | None:
    """Why ``words`` cannot be counted from ``pub`` (None when they can)."""
    if pub is None:
        return f"“{words}”: no publication date to count from"
    if pub.precision < precision:
        return f"“{words}”: the publication date ({pub.words()}) has no {precision.label}"
    return None


@_form(
    r"\b(?:(?:earlier|later)\s+)?(?P<w>today|tonight|this\s+(?:morning|afternoon|evening)"
    r"|yesterday|tomorrow)\b",
    re.IGNORECASE,
    relative=True,
)
def _today(m: re.Match[str], sentence: str, ctx: Context) -> Found:
    pub = ctx.published
    why = _needs(m[0], pub, Precision.DAY)
    if why or pub is None:
        return None, None, why or "", False
    w = m["w"].lower()
    shift = -1 if w == "yesterday" else 1 if w == "tomorrow" else 0
    day = pub.first_day + _dt.timedelta(days=shift)
    how = "the publication date" if not shift else f"counted from {long_date(pub)}"
    return _day(day), None, f"“{m[0]}”, {how}", False


@_form(rf"\b(?:(?P<rel>last|next|this|past|coming|on)\s+)?(?P<wd>{WEEKDAY})\b", relative=True)
def _weekday(m: re.Match[str], sentence: str, ctx: Context) -> Found:
    if re.search(r"\b(?:Good|Black|Bloody|Holy|a|an|every|each)\s+$", sentence[: m.start()]):
        return None
    pub = ctx.published
    words = m[0]
    why = _needs(words, pub, Precision.DAY)
    if why or pub is None:
        return None, None, why or "", False
    wanted = _WEEKDAYS[m["wd"].lower()]
    d = pub.first_day
    rel = (m["rel"] or "").lower()
    if rel in ("", "on") and ctx.future:  # "will depart on Thursday": the one to come
        day = d + _dt.timedelta(days=(wanted - d.weekday()) % 7)
        how = "its next occurrence after"
    elif rel in ("next", "coming"):
        day = d + _dt.timedelta(days=(wanted - d.weekday() - 1) % 7 + 1)
        how = "counted on from"
    elif rel == "this":
        day = d - _dt.timedelta(days=d.weekday()) + _dt.timedelta(days=wanted)
        how = "in the week of"
    else:
        back = (d.weekday() - wanted) % 7
        if rel in ("last", "past") and back == 0:
            back = 7
        day = d - _dt.timedelta(days=back)
        how = "counted back from"
    return _day(day), None, f"“{words}”, {how} {long_date(pub)}", False


@_form(
    r"\b(?P<ago>a\s+year\s+ago\s+)?(?:(?P<when>earlier|later)\s+)?(?P<rel>this|last|next|"
    r"the\s+past|the\s+previous|the\s+coming)\s+(?P<unit>week|month|year)\b"
    r"(?!\s+(?:ago|later))",
    re.IGNORECASE,
    relative=True,
)
def _this_last_next(m: re.Match[str], sentence: str, ctx: Context) -> Found:
    pub = ctx.published
    unit, rel = m["unit"].lower(), m["rel"].lower().split()[-1]
    shift = {"this": 0, "last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}[rel]
    precision = {"week": Precision.DAY, "month": Precision.MONTH, "year": Precision.YEAR}[unit]
    why = _needs(m[0], pub, precision)
    if why or pub is None:
        return None, None, why or "", False
    note = f"“{m[0]}”, counted from {long_date(pub)}"
    if unit == "week":
        d = pub.first_day + _dt.timedelta(weeks=shift - (52 if m["ago"] else 0))
        start, end = _week_of(d)
        return start, end, note, False
    if unit == "month":
        y, mo = _shift_months(pub.year, pub.month, shift)
        return _month(y, mo), None, note, False
    return _year(pub.year + shift), None, note, False


@_form(
    rf"\b(?P<n>{COUNT})\s+years?\s+(?:ago\s+this\s+week|this\s+week(?=\s+since\b))",
    re.IGNORECASE,
    relative=True,
)
def _years_this_week(m: re.Match[str], sentence: str, ctx: Context) -> Found:
    """ "two years ago this week", "as we mark two years this week since …": that week, 52
    weeks back a year."""
    pub = ctx.published
    why = _needs(m[0], pub, Precision.DAY)
    if why or pub is None:
        return None, None, why or "", False
    start, end = _week_of(pub.first_day - _dt.timedelta(weeks=52 * _count(m["n"])))
    return start, end, f"“{m[0]}”, counted back from {long_date(pub)}", False


@_form(
    r"\b(?:(?P<rel>this|last|next|the\s+past|the\s+coming)|(?:over|during|at|on)\s+the)"
    r"\s+weekend\b",
    re.IGNORECASE,
    relative=True,
)
def _weekend(m: re.Match[str], sentence: str, ctx: Context) -> Found:
    """The Saturday and Sunday meant: "(over) the weekend", "this weekend" in a sentence
    about what happened, the latest one begun on or before the publication date ("last
    weekend" the latest one over before it); to come ("next weekend", "will … this
    weekend"), the next one not yet over."""
    pub = ctx.published
    why = _needs(m[0], pub, Precision.DAY)
    if why or pub is None:
        return None, None, why or "", False
    d = pub.first_day
    rel = (m["rel"] or "").lower().split()[-1:] or [""]
    if rel[0] in ("next", "coming") or (rel[0] in ("", "this") and ctx.future):
        saturday = d + _dt.timedelta(days=(5 - d.weekday()) % 7)
        if rel[0] == "next" and d.weekday() >= 5:
            saturday += _dt.timedelta(weeks=1)
        how = "the one to come after"
    else:
        saturday = d - _dt.timedelta(days=(d.weekday() - 5) % 7)
        if rel[0] in ("last", "past") and saturday + _dt.timedelta(days=1) >= d:
            saturday -= _dt.timedelta(weeks=1)
        how = "counted back from"
    sunday = saturday + _dt.timedelta(days=1)
    return _day(saturday), _day(sunday), f"“{m[0]}”, {how} {long_date(pub)}", False


@_form(
    rf"\b(?:in\s+)?(?P<n>{COUNT})\s+(?P<unit>day|week|month|year)s?\s+(?:from\s+now|hence)\b",
    re.IGNORECASE,
    relative=True,
)
def _from_now(m: re.Match[str], sentence: str, ctx: Context) -> Found:
    """ "two days from now": counted on from the publication date."""
    return _counted(m, ctx, -_count(m["n"]), False)


@_form(
    rf"\bthe\s+(?P<which>first|last)\s+(?:(?P<n>{COUNT})\s+months|(?P<part>half|quarter))\s+"
    r"of\s+(?P<rel>the|this|last)\s+year\b",
    re.IGNORECASE,
    relative=True,
)
def _part_of_year(m: re.Match[str], sentence: str, ctx: Context) -> Found:
    """ "the first nine months of the year", "the last quarter of last year": months of the
    year the text is about (else the publication year's: "this year")."""
    n = {"half": 6, "quarter": 3}.get((m["part"] or "").lower()) or _count(m["n"] or "0")
    if not 1 <= n <= 12:
        return None
    rel, pub = m["rel"].lower(), ctx.published
    if rel == "the" and ctx.year is not None:
        year, note = ctx.year, f"the year {ctx.year} from the text before"
    elif pub is None:
        return None, None, f"“{m[0]}”: no year given and no publication date", False
    else:
        year = pub.year - (rel == "last")
        note = f"“{m[0]}”, counted from {long_date(pub)}"
    first, last = (1, n) if m["which"].lower() == "first" else (13 - n, 12)
    return _month(year, first), _month(year, last), note, False


def _coarsened(approx: bool, unit: str, n: int) -> Precision:
    """The precision an "N units ago" supports: an approximate count ("almost 1000 days")
    only the year (or month) it lands in."""
    if unit == "year" or unit == "decade":
        return Precision.YEAR
    if unit == "month":
        return Precision.MONTH if not approx or n < 12 else Precision.YEAR
    days = n * (7 if unit == "week" else 1)
    if not approx:
        return Precision.DAY
    return Precision.YEAR if days >= 180 else Precision.MONTH if days >= 28 else Precision.DAY


def _back(pub: _dt.date, unit: str, n: int) -> _dt.date:
    if unit == "day":
        return pub - _dt.timedelta(days=n)
    if unit == "week":
        return pub - _dt.timedelta(weeks=n)
    if unit == "month":
        return _add_months(pub, -n)
    years = n * (10 if unit == "decade" else 1)
    try:
        return pub.replace(year=pub.year - years)
    except ValueError:  # 29 February
        return pub.replace(year=pub.year - years, day=28)


@_form(
    rf"\b(?P<approx>{APPROX}\s+)?(?P<n>{COUNT})\s+(?P<unit>day|week|month|year|decade)s?\s+ago\b",
    re.IGNORECASE,
    relative=True,
)
def _ago(m: re.Match[str], sentence: str, ctx: Context) -> Found:
    return _counted(m, ctx, _count(m["n"]), bool(m["approx"]))


def _counted(m: re.Match[str], ctx: Context, back: int, approx: bool) -> Found:
    """``back`` units (days, weeks...) before the publication date (after it when
    negative), at the precision the count supports, with where it was counted from."""
    pub = ctx.published
    unit = m["unit"].lower()
    precision = _coarsened(approx, unit, abs(back))
    why = _needs(m[0], pub, precision)
    if why or pub is None:
        return None, None, why or "", False
    day = _back(pub.first_day, unit, back)
    date = TimelineDate.from_ordinal(day.toordinal(), precision)
    how = "counted back from" if back >= 0 else "counted on from"
    return date, None, f"“{m[0]}”, {how} {long_date(pub)}", False


@_form(
    rf"\b(?:for|over)\s+(?:the\s+(?:past|last)\s+)?(?P<approx>{APPROX}\s+)?(?P<n>{COUNT})\s+"
    r"(?P<unit>day|week|month|year|decade)s?\b",
    re.IGNORECASE,
    relative=True,
)
def _for_duration(m: re.Match[str], sentence: str, ctx: Context) -> Found:
    if not _PERFECT.search(sentence):  # "for 979 days, Russia has waged": still so
        return None
    pub = ctx.published
    unit, n, approx = m["unit"].lower(), _count(m["n"]), bool(m["approx"])
    precision = _coarsened(approx, unit, n)
    why = _needs(m[0], pub, precision)
    if why or pub is None:
        return None, None, why or "", False
    start = TimelineDate.from_ordinal(_back(pub.first_day, unit, n).toordinal(), precision)
    end = TimelineDate.from_ordinal(pub.start, min(precision, pub.precision))
    return start, end, f"“{m[0]}”, counted back from {long_date(pub)}", False


# -- anchored on the date just before ------------------------------------------------------


@_form(
    rf"\b(?:(?P<n>{COUNT})\s+(?P<unit>day|week|month|year)s?\s+(?:later|after(?:wards)?)"
    r"|the\s+(?:following|next)\s+(?P<unit2>day|week|month|year)|(?:following|next)\s+"
    r"(?P<unit4>day)|(?:(?:later|earlier)\s+(?:in\s+)?)?(?:that(?:\s+same)?|the\s+same)\s+"
    r"(?P<unit3>day|month|year)|(?:later|earlier)\s+in\s+the\s+(?P<unit5>day|month|year))\b",
    re.IGNORECASE,
    relative=True,
)
def _anchored(m: re.Match[str], sentence: str, ctx: Context) -> Found:
    """ "nine days later", "the next day", "that same day", "later in the day": counted
    from the date written before it in the same sentence, else the previous sentence's."""
    earlier = [
        x.end or x.start
        for x in find_dates(sentence[: m.start()], replace(ctx, anchor=None))
        if x.start is not None
    ]
    anchor = earlier[-1] if earlier else ctx.anchor
    if anchor is None:
        return None
    if m["unit"]:
        unit, n = m["unit"].lower(), _count(m["n"])
    elif m["unit2"] or m["unit4"]:
        unit, n = (m["unit2"] or m["unit4"]).lower(), 1
    else:
        unit, n = (m["unit3"] or m["unit5"]).lower(), 0
    need = {"day": Precision.DAY, "week": Precision.DAY, "month": Precision.MONTH}.get(
        unit, Precision.YEAR
    )
    precision = min(anchor.precision, need)
    if unit == "week":
        day = anchor.first_day + _dt.timedelta(weeks=n)
    elif unit == "day":
        day = anchor.first_day + _dt.timedelta(days=n)
    elif unit == "month":
        day = _add_months(anchor.first_day, n)
    else:
        try:
            day = anchor.first_day.replace(year=anchor.year + n)
        except ValueError:
            day = anchor.first_day.replace(year=anchor.year + n, day=28)
    date = TimelineDate.from_ordinal(day.toordinal(), precision)
    return date, None, f"“{m[0]}”, counted from {long_date(anchor)}", False


# -- reading a sentence --------------------------------------------------------------------

_SPAN_OPEN = re.compile(r"\b(?P<w>from|between)\s+(?:(?:the\s+)?(?:years?\s+)?)$", re.IGNORECASE)
_SPAN_JOIN = re.compile(r"^\s*(?:to|until|till|through|and|–|—|-)\s*(?:the\s+)?$", re.IGNORECASE)
_SINCE = re.compile(r"\b(?:ever\s+)?since\s+(?:at\s+least\s+)?$", re.IGNORECASE)


_PART_OF_DATE = frozenset({"last", "next", "this", "early", "mid", "late"})


def find_dates(sentence: str, ctx: Context | None = None) -> list[DateMention]:
    """The date expressions of ``sentence``, in order, none overlapping another (the
    longest wins), spans joined ("from 1983 to 1987")."""
    ctx = ctx or Context()
    if not ctx.future and _FUTURE.search(sentence):
        ctx = replace(ctx, future=True)
    candidates: list[DateMention] = []
    for pattern, handler, relative in _FORMS:
        for m in pattern.finditer(sentence):
            try:
                found = handler(m, sentence, ctx)
            except (DateError, ValueError, OverflowError, KeyError):
                continue
            if found is None:
                continue
            start, end, note, year_given = found
            begin = m.start()
            groups = m.groupdict()
            if groups.get("at") and (groups.get("pre") or "").lower() not in _PART_OF_DATE:
                begin = m.start("at")  # "from March": the date is "March"
            candidates.append(
                DateMention(
                    begin, m.end() - begin, start, end, start is None, note,
                    relative, year_given,
                )
            )  # fmt: skip
    chosen: list[DateMention] = []
    for c in sorted(candidates, key=lambda c: (-c.length, c.offset)):
        if all(c.stop <= o.offset or c.offset >= o.stop for o in chosen):
            chosen.append(c)
    chosen = [c for c in chosen if c.relative or not _COMPARED.search(sentence[: c.offset])]
    chosen.sort(key=lambda c: c.offset)
    return _joined(sentence, chosen, ctx)


def _joined(sentence: str, found: list[DateMention], ctx: Context) -> list[DateMention]:
    out: list[DateMention] = []
    i = 0
    while i < len(found):
        a = found[i]
        before = sentence[: a.offset]
        if i + 1 < len(found) and a.start is not None and a.end is None:
            b = found[i + 1]
            opened = _SPAN_OPEN.search(before)
            if (
                b.start is not None
                and b.end is None
                and _SPAN_JOIN.match(sentence[a.stop : b.offset])
                and (opened or sentence[a.stop : b.offset].strip() in ("–", "—", "-"))
            ):
                start = a.start
                if not a.year_given and b.year_given and start.precision >= Precision.MONTH:
                    start = replace(start, year=b.start.year)
                    if start.start > b.start.start:
                        start = replace(start, year=b.start.year - 1)
                if start.start < b.start.end:
                    offset = opened.start() if opened else a.offset
                    out.append(
                        DateMention(
                            offset, b.stop - offset, start, b.start, False,
                            "; ".join(filter(None, [a.note, b.note])), a.relative or b.relative,
                        )
                    )  # fmt: skip
                    i += 2
                    continue
        since = _SINCE.search(before)
        if since and a.start is not None and a.end is None and not a.relative:
            pub = ctx.published
            if pub is not None and pub.end > a.start.start:
                a = replace(
                    a,
                    offset=since.start(),
                    length=a.stop - since.start(),
                    end=pub,
                    note=f"“{sentence[since.start() : a.stop]}”: a state that still holds, "
                    f"to the publication date ({long_date(pub)})",
                )
        out.append(a)
        i += 1
    return out
