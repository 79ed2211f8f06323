"""The recovery file: unsaved work written as it was and read back whole, and a damaged or
hostile recovery file refused with the module's errors (LoadError naming the file, or an
OSError such as RefusedFile), never with another exception that would stop the app's start."""

from __future__ import annotations

import copy
import json
import os
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from paths import DATASET

from timeline_app.core.change import Change
from timeline_app.core.dates import parse_iso
from timeline_app.core.fileformat import Cancelled, load_timeline, timeline_to_data
from timeline_app.core.format_versions import format_2_places
from timeline_app.core.jsonio import read_json_bytes
from timeline_app.core.model import Actor, Event, Quote, Source, Timeline, replace
from timeline_app.core.problems import LoadError
from timeline_app.core.recovery_format import (
    FORMAT,
    VERSION,
    Recovered,
    RecoveryFile,
    Snapshot,
    iter_envelope,
    read_recovery,
    restore_change,
)
from timeline_app.core.safe_read import RefusedFile
from timeline_app.core.store import TimelineStore

BOUNDED = settings(max_examples=50, deadline=None)
RAMANI = "ramani-north-korean-troops"
ERRORS = (LoadError, OSError)  # what read_recovery may raise (its docstring, and the app)
EVENTS = len(json.loads(DATASET.read_text(encoding="utf-8"))["events"])  # the bundled ones


@pytest.fixture(scope="module")
def dataset() -> Timeline:
    return load_timeline(DATASET)


@pytest.fixture
def local_tz(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    """Set the local time zone (a POSIX TZ string: no time zone database needed)."""
    if not hasattr(time, "tzset"):
        pytest.skip("the local time zone cannot be changed here")

    def set_tz(tz: str) -> None:
        monkeypatch.setenv("TZ", tz)
        time.tzset()

    yield set_tz
    monkeypatch.undo()
    time.tzset()


def write(path: Path, snapshot: Snapshot) -> Path:
    path.write_bytes(b"".join(iter_envelope(snapshot)))
    return path


def envelope(**changes: Any) -> dict[str, Any]:
    """A valid recovery file's data, with some keys changed (a value of ... drops the key)."""
    data: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "original_path": "/home/user/timelines/kursk.json",
        "saved_at": "2025-01-31T12:34:56+01:00",
        "title": "Kursk",
        "timeline": {"format": "timeline-app", "version": 1, "title": "Kursk"},
        "texts": {"notes": "typed, not saved"},
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not ...}


