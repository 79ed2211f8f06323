from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from scripted_prompts import ScriptedPrompts
from uihelpers import event_point

from timeline_app.core.dates import parse_iso
from timeline_app.ui.main_window import MainWindow
from timeline_app.ui.roles import IdRole


def wheel(view: object, x: float, y: float, steps: int) -> None:
    pos = QPointF(x, y)
    event = QWheelEvent(
        pos, view.mapToGlobal(pos), QPoint(), QPoint(0, 120 * steps),  # type: ignore[attr-defined]
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
        False,
    )  # fmt: skip
    QApplication.sendEvent(view, event)  # type: ignore[arg-type]


def list_ids(window: MainWindow) -> list[str]:
    model = window.table_model
    return [model.index(r, 0).data(IdRole) for r in range(model.rowCount())]


def test_opens_with_every_event_in_list_timeline_and_status(window: MainWindow) -> None:
    ids = [e.id for e in window.document.timeline.events]
    assert sorted(list_ids(window)) == sorted(ids)
    assert sorted(window.timeline.painted_event_ids()) == sorted(ids)  # fit-all shows all
    assert window.status_label.text() == f"{len(ids)} events · 1953 – 2024"
    assert window.windowTitle().startswith("north-korean-troops.json")


@pytest.mark.parametrize("x_fraction", [0.2, 0.5, 0.83])
def test_wheel_zoom_keeps_the_date_under_the_cursor(window: MainWindow, x_fraction: float) -> None:
    view = window.timeline
    x = view.gutter + view.plot_width() * x_fraction
    t = view.t_at(x)
    for steps in (3, 2, -1, 4):
        span = view.view.span
        wheel(view, x, 200, steps)
        assert abs(view.x_of_t(t) - x) < 1.0
        assert (view.view.span < span) == (steps > 0)


def test_zoom_stops_at_a_day_and_a_little_beyond_the_data(window: MainWindow) -> None:
    view = window.timeline
    for _ in range(80):
        view.zoom_by(2.0)
    one_day = view.x_of_t(739191 + 1) - view.x_of_t(739191)
    assert one_day > view.plot_width() * 0.3  # a single day spans a good part of the width
    for _ in range(80):
        view.zoom_by(0.5)
    first, last = view.document.store.index.extent()  # type: ignore[misc]
    assert view.x_of_t(first) >= view.gutter and view.x_of_t(last) <= view.width()
    assert view.x_of_t(first) - view.gutter < view.plot_width() * 0.2


def test_keyboard_zoom_pan_and_fit(window: MainWindow, qtbot: QtBot) -> None:
    view = window.timeline
    view.setFocus()
    span = view.view.span
    window.action("actionZoomIn").trigger()
    assert view.view.span < span
    u0 = view.view.u0
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.view.u0 > u0
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert view.view.span == pytest.approx(span)


def test_a_coarse_date_is_a_band_over_its_whole_interval(window: MainWindow) -> None:
    view = window.timeline
    decade = next(e for e in window.document.timeline.events if e.start.iso() == "1980s")
    view.repaint()
    rect = next(h.rect for h in view.hits() if h.event_id == decade.id)
    assert rect.left() == pytest.approx(view.x_of_t(parse_iso("1980s").start), abs=1)
    assert rect.right() >= view.x_of_t(parse_iso("1989").end) - 1


def test_labels_never_overlap_at_any_zoom(window: MainWindow) -> None:
    view = window.timeline
    for size in ((1280, 800), (800, 600), (600, 300)):
        window.resize(*size)
        for _ in range(6):
            view.repaint()
            rects = view.label_rects()
            for r in rects:  # never cut at the edges
                assert r.left() >= view.gutter - 0.5 and r.right() <= view.width() + 0.5, r
            for i, a in enumerate(rects):
                for b in rects[i + 1 :]:
                    assert not a.intersects(b), (a, b)
            view.zoom_by(1.6, view.x_of_t(parse_iso("2024-10-28").start))


