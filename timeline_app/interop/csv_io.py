"""Events to and from CSV, for spreadsheets.

One event a row, under a header row.  The columns, in this order:

==========  ==========================================================================
id          the event id; on import, empty means "make one from the title"
title       required
start       required; the file format's spelling (``1953``, ``1980s``, ``2024-11``,
            ``2024-11-01``).  On import free text is accepted too ("1 Nov 2024").
end         optional, same forms
precision   the start's precision (day, month, year, decade), for reading and sorting
            in a spreadsheet; ignored on import (the date's spelling carries it)
status      reported, alleged, disputed or denied (empty: reported)
actors      actor NAMES separated by ``"; "``
tags        separated by ``"; "``
summary     as is (line breaks kept)
quotes      each quote as ``source-id: text``, quotes separated by a blank line
            (``"\\n\\n"``).  On import a blank line starts a new quote only where it is
            followed by ``id: `` of a known source, so a quote may contain blank lines.
            When the timeline has exactly one source, a first quote written without
            ``id: `` belongs to it.
sources     the titles of the quotes' sources, for reading; ignored on import
notes       as is
date_basis  source or elsewhere (empty: source)
support     corroborated, single, contested or unsourced, for reading (see
            :mod:`~timeline_app.core.evidence`); ignored on import
grades      each quote's grade (``B2``: its source's reliability, its credibility),
            separated by ``"; "`` in the quotes' order, for reading; ignored on import
==========  ==========================================================================

What CSV cannot hold: fields other tools added to events or quotes (``extra``), a quote's
credibility, stance and note, and an event's dismissed contradictions; an event updated
from a CSV keeps them (:func:`~timeline_app.core.event_edits.carried_over`).  Actor names
and tags containing ``;`` cannot be told apart from two names.

**Formulas.**  A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
would be run as a formula by a spreadsheet; it is written with a ``'`` in front.  A cell that
begins with ``'`` gets one more ``'`` so that the import, which removes one leading ``'``
before such a character, gives back exactly what was exported.

**Import.**  Every row is checked and every problem reported (``row 7: start: ...``, rows
numbered as a spreadsheet shows them, the header being row 1).  A CSV with any problem in
any row imports nothing.  An id that is already an event of the timeline is a problem,
unless ``update=True``: then the row replaces that event (listed in
:attr:`CsvImport.updates`), so an exported, edited CSV imports back; clear the id
cell to import a row as a new event.  Actor names not in the timeline are collected in
:attr:`CsvImport.new_actors`, once each, so the app can ask one question before creating
them.  Columns the importer does not
know are ignored, with a warning.  Files are read as UTF-8 (with or without a byte-order
mark); a file that is not UTF-8 is read as Windows-1252, with a warning.
"""

from __future__ import annotations

import csv
import io
import os
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import TypeVar

from ..core.actor_names import ActorNames
from ..core.change import Change
from ..core.dates import DateError, TimelineDate, end_before_start, parse_date
from ..core.encodings import codec, wide_encoding
from ..core.event_edits import carried_over
from ..core.evidence import Support, named_texts, support_of
from ..core.fileformat import Problem, atomic_write
from ..core.grades import grade_code
from ..core.model import Actor, DateBasis, Event, IdMaker, Quote, Status, Timeline
from ..core.problems import failure_reason
from ..core.progress import Cancelled, Progress
from ..core.safe_read import DOCUMENT_LIMIT, read_regular_file

E = TypeVar("E", bound=Enum)

COLUMNS = (
    "id", "title", "start", "end", "precision", "status", "actors", "tags", "summary",
    "quotes", "sources", "notes", "date_basis", "support", "grades",
)  # fmt: skip
REQUIRED = ("title", "start")
PROGRESS_ROWS = 2_000  # rows between two reports of progress
IGNORED_ON_IMPORT = ("precision", "sources", "support", "grades")

LIST_SEPARATOR = "; "
QUOTE_SEPARATOR = "\n\n"

_FORMULA_CHARS = ("=", "+", "-", "@")


