"""Test setup: Qt offscreen and settings isolated (when Qt is there at all: the core and
interop tests also run where PySide6 cannot be imported)."""

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


@pytest.fixture
def dataset_copy(tmp_path: Path) -> Path:
    """The bundled dataset and its article, copied to a writable folder."""
    for f in (DATASET, ARTICLE):
        (tmp_path / f.name).write_bytes(f.read_bytes())
    return tmp_path / DATASET.name
