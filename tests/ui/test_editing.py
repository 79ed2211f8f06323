"""Adding, editing, deleting and duplicating events through the form, with undo and saving."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from scripted_prompts import ScriptedPrompts

from timeline_app.core import atomic
from timeline_app.core.dates import TimelineDate
from timeline_app.core.fileformat import load_timeline
from timeline_app.core.filters import FilterState
from timeline_app.core.model import Event, Timeline
from timeline_app.core.source_texts import SourceTexts
from timeline_app.ui.event_form import EventForm, FormResult
from timeline_app.ui.main_window import MainWindow
from timeline_app.ui.prompts import Unsaved

ARTICLE_QUOTE = "Half of the shells that Russia uses on the battlefield are of North Korean origin."


def form_filler(
    qtbot: QtBot, fill: Callable[[EventForm], None], seen: list[EventForm] | None = None
) -> Callable[..., FormResult | None]:
    """A prompts.event_form that fills the real form through its widgets and clicks OK."""

    def answer(
        parent: object, timeline: Timeline, texts: SourceTexts,
        event: Event | None = None, start: TimelineDate | None = None,
    ) -> FormResult | None:  # fmt: skip
        form = EventForm(ScriptedPrompts(), timeline, texts, event, start)
        qtbot.addWidget(form, before_close_func=lambda f: f.done(0))  # closed unasked
        fill(form)
        if seen is not None:
            seen.append(form)
        if not form.ok.isEnabled():
            return None
        form.ok.click()
        return form.result_event() if form.result() == EventForm.DialogCode.Accepted else None

    return answer


def fill_shells(form: EventForm) -> None:
    form.title.setText("Half of Russia's shells are North Korean")
    form.start.setText("Nov 2024")
    form.actors.setText("North Korea, Russia, Wagner Group")
    form.summary.setPlainText("The article says half of Russia's shells come from North Korea.")
    form.quote_editors[0].text.setPlainText(ARTICLE_QUOTE)


def test_form_rejects_each_invalid_input_next_to_the_field(
    qtbot: QtBot, dataset_copy: Path
) -> None:
    t = load_timeline(dataset_copy)
    form = EventForm(ScriptedPrompts(), t, SourceTexts(dataset_copy.parent))
    qtbot.addWidget(form, before_close_func=lambda f: f.done(0))  # closed unasked
    assert not form.ok.isEnabled()
    assert form.title_note.isHidden() and form.start_note.isHidden()  # not red before typing
    qtbot.keyClicks(form.title, "x")
    qtbot.keyClick(form.title, Qt.Key.Key_Backspace)
    assert form.title_note.text() == "A title is required."
    form.title.setText("Something")
    leave = QFocusEvent(QEvent.Type.FocusOut, Qt.FocusReason.TabFocusReason)
    QApplication.sendEvent(form.start, leave)  # the user tabbed out of the empty start
    assert form.start_note.text() == "A start date is required."
    for bad, reason in (("2024-02-30", "no day 30"), ("02/03/2024", "ambiguous"),
                        ("soon", "no four-digit year"), ("May", "no four-digit year")):  # fmt: skip
        form.start.setText(bad)
        assert reason in form.start_note.text()
        assert not form.ok.isEnabled()
    form.start.setText("27 July 1953")
    assert form.start_note.text() == "→ 27 July 1953 (day)"
    assert form.ok.isEnabled()
    form.end.setText("1952")
    assert "before the start" in form.end_note.text()
    assert not form.ok.isEnabled()
    form.end.setText("1980s")
    assert form.end_note.text() == "→ the 1980s (decade)"
    assert form.ok.isEnabled()
    form.title.setText("   ")
    assert not form.ok.isEnabled()


def test_quote_check_finds_or_shows_the_closest_passage(qtbot: QtBot, dataset_copy: Path) -> None:
    t = load_timeline(dataset_copy)
    form = EventForm(ScriptedPrompts(), t, SourceTexts(dataset_copy.parent))
    qtbot.addWidget(form, before_close_func=lambda f: f.done(0))  # closed unasked
    form.show()
    quote = form.quote_editors[0]
    quote.text.setPlainText(ARTICLE_QUOTE.replace("’", "'"))
    qtbot.waitUntil(lambda: "found in" in quote.status.text())
    assert quote.found is True
    quote.text.setPlainText("North Korean troops are fighting in Europe")
    qtbot.waitUntil(lambda: "not found" in quote.status.text())
    assert "closest passage" in quote.status.text()
    assert "would be fighting on European" in quote.status.text()
    form.title.setText("Unquoted claim")
    form.start.setText("2024")
    assert form.ok.isEnabled()  # a warning, not a block


def test_add_event_appears_everywhere_and_in_the_saved_file(
    prompts: ScriptedPrompts, window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(prompts, "event_form", form_filler(qtbot, fill_shells))
    before = len(window.document.timeline.events)
    window.action("actionAddEvent").trigger()
    doc = window.document
    event = doc.timeline.event("half-of-russias-shells-are-north-korean")
    assert event is not None and event.start.iso() == "2024-11"
    assert [doc.timeline.actor(a).name for a in event.actors] == [  # type: ignore[union-attr]
        "North Korea", "Russia", "Wagner Group"]  # fmt: skip
    assert doc.current_id == event.id
    rows = [window.table_model.event_at(r).id for r in range(window.table_model.rowCount())]
    assert event.id in rows
    window.timeline.fit_all()
    window.timeline.repaint()
    assert event.id in window.timeline.painted_event_ids()
    assert window.isWindowModified()
    assert window.save()
    saved = json.loads(doc.path.read_text(encoding="utf-8"))  # type: ignore[union-attr]
    assert any(e["id"] == event.id and e["quotes"][0]["text"] == ARTICLE_QUOTE
               for e in saved["events"])  # fmt: skip
    assert not window.isWindowModified()
    doc.undo_stack.undo()
    assert len(doc.timeline.events) == before
    assert doc.timeline.actor("wagner-group") is None  # the new actor goes with the undo
    doc.undo_stack.redo()
    assert doc.timeline.event(event.id) is not None


def test_double_click_on_empty_time_prefills_the_start(
    prompts: ScriptedPrompts, window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[EventForm] = []
    monkeypatch.setattr(prompts, "event_form", form_filler(qtbot, lambda f: None, seen))
    view = window.timeline
    y = view.height() - 20
    x = view.width() // 2
    qtbot.mouseDClick(view, Qt.MouseButton.LeftButton, pos=QPoint(x, y))
    (form,) = seen
    assert form.start.text() == view.date_at(x).words()
    assert form.start_note.text().startswith("→ ")


def test_edit_keeps_the_id_and_undo_restores(
    prompts: ScriptedPrompts, window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = window.document
    doc.set_current("korean-war-ends")
    original = doc.current_event()

    def retitle(form: EventForm) -> None:
        assert form.title.text() == "Korean War ends"
        form.title.setText("Armistice signed at Panmunjom")
        form.start.setText("27 July 1953")

    monkeypatch.setattr(prompts, "event_form", form_filler(qtbot, retitle))
    window.event_list.setFocus()
    qtbot.keyClick(window.event_list, Qt.Key.Key_Return)  # Enter edits from the list
    edited = doc.timeline.event("korean-war-ends")
    assert edited is not None and edited.title == "Armistice signed at Panmunjom"
    assert edited.start.iso() == "1953-07-27" and edited.quotes == original.quotes  # type: ignore[union-attr]
    assert "Armistice signed" in window.detail.toPlainText()
    doc.undo_stack.undo()
    assert doc.timeline.event("korean-war-ends") == original


def test_delete_asks_nothing_says_how_to_undo_and_undo_brings_it_back(
    window: MainWindow, qtbot: QtBot
) -> None:
    doc = window.document  # an unanswered question would fail the test: none is asked
    doc.set_current("aleppo-north-korean-aid")
    window.timeline.setFocus()
    qtbot.keyClick(window.timeline, Qt.Key.Key_Delete)
    message = window.statusBar().currentMessage()
    assert "North Korean forces allegedly aid" in message and "Ctrl+Z" in message
    assert doc.timeline.event("aleppo-north-korean-aid") is None
    assert window.table_model.row_of("aleppo-north-korean-aid") is None
    doc.undo_stack.undo()
    assert doc.timeline.event("aleppo-north-korean-aid") is not None


def test_keys_in_text_fields_are_not_stolen(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = window.document
    doc.set_current("aleppo-north-korean-aid")
    search = window.filters.search
    search.setFocus()
    search.setText("abc")
    search.setCursorPosition(0)
    qtbot.keyClick(search, Qt.Key.Key_Delete)
    qtbot.keyClick(search, Qt.Key.Key_F)
    assert search.text() == "fbc"
    assert doc.timeline.event("aleppo-north-korean-aid") is not None


def test_duplicate_makes_a_new_id(window: MainWindow) -> None:
    doc = window.document
    doc.set_current("korean-war-ends")
    window.action("actionDuplicateEvent").trigger()
    copy = doc.current_event()
    assert copy is not None and copy.id == "korean-war-ends-copy"
    assert copy.title == "Korean War ends (copy)" and copy.start.iso() == "1953"
    doc.undo_stack.undo()
    assert doc.timeline.event("korean-war-ends-copy") is None


def test_an_edit_hidden_by_the_filter_is_announced(
    prompts: ScriptedPrompts, window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = window.document
    doc.set_filter(FilterState(checked=frozenset({"ukraine"})))
    monkeypatch.setattr(prompts, "event_form", form_filler(qtbot, fill_shells))
    window.action("actionAddEvent").trigger()
    assert "hidden by the current filter" in window.statusBar().currentMessage()
    assert "hidden by the current filter" in window.detail.toPlainText()


def test_saving_into_an_unwritable_folder_keeps_the_data_and_says_why(
    prompts: ScriptedPrompts, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = window.document
    doc.set_current("korean-war-ends")
    window.action("actionDuplicateEvent").trigger()
    path = doc.path
    assert path is not None
    before = path.read_bytes()

    def refuse(src: object, dst: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic.os, "replace", refuse)  # tests run as root: fail the write
    asked: list[str] = []
    monkeypatch.setattr(
        prompts, "confirm", lambda p, title, text, action="OK", **k: asked.append(text) or False
    )
    assert not window.save()
    assert "Permission denied" in asked[0] and "Save them somewhere else" in asked[0]
    assert path.read_bytes() == before
    assert doc.modified and window.isWindowModified()
    assert doc.timeline.event("korean-war-ends-copy") is not None
    assert not [p for p in os.listdir(path.parent) if p.endswith(".tmp")]


def test_unsaved_changes_ask_before_closing_or_opening(
    prompts: ScriptedPrompts,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    dataset_copy: Path,
) -> None:
    window.document.set_current("korean-war-ends")
    window.action("actionDuplicateEvent").trigger()
    answers = [Unsaved.CANCEL, Unsaved.DISCARD]
    monkeypatch.setattr(prompts, "save_discard_cancel", lambda p, name: answers.pop(0))
    assert not window.open_path(dataset_copy)  # cancelled: nothing changes
    assert window.document.timeline.event("korean-war-ends-copy") is not None
    assert window.open_path(dataset_copy)  # discarded
    assert window.document.timeline.event("korean-war-ends-copy") is None


def test_bundled_dataset_is_never_saved_over(
    prompts: ScriptedPrompts, make_window: object, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    window = make_window()  # type: ignore[operator]
    assert window.open_bundled()
    window.document.set_current("korean-war-ends")
    window.action("actionDuplicateEvent").trigger()
    target = tmp_path / "copy" / "mine.json"
    target.parent.mkdir()
    monkeypatch.setattr(prompts, "save_path", lambda *a, **k: str(target))
    assert window.save()  # asks where to save a copy
    assert window.document.path == target
    assert (target.parent / "north-korean-troops-ramani.txt").exists()  # the article came along
    assert load_timeline(target).event("korean-war-ends-copy") is not None


def test_new_timeline_shows_an_inviting_empty_state(
    prompts: ScriptedPrompts, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(prompts, "text", lambda *a, **k: "My investigation")
    window.action("actionNew").trigger()
    assert window.document.timeline.title == "My investigation"
    assert window.document.timeline.events == []
    window.timeline.repaint()
    assert window.timeline.painted_mode == "empty"
    assert "No events yet: add one with Ctrl+N" in window.detail.toPlainText()
    assert window.windowTitle().startswith("My investigation")


def test_a_file_changed_on_disk_is_noticed_and_reloaded(
    prompts: ScriptedPrompts, window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(
        prompts, "confirm", lambda p, t, text, a="OK", **k: asked.append(text) or True
    )
    path = window.document.path
    assert path is not None
    data = json.loads(path.read_text(encoding="utf-8"))
    data["title"] = "Changed by git pull"
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data), encoding="utf-8")
    os.replace(tmp, path)  # replaced by rename, as git and editors do
    qtbot.waitUntil(lambda: bool(asked), timeout=5000)
    assert "was changed by another program" in asked[0]
    assert window.document.timeline.title == "Changed by git pull"
    assert window.save()  # our own save does not count as a change on disk
    qtbot.wait(600)
    assert len(asked) == 1


def test_declining_a_reload_means_saving_asks_before_overwriting(
    prompts: ScriptedPrompts, window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = [False, False, True]
    asked: list[str] = []

    def answer(p: object, title: str, text: str, action: str = "OK") -> bool:
        asked.append(title)
        return answers.pop(0)

    monkeypatch.setattr(prompts, "confirm", answer)
    path = window.document.path
    assert path is not None
    path.write_text(path.read_text(encoding="utf-8").replace("Korean War ends", "Edited elsewhere"),
                    encoding="utf-8")  # fmt: skip
    qtbot.waitUntil(lambda: bool(asked), timeout=5000)
    window.document.set_current("aleppo-north-korean-aid")
    window.action("actionDuplicateEvent").trigger()
    assert not window.save()  # declined: the other program's version stays
    assert "Edited elsewhere" in path.read_text(encoding="utf-8")
    assert window.save()
    assert asked == [
        "File changed on disk",
        "Overwrite changes on disk?",
        "Overwrite changes on disk?",
    ]
    assert "Edited elsewhere" not in path.read_text(encoding="utf-8")


def test_a_crash_leaves_a_recovery_file_that_restores_the_edit(
    prompts: ScriptedPrompts,
    make_window: object,
    dataset_copy: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import subprocess
    import sys

    folder = tmp_path / "recovery"
    script = f"""
