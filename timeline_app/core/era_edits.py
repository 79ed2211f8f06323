"""Edits of the era list, as :class:`~timeline_app.core.change.Change`\\ s (no Qt).

An era is typed in its form as text (:class:`EraFields`): its dates in the app's date
forms ("25 June 1950", "Nov 2024", "1980s"), the end left empty for an era that is still
going on (it runs to the data's last date).  :func:`read_era_fields` reads them and says
what is wrong, field by field, in words for the person typing; the changes are built only
from fields with nothing wrong (:class:`EraEditError` otherwise).

The rules are the file's (:mod:`~timeline_app.core.file_records`), from the same homes: a
name; a start; an end, if any, not over before the start begins
(:func:`~timeline_app.core.dates.ends_before_start`); a colour, if any, as "#rrggbb"
(:func:`~timeline_app.core.palette.color_problem`).  Eras may overlap and nest, and two may
share a name.  A new era's id comes from its name and never changes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from .change import Change
from .dates import DateError, TimelineDate, ends_before_start, parse_date
from .model import Era, Timeline, unique_id
from .palette import color_problem

__all__ = [
    "FIELD_LABELS",
    "EraEditError",
    "EraFields",
    "EraReading",
    "add_era_change",
    "delete_era_change",
    "edit_era_change",
    "era_from_fields",
    "new_era_id",
    "read_era_fields",
]

#: The form's fields, as an error message names them.
FIELD_LABELS = {"name": "Name", "start": "Start", "end": "End", "color": "Colour"}


class EraEditError(ValueError):
    """An era edit that cannot be made; the message says why."""


@dataclass(frozen=True, slots=True)
class EraFields:
    """An era as typed in its form: the dates as text, ``end`` empty for an era still going
    on, ``color`` "#rrggbb" or empty (no colour of its own)."""

    name: str = ""
    start: str = ""
    end: str = ""
    color: str = ""
    notes: str = ""

    @classmethod
    def of(cls, era: Era) -> EraFields:
        """The fields that show ``era``, each date as it would be typed."""
        end = _typed(era.end) if era.end is not None else ""
        return cls(era.name, _typed(era.start), end, era.color, era.notes)


@dataclass(frozen=True, slots=True)
class EraReading:
    """What the fields give: each value read (None for a date that is not one), and what is
    wrong, by field ("name", "start", "end", "color"), each a sentence for under the field."""

    name: str
    start: TimelineDate | None
    end: TimelineDate | None
    color: str
    notes: str
    problems: Mapping[str, str]

    def message(self) -> str:
        """Every problem, one a line, each after the field it is about."""
        return "\n".join(f"{FIELD_LABELS[k]}: {m}" for k, m in self.problems.items())


def _date(text: str) -> tuple[TimelineDate | None, str]:
    try:
        return parse_date(text), ""
    except DateError as exc:
        return None, str(exc)


def _typed(date: TimelineDate) -> str:
    """A date in words ("25 June 1950"), or as the file writes it where the words would
    not read back as the same date (a year before 1000: "0500")."""
    words = date.words()
    return words if _date(words)[0] == date else date.iso()


def read_era_fields(fields: EraFields) -> EraReading:
    """Read the form's fields; ``problems`` is empty when they make an era."""
    problems: dict[str, str] = {}
    name = " ".join(fields.name.split())
    if not name:
        problems["name"] = "An era needs a name."
    start: TimelineDate | None = None
    if not fields.start.strip():
        problems["start"] = "An era needs a start date."
    else:
        start, problem = _date(fields.start)
        if problem:
            problems["start"] = problem
    end: TimelineDate | None = None
    if fields.end.strip():
        end, problem = _date(fields.end)
        if problem:
            problems["end"] = problem
        elif ends_before_start(start, end):
            assert start is not None and end is not None
            problems["end"] = f"The end ({end.words()}) is before the start ({start.words()})."
    color = fields.color.strip()
    if problem := color_problem(color):
        problems["color"] = problem[:1].upper() + problem[1:] + "."
    return EraReading(name, start, end, color, fields.notes.strip(), problems)


def new_era_id(timeline: Timeline, name: str) -> str:
    """A readable id from the name, not taken by another era."""
    return unique_id(name, (e.id for e in timeline.eras))


def era_from_fields(timeline: Timeline, fields: EraFields, original: Era | None = None) -> Era:
    """The era the fields describe: an edited era keeps its id and the fields the app does
    not know; a new one gets an id from its name.  :class:`EraEditError` when a field is
    not acceptable."""
    reading = read_era_fields(fields)
    if reading.problems or reading.start is None:
        raise EraEditError(reading.message())
    base = original or Era(new_era_id(timeline, reading.name), reading.name, reading.start)
    return replace(
        base,
        name=reading.name,
        start=reading.start,
        end=reading.end,
        color=reading.color,
        notes=reading.notes,
    )


def _era(timeline: Timeline, era_id: str) -> Era:
    era = next((e for e in timeline.eras if e.id == era_id), None)
    if era is None:
        raise EraEditError(f"There is no era {era_id!r} (any more).")
    return era


def add_era_change(timeline: Timeline, fields: EraFields) -> tuple[Change, Era]:
    """A new era, appended to the list, and the era."""
    era = era_from_fields(timeline, fields)
    change = Change(f"Add era “{era.name}”", eras=(tuple(timeline.eras), (*timeline.eras, era)))
    return change, era


def edit_era_change(timeline: Timeline, era_id: str, fields: EraFields) -> Change:
    """The era replaced, in its place, by the one the fields describe (same id)."""
    era = era_from_fields(timeline, fields, _era(timeline, era_id))
    eras = tuple(era if e.id == era_id else e for e in timeline.eras)
    return Change(f"Edit era “{era.name}”", eras=(tuple(timeline.eras), eras))


def delete_era_change(timeline: Timeline, era_id: str) -> Change:
    """The era removed from the list (nothing else refers to an era)."""
    era = _era(timeline, era_id)
    eras = tuple(e for e in timeline.eras if e.id != era_id)
    return Change(f"Delete era “{era.name}”", eras=(tuple(timeline.eras), eras))
