"""The legend of what a view shows: each actor's colour and marker shape, the events with no
actor, the look of an event not simply reported, the support badges; and its layout in
lines.

One component for the window's key and every export's legend (PNG, SVG, PDF, print);
eras name themselves in their strip.  Pure, no Qt: the painter draws what this lays
out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from itertools import chain
from operator import attrgetter, itemgetter

from .event_links import ANALYST_WORDS
from .evidence import SUPPORT_NAMES, Support
from .model import Status
from .palette import ActorStyle
from .store import TimelineStore

#: Pixels: the swatch, the room between a swatch and its text, and between two entries.
SWATCH, SWATCH_GAP, ENTRY_GAP = 12.0, 5.0, 18.0


@dataclass(frozen=True, slots=True)
class LegendEntry:
    """One line item: ``kind`` is "actor", "no actor", "status", "support", "link" (an
    arrow, ``hollow``: dashed) or "heading" (words without a swatch, before the entries
    they head)."""

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
    links: bool = True,
) -> list[LegendEntry]:
    """The entries for the events ``store`` shows (an export's legend): the actors whose
    colour they are drawn in (each event's first actor; every actor with ``lanes``), in the
    file's order, "No actor" if one has none, the hollow look if one is alleged, disputed
    or denied; and with ``badges`` the key to the support badges.  A few passes in C over
    the shown events: about 60 ms at 100,000, once per export.  With ``links``, the key
    to the arrows when a link joins two of the events shown."""
    events = store.shown_events()
    lists = list(map(_actors_of, events))
    if lanes:
        shown = set(chain.from_iterable(lists))
    else:
        shown = set(map(itemgetter(0), filter(None, lists)))
    out = [
        LegendEntry("actor", a.name, styles[a.id].color(dark), styles[a.id].shape)
        for a in store.timeline.actors
        if a.id in shown and a.id in styles
    ]
    if lists.count(()):
        out.append(LegendEntry("no actor", "No actor"))
    unsure = sorted(s.value for s in set(map(_status_of, events)) if s is not Status.REPORTED)
    if unsure:
        out.append(LegendEntry("status", " / ".join(unsure), hollow=True))
    out += support_key() if badges and events else []
    if links and store.timeline.links:
        shown_ids = {e.id for e in events}
        drawn = [k for k in store.timeline.links if k.from_id in shown_ids and k.to_id in shown_ids]
        out += link_key() if drawn else []
    return out


def window_key(badges: bool, links: bool = False) -> list[LegendEntry]:
    """The window's legend: what no list beside the timeline explains (the actor list
    shows each actor's colour and shape), the same whatever is shown, so it costs nothing
    when the events or the filter change and never jumps: the hollow look, with
    ``badges`` the support badges, with ``links`` (the timeline has some) the arrows."""
    unsure = " / ".join(s.value for s in Status if s is not Status.REPORTED)
    key = [LegendEntry("status", unsure, hollow=True)] + (support_key() if badges else [])
    return key + (link_key() if links else [])


def link_key() -> list[LegendEntry]:
    """The two looks of a link's arrow: stated by a source (solid), or the analyst's
    inference (dashed), under their heading."""
    return [
        LegendEntry("heading", "Links:"),
        LegendEntry("link", "a source states it"),
        LegendEntry("link", ANALYST_WORDS, hollow=True),
    ]


def support_key() -> list[LegendEntry]:
    """The four support badges (corroborated, single source, contested, no source) under
    their heading: a key, whatever is shown."""
    heading = LegendEntry("heading", "Support:")  # (a ring is not the hollow look)
    return [heading] + [LegendEntry("support", SUPPORT_NAMES[s], support=s) for s in Support]


_actors_of = attrgetter("actors")
_status_of = attrgetter("status")


def legend_lines(
    entries: list[LegendEntry], width: float, measure: Callable[[str], float]
) -> list[list[tuple[float, LegendEntry]]]:
    """The entries in lines no wider than ``width``: ``(x of the swatch, entry)``, left to
    right (an entry wider than a line has a line of its own; a heading and its entries
    share a line when one can hold them, and a heading never ends a line)."""
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
            first = widths[i] + ENTRY_GAP + widths[i + 1] if group > i + 1 else widths[i]
            # the group fits a line of its own, or its heading would end this line alone
            if x > 0 and x + w_group > width and (w_group <= width or x + first > width):
                lines.append([])
                x = 0.0
        if not lines or (x > 0 and x + w > width):
            lines.append([])
            x = 0.0
        lines[-1].append((x, entry))
        x += w + ENTRY_GAP
    return lines


def swatch_room(entry: LegendEntry) -> float:
    """The room before an entry's words: its swatch and the gap (none for a heading; an
    arrow's is twice as long, for its dashes to show)."""
    if entry.kind == "heading":
        return 0.0
    return (2 * SWATCH if entry.kind == "link" else SWATCH) + SWATCH_GAP
