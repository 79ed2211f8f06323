"""Test setup: Qt offscreen, settings isolated, and no modal dialog can hang a test."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before Qt is imported anywhere
os.environ.setdefault("QT_SCALE_FACTOR", "1")

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EVENTS = REPO / "events"
DATASET = EVENTS / "north-korean-troops.json"
ARTICLE = EVENTS / "north-korean-troops-ramani.txt"


@pytest.fixture(scope="session", autouse=True)
def _qt_test_mode() -> None:
    """Keep QSettings and other standard paths out of the user's home."""
    try:
        from PySide6.QtCore import QStandardPaths
    except ImportError:  # the core tests also run where Qt is unimportable
        return
    QStandardPaths.setTestModeEnabled(True)


@pytest.fixture(autouse=True)
def _no_unanswered_dialogs(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every question the app asks goes through timeline_app.ui.ask; a test that does not
    answer one fails at once instead of hanging on a modal dialog."""
    from timeline_app.ui import ask

    def unanswered(*args: object, **kwargs: object) -> None:
        pytest.fail(f"the app asked a question the test did not answer: {args!r}")

    for name in ask.QUESTIONS:
        monkeypatch.setattr(ask, name, unanswered)


@pytest.fixture
def dataset_copy(tmp_path: Path) -> Path:
    """The bundled dataset and its article, copied to a writable folder."""
    for f in (DATASET, ARTICLE):
        (tmp_path / f.name).write_bytes(f.read_bytes())
    return tmp_path / DATASET.name
