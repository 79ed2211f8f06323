"""The links of a timeline scene as arrows (issue 18): from one event's mark to the
other's, drawn under the labels, when both events pass the filter and at least one is in
view; an end out of view is drawn to the edge of the plot with its title, an end inside a
cluster points at the cluster's pill; with lanes, one arrow joins the two vertically
nearest marks of the two events.  The selected event's links are emphasised and the
others fade; when more than :data:`MAX_ARROWS` would be drawn, only the selected
event's are, unless the view asks for all.  Part of :mod:`timeline_app.core.scene`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from .model import Link, LinkBasis
from .references import SYMMETRIC
from .scene import Arrow, Mark, Measure, Pill, Scene, TextStyle

MAX_ARROWS = 200  # more than this would be drawn: only the selected event's links are
EDGE_TITLE_CHARS = 60  # an off-screen end's title, cut to this before it is measured


@dataclass(frozen=True, slots=True)
class _End:
    x: float
    y: float
    off: str = ""  # "left" or "right" of the view: drawn to that edge


def link_arrows(
    scene: Scene,
    links: Sequence[Link],
    shown_t0: Callable[[str], float | None],
    title_of: Callable[[str], str],
    view: tuple[float, float],
    view_t: tuple[float, float],
    current: str | None,
    measure: Measure,
    show_all: bool = False,
) -> list[Arrow]:
    """The arrows of ``links`` in ``scene`` (its marks and pills placed): ``shown_t0(id)``
    is when an event the filter shows starts (None: hidden, no arrow), ``title_of(id)``
    its title, ``view`` the plot's x from left to right and ``view_t`` the time shown."""
    marks: dict[str, list[Mark]] = {}
    for m in scene.marks:
        marks.setdefault(m.event_id, []).append(m)
    pills: dict[str, Pill] = {i: p for p in scene.pills for i in p.event_ids}
    in_view = [
        k for k in links
        if k.from_id in marks or k.from_id in pills or k.to_id in marks or k.to_id in pills
    ]  # fmt: skip
    t0 = {i: shown_t0(i) for k in in_view for i in (k.from_id, k.to_id)}  # (link ends only)
    drawn = [k for k in in_view if t0[k.from_id] is not None and t0[k.to_id] is not None]
    if len(drawn) > MAX_ARROWS and not show_all:
        drawn = [k for k in drawn if current in (k.from_id, k.to_id)]
    left, right = view
    out = []
    for k in drawn:
        a, b = _ends(k.from_id, k.to_id, marks, pills, t0, view, view_t[0])
        if a is None or b is None:
            continue
        if a.off and b.off:
            continue  # (neither end in view after all)
        if a.off:
            a = _End(a.x, b.y, a.off)
        if b.off:
            b = _End(b.x, a.y, b.off)
        if current is None:
            emphasis = "normal"
        else:
            emphasis = "selected" if current in (k.from_id, k.to_id) else "faded"
        edge_title, edge_x = "", 0.0
        off = a if a.off else b if b.off else None
        if off is not None:
            other_id = k.from_id if off is a else k.to_id
            title = measure.elide(title_of(other_id)[:EDGE_TITLE_CHARS], TextStyle.SMALL, 160.0)
            w = measure.width(title, TextStyle.SMALL)
            edge_title = title
            edge_x = left + 4 if off.off == "left" else right - 4 - w
        out.append(
            Arrow(k.id, a.x, a.y, b.x, b.y, k.type not in SYMMETRIC,
                  k.basis is LinkBasis.ANALYST, emphasis, edge_title, edge_x)
        )  # fmt: skip
    return _titled(_merged(out, measure, view), scene, measure, view)