def write_data(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def read_or_refuse(path: Path) -> Recovered | None:
    """The recovery, or None when refused with the module's errors (the refusal names the
    file); any other exception fails the test."""
    try:
        recovered = read_recovery(path)
    except LoadError as exc:
        assert exc.path == str(path) and exc.problems
        return None
    except OSError:
        return None
    assert isinstance(recovered.file.description(), str)  # what the app asks at start-up
    return recovered


# -- round trip ----------------------------------------------------------------------------
def test_unsaved_work_is_read_back_as_it_was(dataset: Timeline, tmp_path: Path) -> None:
    original = tmp_path / "kursk.json"
    original.write_text("{}")
    texts = {RAMANI: "An edited article.\n\nWith “quotes” and <b>markup</b>.", "new": "x"}
    when = datetime(2025, 1, 31, 12, 34, 56, 789, tzinfo=timezone(timedelta(hours=1)))
    snapshot = replace(Snapshot.take(dataset, texts, original), saved_at=when)
    path = write(tmp_path / "recovery.json", snapshot)

    recovered = read_recovery(path)
    assert recovered.timeline == dataset
    assert recovered.texts == texts
    assert recovered.file == RecoveryFile(
        path, original, when.replace(microsecond=0), dataset.title
    )
    assert read_json_bytes(path.read_bytes())["timeline"] == timeline_to_data(dataset)


def test_a_never_saved_timeline_is_read_back_with_no_path(tmp_path: Path) -> None:
    timeline = Timeline("", events=[Event("e", "E", parse_iso("2024"))])
    recovered = read_recovery(write(tmp_path / "r.json", Snapshot.take(timeline, {}, None)))
    assert recovered.file.original_path is None
    assert recovered.timeline == timeline and recovered.texts == {}
    assert "never saved" in recovered.file.description()
    assert "Untitled" in recovered.file.description()


def test_the_original_path_is_the_real_file_behind_a_link(
    dataset: Timeline, tmp_path: Path
) -> None:
    real = tmp_path / "real" / "kursk.json"
    real.parent.mkdir()
    real.write_text("{}")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    recovered = read_recovery(write(tmp_path / "r.json", Snapshot.take(dataset, {}, link)))
    assert recovered.file.original_path == real.resolve()
    assert "“kursk.json”" in recovered.file.description()
    assert str(real.resolve().parent) in recovered.file.description()


def test_a_snapshot_is_not_reached_by_later_edits(dataset: Timeline) -> None:
    timeline = copy.deepcopy(dataset)
    texts = {RAMANI: "before"}
    snapshot = Snapshot.take(timeline, texts, None)
    timeline.events.append(Event("late", "Late", parse_iso("2025")))
    timeline.actors.clear()
    timeline.sources.clear()
    timeline.title = "Renamed"
    texts[RAMANI] = "after"
    assert snapshot.timeline == dataset
    assert snapshot.texts == {RAMANI: "before"}


def test_thousands_of_events_written_in_pieces_read_back(tmp_path: Path) -> None:
    events = [Event(f"e{i}", f"Event {i}", parse_iso(f"{1900 + i % 120}")) for i in range(1234)]
    timeline = Timeline("Many", actors=[Actor("a", "A")], events=events)
    pieces = list(iter_envelope(Snapshot.take(timeline, {}, None)))
    assert len(pieces) > 4  # the events go a slice at a time
    (tmp_path / "r.json").write_bytes(b"".join(pieces))
    assert read_recovery(tmp_path / "r.json").timeline == timeline


def test_a_write_no_longer_wanted_stops(dataset: Timeline) -> None:
    with pytest.raises(Cancelled):
        b"".join(iter_envelope(Snapshot.take(dataset, {}, None), cancelled=lambda: True))


TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | TEXT
    | st.floats(allow_nan=False, allow_infinity=False),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=8,
)  # fmt: skip


@BOUNDED
@given(
    title=TEXT,
    event_title=TEXT.filter(str.strip),
    quote=TEXT.filter(str.strip),
    extra=st.dictionaries(st.sampled_from(["reviewed_by", "x-tool", "ünknown"]), JSON_VALUE),
    texts=st.dictionaries(TEXT, TEXT, max_size=3),
    path=st.one_of(st.none(), TEXT.filter(lambda p: p.strip() and "\0" not in p and "/" not in p)),
)
def test_any_work_is_read_back_as_it_was(
    tmp_path_factory: pytest.TempPathFactory,
    title: str,
    event_title: str,
    quote: str,
    extra: dict[str, Any],
    texts: dict[str, str],
    path: str | None,
) -> None:
    folder = tmp_path_factory.mktemp("roundtrip")
    event = Event(
        "e", event_title, parse_iso("2024-11-01"), parse_iso("2024-11-05"), actors=("a",),
        summary=quote, quotes=(Quote("s", quote, extra),), extra=extra,
    )  # fmt: skip
    timeline = Timeline(
        title, [Source("s", "S", extra=extra)], [Actor("a", "A")], [event], extra=extra
    )
    original = folder / path if path is not None else None
    snapshot = Snapshot.take(timeline, texts, original)
    recovered = read_recovery(write(folder / "r.json", snapshot))
    assert recovered.timeline == timeline
    assert recovered.texts == texts
    assert recovered.file.title == title
    assert recovered.file.original_path == snapshot.original_path
    assert recovered.file.saved_at == snapshot.saved_at.replace(microsecond=0)


