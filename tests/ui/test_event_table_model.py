"""The event list's model on a bare document: an edit moves only the rows it touches, so
the list keeps its selection and scroll position; loading and filtering reset it."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from timeline_app.core.actor_edits import rename_actor_change
from timeline_app.core.dates import parse_iso
from timeline_app.core.event_edits import delete_event_change, save_event_change
from timeline_app.core.fileformat import load_timeline
from timeline_app.core.filters import FilterState
from timeline_app.core.model import Event, replace
from timeline_app.ui.document import Document
from timeline_app.ui.event_table_model import TITLE, EventTableModel


def record(model: EventTableModel) -> list[str]:
    seen: list[str] = []
    model.modelReset.connect(lambda: seen.append("reset"))
    model.rowsInserted.connect(lambda _p, a, b: seen.append(f"inserted {a}-{b}"))
    model.rowsRemoved.connect(lambda _p, a, b: seen.append(f"removed {a}-{b}"))
    model.dataChanged.connect(lambda a, b, _r=(): seen.append(f"changed {a.row()}-{b.row()}"))
    return seen


def titles(model: EventTableModel) -> list[str]:
    return [model.index(r, TITLE).data() for r in range(model.rowCount())]


def test_an_added_deleted_or_edited_event_moves_only_its_row(
    doc: Document, qtmodeltester: object
) -> None:
    model = EventTableModel(doc)
    qtmodeltester.check(model, force_py=True)  # type: ignore[attr-defined]
    seen = record(model)
    new = Event("new", "A new event in 2016", parse_iso("2016-06-01"))
    doc.push(save_event_change(doc.timeline, new, None))
    row = titles(model).index("A new event in 2016")
    assert seen == [f"inserted {row}-{row}"]
    assert titles(model) == [doc.store.event_at(p).title for p in doc.store.visible.positions]
    seen.clear()
    first = doc.store.event_at(doc.store.visible.positions[0])
    doc.push(save_event_change(doc.timeline, replace(first, title="Renamed in place"), first))
    assert seen == ["changed 0-0"] and titles(model)[0] == "Renamed in place"
    seen.clear()
    doc.push(delete_event_change(doc.timeline, doc.store.event("new")))  # type: ignore[arg-type]
    assert seen == [f"removed {row}-{row}"]
    seen.clear()
    doc.undo_stack.undo()
    assert seen == [f"inserted {row}-{row}"]


def test_an_event_moved_in_time_is_removed_and_inserted_where_it_now_is(doc: Document) -> None:
    model = EventTableModel(doc)
    seen = record(model)
    first = doc.store.event_at(doc.store.visible.positions[0])
    moved = replace(first, start=parse_iso("2030"))
    doc.push(save_event_change(doc.timeline, moved, first))
    last = model.rowCount() - 1
    assert seen == ["removed 0-0", f"inserted {last}-{last}"]
    assert titles(model)[-1] == first.title


def test_renaming_an_actor_changes_the_actors_column_only(doc: Document) -> None:
    model = EventTableModel(doc)
    seen = record(model)
    doc.push(rename_actor_change(doc.timeline, "russia", "Russian Federation"))
    assert seen == [f"changed 0-{model.rowCount() - 1}"]
    assert any("Russian Federation" in model.index(r, 2).data() for r in range(model.rowCount()))


def test_a_filter_or_a_new_file_resets_the_rows(doc: Document, dataset_copy: Path) -> None:
    model = EventTableModel(doc)
    seen = record(model)
    doc.set_filter(FilterState(checked=frozenset({"syria"})))
    assert seen == ["reset"] and model.rowCount() == 1
    doc.load(load_timeline(dataset_copy), dataset_copy)
    assert seen[-1] == "reset" and model.rowCount() == len(doc.timeline.events)


def test_the_list_keeps_its_selection_when_another_event_is_added(
    window: object, qtbot: QtBot
) -> None:
    from timeline_app.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    doc = window.document
    doc.set_current("korean-war-ends")
    selected = window.event_list.selectionModel().selectedRows()
    assert [i.row() for i in selected] == [0]
    doc.push(save_event_change(doc.timeline, Event("x", "Later", parse_iso("2025")), None))
    rows = [i.row() for i in window.event_list.selectionModel().selectedRows()]
    assert rows == [0] and doc.current_id == "korean-war-ends"


def listed_selection(window: object) -> list[str]:
    from timeline_app.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    rows = window.event_list.selectionModel().selectedRows()
    return [window.table_model.event_at(i.row()).id for i in rows]


def test_undo_and_redo_of_a_move_in_time_keep_the_moved_event_selected(window: object) -> None:
    from timeline_app.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    doc = window.document
    moved = doc.store.event("ukraine-kursk-offensive")
    assert moved is not None
    doc.set_current(moved.id)
    doc.push(save_event_change(doc.timeline, replace(moved, start=parse_iso("1960")), moved))
    for step in (doc.undo_stack.undo, doc.undo_stack.redo, doc.undo_stack.undo):
        step()  # the row leaves from under the cursor and comes back elsewhere
        assert doc.current_id == moved.id
        assert listed_selection(window) == [moved.id]


def test_undoing_an_edit_that_hid_the_selected_event_selects_it_again(window: object) -> None:
    from timeline_app.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    doc = window.document
    doc.set_filter(FilterState(checked=frozenset({"north-korea"})))
    shown = [doc.store.event_at(p) for p in doc.store.visible.positions]
    target = shown[len(shown) // 2]
    doc.set_current(target.id)
    doc.push(save_event_change(doc.timeline, replace(target, actors=("russia",)), target))
    assert doc.current_id is None  # the filter hides it now
    doc.undo_stack.undo()
    assert doc.current_id == target.id
    assert listed_selection(window) == [target.id]


def test_newest_first_an_edit_moves_only_its_rows_too(doc: Document, qtmodeltester: object) -> None:
    """Sorted by date, newest first, the rows are found from ranks (no search of the ids)."""
    from PySide6.QtCore import Qt

    from timeline_app.ui.event_table_model import DATE

    model = EventTableModel(doc)
    model.sort(DATE, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model, force_py=True)  # type: ignore[attr-defined]
    seen = record(model)

    def newest_first() -> list[str]:
        return [doc.store.event_at(p).title for p in reversed(doc.store.visible.positions)]

    new = Event("new", "A new event in 2016", parse_iso("2016-06-01"))
    doc.push(save_event_change(doc.timeline, new, None))
    row = titles(model).index("A new event in 2016")
    assert seen == [f"inserted {row}-{row}"] and titles(model) == newest_first()
    seen.clear()
    oldest = doc.store.event_at(doc.store.visible.positions[0])
    doc.push(save_event_change(doc.timeline, replace(oldest, start=parse_iso("2030")), oldest))
    last = model.rowCount() - 1
    assert seen == [f"removed {last}-{last}", "inserted 0-0"] and titles(model) == newest_first()
    seen.clear()
    doc.undo_stack.undo()
    assert seen == ["removed 0-0", f"inserted {last}-{last}"] and titles(model) == newest_first()