def test_clusters_appear_when_rows_run_out_and_zoom_on_click(
    window: MainWindow, qtbot: QtBot
) -> None:
    view = window.timeline
    window.splitter.setSizes([150, 600])
    window.resize(700, 500)
    view.fit_all()
    view.repaint()
    clusters = [h for h in view.hits() if h.cluster_ids]
    assert clusters, "a crowded timeline merges what does not fit into clusters"
    drawn_alone = {h.event_id for h in view.hits() if h.event_id}
    for cluster in clusters:
        assert not drawn_alone & set(cluster.cluster_ids)
    cluster = min(clusters, key=lambda c: len(c.cluster_ids))
    span = view.view.span
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=cluster.rect.center().toPoint())
    assert view.view.span < span  # a click on a cluster always zooms in
    view.repaint()
    members = set(cluster.cluster_ids)
    # fitted to its events (all shown now), or, for events far apart, zoomed in twofold
    assert members <= set(view.painted_event_ids()) or view.view.span == pytest.approx(span / 2)


def test_compress_empty_time_gives_the_2024_cluster_room(window: MainWindow) -> None:
    view = window.timeline
    start, end = parse_iso("2024-10").start, parse_iso("2024-11").end
    compressed = view.x_of_t(end) - view.x_of_t(start)
    window.action("actionCompress").setChecked(False)
    view.fit_all()
    linear = view.x_of_t(end) - view.x_of_t(start)
    assert linear < 0.03 * view.plot_width()
    assert compressed > 5 * linear
    window.action("actionCompress").setChecked(True)
    view.fit_all()
    breaks = view.scale.breaks
    assert breaks, "long empty stretches become breaks"
    view.zoom_by(2.0, view.x_of_t(parse_iso("2016").start))
    assert view.scale.breaks == breaks  # breaks come from the data, not the view


def test_lanes_show_each_actor_with_its_events(window: MainWindow) -> None:
    window.action("actionGroupByActor").setChecked(True)
    view = window.timeline
    view.fit_all()
    view.repaint()
    deploy = window.document.timeline.event("choe-lavrov-meeting")
    assert deploy is not None and len(deploy.actors) >= 2
    hits = [h for h in view.hits() if h.event_id == deploy.id or deploy.id in h.cluster_ids]
    assert len(hits) >= 2  # one per lane of its actors (some may be scrolled out)


def test_selection_syncs_timeline_list_and_detail_pane(window: MainWindow, qtbot: QtBot) -> None:
    view = window.timeline
    target = "korean-war-ends"
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=event_point(view, target))
    assert window.document.current_id == target
    row = window.event_list.selectionModel().currentIndex().row()
    assert window.table_model.event_at(row).id == target
    assert "Korean War ends" in window.detail.toPlainText()
    other = window.table_model.index(5, 1)
    window.event_list.setCurrentIndex(other)
    chosen = other.data(IdRole)
    assert window.document.current_id == chosen
    title = window.document.timeline.event(chosen).title  # type: ignore[union-attr]
    assert title in window.detail.toPlainText()


def test_alt_arrows_step_through_events_in_time(window: MainWindow) -> None:
    order = [window.document.store.event_at(p).id for p in window.document.store.visible.positions]
    window.action("actionNextEvent").trigger()
    assert window.document.current_id == order[0]
    window.action("actionNextEvent").trigger()
    window.action("actionNextEvent").trigger()
    assert window.document.current_id == order[2]
    window.action("actionPreviousEvent").trigger()
    assert window.document.current_id == order[1]


def test_detail_pane_quotes_the_article_with_attribution(window: MainWindow) -> None:
    timeline = window.document.timeline
    cited: set[str] = set()
    for event in timeline.events:
        window.document.set_current(event.id)
        text = " ".join(window.detail.toPlainText().split())
        assert event.title in text
        for quote in event.quotes:
            source = timeline.source(quote.source)
            assert source is not None and source.author and source.title
            assert f"{source.author}, " in text and f"“{source.title}”" in text, source.id
            assert " ".join(quote.text.split()) in text
            cited.add(source.id)
        assert "not found" not in text
    assert cited == {s.id for s in timeline.sources}  # the article and every other source


def test_show_in_article_highlights_the_quote(window: MainWindow) -> None:
    event = window.document.timeline.event("choe-lavrov-meeting")
    assert event is not None
    window.document.set_current(event.id)
    window.detail.anchorClicked.emit(QUrl("quote:0"))
    assert window.article.highlighted_text() == event.quotes[0].text
    assert window.article_dock.isVisible()