# -- damaged and hostile files -------------------------------------------------------------
@pytest.mark.parametrize(
    ("changes", "where"),
    [({"format": ...}, "format"), ({"format": "timeline-app"}, "format"),
     ({"format": FORMAT.upper()}, "format"), ({"version": ...}, "version"),
     ({"version": 2}, "version"), ({"version": "1"}, "version"), ({"version": None}, "version"),
     ({"texts": None}, "texts"), ({"texts": ["a"]}, "texts"), ({"texts": {"a": 1}}, "texts"),
     ({"texts": {"a": None}}, "texts"), ({"original_path": 5}, "original_path"),
     ({"original_path": ["/x"]}, "original_path"),
     ({"original_path": "/tmp/a\0b"}, "original_path"),
     ({"timeline": ...}, "document"), ({"timeline": None}, "document"),
     ({"timeline": []}, "document"), ({"timeline": {"format": "timeline-app"}}, "version"),
     ({"timeline": {"format": "timeline-app", "version": 1,
                    "events": [{"id": "e", "title": "E", "start": "soon"}]}},
      "events[0] (e).start"),
     ({"timeline": {"events": [{"start_date": {"year": 2024}}]}}, "")],
)  # fmt: skip
def test_a_damaged_envelope_is_refused_with_where_and_the_file(
    tmp_path: Path, changes: dict[str, Any], where: str
) -> None:
    path = write_data(tmp_path / "r.json", envelope(**changes))
    with pytest.raises(LoadError) as caught:
        read_recovery(path)
    assert caught.value.path == str(path)
    assert str(path) in str(caught.value)
    assert where in [p.where for p in caught.value.problems]


@pytest.mark.parametrize(
    "raw",
    [b"", b"   \n", b"[]", b"[null]", b"{", b'{"format": "timeline-app-recovery",',
     '{"a": 1}'.encode("utf-16"), b"\xef\xbb\xbf[1]", b'{"title": "\xff\xfe"}',
     b'{"format": NaN}', b'{"version": 1e400}', b'{"a": 1, "a": 2}', b"[" * 100_000,
     b'{"title": "\\ud800"}', b'{"format": "timeline-app-recovery", "version": 1, '
     b'"timeline": {"format": "timeline-app", "version": ' + b"9" * 5000 + b"}}"],
)  # fmt: skip
def test_a_file_that_is_not_a_readable_recovery_is_refused(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "r.json"
    path.write_bytes(raw)
    with pytest.raises(LoadError) as caught:
        read_recovery(path)
    assert caught.value.path == str(path)


@pytest.mark.parametrize(
    "raw", [b"garbage", b"null", b'"text"', b"\x00\x00\x00\x01", b"<html>", b"\x89PNG\r\n"]
)
def test_a_file_that_is_not_json_at_all_is_refused_before_it_is_read(
    tmp_path: Path, raw: bytes
) -> None:
    path = tmp_path / "r.json"
    path.write_bytes(raw + b" " * 10_000)
    with pytest.raises(ERRORS):
        read_recovery(path)


def test_a_recovery_path_that_is_not_a_regular_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "folder.json").mkdir()
    with pytest.raises(RefusedFile, match="folder"):
        read_recovery(tmp_path / "folder.json")
    with pytest.raises(FileNotFoundError):
        read_recovery(tmp_path / "gone.json")
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.json")
        with pytest.raises(RefusedFile, match="pipe"):
            read_recovery(tmp_path / "pipe.json")  # refused, not waited on


@pytest.mark.parametrize("saved_at", [..., None, 17, "", "yesterday", "2025-13-01", [2025]])
def test_an_unreadable_save_time_is_the_files_time(tmp_path: Path, saved_at: Any) -> None:
    path = write_data(tmp_path / "r.json", envelope(saved_at=saved_at))
    os.utime(path, (1_700_000_000, 1_700_000_000))
    when = read_recovery(path).file.saved_at
    assert when.tzinfo is not None
    assert when.timestamp() == 1_700_000_000


