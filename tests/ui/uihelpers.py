"""Helpers shared by the widget tests."""

from __future__ import annotations

from PySide6.QtCore import QPoint

from timeline_app.ui.timeline_view import TimelineView


def event_point(view: TimelineView, event_id: str) -> QPoint:
    """Where to click to hit an event's marker or label, as the timeline shows it."""
    for hit in view.hits():
        if hit.event_id == event_id:
            return hit.rect.center().toPoint()
    raise AssertionError(f"{event_id} is not drawn individually")
