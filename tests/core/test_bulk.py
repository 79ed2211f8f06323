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


def test_overlapping_blocks_bring_the_collector_back_once_the_last_one_ends(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A thread reading a file and the GUI loading one may pause the collector at once."""
    import threading

    from timeline_app.core.bulk import bulk_allocation

    frozen: list[str] = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append("freeze"))
    assert gc.isenabled()
    started, finish = threading.Event(), threading.Event()

    def reader() -> None:
        with bulk_allocation():
            started.set()
            finish.wait(5)

    thread = threading.Thread(target=reader)
    thread.start()
    started.wait(5)
    with bulk_allocation(freeze=True):  # a load while the thread reads
        assert not gc.isenabled()
    assert not gc.isenabled() and frozen == []  # the reader is still at it
    finish.set()
    thread.join(5)
    assert gc.isenabled() and frozen == ["freeze"]  # back, and the load's objects frozen