import os, signal, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from pathlib import Path
from PySide6.QtCore import QSettings, QStandardPaths, QTimer
QStandardPaths.setTestModeEnabled(True)
from timeline_app.ui.app import application
from timeline_app.ui.main_window import MainWindow
app = application()
w = MainWindow(QSettings({str(tmp_path / "crash.ini")!r}, QSettings.Format.IniFormat),
               Path({str(folder)!r}))
w.open_path(Path({str(dataset_copy)!r}))
w.document.set_current("korean-war-ends")
w.action("actionDuplicateEvent").trigger()
w.recovery.written.connect(lambda path: os.kill(os.getpid(), signal.SIGKILL))
w.recovery.flush()
app.exec()
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=60)  # fmt: skip
    assert result.returncode == -9, result.stderr  # killed: nothing saved
    assert "korean-war-ends-copy" not in dataset_copy.read_text(encoding="utf-8")
    monkeypatch.setattr(prompts, "restore_recovery", lambda parent, description: True)
    window = make_window()  # type: ignore[operator]
    assert window.offer_recovery()
    assert window.document.path == dataset_copy
    assert window.document.timeline.event("korean-war-ends-copy") is not None
    assert window.document.modified


def test_toolbar_undo_keeps_its_label_and_names_the_edit_in_its_tooltip(
    window: MainWindow,
) -> None:
    undo = next(a for a in window.toolbar.actions() if a.objectName() == "toolbarUndo")
    assert not undo.isEnabled()
    window.document.set_current("korean-war-ends")
    window.action("actionDuplicateEvent").trigger()
    assert undo.isEnabled() and undo.text() == "Undo"
    assert "Duplicate “Korean War ends”" in undo.toolTip()
    undo.trigger()
    assert window.document.timeline.event("korean-war-ends-copy") is None


