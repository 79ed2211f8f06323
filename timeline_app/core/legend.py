"""The legend of what a view shows: each actor's colour and marker shape, the events with no
actor, the look of an event not simply reported, the support badges; and its layout in
lines.

One component for the window's legend and every export (PNG, SVG, PDF, print): later kinds
of mark (link types, eras) add entries here.  Pure, no Qt: the painter draws what this lays
out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .evidence import SUPPORT_NAMES, Support
from .model import Status
from .palette import ActorStyle
from .store import TimelineStore

#: Pixels: the swatch, the room between a swatch and its text, and between two entries.
SWATCH, SWATCH_GAP, ENTRY_GAP = 12.0, 5.0, 18.0


@dataclass(frozen=True, slots=True)
class LegendEntry:
    """One line item: ``kind`` is "actor", "no actor", "status", "support" or "heading"
    (words without a swatch, before the entries they head)."""

    kind: str
    label: str
    color: str = ""  # "#rrggbb"; "" for the muted colour of events with no actor
    shape: str = "circle"
    hollow: bool = False  # drawn as events not simply reported are
    support: Support | None = None  # the badge it explains


def legend_entries(
    store: TimelineStore,
    styles: Mapping[str, ActorStyle],
    dark: bool = False,
    lanes: bool = False,
    badges: bool = False,
) -> list[LegendEntry]:
    """The entries for the events ``store`` shows: the actors whose colour they are drawn
    in (each event's first actor; every actor with lanes), in the file's order, "No actor"
    if one has none, the hollow look if one is alleged, disputed or denied, and with
    ``badges`` the badge of each support they have (corroborated, single source, contested,
    no source, in that order)."""
    positions = store.visible.positions
    events = [store.event_at(p) for p in positions]
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
    if badges and events:
        evidence = store.evidence()
        if len(positions) * 8 < len(store.index):  # a few of many: one by one
            found = {evidence.support_at(p) for p in positions}
        else:
            every = evidence.supports()
            found = {every[p] for p in positions}
        out.append(LegendEntry("heading", "Support:"))  # (a ring is not the hollow look)
        out += [LegendEntry("support", SUPPORT_NAMES[s], support=s) for s in Support if s in found]
    return out


def legend_lines(
    entries: list[LegendEntry], width: float, measure: Callable[[str], float]
) -> list[list[tuple[float, LegendEntry]]]:
    """The entries in lines no wider than ``width``: ``(x of the swatch, entry)``, left to
    right (an entry wider than a line has a line of its own; a heading and its entries
    share a line when one can hold them)."""
    lines: list[list[tuple[float, LegendEntry]]] = []
    x = 0.0
    widths = [swatch_room(e) + measure(e.label) for e in entries]
    for i, entry in enumerate(entries):
        w = widths[i]
        if entry.kind == "heading":  # a heading starts a line rather than leave its group
            group = (
                i
                + 1
                + next(
                    (k for k, e in enumerate(entries[i + 1 :]) if e.kind == "heading"),
                    len(entries) - i - 1,
                )
            )
            w_group = sum(widths[i:group]) + ENTRY_GAP * (group - i - 1)
            if x > 0 and x + w_group > width and w_group <= width:
                lines.append([])
                x = 0.0
        if not lines or (x > 0 and x + w > width):
            lines.append([])
            x = 0.0
        lines[-1].append((x, entry))
        x += w + ENTRY_GAP
    return lines


def swatch_room(entry: LegendEntry) -> float:
    """The room before an entry's words: its swatch and the gap (none for a heading)."""
    return 0.0 if entry.kind == "heading" else SWATCH + SWATCH_GAP
