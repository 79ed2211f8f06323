"""Text from a timeline file is untrusted: every dialog, label and tooltip shows a title like
``<img src=x>`` as those characters, never as markup (which would load images and make
links clickable).  The real Qt dialogs are built and looked at here; only their ``exec``
(``QtPrompts.run``) is replaced, by an inspector that cancels them."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from paths import ARTICLE, DATASET
from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPointF, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QLabel, QWidget
from pytestqt.qtbot import QtBot

from timeline_app.core.change import Change
from timeline_app.ui import recovery
from timeline_app.ui.main_window import MainWindow
from timeline_app.ui.prompts import QtPrompts

IMG = "<img src=x>"


def raw(text: str) -> bool:
    """Does ``text`` carry the data's markup unescaped?"""
    return "<img" in text or "<a " in text


def markup_shown_raw(widget: QWidget) -> list[str]:
    """Labels that would read the data's markup as markup, and tooltips that carry it."""
    found = []
    for w in [widget, *widget.findChildren(QWidget)]:
        if raw(w.toolTip()):
            found.append(f"tooltip of {w.objectName() or type(w).__name__}: {w.toolTip()!r}")
        if isinstance(w, QLabel) and raw(w.text()) and w.textFormat() != Qt.TextFormat.PlainText:
            found.append(f"label {w.objectName() or '?'} as {w.textFormat()}: {w.text()!r}")
    for action in widget.findChildren(QAction):
        if raw(action.toolTip()):
            found.append(f"tooltip of action {action.objectName()}: {action.toolTip()!r}")
    return found


def tooltips(model: QAbstractItemModel) -> Iterator[str]:
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            tip = model.index(row, column, QModelIndex()).data(Qt.ItemDataRole.ToolTipRole)
            if isinstance(tip, str):
                yield tip


class Inspector:
    """Stands in for ``QtPrompts.run``: records each dialog, checks it, and cancels it."""

    def __init__(self) -> None:
        self.titles: list[str] = []
        self.texts: list[str] = []
        self.problems: list[str] = []

    def __call__(self, dialog: QDialog) -> int:
        self.titles.append(dialog.windowTitle())
        self.texts.extend(label.text() for label in dialog.findChildren(QLabel))
        self.problems.extend(f"{dialog.windowTitle()}: {p}" for p in markup_shown_raw(dialog))
        return int(QDialog.DialogCode.Rejected)

    def saw(self, title: str) -> bool:
        return title in self.titles

    def showed_payload(self) -> bool:
        return any(IMG in text for text in self.texts)


@pytest.fixture
def inspector() -> Inspector:
    return Inspector()


@pytest.fixture
def prompts(inspector: Inspector) -> QtPrompts:
    """The real Qt questions (the windows made here ask these), shown to the inspector."""
    real = QtPrompts()
    real.run = inspector  # type: ignore[method-assign]
    return real


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """The bundled dataset with markup in every name, title and text, in a file whose own
    name is markup, with its article kept outside its folder (so the app asks about it)."""
    data = json.loads(DATASET.read_text(encoding="utf-8"))
    data["title"] = f"Timeline {IMG}"
    for source in data["sources"]:
        source["title"] = f"Source {IMG}"
        source["author"] = f"Author {IMG}"
        source["text_file"] = f"../{IMG}.txt"
    for actor in data["actors"]:
        actor["name"] = f"{actor['name']} {IMG}"
    for event in data["events"]:
        event["title"] = f"{event['title']} {IMG}"
        event["summary"] = f"Summary {IMG}"
        event["tags"] = [IMG]
    for era in data["eras"]:
        era["name"] = f"{era['name']} {IMG}"
        era["notes"] = f"Notes {IMG}"
    folder = tmp_path / "timeline"
    folder.mkdir()
    (tmp_path / f"{IMG}.txt").write_bytes(ARTICLE.read_bytes())
    path = folder / f"{IMG}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def hostile_window(make_window: object, hostile: Path, inspector: Inspector) -> MainWindow:
    window: MainWindow = make_window(hostile)  # type: ignore[operator]
    assert inspector.saw("Source texts outside the folder") and inspector.showed_payload()
    return window


