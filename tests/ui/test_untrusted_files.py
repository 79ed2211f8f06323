"""A timeline file is untrusted input: in the window it never reaches outside its folder,
and a named pipe or a device never hangs the app."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from paths import ARTICLE, DATASET
from pytestqt.qtbot import QtBot
from scripted_prompts import ScriptedPrompts

from timeline_app.ui.main_window import MainWindow

SOURCE = "ramani-north-korean-troops"


def timeline_with_text_at(folder: Path, text_file: str) -> Path:
    data = json.loads(DATASET.read_text(encoding="utf-8"))
    data["sources"][0]["text_file"] = text_file
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "t.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """The article kept in ../texts, beside the timeline's folder, as some users did."""
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "article.txt").write_bytes(ARTICLE.read_bytes())
    return timeline_with_text_at(tmp_path / "timeline", "../texts/article.txt")


def test_a_text_outside_the_folder_is_named_and_copied_in_only_if_the_user_agrees(
    prompts: ScriptedPrompts,
    make_window: object,
    outside: Path,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    asked: list[tuple[str, str]] = []
    monkeypatch.setattr(
        prompts, "confirm", lambda p, title, text, a="", **k: asked.append((title, text))
    )
    window: MainWindow = make_window(outside)  # type: ignore[operator]
    doc = window.document
    ((title, text),) = asked  # one question for the file
    assert title == "Source texts outside the folder"
    assert "“../texts/article.txt” leads outside the timeline's folder" in text
    assert str((tmp_path / "texts" / "article.txt").resolve()) in text
    assert not doc.modified  # declined: nothing changed, nothing read
    event = doc.timeline.events[0]
    match, why = doc.texts.find(doc.timeline, event.quotes[0])
    assert match is None and "was not read" in why
    doc.set_current(event.id)
    assert "was not read" in window.detail.toPlainText()


def test_copying_an_outside_text_in_is_one_undoable_step_written_on_save(
    prompts: ScriptedPrompts,
    make_window: object,
    outside: Path,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.setattr(prompts, "confirm", lambda *a, **k: True)
    window: MainWindow = make_window(outside)  # type: ignore[operator]
    doc = window.document
    assert doc.modified and doc.undo_stack.count() == 1
    source = doc.timeline.source(SOURCE)
    assert source is not None and source.text_file == f"{SOURCE}.txt"
    event = doc.timeline.events[0]
    assert doc.texts.find(doc.timeline, event.quotes[0])[0] is not None  # the quotes verify
    doc.undo_stack.undo()
    assert doc.timeline.source(SOURCE).text_file == "../texts/article.txt"  # type: ignore[union-attr]
    assert doc.texts.find(doc.timeline, event.quotes[0])[0] is None
    doc.undo_stack.redo()
    assert window.save()
    copied = outside.parent / f"{SOURCE}.txt"
    assert copied.read_bytes() == ARTICLE.read_bytes()
    assert (tmp_path / "texts" / "article.txt").read_bytes() == ARTICLE.read_bytes()


def test_save_as_never_copies_a_text_from_outside_the_folder(
    prompts: ScriptedPrompts, make_window: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = tmp_path / "id_rsa"
    secret.write_text("-----BEGIN OPENSSH PRIVATE KEY-----", encoding="utf-8")
    path = timeline_with_text_at(tmp_path / "timeline", str(secret))
    monkeypatch.setattr(prompts, "confirm", lambda *a, **k: False)
    window: MainWindow = make_window(path)  # type: ignore[operator]
    shared = tmp_path / "shared-with-everyone"
    shared.mkdir()
    monkeypatch.setattr(prompts, "save_path", lambda *a, **k: str(shared / "published.json"))
    assert window.save_as()
    assert sorted(p.name for p in shared.iterdir()) == ["published.json"]
    assert b"PRIVATE KEY" not in (shared / "published.json").read_bytes()


def test_editing_a_text_that_links_outside_never_writes_there(
    prompts: ScriptedPrompts, make_window: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from timeline_app.core.source_edits import edit_source_change

    secret = tmp_path / "bashrc"
    secret.write_text("alias ls='ls --color'", encoding="utf-8")
    folder = tmp_path / "timeline"
    folder.mkdir()
    (folder / "article.txt").symlink_to(secret)
    path = timeline_with_text_at(folder, "article.txt")
    monkeypatch.setattr(prompts, "confirm", lambda *a, **k: False)
    window: MainWindow = make_window(path)  # type: ignore[operator]
    doc = window.document
    source = doc.timeline.source(SOURCE)
    assert source is not None and doc.texts.text(source) is None
    doc.push(edit_source_change(doc.timeline, source, "Replaced by the user", None))
    assert window.save()
    assert secret.read_text(encoding="utf-8") == "alias ls='ls --color'"
    written = doc.texts.file_name(doc.timeline.source(SOURCE))  # type: ignore[arg-type]
    assert written == "article-2.txt"
    assert (folder / written).read_text(encoding="utf-8") == "Replaced by the user"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_opening_a_fifo_says_why_at_once(
    prompts: ScriptedPrompts, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    shown: list[str] = []
    monkeypatch.setattr(prompts, "show_problems", lambda p, t, text, d="": shown.append(text))
    before = window.document.timeline
    assert not window.open_path(fifo)
    assert "named pipe (FIFO), not a regular file" in shown[0]
    assert window.document.timeline is before


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_fifo_swapped_in_for_the_open_file_is_reported_not_waited_on(
    prompts: ScriptedPrompts, window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    questions: list[str] = []
    problems: list[str] = []
    monkeypatch.setattr(
        prompts, "confirm", lambda p, t, text, a="", **k: questions.append(t) or True
    )
    monkeypatch.setattr(prompts, "show_problems", lambda p, t, text, d="": problems.append(text))
    window.document.set_current("korean-war-ends")
    window.action("actionDuplicateEvent").trigger()
    path = window.document.path
    assert path is not None
    path.unlink()
    os.mkfifo(path)  # nothing will ever be written to it
    qtbot.waitUntil(lambda: bool(problems), timeout=5000)
    assert questions == ["File changed on disk"]
    assert "named pipe (FIFO), not a regular file" in problems[0]
    assert window.document.modified  # the edits are still here
    assert window.document.store.event("korean-war-ends-copy") is not None


def test_a_long_list_of_outside_texts_is_all_there_to_see_before_copying(
    prompts: ScriptedPrompts, make_window: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = json.loads(DATASET.read_text(encoding="utf-8"))
    notes = tmp_path / "notes"
    notes.mkdir()
    for i in range(13):
        (notes / f"a{i}.txt").write_text("notes", encoding="utf-8")
        data["sources"].append(
            {"id": f"n{i}", "title": f"Note {i}", "text_file": f"../notes/a{i}.txt"}
        )
    (tmp_path / "id_rsa").write_text("PRIVATE KEY", encoding="utf-8")
    data["sources"].append({"id": "key", "title": "Innocent\u202e", "text_file": "../id_rsa"})
    folder = tmp_path / "timeline"
    folder.mkdir()
    path = folder / "t.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    asked: list[tuple[str, str]] = []

    def confirm(parent: object, title: str, text: str, action: str = "", details: str = "") -> bool:
        asked.append((text, details))
        return False

    monkeypatch.setattr(prompts, "confirm", confirm)
    make_window(path)  # type: ignore[operator]
    ((text, details),) = asked
    assert "… and 2 more (Show Details…)" in text
    assert "“../id_rsa”" in details and "“../notes/a12.txt”" in details  # every one listed
    assert "\u202e" not in text + details and "Innocent\\u202e" in details  # shown escaped


def test_save_as_after_editing_a_text_saves_the_edit_not_the_old_file(
    window: MainWindow, tmp_path: Path, prompts: ScriptedPrompts, monkeypatch: pytest.MonkeyPatch
) -> None:
    from timeline_app.core.source_edits import edit_source_change

    doc = window.document
    source = doc.timeline.source(SOURCE)
    assert source is not None
    doc.push(edit_source_change(doc.timeline, source, "TYPED BY THE USER", doc.texts.text(source)))
    new = tmp_path / "elsewhere"
    new.mkdir()
    monkeypatch.setattr(prompts, "save_path", lambda *a, **k: str(new / "copy.json"))
    assert window.save_as()
    saved = doc.timeline.source(SOURCE)
    assert saved is not None
    name = doc.texts.file_name(saved)
    assert (new / name).read_text(encoding="utf-8") == "TYPED BY THE USER"
    assert doc.texts.text(saved) == "TYPED BY THE USER"
    # the timeline and each source's text once (the others in their sources/ sub-folder),
    # no copy of the old text beside the edit
    texts = [doc.texts.file_name(s) for s in doc.timeline.sources]
    assert name in texts and len(set(texts)) == len(texts) == 5
    files = [p.relative_to(new).as_posix() for p in new.rglob("*") if p.is_file()]
    assert sorted(files) == sorted(["copy.json", *texts])


def test_a_text_too_big_to_read_is_said_to_be_too_big_not_outside(
    prompts: ScriptedPrompts,
    make_window: object,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from timeline_app.core.safe_read import TEXT_LIMIT

    path = timeline_with_text_at(tmp_path / "timeline", "article.txt")
    with (path.parent / "article.txt").open("wb") as f:
        f.truncate(TEXT_LIMIT + 1)  # sparse: over the limit, without writing 20 MB
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        prompts, "show_problems", lambda p, title, text, d="": shown.append((title, text))
    )
    make_window(path)  # type: ignore[operator]
    [(title, text)] = shown
    assert title == "Source texts not read"
    assert "“article.txt”" in text and "files over 20.0 MB are not read" in text
    assert "reads texts only from its own folder" not in text
