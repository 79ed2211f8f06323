from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from pytestqt.qtbot import QtBot
from scripted_prompts import ScriptedPrompts
from uihelpers import answer

from timeline_app.core.palette import LIGHT_PALETTE
from timeline_app.ui.actor_model import COUNT
from timeline_app.ui.actor_model import NAME as FILTER_NAME
from timeline_app.ui.actors_dialog import EVENTS, NAME, ActorsDialog
from timeline_app.ui.event_table_model import ACTORS
from timeline_app.ui.main_window import MainWindow
from timeline_app.ui.roles import IdRole


@pytest.fixture
def dialog(window: MainWindow, qtbot: QtBot) -> ActorsDialog:
    d = ActorsDialog(window.document, window.prompts, window)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def dialog_rows(d: ActorsDialog) -> dict[str, tuple[str, int]]:
    m = d.model
    return {
        m.actor_at(r).id: (m.index(r, NAME).data(), m.index(r, EVENTS).data())
        for r in range(m.rowCount())
    }


def list_actors(window: MainWindow) -> dict[str, str]:
    """The event list's Actors column, by event id."""
    m = window.table_model
    return {m.index(r, 0).data(IdRole): m.index(r, ACTORS).data() for r in range(m.rowCount())}


def filter_counts(window: MainWindow) -> dict[str, int]:
    m = window.filters.model
    return {m.index(r, FILTER_NAME).data(): m.index(r, COUNT).data() for r in range(m.rowCount())}


def icon_color(icon: QIcon) -> str:
    return icon.pixmap(14, 14).toImage().pixelColor(7, 7).name()


def test_lists_every_actor_with_its_color_and_event_count(
    window: MainWindow, dialog: ActorsDialog
) -> None:
    rows = dialog_rows(dialog)
    assert list(rows) == [a.id for a in window.document.timeline.actors]
    assert rows["north-korea"] == ("North Korea", 10)
    assert rows["iran"] == ("Iran", 0)
    first = dialog.model.index(0, NAME)
    assert icon_color(first.data(Qt.ItemDataRole.DecorationRole)) == LIGHT_PALETTE[0].lower()
    tip = first.data(Qt.ItemDataRole.ToolTipRole)
    assert f"10 events, palette colour ({LIGHT_PALETTE[0]})" in tip
    assert dialog.selected_actor().id == "north-korea"  # type: ignore[union-attr]
    assert dialog.summary.text() == "18 actors"
    assert dialog.objectName() == "actorsDialog"


