"""Where the bundled datasets are: package data when installed, ``events/`` in a checkout."""

from __future__ import annotations

import importlib.util
from pathlib import Path

BUNDLED_DATASET = "north-korean-troops.json"


def events_dir() -> Path:
    spec = importlib.util.find_spec("timeline_app.events")
    if spec is None or not spec.submodule_search_locations:
        # a checkout that is not installed: events/ beside the package
        return Path(__file__).resolve().parents[2] / "events"
    return Path(next(iter(spec.submodule_search_locations)))


def bundled_dataset() -> Path:
    return events_dir() / BUNDLED_DATASET


def is_bundled(path: Path) -> bool:
    """True for the bundled dataset, which is not saved over (it may be read-only)."""
    try:
        return path.resolve() == bundled_dataset().resolve()
    except OSError:
        return False
