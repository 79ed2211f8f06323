"""Building a timeline :class:`~timeline_app.core.scene.Scene` from the view state, the
store's visible events and a text-measuring callback: lanes, compressed-time breaks, the
two-tier axis, then the events (:mod:`~timeline_app.core.scene_marks`) or, when too many
are in view, density bars.  Pure: no Qt."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .eras import PlacedEra, place_eras, rows_used
from .layout import bin_counts
from .scene import (
    AXIS_MAJOR_H,
    DENSITY_BIN_PX,
    DENSITY_THRESHOLD,
    ERA_GAP,
    ERA_ROW_H,
    NO_ACTOR,
    ROW_H,
    Bar,
    EraBand,
    LaneBox,
    Measure,
    Rect,
    Scene,
    SceneCache,
    Text,
    TextStyle,
)
from .store import TimelineStore
from .ticks import compute_axis
from .viewstate import ViewState

if TYPE_CHECKING:
    from .scene_marks import LaneMarks


def build_scene(
    store: TimelineStore,
    state: ViewState,
    height: float,
    measure: Measure,
    current: str | None = None,
    cache: SceneCache | None = None,
    scroll: float = 0.0,
    era_hovered: str | None = None,
    era_selected: str | None = None,
) -> Scene:
    """The scene of ``store``'s visible events in ``state`` over ``height`` pixels.

    ``current``: the selected event (drawn bold); ``scroll``: how far the lanes are
    scrolled down; ``era_hovered``, ``era_selected``: eras shown so (the hovered one, else
    the selected one, tints the plot)."""
    cache = cache if cache is not None else SceneCache()
    scene = Scene(state.width, height, state.gutter, state.plot_width)
    if not store.timeline.events:
        scene.message = "No events yet: add one with Ctrl+N"
        return scene
    visible = store.visible
    if store.timeline.eras:
        _eras(scene, store, state, measure, cache, era_hovered, era_selected)
    _lanes(scene, store, state, measure, cache, scroll)
    _breaks(scene, state)
    _axis(scene, state, measure, cache)
    if not len(visible):
        scene.message = "No events match the current filter. Reset filters to see them all."
        return scene
    ta, tb = state.time_range()
    # a binary search says when there are surely too many; else count what overlaps
    in_view: list[int] | None = None
    if visible.count_starting(ta, tb) <= DENSITY_THRESHOLD:
        in_view = visible.overlapping(ta, tb)
    if in_view is None or len(in_view) > DENSITY_THRESHOLD:
        scene.mode = "density"
        _density(scene, store, state, measure, cache)
    else:
        from .scene_marks import LaneMarks

        scene.mode = "events"
        builder = LaneMarks(scene, store, state, measure, cache, current)
        if scene.lanes[0].actor_id is not None:  # lanes by actor: each as tall as it needs
            _fit_lanes(scene, builder, in_view, scroll)
        for lane in scene.lanes:
            if lane.top <= height and lane.top + lane.height >= scene.plot_top:
                builder.lane(lane, in_view)
        if store.timeline.links:
            _arrows(scene, store, state, measure, current, cache)
    return scene


def _arrows(
    scene: Scene,
    store: TimelineStore,
    state: ViewState,
    measure: Measure,
    current: str | None,
    cache: SceneCache,
) -> None:
    """The links between the events in view, and from them to events out of view (only
    the links of the events drawn are looked at: a file may hold tens of thousands)."""
    from .scene_links import link_arrows

    links = store.timeline.links
    if cache.links is None or cache.links[0] is not links:
        touching: dict[str, list[int]] = {}
        for i, k in enumerate(links):
            touching.setdefault(k.from_id, []).append(i)
            touching.setdefault(k.to_id, []).append(i)
        cache.links = (links, touching)
    touching = cache.links[1]
    drawn = {m.event_id for m in scene.marks} | {i for p in scene.pills for i in p.event_ids}
    near = sorted({i for event_id in drawn for i in touching.get(event_id, ())})
    if not near:
        return
    index, visible = store.index, store.visible

    def shown_t0(event_id: str) -> float | None:
        p = index.position_of(event_id)
        return float(index.t0[p]) if p is not None and p in visible else None

    def title_of(event_id: str) -> str:
        event = store.event(event_id)
        return event.title if event is not None else event_id

    view = (state.gutter, state.gutter + state.plot_width)
    scene.arrows = link_arrows(
        scene, [links[i] for i in near], shown_t0, title_of, view, state.time_range(), current,
        measure, state.all_links,
    )  # fmt: skip


# -- eras, lanes, breaks, axis ------------------------------------------------------------


def placed_eras(store: TimelineStore, cache: SceneCache) -> list[PlacedEra]:
    """The timeline's eras with their rows (worked out again only when they change)."""
    eras, last = store.timeline.eras, store.index.extent()
    last_t1 = last[1] if last else None
    if cache.eras is None or cache.eras[0] is not eras or cache.eras[1] != last_t1:
        cache.eras = (eras, last_t1, place_eras(eras, last_t1))
    return cache.eras[2]


