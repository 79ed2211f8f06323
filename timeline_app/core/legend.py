"""The legend of what a view shows: each actor's colour and marker shape, the events with no
actor, the look of an event not simply reported; and its layout in lines.

One component for every export (PNG, SVG, PDF, print): later kinds of mark (support, link
types, eras) add entries here.  Pure, no Qt: the painter draws what this lays out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .model import Status
from .palette import ActorStyle
from .store import TimelineStore

#: Pixels: the swatch, the room between a swatch and its text, and between two entries.
SWATCH, SWATCH_GAP, ENTRY_GAP = 12.0, 5.0, 18.0


@dataclass(frozen=True, slots=True)
class LegendEntry:
    """One line item: ``kind`` is "actor", "no actor" or "status"."""

    kind: str
    label: str
    color: str = ""  # "#rrggbb"; "" for the muted colour of events with no actor
    shape: str = "circle"
    hollow: bool = False  # drawn as events not simply reported are


def legend_entries(
    store: TimelineStore,
    styles: Mapping[str, ActorStyle],
    dark: bool = False,
    lanes: bool = False,
) -> list[LegendEntry]:
    """The entries for the events ``store`` shows: the actors whose colour they are drawn
    in (each event's first actor; every actor with lanes), in the file's order, "No actor"
    if one has none, and the hollow look if one is alleged, disputed or denied."""
    events = [store.event_at(p) for p in store.visible.positions]
    shown = {a for e in events for a in (e.actors if lanes else e.actors[:1])}
    out = [
        LegendEntry("actor", a.name, styles[a.id].color(dark), styles[a.id].shape)
        for a in store.timeline.actors
        if a.id in shown and a.id in styles
    ]
    if any(not e.actors for e in events):
        out.append(LegendEntry("no actor", "No actor"))
    unsure = sorted({e.status.value for e in events if e.status is not Status.REPORTED})
    if unsure:
        out.append(LegendEntry("status", " / ".join(unsure), hollow=True))
    return out


def legend_lines(
    entries: list[LegendEntry], width: float, measure: Callable[[str], float]
) -> list[list[tuple[float, LegendEntry]]]:
    """The entries in lines no wider than ``width``: ``(x of the swatch, entry)``, left to
    right (an entry wider than a line has a line of its own)."""
    lines: list[list[tuple[float, LegendEntry]]] = []
    x = 0.0
    for entry in entries:
        w = SWATCH + SWATCH_GAP + measure(entry.label)
        if not lines or (x > 0 and x + w > width):
            lines.append([])
            x = 0.0
        lines[-1].append((x, entry))
        x += w + ENTRY_GAP
    return lines
