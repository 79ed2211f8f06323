"""Work is never lost or overwritten by surprise: reloads, Save As, source texts, filters."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from paths import DATASET
from pytestqt.qtbot import QtBot
from scripted_prompts import ScriptedPrompts

from timeline_app.core import bundled
from timeline_app.core.fileformat import load_timeline, timeline_from_data
from timeline_app.core.filters import FilterState
from timeline_app.core.model import Source
from timeline_app.core.source_edits import add_source_change, edit_source_change
from timeline_app.ui.main_window import MainWindow


def test_a_reload_that_fails_keeps_the_edits_unsaved(
    prompts: ScriptedPrompts, window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(prompts, "confirm", lambda *a, **k: True)
    shown: list[str] = []
    monkeypatch.setattr(prompts, "show_problems", lambda p, t, text, d="": shown.append(t))
    window.document.set_current("korean-war-ends")
    window.act_duplicate.trigger()
    path = window.document.path
    assert path is not None
    path.write_text("{ broken", encoding="utf-8")
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert shown == ["Could not reload"]
    assert window.document.modified
    assert window.document.store.event("korean-war-ends-copy") is not None


def test_save_as_never_writes_over_the_bundled_dataset(
    prompts: ScriptedPrompts, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = tmp_path / "bundled.json"
    fake.write_bytes(DATASET.read_bytes())
    monkeypatch.setattr(bundled, "bundled_dataset", lambda: fake)
    monkeypatch.setattr(prompts, "save_path", lambda *a, **k: str(fake))
    shown: list[str] = []
    monkeypatch.setattr(prompts, "show_problems", lambda p, t, text, d="": shown.append(t))
    window.document.set_current("korean-war-ends")
    window.act_duplicate.trigger()
    assert not window.save_as()
    assert shown == ["Cannot save there"]
    assert fake.read_bytes() == DATASET.read_bytes()


def test_undoing_a_text_edit_after_saving_brings_the_old_text_back(window: MainWindow) -> None:
    doc = window.document
    source = doc.timeline.sources[0]
    old = doc.texts.text(source)
    assert old is not None
    doc.push(edit_source_change(doc.timeline, source, "REPLACED TEXT", old))
    assert doc.path is not None and window.save()
    assert (doc.path.parent / source.text_file).read_text(encoding="utf-8") == "REPLACED TEXT"
    doc.undo_stack.undo()
    assert doc.texts.text(source) == old
    assert window.save()
    assert (doc.path.parent / source.text_file).read_text(encoding="utf-8") == old


def test_a_new_sources_text_never_replaces_a_file_already_there(window: MainWindow) -> None:
    doc = window.document
    assert doc.path is not None
    mine = doc.path.parent / "my-notes.txt"
    mine.write_text("my own notes", encoding="utf-8")
    source = Source("my-notes", "My notes", text_file="my-notes.txt")
    doc.push(add_source_change(doc.timeline, source, "pasted text"))
    assert window.save()
    assert mine.read_text(encoding="utf-8") == "my own notes"
    saved = doc.timeline.source("my-notes")
    assert saved is not None and saved.text_file == "my-notes-2.txt"
    assert (doc.path.parent / "my-notes-2.txt").read_text(encoding="utf-8") == "pasted text"
    assert load_timeline(doc.path).source("my-notes").text_file == "my-notes-2.txt"  # type: ignore[union-attr]


def test_merging_away_the_only_shown_actor_shows_everything_again(window: MainWindow) -> None:
    from timeline_app.core.actor_edits import merge_actors_change

    doc = window.document
    doc.set_filter(FilterState(checked=frozenset({"syria"})))
    assert len(doc.store.visible) == 1
    doc.push(merge_actors_change(doc.timeline, "syria", "russia"))
    assert doc.filter.checked is None and len(doc.store.visible) == len(doc.timeline.events)


def test_null_actors_and_tags_count_as_left_out() -> None:
    data = json.loads(DATASET.read_text(encoding="utf-8"))
    data["events"][0]["actors"] = None
    data["events"][0]["tags"] = None
    t = timeline_from_data(data)
    assert t.events[0].actors == () and t.events[0].tags == ()


def test_a_search_of_only_accents_filters_nothing(window: MainWindow) -> None:
    window.document.set_filter(FilterState(text="\u0301"))
    assert len(window.document.store.visible) == len(window.document.timeline.events)
