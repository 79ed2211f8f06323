"""The events of a timeline scene, lane by lane: each event's mark and label, placed in
the first row where the label fits on either side of its marker, and the events left
without room gathered into "N events" pills.  Part of :mod:`timeline_app.core.scene`."""

from __future__ import annotations

from .dates import Precision
from .layout import Cluster, LabelItem, stack_labels
from .model import Event, Status
from .scene import (
    MARKER_R,
    NO_ACTOR,
    ROW_H,
    LaneBox,
    Mark,
    Measure,
    Pill,
    Rect,
    Scene,
    SceneCache,
    Text,
    TextStyle,
    label_text,
)
from .store import TimelineStore
from .viewstate import ViewState
from .wording import plural


class LaneMarks:
    """Marks, labels and pills of the events in view, lane by lane."""

    def __init__(
        self,
        scene: Scene,
        store: TimelineStore,
        state: ViewState,
        measure: Measure,
        cache: SceneCache,
        current: str | None,
        max_label_width: float,
    ) -> None:
        self.scene, self.store, self.state, self.measure = scene, store, state, measure
        self.widths, self.current, self.max_w = cache.widths, current, max_label_width
        self.left, self.right = state.gutter, state.gutter + state.plot_width

    def width(self, event: Event) -> float:
        w = self.widths.get(event.id)
        if w is None:
            w = min(self.measure.width(label_text(event), TextStyle.LABEL), self.max_w)
            self.widths[event.id] = w
        return w

    def lane(self, lane: LaneBox, positions: list[int]) -> None:
        events = self.store.index.events
        if lane.actor_id == NO_ACTOR:
            positions = [q for q in positions if not events[q].actors]
        elif lane.actor_id is not None:
            positions = [q for q in positions if lane.actor_id in events[q].actors]
        rows = max(1, int((lane.height - 4) // ROW_H))
        items: list[LabelItem] = []
        spans: dict[int, tuple[float, float]] = {}
        flipped: set[int] = set()
        limits: dict[int, float] = {}
        index = self.store.index
        xs0 = self.state.xs_of_t([index.t0[q] for q in positions])  # in time order: one pass
        xs1 = self.state.xs_of_t([index.t1[q] for q in positions])
        for q, x0, x1 in zip(positions, xs0, xs1, strict=True):
            e = events[q]
            spans[q] = (x0, x1)
            point = e.start.precision is Precision.DAY and not e.is_span
            label_w = self.width(e) + (2 * MARKER_R + 6 if point else 8)
            if point:
                anchor, width = x0 - MARKER_R, label_w
                right_room = self.right - anchor
                left_room = x0 + MARKER_R - self.left
                if width > right_room:  # no room on the right
                    if width <= left_room or left_room > right_room:
                        width = min(width, left_room)  # the label goes on the left
                        anchor = x0 + MARKER_R - width
                        flipped.add(q)
                    else:
                        width = right_room
                    limits[q] = width - (2 * MARKER_R + 6)  # elided to the room there is
            else:
                anchor = max(x0, self.left)
                avail = self.right - anchor
                band_w = max(0.0, min(x1, self.right) - anchor)
                left_room = x0 - self.left
                if label_w <= avail:
                    width = max(label_w, band_w)
                elif label_w <= left_room or left_room > avail:
                    # the label on the left, ending where the band starts
                    shown = min(label_w, left_room)
                    anchor = x0 - shown
                    width = band_w + shown
                    flipped.add(q)
                    limits[q] = shown - 8
                else:  # more room on the right: elide the label to it
                    width = avail
                    limits[q] = avail - 8
            items.append(LabelItem(q, anchor, width))
        items.sort(key=lambda it: it.x)
        # the last row is kept for clusters, so a cluster never covers a label
        placement = stack_labels(items, rows - 1 if rows > 1 else rows)
        for q, row, x in placement.placed:
            self.mark(events[q], lane, row, x, spans[q], q in flipped,
                      limits.get(q, self.max_w))  # fmt: skip
        self.pills(placement.clusters, lane, rows)

    def mark(
        self,
        e: Event,
        lane: LaneBox,
        row: int,
        x: float,
        span: tuple[float, float],
        flipped: bool,
        limit: float,
    ) -> None:
        top, h = lane.top + 2 + row * ROW_H, ROW_H - 4
        mid = top + h / 2
        x0, x1 = span
        point = e.start.precision is Precision.DAY and not e.is_span
        selected = e.id == self.current
        style = TextStyle.LABEL
        if selected:  # bold is wider: fit it into the room the layout gave the label
            limit, style = min(limit, self.width(e)), TextStyle.BOLD
        label = self.measure.elide(label_text(e), style, limit)
        text_w = self.measure.width(label, style)
        ascent = self.measure.ascent(style)
        if point:
            kind = "point"
            text_x = x0 - MARKER_R - 4 - text_w if flipped else x0 + MARKER_R + 4
            hit = Rect(min(text_x, x0 - MARKER_R) - 2, top, text_w + 2 * MARKER_R + 8, h)
        else:
            kind = "span" if e.is_span else "band"
            band = Rect(x0, top, max(x1 - x0, 3.0), h)
            text_x = x0 - 4 - text_w if flipped else x + 4
            hit = band.united(Rect(text_x - 4, top, text_w + 8, h))
        baseline = (top + ascent + 1) if kind == "span" else mid + ascent / 2 - 1
        actor = lane.actor_id if lane.actor_id is not None else (e.actors[0] if e.actors else None)
        self.scene.marks.append(
            Mark(
                e.id, kind, actor or None, e.status is not Status.REPORTED, selected, x0, x1,
                top, h, Text(text_x, baseline, label, style), Rect(text_x, top, text_w, h), hit,
            )
        )  # fmt: skip

    def pills(self, clusters: list[Cluster], lane: LaneBox, rows: int) -> None:
        """Each "N events" pill: over its members' markers, wide enough for its label,
        moved along when it would overlap the pill before it (or joined to it at the edge)."""
        index, state = self.store.index, self.state
        top = lane.top + 2 + (rows - 1) * ROW_H + 1
        h = ROW_H - 4 - 2
        placed: list[tuple[float, float, list[int]]] = []
        for cluster in sorted(clusters, key=lambda c: c.x0):
            starts = [index.t0[k] for k in cluster.keys]
            left = max(self.left, state.x_of_t(min(starts)) - MARKER_R)
            width = self.measure.width(plural(len(cluster.keys), "event"), TextStyle.SMALL) + 14
            right = max(state.x_of_t(max(starts)) + MARKER_R, left + width)
            overflow = right - self.right
            if overflow > 0:  # keep the whole pill, with its count, inside the timeline
                left, right = max(self.left, left - overflow), right - overflow
            if placed and left < placed[-1][1] + 4:  # would overlap its neighbour: move over
                shift = placed[-1][1] + 4 - left
                left, right = left + shift, right + shift
                if right > self.right:  # no room left: join it
                    pl, pr, pk = placed.pop()
                    keys = pk + list(cluster.keys)
                    width = self.measure.width(plural(len(keys), "event"), TextStyle.SMALL) + 14
                    placed.append((pl, max(pr, pl + width), keys))
                    continue
            placed.append((left, right, list(cluster.keys)))
        events = index.events
        for left, right, keys in placed:
            ids = tuple(events[k].id for k in keys)
            columns: dict[int, str | None] = {}  # one tick per pixel column
            for k in keys:
                e = events[k]
                actor = lane.actor_id if lane.actor_id is not None else (
                    e.actors[0] if e.actors else None)  # fmt: skip
                columns.setdefault(int(state.x_of_t(e.t0)), actor or None)
            self.scene.pills.append(
                Pill(Rect(left, top, right - left, h), plural(len(keys), "event"), ids,
                     tuple(columns.items()), self.current in ids)
            )  # fmt: skip