def test_a_save_time_without_a_zone_is_local_time(
    tmp_path: Path, local_tz: Callable[[str], None]
) -> None:
    local_tz("<+05>-5")  # five hours east of UTC
    path = write_data(tmp_path / "r.json", envelope(saved_at="2025-01-31T12:34:56"))
    when = read_recovery(path).file.saved_at
    assert when == datetime(2025, 1, 31, 7, 34, 56, tzinfo=timezone.utc)


def test_the_description_gives_the_time_in_local_time(
    tmp_path: Path, local_tz: Callable[[str], None]
) -> None:
    local_tz("UTC0")
    path = write_data(tmp_path / "r.json", envelope())
    description = read_recovery(path).file.description()
    assert "2025-01-31 11:34" in description  # saved at 12:34 one hour east of UTC
    assert "“kursk.json” (/home/user/timelines)" in description


@pytest.mark.parametrize("title", [..., None, "", 5, ["x"], {"a": 1}, "<b>x</b>\n\x1b[2J"])
def test_any_title_is_text_and_none_is_untitled(tmp_path: Path, title: Any) -> None:
    path = write_data(tmp_path / "r.json", envelope(title=title, original_path=None))
    file = read_recovery(path).file
    assert isinstance(file.title, str)
    if not title:
        assert "Untitled" in file.description()


@BOUNDED
@given(
    key=st.sampled_from(["format", "version", "original_path", "saved_at", "title", "timeline",
                         "texts", "other"]),
    value=JSON_VALUE | st.datetimes(min_value=datetime(1900, 1, 1),
                                    max_value=datetime(2100, 1, 1)).map(datetime.isoformat),
)  # fmt: skip
def test_any_value_in_an_envelope_is_read_or_refused(
    tmp_path_factory: pytest.TempPathFactory, key: str, value: Any
) -> None:
    # (years near 1 and 9999: see the calendar-edge tests below)
    path = write_data(tmp_path_factory.mktemp("fuzz") / "r.json", envelope(**{key: value}))
    read_or_refuse(path)


@pytest.fixture(scope="module")
def valid_bytes(dataset: Timeline) -> bytes:
    return b"".join(iter_envelope(Snapshot.take(dataset, {RAMANI: "text"}, Path("/x/y.json"))))


@BOUNDED
@given(
    edits=st.lists(
        st.tuples(st.sampled_from(["cut", "flip", "insert", "drop"]), st.floats(0, 1),
                  st.binary(min_size=1, max_size=4)),
        min_size=1, max_size=3,
    )
)  # fmt: skip
def test_a_garbled_recovery_file_is_read_or_refused(
    tmp_path_factory: pytest.TempPathFactory,
    valid_bytes: bytes,
    edits: list[tuple[str, float, bytes]],
) -> None:
    raw = valid_bytes
    for kind, where, data in edits:
        i = int(where * len(raw))
        if kind == "cut":
            raw = raw[:i]
        elif kind == "flip":
            raw = raw[:i] + data[:1] + raw[i + 1 :]
        elif kind == "insert":
            raw = raw[:i] + data + raw[i:]
        else:
            raw = raw[:i] + raw[i + len(data) * 50 :]
    path = tmp_path_factory.mktemp("garbled") / "r.json"
    path.write_bytes(raw)
    read_or_refuse(path)


