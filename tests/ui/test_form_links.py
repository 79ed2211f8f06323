"""Links through the event form (issue 18): the event's links listed as they read from it,
added (the other event found by a search) and removed, saved with the event in one undo
step; a repeated link refused; and Show Linked Events, which also shows the events linked
to those the filter shows."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel, QToolButton
from pytestqt.qtbot import QtBot
from scripted_prompts import ScriptedPrompts

from timeline_app.core.dates import TimelineDate
from timeline_app.core.filters import FilterState
from timeline_app.core.model import Event, LinkBasis, LinkType, Timeline
from timeline_app.core.source_texts import SourceTexts
from timeline_app.ui.event_form import EventForm, FormResult
from timeline_app.ui.main_window import MainWindow

NEWS = "north-korean-troops-arrival-reported"
LAVROV = "choe-lavrov-meeting"
LAVROV_TITLE = "Choe Son Hui meets Sergey Lavrov and vows to stand with Russia"
ENTER = "north-korean-troops-enter-russia"
WEST = "north-korean-soldiers-arrive-western-russia"
KURSK = "north-korean-troops-move-into-kursk"
OFFENSIVE = "ukraine-kursk-offensive"
# what the bundled article says of the Kursk offensive and the deployment
RETALIATION = "Russia’s deployment of North Korean forces is an asymmetric retaliation"


def filler(
    qtbot: QtBot, fill: Callable[[EventForm, QtBot], None], seen: list[EventForm] | None = None
) -> Callable[..., FormResult | None]:
    """A prompts.event_form that fills the real form through its widgets and clicks OK."""

    def answer(
        parent: object, timeline: Timeline, texts: SourceTexts,
        event: Event | None = None, start: TimelineDate | None = None,
    ) -> FormResult | None:  # fmt: skip
        form = EventForm(ScriptedPrompts(), timeline, texts, event, start)  # type: ignore[arg-type]
        qtbot.addWidget(form, before_close_func=lambda f: f.done(0))  # closed unasked
        form.show()
        qtbot.waitExposed(form)
        fill(form, qtbot)
        if seen is not None:
            seen.append(form)
        qtbot.mouseClick(form.ok, Qt.MouseButton.LeftButton)
        return form.result_event() if form.result() == EventForm.DialogCode.Accepted else None

    return answer


def rows_of(form: EventForm) -> list[str]:
    """The links the form lists, as read."""
    section = form.links
    labels = [
        section.rows.itemAt(i).widget().findChild(QLabel) for i in range(section.rows.count())
    ]
    return [" ".join(label.text().split()) for label in labels if label is not None]


def open_panel(form: EventForm, qtbot: QtBot) -> None:
    qtbot.mouseClick(form.links.new, Qt.MouseButton.LeftButton)
    assert form.links.panel.isVisible()


def pick(form: EventForm, qtbot: QtBot, choice: str, search: str, row: int = 0) -> None:
    """Choose how the link reads and find the other event: type in the search field, go
    down the events found with the arrow key."""
    section = form.links
    section.kind.setCurrentIndex(section.kind.findText(choice))
    assert section.kind.currentText() == choice
    qtbot.keyClicks(section.search, search)
    for _ in range(row + 1):
        qtbot.keyClick(section.search, Qt.Key.Key_Down)


def infer(form: EventForm, qtbot: QtBot, why: str) -> None:
    section = form.links
    section.basis.setCurrentIndex(section.basis.findData(LinkBasis.ANALYST.value))
    qtbot.keyClicks(section.notes, why)


def pane_text(window: MainWindow) -> str:
    return " ".join(window.detail.toPlainText().split())


def click_text(qtbot: QtBot, window: MainWindow, text: str) -> None:
    """Click the detail pane where it shows ``text`` (a link to another event, say)."""
    pane = window.detail
    cursor = pane.document().find(text)
    assert not cursor.isNull(), text
    cursor.setPosition(cursor.selectionStart() + 2)  # inside the anchor, not at its edge
    at: QPoint = pane.cursorRect(cursor).center()
    qtbot.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, pos=at)


def test_a_link_added_in_the_form_is_saved_with_the_event_in_one_undo_step(
    prompts: ScriptedPrompts, window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = window.document
    original, links_before = doc.store.event(NEWS), list(doc.timeline.links)
    assert original is not None

    def fill(form: EventForm, qtbot: QtBot) -> None:
        assert rows_of(form) == []
        assert form.links.none.isVisible()  # "No links to other events."
        form.title.setText("News breaks of North Korean troops in Russia")
        open_panel(form, qtbot)
        pick(form, qtbot, "Led to →", "lavrov")
        assert form.links.targets.currentIndex().data() == f"{LAVROV_TITLE} (1 November 2024)"
        infer(form, qtbot, "The meeting followed the reports within two weeks.")
        qtbot.mouseClick(form.links.add, Qt.MouseButton.LeftButton)
        assert rows_of(form) == [f"Led to → {LAVROV_TITLE} (1 November 2024) · new"]
        assert form.links.panel.isHidden()

    monkeypatch.setattr(prompts, "event_form", filler(qtbot, fill))
    doc.set_current(NEWS)
    window.action("actionEditEvent").trigger()
    (link,) = [k for k in doc.timeline.links if k not in links_before]
    assert (link.from_id, link.type, link.to_id) == (NEWS, LinkType.LED_TO, LAVROV)
    assert link.basis is LinkBasis.ANALYST and link.notes.startswith("The meeting followed")
    assert doc.store.event(NEWS).title == "News breaks of North Korean troops in Russia"  # type: ignore[union-attr]
    assert f"Led to → {LAVROV_TITLE}" in pane_text(window)
    assert doc.undo_stack.count() == 1
    click_text(qtbot, window, LAVROV_TITLE)  # the linked event, clicked in the pane
    assert doc.current_id == LAVROV
    assert f"In response to ← {doc.store.event(NEWS).title}" in pane_text(window)  # type: ignore[union-attr]
    window.act_undo.trigger()  # Ctrl+Z: the link and the edit go together
    assert doc.timeline.links == links_before
    assert doc.store.event(NEWS) == original


def test_a_link_is_removed_through_the_form_and_undo_brings_it_back(
    prompts: ScriptedPrompts, window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = window.document
    before = list(doc.timeline.links)

    def fill(form: EventForm, qtbot: QtBot) -> None:
        assert rows_of(form) == [  # read from this event, in the other events' time order
            "In response to ← North Korean troops begin entering Russia (October 2024)",
            "Led to → North Korean troops move into Russia's Kursk region (18 November 2024)",
        ]
        buttons = form.links.findChildren(QToolButton, "removeLink")
        assert len(buttons) == 2
        qtbot.mouseClick(buttons[1], Qt.MouseButton.LeftButton)
        assert rows_of(form) == [
            "In response to ← North Korean troops begin entering Russia (October 2024)"
        ]

    monkeypatch.setattr(prompts, "event_form", filler(qtbot, fill))
    doc.set_current(WEST)
    window.action("actionEditEvent").trigger()  # the event itself unchanged: still saved
    assert [k.id for k in before if k not in doc.timeline.links] == ["western-russia-then-kursk"]
    assert "Led to →" not in pane_text(window)
    doc.undo_stack.undo()
    assert doc.timeline.links == before


def test_a_new_event_is_linked_to_another_by_a_quote_checked_against_its_source(
    prompts: ScriptedPrompts, window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = window.document

    def fill(form: EventForm, qtbot: QtBot) -> None:
        form.title.setText("Russia answers the Kursk offensive")
        form.start.setText("Oct 2024")
        open_panel(form, qtbot)
        pick(form, qtbot, "In response to ←", "6 aug")  # found by its date
        section = form.links
        section.basis.setCurrentIndex(section.basis.findData(LinkBasis.SOURCE.value))
        assert section.quote.isVisible() and section.notes.isHidden()
        qtbot.keyClicks(section.quote, RETALIATION.replace("’", "'"))  # typed straight
        qtbot.waitUntil(lambda: "found in" in section.quote_note.text())
        # OK with the link not added yet: it is added, then the event saved

    monkeypatch.setattr(prompts, "event_form", filler(qtbot, fill))
    window.action("actionAddEvent").trigger()
    event = doc.store.event("russia-answers-the-kursk-offensive")
    assert event is not None
    (link,) = [k for k in doc.timeline.links if event.id in (k.from_id, k.to_id)]
    assert (link.from_id, link.type, link.to_id) == (OFFENSIVE, LinkType.LED_TO, event.id)
    assert link.basis is LinkBasis.SOURCE and link.quote is not None
    assert link.quote.text == RETALIATION  # as the source writes it
    assert "In response to ← Ukraine launches offensive" in pane_text(window)
    doc.undo_stack.undo()  # the event and its link, in one step
    assert doc.store.event(event.id) is None
    assert all(event.id not in (k.from_id, k.to_id) for k in doc.timeline.links)


@pytest.fixture
def form_on(qtbot: QtBot, prompts: ScriptedPrompts, doc: Any) -> Callable[[str | None], EventForm]:
    def make(event_id: str | None) -> EventForm:
        timeline = doc.timeline
        event = timeline.event(event_id) if event_id else None
        form = EventForm(prompts, timeline, doc.texts, event)  # type: ignore[arg-type]
        qtbot.addWidget(form, before_close_func=lambda f: f.done(0))  # closed unasked
        form.show()
        qtbot.waitExposed(form)
        return form

    return make


def test_a_repeated_link_is_refused_and_the_form_says_why(
    form_on: Callable[[str | None], EventForm], qtbot: QtBot
) -> None:
    form = form_on(WEST)
    open_panel(form, qtbot)
    pick(form, qtbot, "Led to →", "kursk region", row=1)  # the offensive, then the move
    assert form.links.targets.currentIndex().data(Qt.ItemDataRole.ToolTipRole).startswith(
        "North Korean troops move into")  # fmt: skip
    qtbot.mouseClick(form.links.add, Qt.MouseButton.LeftButton)
    assert form.links.problem.text() == "Say in the notes why you infer this link."
    infer(form, qtbot, "Again")
    assert form.links.problem.isHidden()  # typing clears what was said
    qtbot.mouseClick(form.links.add, Qt.MouseButton.LeftButton)
    assert form.links.problem.text() == "This event already has that link to that event."
    assert form.links.problem.isVisible() and len(rows_of(form)) == 2
    qtbot.mouseClick(form.ok, Qt.MouseButton.LeftButton)  # OK with it pending: not saved
    assert form.isVisible() and form.links.problem.isVisible()
    form.links.kind.setCurrentIndex(form.links.kind.findText("The same incident as ↔"))
    qtbot.mouseClick(form.links.add, Qt.MouseButton.LeftButton)  # another type: fine
    assert rows_of(form)[-1].startswith("The same incident as ↔ North Korean troops move")


def test_the_search_list_finds_by_title_or_date_and_enter_does_not_save(
    form_on: Callable[[str | None], EventForm], qtbot: QtBot, qtmodeltester: Any
) -> None:
    form = form_on(WEST)
    section = form.links
    open_panel(form, qtbot)
    model = section.choices
    assert model.rowCount() == 14  # every event but this one
    assert WEST not in [model.event_at(r).id for r in range(model.rowCount())]
    qtmodeltester.check(model, force_py=True)
    qtbot.keyClicks(section.search, "novem")  # a month's name: the dates are searched
    assert [model.event_at(r).id for r in range(model.rowCount())] == [LAVROV, KURSK]
    qtbot.keyClicks(section.search, "ber 2024 kursk")  # more words: fewer events
    assert [model.event_at(r).id for r in range(model.rowCount())] == [KURSK]
    qtbot.keyClick(section.search, Qt.Key.Key_Return)  # picks the event; the form stays
    assert section._target == KURSK and form.isVisible()
    section.search.clear()  # all shown again: the event chosen stays chosen
    assert model.rowCount() == 14 and section.targets.currentIndex().data(
        Qt.ItemDataRole.ToolTipRole).startswith("North Korean troops move")  # fmt: skip
    qtmodeltester.check(model, force_py=True)
    qtbot.mouseClick(section.cancel, Qt.MouseButton.LeftButton)
    assert section.panel.isHidden() and not section.new.isChecked()


def test_the_form_with_its_links_fits_a_small_screen(
    form_on: Callable[[str | None], EventForm], qtbot: QtBot
) -> None:
    form = form_on(WEST)
    form.resize(form.width(), 540)  # what an 800 x 600 screen leaves
    assert form.width() <= 800
    open_panel(form, qtbot)
    qtbot.waitUntil(lambda: form.links.panel.visibleRegion().boundingRect().height() > 200)
    # scrolled into view, nothing cut at the right: every field of the panel ends inside the form
    right = form.links.add.mapTo(form, QPoint(form.links.add.width(), 0)).x()
    assert right <= form.width()
    assert form.ok.isVisible() and form.ok.mapTo(form, QPoint(0, 0)).y() < 540


def test_show_linked_events_shows_a_filtered_out_linked_event_and_hides_it_again(
    window: MainWindow, settings: Any
) -> None:
    doc = window.document
    action = window.action("actionShowLinked")
    assert action.isCheckable() and not action.isChecked()
    assert action.toolTip() == "Also show the events linked to the ones the filter shows"
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    assert action in view.actions()
    window.filters.search.setText("started arriving")
    window.filters.search.returnPressed.emit()
    assert [doc.store.event_at(p).id for p in doc.store.visible.positions] == [WEST]
    assert not doc.is_visible(KURSK)
    action.trigger()
    assert doc.filter.linked and doc.is_visible(KURSK) and doc.is_visible(ENTER)
    assert window.table_model.row_of(KURSK) is not None
    assert window.filter_bar.label.full_text().endswith("showing 3 of 15 events (2 by links)")
    assert "(2 by links)" in window.status_label.text()
    window.filters.reset.click()  # every event again; the choice stays for the next filter
    assert action.isChecked() and doc.filter == FilterState(linked=True)
    window.filters.search.setText("started arriving")
    window.filters.search.returnPressed.emit()
    assert doc.is_visible(KURSK)
    action.trigger()
    assert not doc.filter.linked and not doc.is_visible(KURSK)
    assert window.table_model.row_of(KURSK) is None
    assert "by links" not in window.filter_bar.label.full_text()


def test_show_linked_events_is_remembered_with_the_files_filter(
    make_window: Any, dataset_copy: Path
) -> None:
    first = make_window(dataset_copy)
    first.action("actionShowLinked").trigger()
    first.close()
    second = make_window(dataset_copy)
    assert second.document.filter.linked and second.action("actionShowLinked").isChecked()


def test_closing_the_form_after_a_link_change_asks_before_losing_it(
    form_on: Callable[[str | None], EventForm],
    qtbot: QtBot,
    prompts: ScriptedPrompts,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    form = form_on(WEST)
    asked: list[str] = []
    monkeypatch.setattr(prompts, "confirm", lambda _p, title, *_a: asked.append(title) or False)
    qtbot.keyClick(form, Qt.Key.Key_Escape)  # nothing changed: closed unasked
    assert asked == [] and not form.isVisible()
    form = form_on(WEST)
    qtbot.mouseClick(form.findChildren(QToolButton, "removeLink")[0], Qt.MouseButton.LeftButton)
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert asked == ["Discard this event?"] and form.isVisible()  # kept open: "no"
    # a link half written in the panel (a reason typed, not added yet) is asked about too
    form = form_on(WEST)
    form.links.show_panel(True)
    qtbot.keyClicks(form.links.notes, "the same troops, moving on")
    qtbot.keyClick(form.links.notes, Qt.Key.Key_Escape)
    assert asked == ["Discard this event?"] * 2 and form.isVisible()
    assert form.links.notes.toPlainText() == "the same troops, moving on"


def test_alt_l_adds_a_link(form_on: Callable[[str | None], EventForm], qtbot: QtBot) -> None:
    form = form_on(None)  # a new event: no links yet, one can be added
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    qtbot.keyClick(form.focusWidget(), Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(form.links.panel.isVisible)
    assert form.focusWidget() is form.links.search
