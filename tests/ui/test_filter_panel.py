"""The filter panel on its own, on a bare document holding the bundled dataset: what is typed
and checked in it becomes the document's one filter state (and so what the core shows), and
the panel shows that state back when it changes elsewhere."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from timeline_app.core.dates import parse_date
from timeline_app.core.filters import ActorMode, FilterState
from timeline_app.core.model import Timeline
from timeline_app.ui.document import Document
from timeline_app.ui.filter_panel import FilterPanel

EVERY = 15  # events in the bundled dataset
# "Kursk" in a title, summary or quote, in time order (the two of 28 October by title)
KURSK = [
    "ukraine-kursk-offensive", "us-estimates-north-korean-troops", "rutte-echoes-uk-statement",
    "north-korean-troops-move-into-kursk",
]  # fmt: skip


@pytest.fixture
def panel(qtbot: QtBot, doc: Document) -> FilterPanel:
    p = FilterPanel(doc)
    qtbot.addWidget(p)
    p.resize(280, 640)
    p.show()
    qtbot.waitExposed(p)
    p.activateWindow()
    qtbot.waitUntil(p.isActiveWindow)  # focus moves and Return works as for a user
    return p


def shown(doc: Document) -> list[str]:
    """The events the document's filter lets through, in time order."""
    return [doc.store.event_at(p).id for p in doc.store.visible.positions]


def in_time_order(doc: Document) -> list[str]:
    """Every event, in the order the filter's result lists them."""
    return [e.id for e in sorted(doc.timeline.events, key=lambda e: e.sort_key())]


def actor_names(panel: FilterPanel) -> list[str]:
    return [i.data() for i in panel.actor_rows()]


def check_state(panel: FilterPanel, name: str) -> Qt.CheckState:
    index = next(i for i in panel.actor_rows() if i.data() == name)
    return Qt.CheckState(index.data(Qt.ItemDataRole.CheckStateRole))


def select_actor(panel: FilterPanel, name: str) -> None:
    index = next(i for i in panel.actor_rows() if i.data() == name)
    panel.actors.setFocus()
    panel.actors.selectionModel().setCurrentIndex(
        index, QItemSelectionModel.SelectionFlag.ClearAndSelect
    )


def toggle_actor(panel: FilterPanel, qtbot: QtBot, name: str) -> None:
    """Select an actor's row and press Space, as a keyboard user checks a box."""
    select_actor(panel, name)
    qtbot.keyClick(panel.actors, Qt.Key.Key_Space)