def _titled(
    arrows: list[Arrow], scene: Scene, measure: Measure, view: tuple[float, float]
) -> list[Arrow]:
    """The selected event's ends out of view named at the foot of the plot, on their side
    ("← title" at the left, "title →" at the right), one line each from the bottom up,
    where no label is (rows fill the plot from the top)."""
    left, right = view
    line = measure.height(TextStyle.SMALL) + 2
    rows = {"left": 0, "right": 0}
    out = []
    for a in arrows:
        if not a.edge_title or a.emphasis != "selected":
            out.append(a)
            continue
        side = "left" if a.edge_x < (left + right) / 2 else "right"
        text = f"← {a.edge_title}" if side == "left" else f"{a.edge_title} →"
        w = measure.width(text, TextStyle.SMALL)
        x = left + 4 if side == "left" else right - 4 - w
        y = scene.height - 6 - rows[side] * line
        rows[side] += 1
        out.append(replace(a, edge_title=text, edge_x=x, edge_y=y))
    return out


_RANK = {"faded": 0, "normal": 1, "selected": 2}


def _merged(arrows: list[Arrow], measure: Measure, view: tuple[float, float]) -> list[Arrow]:
    """Arrows from one mark to the same edge, the same way, as one, titled "N linked
    events": many links out of view neither pile their titles on one another nor cost a
    curve each (a dashed curve across the view takes about a millisecond to draw)."""
    groups: dict[tuple[float, float, float, float, bool], list[Arrow]] = {}
    out: list[Arrow] = []
    for a in arrows:
        if not a.edge_title:
            out.append(a)
            continue
        groups.setdefault((a.x0, a.y0, a.x1, a.y1, a.head), []).append(a)
    left, right = view
    for group in groups.values():
        if len(group) == 1:
            out.append(group[0])
            continue
        first = group[0]
        title = f"{len(group)} linked events"
        w = measure.width(title, TextStyle.SMALL)
        edge_x = left + 4 if first.edge_x < (left + right) / 2 else right - 4 - w
        emphasis = max((a.emphasis for a in group), key=_RANK.__getitem__)
        dashed = all(a.dashed for a in group)  # one that a quote states: drawn solid
        out.append(
            Arrow(first.link_id, first.x0, first.y0, first.x1, first.y1, first.head, dashed,
                  emphasis, title, edge_x)
        )  # fmt: skip
    return out


def _ends(
    from_id: str,
    to_id: str,
    marks: dict[str, list[Mark]],
    pills: dict[str, Pill],
    t0: dict[str, float | None],
    view: tuple[float, float],
    view_t0: float,
) -> tuple[_End | None, _End | None]:
    """Where the arrow starts and ends: the vertically nearest pair of the two events'
    marks (or their pills), an end out of view at the plot's edge."""
    a_points, b_points = _points(from_id, marks, pills), _points(to_id, marks, pills)
    if a_points and b_points:
        return min(
            ((p, q) for p in a_points for q in b_points), key=lambda pq: abs(pq[0].y - pq[1].y)
        )
    a = a_points[0] if a_points else _edge(from_id, b_points, t0, view, view_t0)
    b = b_points[0] if b_points else _edge(to_id, a_points, t0, view, view_t0)
    return a, b


def _points(event_id: str, marks: dict[str, list[Mark]], pills: dict[str, Pill]) -> list[_End]:
    found = [_End(*_anchor(m)) for m in marks.get(event_id, ())]
    pill = pills.get(event_id)
    if not found and pill is not None:
        found = [_End(*pill.rect.center())]
    return found


def _anchor(m: Mark) -> tuple[float, float]:
    """Where an arrow meets a mark: a point's marker, a band's or a span's middle."""
    mid = m.top + m.height / 2
    if m.kind == "point":
        return m.x0, mid
    return (m.x0 + max(m.x1, m.x0 + 3.0)) / 2, mid


def _edge(
    event_id: str,
    others: list[_End],
    t0: dict[str, float | None],
    view: tuple[float, float],
    view_t0: float,
) -> _End | None:
    """An end out of view: at the left edge if it starts before what is shown, else at
    the right (at the height of the other end)."""
    t = t0.get(event_id)
    if not others or t is None:
        return None
    side = "left" if t < view_t0 else "right"
    return _End(view[0] if side == "left" else view[1], others[0].y, side)
