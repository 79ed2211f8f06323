"""Timelines and checks the core's tests share."""

from __future__ import annotations

import copy

from timeline_app.core.change import Change
from timeline_app.core.fileformat import timeline_from_data, timeline_from_text, timeline_to_text
from timeline_app.core.model import Timeline
from timeline_app.core.store import TimelineStore


def small_store() -> TimelineStore:
    """Five events of three actors, not in time order in the file."""
    return TimelineStore(
        timeline_from_data(
            {
                "format": "timeline-app",
                "version": 1,
                "title": "T",
                "actors": [
                    {"id": "nk", "name": "North Korea"},
                    {"id": "ru", "name": "Russia"},
                    {"id": "ua", "name": "Ukraine"},
                ],
                "events": [
                    {"id": "kursk", "title": "Kursk offensive", "start": "2024-08-06",
                     "actors": ["ua", "ru"]},
                    {"id": "armistice", "title": "Armistice", "start": "1953", "actors": ["nk"]},
                    {"id": "deploy", "title": "Troops to Kursk", "start": "2024-10-28",
                     "actors": ["nk", "ru"], "summary": "Déploiement"},
                    {"id": "brigade", "title": "Fifth Brigade", "start": "1980s",
                     "actors": ["nk"]},
                    {"id": "nobody", "title": "No actor", "start": "2016"},
                ],
            }
        )
    )  # fmt: skip


def applied(timeline: Timeline, change: Change) -> Timeline:
    """The timeline after ``change``; checks that it is still a valid file (no dangling actor
    id, nothing the reader refuses) and that the inverse gives back the timeline exactly."""
    before = copy.deepcopy(timeline)
    store = TimelineStore(timeline)
    change = store.apply(change)
    after = store.timeline
    assert timeline_from_text(timeline_to_text(after)) == after
    store.apply(change.inverted())
    assert store.timeline == before
    return after
