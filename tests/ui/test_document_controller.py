"""The file's life cycle works without a window: open, save, save as, refuse, recover."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from scripted_prompts import ScriptedPrompts

from timeline_app.core.change import Change
from timeline_app.ui.app import application
from timeline_app.ui.document import Document
from timeline_app.ui.document_controller import DocumentController
from timeline_app.ui.settings import Settings


@pytest.fixture
def controller(tmp_path: Path, prompts: ScriptedPrompts) -> DocumentController:
    application()
    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    return DocumentController(Document(), prompts, settings, tmp_path / "recovery")  # type: ignore[arg-type]


def test_open_edit_save_and_reopen(controller: DocumentController, dataset_copy: Path) -> None:
    messages: list[str] = []
    controller.message.connect(lambda text, _ms: messages.append(text))
    assert controller.open_path(dataset_copy)
    doc = controller.document
    doc.push(Change("Rename", title=(doc.timeline.title, "Renamed without a window")))
    assert controller.save()
    assert not doc.modified and messages[-1] == f"Saved {dataset_copy.name}"
    assert controller.settings.recent_files()[0] == str(dataset_copy.resolve())
    assert controller.open_path(dataset_copy)
    assert doc.timeline.title == "Renamed without a window"


def test_a_broken_file_is_refused_with_its_problems(
    controller: DocumentController, tmp_path: Path, prompts: ScriptedPrompts,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "timeline-app", "version": 1, "events": 3}', encoding="utf-8")
    shown: list[str] = []
    monkeypatch.setattr(prompts, "show_problems", lambda p, t, text, d="": shown.append(text))
    assert not controller.open_path(broken)
    assert "“broken.json” was not opened: 1 problem" in shown[0]
    assert "events: must be a list, not a number" in shown[0]


def test_unsaved_changes_are_asked_about_before_another_file_opens(
    controller: DocumentController, dataset_copy: Path, prompts: ScriptedPrompts,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    from timeline_app.ui.prompts import Unsaved

    assert controller.open_path(dataset_copy)
    doc = controller.document
    doc.push(Change("Rename", title=(doc.timeline.title, "Changed")))
    monkeypatch.setattr(prompts, "save_discard_cancel", lambda *a: Unsaved.CANCEL)
    assert not controller.open_path(dataset_copy)
    assert doc.timeline.title == "Changed" and doc.modified


def test_a_new_timelines_first_save_is_proposed_beside_its_texts_by_its_title(
    controller: DocumentController,
    prompts: ScriptedPrompts,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    from timeline_app.core.model import Timeline
    from timeline_app.ui.source_form import SourceForm

    texts = tmp_path / "articles"
    texts.mkdir()
    monkeypatch.setattr(SourceForm, "last_folder", str(texts))  # a text was loaded from there
    controller.load(Timeline(title="North Korea's Troops in Kursk"), None)
    proposed: list[str] = []
    monkeypatch.setattr(prompts, "save_path", lambda p, t, place, *a: proposed.append(place))
    assert not controller.save_as()  # cancelled: nothing written
    assert proposed == [str(texts / "north-koreas-troops-in-kursk.json")]
