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
    window.action("actionDuplicateEvent").trigger()
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
    window.action("actionDuplicateEvent").trigger()
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
    assert saved is not None and doc.texts.file_name(saved) == "my-notes-2.txt"
    assert saved.text_file == "my-notes.txt"  # the record behind the undo stack is untouched
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


def test_save_as_then_undo_keeps_the_source_on_its_own_text(
    window: MainWindow, tmp_path: Path, prompts: ScriptedPrompts, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Save As wrote an edited text under another name (someone else's file had its name in
    the new folder); undoing the edit must not point the source at that other file."""
    doc = window.document
    source = doc.timeline.sources[0]
    old = doc.texts.text(source)
    assert old is not None
    doc.push(edit_source_change(doc.timeline, source, "EDITED TEXT", old))
    new = tmp_path / "shared"
    new.mkdir()
    (new / source.text_file).write_text("somebody else's file", encoding="utf-8")
    monkeypatch.setattr(prompts, "save_path", lambda *a, **k: str(new / "copy.json"))
    assert window.save_as()
    record = doc.timeline.source(source.id)
    assert record is not None and doc.texts.file_name(record) != source.text_file
    doc.undo_stack.undo()  # the text edit
    record = doc.timeline.source(source.id)
    assert record is not None
    assert doc.texts.text(record) == old  # the old text, held to be saved again...
    assert doc.texts.file_text(record) == "EDITED TEXT"  # ...over our own file
    assert window.save()
    assert (new / source.text_file).read_text(encoding="utf-8") == "somebody else's file"
    assert (new / doc.texts.file_name(record)).read_text(encoding="utf-8") == old
    on_disk = load_timeline(new / "copy.json").source(source.id)
    assert on_disk is not None and on_disk.text_file == doc.texts.file_name(record)