def test_rename_then_undo(
    prompts: ScriptedPrompts,
    window: MainWindow,
    dialog: ActorsDialog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked = answer(prompts, monkeypatch, "text", "  Russian   Federation ")
    dialog.select_actor("russia")
    dialog.rename_button.click()
    assert asked[0][1:] == ("Rename actor", "New name for “Russia”:", "Russia")
    assert dialog_rows(dialog)["russia"] == ("Russian Federation", 10)
    assert dialog.selected_actor().id == "russia"  # type: ignore[union-attr]
    assert list_actors(window)["russia-invades-ukraine"] == "Russian Federation, Ukraine"
    assert "Russian Federation" in filter_counts(window)
    assert window.isWindowModified()

    window.document.undo_stack.undo()
    assert dialog_rows(dialog)["russia"] == ("Russia", 10)
    assert list_actors(window)["russia-invades-ukraine"] == "Russia, Ukraine"
    assert not window.isWindowModified()


def test_rename_to_another_actors_name_is_refused(
    prompts: ScriptedPrompts,
    window: MainWindow,
    dialog: ActorsDialog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    answer(prompts, monkeypatch, "text", "russia")
    shown = answer(prompts, monkeypatch, "show_problems", None)
    dialog.select_actor("nato")
    dialog.rename_button.click()
    ((_, title, text),) = shown
    assert title == "Cannot rename the actor"
    assert text.startswith("There is already an actor named “Russia”") and "Merge into" in text
    assert window.document.undo_stack.count() == 0


def test_merge_two_actors_updates_the_event_list_and_filter_counts(
    prompts: ScriptedPrompts,
    window: MainWindow,
    dialog: ActorsDialog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked = answer(prompts, monkeypatch, "choice", "Russia")
    assert filter_counts(window)["North Korea"] == 10 and filter_counts(window)["Russia"] == 10
    dialog.select_actor("north-korea")
    dialog.merge_button.click()
    ((_, title, label, options, proposed),) = asked
    assert title == "Merge actor" and "Its 10 events will name that actor instead" in label
    assert "North Korea" not in options and options[0] == "Russia" and len(options) == 17
    assert options[proposed] == "South Korea"  # the closest name is proposed, not the first

    counts = filter_counts(window)
    # 3 events name only North Korea, 3 only Russia and 7 both: 13, not 20
    assert "North Korea" not in counts and counts["Russia"] == 13
    actors = list_actors(window)
    assert actors["korean-war-ends"] == "Russia"
    assert actors["north-korean-troops-arrival-reported"] == "Russia, South Korea"
    assert actors["rutte-echoes-uk-statement"] == "NATO, Mark Rutte, Russia, Vladimir Putin"
    assert "north-korea" not in dialog_rows(dialog)
    assert dialog.selected_actor().id == "russia"  # type: ignore[union-attr]
    assert window.document.undo_stack.count() == 1  # one undoable step

    window.document.undo_stack.undo()
    assert filter_counts(window)["North Korea"] == 10 and filter_counts(window)["Russia"] == 10
    assert list_actors(window)["korean-war-ends"] == "North Korea"
    assert dialog_rows(dialog)["north-korea"] == ("North Korea", 10)


def test_cancelled_merge_changes_nothing(
    prompts: ScriptedPrompts,
    window: MainWindow,
    dialog: ActorsDialog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    answer(prompts, monkeypatch, "choice", None)
    dialog.merge_button.click()
    assert window.document.undo_stack.count() == 0


def test_delete_asks_naming_the_events_and_removes_the_actor_from_them(
    prompts: ScriptedPrompts,
    window: MainWindow,
    dialog: ActorsDialog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked = answer(prompts, monkeypatch, "confirm", False)
    events = len(list_actors(window))
    dialog.select_actor("vladimir-putin")
    dialog.delete_button.click()
    ((_, title, text, action),) = asked
    assert (title, action) == ("Delete actor", "Delete")
    assert text.startswith("2 events name “Vladimir Putin”. Delete the actor and remove it from")
    assert window.document.undo_stack.count() == 0  # declined: nothing changed

    answer(prompts, monkeypatch, "confirm", True)
    dialog.delete_button.click()
    assert "vladimir-putin" not in dialog_rows(dialog)
    assert list_actors(window)["uk-un-mission-putin-desperate"] == "United Kingdom, Russia"
    assert len(list_actors(window)) == events == 15  # the events stay
    assert dialog.selected_actor().id == "choe-son-hui"  # type: ignore[union-attr]

    window.document.undo_stack.undo()
    assert "Vladimir Putin" in list_actors(window)["uk-un-mission-putin-desperate"]
    assert dialog_rows(dialog)["vladimir-putin"] == ("Vladimir Putin", 2)


def test_an_actor_no_event_names_is_deleted_without_a_question(
    window: MainWindow, dialog: ActorsDialog
) -> None:
    dialog.select_actor("iran")  # ask.confirm is unanswered: asking would fail the test
    dialog.delete_button.click()
    assert "iran" not in dialog_rows(dialog)
    window.document.undo_stack.undo()
    assert "iran" in dialog_rows(dialog)


def test_recolor_and_back_to_the_palette(
    prompts: ScriptedPrompts,
    window: MainWindow,
    dialog: ActorsDialog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked = answer(prompts, monkeypatch, "color", "#123456")
    dialog.select_actor("russia")
    assert not dialog.palette_button.isEnabled()  # a palette colour already
    dialog.color_button.click()
    assert asked[0][1:] == ("Colour of “Russia”", LIGHT_PALETTE[1])
    assert window.document.colors()["russia"] == "#123456"
    assert dialog.palette_button.isEnabled()
    row = dialog.model.row_of("russia")
    assert row is not None
    icon = dialog.model.index(row, NAME).data(Qt.ItemDataRole.DecorationRole)
    assert icon_color(icon) == "#123456"

    dialog.palette_button.click()
    russia = window.document.timeline.actor("russia")
    assert russia is not None and russia.color == ""
    assert not dialog.palette_button.isEnabled()
    assert "palette colour" in dialog.model.index(row, NAME).data(Qt.ItemDataRole.ToolTipRole)

    window.document.undo_stack.undo()
    window.document.undo_stack.undo()
    assert window.document.colors()["russia"] == LIGHT_PALETTE[1]


def test_a_cancelled_color_changes_nothing(
    prompts: ScriptedPrompts,
    window: MainWindow,
    dialog: ActorsDialog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    answer(prompts, monkeypatch, "color", None)
    dialog.color_button.click()
    assert window.document.undo_stack.count() == 0


def test_add_selects_the_new_actor_and_refuses_a_taken_name(
    prompts: ScriptedPrompts,
    window: MainWindow,
    dialog: ActorsDialog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    answer(prompts, monkeypatch, "text", "Wagner Group")
    dialog.add_button.click()
    assert dialog_rows(dialog)["wagner-group"] == ("Wagner Group", 0)
    assert dialog.selected_actor().id == "wagner-group"  # type: ignore[union-attr]
    assert "Wagner Group" in filter_counts(window)

    shown = answer(prompts, monkeypatch, "show_problems", None)
    dialog.add_button.click()  # the same name again
    assert "already an actor named “Wagner Group”" in shown[0][2]
    assert window.document.undo_stack.count() == 1


def test_undo_shortcut_works_in_the_dialog(
    prompts: ScriptedPrompts,
    window: MainWindow,
    dialog: ActorsDialog,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    answer(prompts, monkeypatch, "text", "Renamed")
    dialog.rename_button.click()
    assert dialog_rows(dialog)["north-korea"][0] == "Renamed"
    dialog.activateWindow()
    dialog.list.setFocus()
    qtbot.keyClick(dialog.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert dialog_rows(dialog)["north-korea"][0] == "North Korea"


def test_buttons_follow_the_selection(window: MainWindow, dialog: ActorsDialog) -> None:
    dialog.list.selectionModel().clearCurrentIndex()
    assert not dialog.rename_button.isEnabled() and not dialog.merge_button.isEnabled()
    assert dialog.add_button.isEnabled()
    dialog.select_actor("south-korea")  # no colour of its own
    assert dialog.rename_button.isEnabled() and not dialog.palette_button.isEnabled()


def test_the_dialog_follows_a_newly_opened_timeline(
    prompts: ScriptedPrompts,
    window: MainWindow,
    dialog: ActorsDialog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    answer(prompts, monkeypatch, "text", "Empty")
    window.new_timeline()
    assert dialog.model.rowCount() == 0
    assert not dialog.rename_button.isEnabled()


def test_model_passes_the_model_tester(dialog: ActorsDialog, qtmodeltester: Any) -> None:
    qtmodeltester.check(dialog.model)
