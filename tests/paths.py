"""Where the tests find the repository, the bundled dataset and its article."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EVENTS = REPO / "events"
DATASET = EVENTS / "north-korean-troops.json"
ARTICLE = EVENTS / "north-korean-troops-ramani.txt"
SHARED = REPO.parent / "shared"