def test_every_tooltip_and_label_of_the_window_shows_markup_as_text(
    hostile_window: MainWindow, inspector: Inspector, qtbot: QtBot
) -> None:
    window, doc = hostile_window, hostile_window.document
    first = doc.timeline.events[0]
    doc.set_current(first.id)
    window.action("actionDuplicateEvent").trigger()  # the undo action and button now name a title
    assert IMG in window.act_undo.text()
    doc.set_filter(doc.filter.__class__(checked=frozenset({doc.timeline.actors[0].id})))
    assert window.filter_bar.isVisible()  # its tooltip names the actor
    recent = window.recent_menu.actions()
    assert recent and IMG in recent[0].text()
    window.edit.show_actors()
    window.edit.show_sources()
    window.edit.show_eras()
    assert markup_shown_raw(window) == []
    edit = window.edit
    for dialog in (edit.actors_dialog, edit.sources_dialog, edit.eras_dialog):
        assert dialog is not None and markup_shown_raw(dialog) == []
        assert not any(raw(tip) for tip in tooltips(dialog.model))
    for model in (window.table_model, window.filters.model):
        assert not any(raw(tip) for tip in tooltips(model))
    # the hover tooltip over the timeline
    for hit in window.timeline.hits():
        tip = window.timeline.tooltip_at(QPointF(hit.rect.center()))
        assert tip is None or not raw(tip)
    assert inspector.problems == []


def test_every_question_shows_markup_as_text(
    hostile_window: MainWindow, inspector: Inspector, tmp_path: Path, qtbot: QtBot
) -> None:
    window, doc = hostile_window, hostile_window.document
    doc.set_current(doc.timeline.events[0].id)
    actors = window.edit.show_actors()
    actors.rename_actor()
    actors.merge_actor()
    actors.recolor_actor()
    actors.delete_actor()
    sources = window.edit.show_sources()
    sources.remove_source()  # cited by quotes: it says so, naming the events
    window.edit.show_eras().edit_era()
    window.edit.rename_timeline()
    window.edit.edit_event()
    sources.edit_source()
    doc.push(Change("Rename", title=(doc.timeline.title, f"Renamed {IMG}")))
    assert not window.maybe_save()  # "unsaved changes" names the file, cancelled
    assert doc.path is not None
    doc.path.write_text(doc.path.read_text(encoding="utf-8") + " ", encoding="utf-8")
    qtbot.waitUntil(lambda: inspector.saw("File changed on disk"), timeout=5000)
    doc.undo_stack.setClean()
    window.open_path(tmp_path / f"{IMG}-missing.json")  # an error naming the file
    for title in ("Rename actor", "Merge actor", "Delete actor",
                  "Cannot remove the source", "Timeline title", "Unsaved changes",
                  "File changed on disk", "Could not open the timeline", "Edit era"):  # fmt: skip
        assert inspector.saw(title), (title, inspector.titles)
    assert any(t.startswith("Colour of") for t in inspector.titles)
    assert any(t.startswith(("Edit event", "Edit Event")) for t in inspector.titles)
    assert inspector.problems == []


def test_the_recovery_question_shows_a_title_and_path_as_text(
    hostile: Path, inspector: Inspector, prompts: QtPrompts, tmp_path: Path
) -> None:
    folder = tmp_path / "recovery"
    folder.mkdir()
    link = '<a href="https://evil.example">click</a>'
    for name, original, title in (
        ("untitled-1-1.json", None, link),  # never saved: the question names its title
        ("x-1234.json", str(hostile), "T"),  # the question names the file and its folder
    ):
        envelope = {
            "format": recovery.FORMAT,
            "version": recovery.VERSION,
            "original_path": original,
            "saved_at": "2025-01-31T12:34:56+01:00",
            "title": title,
            "timeline": json.loads(hostile.read_text(encoding="utf-8")),
            "texts": {},
        }
        (folder / name).write_text(json.dumps(envelope), encoding="utf-8")
    assert recovery.offer_recovery(prompts, None, folder) is None  # the inspector cancels
    assert inspector.titles == ["Recover unsaved changes"] * 2
    assert any(link in text for text in inspector.texts)
    assert any(f"“{IMG}.json”" in text for text in inspector.texts)
    assert inspector.problems == []
    assert os.listdir(folder) == []  # declined: discarded
