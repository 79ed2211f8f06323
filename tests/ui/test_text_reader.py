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
    readers: list[str] = []

    def slow_read(folder: Path, key: str) -> NormalisedText | str:
        readers.append(threading.current_thread().name)
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
    assert readers == ["read source texts"]  # read once, in the reader's thread


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
