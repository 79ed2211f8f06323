"""The window's actions, declared once as data: each key sequence is bound to one action,
and the menus, the toolbar and the Help page come from the same declarations."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from pytestqt.qtbot import QtBot

from timeline_app.ui.actions import MENUS, SPECS, TOOLBAR
from timeline_app.ui.main_window import MainWindow


def test_no_key_sequence_is_bound_to_two_actions(window: MainWindow) -> None:
    bound: dict[str, list[str]] = {}
    for action in window.findChildren(QAction):
        if action.parent() is not window:
            continue  # the Actors and Sources windows have shortcuts of their own
        for key in action.shortcuts():
            text = key.toString(QKeySequence.SequenceFormat.PortableText)
            bound.setdefault(text, []).append(action.objectName() or action.text())
    assert {k: v for k, v in bound.items() if len(v) > 1} == {}
    assert "Ctrl+-" in bound and "Ctrl+Y" in bound  # zoom out and redo: there, once each


def test_every_declared_action_is_in_a_menu_and_the_help_names_its_keys(
    window: MainWindow,
) -> None:
    placed = {item for ids in MENUS.values() for item in ids if item} | {
        item for item in TOOLBAR if item
    }
    assert {spec.id for spec in SPECS} <= placed
    menu_ids = {a.objectName() for m in window.menuBar().actions() for a in m.menu().actions()}
    assert {spec.id for spec in SPECS} <= menu_ids
    help_text = window.help_html()
    for spec in SPECS:
        keys = window.action(spec.id).shortcut()
        if not keys.isEmpty():
            assert keys.toString(QKeySequence.SequenceFormat.NativeText) in help_text, spec.id


def test_zoom_out_by_its_key_zooms_out(window: MainWindow) -> None:
    window.timeline.zoom_by(8.0)
    before = window.timeline.view.span
    window.action("actionZoomOut").trigger()
    assert window.timeline.view.span > before


def test_home_fits_the_timeline_and_in_the_list_home_and_end_go_to_the_ends(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.timeline.zoom_by(8.0)
    zoomed = window.timeline.view.span
    events = window.event_list
    events.selectRow(5)
    events.setFocus()
    qtbot.keyClick(events, Qt.Key.Key_Home)
    assert events.currentIndex().row() == 0
    assert window.timeline.view.span == zoomed  # the list's Home left the timeline alone
    qtbot.keyClick(events, Qt.Key.Key_End)
    assert events.currentIndex().row() == window.table_model.rowCount() - 1
    assert window.document.current_id == window.table_model.event_at(events.currentIndex().row()).id
    window.timeline.setFocus()
    qtbot.keyClick(window.timeline, Qt.Key.Key_Home)
    assert window.timeline.view.span > zoomed
