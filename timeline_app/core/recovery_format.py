"""The recovery file: a copy of unsaved work, its format, and reading it back (no Qt).

One JSON envelope per open document::

    {"format": "timeline-app-recovery", "version": 1, "original_path": "/…/x.json" | null,
     "saved_at": "2025-01-31T12:34:56+01:00", "title": "…", "timeline_version": 2,
     "timeline": {…the timeline's normal file data…}, "texts": {source id: pending text}}

``timeline_version`` is the format the timeline is written in: the version of the file it
came from (so a format 1 file's work, recovered, still asks before it is upgraded), or
format 2 once it holds what only format 2 can.  The same rules as for a file hold: a
version newer than the app reads is refused, naming both, before anything is read.

It is written from a :class:`Snapshot` (immutable: taken on the GUI thread, encoded on a
worker thread) in pieces (:func:`iter_envelope`), and read through the one JSON reader.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from .change import Change
from .file_records import file_version
from .fileformat import iter_compact_json, timeline_from_data
from .format_versions import version_to_keep
from .jsonio import dumps, json_head, read_json_bytes
from .model import Timeline, replace
from .problems import LoadError, Problem
from .safe_read import DOCUMENT_LIMIT, read_regular_file

FORMAT = "timeline-app-recovery"
VERSION = 1


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What a recovery file holds, taken at one moment."""

    timeline: Timeline
    texts: Mapping[str, str] = field(default_factory=dict)
    original_path: Path | None = None
    saved_at: datetime = field(default_factory=lambda: datetime.now().astimezone())

    @classmethod
    def take(cls, timeline: Timeline, texts: Mapping[str, str], path: Path | None) -> Snapshot:
        """A copy that later edits cannot reach (the lists are copied, the records are
        immutable)."""
        copy = replace(
            timeline,
            events=list(timeline.events),
            actors=list(timeline.actors),
            sources=list(timeline.sources),
            links=list(timeline.links),
            eras=list(timeline.eras),
            review=dict(timeline.review),
        )
        original = Path(os.path.realpath(path)) if path is not None else None
        return cls(copy, dict(texts), original)


def iter_envelope(
    snapshot: Snapshot, cancelled: Callable[[], bool] = lambda: False
) -> Iterator[bytes]:
    """The recovery file's bytes, in pieces (see
    :func:`~timeline_app.core.fileformat.iter_compact_json`)."""
    version = version_to_keep(snapshot.timeline)
    head = {
        "format": FORMAT,
        "version": VERSION,
        "original_path": str(snapshot.original_path) if snapshot.original_path else None,
        "saved_at": snapshot.saved_at.isoformat(timespec="seconds"),
        "title": snapshot.timeline.title,
        "timeline_version": version,
    }
    yield dumps(head)[:-1].encode("utf-8") + b',"timeline":'
    for piece in iter_compact_json(snapshot.timeline, cancelled, version):
        yield piece.encode("utf-8")
    texts = dumps(dict(snapshot.texts))
    yield b',"texts":' + texts.encode("utf-8") + b"}"


@dataclass(frozen=True, slots=True)
class RecoveryFile:
    """A recovery file left behind by an instance that did not close normally."""

    path: Path
    original_path: Path | None
    saved_at: datetime
    title: str

    def description(self) -> str:
        """One paragraph for the question: what, where, when."""
        try:
            when = self.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")
        except (ValueError, OverflowError):  # a time at the very edge of the calendar
            when = self.saved_at.strftime("%Y-%m-%d %H:%M")
        if self.original_path is None:
            what = f"the new timeline “{self.title or 'Untitled'}”, never saved"
        else:
            what = f"“{self.original_path.name}” ({self.original_path.parent})"
        return f"Unsaved changes to {what}, from {when}, were recovered."


@dataclass(frozen=True, slots=True)
class Recovered:
    """The work a recovery file holds."""

    file: RecoveryFile
    timeline: Timeline
    texts: dict[str, str]


def read_recovery(path: Path) -> Recovered:
    """Read a recovery file.  Raises LoadError (with the path) or OSError."""
    try:
        data = read_json_bytes(read_regular_file(path, DOCUMENT_LIMIT, head=json_head))
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise LoadError([Problem("format", f'must be "{FORMAT}"')])
        envelope = data.get("version")
        if isinstance(envelope, int) and not isinstance(envelope, bool) and envelope > VERSION:
            message = (
                f"this recovery file is in version {envelope}, newer than this app reads "
                f"(version {VERSION})"
            )
            raise LoadError([Problem("version", message)])
        if envelope != VERSION:
            raise LoadError([Problem("version", f"must be {VERSION}")])
        version = data.get("timeline_version")
        if version is not None:  # (written since format 2; the timeline says it too)
            try:
                file_version({"version": version})
            except LoadError as exc:
                raise LoadError(
                    [replace(p, where="timeline_version") for p in exc.problems]
                ) from None
        texts = data.get("texts", {})
        if not isinstance(texts, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in texts.items()
        ):
            raise LoadError([Problem("texts", "must map source ids to texts")])
        original = data.get("original_path")
        if not isinstance(original, (str, type(None))) or (original and "\0" in original):
            raise LoadError([Problem("original_path", "must be a path or null")])
        timeline = timeline_from_data(data.get("timeline"))
    except LoadError as exc:
        raise LoadError(exc.problems, path) from None
    file = RecoveryFile(
        path=path,
        original_path=Path(original) if original else None,
        saved_at=_saved_at(data.get("saved_at"), path),
        title=str(data.get("title") or ""),
    )
    return Recovered(file, timeline, dict(texts))


def _saved_at(value: Any, path: Path) -> datetime:
    """When the file says it was written, in local time; else when it was last changed (a
    time it cannot hold, such as year 1 in a zone east of here, is not believed)."""
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value).astimezone()
        except (ValueError, OverflowError):
            pass
    return datetime.fromtimestamp(path.stat().st_mtime).astimezone()


def restore_change(
    current: Timeline, restored: Timeline, texts: Mapping[str, str], pending: Mapping[str, str]
) -> Change | None:
    """One change turning ``current`` into ``restored`` with its texts (None: no difference).

    ``pending`` is the document's current in-memory texts (the "before" of each text).
    """
    old = {e.id: e for e in current.events}
    new = {e.id: e for e in restored.events}
    removed = tuple(e for e in current.events if new.get(e.id) != e)
    added = tuple(e for e in restored.events if old.get(e.id) != e)
    actors = (tuple(current.actors), tuple(restored.actors))
    sources = (tuple(current.sources), tuple(restored.sources))
    title = (current.title, restored.title)
    links = (tuple(current.links), tuple(restored.links))
    eras = (tuple(current.eras), tuple(restored.eras))
    review = (current.review, restored.review)
    change = Change(
        "Restore unsaved changes",
        removed=removed,
        added=added,
        actors=actors if actors[0] != actors[1] else None,
        sources=sources if sources[0] != sources[1] else None,
        title=title if title[0] != title[1] else None,
        links=links if links[0] != links[1] else None,
        eras=eras if eras[0] != eras[1] else None,
        review=review if review[0] != review[1] else None,
        texts={k: (pending.get(k), v) for k, v in texts.items() if pending.get(k) != v},
    )
    empty = Change(change.description)
    return None if change == empty else change