@dataclass(slots=True)
class CsvImport:
    """What a CSV would import.  ``events`` is empty when any problem is an error."""

    events: list[Event] = field(default_factory=list)
    new_actors: list[Actor] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    updates: list[str] = field(default_factory=list)  # ids of events the import replaces

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.warning]

    @property
    def ok(self) -> bool:
        return not self.errors


# -- cells -------------------------------------------------------------------------------


def _guarded(cell: str) -> bool:
    """Whether a spreadsheet might run ``cell`` (or it starts with the guard itself): a
    formula character first, also after spaces or line breaks, also in its full-width
    form ("＝"), or a tab or carriage return first."""
    if cell.startswith(("\t", "\r", "'")):
        return True
    head = cell.lstrip()[:1]
    return bool(head) and unicodedata.normalize("NFKC", head) in _FORMULA_CHARS


def neutralise(cell: str) -> str:
    """The cell as written: a ``'`` in front of anything a spreadsheet would run."""
    return "'" + cell if _guarded(cell) else cell


def restore(cell: str) -> str:
    """Undo :func:`neutralise`: the guard in front of such a cell goes."""
    if cell.startswith("'") and _guarded(cell[1:]):
        return cell[1:]
    return cell


def _split_list(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


# -- export ------------------------------------------------------------------------------


def _row(timeline: Timeline, e: Event, support: Support) -> list[str]:
    names = []
    for actor_id in e.actors:
        actor = timeline.actor(actor_id)
        names.append(actor.name if actor is not None else actor_id)
    source_titles: list[str] = []
    for q in e.quotes:
        source = timeline.source(q.source)
        title = source.title if source is not None else q.source
        if title not in source_titles:
            source_titles.append(title)
    return [
        e.id,
        e.title,
        e.start.iso(),
        e.end.iso() if e.end is not None else "",
        e.start.precision.label,
        e.status.value,
        LIST_SEPARATOR.join(names),
        LIST_SEPARATOR.join(e.tags),
        e.summary,
        QUOTE_SEPARATOR.join(f"{q.source}: {q.text}" for q in e.quotes),
        LIST_SEPARATOR.join(source_titles),
        e.notes,
        e.date_basis.value,
        support.value,
        LIST_SEPARATOR.join(grade_code(timeline.source(q.source), q) for q in e.quotes),
    ]


def events_to_csv(
    timeline: Timeline, events: Sequence[Event], has_text: Callable[[str], bool] | None = None
) -> str:
    """The events as CSV text (header row first, ``\\r\\n`` between rows);
    ``has_text(source id)``: whether a source's quotes can be checked (by default: it
    names a text file)."""
    checkable = has_text or named_texts(timeline.sources)
    supports = support_of(events, timeline.sources, checkable)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for e, support in zip(events, supports, strict=True):
        writer.writerow([neutralise(cell) for cell in _row(timeline, e, support)])
    return out.getvalue()


def write_csv(path: str | os.PathLike[str], timeline: Timeline, events: Sequence[Event]) -> None:
    """Write the events to ``path``: UTF-8 with a byte-order mark (so spreadsheet programs
    read the accents right), replacing the file atomically."""
    atomic_write(path, events_to_csv(timeline, events).encode("utf-8-sig"))


# -- import ------------------------------------------------------------------------------


def read_csv(
    path_or_text: str | os.PathLike[str],
    timeline: Timeline,
    update: bool = False,
    progress: Progress | None = None,
) -> CsvImport:
    """Read events from a CSV file or text, checked against ``timeline``.

    A ``Path`` (any ``os.PathLike``) is a file.  A ``str`` is CSV text if it has a line
    break, otherwise a file name (a CSV without a line break has no rows to import anyway).
    Never raises for bad input: see :attr:`CsvImport.problems`.  ``progress`` is told
    the rows read every few thousand; when it returns False, raises
    :class:`~timeline_app.core.progress.Cancelled`.
    """
    problems: list[Problem] = []
    if isinstance(path_or_text, str) and ("\n" in path_or_text or "\r" in path_or_text):
        text = path_or_text.removeprefix("\ufeff")
        lines = _Lines(lambda: io.StringIO(text, newline=""))
        raw = None
    else:
        try:
            raw = read_regular_file(path_or_text, DOCUMENT_LIMIT)
        except OSError as exc:
            return CsvImport(problems=[Problem("", f"cannot read: {failure_reason(exc)}")])
        wide = wide_encoding(raw)
        if wide:
            problems.append(Problem("", f"read as {wide} text", warning=True))
        lines = _Lines.of(raw, codec(wide) if wide else "utf-8-sig")
    try:
        result = _parse(lines, timeline, update, progress)
    except UnicodeDecodeError:
        if raw is None:
            raise
        lines = _Lines.of(raw, "cp1252")
        problems.append(
            Problem(
                "",
                "not UTF-8: read as Windows-1252; check accented letters "
                '(save as "CSV UTF-8" to avoid this)',
                warning=True,
            )
        )
        try:
            result = _parse(lines, timeline, update, progress)
        except UnicodeDecodeError:
            # where, counted from the file's start (the reader counts from its last chunk)
            at = next((e.start for e in _decode_error(raw, "cp1252")), 0)
            return CsvImport(problems=[Problem("", f"not UTF-8 text (byte {at})")])
    result.problems[:0] = problems
    return result


@dataclass(frozen=True)
class _Lines:
    """A CSV's text line by line, decoded a little at a time (a big file's text is never
    made whole: a thread reading it leaves the GUI thread room to run)."""

    open: Callable[[], Iterator[str]]

    @classmethod
    def of(cls, raw: bytes, encoding: str) -> _Lines:
        def lines() -> Iterator[str]:
            stream = io.TextIOWrapper(io.BytesIO(raw), encoding=encoding, newline="")
            first = True
            for line in stream:
                yield line.removeprefix("\ufeff") if first else line
                first = False

        return cls(lines)

    def first(self) -> str:
        return next(self.open(), "")


@dataclass(slots=True)
class _Row:
    """Reads the cells of one row; collects its problems."""

    number: int
    cells: dict[str, str]
    problems: list[Problem]
    dates: dict[str, TimelineDate | str]  # a cell's date, or why it is none (shared by rows)

    def get(self, column: str) -> str:
        return self.cells.get(column, "")

    def error(self, column: str, message: str) -> None:
        self.problems.append(Problem(f"row {self.number}", f"{column}: {message}"))

    def date(self, column: str, required: bool = False) -> TimelineDate | None:
        value = self.get(column).strip()
        if not value:
            if required:
                self.error(column, "is required")
            return None
        known = self.dates.get(value)
        if known is None:
            try:
                known = parse_date(value)
            except DateError as exc:
                known = str(exc)
            self.dates[value] = known
        if isinstance(known, str):
            self.error(column, known)
            return None
        return known

    def choice(self, column: str, kind: type[E], default: E) -> E:
        """The cell as one of ``kind``'s values (any case); ``default`` when empty."""
        value = self.get(column).strip()
        if not value:
            return default
        try:
            return kind(value.lower())
        except ValueError:
            choices = ", ".join(str(member.value) for member in kind)
            self.error(column, f"{value!r} is not one of: {choices}")
            return default


_SEPARATED = {",": "comma-separated", ";": "semicolon-separated", "\t": "tab-separated"}


def _delimiter(first: str) -> str:
    """What separates the cells: a comma, unless the first row names more of the columns
    when cut at semicolons (a spreadsheet set to a European locale) or tabs."""

    def known(separator: str) -> int:
        return sum(cell.strip().strip('"').lower() in COLUMNS for cell in first.split(separator))

    return max(_SEPARATED, key=known)  # a tie keeps the comma (the first)


def _parse(
    lines: _Lines, timeline: Timeline, update: bool = False, progress: Progress | None = None
) -> CsvImport:
    result = CsvImport()
    problems = result.problems
    records: list[list[str]] = []
    delimiter = _delimiter(lines.first())
    if delimiter != ",":
        problems.append(Problem("", f"read as {_SEPARATED[delimiter]} values", warning=True))
    try:
        for record in csv.reader(lines.open(), delimiter=delimiter):
            records.append(record)
            # how many rows there are is not known yet: 0
            split = progress is not None and len(records) % PROGRESS_ROWS == 0
            if split and not progress(len(records), 0):  # type: ignore[misc]
                raise Cancelled()
    except csv.Error as exc:  # e.g. a cell over the csv module's size limit (128 KiB)
        problems.append(Problem(f"row {len(records) + 1}", f"not readable as CSV: {exc}"))
        return result
    # a quote mark never closed: the last "row" holds the rest of the file (a cell of
    # several lines there may also be fine: the strict reader tells them apart)
    if records and any("\n" in cell for cell in records[-1]) and _open_at_end(lines, delimiter):
        problems.append(
            Problem(
                f"row {len(records)}",
                'a quote mark (") opens a cell here and is never closed: the rest of the '
                "file was read as that one cell",
            )
        )
        return result
    if not records or not any(cell.strip() for cell in records[0]):
        columns = ", ".join(COLUMNS)
        problems.append(
            Problem("row 1", f"no header row: the first row names the columns ({columns})")
        )
        return result

    header = [restore(cell).strip().lower().removeprefix("\ufeff") for cell in records[0]]
    positions: dict[str, int] = {}
    for i, name in enumerate(header):
        if name in COLUMNS:
            if name in positions:
                problems.append(Problem("row 1", f"column {name!r} appears twice"))
            else:
                positions[name] = i
        elif name:
            problems.append(Problem("row 1", f"unknown column {name!r} ignored", warning=True))
    for name in REQUIRED:
        if name not in positions:
            problems.append(Problem("row 1", f"the required column {name!r} is missing"))
    if result.errors:
        return result

    actor_names = ActorNames(timeline.actors)
    existing_events = {e.id for e in timeline.events}
    event_ids: dict[str, int] = {}  # ids given in the CSV, and their row
    # every id the CSV gives is known before one is made for a row without
    at = positions.get("id")
    given = {restore(r[at]).strip() for r in records[1:] if at is not None and at < len(r)}
    made_ids = IdMaker(existing_events | given)
    dates: dict[str, TimelineDate | str] = {}
    actor_ids_of: dict[str, tuple[str, ...]] = {}
    tags_of: dict[str, tuple[str, ...]] = {}

    events: list[Event] = []
    rows = len(records) - 1
    for index, record in enumerate(records[1:]):
        number = index + 2
        if progress is not None and index % PROGRESS_ROWS == 0 and not progress(index, rows):
            raise Cancelled()
        if not any(cell.strip() for cell in record):
            continue
        row = _Row(number, {}, problems, dates)
        if len(record) > len(header):
            extra = record[len(header) :]
            if any(cell.strip() for cell in extra):
                problems.append(
                    Problem(
                        f"row {number}",
                        f"has {len(record)} cells but the header names only {len(header)} columns",
                    )
                )
        for name, i in positions.items():
            row.cells[name] = restore(record[i]) if i < len(record) else ""

        title = row.get("title")
        if not title.strip():
            row.error("title", "is required")
        start = row.date("start", required=True)
        end = row.date("end")
        if problem := end_before_start(start, end):
            row.error("end", problem)
        status = row.choice("status", Status, Status.REPORTED)
        basis = row.choice("date_basis", DateBasis, DateBasis.SOURCE)

        cell = row.get("actors")
        actor_ids = actor_ids_of.get(cell)
        if actor_ids is None:
            actor_ids = actor_ids_of[cell] = actor_names.ids(_split_list(cell))
        cell = row.get("tags")
        tags = tags_of.get(cell)
        if tags is None:
            tags = tags_of[cell] = tuple(_split_list(cell))
        quotes = _quotes(row, timeline)

        event_id = row.get("id").strip()
        if event_id:
            if event_id in existing_events and update:
                event_ids[event_id] = number  # this row replaces that event
                result.updates.append(event_id)
            elif event_id in existing_events:
                row.error(
                    "id",
                    f"{event_id!r} is already an event in this timeline (an import adds "
                    "events; clear the id to import the row as a new event)",
                )
            elif event_id in event_ids:
                row.error("id", f"duplicate id {event_id!r} (also row {event_ids[event_id]})")
            else:
                event_ids[event_id] = number
        else:
            event_id = made_ids.make(title or "event")

        if start is not None:
            event = Event(
                id=event_id,
                title=title,
                start=start,
                end=end,
                actors=actor_ids,
                status=status,
                date_basis=basis,
                tags=tags,
                summary=row.get("summary"),
                quotes=tuple(quotes),
                notes=row.get("notes"),
            )
            events.append(event)

    _drop(records)
    result.new_actors = list(actor_names.new)
    if result.errors:
        result.new_actors = []
        return result
    if not events:
        problems.append(Problem("", "no events: every row below the header is empty"))
        return result
    result.events = events
    return result


def _decode_error(raw: bytes, encoding: str) -> list[UnicodeDecodeError]:
    """The error decoding the whole of ``raw`` gives (none: an empty list)."""
    try:
        raw.decode(encoding)
    except UnicodeDecodeError as exc:
        return [exc]
    return []


def _open_at_end(lines: _Lines, delimiter: str) -> bool:
    """Whether the file ends inside a quoted cell (read again, strictly: only then does
    the reader say "unexpected end of data"; a stray quote inside a cell is fine)."""
    try:
        for _record in csv.reader(lines.open(), delimiter=delimiter, strict=True):
            pass
    except csv.Error as exc:
        return "unexpected end of data" in str(exc)
    return False


def _drop(records: list[list[str]]) -> None:
    """Free the rows a slice at a time: a million freed at once hold the interpreter lock
    for a third of a second, which the GUI thread would wait out."""
    while records:
        del records[-20_000:]


def _quotes(row: _Row, timeline: Timeline) -> list[Quote]:
    cell = row.get("quotes")
    if not cell.strip():
        return []
    source_ids = [s.id for s in timeline.sources]
    if source_ids:
        ids = "|".join(re.escape(s) for s in sorted(source_ids, key=len, reverse=True))
        starts = list(re.finditer(rf"(?:\A|\n[ \t]*\n)\s*({ids}):[ \t]*", cell))
    else:
        starts = []
    quotes: list[Quote] = []
    lead = cell[: starts[0].start()] if starts else cell
    if lead.strip():
        if len(source_ids) == 1:
            quotes.append(Quote(source_ids[0], lead.strip()))
        else:
            known = ", ".join(source_ids) if source_ids else "none: this timeline has no sources"
            first = lead.strip().split("\n")[0][:60]
            row.error(
                "quotes",
                f"{first!r} does not start with the id of a source: write each quote as "
                f'"source-id: text", quotes separated by a blank line (sources: {known})',
            )
            return []
    for n, m in enumerate(starts):
        stop = starts[n + 1].start() if n + 1 < len(starts) else len(cell)
        text = cell[m.end() : stop].strip()
        if not text:
            row.error("quotes", f"the quote from {m.group(1)!r} has no text")
            continue
        quotes.append(Quote(m.group(1), text))
    return quotes


# -- one undoable import -----------------------------------------------------------------


def csv_import_change(timeline: Timeline, imported: CsvImport) -> Change:
    """The import as ONE undoable change: the new actors and all the events.

    Raises ``ValueError`` for an import with errors (it has nothing to add).
    """
    if not imported.ok or not imported.events:
        raise ValueError("this CSV import has problems and imports nothing")
    n = len(imported.events)
    actors = None
    if imported.new_actors:
        before = tuple(timeline.actors)
        actors = (before, before + tuple(imported.new_actors))
    replaced = {e.id: e for e in timeline.events if e.id in set(imported.updates)}
    # an updated event keeps what a CSV cannot hold (unknown fields, evidence)
    added = tuple(
        carried_over(e, replaced[e.id]) if e.id in replaced else e for e in imported.events
    )
    return Change(
        f"Import {n} event{'s' if n != 1 else ''} from CSV",
        removed=tuple(replaced.values()),
        added=added,
        actors=actors,
    )
