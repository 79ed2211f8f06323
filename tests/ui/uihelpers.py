"""Helpers shared by the widget tests."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint
from scripted_prompts import ScriptedPrompts

from timeline_app.ui.timeline_view import TimelineView


def event_point(view: TimelineView, event_id: str) -> QPoint:
    """Where to click to hit an event's marker or label, as the timeline shows it."""
    for hit in view.hits():
        if hit.event_id == event_id:
            return hit.rect.center().toPoint()
    raise AssertionError(f"{event_id} is not drawn individually")


def answer(
    prompts: ScriptedPrompts, monkeypatch: pytest.MonkeyPatch, name: str, value: Any
) -> list[tuple[Any, ...]]:
    """Answer ``prompts.<name>`` with ``value``; the list records each question's arguments."""
    asked: list[tuple[Any, ...]] = []

    def reply(*args: Any, **kwargs: Any) -> Any:
        asked.append(args + tuple(kwargs.values()))
        return value

    monkeypatch.setattr(prompts, name, reply)
    return asked
