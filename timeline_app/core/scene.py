"""The timeline as a scene, without Qt: every rectangle and text the timeline shows, with
its own hit test.  :func:`~timeline_app.core.scene_build.build_scene` computes it from the
view state, the store and a text-measuring callback.

The widget, the overview strip and every export paint a :class:`Scene` and never place
anything themselves; a click asks the scene what is under it, not the last paint.  What a
mark looks like in colour is the painter's business: marks carry their actor (the colour
key) and whether they are alleged (hollow, dashed), selected, a point, a band or a span,
and the event's support (the badge between the mark and its label).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Protocol

from .eras import PlacedEra
from .evidence import Support
from .index import VisibleSet
from .model import Event, Status
from .ticks import Axis, Tick
from .wording import clipped

AXIS_MAJOR_H = 20.0
AXIS_MINOR_H = 20.0
AXIS_H = AXIS_MAJOR_H + AXIS_MINOR_H
ERA_ROW_H = 15.0  # a row of the eras' strip, above the axis
ERA_GAP = 2.0  # under the strip
ROW_H = 24.0
MARKER_R = 5.0
BADGE_R = 4.0  # a support badge's radius
BADGE_W = 13.0  # the room a badge takes beside a label
BADGE_IN = 4.5  # its centre from the side of that room nearest the mark
DENSITY_THRESHOLD = 1500  # more events than this in view: density bars, no markers
DENSITY_BIN_PX = 3.0
NO_ACTOR = ""  # the lane of events without actors


class TextStyle(str, Enum):
    LABEL = "label"
    BOLD = "bold"  # the selected event's label, the axis's upper tier
    SMALL = "small"  # the axis's lower tier, cluster counts, notes


class Measure(Protocol):
    """How wide a text is in a style, and where it is cut to fit (the painter's fonts)."""

    def width(self, text: str, style: TextStyle) -> float: ...
    def elide(self, text: str, style: TextStyle, width: float) -> str: ...
    def ascent(self, style: TextStyle) -> float: ...
    def height(self, style: TextStyle) -> float: ...


@dataclass(frozen=True, slots=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def contains(self, x: float, y: float) -> bool:
        return self.x <= x <= self.right and self.y <= y <= self.bottom

    def united(self, other: Rect) -> Rect:
        x, y = min(self.x, other.x), min(self.y, other.y)
        return Rect(x, y, max(self.right, other.right) - x, max(self.bottom, other.bottom) - y)

    def center(self) -> tuple[float, float]:
        return self.x + self.w / 2, self.y + self.h / 2


@dataclass(frozen=True, slots=True)
class Text:
    x: float
    baseline: float
    text: str
    style: TextStyle


@dataclass(frozen=True, slots=True)
class LaneBox:
    actor_id: str | None  # None: no lanes (one shared area); NO_ACTOR: events without actors
    name: str  # elided to the gutter
    top: float
    height: float


@dataclass(frozen=True, slots=True)
class Mark:
    """One event drawn on its own: a point (a day), a band (a coarse date's interval) or a
    span (from a start to an end), with its label."""

    event_id: str
    kind: str  # "point", "band" or "span"
    actor: str | None  # whose colour
    dashed: bool  # not simply reported: alleged, disputed, denied
    selected: bool
    x0: float
    x1: float
    top: float
    height: float
    label: Text
    label_rect: Rect  # the label with its badge
    hit: Rect
    support: Support | None = None  # the badge: None when badges are not shown
    badge: tuple[float, float] = (0.0, 0.0)  # its centre


@dataclass(frozen=True, slots=True)
class Pill:
    """Events with no room for their labels: "N events", a click zooms in on them."""

    rect: Rect
    label: str
    event_ids: tuple[str, ...]
    ticks: tuple[tuple[float, str | None], ...]  # (x, actor) of each pixel column with one
    selected: bool


@dataclass(frozen=True, slots=True)
class Arrow:
    """One link drawn (:mod:`~timeline_app.core.scene_links`): from (x0, y0) to (x1, y1);
    a head at the "to" end unless the link reads the same both ways; dashed when it is
    the analyst's inference."""

    link_id: str
    x0: float
    y0: float
    x1: float
    y1: float
    head: bool
    dashed: bool
    emphasis: str  # "selected" (a link of the selected event), "normal" or "faded"
    edge_title: str = ""  # the off-screen end's title
    edge_x: float = 0.0  # where it is written, for the selected event's arrows: at the
    edge_y: float = 0.0  # foot of the plot, on the side the end is (its baseline)


@dataclass(frozen=True, slots=True)
class EraBand:
    """An era in the strip above the axis (:mod:`~timeline_app.core.eras` gives its row);
    a click zooms to it.  ``focus``: "hovered", "selected" or "" (a hovered or selected
    era also tints the plot behind the events: :attr:`Scene.tint`)."""

    era_id: str
    index: int  # its place in the file: the painter's colour when the file gives none
    color: str  # the file's colour, or ""
    rect: Rect  # cut to the plot
    label: Text | None  # its name, cut to fit (after the band when it has no room in it)
    focus: str = ""
    ongoing: bool = False  # no end: drawn open at the data's last date


@dataclass(frozen=True, slots=True)
class Bar:
    rect: Rect
    actor: str | None  # the lane's actor (NO_ACTOR: muted); None, no lanes: the highlight


@dataclass(frozen=True, slots=True)
class Hit:
    rect: Rect
    event_id: str | None = None
    cluster_ids: tuple[str, ...] = ()


@dataclass
class Scene:
    width: float
    height: float
    gutter: float
    plot_width: float
    mode: str = "empty"  # "events", "density" or "empty"
    message: str = ""  # what an empty timeline says
    minor_ticks: list[Tick] = field(default_factory=list)
    major_ticks: list[Tick] = field(default_factory=list)  # pinned ones draw no line
    axis_labels: list[Text] = field(default_factory=list)
    thin_breaks: list[float] = field(default_factory=list)
    wide_breaks: list[tuple[float, float]] = field(default_factory=list)
    lanes: list[LaneBox] = field(default_factory=list)
    lanes_height: float = 0.0  # all lanes, scrolled or not
    marks: list[Mark] = field(default_factory=list)
    pills: list[Pill] = field(default_factory=list)
    arrows: list[Arrow] = field(default_factory=list)  # the links, drawn under the labels
    bars: list[Bar] = field(default_factory=list)
    note: Text | None = None  # over density bars: how many events are in view
    note_rect: Rect | None = None
    era_h: float = 0.0  # the eras' strip, at the top (0: the timeline has no eras)
    eras: list[EraBand] = field(default_factory=list)  # those in view
    tint: EraBand | None = None  # the era hovered (else selected), tinted behind the events

    @property
    def axis_top(self) -> float:
        return self.era_h

    @property
    def plot_top(self) -> float:
        """Under the axis: where lanes, marks and bars begin."""
        return self.era_h + AXIS_H

    def era_at(self, x: float, y: float) -> EraBand | None:
        """The era under widget point (x, y) in the strip (the lower row's, nested, wins)."""
        for band in reversed(self.eras):
            if band.rect.contains(x, y):
                return band
        return None

    def hit(self, x: float, y: float) -> Hit | None:
        """What is under widget point (x, y): a mark or a pill drawn last wins."""
        for pill in reversed(self.pills):
            if pill.rect.contains(x, y):
                return Hit(pill.rect, cluster_ids=pill.event_ids)
        for mark in reversed(self.marks):
            if mark.hit.contains(x, y):
                return Hit(mark.hit, event_id=mark.event_id)
        return None

    def hits(self) -> list[Hit]:
        """Every mark and pill, in the order they are drawn."""
        return [Hit(m.hit, event_id=m.event_id) for m in self.marks] + [
            Hit(p.rect, cluster_ids=p.event_ids) for p in self.pills
        ]

    def event_ids(self) -> list[str]:
        """Events drawn, as marks or inside pills."""
        return [m.event_id for m in self.marks] + [i for p in self.pills for i in p.event_ids]


@dataclass
class SceneCache:
    """What building a scene may keep between builds (the widget owns one)."""

    widths: dict[str, float] = field(default_factory=dict)  # label widths by event id
    text_widths: dict[str, float] = field(default_factory=dict)  # ... and by label
    lanes: tuple[VisibleSet, object, list[tuple[str, str]]] | None = None
    lane_starts: tuple[VisibleSet, dict[str, list[int]]] | None = None
    # the last axis, with what it was computed for: (scale, viewport, measure)
    axis: tuple[tuple[object, object, object], Axis] | None = None
    # the links by the events they touch, with the list they were found in
    links: tuple[object, dict[str, list[int]]] | None = None
    # the eras placed in rows, with the list and the data's last day they were placed for
    eras: tuple[object, int | None, list[PlacedEra]] | None = None

    def records_changed(self) -> None:
        self.widths.clear()
        self.text_widths.clear()
        self.lane_starts = None


LABEL_CHARS = 500  # more than any label has room for; a longer title is cut before measuring


def label_text(event: Event) -> str:
    title = clipped(event.title, LABEL_CHARS)
    if event.status is Status.REPORTED:
        return title
    return f"{title} ({event.status.value})"
