"""The event form on its own, on a bare timeline (no window, no document): typed into as a
user types, it enables OK only for a valid event, says beside each field what is wrong, and
gives back the event and the actors it creates; editing fills in every field."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from paths import DATASET
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot
from scripted_prompts import ScriptedPrompts

from timeline_app.core.dates import TimelineDate, parse_iso
from timeline_app.core.fileformat import load_timeline
from timeline_app.core.model import Actor, DateBasis, Event, Status, Timeline, replace
from timeline_app.core.source_texts import SourceTexts
from timeline_app.ui.app import application
from timeline_app.ui.event_form import EventForm

SOURCE = "ramani-north-korean-troops"  # the article, the first of the dataset's sources
ARTICLE_QUOTE = "Half of the shells that Russia uses on the battlefield are of North Korean origin."
EVENT_IDS = [e.id for e in load_timeline(DATASET).events]

MakeForm = Callable[..., EventForm]


# typing a known actor's name opens the completer's popup, which the offscreen platform
# can neither raise nor let grab the keyboard, and says so
completer_popup = pytest.mark.qt_log_ignore(
    "This plugin does not support (raise|grabbing the keyboard)"
)


@pytest.fixture
def timeline(dataset_copy: Path) -> Timeline:
    return load_timeline(dataset_copy)


@pytest.fixture
def make_form(
    qtbot: QtBot, prompts: ScriptedPrompts, timeline: Timeline, dataset_copy: Path
) -> MakeForm:
    application()

    def make(
        event: Event | None = None, start: TimelineDate | None = None, on: Timeline | None = None
    ) -> EventForm:
        texts = SourceTexts(dataset_copy.parent)
        form = EventForm(prompts, on or timeline, texts, event, start)  # type: ignore[arg-type]
        qtbot.addWidget(form, before_close_func=lambda f: f.done(0))  # closed unasked
        form.show()
        qtbot.waitExposed(form)
        return form

    return make


@pytest.fixture
def form(make_form: MakeForm) -> EventForm:
    return make_form()


def field(form: EventForm, name: str) -> QLineEdit:
    found = form.findChild(QLineEdit, name)
    assert found is not None, name
    return found


def type_in(qtbot: QtBot, form: EventForm, name: str, text: str) -> None:
    """Replace what the field holds by typing ``text`` into it."""
    widget = form.findChild(QWidget, name)
    assert isinstance(widget, QLineEdit | QPlainTextEdit), name
    widget.clear()
    qtbot.keyClicks(widget, text)


def activate(qtbot: QtBot, form: EventForm) -> None:
    """Make the form the active window, so focus moves and shortcuts work as for a user."""
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)


def shown(note: QLabel) -> str:
    """What a note beside a field says, "" when it is hidden."""
    return note.text() if note.isVisible() else ""


def top_in(form: EventForm, widget: QWidget) -> int:
    return widget.mapTo(form, QPoint(0, 0)).y()


# -- a new event -------------------------------------------------------------------------


def test_ok_waits_for_a_title_and_a_readable_date(form: EventForm, qtbot: QtBot) -> None:
    assert form.windowTitle() == "Add event"
    assert not form.ok.isEnabled()
    assert not shown(form.title_note) and not shown(form.start_note)  # no red before typing
    type_in(qtbot, form, "titleEdit", "Korean War armistice")
    assert not form.ok.isEnabled()
    type_in(qtbot, form, "startEdit", "27 July 1953")
    assert shown(form.start_note) == "→ 27 July 1953 (day)"
    assert form.ok.isEnabled()
    type_in(qtbot, form, "titleEdit", "   ")
    assert not form.ok.isEnabled()


def test_a_date_given_by_the_timeline_is_filled_in_in_words(
    make_form: MakeForm, qtbot: QtBot
) -> None:
    form = make_form(start=parse_iso("2024-10-18"))
    assert field(form, "startEdit").text() == "18 October 2024"
    assert shown(form.start_note) == "→ 18 October 2024 (day)"
    type_in(qtbot, form, "titleEdit", "Troops arrive")
    assert form.ok.isEnabled()
    assert form.result_event().event.start == parse_iso("2024-10-18")


@pytest.mark.parametrize("name", ["startEdit", "endEdit"])
@pytest.mark.parametrize(
    ("text", "reason"),
    [("2024-02-30", "no day 30"), ("02/03/2024", "ambiguous"), ("soon", "no four-digit year")],
)
def test_an_unreadable_date_is_explained_beside_its_field(
    form: EventForm, qtbot: QtBot, name: str, text: str, reason: str
) -> None:
    type_in(qtbot, form, "titleEdit", "Something happened")
    type_in(qtbot, form, "startEdit", "2024")
    assert form.ok.isEnabled()
    type_in(qtbot, form, name, text)
    note = form.start_note if name == "startEdit" else form.end_note
    assert reason in shown(note)
    assert not form.ok.isEnabled()
    below = "endEdit" if name == "startEdit" else "actorsEdit"  # between its field and the next
    assert top_in(form, field(form, name)) < top_in(form, note) < top_in(form, field(form, below))
    type_in(qtbot, form, name, "March 2024")
    assert shown(note) == "→ March 2024 (month)"
    assert form.ok.isEnabled()


def test_emptying_a_required_field_says_so_there(form: EventForm, qtbot: QtBot) -> None:
    activate(qtbot, form)
    title = field(form, "titleEdit")
    title.setFocus()
    qtbot.keyClicks(title, "K")
    qtbot.keyClick(title, Qt.Key.Key_Backspace)
    assert shown(form.title_note) == "A title is required."
    assert not shown(form.start_note)  # not been there yet
    qtbot.keyClick(title, Qt.Key.Key_Tab)
    start = field(form, "startEdit")
    assert start.hasFocus()
    qtbot.keyClicks(start, "1")
    qtbot.keyClick(start, Qt.Key.Key_Backspace)
    qtbot.keyClick(start, Qt.Key.Key_Tab)
    assert shown(form.start_note) == "A start date is required."
    assert not form.ok.isEnabled()


def test_tabbing_through_an_empty_title_says_it_is_required(form: EventForm, qtbot: QtBot) -> None:
    activate(qtbot, form)
    title = field(form, "titleEdit")
    title.setFocus()
    qtbot.keyClick(title, Qt.Key.Key_Tab)
    assert field(form, "startEdit").hasFocus()
    assert shown(form.title_note) == "A title is required."


def test_ctrl_enter_saves_a_valid_form_and_points_at_what_is_missing_otherwise(
    form: EventForm, qtbot: QtBot
) -> None:
    activate(qtbot, form)
    title = field(form, "titleEdit")
    title.setFocus()
    qtbot.keyClick(title, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert form.isVisible() and form.result() != QDialog.DialogCode.Accepted
    assert shown(form.title_note) == "A title is required."
    assert shown(form.start_note) == "A start date is required."
    type_in(qtbot, form, "titleEdit", "Armistice")
    type_in(qtbot, form, "startEdit", "1953")
    qtbot.keyClick(title, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert form.result() == QDialog.DialogCode.Accepted and not form.isVisible()


def test_an_end_before_the_start_is_reported(form: EventForm, qtbot: QtBot) -> None:
    type_in(qtbot, form, "titleEdit", "Deployment")
    type_in(qtbot, form, "startEdit", "Nov 2024")
    type_in(qtbot, form, "endEdit", "Oct 2024")
    assert shown(form.end_note) == "The end (October 2024) is before the start."
    assert not form.ok.isEnabled()
    type_in(qtbot, form, "endEdit", "1 December 2024")
    assert shown(form.end_note) == "→ 1 December 2024 (day)"
    assert form.ok.isEnabled()
    event = form.result_event().event
    assert event.start == parse_iso("2024-11") and event.end == parse_iso("2024-12-01")


@completer_popup
def test_the_result_carries_every_typed_field_and_the_new_actors(
    form: EventForm, qtbot: QtBot
) -> None:
    type_in(qtbot, form, "titleEdit", "Half of Russia's  shells are North Korean ")
    type_in(qtbot, form, "startEdit", "Nov 2024")
    type_in(qtbot, form, "endEdit", "Dec 2024")
    type_in(qtbot, form, "actorsEdit", "north korea, RUSSIA, Wagner Group")
    assert shown(form.actors_note) == "New actor will be created: Wagner Group"
    status = form.findChild(QComboBox, "statusEdit")
    basis = form.findChild(QComboBox, "dateBasisEdit")
    assert status is not None and basis is not None
    status.setCurrentIndex(status.findData(Status.DISPUTED.value))
    basis.setCurrentIndex(basis.findData(DateBasis.ELSEWHERE.value))
    type_in(qtbot, form, "tagsEdit", "shells, supply")
    type_in(qtbot, form, "summaryEdit", "Half of the shells come from North Korea.")
    type_in(qtbot, form, "notesEdit", "Dated from the Pentagon briefing.")
    type_in(qtbot, form, "quoteEdit", ARTICLE_QUOTE)
    form.add_quote_button.click()
    qtbot.keyClicks(form.quote_editors[1].text, "  North Korea has sent troops  ")
    form.ok.click()
    assert form.result() == QDialog.DialogCode.Accepted
    result = form.result_event()
    event = result.event
    assert event.id == "half-of-russias-shells-are-north-korean"
    assert event.title == "Half of Russia's shells are North Korean"  # spacing tidied
    assert (event.start, event.end) == (parse_iso("2024-11"), parse_iso("2024-12"))
    assert event.actors == ("north-korea", "russia", "wagner-group")
    assert result.new_actors == (Actor("wagner-group", "Wagner Group"),)
    assert event.status is Status.DISPUTED and event.date_basis is DateBasis.ELSEWHERE
    assert event.tags == ("shells", "supply")
    assert event.summary == "Half of the shells come from North Korea."
    assert event.notes == "Dated from the Pentagon briefing."
    assert [(q.source, q.text) for q in event.quotes] == [
        (SOURCE, ARTICLE_QUOTE), (SOURCE, "North Korea has sent troops")]  # fmt: skip


@completer_popup
def test_several_new_actors_are_named_and_known_ones_are_not(form: EventForm, qtbot: QtBot) -> None:
    type_in(qtbot, form, "actorsEdit", "Kim Jong Un; vladimir putin")
    assert not shown(form.actors_note)  # known, whatever the case and separator
    type_in(qtbot, form, "actorsEdit", "Wagner Group, Russia, Belarus")
    assert shown(form.actors_note) == "New actors will be created: Wagner Group, Belarus"
    type_in(qtbot, form, "titleEdit", "Wagner in Belarus")
    type_in(qtbot, form, "startEdit", "2023")
    result = form.result_event()
    assert [a.name for a in result.new_actors] == ["Wagner Group", "Belarus"]
    assert result.event.actors == ("wagner-group", "russia", "belarus")


def test_a_title_already_in_use_gets_an_id_of_its_own(form: EventForm, qtbot: QtBot) -> None:
    type_in(qtbot, form, "titleEdit", "Korean War ends")
    type_in(qtbot, form, "startEdit", "27 July 1953")
    event = form.result_event().event
    assert event.id != "korean-war-ends"  # it must not replace the event of that title
    assert event.title == "Korean War ends"


def test_quotes_can_be_added_and_removed(form: EventForm, qtbot: QtBot) -> None:
    activate(qtbot, form)
    type_in(qtbot, form, "titleEdit", "Shells")
    type_in(qtbot, form, "startEdit", "2024")
    type_in(qtbot, form, "quoteEdit", ARTICLE_QUOTE)
    form.add_quote_button.click()
    second = form.quote_editors[1]
    qtbot.waitUntil(second.text.hasFocus)  # the new quote is ready for typing
    qtbot.keyClicks(second.text, "A second passage")
    qtbot.waitUntil(second.remove.isVisible)
    second.remove.click()
    assert len(form.quote_editors) == 1
    assert [q.text for q in form.result_event().event.quotes] == [ARTICLE_QUOTE]


def test_each_of_several_quotes_can_be_removed(make_form: MakeForm, timeline: Timeline) -> None:
    event = timeline.event("us-estimates-north-korean-troops")
    assert event is not None and len(event.quotes) == 4
    form = make_form(event)
    assert [e.remove.isVisible() for e in form.quote_editors] == [True] * 4
    left = [e.text.toPlainText() for e in form.quote_editors]
    while len(left) > 1:  # the first of those left, each time
        form.quote_editors[0].remove.click()
        left = left[1:]
        assert [e.text.toPlainText() for e in form.quote_editors] == left
    assert left == [event.quotes[-1].text]
    assert not form.quote_editors[0].remove.isVisible()  # the last one is cleared, not removed


def test_a_quote_needs_a_source_to_be_kept(make_form: MakeForm, qtbot: QtBot) -> None:
    form = make_form(on=Timeline(title="No sources yet"))
    type_in(qtbot, form, "titleEdit", "Unsourced")
    type_in(qtbot, form, "startEdit", "2024")
    type_in(qtbot, form, "quoteEdit", "Something somebody said")
    status = form.quote_editors[0].status
    qtbot.waitUntil(lambda: shown(status) == "Add a source first (Edit ▸ Sources…)")
    assert form.ok.isEnabled()


@completer_popup
def test_actor_names_are_completed_after_a_comma(form: EventForm, qtbot: QtBot) -> None:
    activate(qtbot, form)
    actors = field(form, "actorsEdit")
    actors.setFocus()
    qtbot.keyClicks(actors, "North Korea, ru")
    popup = actors.completer().popup()
    offered = [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())]
    assert popup.isVisible() and offered[0] == "Russia"
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert actors.text() == "North Korea, Russia, "


# -- editing an event ----------------------------------------------------------------------


def test_editing_fills_in_every_field(make_form: MakeForm, timeline: Timeline) -> None:
    event = timeline.event("us-estimates-north-korean-troops")
    assert event is not None
    form = make_form(event)
    assert form.windowTitle() == "Edit event"
    assert field(form, "titleEdit").text() == event.title
    assert field(form, "startEdit").text() == "28 October 2024"
    assert field(form, "endEdit").text() == "31 October 2024"
    assert field(form, "actorsEdit").text() == "North Korea, Russia, United States, United Kingdom"
    assert field(form, "tagsEdit").text() == "deployment, kursk, intelligence"
    status = form.findChild(QComboBox, "statusEdit")
    basis = form.findChild(QComboBox, "dateBasisEdit")
    assert status is not None and status.currentData() == Status.REPORTED.value
    assert basis is not None and basis.currentData() == DateBasis.ELSEWHERE.value
    summary = form.findChild(QPlainTextEdit, "summaryEdit")
    notes = form.findChild(QPlainTextEdit, "notesEdit")
    assert summary is not None and summary.toPlainText() == event.summary
    assert notes is not None and notes.toPlainText() == event.notes
    typed = [(e.source.currentData(), e.text.toPlainText()) for e in form.quote_editors]
    assert typed == [(q.source, q.text) for q in event.quotes]
    assert all(e.found for e in form.quote_editors)  # checked against their sources at once
    assert form.ok.isEnabled()
    alleged = timeline.event("aleppo-north-korean-aid")
    assert alleged is not None and alleged.status is Status.ALLEGED
    other = make_form(alleged)
    status = other.findChild(QComboBox, "statusEdit")
    assert status is not None and status.currentData() == Status.ALLEGED.value


@pytest.mark.parametrize("event_id", EVENT_IDS)
def test_ok_on_an_unchanged_event_gives_back_the_same_event(
    make_form: MakeForm, timeline: Timeline, event_id: str
) -> None:
    event = timeline.event(event_id)
    assert event is not None
    form = make_form(event)
    form.ok.click()
    assert form.result() == QDialog.DialogCode.Accepted
    result = form.result_event()
    assert result.event == event and result.new_actors == ()


def test_an_edited_event_keeps_its_id_and_the_fields_the_app_does_not_know(
    make_form: MakeForm, timeline: Timeline, qtbot: QtBot
) -> None:
    event = timeline.event("korean-war-ends")
    assert event is not None
    event = replace(event, extra={"x-importance": 3})
    form = make_form(event)
    type_in(qtbot, form, "titleEdit", "Armistice signed at Panmunjom")
    type_in(qtbot, form, "startEdit", "27 July 1953")
    edited = form.result_event().event
    assert edited.id == "korean-war-ends" and edited.extra == {"x-importance": 3}
    assert edited.title == "Armistice signed at Panmunjom"
    assert edited.start == parse_iso("1953-07-27") and edited.quotes == event.quotes


def test_each_quote_is_weighed_in_the_form(make_form: MakeForm, timeline: Timeline) -> None:
    """Credibility, stance and note per quote: shown when editing, kept when untouched,
    changed when chosen; the other fields of the quote stay."""
    from timeline_app.core.model import Stance, replace

    event = timeline.event("us-estimates-north-korean-troops")
    assert event is not None
    weighed = replace(event.quotes[1], credibility=4, stance=Stance.CONTRADICTS, note="later")
    event = replace(event, quotes=(event.quotes[0], weighed))
    on = replace(timeline, events=[event if e.id == event.id else e for e in timeline.events])
    form = make_form(event, on=on)
    first, second = form.quote_editors
    assert first.credibility.currentText() == "2 — probably true"  # as the file grades it
    assert first.stance.currentText() == "supports the event"
    assert second.credibility.currentText() == "4 — doubtful"
    assert (second.stance.currentText(), second.note.text()) == ("contradicts the event", "later")
    assert form.result_event().event == event  # untouched: the same event
    first.credibility.setCurrentIndex(first.credibility.findData(3))
    first.stance.setCurrentIndex(first.stance.findData(Stance.CONTRADICTS.value))
    first.note.setText("  an estimate  ")
    result = form.result_event().event
    assert (result.quotes[0].credibility, result.quotes[0].stance) == (3, Stance.CONTRADICTS)
    assert result.quotes[0].note == "an estimate" and result.quotes[1] == weighed
    assert result.quotes[0].text == event.quotes[0].text