def test_undoing_a_delete_selects_the_event_that_came_back(
    prompts: ScriptedPrompts, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = window.document
    monkeypatch.setattr(prompts, "confirm", lambda *a, **k: True)
    doc.set_current("choe-lavrov-meeting")
    window.edit.delete_event()
    assert doc.current_id is None and doc.store.event("choe-lavrov-meeting") is None
    doc.undo_stack.undo()
    assert doc.current_id == "choe-lavrov-meeting"
    rows = window.event_list.selectionModel().selectedRows()
    assert [window.table_model.event_at(r.row()).id for r in rows] == ["choe-lavrov-meeting"]


def test_picking_an_event_brings_its_details_to_the_front_of_the_tabs(
    make_window: object, dataset_copy: Path, qtbot: QtBot
) -> None:
    from uihelpers import event_point

    window = make_window(dataset_copy, size=(800, 600))  # type: ignore[operator]
    window.arrange_for_width(800)  # as on a small screen: Filter, Details, Article tabbed
    window.focus_search()  # the Filter tab in front, where the details are
    qtbot.waitUntil(lambda: window.detail.visibleRegion().isEmpty())
    where = event_point(window.timeline, "korean-war-ends")
    qtbot.mouseClick(window.timeline, Qt.MouseButton.LeftButton, pos=where)
    assert window.document.current_id == "korean-war-ends"
    qtbot.waitUntil(lambda: not window.detail.visibleRegion().isEmpty())
