"""Find Events in Text: the review panel (issue 19).  A new source is pasted, its events
found, some accepted, one rejected, one added as a quote to an event; undone, saved,
reopened: the accepted quotes verify and the rejection is remembered."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QPushButton
from pytestqt.qtbot import QtBot
from scripted_prompts import ScriptedPrompts

from timeline_app.core.dates import parse_date
from timeline_app.core.model import DateBasis, Source
from timeline_app.core.source_texts import check_quotes
from timeline_app.core.wording import clipped
from timeline_app.ui.event_form import EventForm, FormResult
from timeline_app.ui.main_window import MainWindow
from timeline_app.ui.review_panel import ACTORS, DATE, HEADERS, TIMELINE, TITLE, ReviewPanel
from timeline_app.ui.source_form import SourceForm

ROOT = Path(__file__).resolve().parents[2]
WIKI = (
    ROOT / "benchmarks" / "extraction" / "texts" / "wikipedia-north-korea-russia-relations-lead.txt"
)
NEW = "north-korea-and-russia"
PACT = """Seoul desk

North Korea and Russia signed a pact on Friday, officials said.

On 12 October 1948, the Soviet Union recognised North Korea.
"""


def paste_source(
    window: MainWindow,
    prompts: ScriptedPrompts,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
    title: str,
    text: str,
    published: str = "",
) -> Any:
    """Edit ▸ Sources… ▸ Add…, the text pasted into the source form; the Sources window."""

    def reply(parent: Any, timeline: Any, source: Any, old: Any) -> tuple[Source, str | None]:
        form = SourceForm(prompts, timeline, source, old, parent)  # type: ignore[arg-type]
        qtbot.addWidget(form, before_close_func=lambda f: f.done(0))
        form.title.setText(title)
        form.published.setText(published)
        form.text.setPlainText(text)
        assert form.ok.isEnabled()
        return form.result_source(), form.result_text()

    monkeypatch.setattr(prompts, "source_form", reply)
    dialog = window.edit.show_sources()
    dialog.add_button.click()
    return dialog


def row_of(panel: ReviewPanel, words: str) -> int:
    rows = [i for i, r in enumerate(panel.model.rows) if words in r.proposal.quote]
    assert len(rows) == 1, [r.proposal.quote for r in panel.model.rows]
    return rows[0]


def cell(panel: ReviewPanel, row: int, column: int) -> str:
    return str(panel.model.index(row, column).data())


def key(
    panel: ReviewPanel, qtbot: QtBot, k: Qt.Key, mods: Any = Qt.KeyboardModifier.NoModifier
) -> None:
    panel.table.setFocus()
    qtbot.keyClick(panel.table, k, mods)


def quotes_from(window: MainWindow, source_id: str) -> dict[str, list[str]]:
    return {e.id: [q.text for q in e.quotes if q.source == source_id]
            for e in window.document.timeline.events
            if any(q.source == source_id for q in e.quotes)}  # fmt: skip


@pytest.fixture
def panel_on_wiki(
    window: MainWindow, prompts: ScriptedPrompts, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> ReviewPanel:
    dialog = paste_source(window, prompts, monkeypatch, qtbot, "North Korea and Russia",
                          WIKI.read_text(encoding="utf-8"))  # fmt: skip
    # offered right after the text is added
    assert dialog.offer.isVisible() and "North Korea and Russia" in dialog.offer_label.text()
    # one Find Events… button: the regular one, for the new source, selected
    finders = [b for b in dialog.findChildren(QPushButton) if "Find" in b.text()]
    assert finders == [dialog.find_button] and dialog.find_button.isDefault()
    assert dialog.selected_id() == NEW
    dialog.find_button.click()
    panel = window.edit.review_panel
    assert panel is not None and panel.isVisible() and panel.source_id == NEW
    qtbot.waitExposed(panel)
    return panel


def test_paste_find_accept_reject_quote_undo_save_reopen(
    window: MainWindow,
    panel_on_wiki: ReviewPanel,
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],
    dataset_copy: Path,
) -> None:
    panel, doc = panel_on_wiki, window.document
    before = len(doc.timeline.events)
    assert panel.windowTitle() == "Find Events in “North Korea and Russia”"
    assert panel.summary.text() == "8 found: 8 to review"
    first = row_of(panel, "October 12, 1948")
    assert cell(panel, first, DATE) == "12 October 1948 (day)"
    assert cell(panel, first, ACTORS) == "North Korea, Soviet Union?"  # suggested, not made
    # the quote is highlighted in the article beside the list
    assert panel.current_row() == first
    assert panel.article.highlighted_text() == panel.model.rows[first].proposal.quote

    # accept three, as they are: one step
    three = [first, row_of(panel, "Putin"), row_of(panel, "mid-2015")]
    panel.select_rows(three)
    key(panel, qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert len(doc.timeline.events) == before + 3
    assert doc.undo_stack.undoText() == "Add 3 events from “North Korea and Russia”"
    for row in three:
        assert cell(panel, row, TIMELINE) == "in timeline"
    assert panel.summary.text() == "8 found: 5 to review · 3 in the timeline"
    soviet = doc.timeline.events[before]
    assert soviet.actors == ("north-korea",)  # no actor made without asking
    # one undo takes the three back, redo brings them again
    doc.undo_stack.undo()
    assert len(doc.timeline.events) == before and not any(r.in_event for r in panel.model.rows)
    doc.undo_stack.redo()
    assert len(doc.timeline.events) == before + 3

    # reject one (Del): gone from the list
    border = row_of(panel, "1860")
    border_quote = panel.model.rows[border].proposal.quote
    panel.select_rows([border])
    key(panel, qtbot, Qt.Key.Key_Delete)
    assert all(r.proposal.quote != border_quote for r in panel.model.rows)
    assert panel.summary.text() == "8 found: 4 to review · 3 in the timeline · 1 rejected"
    assert NEW in doc.timeline.review

    # add one as a quote to an existing event (Q): a second source for it
    workers = row_of(panel, "sent workers")
    target = panel.model.rows[workers].quote_to[0]
    title = doc.timeline.event(target).title  # type: ignore[union-attr]
    assert cell(panel, workers, TIMELINE) == "quote?"
    panel.select_rows([workers])
    assert f"May be the same as “{title}”: Q adds the passage" in panel.note.text()
    assert panel.quote_button.isEnabled() and "Q" in panel.quote_button.toolTip()
    key(panel, qtbot, Qt.Key.Key_Q)
    workers_quote = panel.model.rows[workers].proposal.quote
    assert quotes_from(window, NEW)[target] == [workers_quote]
    assert panel.model.rows[workers].in_event == target

    # undo (Ctrl+Z in the panel) takes the quote back; redo adds it again
    key(panel, qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert target not in quotes_from(window, NEW)
    assert cell(panel, workers, TIMELINE) == "quote?"
    doc.undo_stack.redo()
    assert quotes_from(window, NEW)[target] == [workers_quote]

    # save, reopen: the accepted quotes verify, the rejection is remembered
    assert window.save()
    panel.close()
    again = make_window(dataset_copy)
    reopened = again.document
    assert reopened.timeline.source(NEW) is not None
    assert (dataset_copy.parent / "north-korea-and-russia.txt").read_text(
        encoding="utf-8") == WIKI.read_text(encoding="utf-8")  # fmt: skip
    ours = quotes_from(again, NEW)
    assert len(ours) == 4
    problems = check_quotes(reopened.timeline, reopened.texts)
    assert not [p for p in problems if "north-korea-and-russia" in p.where or NEW in p.message]
    second = again.edit.find_events(NEW)
    assert second is not None
    assert all(r.proposal.quote != border_quote for r in second.model.rows)
    assert second.summary.text() == "8 found: 3 to review · 4 in the timeline · 1 rejected"
    second.close()


def test_the_panel_model_passes_the_model_tester(
    panel_on_wiki: ReviewPanel, qtmodeltester: Any
) -> None:
    qtmodeltester.check(panel_on_wiki.model)


def test_enter_opens_the_event_form_filled_in(
    window: MainWindow,
    panel_on_wiki: ReviewPanel,
    prompts: ScriptedPrompts,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
) -> None:
    panel, doc = panel_on_wiki, window.document
    forms: list[EventForm] = []

    def reply(
        parent: Any, timeline: Any, texts: Any, event: Any, start: Any, draft: Any
    ) -> FormResult:
        assert event is None and start is None
        form = EventForm(prompts, timeline, texts, None, None, parent, draft)  # type: ignore[arg-type]
        qtbot.addWidget(form, before_close_func=lambda f: f.done(0))
        forms.append(form)
        form.actors.setText("North Korea, Soviet Union")  # the suggestion kept, knowingly
        assert form.ok.isEnabled()
        return form.result_event()

    monkeypatch.setattr(prompts, "event_form", reply)
    first = row_of(panel, "1948")
    panel.select_rows([first])
    key(panel, qtbot, Qt.Key.Key_Return)
    form = forms[0]
    assert form.windowTitle() == "Add event"
    assert form.title.text() == panel.model.draft_at(first).title
    assert form.start.text() == "12 October 1948"
    assert form.quote_editors[0].text.toPlainText() == panel.model.rows[first].proposal.quote
    assert form.quote_editors[0].source.currentData() == NEW
    assert form.quote_editors[0].found
    assert "Soviet Union" in form.actors_note.text()  # "New actor will be created"
    added = doc.timeline.events[-1]
    assert added.start == parse_date("12 October 1948")
    assert [a.name for a in doc.timeline.actors][-1] == "Soviet Union"
    assert panel.model.rows[first].in_event == added.id
    assert panel.current_row() == first + 1  # on to the next proposal


def test_a_proposal_needing_a_date_is_accepted_once_one_is_typed(
    window: MainWindow, prompts: ScriptedPrompts, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    dialog = paste_source(window, prompts, monkeypatch, qtbot, "Seoul desk", PACT, "November 2024")
    dialog.find_button.click()
    panel = window.edit.review_panel
    assert panel is not None
    doc = window.document
    pact = row_of(panel, "pact")
    assert cell(panel, pact, DATE) == "needs a date"
    panel.select_rows([pact])
    key(panel, qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "needs a date" in panel.problem.text()
    assert doc.timeline.events[-1].quotes[0].source != "seoul-desk"  # nothing added
    # E edits the date it needs, in the list
    key(panel, qtbot, Qt.Key.Key_E)
    assert panel.table.currentIndex().column() == DATE
    editor = panel.table.indexWidget(panel.table.currentIndex())
    qtbot.keyClicks(editor, "Fryday")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.table.state() != QAbstractItemView.State.EditingState)
    assert panel.problem.text().startswith("“Fryday”")
    key(panel, qtbot, Qt.Key.Key_E)
    editor = panel.table.indexWidget(panel.table.currentIndex())
    qtbot.keyClicks(editor, "1 November 2024")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.table.state() != QAbstractItemView.State.EditingState)
    assert cell(panel, pact, DATE) == "1 November 2024 (typed)"
    # at the date typed, it may be the same as the Choe–Lavrov meeting: offered as a quote
    choe = doc.timeline.event("choe-lavrov-meeting")
    assert choe is not None
    assert cell(panel, pact, TIMELINE) == "quote?"
    assert f"May be the same as “{choe.title}”" in panel.note.text()
    assert panel.quote_button.isEnabled()
    # accepting it as a new event asks first; "no" adds nothing
    asked: list[str] = []
    answer = [False]
    monkeypatch.setattr(prompts, "confirm", lambda parent, title, text, *a: (
        asked.append(text), answer[0])[1])  # fmt: skip
    count = len(doc.timeline.events)
    key(panel, qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert asked == [f"“{panel.model.draft_at(pact).title}” may be the same as “{choe.title}”: "
                     "Q adds the passage to it as a quote. Add a new event anyway?"]  # fmt: skip
    assert len(doc.timeline.events) == count
    assert "Not accepted" in panel.problem.text()
    answer[0] = True
    key(panel, qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert len(doc.timeline.events) == count + 1
    event = doc.timeline.events[-1]
    assert event.start == parse_date("1 November 2024")
    assert event.date_basis is DateBasis.ELSEWHERE
    assert "typed by the reviewer" in event.notes and "“on Friday”" in event.notes


def test_a_date_counted_back_says_from_what(
    window: MainWindow, prompts: ScriptedPrompts, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    dialog = paste_source(
        window, prompts, monkeypatch, qtbot, "Seoul desk", PACT, "4 November 2024"
    )
    dialog.find_button.click()
    panel = window.edit.review_panel
    assert panel is not None
    pact = row_of(panel, "pact")
    assert cell(panel, pact, DATE) == "1 November 2024 (day)"
    # the list says what relative dates count from, before any row is looked at
    assert panel.counted.text() == "Relative dates count from 4 November 2024, the source's date."
    panel.select_rows([pact])
    assert "counted back from 4 November 2024" in panel.note.text()
    monkeypatch.setattr(prompts, "confirm", lambda *a: True)  # a new event, not a quote to one
    key(panel, qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    event = window.document.timeline.events[-1]
    assert event.notes == "Date: “on Friday”, counted back from 4 November 2024."
    assert event.date_basis is DateBasis.SOURCE


def test_the_bundled_article_marks_what_the_timeline_already_quotes(window: MainWindow) -> None:
    panel = window.edit.find_events("ramani-north-korean-troops")
    assert panel is not None
    assert panel.model.rowCount() and all(r.in_event for r in panel.model.rows)
    assert not panel.accept_button.isEnabled() and not panel.reject_button.isEnabled()
    flags = panel.model.flags(panel.model.index(0, TITLE))
    assert not flags & Qt.ItemFlag.ItemIsEditable


def test_text_from_the_file_is_shown_as_plain_text(
    window: MainWindow, prompts: ScriptedPrompts, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    text = "Report\n\nOn 3 March 2021, <b>North Korea</b> <img src=x> tested a missile.\n"
    dialog = paste_source(window, prompts, monkeypatch, qtbot, "<i>Tags</i>", text)
    dialog.find_button.click()
    panel = window.edit.review_panel
    assert panel is not None
    assert "<b>North Korea</b>" in cell(panel, 0, TITLE)
    assert panel.article.text.toPlainText() == text
    assert panel.windowTitle() == "Find Events in “<i>Tags</i>”"
    tip = str(panel.model.index(0, TITLE).data(Qt.ItemDataRole.ToolTipRole))
    assert "&lt;b&gt;" in tip and "<b>" not in tip


def test_the_edit_menu_finds_events_in_the_selected_events_source(window: MainWindow) -> None:
    doc = window.document
    doc.set_current("korean-war-ends")
    window.action("actionFindEvents").trigger()
    panel = window.edit.review_panel
    assert panel is not None and panel.isVisible()
    source = doc.timeline.event("korean-war-ends").quotes[0].source  # type: ignore[union-attr]
    assert panel.source_id == source


@pytest.mark.parametrize("size", [(1280, 800), (800, 600)])
def test_render(
    window: MainWindow,
    panel_on_wiki: ReviewPanel,
    size: tuple[int, int],
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    panel = panel_on_wiki
    panel.resize(*size)
    panel.select_rows([row_of(panel, "sent workers")])
    qtbot.wait(50)
    out = Path("/tmp") / f"review-panel-{size[0]}x{size[1]}.png"
    assert panel.grab().save(str(out))
    assert panel.minimumSizeHint().width() <= size[0]
    # the title column has the room: wider than any other; the note gives it in full
    widths = [panel.table.columnWidth(c) for c in range(len(HEADERS))]
    assert widths[TITLE] == max(widths)
    assert cell(panel, panel.current_row() or 0, TITLE) in panel.note.text()


def test_the_panel_fits_the_screen(window: MainWindow, panel_on_wiki: ReviewPanel) -> None:
    room = panel_on_wiki.screen().availableGeometry()
    assert panel_on_wiki.width() <= room.width() and panel_on_wiki.height() <= room.height()


def test_undoing_the_sources_arrival_empties_the_list_and_redo_fills_it(
    window: MainWindow, panel_on_wiki: ReviewPanel
) -> None:
    panel, doc = panel_on_wiki, window.document
    doc.undo_stack.undo()  # the source added
    assert doc.timeline.source(NEW) is None
    assert panel.model.rowCount() == 0
    assert panel.summary.text() == "The source is no longer in the timeline."
    doc.undo_stack.redo()
    assert panel.summary.text() == "8 found: 8 to review"


def test_the_list_follows_an_edit_of_the_sources_text(
    window: MainWindow, prompts: ScriptedPrompts, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    dialog = paste_source(
        window, prompts, monkeypatch, qtbot, "Seoul desk", PACT, "4 November 2024"
    )
    dialog.find_button.click()
    panel = window.edit.review_panel
    assert panel is not None and panel.model.rowCount() == 2
    assert panel.model.setData(panel.model.index(row_of(panel, "1948"), TITLE), "Recognition")
    longer = "Updated.\n\n" + PACT + "\nIn 1860, the border along the Tumen River was formed.\n"

    def reply(parent: Any, timeline: Any, source: Any, old: Any) -> tuple[Source, str | None]:
        return source, longer

    monkeypatch.setattr(prompts, "source_form", reply)
    dialog.edit_button.click()
    assert panel.text == longer and panel.model.rowCount() == 3
    assert cell(panel, row_of(panel, "1948"), TITLE) == "Recognition"  # moved, edit kept
    assert dialog.offer.isVisible()  # a new text: finding its events is offered again
    window.document.undo_stack.undo()
    assert panel.text == PACT and panel.model.rowCount() == 2


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # (offscreen, when reopened)
def test_edits_in_the_list_are_kept_while_the_window_lives_and_undone_in_order(
    window: MainWindow, panel_on_wiki: ReviewPanel, qtbot: QtBot
) -> None:
    panel, doc = panel_on_wiki, window.document
    border = row_of(panel, "1860")
    panel.select_rows([border])
    key(panel, qtbot, Qt.Key.Key_E)
    editor = panel.table.indexWidget(panel.table.currentIndex())
    editor.selectAll()  # type: ignore[union-attr]
    qtbot.keyClicks(editor, "Border formed")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.table.state() != QAbstractItemView.State.EditingState)
    assert cell(panel, border, TITLE) == "Border formed"
    # Esc in the list does not close the panel; closing and opening it again keeps the edit
    key(panel, qtbot, Qt.Key.Key_Escape)
    assert panel.isVisible()
    assert "Ctrl+Z" in panel.keys.text()
    panel.close()
    doc.set_current("korean-war-ends")  # another source is reviewed meanwhile
    other = window.edit.find_events()
    assert other is panel and panel.source_id != NEW
    assert window.edit.find_events(NEW) is panel
    assert cell(panel, row_of(panel, "1860"), TITLE) == "Border formed"
    panel.activateWindow()  # its shortcuts are the active window's
    qtbot.waitUntil(panel.isActiveWindow)
    # a timeline change after the edit: Ctrl+Z undoes it first, then the edit, and says so
    workers = row_of(panel, "sent workers")
    panel.select_rows([workers])
    key(panel, qtbot, Qt.Key.Key_Q)
    change = doc.undo_stack.undoText()
    key(panel, qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert panel.problem.text() == f"Undone in the timeline: {change}."
    assert not panel.model.rows[workers].in_event
    key(panel, qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert panel.problem.text() == "Undone: your edit of “Border formed” in the list."
    assert cell(panel, row_of(panel, "1860"), TITLE) != "Border formed"
    assert panel.current_row() == row_of(panel, "1860")
    # then the timeline's earlier changes, each named (the source's arrival here)
    key(panel, qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert panel.problem.text().startswith("Undone in the timeline: ")


def test_keys_that_do_nothing_say_why(window: MainWindow, qtbot: QtBot) -> None:
    panel = window.edit.find_events("ramani-north-korean-troops")
    assert panel is not None and all(r.in_event for r in panel.model.rows)
    count, undo = len(window.document.timeline.events), window.document.undo_stack.count()
    title = window.document.timeline.event(panel.model.rows[0].in_event).title  # type: ignore[union-attr]
    panel.select_rows([0])
    for k, mods, name in [
        (Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "Enter"),
        (Qt.Key.Key_E, Qt.KeyboardModifier.NoModifier, "E"),
        (Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier, "Del"),
        (Qt.Key.Key_Q, Qt.KeyboardModifier.NoModifier, "Q"),
        (Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier, "Ctrl+Enter"),
    ]:
        panel.problem.clear()
        key(panel, qtbot, k, mods)
        assert panel.problem.text().startswith(f"{name} does nothing here: “{clipped(title, 80)}”")
    assert panel.table.state() != QAbstractItemView.State.EditingState
    assert len(window.document.timeline.events) == count
    assert window.document.undo_stack.count() == undo
    panel.close()


def test_q_is_offered_only_where_it_applies(panel_on_wiki: ReviewPanel, qtbot: QtBot) -> None:
    panel = panel_on_wiki
    panel.select_rows([row_of(panel, "sent workers")])
    assert "Q: add as a quote" in panel.keys.text()
    panel.select_rows([row_of(panel, "1860")])
    assert "Q:" not in panel.keys.text() and not panel.quote_button.isEnabled()
    key(panel, qtbot, Qt.Key.Key_Q)
    assert panel.problem.text().startswith("Q does nothing here: no event in the timeline")
