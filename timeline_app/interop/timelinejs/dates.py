"""TimelineJS date objects (``{"year": ..., "month": ..., "day": ...}``) as the app's dates."""

from __future__ import annotations

import re
from typing import Any

from ...core.dates import (
    MAX_YEAR,
    MIN_YEAR,
    DateError,
    Precision,
    TimelineDate,
    parse_date,
    parse_iso,
)
from ...core.jsonio import kind_of

TIME_KEYS = ("hour", "minute", "second", "millisecond")
INTEGER = re.compile(r"[+-]?\d+")


def field_text(value: Any) -> str:
    """A text field: strings as they are, numbers spelled out, anything else empty."""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return ""


def whole_number(value: Any, what: str) -> int | None:
    """A date field as a whole number; None when absent; DateError when not a number."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and INTEGER.fullmatch(value.strip()):
        return int(value.strip())
    raise DateError(f"{what} {value!r} is not a whole number")


class SkippedSlide(Exception):
    """A slide this app cannot show (not an error in the file): a year out of range."""

    def __init__(self, message: str, year: int) -> None:
        super().__init__(message)
        self.year = year


def slide_date(value: Any, key: str) -> tuple[TimelineDate | None, bool]:
    """A TimelineJS date object → (date or None when absent, whether it had a time).

    Raises DateError for a malformed date and SkippedSlide for a year out of range."""
    if value is None:
        return None, False
    if isinstance(value, str):
        return (parse_date(value), False) if value.strip() else (None, False)
    if not isinstance(value, dict):
        raise DateError(f"must be an object with year, month and day, not {kind_of(value)}")
    year = whole_number(value.get("year"), "year")
    month = whole_number(value.get("month"), "month")
    day = whole_number(value.get("day"), "day")
    timed = any(field_text(value.get(k)).strip() for k in TIME_KEYS)
    if year is None:
        if month is not None or day is not None:
            raise DateError("has a month or day but no year")
        return None, False
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise SkippedSlide(
            f"{key} year {year} is outside the years this app can show ({MIN_YEAR}–{MAX_YEAR})",
            year,
        )
    if month is None:
        if day is not None:
            raise DateError(f"has a day ({day}) but no month")
        return parse_iso(f"{year:04d}"), timed
    if not 1 <= month <= 12:
        raise DateError(f"there is no month {month}")
    if day is None:
        return parse_iso(f"{year:04d}-{month:02d}"), timed
    if not 1 <= day <= 31:
        raise DateError(f"there is no day {day}")
    return parse_iso(f"{year:04d}-{month:02d}-{day:02d}"), timed


def as_decade(d: TimelineDate | None, label: str) -> TimelineDate | None:
    """``d`` as a decade when ``label`` names the decade ``d``'s year is in, else None."""
    if d is None or d.precision is not Precision.YEAR:
        return None
    try:
        named = parse_date(label)
    except DateError:
        return None
    if named.precision is Precision.DECADE and named.year <= d.year <= named.year + 9:
        return named
    return None
