"""Which event is selected, without Qt: stepping through the visible events in time, and
remembering a selected event that a filter hides, to select it again when it shows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .index import VisibleSet


def step_position(visible: VisibleSet, position: int | None, step: int) -> int | None:
    """The visible event ``step`` places after (or before) ``position`` in time, stopping at
    the ends; the first (or last) one when nothing is selected; None when none is visible."""
    if not len(visible):
        return None
    rank = visible.rank(position) if position is not None else None
    if rank is None:
        rank = 0 if step > 0 else len(visible) - 1
    else:
        rank = min(max(rank + step, 0), len(visible) - 1)
    return visible.positions[rank]


@dataclass
class HiddenSelection:
    """A selected event hidden by a filter is deselected, and selected again when a filter
    shows it again (unless it was deleted meanwhile)."""

    event_id: str | None = None

    def after_filter(
        self,
        current: str | None,
        exists: Callable[[str], bool],
        visible: Callable[[str], bool],
    ) -> tuple[str | None, bool]:
        """The event to select after the filter changed, and whether the selection changed
        because of it (``current`` hidden, or a hidden one shown again)."""
        if current is not None and exists(current) and not visible(current):
            self.event_id = current
            return None, True
        if current is None and self.event_id is not None:
            hidden = self.event_id
            if not exists(hidden):
                self.event_id = None
            elif visible(hidden):
                self.event_id = None
                return hidden, True
        return current, False

    def forget(self) -> None:
        self.event_id = None
