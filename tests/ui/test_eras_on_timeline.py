"""Eras in the window: the strip above the axis, hovering and clicking an era, its
tooltip, the overview, an era edited (and undone), and the SVG and PDF exports showing
eras and the arrows of links."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from timeline_app.core.change import Change
from timeline_app.core.dates import parse_iso
from timeline_app.core.model import Era
from timeline_app.ui.image_export import export_file
from timeline_app.ui.main_window import MainWindow
from timeline_app.ui.timeline_view import TimelineView

SVG = "{http://www.w3.org/2000/svg}"


def band_point(view: TimelineView, era_id: str) -> QPoint:
    band = next(b for b in view.scene().eras if b.era_id == era_id)
    x, y = band.rect.center()
    return QPointF(x, y).toPoint()


def test_clicking_an_era_zooms_to_it_and_tints_it_until_a_click_elsewhere(
    window: MainWindow, qtbot: QtBot
) -> None:
    view = window.timeline
    with qtbot.waitSignal(view.eraClicked) as clicked:
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=band_point(view, "korean-war"))
    assert clicked.args == ["korean-war"]
    ta, tb = view.time_range()
    start, end = parse_iso("1950-06-25").start, parse_iso("1953-07-27").end
    assert ta < start and tb > end  # the whole war in view
    scene = view.scene()
    band = next(b for b in scene.eras if b.era_id == "korean-war")
    assert band.rect.w > 0.8 * view.plot_width()  # across the plot, with a margin
    # at its real length, though no event falls in its first three years: no break in it
    assert not view.scale.breaks_between(view.scale.to_u(start), view.scale.to_u(end))
    assert scene.tint is not None and scene.tint.era_id == "korean-war"
    assert "korean-war-ends" in view.painted_event_ids()
    empty = QPointF(view.width() / 2, view.height() - 10).toPoint()
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=empty)
    assert view.scene().tint is None
    assert view.scale.breaks_between(view.scale.to_u(start), view.scale.to_u(end))  # empty again


def test_hovering_an_era_tints_it_and_leaving_lets_go(window: MainWindow, qtbot: QtBot) -> None:
    view = window.timeline
    qtbot.mouseMove(view, band_point(view, "cold-war"))
    qtbot.waitUntil(lambda: view.era_hovered == "cold-war")
    scene = view.scene()
    assert scene.tint is not None and scene.tint.era_id == "cold-war"
    assert view.cursor().shape() == Qt.CursorShape.PointingHandCursor
    qtbot.mouseMove(view, QPointF(view.width() / 2, view.height() - 10).toPoint())
    qtbot.waitUntil(lambda: view.era_hovered is None)
    assert view.scene().tint is None


def test_an_eras_tooltip_gives_its_name_dates_and_notes_as_text(window: MainWindow) -> None:
    doc, view = window.document, window.timeline
    eras = doc.timeline.eras
    odd = Era("odd", "<b>Cold</b> & War", parse_iso("1947"), parse_iso("1991-12"), notes="<i>x")
    doc.push(Change("Edit era", eras=(tuple(eras), (odd, *eras[1:]))))
    tip = view.tooltip_at(QPointF(band_point(view, "odd")))
    assert tip is not None
    assert "&lt;b&gt;Cold&lt;/b&gt; &amp; War" in tip and "&lt;i&gt;x" in tip
    assert "1947 – December 1991" in tip
    ongoing = view.tooltip_at(QPointF(band_point(view, "full-scale-war")))
    assert ongoing is not None and "from 24 February 2022, ongoing" in ongoing


def test_an_era_added_widens_fit_all_and_undo_takes_it_back(window: MainWindow) -> None:
    doc, view = window.document, window.timeline
    before = view.time_range()
    eras = tuple(doc.timeline.eras)
    early = Era("interwar", "Interwar period", parse_iso("1918-11-11"), parse_iso("1939-09-01"))
    doc.push(Change("Add era", eras=(eras, (*eras, early))))
    view.fit_all()
    assert view.time_range()[0] < parse_iso("1918-11-11").start
    assert "interwar" in [b.era_id for b in view.scene().eras]
    window.act_undo.trigger()
    view.fit_all()
    assert view.time_range() == before
    assert "interwar" not in [b.era_id for b in view.scene().eras]


def test_the_overview_shows_the_eras_along_its_top(window: MainWindow) -> None:
    strip = window.overview
    image = strip.grab().toImage()
    placed = {b.era_id: b for b in window.timeline.scene().eras}
    assert placed  # fit all: every era in view
    plain = QColor(image.pixel(2, 5))  # left of the data: no era there
    # the Cold War runs across most of the strip's left half, in its own colour
    lo, hi = strip._range_u()
    scale = window.timeline.state.scale
    x = strip._x(scale.to_u(parse_iso("1970").start), lo, hi)
    assert QColor(image.pixel(int(x), 5)) != plain
    without = replace(window.document.timeline, eras=[])
    window.document.load(without, window.document.path)
    assert QColor(strip.grab().toImage().pixel(int(x), 5)) != QColor(image.pixel(int(x), 5))


def svg_paths(path: Path) -> int:
    return sum(1 for _ in ET.parse(path).getroot().iter(f"{SVG}path"))


def test_svg_and_pdf_exports_show_the_eras_and_the_links(
    window: MainWindow, tmp_path: Path
) -> None:
    view = window.timeline
    svg, pdf = tmp_path / "view.svg", tmp_path / "view.pdf"
    export_file(view, svg, 1600)
    export_file(view, pdf, 1600)
    texts = {"".join(t.itertext()).strip() for t in ET.parse(svg).getroot().iter(f"{SVG}text")}
    assert {"Cold War", "Korean War"} <= texts
    page = " ".join(PdfReader(pdf).pages[0].extract_text().split())
    assert "Cold War" in page and "Korean War" in page
    # the links are drawn: the same export without them has fewer paths (the arrows)
    doc = window.document
    links = tuple(doc.timeline.links)
    doc.push(Change("Delete links", links=(links, ())))
    unlinked = tmp_path / "unlinked.svg"
    export_file(view, unlinked, 1600)
    assert svg_paths(svg) >= svg_paths(unlinked) + len(links)
