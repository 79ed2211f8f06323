"""The timeline widget on its own, on a bare document holding the bundled dataset (no main
window): a click selects through the document, the wheel and the keys zoom and pan within
the zoom limits, Fit All shows every event, and the crowded autumn of 2024 stays readable."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from uihelpers import event_point

from timeline_app.core.dates import TimelineDate, parse_iso
from timeline_app.core.event_edits import delete_event_change, save_event_change
from timeline_app.core.fileformat import load_timeline
from timeline_app.core.filters import FilterState
from timeline_app.core.model import Event, Status, Timeline, replace
from timeline_app.ui.app import application
from timeline_app.ui.document import Document
from timeline_app.ui.timeline_view import TimelineView

# the autumn of 2024: half of the dataset's twelve events within five weeks
CLUSTER = (
    "uk-un-mission-putin-desperate", "north-korean-troops-arrival-reported",
    "rutte-echoes-uk-statement", "us-estimates-north-korean-troops",
    "ukraine-plans-160000-draft", "choe-lavrov-meeting",
)  # fmt: skip


@pytest.fixture
def doc() -> Document:
    application()
    return Document()


MakeView = Callable[..., TimelineView]


@pytest.fixture
def make_view(qtbot: QtBot, doc: Document, dataset_copy: Path) -> MakeView:
    def make(size: tuple[int, int] = (900, 360), path: Path | None = dataset_copy) -> TimelineView:
        view = TimelineView(doc)  # built before the file opens, as the main window does
        qtbot.addWidget(view)
        view.resize(*size)
        if path is not None:
            doc.load(load_timeline(path), path)
        view.show()
        qtbot.waitExposed(view)
        view.fit_all()
        return view

    return make


@pytest.fixture
def view(make_view: MakeView) -> TimelineView:
    return make_view()


def wheel(view: TimelineView, x: float, steps: int, shift: bool = False) -> None:
    pos = QPointF(x, view.height() / 2)
    modifiers = Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier
    event = QWheelEvent(
        pos, view.mapToGlobal(pos), QPoint(), QPoint(0, 120 * steps), Qt.MouseButton.NoButton,
        modifiers, Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    QApplication.sendEvent(view, event)


def overlapping(rects: list[QRectF]) -> list[tuple[QRectF, QRectF]]:
    return [(a, b) for i, a in enumerate(rects) for b in rects[i + 1 :] if a.intersects(b)]


def all_ids(view: TimelineView) -> list[str]:
    return sorted(e.id for e in view.document.timeline.events)


def day_width(view: TimelineView, iso: str) -> float:
    t = parse_iso(iso).start
    return view.x_of_t(t + 1) - view.x_of_t(t)


def empty_point(view: TimelineView) -> QPoint:
    """A point of the plot, below the axis, where nothing is drawn."""
    for y in range(view.height() - 6, int(view.scene().plot_top) + 6, -8):
        for x in range(int(view.gutter) + 20, view.width() - 20, 15):
            if view.scene().hit(x, y) is None:
                return QPoint(x, y)
    raise AssertionError("the timeline has no empty space")


# -- what Fit All shows --------------------------------------------------------------------


def test_opens_showing_every_event_inside_the_widget(view: TimelineView) -> None:
    assert view.painted_mode == "events"
    assert sorted(view.painted_event_ids()) == all_ids(view)
    for hit in view.hits():
        assert hit.rect.left() >= 0 and hit.rect.right() <= view.width(), hit
        assert hit.rect.top() >= view.scene().plot_top and hit.rect.bottom() <= view.height(), hit


def test_a_view_built_on_an_open_document_shows_its_events(
    qtbot: QtBot, doc: Document, dataset_copy: Path
) -> None:
    doc.load(load_timeline(dataset_copy), dataset_copy)
    view = TimelineView(doc)
    qtbot.addWidget(view)
    view.resize(900, 360)
    view.show()
    qtbot.waitExposed(view)
    view.fit_all()
    assert sorted(view.painted_event_ids()) == all_ids(view)


def test_fit_all_brings_back_every_event_after_zooming_in(view: TimelineView) -> None:
    full = view.time_range()
    view.zoom_by(40.0, view.x_of_t(parse_iso("2016").start))
    assert len(view.painted_event_ids()) < len(all_ids(view))
    view.fit_all()
    assert view.time_range() == pytest.approx(full)
    assert sorted(view.painted_event_ids()) == all_ids(view)
    first, last = view.document.store.index.extent()  # type: ignore[misc]
    left, right = view.x_of_t(first), view.x_of_t(last)
    assert view.gutter < left < view.gutter + 0.05 * view.plot_width()  # a small margin only
    assert view.width() - 0.05 * view.plot_width() < right < view.width()


def test_resizing_shows_the_same_time_across_more_pixels(view: TimelineView, qtbot: QtBot) -> None:
    view.zoom_by(3.0, view.x_of_t(parse_iso("2024-10-28").start))
    shown = view.time_range()
    view.resize(1300, 360)
    qtbot.waitUntil(lambda: view.plot_width() == 1300)
    assert view.time_range() == pytest.approx(shown)


# -- selecting and activating --------------------------------------------------------------


@pytest.mark.parametrize("event_id", ["korean-war-ends", "choe-lavrov-meeting"])
def test_clicking_an_event_makes_it_the_documents_current_event(
    view: TimelineView, qtbot: QtBot, event_id: str
) -> None:
    doc = view.document
    with qtbot.waitSignal(doc.currentChanged) as changed:
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=event_point(view, event_id))
    assert changed.args == [event_id] and doc.current_id == event_id
    assert [m.event_id for m in view.scene().marks if m.selected] == [event_id]  # drawn bold
    other = "ukraine-kursk-offensive"
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=event_point(view, other))
    assert doc.current_id == other
    assert [m.event_id for m in view.scene().marks if m.selected] == [other]


def test_dragging_from_an_event_pans_and_does_not_select_it(
    view: TimelineView, qtbot: QtBot
) -> None:
    aleppo = view.document.store.event("aleppo-north-korean-aid")
    assert aleppo is not None
    view.zoom_by(2.0, view.x_of_t((aleppo.t0 + aleppo.t1) / 2))  # zoomed in on it
    start = event_point(view, "aleppo-north-korean-aid")
    u0 = view.view.u0
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=start)
    for dx in (10, 40, 80):
        qtbot.mouseMove(view, start + QPoint(dx, 0))
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=start + QPoint(80, 0))
    assert view.view.u0 < u0  # dragged right: earlier time came into view
    assert view.document.current_id is None


def test_double_click_on_an_event_asks_to_edit_it(view: TimelineView, qtbot: QtBot) -> None:
    with qtbot.waitSignal(view.eventActivated) as activated:
        qtbot.mouseDClick(view, Qt.MouseButton.LeftButton, pos=event_point(view, "korean-war-ends"))
    assert activated.args == ["korean-war-ends"]


def test_double_click_on_empty_time_offers_that_date(view: TimelineView, qtbot: QtBot) -> None:
    view.fit_range(parse_iso("2024-10").start, parse_iso("2024-11").end)  # days, not decades
    point = empty_point(view)
    with qtbot.waitSignal(view.emptyActivated) as activated:
        qtbot.mouseDClick(view, Qt.MouseButton.LeftButton, pos=point)
    (date,) = activated.args
    assert isinstance(date, TimelineDate)
    assert date.start <= view.t_at(point.x()) < date.end
    assert date.precision.label == "day"  # zoomed in to weeks: the day clicked


def test_an_empty_timeline_invites_a_first_event_by_double_click(
    make_view: MakeView, qtbot: QtBot
) -> None:
    view: TimelineView = make_view(path=None)
    view.document.load(Timeline(title="My investigation"), None)
    assert view.painted_mode == "empty" and view.hits() == []
    wheel(view, view.width() / 2, 3)  # nothing to zoom on: no error either
    view.fit_all()
    with qtbot.waitSignal(view.emptyActivated) as activated:
        qtbot.mouseDClick(view, Qt.MouseButton.LeftButton, pos=QPoint(view.width() // 2, 200))
    assert isinstance(activated.args[0], TimelineDate)


def test_tooltip_names_the_event_and_shows_markup_as_text(view: TimelineView) -> None:
    doc = view.document
    old = doc.store.event("korean-war-ends")
    assert old is not None
    doc.push(save_event_change(doc.timeline, replace(old, title="<img src=x> ends"), old))
    tip = view.tooltip_at(QPointF(event_point(view, "korean-war-ends")))
    assert tip is not None and "&lt;img src=x&gt; ends" in tip and "<img" not in tip
    assert "1953" in tip


# -- zooming and panning -------------------------------------------------------------------


def test_wheel_zooms_in_and_out_around_the_cursor(view: TimelineView) -> None:
    x = view.x_of_t(parse_iso("2024-10-28").start)
    t = view.t_at(x)
    ta, tb = view.time_range()
    wheel(view, x, 2)
    na, nb = view.time_range()
    assert ta < na < t < nb < tb  # a narrower range, around the date under the cursor
    assert view.x_of_t(t) == pytest.approx(x, abs=1)
    wheel(view, x, -1)
    wa, wb = view.time_range()
    assert wa < na and nb < wb


def test_zooming_in_stops_when_one_day_fills_two_fifths_of_the_width(view: TimelineView) -> None:
    x = view.x_of_t(parse_iso("2024-11-01").start)
    spans = []
    for _ in range(60):
        wheel(view, x, 2)
        spans.append(view.view.span)
    assert spans[-1] == spans[-2] == spans[-10]  # a limit, not a slow approach
    assert day_width(view, "2024-11-01") == pytest.approx(0.4 * view.plot_width(), rel=0.01)
    assert "choe-lavrov-meeting" in view.painted_event_ids()  # still where the cursor was
    view.zoom_by(1000.0)  # the view's own zoom is bounded the same way
    assert view.view.span == pytest.approx(spans[-1])


def test_zooming_out_stops_a_little_beyond_the_data(view: TimelineView) -> None:
    fitted = view.view.span
    spans = []
    for _ in range(30):
        wheel(view, view.width() / 3, -2)
        spans.append(view.view.span)
    assert spans[-1] == spans[-2] == spans[-10]
    assert fitted < spans[-1] <= 1.2 * fitted
    assert sorted(view.painted_event_ids()) == all_ids(view)
    view.zoom_by(0.001)
    assert view.view.span == pytest.approx(spans[-1])


def test_keys_zoom_and_pan(view: TimelineView, qtbot: QtBot) -> None:
    view.setFocus()
    span = view.view.span
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    assert view.view.span == pytest.approx(span / 1.25)
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    assert view.view.span == pytest.approx(span)
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    ta, tb = view.time_range()
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert view.time_range()[0] < ta and view.time_range()[1] < tb  # earlier time
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.time_range()[0] > ta and view.time_range()[1] > tb  # later time
    u0 = view.view.u0
    qtbot.keyClick(view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)  # the window's
    assert view.view.u0 == u0


def test_shift_wheel_scrolls_the_lanes_instead_of_zooming(make_view: MakeView) -> None:
    view: TimelineView = make_view((900, 300))
    view.set_lanes(True)
    view.scene()
    assert view.vscroll.isVisible()  # more actors than fit
    span, top = view.view.span, view.scene().lanes[0].top
    wheel(view, view.width() / 2, -2, shift=True)
    assert view.vscroll.value() > 0
    assert view.scene().lanes[0].top < top  # the lanes moved up
    assert view.view.span == span


# -- the crowded autumn of 2024 ------------------------------------------------------------


@pytest.mark.parametrize("size", [(900, 360), (1280, 500), (600, 300)])
def test_the_2024_cluster_is_readable_and_each_event_clickable(
    make_view: MakeView, qtbot: QtBot, size: tuple[int, int]
) -> None:
    view: TimelineView = make_view(size)

    def readable() -> None:
        assert not overlapping([h.rect for h in view.hits()])
        assert not overlapping(view.label_rects())

    readable()
    assert set(CLUSTER) <= set(view.painted_event_ids())  # each drawn alone or in a cluster
    alone = [h.event_id for h in view.hits() if h.event_id]
    for event_id in alone:  # the middle of an event's mark or label selects that event
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=event_point(view, event_id))
        assert view.document.current_id == event_id
        readable()  # its label, now bold, pushes no other label over another
    for pill in [h for h in view.hits() if h.cluster_ids]:
        view.fit_all()
        members, apart = set(pill.cluster_ids), set()
        # a click zooms in on the pill's events; in a crowd some may still share smaller
        # pills, as map markers do: a click on each goes on (a few clicks at most)
        todo, clicks = [(view.time_range(), pill)], 0
        while todo:
            shown, pill = todo.pop()
            view.set_time_range(*shown)  # where that pill was seen
            inside = set(pill.cluster_ids)
            qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=pill.rect.center().toPoint())
            clicks += 1
            readable()
            assert inside <= set(view.painted_event_ids())  # none lost from view
            apart |= {h.event_id for h in view.hits()} & inside
            left = [h for h in view.hits() if set(h.cluster_ids) & inside]
            assert all(len(h.cluster_ids) < len(inside) for h in left)
            todo += [(view.time_range(), h) for h in left]
        assert clicks < len(members)
        assert members <= apart  # each shown apart in the end


def test_compressed_time_gives_the_2024_cluster_room(view: TimelineView) -> None:
    start, end = parse_iso("2024-10").start, parse_iso("2024-11").end
    compressed = view.x_of_t(end) - view.x_of_t(start)
    view.set_compress(False)
    view.fit_all()
    linear = view.x_of_t(end) - view.x_of_t(start)
    assert linear < 0.03 * view.plot_width()
    assert compressed > 5 * linear
    view.set_compress(True)
    view.fit_all()
    assert view.x_of_t(end) - view.x_of_t(start) == pytest.approx(compressed)


# -- following the document ----------------------------------------------------------------


def test_a_filter_that_hides_what_is_in_view_moves_to_what_it_shows(view: TimelineView) -> None:
    doc = view.document
    view.fit_range(parse_iso("2024-10").start, parse_iso("2024-11").end)
    doc.set_filter(FilterState(checked=frozenset({"syria"})))
    assert view.painted_event_ids() == ["aleppo-north-korean-aid"]
    (hit,) = view.hits()
    assert hit.rect.intersects(QRectF(view.rect()))  # on screen, not just "painted"
    (label,) = view.label_rects()
    assert label.left() >= 0 and label.right() <= view.width()
    doc.set_filter(FilterState(checked=frozenset()))
    assert view.painted_mode == "empty" and view.hits() == []
    doc.set_filter(FilterState())
    view.fit_all()
    assert sorted(view.painted_event_ids()) == all_ids(view)


def test_edits_are_drawn_at_once(view: TimelineView) -> None:
    doc = view.document
    old = doc.store.event("korean-war-ends")
    assert old is not None
    width = next(m.label_rect.w for m in view.scene().marks if m.event_id == old.id)
    longer = replace(old, title="Korean War ends in an armistice")
    doc.push(save_event_change(doc.timeline, longer, old))
    mark = next(m for m in view.scene().marks if m.event_id == old.id)
    assert mark.label.text == longer.title
    assert mark.label_rect.w > width + 60  # measured again, not the old title's width
    assert not overlapping(view.label_rects())
    later = Event("peace-treaty", "Peace treaty", parse_iso("2030-06"), status=Status.ALLEGED)
    doc.push(save_event_change(doc.timeline, later, None))
    view.fit_all()
    assert "peace-treaty" in view.painted_event_ids()
    assert view.x_of_t(later.t1) <= view.width()
    doc.set_current("peace-treaty")
    doc.push(delete_event_change(doc.timeline, later))
    assert doc.current_id is None
    assert "peace-treaty" not in view.painted_event_ids()
    assert not [m for m in view.scene().marks if m.selected]


def test_opening_another_timeline_shows_all_of_it(view: TimelineView) -> None:
    view.zoom_by(50.0)
    small = Timeline(
        title="Two events",
        events=[Event("a", "First", parse_iso("1700-03")), Event("b", "Second", parse_iso("1712"))],
    )
    view.document.load(small, None)
    assert sorted(view.painted_event_ids()) == ["a", "b"]
    ta, tb = view.time_range()
    assert ta < parse_iso("1700-03").start and parse_iso("1712").end < tb


@pytest.mark.parametrize("alpha", [40, 90, 150, 160])
@pytest.mark.parametrize("base", ["#ffffff", "#1e1e1e", "#292929"])
def test_opaque_grid_colours_look_as_the_translucent_ones_did(alpha: int, base: str) -> None:
    """The grid and break colours are flattened onto the background (an opaque line is 25
    times quicker to fill): on screen each must be the colour the translucent one made."""
    from PySide6.QtGui import QColor, QImage, QPainter

    from timeline_app.ui.timeline_painter import flat

    application()
    image = QImage(4, 4, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(base))
    translucent = QColor("#8a8a8a")
    translucent.setAlpha(alpha)
    p = QPainter(image)
    p.fillRect(QRectF(0, 0, 4, 4), translucent)
    p.end()
    made = image.pixelColor(1, 1)
    want = flat(QColor("#8a8a8a"), alpha, QColor(base))
    assert want.alpha() == 255
    for got, expected in zip(made.getRgb()[:3], want.getRgb()[:3], strict=True):
        assert abs(got - expected) <= 1


def test_from_the_13th_actor_on_markers_take_a_shape(
    make_view: MakeView, doc: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Twelve colours, then the same colours as squares: the 13th actor's markers are
    squares of the first actor's colour (its swatch in the actor list too)."""
    from timeline_app.core.model import Actor
    from timeline_app.core.palette import LIGHT_PALETTE
    from timeline_app.ui import timeline_painter
    from timeline_app.ui.actor_model import ActorModel

    actors = [Actor(f"a{i}", f"Actor {i}") for i in range(14)]
    events = [
        Event(f"e{i}", f"Event {i}", parse_iso(f"2024-01-{i + 1:02d}"), actors=(f"a{i}",))
        for i in range(14)
    ]
    view = make_view(size=(1200, 400), path=None)
    doc.load(Timeline("Fourteen", actors=actors, events=events), None)
    view.fit_all()
    drawn: Counter[str] = Counter()
    real = timeline_painter.marker

    def recording(shape: str, centre: QPointF, r: float) -> object:
        drawn[shape] += 1
        return real(shape, centre, r)

    monkeypatch.setattr(timeline_painter, "marker", recording)
    view.grab()
    assert drawn == {"circle": 12, "square": 2}
    assert doc.styles["a12"].light == LIGHT_PALETTE[0] and doc.styles["a12"].shape == "square"
    model = ActorModel(doc)
    icon = model.index(12, 0).data(Qt.ItemDataRole.DecorationRole).pixmap(12, 12).toImage()
    assert icon.pixelColor(6, 6).name().upper() == LIGHT_PALETTE[0]


@pytest.mark.parametrize("shape", ["circle", "square", "triangle", "diamond"])
def test_each_marker_shape_is_centred_and_about_the_same_size(shape: str) -> None:
    from timeline_app.ui.timeline_painter import marker

    box = marker(shape, QPointF(50, 20), 5.0).boundingRect()
    assert box.center().x() == pytest.approx(50, abs=0.5)
    assert abs(box.center().y() - 20) <= 1.5
    assert 8 <= box.width() <= 13 and 8 <= box.height() <= 13
