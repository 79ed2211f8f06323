"""The garbage collector's permanent generation holds what a load built, nothing more."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from paths import DATASET

from timeline_app.core.change import Change
from timeline_app.core.dates import parse_iso
from timeline_app.core.fileformat import load_timeline
from timeline_app.core.model import Event
from timeline_app.core.store import TimelineStore


def test_only_loading_freezes_objects_not_edits_nor_search(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    frozen: list[str] = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append("freeze"))
    store = TimelineStore(load_timeline(DATASET))
    assert frozen  # loading a document: long-lived, frozen once
    frozen.clear()
    store.apply(Change("Add", added=(Event("new", "New", parse_iso("2025")),)))
    store.index.search.prepare({a.id: a.name for a in store.timeline.actors}, budget=10**6)
    assert frozen == []  # an edit or a search slice must not make its garbage permanent