@pytest.mark.parametrize(
    "raw",
    [b'{"texts": {"a": "1", "a": "2"}, "version": ',  # a recovery file cut short
     b'{"texts": {"a": "1", "a": "2"}, x}'],
)  # fmt: skip
def test_a_duplicate_key_then_a_syntax_error_is_refused(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "r.json"
    path.write_bytes(raw)
    with pytest.raises(LoadError, match="JSON syntax error"):
        read_recovery(path)


def test_a_save_time_at_the_edge_of_the_calendar_does_not_stop_the_start(
    tmp_path: Path, local_tz: Callable[[str], None]
) -> None:
    local_tz("UTC0")
    path = write_data(tmp_path / "r.json", envelope(saved_at="0001-01-01T00:00:00+01:00"))
    read_or_refuse(path)


def test_a_save_time_without_a_zone_at_the_edge_of_the_calendar_is_read_or_refused(
    tmp_path: Path, local_tz: Callable[[str], None]
) -> None:
    local_tz("<-12>12")  # twelve hours west of UTC
    path = write_data(tmp_path / "r.json", envelope(saved_at="9999-12-31T23:59:59"))
    read_or_refuse(path)


# -- restoring -----------------------------------------------------------------------------
def restored_in(
    current: Timeline, change: Any, pending: dict[str, str]
) -> tuple[TimelineStore, Change]:
    """The store after the restore, and the change as applied (its inverse is the undo)."""
    store = TimelineStore(copy.deepcopy(current))
    for source_id, text in pending.items():
        store.texts.set_text(source_id, text)
    return store, store.apply(change)


def test_restoring_is_one_change_to_the_recovered_work_and_undo_gives_back_the_file(
    dataset: Timeline,
) -> None:
    edited = replace(dataset.events[3], title="Russia invades")
    added = Event("new", "New", parse_iso("2025"), actors=("belarus",))
    restored = replace(
        dataset,
        title="Recovered",
        actors=[*dataset.actors, Actor("belarus", "Belarus")],
        events=[*dataset.events[:3], edited, *dataset.events[5:], added],
    )
    texts = {RAMANI: "typed text", "other": "held"}
    pending = {"other": "held"}
    change = restore_change(dataset, restored, texts, pending)
    assert change is not None and change.description == "Restore unsaved changes"
    assert change.texts == {RAMANI: (None, "typed text")}  # "other" was already held
    store, change = restored_in(dataset, change, pending)
    assert store.timeline == restored
    assert store.texts.pending() == texts
    store.apply(change.inverted())
    assert store.timeline == dataset  # every event back in its place in the file
    assert store.texts.pending() == pending


def test_restoring_the_same_work_is_no_change(dataset: Timeline) -> None:
    same = copy.deepcopy(dataset)
    assert restore_change(dataset, same, {}, {}) is None
    assert restore_change(dataset, same, {RAMANI: "held"}, {RAMANI: "held"}) is None


def test_restoring_only_a_text_touches_no_record(dataset: Timeline) -> None:
    change = restore_change(dataset, copy.deepcopy(dataset), {RAMANI: "new"}, {RAMANI: "old"})
    assert change is not None
    assert not change.touches_events and change.actors is change.sources is change.title is None
    store, change = restored_in(dataset, change, {RAMANI: "old"})
    assert store.texts.pending() == {RAMANI: "new"}
    store.apply(change.inverted())
    assert store.texts.pending() == {RAMANI: "old"}


@BOUNDED
@given(
    keep=st.lists(st.booleans(), min_size=EVENTS, max_size=EVENTS),
    retitle=st.lists(st.booleans(), min_size=EVENTS, max_size=EVENTS),
    new=st.integers(0, 3),
    title=st.sampled_from(["", "Recovered"]),
    drop_actor=st.booleans(),
    new_source=st.booleans(),
)
def test_restoring_any_work_gives_that_work_and_undo_the_file(
    dataset: Timeline,
    keep: list[bool],
    retitle: list[bool],
    new: int,
    title: str,
    drop_actor: bool,
    new_source: bool,
) -> None:
    events = [
        replace(e, title=e.title + " (edited)") if r else e
        for e, k, r in zip(dataset.events, keep, retitle, strict=True)
        if k
    ]
    events += [Event(f"new-{i}", f"New {i}", parse_iso("2025")) for i in range(new)]
    restored = replace(
        dataset,
        title=title or dataset.title,
        events=events,
        actors=[a for a in dataset.actors if a.id != "iran" or not drop_actor],  # unused
        sources=[*dataset.sources, Source("extra", "Extra")] if new_source else dataset.sources,
    )
    change = restore_change(dataset, restored, {}, {})
    if restored == dataset:
        assert change is None
        return
    assert change is not None
    store, change = restored_in(dataset, change, {})
    assert store.timeline == restored
    store.apply(change.inverted())
    assert store.timeline.title == dataset.title
    assert (store.timeline.actors, store.timeline.sources) == (dataset.actors, dataset.sources)
    assert {e.id: e for e in store.timeline.events} == {e.id: e for e in dataset.events}


# -- format versions -----------------------------------------------------------------------
def test_work_on_a_format_1_file_is_recovered_as_format_1_work(tmp_path: Path) -> None:
    """So saving it still asks before the file is upgraded."""
    t = load_timeline(DATASET)
    old = replace(
        t,
        version=1,
        sources=[  # without the grades and notes of format 2
            Source(s.id, s.title, s.author, s.publication, s.published, s.url,
                   s.archive_url, s.accessed, s.text_file, s.extra)
            for s in t.sources
        ],
        events=[  # quotes without credibility, stance and note
            replace(e, quotes=tuple(Quote(q.source, q.text, q.extra) for q in e.quotes))
            for e in t.events
        ],
        links=[], eras=[],  # nor links and eras
    )  # fmt: skip
    assert format_2_places(old) == []  # all a format 1 file can hold
    path = write(tmp_path / "r.json", Snapshot.take(old, {}, None))
    envelope = read_json_bytes(path.read_bytes())
    assert envelope["timeline_version"] == 1 == envelope["timeline"]["version"]
    assert read_recovery(path).timeline == old


def test_format_2_work_is_recovered_whole_even_from_a_format_1_file(tmp_path: Path) -> None:
    from timeline_app.core.model import Link, LinkBasis, LinkType

    t = load_timeline(DATASET)
    a, b = t.events[0].id, t.events[1].id
    work = replace(t, version=1, links=[Link("l", a, b, LinkType.LED_TO, LinkBasis.ANALYST)])
    path = write(tmp_path / "r.json", Snapshot.take(work, {}, None))
    recovered = read_recovery(path).timeline
    assert recovered.links == work.links and recovered.version == 2


def test_recovered_work_of_a_newer_format_is_refused_naming_both_versions(
    dataset: Timeline, tmp_path: Path
) -> None:
    path = write(tmp_path / "r.json", Snapshot.take(dataset, {}, None))
    data = read_json_bytes(path.read_bytes())
    data["timeline_version"] = 3
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        read_recovery(path)
    (problem,) = caught.value.problems
    assert "format 3, newer than this app reads (format 2)" in problem.message


def test_restoring_brings_back_links_eras_and_review_marks(dataset: Timeline) -> None:
    from timeline_app.core.model import Era, Link, LinkBasis, LinkType, ProposalMark

    a, b = dataset.events[0].id, dataset.events[1].id
    restored = replace(
        dataset,
        links=[Link("l", a, b, LinkType.LED_TO, LinkBasis.ANALYST)],
        eras=[Era("war", "War", parse_iso("2022-02-24"))],
        review={RAMANI: (ProposalMark(0, 5, "0123456789abcdef"),)},
    )
    change = restore_change(dataset, restored, {}, {})
    assert change is not None
    store, change = restored_in(dataset, change, {})
    assert store.timeline == restored
    store.apply(change.inverted())
    assert store.timeline == dataset


@pytest.mark.parametrize(
    ("field", "value", "where", "words"),
    [
        ("timeline_version", "x", "timeline_version", "must be a whole number"),
        ("timeline_version", 3, "timeline_version", "format 3, newer than this app"),
        ("version", 2, "version", "recovery file is in version 2, newer than this app reads"),
    ],
)
def test_an_envelope_of_a_newer_version_is_refused_with_its_place(
    dataset: Timeline, tmp_path: Path, field: str, value: Any, where: str, words: str
) -> None:
    path = write(tmp_path / "r.json", Snapshot.take(dataset, {}, None))
    data = read_json_bytes(path.read_bytes())
    data[field] = value
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        read_recovery(path)
    (problem,) = caught.value.problems
    assert problem.where == where and words in problem.message
