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
from itertools import chain
from operator import attrgetter, itemgetter

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
    """The entries for the events ``store`` shows (see :class:`LegendScan`), read at once."""
    scan = LegendScan(store, lanes)
    while not scan.step(len(scan.positions)):
        pass
    return scan.entries(styles, dark, badges)


class LegendScan:
    """What the legend says of the events ``store`` shows, gathered in steps (the window's
    legend reads 100,000 events in a few short event-loop turns, never one long one):
    the actors whose colour they are drawn in (each event's first actor; every actor with
    ``lanes``), in the file's order, "No actor" if one has none, the hollow look if one is
    alleged, disputed or denied; and with ``badges`` the key to the four support badges
    (corroborated, single source, contested, no source: a key, the same whatever is shown,
    so the legend never jumps as the view moves)."""

    STEP = 20_000  # events read per step: about 12 ms

    def __init__(self, store: TimelineStore, lanes: bool) -> None:
        self.timeline = store.timeline
        self.events = store.index.events
        self.positions = store.visible.positions
        self.lanes = lanes
        self.read = 0  # how many of the positions were read
        self.actors: set[str] = set()
        self.no_actor = False
        self.statuses: set[Status] = set()

    @property
    def done(self) -> bool:
        return self.read >= len(self.positions)

    def step(self, count: int = STEP) -> bool:
        """Read up to ``count`` more events; True once every one was read."""
        chunk = self.positions[self.read : self.read + count]
        events = list(map(self.events.__getitem__, chunk))
        lists = list(map(_actors_of, events))
        if self.lanes:
            self.actors.update(chain.from_iterable(lists))
        else:
            self.actors.update(map(itemgetter(0), filter(None, lists)))
        self.no_actor = self.no_actor or bool(lists.count(()))
        self.statuses.update(map(_status_of, events))
        self.read += len(chunk)
        return self.done

    def entries(
        self, styles: Mapping[str, ActorStyle], dark: bool = False, badges: bool = False
    ) -> list[LegendEntry]:
        out = [
            LegendEntry("actor", a.name, styles[a.id].color(dark), styles[a.id].shape)
            for a in self.timeline.actors
            if a.id in self.actors and a.id in styles
        ]
        if self.no_actor:
            out.append(LegendEntry("no actor", "No actor"))
        unsure = sorted(s.value for s in self.statuses if s is not Status.REPORTED)
        if unsure:
            out.append(LegendEntry("status", " / ".join(unsure), hollow=True))
        if badges and self.positions:
            out.append(LegendEntry("heading", "Support:"))  # (a ring is not the hollow look)
            out += [LegendEntry("support", SUPPORT_NAMES[s], support=s) for s in Support]
        return out


_actors_of = attrgetter("actors")
_status_of = attrgetter("status")


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
