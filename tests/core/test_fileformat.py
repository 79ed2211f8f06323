from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.core import atomic
from timeline_app.core.dates import parse_iso
from timeline_app.core.fileformat import (
    LoadError,
    load_timeline,
    save_timeline,
    timeline_from_data,
    timeline_from_text,
    timeline_to_text,
)
from timeline_app.core.model import Event, Status


def doc(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "format": "timeline-app",
        "version": 1,
        "title": "Test",
        "sources": [{"id": "art", "title": "An article", "text_file": "art.txt"}],
        "actors": [{"id": "nk", "name": "North Korea"}, {"id": "ru", "name": "Russia"}],
        "events": [
            {
                "id": "armistice",
                "title": "Armistice",
                "start": "1953",
                "actors": ["nk"],
                "quotes": [{"source": "art", "text": "ended in 1953"}],
            },
            {"id": "brigade", "title": "Fifth Brigade", "start": "1980s", "end": "1987"},
        ],
    }
    base.update(overrides)
    return base


def problems(data: Any) -> list[str]:
    with pytest.raises(LoadError) as info:
        timeline_from_data(data)
    return [f"{p.where}: {p.message}" for p in info.value.problems]


def test_a_valid_document_loads_with_defaults() -> None:
    t = timeline_from_data(doc())
    assert [e.id for e in t.events] == ["armistice", "brigade"]
    first = t.events[0]
    assert first.status is Status.REPORTED
    assert first.start == parse_iso("1953")
    assert t.events[1].end == parse_iso("1987")


def test_every_problem_is_reported_at_once_with_where_it_is() -> None:
    data = doc()
    data["events"] += [
        {"id": "aleppo-2016", "title": "Aleppo", "start": "2016-13"},
        {"id": "armistice", "title": "Again", "start": "1953"},
        {"id": "x", "title": 5, "start": "2000", "actors": ["nobody"]},
        {"title": "No id or start"},
        {"id": "back", "title": "Backwards", "start": "2020", "end": "2019"},
        {"id": "q", "title": "Q", "start": "2020", "quotes": [{"source": "missing", "text": "a"}]},
        {"id": "st", "title": "S", "start": "2020", "status": "rumoured"},
        "not an object",
    ]
    found = problems(data)
    expected = [
        "events[2] (aleppo-2016).start: '2016-13' is not a date",
        "events[3] (armistice).id: duplicate id (also events[0])",
        "events[4] (x).title: must be a string, not a number",
        "events[4] (x).actors: unknown actor id 'nobody'",
        "events[5].start: is required",
        "events[5].id: is required",
        "events[6] (back).end: 2019 is before the start 2020",
        "events[7] (q).quotes[0].source: unknown source id 'missing'",
        "events[8] (st).status: 'rumoured' is not one of: reported, alleged, disputed, denied",
        "events[9]: must be an object, not a string",
    ]
    for e in expected:
        assert any(f.startswith(e) for f in found), (e, found)
    assert len(found) == len(expected)


def test_structural_errors_of_the_document_itself() -> None:
    assert problems([]) == ["document: must be an object, not a list"]
    found = problems({"format": "other", "version": 9, "events": {}})
    assert any(f.startswith("format:") for f in found)
    assert any("newer than this app" in f for f in found)
    assert "events: must be a list, not an object" in found
    found = problems(doc(actors=[{"id": "a", "name": "A", "color": "red"}, {"id": "a"}]))
    assert any("is not a colour" in f for f in found)
    assert any("actors[1] (a).name: is required" in f for f in found)
    assert any("duplicate id" in f for f in found)
    assert any(f.startswith("events[0] (armistice).actors") for f in found)


def test_json_syntax_errors_have_line_and_column() -> None:
    with pytest.raises(LoadError) as info:
        timeline_from_text('{\n  "title": "x",\n  oops\n}')
    (p,) = info.value.problems
    assert (p.line, p.column) == (3, 3)
    assert p.format("f.json").startswith("f.json:3:3: JSON syntax error")


def test_load_reports_unreadable_and_non_utf8_files(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="cannot read"):
        load_timeline(tmp_path / "missing.json")
    bad = tmp_path / "latin1.json"
    bad.write_bytes(b'{"title": "caf\xe9"}')
    with pytest.raises(LoadError, match="not UTF-8"):
        load_timeline(bad)


def test_round_trip_keeps_data_and_unknown_fields_byte_identically(tmp_path: Path) -> None:
    data = doc(x_project={"owner": "desk"})
    data["events"][0]["x_confidence"] = 0.8
    data["events"][0]["quotes"][0]["page"] = 2
    data["actors"][0]["wikidata"] = "Q423"
    data["sources"][0]["paywall"] = True
    path = tmp_path / "t.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    first = load_timeline(path)
    save_timeline(first, path)
    once = path.read_bytes()
    second = load_timeline(path)
    assert second == first
    save_timeline(second, path)
    assert path.read_bytes() == once
    text = once.decode()
    assert text.endswith("}\n") and '\n  "title": "Test",\n' in text
    written = json.loads(text)
    assert written["x_project"] == {"owner": "desk"}
    assert written["events"][0]["x_confidence"] == 0.8
    assert written["events"][0]["quotes"][0]["page"] == 2
    assert written["actors"][0]["wikidata"] == "Q423"
    assert written["sources"][0]["paywall"] is True
    assert list(written["events"][0]) == [
        "id", "title", "start", "status", "date_basis", "actors", "quotes", "x_confidence",
    ]  # fmt: skip


