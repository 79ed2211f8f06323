"""The events of a timeline scene, lane by lane: each event's mark and label, placed in
the first row where the label fits on either side of its marker, and the events left
without room gathered into "N events" pills.  Part of :mod:`timeline_app.core.scene`."""

from __future__ import annotations

from .dates import Precision
from .layout import Cluster, LabelItem, stack_labels
from .model import Event, Status
from .scene import (
    BADGE_IN,
    BADGE_W,
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
    ) -> None:
        self.scene, self.store, self.state, self.measure = scene, store, state, measure
        self.widths, self.text_widths, self.current = cache.widths, cache.text_widths, current
        self._laid: dict[str | None, _Items] = {}  # each lane's items, once per build
        self.left, self.right = state.gutter, state.gutter + state.plot_width
        # each event's support, asked for the marks drawn only
        self.evidence = store.evidence() if state.badges else None
        self.badge_w = BADGE_W if state.badges else 0.0

    def width(self, event: Event, bold: bool = False) -> float:
        """The label's width in the font it is drawn in (bold for the selected event), with
        its badge."""
        if bold:
            return self.measure.width(label_text(event), TextStyle.BOLD) + self.badge_w
        w = self.widths.get(event.id)
        if w is None:  # (events of the same label are measured once: shaping takes 8 µs)
            text = label_text(event)
            w = self.text_widths.get(text)
            if w is None:
                w = self.text_widths[text] = self.measure.width(text, TextStyle.LABEL)
            self.widths[event.id] = w
        return w + self.badge_w

    def rows_needed(self, lane: LaneBox, positions: list[int]) -> int:
        """How many rows the lane's events take, up to LANE_ROWS (then it clusters)."""
        items, *_ = self._items(lane, positions)
        placement = stack_labels(items, LANE_ROWS, LABEL_GAP)
        if placement.clusters:
            return LANE_ROWS
        return max((row for _, row, _ in placement.placed), default=0) + 1

    def lane(self, lane: LaneBox, positions: list[int]) -> None:
        """Each event's mark and label: the label inside a band that holds it whole, else
        beside the mark, on the right or, where the view ends first, on the left; cut short
        only when the view has room for it on neither side (then on the roomier one).  The
        last row is kept for "N events" pills when the others do not hold every label."""
        rows = max(1, int((lane.height - 4) // ROW_H))
        items, spans, sides, limits = self._items(lane, positions)
        # the last row for clusters (never over a label), unless every label fits with it:
        # tried only when few were left out (not in a crowd)
        placement = stack_labels(items, rows - 1 if rows > 1 else rows, LABEL_GAP)
        if placement.clusters and rows > 1:
            left_out = {k for c in placement.clusters for k in c.keys}
            # (a band's item is as wide as the band, its label may be far narrower: the
            # count of what was left out tells a crowd, not their widths)
            if len(left_out) * FEW_PX <= self.right - self.left:
                every = stack_labels(items, rows, LABEL_GAP)
                if not every.clusters:
                    placement = every
        for q, row, x in placement.placed:
            self.mark(q, lane, row, x, spans[q], sides[q], limits.get(q))
        self.pills(placement.clusters, lane, rows, spans)

    def _items(self, lane: LaneBox, positions: list[int]) -> _Items:
        """The lane's events as items to stack (sorted by where they start), with their
        marks' pixels, the side of each label and the width a label is cut to (worked out
        once per build: sizing the lanes asks for them too)."""
        laid = self._laid.get(lane.actor_id)
        if laid is None:
            laid = self._laid[lane.actor_id] = self._lay(lane, positions)
        return laid

    def _lay(self, lane: LaneBox, positions: list[int]) -> _Items:
        events = self.store.index.events
        if lane.actor_id == NO_ACTOR:
            positions = [q for q in positions if not events[q].actors]
        elif lane.actor_id is not None:
            positions = [q for q in positions if lane.actor_id in events[q].actors]
        items: list[LabelItem] = []
        spans: dict[int, tuple[float, float]] = {}
        sides: dict[int, str] = {}
        limits: dict[int, float] = {}
        index = self.store.index
        xs0 = self.state.xs_of_t([index.t0[q] for q in positions])  # in time order: one pass
        xs1 = self.state.xs_of_t([index.t1[q] for q in positions])
        left, right = self.left, self.right
        for q, x0, x1 in zip(positions, xs0, xs1, strict=True):
            e = events[q]
            spans[q] = (x0, x1)
            text = self.width(e, e.id == self.current)
            m0, m1 = _extent(e, x0, x1)
            v0, v1 = max(m0, left), min(m1, right)  # the part of the mark in view
            band = not _is_point(e)
            room_in = v1 - v0 - 2 * LABEL_PAD if band else -1.0
            room_right, room_left = right - m1 - LABEL_PAD, m0 - LABEL_PAD - left
            if text <= room_in or (
                max(room_right, room_left) < text and room_in >= max(room_right, room_left)
            ):  # the band holds the whole label, or the most of it the view has room for
                items.append(LabelItem(q, v0, v1 - v0))
                sides[q] = "inside"
                if room_in < text:
                    limits[q] = max(room_in, 0.0)
                continue
            if text <= room_right or (text > room_left and room_right >= room_left):
                side, shown = "right", min(text, room_right)
                items.append(LabelItem(q, v0, m1 + LABEL_PAD + shown - v0))
            else:
                side, shown = "left", min(text, room_left)
                start = m0 - LABEL_PAD - shown
                items.append(LabelItem(q, start, v1 - start))
            sides[q] = side
            if shown < text:
                limits[q] = max(shown, 0.0)  # cut to the room the view has
        items.sort(key=lambda it: it.x)
        return items, spans, sides, limits

    def mark(
        self,
        q: int,
        lane: LaneBox,
        row: int,
        x: float,
        span: tuple[float, float],
        side: str,
        limit: float | None,
    ) -> None:
        e = self.store.index.events[q]
        top, h = lane.top + 2 + row * ROW_H, ROW_H - 4
        mid = top + h / 2
        x0, x1 = span
        point = _is_point(e)
        selected = e.id == self.current
        style = TextStyle.BOLD if selected else TextStyle.LABEL
        # the badge, when there is room for it (the label then has what is left)
        badge_w = self.badge_w if limit is None or limit >= self.badge_w else 0.0
        full = label_text(e)
        label = full if limit is None else self.measure.elide(full, style, limit - badge_w)
        if limit is not None and self.measure.width(label, style) > limit - badge_w:
            label = ""  # no room for even "…": the mark alone (its tooltip names it)
        text_w = self.measure.width(label, style)
        ascent = self.measure.ascent(style)
        m0, m1 = _extent(e, x0, x1)
        if side == "inside":  # [badge label] from the band's start
            start = x + LABEL_PAD
        elif side == "right":  # mark [badge label]
            start = m1 + LABEL_PAD
        else:  # [label badge] mark
            start = m0 - LABEL_PAD - text_w - badge_w
        if not label and not badge_w:  # nothing beside the mark: no room taken past the view
            start = min(max(start, self.left), self.right)
        text_x = start if side == "left" else start + badge_w
        badge_x = start + text_w + badge_w - BADGE_IN if side == "left" else start + BADGE_IN
        total = text_w + badge_w
        if point:
            kind = "point"
            hit = Rect(min(start, m0) - 2, top, max(start + total, m1) - min(start, m0) + 4, h)
        else:
            kind = "span" if e.is_span else "band"
            band = Rect(x0, top, max(x1 - x0, 3.0), h)
            hit = band.united(Rect(start - 4, top, total + 8, h))
        baseline = (top + ascent + 1) if kind == "span" else mid + ascent / 2 - 1
        badge_y = top + 1 + ascent / 2 if kind == "span" else mid
        support = self.evidence.support_at(q) if badge_w and self.evidence is not None else None
        actor = lane.actor_id if lane.actor_id is not None else (e.actors[0] if e.actors else None)
        self.scene.marks.append(
            Mark(
                e.id, kind, actor or None, e.status is not Status.REPORTED, selected, x0, x1,
                top, h, Text(text_x, baseline, label, style), Rect(start, top, total, h), hit,
                support, (badge_x, badge_y),
            )
        )  # fmt: skip

    def _singles(
        self,
        singles: list[int],
        placed: list[tuple[float, float, list[int]]],
        lane: LaneBox,
        rows: int,
        spans: dict[int, tuple[float, float]],
    ) -> None:
        """Draw each event left alone in the pill row as a mark of its own (its label cut to
        the room between its neighbours there), or put it in the pill its mark touches."""
        events = self.store.index.events
        row_top = lane.top + 2 + (rows - 1) * ROW_H
        taken = [(m.label_rect.x, m.label_rect.right) for m in self.scene.marks
                 if m.top == row_top] + [(m0, m1) for m0, m1 in
                 (_extent(events[q], *spans[q]) for q in singles)]  # fmt: skip
        taken += [(left, right) for left, right, _ in placed]
        for q in singles:
            e = events[q]
            x0, x1 = spans[q]
            m0, m1 = _extent(e, x0, x1)
            touched = [i for i, (left, right, _) in enumerate(placed)
                       if left - LABEL_GAP < m1 and m0 < right + LABEL_GAP]  # fmt: skip
            crossed = any(a < m1 and m0 < b for a, b in taken if (a, b) != (m0, m1))
            if crossed and not touched and placed:  # on a label of the row: the nearest pill
                touched = [min(range(len(placed)), key=lambda i: abs(placed[i][0] - m0))]
            if touched:
                left, right, keys = placed[touched[0]]
                width = self.measure.width(plural(len(keys) + 1, "event"), TextStyle.SMALL) + 14
                placed[touched[0]] = (left, max(right, left + width), [*keys, q])
                continue
            lo = max([b + LABEL_GAP for a, b in taken if b <= m0] + [self.left])
            hi = min([a - LABEL_GAP for a, b in taken if a >= m1] + [self.right])
            text = self.width(e, e.id == self.current)
            room_right, room_left = hi - m1 - LABEL_PAD, m0 - LABEL_PAD - lo
            band = not _is_point(e)
            v0, v1 = max(m0, self.left), min(m1, self.right)
            room_in = v1 - v0 - 2 * LABEL_PAD if band else -1.0
            if text <= room_in or (text > max(room_right, room_left) and room_in >= max(
                room_right, room_left)):  # fmt: skip
                side, room = "inside", room_in
            else:
                side = "right" if text <= room_right or room_right >= room_left else "left"
                room = room_right if side == "right" else room_left
            self.mark(q, lane, rows - 1, max(m0, self.left), (x0, x1), side,
                      None if text <= room else max(room, 0.0))  # fmt: skip
            label = self.scene.marks[-1].label_rect
            taken.append((min(m0, label.x), max(m1, label.right)))

    def pills(
        self,
        clusters: list[Cluster],
        lane: LaneBox,
        rows: int,
        spans: dict[int, tuple[float, float]],
    ) -> None:
        """Each "N events" pill: over its members' markers, wide enough for its label,
        moved along when it would overlap the pill before it (or joined to it at the edge).
        A pill never stands for one event: that event is drawn in the pill row, its label
        cut to the room there, or joins the pill its mark would touch."""
        index, state = self.store.index, self.state
        top = lane.top + 2 + (rows - 1) * ROW_H + 1
        h = ROW_H - 4 - 2
        placed: list[tuple[float, float, list[int]]] = []
        events = index.events
        singles: list[int] = []  # events alone in a cluster whose marks touch no other's
        groups: list[tuple[float, float, list[int]]] = []  # (first x, last x, events)
        for q in sorted((c.keys[0] for c in clusters if len(c.keys) == 1), key=lambda q: spans[q]):
            m0, m1 = _extent(events[q], *spans[q])
            if groups and m0 < groups[-1][1] + LABEL_GAP:  # their marks would touch: a pill
                first, last, keys = groups[-1]
                groups[-1] = (first, max(last, m1), [*keys, q])
            else:
                groups.append((m0, m1, [q]))
        singles = [keys[0] for _, _, keys in groups if len(keys) == 1]
        clusters = [c for c in clusters if len(c.keys) > 1]
        clusters += [Cluster(a, b, keys) for a, b, keys in groups if len(keys) > 1]
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
        self._singles(singles, placed, lane, rows, spans)
        for left, right, keys in placed:
            ids = tuple(events[k].id for k in keys)
            columns: dict[int, str | None] = {}  # one tick per pixel column
            for k in keys:
                e = events[k]
                actor = lane.actor_id if lane.actor_id is not None else (
                    e.actors[0] if e.actors else None)  # fmt: skip
                columns.setdefault(int(spans[k][0]), actor or None)  # (its x, worked out once)
            self.scene.pills.append(
                Pill(Rect(left, top, right - left, h), plural(len(keys), "event"), ids,
                     tuple(columns.items()), self.current in ids)
            )  # fmt: skip


_Items = tuple[list[LabelItem], dict[int, tuple[float, float]], dict[int, str], dict[int, float]]
FEW_PX = 24.0  # left-out labels fewer than one per this many pixels: not a crowd
LABEL_PAD = 4.0  # between a mark and its label, and inside a band around its label
LABEL_GAP = 6.0  # between two items (a mark with its label) of a row


def _is_point(e: Event) -> bool:
    """Drawn as a marker (a day), not as a band (a coarser date) or a bar (a span)."""
    return e.start.precision is Precision.DAY and not e.is_span


def _extent(e: Event, x0: float, x1: float) -> tuple[float, float]:
    """What the mark itself covers, in pixels: a marker's disc, a band or a bar."""
    if _is_point(e):
        return x0 - MARKER_R, x0 + MARKER_R
    return x0, max(x1, x0 + 3.0)


LANE_ROWS = 6  # a lane by actor grows to this many rows before its events cluster
