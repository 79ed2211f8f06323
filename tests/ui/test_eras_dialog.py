"""Edit ▸ Eras…: the eras listed in time order; added, edited and deleted through the era
form, each edit undone from the main window; a bad date refused beside its field."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QPushButton
from pytestqt.qtbot import QtBot
from scripted_prompts import ScriptedPrompts
from uihelpers import answer

from timeline_app.core.dates import parse_iso
from timeline_app.core.fileformat import load_timeline
from timeline_app.core.model import Era
from timeline_app.ui.era_form import ONGOING, EraForm
from timeline_app.ui.eras_dialog import DATES, NAME, NOTES, ErasDialog
from timeline_app.ui.main_window import MainWindow
from timeline_app.ui.prompts import QtPrompts
from timeline_app.ui.timeline_painter import ERA_COLORS

# the bundled dataset's eras, in time order
DATASET_ERAS = {
    "cold-war": ("Cold War", "1947 – December 1991"),
    "korean-war": ("Korean War", "25 June 1950 – 27 July 1953"),
    "full-scale-war": ("Russia's full-scale war against Ukraine", "24 February 2022 – ongoing"),
}


@pytest.fixture
def dialog(window: MainWindow, qtbot: QtBot) -> ErasDialog:
    window.action("actionEras").trigger()
    d = window.edit.eras_dialog
    assert d is not None
    qtbot.waitExposed(d)
    return d


@pytest.fixture
def new_form(prompts: ScriptedPrompts, window: MainWindow, qtbot: QtBot) -> EraForm:
    form = EraForm(window.prompts, window.document.timeline, parent=window)
    qtbot.addWidget(form, before_close_func=lambda f: f.done(0))  # closed unasked
    form.show()
    return form


def form_filled_with(
    prompts: ScriptedPrompts,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
    fill: Callable[[EraForm, QtBot], None],
) -> list[EraForm]:
    """Ask ``prompts.era_form`` as the app does (the real form, through ``ask_form``), with
    ``run`` standing in for the person: ``fill`` types in the form, then OK is clicked."""
    forms: list[EraForm] = []

    def run(dialog: QDialog) -> int:
        assert isinstance(dialog, EraForm)
        forms.append(dialog)
        dialog.show()
        fill(dialog, qtbot)
        notes = (dialog.name_note, dialog.start_note, dialog.end_note, dialog.color_note)
        assert dialog.ok.isEnabled(), [n.text() for n in notes]
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(prompts, "run", run)
    monkeypatch.setattr(prompts, "era_form", lambda *a: QtPrompts.era_form(prompts, *a))  # type: ignore[arg-type]
    return forms


def retype(edit: Any, qtbot: QtBot, text: str) -> None:
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)


def rows(d: ErasDialog) -> dict[str, tuple[str, str]]:
    """Name and dates of each row, by era id, in the table's order."""
    m = d.model
    return {
        m.era_at(r).id: (m.index(r, NAME).data(), m.index(r, DATES).data())
        for r in range(m.rowCount())
    }


def era(window: MainWindow, era_id: str) -> Era | None:
    return next((e for e in window.document.timeline.eras if e.id == era_id), None)


# -- opening -------------------------------------------------------------------------------
@pytest.mark.qt_log_ignore("This plugin does not support raise")  # (offscreen, when reopened)
def test_opened_from_the_edit_menu_beside_actors_and_sources(
    window: MainWindow, dialog: ErasDialog
) -> None:
    action = window.action("actionEras")
    edit_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    names = [a.objectName() for a in edit_menu.actions()]
    assert names.index("actionEras") == names.index("actionSources") + 1
    assert action.isEnabled() and "eras" in action.toolTip()
    assert dialog.objectName() == "erasDialog" and dialog.windowTitle() == "Eras"
    assert not dialog.isModal()
    assert rows(dialog) == DATASET_ERAS
    assert dialog.summary.text() == "3 eras"
    notes = dialog.model.index(1, NOTES).data()
    assert notes.startswith("From North Korea's invasion of the South")
    action.trigger()  # again: the same window
    assert window.edit.eras_dialog is dialog and dialog.isVisible()


def test_the_tooltip_says_an_era_without_an_end_runs_to_the_last_date(
    dialog: ErasDialog,
) -> None:
    row = dialog.model.row_of("full-scale-war")
    assert row is not None
    tip = dialog.model.index(row, NAME).data(Qt.ItemDataRole.ToolTipRole)
    lines = tip.removeprefix("<p>").removesuffix("</p>").split("<br>")
    assert lines[:3] == [
        "Russia&#x27;s full-scale war against Ukraine (id “full-scale-war”)",
        "24 February 2022 – ongoing (it runs to the timeline&#x27;s last date)",
        "no colour of its own",
    ]
    assert lines[4].startswith("From the full-scale invasion")


