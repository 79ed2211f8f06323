"""Dates with a precision: day, month, year or decade.

A :class:`TimelineDate` covers an interval of days.  ``1980s`` covers 1980-01-01 to
1989-12-31; ``2024-11`` covers November 2024.  Time on the timeline is measured in days
(``datetime.date.toordinal``), so an interval is ``[start, end)`` in ordinal days.

Two parsers:

* :func:`parse_iso` reads the file format (``1953-07-27``, ``2024-11``, ``2016``, ``1980s``),
  a small strict grammar of our own.
* :func:`parse_date` reads what a person types ("27 July 1953", "Nov 2024", "the 1980s",
  "Friday 1 November 2024") and keeps the precision the person gave.  Written forms go
  through python-dateutil, which is never allowed to fill a missing field from today.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass, field
from enum import IntEnum
from functools import lru_cache


class Precision(IntEnum):
    """How much of a date is known.  Coarser precisions have smaller values."""

    DECADE = 0
    YEAR = 1
    MONTH = 2
    DAY = 3

    @property
    def label(self) -> str:
        return self.name.lower()


MIN_YEAR = 1
MAX_YEAR = 9998  # the last day of the year must still have a successor

ACCEPTED_FORMS = (
    'accepted forms: "27 July 1953", "1 Nov 2024", "1953-07-27" (day); '
    '"November 2024", "2024-11" (month); "2016" (year); "1980s" (decade)'
)


class DateError(ValueError):
    """A text that is not a date; the message says why and what is accepted."""


@dataclass(frozen=True, slots=True)
class TimelineDate:
    """A calendar date known to a precision.  Unused fields are 1.

    ``start`` is the first day covered and ``end`` the day after the last one, as ordinal
    day numbers (``end`` is exclusive).
    """

    precision: Precision
    year: int
    month: int = 1
    day: int = 1
    # the interval in ordinal days, computed once: timelines sort and draw by it constantly
    start: int = field(init=False, repr=False, compare=False)
    end: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "start", self.first_day.toordinal())
        object.__setattr__(self, "end", self.last_day.toordinal() + 1)

    # -- intervals -------------------------------------------------------------------
    @property
    def first_day(self) -> _dt.date:
        if self.precision is Precision.DECADE:
            return _dt.date(self.year - self.year % 10, 1, 1)
        return _dt.date(self.year, self.month, self.day)

    @property
    def last_day(self) -> _dt.date:
        p = self.precision
        if p is Precision.DAY:
            return _dt.date(self.year, self.month, self.day)
        if p is Precision.MONTH:
            return _dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        if p is Precision.YEAR:
            return _dt.date(self.year, 12, 31)
        return _dt.date(min(self.year - self.year % 10 + 9, 9999), 12, 31)

    # -- text ------------------------------------------------------------------------
    def iso(self) -> str:
        """The file-format spelling: ``1953-07-27``, ``2024-11``, ``2016``, ``1980s``."""
        p = self.precision
        if p is Precision.DECADE:
            return f"{self.year - self.year % 10:04d}s"
        if p is Precision.YEAR:
            return f"{self.year:04d}"
        if p is Precision.MONTH:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def words(self, weekday: bool = False) -> str:
        """In words: "27 July 1953", "November 2024", "2016", "the 1980s"."""
        p = self.precision
        if p is Precision.DECADE:
            return f"the {self.year - self.year % 10}s"
        if p is Precision.YEAR:
            return str(self.year)
        month = calendar.month_name[self.month]
        if p is Precision.MONTH:
            return f"{month} {self.year}"
        text = f"{self.day} {month} {self.year}"
        if weekday:
            text = f"{calendar.day_name[self.first_day.weekday()]} {text}"
        return text

    def phrase(self) -> str:
        """As a time phrase: "in the 1980s", "in 2016", "in November 2024", "on ..."."""
        if self.precision is Precision.DAY:
            return f"on {self.words(weekday=True)}"
        return f"in {self.words()}"

    def __str__(self) -> str:
        return self.iso()

    @classmethod
    def from_ordinal(cls, ordinal: int, precision: Precision) -> TimelineDate:
        """The date at ``precision`` that contains the given ordinal day."""
        d = _dt.date.fromordinal(max(1, min(ordinal, _dt.date.max.toordinal())))
        if precision is Precision.DECADE:
            return cls(Precision.DECADE, max(10, d.year - d.year % 10))  # there is no year 0
        if precision is Precision.YEAR:
            return cls(Precision.YEAR, d.year)
        if precision is Precision.MONTH:
            return cls(Precision.MONTH, d.year, d.month)
        return cls(Precision.DAY, d.year, d.month, d.day)


def ends_before_start(start: TimelineDate | None, end: TimelineDate | None) -> bool:
    """True when ``end`` is over before ``start`` begins: no event, filter or span can
    run backwards ("1980s" to "1985" is fine, 1990 to 1985 is not)."""
    return start is not None and end is not None and end.end <= start.start


def end_before_start(start: TimelineDate | None, end: TimelineDate | None) -> str | None:
    """What is wrong with such an end, as the file readers report it; None when fine."""
    if start is None or end is None or not ends_before_start(start, end):
        return None
    return f"{end.iso()} is before the start {start.iso()}"


def span_words(start: TimelineDate, end: TimelineDate | None) -> str:
    """A date or span in words: "27 July 1953", "1983 – 1987", "1–5 November 2024"."""
    if end is None or end == start:
        return start.words()
    if start.precision is end.precision is Precision.DAY and (start.year, start.month) == (
        end.year,
        end.month,
    ):
        return f"{start.day} – {end.words()}"
    return f"{start.words()} – {end.words()}"


def span_phrase(start: TimelineDate, end: TimelineDate | None) -> str:
    """A date or span as a phrase: "in the 1980s", "from 1983 to 1987"."""
    if end is None or end == start:
        return start.phrase()
    return f"from {start.words()} to {end.words()}"


# -- the file format's grammar -----------------------------------------------------------

_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", re.ASCII)
_ISO_DECADE = re.compile(r"(\d{3}0)s", re.ASCII)
_DECADE = re.compile(r"(?:the\s+)?(\d{3}0)'?s", re.IGNORECASE | re.ASCII)


def _checked(precision: Precision, year: int, month: int = 1, day: int = 1) -> TimelineDate:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DateError(f"year {year} is outside {MIN_YEAR}–{MAX_YEAR}")
    if not 1 <= month <= 12:
        raise DateError(f"there is no month {month}")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise DateError(f"{calendar.month_name[month]} {year} has no day {day} (it has {last})")
    return TimelineDate(precision, year, month, day)


_new_date = object.__new__
_fields_of_date = [TimelineDate.__dict__[f].__set__ for f in TimelineDate.__slots__]


def _day(year: int, month: int, day: int) -> TimelineDate | None:
    """``TimelineDate(Precision.DAY, year, month, day)`` when that is a day the app takes,
    made in half the time (opening 100,000 events parses 24,000 different days);
    None when it is not (:func:`_checked` then says why)."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        start = _dt.date(year, month, day).toordinal()
    except ValueError:
        return None
    made = _new_date(TimelineDate)
    values = (Precision.DAY, year, month, day, start, start + 1)  # as __post_init__ sets them
    for put, value in zip(_fields_of_date, values, strict=True):
        put(made, value)
    return made