def test_the_article_forgets_the_highlight_of_an_event_undone_away(window: MainWindow) -> None:
    doc = window.document
    doc.set_current("choe-lavrov-meeting")
    window.edit.duplicate_event()
    copy = doc.current_id
    assert copy is not None and copy != "choe-lavrov-meeting"
    window.show_quote(copy, 0)
    assert window.article.highlighted_text()
    doc.undo_stack.undo()  # the copy is gone
    assert doc.store.event(copy) is None
    assert window.article.highlighted_text() == ""
    assert window.article.heading.text() == "No article shown."


def test_date_in_words_with_precision_and_basis(window: MainWindow) -> None:
    window.document.set_current("fifth-brigade-zimbabwe")
    assert "In the 1980s" in window.detail.toPlainText()
    window.document.set_current("choe-lavrov-meeting")
    text = window.detail.toPlainText()
    assert "On Friday 1 November 2024" in text and "established elsewhere" in text
    window.document.set_current("aleppo-north-korean-aid")
    assert "ALLEGED" in window.detail.toPlainText()


def test_markup_in_data_is_shown_as_text(make_window: object, dataset_copy: Path) -> None:
    data = json.loads(dataset_copy.read_text(encoding="utf-8"))
    evil = '<img src=x onerror=alert(1)><script>alert(1)</script><a href="file:///etc/passwd">x</a>'
    data["events"][0]["title"] = evil
    data["events"][0]["summary"] = "<b>bold?</b>"
    data["actors"][0]["name"] = "<i>North</i> Korea"
    dataset_copy.write_text(json.dumps(data), encoding="utf-8")
    window = make_window(dataset_copy)  # type: ignore[operator]
    window.document.set_current(data["events"][0]["id"])
    text = window.detail.toPlainText().replace("\u200b", "")  # long runs may wrap there
    assert evil in text and "<b>bold?</b>" in text
    html = window.detail.toHtml()
    assert "<img" not in html and "<script" not in html
    assert 'href="file:' not in html
    assert "&lt;i&gt;North&lt;/i&gt; Korea" in html  # the actor chip, escaped


def test_a_broken_file_shows_every_problem_and_keeps_the_old_data(
    prompts: ScriptedPrompts, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        prompts,
        "show_problems",
        lambda parent, title, text, details="": shown.append((text, details)),
    )
    broken = tmp_path / "broken.json"
    data = json.loads(window.document.path.read_text(encoding="utf-8"))  # type: ignore[union-attr]
    data["events"][2]["start"] = "2016-13"
    data["events"][4]["actors"] = ["nobody"]
    broken.write_text(json.dumps(data), encoding="utf-8")
    before = window.document.timeline
    assert not window.open_path(broken)
    ((text, details),) = shown
    assert "2 problems" in text
    assert f"events[2] ({data['events'][2]['id']}).start: '2016-13' is not a date" in details
    assert "unknown actor id 'nobody'" in details
    assert window.document.timeline is before
    assert len(list_ids(window)) == len(before.events)


def test_event_model_passes_the_model_tester(window: MainWindow, qtmodeltester: object) -> None:
    qtmodeltester.check(window.table_model)  # type: ignore[attr-defined]
    qtmodeltester.check(window.filters.model)  # type: ignore[attr-defined]


def test_list_sorts_by_column_without_a_proxy(window: MainWindow) -> None:
    window.event_list.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    titles = [window.table_model.index(r, 1).data() for r in range(window.table_model.rowCount())]
    assert titles == sorted(titles, key=str.casefold)
    window.event_list.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    first = window.table_model.event_at(0)
    assert first.id == "north-korean-troops-move-into-kursk"  # 18 November 2024, the last


def test_settings_persist_view_toggles_and_recent_files(
    make_window: object, dataset_copy: Path
) -> None:
    first = make_window(dataset_copy)  # type: ignore[operator]
    first.action("actionGroupByActor").setChecked(True)
    first.action("actionCompress").setChecked(False)
    first.close()
    second = make_window()  # type: ignore[operator]
    assert (
        second.action("actionGroupByActor").isChecked()
        and not second.action("actionCompress").isChecked()
    )
    assert second.settings.recent_files()[0] == str(dataset_copy.resolve())
    assert second.recent_menu.actions()[0].text().endswith(dataset_copy.name)