# -- add, edit, delete, undo -------------------------------------------------------------
def test_add_edit_delete_and_undo_from_the_main_window(
    prompts: ScriptedPrompts,
    window: MainWindow,
    dialog: ErasDialog,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    doc = window.document
    chosen = answer(prompts, monkeypatch, "color", "#3366cc")

    def add(form: EraForm, qtbot: QtBot) -> None:
        assert form.windowTitle() == "Add era"
        qtbot.keyClicks(form.name, "Thaw")
        qtbot.keyClicks(form.start, "1956")
        qtbot.keyClicks(form.end, "Oct 1964")
        assert form.end_note.text() == "→ October 1964 (month)"
        qtbot.mouseClick(form.color_button, Qt.MouseButton.LeftButton)
        assert form.color_button.text() == "#3366CC"
        qtbot.keyClicks(form.notes, "Khrushchev's years.")

    form_filled_with(prompts, monkeypatch, qtbot, add)
    dialog.add_button.click()
    assert chosen[0][1] == "Colour of the era"
    thaw = era(window, "thaw")
    assert thaw == Era(
        "thaw", "Thaw", parse_iso("1956"), parse_iso("1964-10"), "#3366cc", "Khrushchev's years."
    )
    assert list(rows(dialog)) == ["cold-war", "korean-war", "thaw", "full-scale-war"]
    assert rows(dialog)["thaw"] == ("Thaw", "1956 – October 1964")
    assert dialog.selected_era() == thaw
    assert window.act_undo.text() == "&Undo Add era “Thaw”"

    def edit(form: EraForm, qtbot: QtBot) -> None:
        assert form.windowTitle() == "Edit era"
        assert (form.name.text(), form.start.text(), form.end.text()) == (
            "Thaw", "1956", "October 1964",
        )  # fmt: skip
        retype(form.name, qtbot, "Khrushchev Thaw")
        retype(form.end, qtbot, "")
        assert form.end_note.text() == ONGOING

    form_filled_with(prompts, monkeypatch, qtbot, edit)
    dialog.edit_button.click()
    assert rows(dialog)["thaw"] == ("Khrushchev Thaw", "1956 – ongoing")
    edited = era(window, "thaw")
    assert edited is not None and edited.end is None and edited.color == "#3366cc"

    dialog.delete_button.click()
    assert "thaw" not in rows(dialog) and era(window, "thaw") is None
    assert dialog.summary.text() == "3 eras"

    window.activateWindow()
    window.act_undo.trigger()  # the main window's Edit ▸ Undo
    assert era(window, "thaw") == edited
    assert rows(dialog)["thaw"] == ("Khrushchev Thaw", "1956 – ongoing")
    window.timeline.setFocus()
    qtbot.keyClick(window.timeline, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert era(window, "thaw") == thaw
    assert rows(dialog)["thaw"] == ("Thaw", "1956 – October 1964")
    window.act_undo.trigger()
    assert "thaw" not in rows(dialog) and doc.timeline.eras == load_eras(doc.path)
    window.act_redo.trigger()
    assert era(window, "thaw") == thaw


def load_eras(path: Path | None) -> list[Era]:
    assert path is not None
    return load_timeline(path).eras


def test_a_saved_era_reads_back_from_the_file(
    prompts: ScriptedPrompts,
    window: MainWindow,
    dialog: ErasDialog,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    answer(prompts, monkeypatch, "color", "#aa5500")

    def add(form: EraForm, qtbot: QtBot) -> None:
        qtbot.keyClicks(form.name, "Sunshine Policy")
        qtbot.keyClicks(form.start, "25 February 1998")
        qtbot.keyClicks(form.end, "2008")
        qtbot.mouseClick(form.color_button, Qt.MouseButton.LeftButton)
        qtbot.keyClicks(form.notes, "Kim Dae-jung to Roh Moo-hyun.")

    form_filled_with(prompts, monkeypatch, qtbot, add)
    dialog.add_button.click()
    added = era(window, "sunshine-policy")
    assert added is not None
    assert window.save()
    assert window.document.path is not None
    assert load_eras(window.document.path)[-1] == added


def test_a_bad_end_date_is_refused_with_the_message_shown(new_form: EraForm, qtbot: QtBot) -> None:
    form = new_form
    qtbot.keyClicks(form.name, "Korean War")
    qtbot.keyClicks(form.start, "27 July 1953")
    assert form.ok.isEnabled()
    qtbot.keyClicks(form.end, "25 June 1950")
    assert form.end_note.isVisible()
    assert form.end_note.text() == "The end (25 June 1950) is before the start (27 July 1953)."
    assert not form.ok.isEnabled()
    qtbot.keyClick(form, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert form.isVisible() and form.result() == 0  # not saved
    with pytest.raises(ValueError, match="problems"):
        form.result_fields()

    retype(form.end, qtbot, "31 June 1953")
    assert "not a possible date" in form.end_note.text() and not form.ok.isEnabled()
    retype(form.end, qtbot, "27 July 1953")  # the same day: fine
    assert form.end_note.text() == "→ 27 July 1953 (day)" and form.ok.isEnabled()


def test_a_new_form_does_not_open_in_red_but_says_what_is_missing_once_typed_in(
    new_form: EraForm, qtbot: QtBot
) -> None:
    form = new_form
    assert form.objectName() == "eraForm"
    assert not form.ok.isEnabled()
    assert not form.name_note.isVisible() and not form.start_note.isVisible()
    assert form.end_note.text() == ONGOING  # an empty end: still going on
    qtbot.keyClicks(form.name, "X")
    qtbot.keyClick(form.name, Qt.Key.Key_Backspace)
    assert form.name_note.isVisible() and form.name_note.text() == "An era needs a name."
    qtbot.keyClick(form, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert form.start_note.text() == "An era needs a start date."
    assert form.isVisible()


def test_the_colour_can_be_chosen_and_cleared(
    prompts: ScriptedPrompts, new_form: EraForm, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    form = new_form
    assert form.color_button.text() == "Default shade" and not form.clear_color.isEnabled()
    asked = answer(prompts, monkeypatch, "color", None)  # cancelled
    qtbot.mouseClick(form.color_button, Qt.MouseButton.LeftButton)
    assert asked[0][2] == ERA_COLORS[0] and form.fields().color == ""
    answer(prompts, monkeypatch, "color", "#112233")
    qtbot.mouseClick(form.color_button, Qt.MouseButton.LeftButton)
    assert form.fields().color == "#112233" and form.clear_color.isEnabled()
    icon = form.color_button.icon().pixmap(14, 14).toImage()
    assert icon.pixelColor(7, 7).name() == "#112233"
    qtbot.mouseClick(form.clear_color, Qt.MouseButton.LeftButton)
    assert form.fields().color == "" and form.color_button.text() == "Default shade"


def test_an_unchanged_or_cancelled_edit_pushes_nothing(
    prompts: ScriptedPrompts,
    window: MainWindow,
    dialog: ErasDialog,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    answer(prompts, monkeypatch, "era_form", None)
    dialog.edit_button.click()
    dialog.add_button.click()
    form_filled_with(prompts, monkeypatch, qtbot, lambda form, qtbot: None)
    dialog.edit_button.click()  # OK without a change
    assert window.document.undo_stack.count() == 0


def test_delete_key_deletes_the_selected_era_and_its_neighbour_is_selected(
    window: MainWindow, dialog: ErasDialog, qtbot: QtBot
) -> None:
    dialog.select_era("korean-war")
    dialog.list.setFocus()
    qtbot.keyClick(dialog.list, Qt.Key.Key_Delete)
    assert list(rows(dialog)) == ["cold-war", "full-scale-war"]
    assert dialog.selected_id() == "full-scale-war"
    assert window.act_undo.text() == "&Undo Delete era “Korean War”"
    qtbot.keyClick(dialog.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert list(rows(dialog)) == list(DATASET_ERAS)


def test_buttons_follow_the_selection_and_a_new_timeline(
    prompts: ScriptedPrompts,
    window: MainWindow,
    dialog: ErasDialog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert dialog.edit_button.isEnabled() and dialog.delete_button.isEnabled()
    dialog.list.selectionModel().clearCurrentIndex()
    assert not dialog.edit_button.isEnabled() and not dialog.delete_button.isEnabled()
    assert dialog.add_button.isEnabled()
    answer(prompts, monkeypatch, "text", "Empty")
    window.new_timeline()
    assert dialog.model.rowCount() == 0 and dialog.summary.text() == "0 eras"


def test_model_passes_the_model_tester(dialog: ErasDialog, qtmodeltester: Any) -> None:
    qtmodeltester.check(dialog.model)


def test_the_form_is_a_registered_question() -> None:
    from scripted_prompts import QUESTIONS

    assert "era_form" in QUESTIONS and "color" in QUESTIONS


def test_the_form_opens_on_the_name_and_tab_goes_through_the_fields_in_order(
    new_form: EraForm, qtbot: QtBot
) -> None:
    form = new_form
    qtbot.waitExposed(form)
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    chain = []
    for _ in range(5):
        widget = QApplication.focusWidget()
        assert widget is not None
        chain.append(widget.objectName())
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    # (No Colour is skipped while there is no colour to clear; then OK and Cancel)
    assert chain == ["nameEdit", "startEdit", "endEdit", "colorButton", "eraNotesEdit"]


def test_show_on_timeline_zooms_to_the_selected_era(window: MainWindow, qtbot: QtBot) -> None:
    """The keyboard's way to what a click on an era's band does."""
    dialog = window.edit.show_eras()
    button = dialog.findChild(QPushButton, "showEra")
    assert button is not None
    dialog.select_era("korean-war")
    assert button.isEnabled()
    with qtbot.waitSignal(window.timeline.eraClicked) as shown:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert shown.args == ["korean-war"] and window.timeline.era_selected == "korean-war"
    band = next(b for b in window.timeline.scene().eras if b.era_id == "korean-war")
    assert band.rect.w > 0.8 * window.timeline.plot_width()