def test_bundled_dataset_round_trips_byte_identically(dataset_copy: Path) -> None:
    before = dataset_copy.read_bytes()
    save_timeline(load_timeline(dataset_copy), dataset_copy)
    assert load_timeline(dataset_copy) == timeline_from_text(before.decode())
    again = dataset_copy.read_bytes()
    save_timeline(load_timeline(dataset_copy), dataset_copy)
    assert dataset_copy.read_bytes() == again


def test_a_failed_write_leaves_the_old_file_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "t.json"
    path.write_text(json.dumps(doc()), encoding="utf-8")
    original = path.read_bytes()
    t = load_timeline(path)
    t.title = "Changed"

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="No space"):
        save_timeline(t, path)
    assert path.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.json"]  # no temp file left


def test_save_keeps_permissions_and_writes_through_symlinks(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text(json.dumps(doc()), encoding="utf-8")
    os.chmod(real, 0o640)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    t = load_timeline(link)
    t.title = "Via link"
    save_timeline(t, link)
    assert link.is_symlink()
    assert load_timeline(real).title == "Via link"
    assert oct(real.stat().st_mode & 0o777) == oct(0o640)


dates = st.sampled_from(["1953", "1980s", "2016-12-22", "2024-11", "2024-11-01", "1815"])
words = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)


@st.composite
def events(draw: st.DrawFn) -> dict[str, Any]:
    e: dict[str, Any] = {"id": draw(st.from_regex(r"[a-z]{1,8}", fullmatch=True)),
                         "title": draw(words.filter(str.strip)), "start": draw(dates)}  # fmt: skip
    if draw(st.booleans()):
        e["summary"] = draw(words)
    if draw(st.booleans()):
        e["tags"] = draw(st.lists(words, max_size=3))
    return e


@settings(max_examples=60)
@given(st.lists(events(), max_size=6, unique_by=lambda e: e["id"]), words)
def test_any_valid_document_round_trips(evs: list[dict[str, Any]], title: str) -> None:
    t = timeline_from_data(doc(events=evs, title=title))
    text = timeline_to_text(t)
    again = timeline_from_text(text)
    assert again == t
    assert timeline_to_text(again) == text


def test_event_sort_key_is_total_across_precisions() -> None:
    t = timeline_from_data(
        doc(
            events=[
                {"id": "d", "title": "B day", "start": "1980-01-01"},
                {"id": "y", "title": "Year", "start": "1980"},
                {"id": "c", "title": "Decade", "start": "1980s"},
                {"id": "a", "title": "A day", "start": "1980-01-01"},
                {"id": "m", "title": "Month", "start": "1980-01"},
            ]
        )
    )
    ordered = sorted(t.events, key=Event.sort_key)
    assert [e.id for e in ordered] == ["c", "y", "m", "a", "d"]


def test_a_duplicate_id_is_reported_even_on_an_event_with_other_problems() -> None:
    data = doc()
    data["events"].append({"id": "armistice", "title": "Again"})  # no start, and a duplicate
    found = problems(data)
    assert "events[2] (armistice).start: is required" in found
    assert "events[2] (armistice).id: duplicate id (also events[0])" in found


def test_a_lone_surrogate_anywhere_is_refused_on_load_with_its_place(tmp_path: Path) -> None:
    for where, put in (
        ("events[1] (brigade).title", lambda d: d["events"][1].__setitem__("title", "x\ud800")),
        ("actors[0] (nk).name", lambda d: d["actors"][0].__setitem__("name", "\udfff")),
        ("document", lambda d: d.__setitem__("x_\ud83d", 1)),  # a key
    ):
        data = doc()
        put(data)
        path = tmp_path / "t.json"
        path.write_text(json.dumps(data, indent=2), encoding="utf-8")  # escaped: \ud800
        with pytest.raises(LoadError) as info:
            load_timeline(path)
        (problem,) = info.value.problems
        assert problem.where == where and "lone surrogate" in problem.message
        assert problem.line > 1  # and its line in the file
        assert "\\ud" in problem.format(str(path))  # printed escaped, so it can be printed


def test_unknown_fields_nested_too_deep_are_refused_with_their_place() -> None:
    from timeline_app.core.fileformat import MAX_NESTING

    nested: Any = 1
    for _ in range(MAX_NESTING + 1):
        nested = [nested]
    data = doc()
    data["events"][0]["x_deep"] = nested
    assert problems(data) == [
        f"events[0] (armistice).x_deep: is nested more than {MAX_NESTING} levels deep"
    ]
    data["events"][0]["x_deep"] = nested[0]  # just within
    assert timeline_from_data(data).events[0].extra["x_deep"] == nested[0]


@pytest.mark.parametrize("version", [0, -1, 1.5, True, "1"])
def test_a_version_that_is_no_version_of_the_format_is_refused(version: object) -> None:
    found = problems(doc(version=version))
    assert any(p.startswith("version:") for p in found), found


def test_a_timeline_without_floats_is_saved_the_quick_way(dataset_copy: Path) -> None:
    """Else a save at 100,000 events takes 4.7 s again: the bundled timeline, and one with
    whole numbers in fields the app does not know, are plain data for the quick encoder."""
    from timeline_app.core.file_write import plain

    t = load_timeline(dataset_copy)
    assert plain(t)
    t.extra = {"generator": {"seed": 1925, "events": [1, 2]}}
    assert plain(t)
    t.extra = {"weight": 0.5}
    assert not plain(t)
