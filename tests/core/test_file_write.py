"""The quick writer (msgspec structs) writes exactly the bytes of the plain one (dicts through
the standard library), and a save says what it wrote."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.core.dates import TimelineDate, parse_iso
from timeline_app.core.file_read import load_timeline
from timeline_app.core.file_write import (
    save_timeline,
    timeline_chunks,
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
    assert b"".join(timeline_chunks(t)) == plain


def test_a_save_returns_the_fingerprint_of_the_file_it_wrote(tmp_path: Path) -> None:
    evs = [Event(f"e{i}", f"Event {i}", parse_iso("2024-11-01")) for i in range(50)]
    path = tmp_path / "t.json"
    digest = save_timeline(timeline(evs, {}), path)
    assert digest == digest_regular_file(path, DOCUMENT_LIMIT)
    assert [e.id for e in load_timeline(path).events] == [e.id for e in evs]
