"""File ▸ Publish as Web Page…: the options asked through the prompts, the shown events
written as one page, the notes and source texts only when asked for."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QCheckBox, QDialog
from scripted_prompts import ScriptedPrompts

from timeline_app.ui.main_window import MainWindow
from timeline_app.ui.prompts import QtPrompts


def published(path: Path) -> dict[str, object]:
    found = re.search(r'id="timeline-data">(.*?)</script>', path.read_text(encoding="utf-8"))
    assert found is not None
    data: dict[str, object] = json.loads(found.group(1))
    return data


def test_publish_writes_the_shown_events_without_notes_or_texts_by_default(
    prompts: ScriptedPrompts, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "page.html"
    monkeypatch.setattr(prompts, "publish_options", lambda *a, **k: frozenset())
    monkeypatch.setattr(prompts, "save_path", lambda *a, **k: str(out))
    window.action("actionPublishWeb").trigger()
    data = published(out)
    shown = window.document.store.shown_events()
    assert len(data["events"]) == len(shown)  # type: ignore[arg-type]
    assert data["included"] == []
    assert '"notes":' not in out.read_text(encoding="utf-8")
    assert "not in the web page: analyst's notes and source texts" in (
        window.statusBar().currentMessage()
    )


def test_publish_with_notes_and_texts(
    prompts: ScriptedPrompts, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "page.html"
    monkeypatch.setattr(prompts, "publish_options", lambda *a, **k: frozenset({"notes", "texts"}))
    monkeypatch.setattr(prompts, "save_path", lambda *a, **k: str(out))
    window.action("actionPublishWeb").trigger()
    data = published(out)
    assert data["included"] == ["notes", "texts"]
    assert any(s.get("text") for s in data["sources"])  # type: ignore[attr-defined, union-attr]


def test_cancelling_the_options_writes_nothing(
    prompts: ScriptedPrompts, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(prompts, "publish_options", lambda *a, **k: None)
    window.action("actionPublishWeb").trigger()  # (save_path unanswered: never asked)


def test_the_options_dialog_has_the_two_check_boxes(
    qtbot: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[QDialog] = []

    def run(self: QtPrompts, dialog: QDialog) -> int:
        asked.append(dialog)
        dialog.findChild(QCheckBox, "publishTexts").setChecked(True)
        dialog.adjustSize()
        dialog.grab().save("/tmp/publish-dialog.png")
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(QtPrompts, "run", run)
    assert QtPrompts().publish_options(None) == frozenset({"texts"})
    texts = asked[0].findChild(QCheckBox, "publishTexts")
    assert "check their licences" in texts.text()