@lru_cache(maxsize=65536)
def parse_iso(text: str) -> TimelineDate:
    """Parse the file format's spelling of a date (strict; cached: files repeat dates)."""
    m = _ISO.fullmatch(text)
    if m:
        year, month, day = m.groups()
        if day is not None and (quick := _day(int(year), int(month), int(day))) is not None:
            return quick
        try:
            if day is not None:
                return _checked(Precision.DAY, int(year), int(month), int(day))
            if month is not None:
                return _checked(Precision.MONTH, int(year), int(month))
            return _checked(Precision.YEAR, int(year))
        except DateError as exc:
            raise DateError(f"{text!r} is not a date: {exc}") from None
    m = _ISO_DECADE.fullmatch(text)
    if m:
        return _checked(Precision.DECADE, int(m.group(1)))
    raise DateError(
        f"{text!r} is not a date: write YYYY-MM-DD (day), YYYY-MM (month), YYYY (year) "
        "or YYY0s (decade)"
    )


# -- free text typed by a person ---------------------------------------------------------

_NUMERIC = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", re.ASCII)
_NUMERIC_YMD = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})", re.ASCII)
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_WEEKDAYS.update({name.lower(): i for i, name in enumerate(calendar.day_abbr)})
_WORD = re.compile(r"[A-Za-z]+")
_YEAR_TOKEN = re.compile(r"(?<!\d)\d{4}(?!\d)", re.ASCII)

