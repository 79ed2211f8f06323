"""No edit is ever lost: a failed save keeps the window open, nothing is replaced without a
question, and a recovery file that cannot be read never blocks the start."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from scripted_prompts import ScriptedPrompts

from timeline_app.core.change import Change
from timeline_app.ui import recovery
from timeline_app.ui.main_window import MainWindow
from timeline_app.ui.prompts import Unsaved


def rename(window: MainWindow, title: str) -> None:
    doc = window.document
    doc.push(Change("Rename", title=(doc.timeline.title, title)))


def test_quit_then_save_that_fails_keeps_the_window_and_the_edits(
    prompts: ScriptedPrompts, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    rename(window, "Half a pair: \ud800")  # text no file can hold
    monkeypatch.setattr(prompts, "save_discard_cancel", lambda *a: Unsaved.SAVE)
    said: list[str] = []
    monkeypatch.setattr(
        prompts, "confirm", lambda p, title, text, a="", **k: said.append(text) or False
    )
    before = window.document.path.read_bytes()  # type: ignore[union-attr]
    assert not window.close()
    assert window.isVisible() and window.document.modified
    assert window.document.timeline.title == "Half a pair: \ud800"
    assert "could not be saved: some text is not valid Unicode" in said[0]
    assert window.document.path.read_bytes() == before  # type: ignore[union-attr]


def test_any_failure_while_saving_is_said_and_closes_nothing(
    prompts: ScriptedPrompts, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    rename(window, "Edited")

    def broken(path: Path, version: int | None = None) -> None:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(window.document, "save", broken)
    monkeypatch.setattr(prompts, "save_discard_cancel", lambda *a: Unsaved.SAVE)
    said: list[str] = []
    monkeypatch.setattr(
        prompts, "confirm", lambda p, title, text, a="", **k: said.append(text) or False
    )
    assert not window.close()
    assert window.isVisible() and window.document.modified
    assert "ZeroDivisionError: a bug" in said[0]


def answer_replace(
    prompts: ScriptedPrompts, monkeypatch: pytest.MonkeyPatch, reply: bool
) -> list[str]:
    asked: list[str] = []

    def confirm(parent: object, title: str, text: str, action: str = "") -> bool:
        asked.append(text)
        return reply

    monkeypatch.setattr(prompts, "confirm", confirm)
    return asked


@pytest.mark.parametrize("reply", [False, True])
def test_save_as_without_an_extension_asks_before_replacing_name_json(
    prompts: ScriptedPrompts,
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    reply: bool,
) -> None:
    other = tmp_path / "notes.json"
    other.write_text("{}", encoding="utf-8")
    monkeypatch.setattr(prompts, "save_path", lambda *a, **k: str(tmp_path / "notes"))
    asked = answer_replace(prompts, monkeypatch, reply)
    rename(window, "Edited")
    assert window.save_as() is reply
    assert asked == [f"“notes.json” already exists in {tmp_path}. Replace it?"]
    saved = json.loads(other.read_text(encoding="utf-8"))
    assert saved.get("title") == ("Edited" if reply else None)


@pytest.mark.parametrize(
    ("dialog", "typed", "written"),
    [("export_view_dialog", "shot", "shot.png"), ("export_csv_dialog", "events", "events.csv"),
     ("export_tjs_dialog", "web", "web.timelinejs.json")],
)  # fmt: skip
def test_exports_without_an_extension_ask_before_replacing(
    prompts: ScriptedPrompts,
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    dialog: str,
    typed: str,
    written: str,
) -> None:
    existing = tmp_path / written
    existing.write_bytes(b"keep me")
    monkeypatch.setattr(prompts, "save_path", lambda *a, **k: str(tmp_path / typed))
    monkeypatch.setattr(prompts, "choice", lambda *a, **k: a[3][0])
    asked = answer_replace(prompts, monkeypatch, False)
    getattr(window.interop, dialog)()
    assert asked == [f"“{written}” already exists in {tmp_path}. Replace it?"]
    assert existing.read_bytes() == b"keep me"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(typed)) == [written]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
@pytest.mark.parametrize("reply", [False, True])
def test_saving_over_a_read_only_file_asks_first(
    prompts: ScriptedPrompts, window: MainWindow, monkeypatch: pytest.MonkeyPatch, reply: bool
) -> None:
    path = window.document.path
    assert path is not None
    os.chmod(path, 0o444)
    before = path.read_bytes()
    asked = answer_replace(prompts, monkeypatch, reply)
    rename(window, "Edited")
    assert window.save() is reply
    assert asked == [f"“{path.name}” is read-only. Replace it anyway? It stays read-only."]
    assert (path.read_bytes() != before) is reply
    assert oct(path.stat().st_mode & 0o777) == oct(0o444)
    assert window.document.modified is not reply


def test_an_unreadable_recovery_file_is_set_aside_with_a_message_and_the_start_goes_on(
    prompts: ScriptedPrompts,
    make_window: object,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
) -> None:
    folder = tmp_path / "recovery"
    folder.mkdir()
    deep = "[" * 100_000 + "]" * 100_000  # nested far past what any reader takes
    envelope = {"format": recovery.FORMAT, "version": recovery.VERSION, "texts": {}}
    text = json.dumps({**envelope, "timeline": "X"}).replace('"X"', deep)
    (folder / "nested-1234.json").write_text(text, encoding="utf-8")
    (folder / "surrogate-5678.json").write_text(
        json.dumps({**envelope, "title": "x"}).replace('"x"', '"\\ud800"'), encoding="utf-8"
    )
    shown: list[str] = []
    monkeypatch.setattr(prompts, "show_problems", lambda p, t, text, d="": shown.append(text))
    window: MainWindow = make_window()  # type: ignore[operator]
    assert not window.offer_recovery()
    (message,) = shown
    assert "2 recovery files could not be read and were set aside" in message
    assert "nested too deeply" in message and "lone surrogate" in message
    assert sorted(p.name for p in (folder / "unreadable").iterdir()) == [
        "nested-1234.json",
        "surrogate-5678.json",
    ]
    assert window.open_bundled()  # the start goes on
    assert not window.offer_recovery() and len(shown) == 1  # and nothing is said again


def test_a_new_source_text_never_replaces_another_sources_text(dataset_copy: Path) -> None:
    """The first text had to go beside a stranger's file (``my-notes-2.txt``); a second
    source whose record names that file gets a file of its own."""
    from timeline_app.core.fileformat import load_timeline
    from timeline_app.core.model import Source
    from timeline_app.core.source_edits import add_source_change, source_from_fields
    from timeline_app.ui.app import application
    from timeline_app.ui.document import Document

    application()
    folder = dataset_copy.parent
    (folder / "my-notes.txt").write_text("somebody's own notes", encoding="utf-8")
    doc = Document()
    doc.load(load_timeline(dataset_copy), dataset_copy)
    for title, text in (("My notes", "FIRST TEXT"), ("My notes 2", "SECOND TEXT")):
        source = source_from_fields(doc.timeline, Source("", title), None, True)
        doc.push(add_source_change(doc.timeline, source, text))
        doc.save(dataset_copy)
    assert (folder / "my-notes.txt").read_text(encoding="utf-8") == "somebody's own notes"
    reopened = Document()
    reopened.load(load_timeline(dataset_copy), dataset_copy)
    texts = {s.title: reopened.texts.text(s) for s in reopened.timeline.sources}
    assert texts["My notes"] == "FIRST TEXT" and texts["My notes 2"] == "SECOND TEXT"
    files = [s.text_file for s in reopened.timeline.sources if s.title.startswith("My notes")]
    assert len(set(files)) == 2
    for document in (doc, reopened):
        document.undo_stack.setClean()
