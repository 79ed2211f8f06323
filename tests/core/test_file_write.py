"""The quick writer (msgspec structs) writes exactly the bytes of the plain one (dicts through
the standard library), and a save says what it wrote."""

from __future__ import annotations

import errno
import io
import os
import threading
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.core import file_write
from timeline_app.core.dates import TimelineDate, parse_iso
from timeline_app.core.file_read import load_timeline
from timeline_app.core.file_write import (
    save_timeline,
    timeline_pieces,
    timeline_to_bytes,
    timeline_to_data,
)
from timeline_app.core.jsonio import dumps
from timeline_app.core.model import Actor, DateBasis, Event, Quote, Source, Status, Timeline
from timeline_app.core.safe_read import DOCUMENT_LIMIT, digest_regular_file

texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
dates = st.sampled_from(["1953", "1980s", "2016-12-22", "2024-11", "2024-11-01"]).map(parse_iso)
extras = st.dictionaries(st.sampled_from(["x_a", "x_b"]), st.integers() | texts, max_size=2)


def with_extra(draw: st.DrawFn) -> dict[str, Any]:
    return draw(extras) if draw(st.integers(0, 4)) == 0 else {}  # mostly none, as in files


@st.composite
def quotes(draw: st.DrawFn) -> Quote:
    return Quote(draw(st.sampled_from(["a", "b"])), draw(texts.filter(str.strip)), with_extra(draw))


@st.composite
def events(draw: st.DrawFn) -> Event:
    start: TimelineDate = draw(dates)
    end = draw(st.none() | dates.filter(lambda d: d.start >= start.start))
    return Event(
        draw(st.from_regex(r"[a-z]{1,6}", fullmatch=True)),
        draw(texts.filter(str.strip)),
        start,
        end,
        tuple(draw(st.lists(st.sampled_from(["nk", "ru"]), max_size=2, unique=True))),
        draw(st.sampled_from(Status)),
        draw(st.sampled_from(DateBasis)),
        tuple(draw(st.lists(texts, max_size=2))),
        draw(texts),
        tuple(draw(st.lists(quotes(), max_size=2))),
        draw(texts),
        with_extra(draw),
    )


def timeline(evs: list[Event], extra: dict[str, Any]) -> Timeline:
    return Timeline(
        "T",
        [Source("a", "Article"), Source("b", "Brief", published=parse_iso("2024-11"))],
        [Actor("nk", "North Korea", "#d55e00"), Actor("ru", "Russia")],
        evs,
        extra,
    )


@settings(max_examples=150, deadline=None)
@given(st.lists(events(), max_size=6), extras)
def test_the_quick_writer_writes_the_bytes_the_standard_library_writes(
    evs: list[Event], extra: dict[str, Any]
) -> None:
    """Every kind of event (a field left out or not, fields the app does not know on the
    event or on a quote, which go the slow way) in the same key order, byte for byte."""
    t = timeline(evs, extra)
    plain = (dumps(timeline_to_data(t), indent=2) + "\n").encode("utf-8")
    assert timeline_to_bytes(t) == plain
    for per_slice in (1, 2, 5):  # a save encodes the events a slice at a time
        assert b"".join(timeline_pieces(t, per_slice=per_slice)) == plain


def test_a_save_returns_the_fingerprint_of_the_file_it_wrote(tmp_path: Path) -> None:
    evs = [Event(f"e{i}", f"Event {i}", parse_iso("2024-11-01")) for i in range(50)]
    path = tmp_path / "t.json"
    digest = save_timeline(timeline(evs, {}), path)
    assert digest == digest_regular_file(path, DOCUMENT_LIMIT)
    assert [e.id for e in load_timeline(path).events] == [e.id for e in evs]


def encoders() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "encode"]


def numbered(n: int) -> list[Event]:
    return [Event(f"e{i}", f"Event {i}", parse_iso("2024-11-01")) for i in range(n)]


def old_file(folder: Path) -> Path:
    """A file a failed save must leave as it was."""
    path = folder / "t.json"
    path.write_bytes(b"the old file")
    return path


def test_a_save_in_many_slices_writes_the_file_and_its_fingerprint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(file_write, "SAVE_SLICE", 7)  # encoded by a thread, 7 at a time
    evs = numbered(50)
    path = tmp_path / "t.json"
    digest = save_timeline(timeline(evs, {}), path)
    assert path.read_bytes() == timeline_to_bytes(timeline(evs, {}))
    assert digest == digest_regular_file(path, DOCUMENT_LIMIT)
    assert not encoders()


def test_a_text_that_cannot_be_written_halfway_leaves_the_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(file_write, "SAVE_SLICE", 5)
    path = old_file(tmp_path)
    evs = numbered(30)
    evs[22] = Event("bad", "half a pair \ud800", parse_iso("2024"))  # in the fifth slice
    with pytest.raises(UnicodeEncodeError):
        save_timeline(timeline(evs, {}), path)
    assert path.read_bytes() == b"the old file"
    assert [p.name for p in tmp_path.iterdir()] == ["t.json"]  # no temporary file left
    assert not encoders()


def test_a_disk_that_fills_up_stops_the_encoding_and_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(file_write, "SAVE_SLICE", 3)
    path = old_file(tmp_path)

    class Full(io.BufferedWriter):
        """A file on a disk with room for two pieces."""

        writes = 0

        def write(self, data: Any) -> int:
            Full.writes += 1
            if Full.writes > 2:
                raise OSError(errno.ENOSPC, "No space left on device")
            return super().write(data)

    monkeypatch.setattr(os, "fdopen", lambda fd, mode: Full(io.FileIO(fd, "w")))
    with pytest.raises(OSError, match="No space"):
        save_timeline(timeline(numbered(300), {}), path)
    assert Full.writes == 3  # and no more: the encoding stopped
    assert path.read_bytes() == b"the old file"
    assert not encoders()
