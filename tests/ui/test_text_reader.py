"""Source texts are read in a thread as soon as a timeline opens: selecting an event never
waits for its article (a text may be 20 MB); the pane says it is checking, then shows the
verdict."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from timeline_app.core import source_texts
from timeline_app.core.quotes import NormalisedText
from timeline_app.ui import text_reader
from timeline_app.ui.main_window import MainWindow


def test_selecting_an_event_does_not_wait_for_its_article(
    make_window: object, dataset_copy: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    readers: list[tuple[str, str]] = []  # (the reading thread, the text file)

    def slow_read(folder: Path, key: str) -> NormalisedText | str:
        readers.append((threading.current_thread().name, key))
        release.wait(10)  # the article is slow to come
        return source_texts.read_text_file(folder, key)

    monkeypatch.setattr(text_reader, "read_text_file", slow_read)
    window = make_window()  # type: ignore[operator]
    assert isinstance(window, MainWindow)
    assert window.open_path(dataset_copy)
    doc = window.document
    event = next(e for e in doc.timeline.events if e.quotes)
    doc.set_current(event.id)  # returns at once: the GUI thread reads nothing
    assert "Checking against the source text…" in window.detail.toPlainText()
    with qtbot.waitSignal(window.text_reader.ready, timeout=10_000):
        release.set()
    shown = window.detail.toPlainText()
    assert "Checking" not in shown and "Show in article" in shown
    # each source's text read once, all in the reader's thread
    assert sorted(key for _, key in readers) == sorted(s.text_file for s in doc.timeline.sources)
    assert {thread for thread, _ in readers} == {"read source texts"}


def test_a_text_read_for_a_folder_left_since_is_not_kept(dataset_copy: Path) -> None:
    from timeline_app.core.fileformat import load_timeline

    source = load_timeline(dataset_copy).sources[0]
    texts = source_texts.SourceTexts(dataset_copy.parent)
    epoch = texts.epoch
    texts.rebase(dataset_copy.parent)  # e.g. saved meanwhile: what was read may be stale
    texts.install(epoch, source.text_file, NormalisedText("stale"))
    assert not texts.is_read(source)
    texts.install(texts.epoch, source.text_file, NormalisedText("fresh"))
    assert texts.is_read(source) and texts.text(source) == "fresh"


def test_a_text_read_for_the_timeline_opened_before_is_not_taken_for_the_next(
    make_window: object, tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from paths import DATASET

    first, second = tmp_path / "first", tmp_path / "second"
    for folder, words in ((first, "Alpha"), (second, "Bravo")):
        folder.mkdir()
        (folder / DATASET.name).write_bytes(DATASET.read_bytes())
        article = (DATASET.parent / "north-korean-troops-ramani.txt").read_text("utf-8")
        (folder / "north-korean-troops-ramani.txt").write_text(f"{words}. {article}", "utf-8")
    release = threading.Event()

    def read(folder: Path, key: str) -> NormalisedText | str:
        if folder == first.resolve():
            release.wait(10)  # the first timeline's text comes late
        return source_texts.read_text_file(folder, key)

    monkeypatch.setattr(text_reader, "read_text_file", read)
    window = make_window()  # type: ignore[operator]
    assert isinstance(window, MainWindow)
    assert window.open_path(first / DATASET.name)
    assert window.open_path(second / DATASET.name)  # opened before the first text came
    release.set()
    qtbot.waitUntil(lambda: not window.text_reader.busy)
    source = window.document.timeline.sources[0]
    assert (window.document.texts.text(source) or "").startswith("Bravo")


def test_a_refused_text_is_said_at_once_not_checked_for_ever(
    make_window: object, tmp_path: Path, prompts: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    from paths import ARTICLE, DATASET

    (tmp_path / "outside.txt").write_bytes(ARTICLE.read_bytes())
    folder = tmp_path / "timeline"
    folder.mkdir()
    data = json.loads(DATASET.read_text("utf-8"))
    data["sources"][0]["text_file"] = "../outside.txt"
    (folder / "t.json").write_text(json.dumps(data), "utf-8")
    monkeypatch.setattr(prompts, "confirm", lambda *a, **k: False)  # not copied in
    window = make_window(folder / "t.json")  # type: ignore[operator]
    window.document.set_current(window.document.timeline.events[0].id)
    shown = window.detail.toPlainText()
    assert "Checking" not in shown and "was not read" in shown


def test_the_article_pane_says_when_the_text_it_waited_for_cannot_be_read(
    make_window: object, dataset_copy: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()

    def slow_read(folder: Path, key: str) -> NormalisedText | str:
        release.wait(10)
        return "cannot be read: it is not UTF-8 (nor UTF-16) text"

    monkeypatch.setattr(text_reader, "read_text_file", slow_read)
    window = make_window()  # type: ignore[operator]
    assert isinstance(window, MainWindow)
    assert window.open_path(dataset_copy)
    event = window.document.timeline.events[0]
    window.show_quote(event.id, 0)
    assert window.article.heading.text().startswith("Reading the text of")
    with qtbot.waitSignal(window.text_reader.ready, timeout=10_000):
        release.set()
    assert window.article.heading.text() == "The source's text could not be read (see the details)."
