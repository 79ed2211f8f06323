"""A TimelineJS file opened where a timeline is expected (the command line's FILE, File ▸
Open, a recent file) is imported unasked, as File ▸ Import reads it: a new timeline, not
saved yet, which is saved under a name of its own and never over the TimelineJS file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from paths import TIMELINEJS_SAMPLES
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot
from scripted_prompts import ScriptedPrompts

from timeline_app.core.fileformat import load_timeline
from timeline_app.core.model import FORMAT_MARKER
from timeline_app.interop.timelinejs import read_timelinejs
from timeline_app.ui.app import application
from timeline_app.ui.document import Document
from timeline_app.ui.document_controller import DocumentController
from timeline_app.ui.main_window import MainWindow
from timeline_app.ui.prompts import Unsaved
from timeline_app.ui.settings import Settings

ERAS = TIMELINEJS_SAMPLES / "template_eras.json"  # 20 slides, 3 eras, media not kept


@pytest.fixture
def tjs(tmp_path: Path) -> Path:
    """A TimelineJS file in a folder of its own."""
    folder = tmp_path / "downloads"
    folder.mkdir()
    return Path(shutil.copyfile(ERAS, folder / "eras.json"))


@pytest.fixture
def controller(tmp_path: Path, prompts: ScriptedPrompts) -> DocumentController:
    application()
    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    return DocumentController(Document(), prompts, settings, tmp_path / "recovery")  # type: ignore[arg-type]


def test_a_timelinejs_file_opens_as_an_unsaved_import_without_a_question(
    controller: DocumentController, tjs: Path
) -> None:
    messages: list[str] = []
    controller.message.connect(lambda text, _ms: messages.append(text))
    assert controller.open_path(tjs)  # ScriptedPrompts fails the test on any question
    doc = controller.document
    expected = read_timelinejs(ERAS).timeline
    assert expected is not None
    assert [e.title for e in doc.timeline.events] == [e.title for e in expected.events]
    assert len(doc.timeline.eras) == 3
    assert doc.path is None and doc.imported_from == tjs and doc.modified
    assert doc.display_name() == "Eras Test (imported from eras.json)"
    [said] = messages
    assert said == (
        "Imported 20 events and 3 eras from the TimelineJS file “eras.json”, not saved yet; "
        "not kept: the title slide's text, media (19 slides), backgrounds (7 slides)"
    )  # what File ▸ Import's notes say, in short
    assert str(tjs.resolve()) not in controller.settings.recent_files()  # not a timeline


def test_saving_the_import_asks_for_a_name_and_writes_a_timeline_beside_it(
    controller: DocumentController,
    tjs: Path,
    prompts: ScriptedPrompts,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = tjs.read_bytes()
    assert controller.open_path(tjs)
    proposed: list[str] = []

    def save_path(parent: object, title: str, place: str, *a: object) -> str:
        proposed.append(place)
        return place

    monkeypatch.setattr(prompts, "save_path", save_path)
    assert controller.save()  # Ctrl+S: there is no file of its own yet
    saved = tjs.with_name("eras-timeline.json")
    assert proposed == [str(saved)]  # beside the TimelineJS file, named after it
    assert tjs.read_bytes() == before
    assert load_timeline(saved).title == "Eras Test"  # the app's own format
    assert f'"format": "{FORMAT_MARKER}"' in saved.read_text(encoding="utf-8")
    doc = controller.document
    assert doc.path == saved and not doc.modified and doc.display_name() == saved.name
    assert controller.settings.recent_files() == [str(saved.resolve())]
    # opened again from the command line: imported again, beside a file already there
    assert controller.open_path(tjs)
    assert controller.document.path is None
    monkeypatch.setattr(prompts, "save_path", lambda *a: proposed.append(a[2]) or "")
    assert not controller.save()
    assert proposed[-1] == str(tjs.with_name("eras-timeline 2.json"))


@pytest.mark.parametrize("typed", ["eras.json", "eras", "../downloads/eras.json"])
def test_the_timelinejs_file_itself_is_refused_as_the_name(
    controller: DocumentController,
    tjs: Path,
    prompts: ScriptedPrompts,
    monkeypatch: pytest.MonkeyPatch,
    typed: str,
) -> None:
    before = tjs.read_bytes()
    assert controller.open_path(tjs)
    monkeypatch.setattr(prompts, "save_path", lambda *a: str(tjs.parent / typed))
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(prompts, "show_problems", lambda p, t, text, d="": shown.append((t, text)))
    assert not controller.save()  # no question about replacing it first
    assert shown == [
        (
            "Not saved",
            "Not saved: “eras.json” is the TimelineJS file this timeline was imported from. "
            "Save the timeline under another name.",
        )
    ]
    assert not controller.save_to(tjs)  # however it is reached
    assert tjs.read_bytes() == before
    doc = controller.document
    assert doc.path is None and doc.modified  # the import is still there, unsaved


def test_a_timelinejs_file_that_does_not_import_keeps_what_was_open(
    controller: DocumentController,
    dataset_copy: Path,
    prompts: ScriptedPrompts,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert controller.open_path(dataset_copy)
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(prompts, "show_problems", lambda p, t, text, d="": shown.append((t, text)))
    assert not controller.open_path(TIMELINEJS_SAMPLES / "template_cosmo.json")
    [(title, text)] = shown
    assert title == "Not imported" and "“template_cosmo.json” could not be imported" in text
    assert "all 7 slides have years this app cannot show" in text
    assert controller.document.path == dataset_copy


def test_the_window_names_the_import_and_asks_before_closing_over_it(
    window: MainWindow,
    tjs: Path,
    prompts: ScriptedPrompts,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
) -> None:
    monkeypatch.setattr(prompts, "open_path", lambda *a, **k: str(tjs))
    window.action("actionOpen").trigger()  # File ▸ Open imports it too, unasked
    assert window.windowTitle().startswith("Eras Test (imported from eras.json)")
    assert window.isWindowModified()
    assert window.statusBar().currentMessage().startswith("Imported 20 events and 3 eras")
    assert window.status_label.text().startswith("20 events")
    asked: list[str] = []
    monkeypatch.setattr(
        prompts, "save_discard_cancel", lambda p, name: asked.append(name) or Unsaved.CANCEL
    )
    window.close()
    assert asked == ["Eras Test (imported from eras.json)"]
    assert window.isVisible()  # cancelled: the import stays
    window.grab().save(str(tjs.with_name("window.png")))


def test_an_export_never_replaces_the_timelinejs_file_either(
    window: MainWindow, tjs: Path, prompts: ScriptedPrompts, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = tjs.read_bytes()
    assert window.open_path(tjs)
    monkeypatch.setattr(prompts, "save_path", lambda *a, **k: str(tjs))
    shown: list[str] = []
    monkeypatch.setattr(prompts, "show_problems", lambda p, t, text, d="": shown.append(text))
    window.action("actionExportTimelineJS").trigger()
    assert shown == [
        "Not exported: that file is the TimelineJS file this timeline was imported from."
    ]
    assert tjs.read_bytes() == before
