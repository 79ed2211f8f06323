"""Linking two events by Ctrl+drag on the timeline: the chooser asks the kind and why, the
arrow is drawn between the two markers, the detail pane follows it, deleting an end takes
the link with it in one undo step, and a link already there is refused."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from scripted_prompts import ScriptedPrompts
from uihelpers import event_point

from timeline_app.core.event_edits import LinkDraft
from timeline_app.core.model import Event, LinkBasis, LinkType, Timeline
from timeline_app.ui.link_chooser import LinkChooser
from timeline_app.ui.main_window import MainWindow

KOREA = "korean-war-ends"
ALEPPO = "aleppo-north-korean-aid"
CTRL = Qt.KeyboardModifier.ControlModifier


def ctrl_drag(qtbot: QtBot, window: MainWindow, start: QPoint, end: QPoint) -> None:
    view = window.timeline
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, CTRL, start)
    qtbot.mouseMove(view, (start + end) / 2)
    qtbot.mouseMove(view, end)
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, CTRL, end)


Chooser = Callable[[LinkChooser], None]


def answer_with(
    qtbot: QtBot, prompts: ScriptedPrompts, fill: Chooser, asked: list[tuple[str, str]]
) -> None:
    """The chooser is the real window, filled in by ``fill`` as a user would."""

    def link_chooser(
        parent: object, timeline: Timeline, source: Event, target: Event
    ) -> LinkDraft | None:
        asked.append((source.id, target.id))
        dialog = LinkChooser(timeline, source, target)
        qtbot.addWidget(dialog)
        fill(dialog)
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        return dialog.draft() if ok.isEnabled() else None

    prompts.link_chooser = link_chooser  # type: ignore[attr-defined]


def led_to_because(qtbot: QtBot, why: str) -> Chooser:
    def fill(dialog: LinkChooser) -> None:
        assert dialog.kind.currentText().startswith("Led to →")
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert not ok.isEnabled() and not dialog.problem.isVisibleTo(dialog)  # asked, not scolded
        qtbot.keyClicks(dialog.notes, why)
        assert ok.isEnabled()

    return fill


def test_a_ctrl_drag_links_two_events_and_the_arrow_joins_their_markers(
    window: MainWindow, qtbot: QtBot, prompts: ScriptedPrompts
) -> None:
    doc, view = window.document, window.timeline
    asked: list[tuple[str, str]] = []
    answer_with(qtbot, prompts, led_to_because(qtbot, "Pyongyang's wartime debt"), asked)
    before = len(doc.timeline.links)
    ctrl_drag(qtbot, window, event_point(view, KOREA), event_point(view, ALEPPO))
    assert asked == [(KOREA, ALEPPO)]
    (link,) = doc.timeline.links[before:]
    assert (link.from_id, link.to_id, link.type) == (KOREA, ALEPPO, LinkType.LED_TO)
    assert link.basis is LinkBasis.ANALYST and link.notes == "Pyongyang's wartime debt"
    assert "Ctrl+Z" in window.statusBar().currentMessage()
    # drawn from the one marker to the other
    doc.set_current(KOREA)
    marks = {m.event_id: m for m in view.scene().marks}
    (arrow,) = [a for a in view.scene().arrows if a.link_id == link.id]
    for x, y, mark in ((arrow.x0, arrow.y0, marks[KOREA]), (arrow.x1, arrow.y1, marks[ALEPPO])):
        assert mark.x0 <= x <= max(mark.x1, mark.x0 + 1)  # on the marker (a year's band)
        assert mark.top <= y <= mark.top + mark.height
    assert arrow.head and arrow.dashed and arrow.emphasis == "selected"
    # the detail pane reads it from this end, and follows it
    text = " ".join(window.detail.toPlainText().split())
    assert "Led to → North Korean forces allegedly aid Assad" in text
    assert "analyst's inference: Pyongyang's wartime debt" in text
    window.detail.anchorClicked.emit(QUrl(f"event:{ALEPPO}"))
    assert doc.current_id == ALEPPO
    # deleting an end takes the link with it, in one undo step
    window.edit.delete_event()
    assert link not in doc.timeline.links and doc.store.event(ALEPPO) is None
    assert "and its 1 link" in window.statusBar().currentMessage()
    window.act_undo.trigger()
    assert link in doc.timeline.links and doc.store.event(ALEPPO) is not None
    window.act_undo.trigger()  # and the link itself
    assert link not in doc.timeline.links and len(doc.timeline.links) == before


def test_the_other_way_round_and_a_link_already_there_is_refused(
    window: MainWindow, qtbot: QtBot, prompts: ScriptedPrompts
) -> None:
    doc, view = window.document, window.timeline

    def in_response(dialog: LinkChooser) -> None:
        dialog.kind.setCurrentIndex(1)
        assert dialog.kind.currentText().startswith("In response to ←")
        qtbot.keyClicks(dialog.notes, "an inference")

    asked: list[tuple[str, str]] = []
    answer_with(qtbot, prompts, in_response, asked)
    ctrl_drag(qtbot, window, event_point(view, ALEPPO), event_point(view, KOREA))
    link = doc.timeline.links[-1]
    assert (link.from_id, link.to_id) == (KOREA, ALEPPO)  # stored from the other end
    count = len(doc.timeline.links)
    problems: list[str] = []

    def again(dialog: LinkChooser) -> None:
        dialog.kind.setCurrentIndex(1)
        problems.append(dialog.problem.text())  # said at once, before any reason is typed
        in_response(dialog)

    answer_with(qtbot, prompts, again, asked)
    ctrl_drag(qtbot, window, event_point(view, ALEPPO), event_point(view, KOREA))
    assert problems and "already" in problems[0]  # in the chooser, whose Link button is off
    assert len(doc.timeline.links) == count


def test_a_drag_dropped_on_empty_time_or_escaped_asks_nothing(
    window: MainWindow, qtbot: QtBot
) -> None:
    view, doc = window.timeline, window.document
    before = list(doc.timeline.links)
    start = event_point(view, KOREA)
    ctrl_drag(qtbot, window, start, QPoint(view.width() // 2, view.height() - 6))
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, CTRL, start)
    assert view.link_from == KOREA
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert view.link_from is None
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, CTRL, event_point(view, ALEPPO))
    assert doc.timeline.links == before  # (ScriptedPrompts fails on any question)


def test_the_chooser_questions_a_link_back_in_time_without_refusing_it(
    window: MainWindow, qtbot: QtBot, prompts: ScriptedPrompts
) -> None:
    said: list[str] = []

    def led_to_earlier(dialog: LinkChooser) -> None:
        qtbot.keyClicks(dialog.notes, "a guess")
        said.append(dialog.problem.text())

    answer_with(qtbot, prompts, led_to_earlier, [])
    view = window.timeline
    ctrl_drag(qtbot, window, event_point(view, ALEPPO), event_point(view, KOREA))
    assert said and "began after" in said[0]
    link = window.document.timeline.links[-1]
    assert (link.from_id, link.to_id) == (ALEPPO, KOREA)  # added all the same