def _eras(
    scene: Scene,
    store: TimelineStore,
    state: ViewState,
    measure: Measure,
    cache: SceneCache,
    hovered: str | None,
    selected: str | None,
) -> None:
    """The strip of eras above the axis: one row per nesting level, as tall whether or
    not an era is in view (the axis does not jump while panning)."""
    placed = placed_eras(store, cache)
    scene.era_h = rows_used(placed) * ERA_ROW_H + ERA_GAP
    left, right = state.gutter, state.gutter + state.plot_width
    ascent = measure.ascent(TextStyle.SMALL)
    text_h = measure.height(TextStyle.SMALL)
    shown: list[tuple[int, PlacedEra, Rect]] = []
    for i, p in enumerate(placed):
        x0, x1 = state.x_of_t(p.t0), state.x_of_t(p.t1)
        if x1 < left or x0 > right:
            continue
        x0, x1 = max(x0, left), min(x1, right)
        shown.append((i, p, Rect(x0, 1 + p.row * ERA_ROW_H, max(x1 - x0, 2.0), ERA_ROW_H - 1)))
    shown.sort(key=lambda ipr: (ipr[1].row, ipr[2].x))
    # thousands of eras in view (a hostile file): a band within a pixel of the one before
    # it in its row is not drawn again (20,000 eras built in 0.2 s a frame otherwise)
    kept: list[tuple[int, PlacedEra, Rect]] = []
    for item in shown:
        last = kept[-1] if kept else None
        if last and last[1].row == item[1].row and item[2].right <= last[2].right + 1:
            continue
        kept.append(item)
    shown = kept
    for k, (i, p, rect) in enumerate(shown):
        # the name inside its band; where it has no room there, after the band (up to the
        # next band of its row) or before it: a short era of a long timeline is named
        nxt = shown[k + 1] if k + 1 < len(shown) else None
        prev = shown[k - 1] if k else None
        after = (nxt[2].x if nxt and nxt[1].row == p.row else right) - 4 - rect.right - 4
        before = rect.x - 4 - (prev[2].right + 4 if prev and prev[1].row == p.row else left)
        inside = rect.w - 8 - (6 if p.era.end is None else 0)  # (an ongoing one's chevron)
        baseline = rect.y + (rect.h - text_h) / 2 + ascent
        name, width = p.era.name, measure.width(p.era.name, TextStyle.SMALL)
        label = None
        if width <= inside:
            label = Text(rect.x + 4, baseline, name, TextStyle.SMALL)
        elif width <= after or (after >= 40 and after >= before):
            text = measure.elide(name, TextStyle.SMALL, after)
            label = Text(rect.right + 4, baseline, text, TextStyle.SMALL)
        elif width <= before or before >= 40:
            text = measure.elide(name, TextStyle.SMALL, before)
            x = rect.x - 4 - measure.width(text, TextStyle.SMALL)
            label = Text(x, baseline, text, TextStyle.SMALL)
        elif inside >= 14:
            text = measure.elide(name, TextStyle.SMALL, inside)
            label = Text(rect.x + 4, baseline, text, TextStyle.SMALL) if text != "…" else None
        focus = "hovered" if p.era.id == hovered else "selected" if p.era.id == selected else ""
        ongoing = p.era.end is None and rect.right < right - 1  # its end in view
        band = EraBand(p.era.id, i, p.era.color, rect, label, focus, ongoing)
        scene.eras.append(band)
        if focus == "hovered" or (focus == "selected" and hovered is None):
            scene.tint = band
    if scene.tint is None and hovered is not None:  # the hovered one is out of view
        scene.tint = next((b for b in scene.eras if b.focus == "selected"), None)


def lane_spec(store: TimelineStore, cache: SceneCache) -> list[tuple[str, str]]:
    """(actor id, name) of each lane: the actors with a visible event, then "No actor" if a
    visible event has none; worked out once per filter result, not per paint."""
    visible, actors = store.visible, store.timeline.actors
    if cache.lanes is not None and cache.lanes[0] is visible and cache.lanes[1] is actors:
        return cache.lanes[2]
    index = store.index
    every = len(visible) == len(index)
    spec = [
        (a.id, a.name)
        for a in actors
        if any(every or p in visible for p in index.by_actor.get(a.id, ()))
    ]
    if any(every or p in visible for p in index.no_actor):
        spec.append((NO_ACTOR, "No actor"))
    cache.lanes = (visible, actors, spec)
    return spec


def _lanes(
    scene: Scene,
    store: TimelineStore,
    state: ViewState,
    measure: Measure,
    cache: SceneCache,
    scroll: float,
) -> None:
    top = scene.plot_top + 4
    avail = scene.height - top - 4
    spec = lane_spec(store, cache) if state.lanes else []
    if not spec:
        scene.lanes = [LaneBox(None, "", top, avail)]
        scene.lanes_height = avail
        return
    lane_h = max(ROW_H * 2 + 8, avail / len(spec))
    scene.lanes_height = lane_h * len(spec)
    offset = scroll if scene.lanes_height > avail + 1 else 0.0
    scene.lanes = [
        LaneBox(aid, measure.elide(name, TextStyle.LABEL, state.gutter - 26),
                top + i * lane_h - offset, lane_h)
        for i, (aid, name) in enumerate(spec)
    ]  # fmt: skip