def test_follows_a_dark_color_scheme(window: MainWindow) -> None:
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    from timeline_app.ui.theme import dark_palette, is_dark

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    light = app.palette()
    try:
        app.setPalette(dark_palette())
        window.document.set_current("choe-lavrov-meeting")
        QApplication.processEvents()
        image = window.timeline.grab().toImage()
        assert image.pixelColor(image.width() // 2, image.height() - 5).lightness() < 80
        html = window.detail.toHtml()
        text = window.detail.palette().color(QPalette.ColorRole.Text).name()
        assert is_dark(window.palette()) and f"color:{text}" in html.replace(" ", "")
    finally:
        app.setPalette(light)


def test_hover_shows_title_and_date_in_a_tooltip(window: MainWindow) -> None:
    from uihelpers import event_point

    view = window.timeline
    tip = view.tooltip_at(QPointF(event_point(view, "fifth-brigade-zimbabwe")))
    assert tip is not None
    assert "North Korean-trained Fifth Brigade" in tip and "the 1980s" in tip
    assert view.tooltip_at(QPointF(view.width() - 3, view.height() - 3)) is None


def test_dragging_the_overview_window_moves_the_timeline(window: MainWindow, qtbot: QtBot) -> None:
    view, strip = window.timeline, window.overview
    view.zoom_by(8.0)
    rect = strip.window_rect()
    u0 = view.view.u0
    start = rect.center().toPoint()
    qtbot.mousePress(strip, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(strip, start - QPoint(120, 0))
    qtbot.mouseRelease(strip, Qt.MouseButton.LeftButton, pos=start - QPoint(120, 0))
    assert view.view.u0 < u0
    assert strip.window_rect().center().x() == pytest.approx(rect.center().x() - 120, abs=3)


def test_about_names_version_and_licence(
    prompts: ScriptedPrompts, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from timeline_app import LICENSE, __version__

    shown: list[str] = []
    monkeypatch.setattr(prompts, "about", lambda parent, title, text: shown.append(text))
    window.action("actionAbout").trigger()
    assert __version__ in shown[0] and LICENSE in shown[0]


def test_a_quote_not_in_the_article_is_flagged_with_the_closest_passage(
    make_window: object, dataset_copy: Path
) -> None:
    data = json.loads(dataset_copy.read_text(encoding="utf-8"))
    event = next(e for e in data["events"] if e["id"] == "fifth-brigade-zimbabwe")
    (quote,) = event["quotes"]  # its one quote, from the article
    assert quote["source"] == "ramani-north-korean-troops"
    quote["text"] = "North Korean troops are fighting in Europe"
    dataset_copy.write_text(json.dumps(data), encoding="utf-8")
    window = make_window(dataset_copy)  # type: ignore[operator]
    window.document.set_current(event["id"])
    text = window.detail.toPlainText()
    assert "Not verified: not found in" in text
    assert "Closest passage in the source" in text and "fighting on European" in text
    assert "Show in article" not in text


def test_help_lists_shortcuts_and_date_forms(
    prompts: ScriptedPrompts, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(prompts, "about", lambda parent, title, text: shown.append(text))
    window.action("actionHelp").trigger()
    assert "Add Event" in shown[0] and "Ctrl+N" in shown[0]
    assert "Fit All" in shown[0] and "Home" in shown[0]
    assert "the 1980s" in shown[0] and "02/03/2024" in shown[0]


def test_the_article_beside_the_details_follows_the_selection(window: MainWindow) -> None:
    assert window.article_dock.isVisible()
    event = window.document.timeline.event("aleppo-north-korean-aid")
    assert event is not None
    window.document.set_current(event.id)
    assert window.article.highlighted_text() == event.quotes[0].text


def test_a_year_is_named_once_across_the_breaks_inside_it(window: object) -> None:
    """The bundled 2024 is three islands between breaks: the axis names 2024 once, and
    a wide island after a break reads with its month ("Sep 2024"), not "2024" again."""
    import re

    from timeline_app.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    view = window.timeline
    view.fit_range(parse_iso("2024-04").start, parse_iso("2024-11-01").end)
    labels = [t.text for t in view.scene().axis_labels]
    years = [label for label in labels if re.fullmatch(r"\d{4}", label)]
    assert years == sorted(set(years)) and "2024" in years, labels