def enter(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    """Replace a field's text by typing and press Return."""
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


# -- actors --------------------------------------------------------------------------------


def test_lists_every_actor_checked_with_its_event_count(
    panel: FilterPanel, doc: Document, qtmodeltester: object
) -> None:
    assert actor_names(panel) == [a.name for a in doc.timeline.actors]
    counts = {i.data(): i.siblingAtColumn(1).data() for i in panel.actor_rows()}
    assert counts["North Korea"] == 10 and counts["Syria"] == 1
    assert all(check_state(panel, n) == Qt.CheckState.Checked for n in actor_names(panel))
    qtmodeltester.check(panel.proxy)  # type: ignore[attr-defined]


def test_unchecking_an_actor_hides_the_events_only_it_acts_in(
    panel: FilterPanel, doc: Document, qtbot: QtBot
) -> None:
    toggle_actor(panel, qtbot, "North Korea")
    assert check_state(panel, "North Korea") == Qt.CheckState.Unchecked
    assert doc.filter.checked is not None and "north-korea" not in doc.filter.checked
    assert shown(doc) == [e for e in in_time_order(doc) if e != "korean-war-ends"]  # its only one
    toggle_actor(panel, qtbot, "North Korea")
    assert check_state(panel, "North Korea") == Qt.CheckState.Checked
    assert len(shown(doc)) == EVERY


def test_any_or_all_of_the_checked_actors(panel: FilterPanel, doc: Document, qtbot: QtBot) -> None:
    select_actor(panel, "North Korea")
    panel.only.click()
    toggle_actor(panel, qtbot, "Russia")
    assert doc.filter.checked == frozenset({"north-korea", "russia"})
    assert "ukraine-mobilisation-law" not in shown(doc)  # Ukraine's alone
    assert len(shown(doc)) == 13
    panel.mode.setCurrentIndex(panel.mode.findData(ActorMode.ALL.value))
    assert doc.filter.mode is ActorMode.ALL
    assert shown(doc) == [
        "north-korean-troops-enter-russia", "north-korean-troops-arrival-reported",
        "us-estimates-north-korean-troops", "rutte-echoes-uk-statement",
        "north-korean-soldiers-arrive-western-russia", "choe-lavrov-meeting",
        "north-korean-troops-move-into-kursk",
    ]  # fmt: skip


def test_only_this_and_show_all(panel: FilterPanel, doc: Document) -> None:
    select_actor(panel, "Syria")
    panel.only.click()
    assert doc.filter.checked == frozenset({"syria"})
    assert shown(doc) == ["aleppo-north-korean-aid"]
    assert [n for n in actor_names(panel) if check_state(panel, n) == Qt.CheckState.Checked] == [
        "Syria"
    ]
    panel.show_all.click()
    assert doc.filter.checked is None and len(shown(doc)) == EVERY
    assert check_state(panel, "Russia") == Qt.CheckState.Checked


def test_finding_an_actor_narrows_the_list_and_only_this_takes_the_right_one(
    panel: FilterPanel, doc: Document, qtbot: QtBot, qtmodeltester: object
) -> None:
    qtbot.keyClicks(panel.actor_search, "KOR")
    assert actor_names(panel) == ["North Korea", "South Korea"]
    qtmodeltester.check(panel.proxy)  # type: ignore[attr-defined]
    select_actor(panel, "South Korea")  # the second row of the narrowed list
    panel.only.click()
    assert doc.filter.checked == frozenset({"south-korea"})
    assert shown(doc) == ["north-korean-troops-arrival-reported"]
    assert len(shown(doc)) == 1 and doc.filter.text == ""  # finding an actor is no filter


# -- text ----------------------------------------------------------------------------------


def test_typing_a_search_filters_once_the_typing_pauses(
    panel: FilterPanel, doc: Document, qtbot: QtBot
) -> None:
    changes: list[str] = []
    doc.filterChanged.connect(lambda: changes.append(doc.filter.text))
    panel.search.setFocus()
    qtbot.keyClicks(panel.search, "Kursk")
    assert doc.filter.text == ""  # not a filter per keystroke
    qtbot.waitUntil(lambda: doc.filter.text == "Kursk")
    assert changes == ["Kursk"]
    assert shown(doc) == KURSK  # titles, summaries and quotes, whatever the case


def test_return_searches_at_once_and_actor_names_are_searched(
    panel: FilterPanel, doc: Document, qtbot: QtBot
) -> None:
    enter(qtbot, panel.search, "mugabe")  # an actor of the event, not in its title
    assert doc.filter.text == "mugabe"
    assert shown(doc) == ["fifth-brigade-zimbabwe"]
    enter(qtbot, panel.search, "")
    assert doc.filter.text == "" and len(shown(doc)) == EVERY


def test_a_search_being_typed_survives_a_click_on_an_actor(
    panel: FilterPanel, doc: Document, qtbot: QtBot
) -> None:
    panel.search.setFocus()
    qtbot.keyClicks(panel.search, "kursk")
    select_actor(panel, "Ukraine")
    panel.only.click()  # before the search is applied
    assert panel.search.text() == "kursk"
    qtbot.waitUntil(lambda: doc.filter.text == "kursk")
    assert doc.filter.checked == frozenset({"ukraine"})
    assert shown(doc) == ["ukraine-kursk-offensive", "north-korean-troops-move-into-kursk"]


# -- dates ---------------------------------------------------------------------------------


def test_a_date_range_filters_by_overlap(panel: FilterPanel, doc: Document, qtbot: QtBot) -> None:
    enter(qtbot, panel.date_from, "1980s")
    enter(qtbot, panel.date_to, "1980s")
    assert (doc.filter.date_from, doc.filter.date_to) == (parse_date("1980s"), parse_date("1980s"))
    assert shown(doc) == ["fifth-brigade-zimbabwe"]
    enter(qtbot, panel.date_from, "")
    enter(qtbot, panel.date_to, "2016")
    assert doc.filter.date_from is None
    assert shown(doc) == ["korean-war-ends", "fifth-brigade-zimbabwe", "aleppo-north-korean-aid"]
    enter(qtbot, panel.date_to, "")
    enter(qtbot, panel.date_from, "Oct 2024")
    # the two dated only "October 2024" overlap it, and come first (by title)
    assert shown(doc)[:2] == ["north-korean-troops-enter-russia", "uk-un-mission-putin-desperate"]
    assert len(shown(doc)) == 9


def test_clearing_both_dates_drops_the_range_without_return(
    panel: FilterPanel, doc: Document, qtbot: QtBot
) -> None:
    enter(qtbot, panel.date_from, "2016")
    enter(qtbot, panel.date_to, "2022")
    assert len(shown(doc)) == 2
    panel.date_from.clear()  # as the field's clear button does
    assert doc.filter.date_from == parse_date("2016")  # the other still holds a date
    panel.date_to.clear()
    assert doc.filter.date_from is None and doc.filter.date_to is None
    assert len(shown(doc)) == EVERY


@pytest.mark.parametrize(
    ("start", "end", "says"),
    [
        ("soon", "", 'no four-digit year (try "1980s" or "Nov 2024").'),
        ("2024", "02/03/2016", "ambiguous"),
        ("2024", "2016", "“To” is before “From”."),
    ],
)
def test_an_unreadable_or_reversed_range_is_explained_and_not_applied(
    panel: FilterPanel, doc: Document, qtbot: QtBot, start: str, end: str, says: str
) -> None:
    enter(qtbot, panel.date_from, start)
    before = doc.filter
    if end:
        enter(qtbot, panel.date_to, end)
    assert panel.date_note.isVisible() and says in panel.date_note.text()
    assert doc.filter == before and doc.filter.date_to is None  # the new range not applied
    unreadable = [f for f in (panel.date_from, panel.date_to) if "C00000" in f.styleSheet()]
    assert unreadable == ([panel.date_from] if start == "soon" else
                          [panel.date_to] if "ambiguous" in says else [])  # fmt: skip
    enter(qtbot, panel.date_from, "2016")
    enter(qtbot, panel.date_to, "2022")
    assert panel.date_note.isHidden()
    assert not [f for f in (panel.date_from, panel.date_to) if f.styleSheet()]
    assert shown(doc) == ["aleppo-north-korean-aid", "russia-invades-ukraine"]


# -- reset, and the document's state shown back ------------------------------------------


def test_reset_clears_text_dates_actors_and_mode(
    panel: FilterPanel, doc: Document, qtbot: QtBot
) -> None:
    enter(qtbot, panel.search, "kursk")
    enter(qtbot, panel.date_from, "2016")
    enter(qtbot, panel.date_to, "Nov 2024")
    select_actor(panel, "Russia")
    panel.only.click()
    panel.mode.setCurrentIndex(1)
    assert len(shown(doc)) == 4
    panel.reset.click()
    assert doc.filter == FilterState() and len(shown(doc)) == EVERY
    assert panel.search.text() == "" and panel.date_from.text() == panel.date_to.text() == ""
    assert panel.mode.currentData() == ActorMode.ANY.value
    assert check_state(panel, "Ukraine") == Qt.CheckState.Checked


def test_reset_clears_an_unreadable_date_and_its_complaint(
    panel: FilterPanel, doc: Document, qtbot: QtBot
) -> None:
    enter(qtbot, panel.date_from, "soon")
    assert panel.date_note.isVisible()
    panel.reset.click()
    assert panel.date_from.text() == "" and panel.date_from.styleSheet() == ""
    assert panel.date_note.isHidden()
    enter(qtbot, panel.date_to, "2016")  # a date typed afterwards is taken
    assert doc.filter.date_to == parse_date("2016")


def test_shows_a_filter_set_elsewhere(panel: FilterPanel, doc: Document) -> None:
    state = FilterState(
        text="kursk", checked=frozenset({"russia", "ukraine"}), mode=ActorMode.ALL,
        date_from=parse_date("2024"), date_to=parse_date("Nov 2024"),
    )  # fmt: skip
    doc.set_filter(state)  # e.g. the filter remembered for this file, or an actor chip
    assert panel.search.text() == "kursk"
    assert (panel.date_from.text(), panel.date_to.text()) == ("2024", "November 2024")
    assert panel.mode.currentData() == ActorMode.ALL.value
    checked = [n for n in actor_names(panel) if check_state(panel, n) == Qt.CheckState.Checked]
    assert checked == ["Russia", "Ukraine"]
    assert doc.filter == state  # showing it changed nothing


def test_follows_a_newly_opened_timeline(panel: FilterPanel, doc: Document) -> None:
    assert panel.only.isEnabled()
    doc.set_filter(FilterState(text="kursk"))
    doc.load(Timeline(title="Empty"), None, FilterState())
    assert actor_names(panel) == [] and not panel.only.isEnabled()
    assert panel.search.text() == ""
    assert doc.filter == FilterState()


def test_an_edit_marks_changed_only_the_rows_of_the_actors_it_touched(
    panel: FilterPanel, doc: Document
) -> None:
    """An event added for Syria: its row's count goes up, and only its row is redrawn (at
    50 actors every row was marked, and every icon painted again, after any edit)."""
    from timeline_app.core.dates import parse_iso
    from timeline_app.core.event_edits import save_event_change
    from timeline_app.core.model import Event

    model = panel.model
    marked: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda a, b, *_: marked.append((a.row(), b.row())))
    syria = next(r for r in range(model.rowCount()) if model.id_at(r) == "syria")
    before = model.index(syria, 1).data()
    added = Event("more", "More aid", parse_iso("2017-01-01"), actors=("syria",))
    doc.push(save_event_change(doc.timeline, added, None))
    assert model.index(syria, 1).data() == before + 1
    assert marked == [(syria, syria)]
    marked.clear()
    doc.undo_stack.undo()
    assert model.index(syria, 1).data() == before and marked == [(syria, syria)]