def _fit_lanes(scene: Scene, builder: LaneMarks, in_view: list[int], scroll: float) -> None:
    """Lanes by actor as tall as the rows their events in view take (up to LANE_ROWS, then
    they cluster), one under the other; taller together than the view, they scroll."""
    top = scene.plot_top + 4
    avail = scene.height - top - 4
    heights = [builder.rows_needed(lane, in_view) * ROW_H + 4 for lane in scene.lanes]
    scene.lanes_height = sum(heights)
    offset = scroll if scene.lanes_height > avail + 1 else 0.0
    y = top - offset
    boxes = []
    for lane, h in zip(scene.lanes, heights, strict=True):
        boxes.append(LaneBox(lane.actor_id, lane.name, y, h))
        y += h
    scene.lanes = boxes


def _breaks(scene: Scene, state: ViewState) -> None:
    view = state.viewport
    for ub0, ub1 in state.scale.break_spans_u():
        if ub1 < view.u0 or ub0 > view.u1:
            continue
        x0, x1 = state.gutter + view.x(ub0), state.gutter + view.x(ub1)
        if x1 - x0 < 4:
            scene.thin_breaks.append(round((x0 + x1) / 2))
        else:
            scene.wide_breaks.append((x0, x1))


def _axis(scene: Scene, state: ViewState, measure: Measure, cache: SceneCache) -> None:
    key = (state.scale, state.viewport, measure)
    if cache.axis is not None and cache.axis[0] == key:
        axis = cache.axis[1]  # the same view of the same scale (an edit elsewhere): kept
    else:  # measured in the wider (bold) font, so no label of either tier can overlap or clip
        axis = compute_axis(
            state.scale, state.viewport, lambda text: measure.width(text, TextStyle.BOLD)
        )
        cache.axis = (key, axis)
    g = state.gutter
    scene.minor_ticks = list(axis.minor)
    scene.major_ticks = list(axis.major)
    small = scene.axis_top + AXIS_MAJOR_H + measure.ascent(TextStyle.SMALL) + 1
    bold = scene.axis_top + measure.ascent(TextStyle.BOLD) + 2
    scene.axis_labels = [Text(g + t.label_x, small, t.label, TextStyle.SMALL) for t in axis.minor]
    scene.axis_labels += [
        Text(g + t.label_x, bold, t.label, TextStyle.BOLD) for t in scene.major_ticks if t.label
    ]


# -- density -----------------------------------------------------------------------------


def _density(
    scene: Scene, store: TimelineStore, state: ViewState, measure: Measure, cache: SceneCache
) -> None:
    width = state.plot_width
    n = max(1, int(width / DENSITY_BIN_PX))
    edges = [state.t_at(state.gutter + i * width / n) for i in range(n + 1)]
    for lane in scene.lanes:
        if lane.top > scene.height or lane.top + lane.height < scene.plot_top:
            continue
        counts = bin_counts(_lane_starts(store, lane, cache), edges)
        peak = max(counts) or 1
        avail = lane.height - 8
        for i, c in enumerate(counts):
            if c:
                h = max(2.0, avail * (c / peak) ** 0.5)
                rect = Rect(state.gutter + i * width / n, lane.top + 4 + avail - h,
                            max(1.0, width / n - 0.5), h)  # fmt: skip
                scene.bars.append(Bar(rect, lane.actor_id))
    ta, tb = state.time_range()
    count = store.visible.count_starting(ta, tb)
    note = f"{count:,} events in view: zoom in or filter to see them one by one"
    w, h = measure.width(note, TextStyle.SMALL), measure.height(TextStyle.SMALL)
    top = scene.plot_top
    scene.note_rect = Rect(state.gutter + 8, top + 6, w + 12, h + 6)
    scene.note = Text(state.gutter + 14, top + 9 + measure.ascent(TextStyle.SMALL), note,
                      TextStyle.SMALL)  # fmt: skip


def _lane_starts(store: TimelineStore, lane: LaneBox, cache: SceneCache) -> Sequence[int]:
    visible = store.visible
    if lane.actor_id is None:
        return visible.t0
    if cache.lane_starts is None or cache.lane_starts[0] is not visible:
        cache.lane_starts = (visible, {})
    starts = cache.lane_starts[1].get(lane.actor_id)
    if starts is None:
        index = store.index
        if lane.actor_id == NO_ACTOR:
            chosen = [q for q in visible.positions if not index.events[q].actors]
        else:
            chosen = [q for q in index.by_actor.get(lane.actor_id, []) if q in visible]
        starts = [index.t0[q] for q in chosen]
        cache.lane_starts[1][lane.actor_id] = starts
    return starts