# Two defaults that differ in every field: a field dateutil fills from the default comes
# out different in the two parses, a field the text gave comes out the same.
_DEFAULT_A = _dt.datetime(2000, 1, 1)
_DEFAULT_B = _dt.datetime(2004, 2, 2)


def parse_date(text: str) -> TimelineDate:
    """Parse a date typed by a person, keeping the precision given.

    Raises :class:`DateError` with a message naming the accepted forms.
    """
    raw = " ".join(text.split())
    if not raw:
        raise DateError(f"no date given; {ACCEPTED_FORMS}")
    if any(c.isdigit() and not c.isascii() for c in raw):  # "٢٠٢٤", "２０２４"
        raise DateError(f"{raw!r} has digits other than 0-9: write the numbers with 0-9")
    try:
        return parse_iso(raw)
    except DateError as exc:
        if _ISO.fullmatch(raw):
            raise DateError(f"{exc}; {ACCEPTED_FORMS}") from None
    m = _DECADE.fullmatch(raw)
    if m:
        return _checked(Precision.DECADE, int(m.group(1)))
    m = _NUMERIC_YMD.fullmatch(raw)
    if m:
        return _numeric(raw, int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _NUMERIC.fullmatch(raw)
    if m:
        a, b, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if a <= 12 and b <= 12 and a != b:
            raise DateError(
                f"{raw!r} is ambiguous: day/month or month/day? Write the month as a word "
                f'("2 March 2024") or use 2024-03-02; {ACCEPTED_FORMS}'
            )
        if (a > 12 and b > 12) or a == 0 or b == 0:
            raise DateError(f"{raw!r} is not a possible date; {ACCEPTED_FORMS}")
        day, month = (a, b) if a > 12 else (b, a)
        return _numeric(raw, year, month, day)
    return _written(raw)


def _numeric(raw: str, year: int, month: int, day: int) -> TimelineDate:
    try:
        return _checked(Precision.DAY, year, month, day)
    except DateError as exc:
        raise DateError(f"{raw!r} is not a possible date: {exc}; {ACCEPTED_FORMS}") from None


def _written(raw: str) -> TimelineDate:
    if not _YEAR_TOKEN.search(raw):
        raise DateError(f"{raw!r} has no four-digit year; {ACCEPTED_FORMS}")
    from dateutil import parser as _du_parser  # 30 ms to import: when first needed

    try:
        a = _du_parser.parse(raw, default=_DEFAULT_A, dayfirst=True)
        b = _du_parser.parse(raw, default=_DEFAULT_B, dayfirst=True)
    except (ValueError, OverflowError) as exc:
        reason = str(exc).split(":")[0]
        if "day is out of range" in reason or "must be in" in reason:
            raise DateError(
                f"{raw!r} is not a possible date ({reason}); {ACCEPTED_FORMS}"
            ) from None
        raise DateError(f"{raw!r} is not a date; {ACCEPTED_FORMS}") from None
    if a.year != b.year:
        raise DateError(f"{raw!r} has no year; {ACCEPTED_FORMS}")
    if (a.hour, a.minute, a.second) != (0, 0, 0):
        raise DateError(f"{raw!r}: give a date without a time of day; {ACCEPTED_FORMS}")
    if a.month != b.month:
        if a.day != b.day:
            return _checked(Precision.YEAR, a.year)
        raise DateError(f"{raw!r} gives a day but no month; {ACCEPTED_FORMS}")
    if a.day != b.day:
        date = _checked(Precision.MONTH, a.year, a.month)
    else:
        date = _checked(Precision.DAY, a.year, a.month, a.day)
    weekday = next(
        (_WEEKDAYS[w.lower()] for w in _WORD.findall(raw) if w.lower() in _WEEKDAYS), None
    )
    if weekday is not None:
        if date.precision is not Precision.DAY:
            raise DateError(f"{raw!r} names a weekday but no day of the month; {ACCEPTED_FORMS}")
        actual = date.first_day.weekday()
        if actual != weekday:
            raise DateError(
                f"{raw!r}: {date.words()} was a {calendar.day_name[actual]}, "
                f"not a {calendar.day_name[weekday]}"
            )
    return date


def precision_for_days_per_pixel(days_per_pixel: float) -> Precision:
    """The date precision that suits a zoom level (used to prefill a clicked date)."""
    if days_per_pixel < 2:
        return Precision.DAY
    if days_per_pixel < 60:
        return Precision.MONTH
    if days_per_pixel < 600:
        return Precision.YEAR
    return Precision.DECADE
