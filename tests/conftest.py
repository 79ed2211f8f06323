"""Test setup: Qt offscreen and settings isolated (when Qt is there at all: the core and
interop tests also run where PySide6 cannot be imported)."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before Qt is imported anywhere
os.environ.setdefault("QT_SCALE_FACTOR", "1")

from pathlib import Path

import pytest
from paths import copy_dataset


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
    """The bundled dataset and the texts it quotes, copied to a writable folder."""
    return copy_dataset(tmp_path)
