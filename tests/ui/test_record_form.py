"""The frame both record forms share: they open on their first field, Tab goes through the
fields before OK and Cancel, and OK is enabled only when the fields are valid."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from paths import DATASET
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot
from scripted_prompts import ScriptedPrompts

from timeline_app.core.fileformat import load_timeline
from timeline_app.core.model import Timeline
from timeline_app.core.source_texts import SourceTexts
from timeline_app.ui.event_form import EventForm
from timeline_app.ui.record_form import RecordForm
from timeline_app.ui.source_form import SourceForm

Make = Callable[[ScriptedPrompts, Timeline], RecordForm]
FORMS: dict[str, Make] = {
    "event": lambda p, t: EventForm(p, t, SourceTexts(None)),  # type: ignore[arg-type]
    "source": lambda p, t: SourceForm(p, t),  # type: ignore[arg-type]
}


def focus_chain(qtbot: QtBot, form: RecordForm, presses: int) -> list[str]:
    names: list[str] = []
    for _ in range(presses):
        widget = QApplication.focusWidget()
        assert isinstance(widget, QWidget)
        names.append(widget.objectName() or widget.metaObject().className())
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    return names


@pytest.mark.parametrize("kind", FORMS)
def test_a_form_opens_on_its_title_and_tab_goes_through_fields_before_the_buttons(
    qtbot: QtBot, prompts: ScriptedPrompts, kind: str
) -> None:
    form = FORMS[kind](prompts, load_timeline(DATASET))
    qtbot.addWidget(form, before_close_func=lambda f: f.done(0))  # closed unasked
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    chain = focus_chain(qtbot, form, 3)
    assert chain[0] == "titleEdit"
    assert all(name not in ("okButton", "QPushButton") for name in chain)


def shown_form(qtbot: QtBot, prompts: ScriptedPrompts) -> EventForm:
    form = EventForm(prompts, load_timeline(DATASET), SourceTexts(None))  # type: ignore[arg-type]
    qtbot.addWidget(form, before_close_func=lambda f: f.done(0))  # closed unasked
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    return form


def test_tab_leaves_the_summary_and_ctrl_tab_types_a_tab(
    qtbot: QtBot, prompts: ScriptedPrompts
) -> None:
    form = shown_form(qtbot, prompts)
    form.summary.setFocus()
    qtbot.keyClick(form.summary, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert form.summary.toPlainText() == "\t" and form.summary.hasFocus()
    qtbot.keyClick(form.summary, Qt.Key.Key_Tab)
    assert not form.summary.hasFocus() and form.summary.toPlainText() == "\t"


def test_esc_on_a_filled_in_form_asks_before_throwing_it_away(
    qtbot: QtBot, prompts: ScriptedPrompts, monkeypatch: pytest.MonkeyPatch
) -> None:
    form = shown_form(qtbot, prompts)
    qtbot.keyClick(form, Qt.Key.Key_Escape)  # nothing typed: closes, asks nothing
    assert not form.isVisible()
    form = shown_form(qtbot, prompts)
    qtbot.keyClicks(form.title, "Half an hour of typing")
    answers = [False, True]
    asked: list[str] = []
    monkeypatch.setattr(
        prompts, "confirm", lambda p, title, text, a="", **k: asked.append(title) or answers.pop(0)
    )
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert form.isVisible() and form.title.text() == "Half an hour of typing"  # kept
    form.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert not form.isVisible()  # discarded, as asked
    assert asked == ["Discard this event?", "Discard this event?"]
