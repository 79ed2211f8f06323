"""Exports of the bundled dataset read back, imports through the window, headless export."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from paths import DATASET, TIMELINEJS_SAMPLES
from pypdf import PdfReader
from PySide6.QtGui import QImage
from scripted_prompts import ScriptedPrompts

from timeline_app.core.change import Change
from timeline_app.core.fileformat import load_timeline
from timeline_app.core.model import Event
from timeline_app.core.scene import label_text
from timeline_app.ui.image_export import export_file, image_height
from timeline_app.ui.main_window import MainWindow

SVG = "{http://www.w3.org/2000/svg}"


def titles(window: MainWindow) -> list[str]:
    return [e.title for e in window.document.timeline.events]


def test_png_at_1x_2x_and_a_chosen_width(window: MainWindow, tmp_path: Path) -> None:
    """As tall as what it shows (title, axis, the rows used, legend, footer), never under
    240 px; twice the pixels at 2×."""
    view = window.timeline
    for width, scale in ((800, 1.0), (800, 2.0), (1920, 1.0)):
        out = tmp_path / f"v{width}x{scale}.png"
        export_file(view, out, width, scale)
        image = QImage(str(out))
        height = image_height(view, width)
        assert image.width() == width * scale and image.height() == round(height * scale)
        assert height >= 240
        if width >= 1600:  # 15 events in a few rows: not half as tall as wide (two-thirds
            assert height < width * 0.35  # of that were empty)


def svg_texts(path: Path) -> list[tuple[float, float, str]]:
    """(x, y, text) of every text of an SVG written by Qt (its groups carry transforms:
    the order of the texts is the order they were drawn in)."""
    out = []
    for t in ET.parse(path).getroot().iter(f"{SVG}text"):
        out.append((float(t.get("x", 0)), float(t.get("y", 0)), "".join(t.itertext()).strip()))
    return out


def test_svg_is_vector_with_every_title_as_text(window: MainWindow, tmp_path: Path) -> None:
    out = tmp_path / "view.svg"
    export_file(window.timeline, out, 1600)
    root = ET.parse(out).getroot()
    assert root.get("viewBox") == f"0 0 1600 {image_height(window.timeline, 1600)}"
    texts = {text for _, _, text in svg_texts(out)}
    missing = [t for t in titles(window) if not any(t in x for x in texts)]
    assert not missing


@pytest.mark.parametrize("width", [1600, 1280, 800])
def test_svg_exports_name_each_year_once_in_order_with_a_legend(
    window: MainWindow, tmp_path: Path, width: int
) -> None:
    """Issue 15: the bundled dataset's SVG at 1600, 1280 and 800 px names each year once
    and in order; at 1600 px every event title is whole, and the legend names the actors
    shown and the look of an alleged event."""
    window.timeline.fit_all()
    out = tmp_path / f"{width}.svg"
    export_file(window.timeline, out, width)
    texts = [text for _, _, text in svg_texts(out)]
    years = [int(t) for t in texts if t.isdigit() and len(t) == 4]
    assert years and years == sorted(set(years)), years
    if width == 1600:
        for event in window.document.timeline.events:
            assert label_text(event) in texts, event.title
        shown = {e.actors[0] for e in window.document.timeline.events if e.actors}
        for actor in window.document.timeline.actors:
            assert (actor.name in texts) == (actor.id in shown), actor.name
        assert "alleged" in texts


def test_the_pdf_has_no_text_under_8_points(window: MainWindow, tmp_path: Path) -> None:
    """Every text on the page, axis labels and pills included, is 8 pt or more (it was
    about 5 pt: the view laid out 1600 px wide and shrunk to the page)."""
    import math

    out = tmp_path / "page.pdf"
    export_file(window.timeline, out, 1600)
    sizes: list[tuple[float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        if text.strip():  # the font size times the vertical scale of the text's matrices
            c, d = tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3]
            sizes.append((size * math.hypot(c, d), text.strip()))

    PdfReader(out).pages[0].extract_text(visitor_text=visit)
    assert len(sizes) > 20
    assert min(size for size, _ in sizes) >= 8.0 - 1e-6, min(sizes)


def test_an_export_of_nothing_says_why_in_large_type(window: MainWindow, tmp_path: Path) -> None:
    """A filter that matches nothing: the picture says so (a Qt warning fails the test)."""
    from timeline_app.core.filters import FilterState

    window.document.set_filter(FilterState(text="no such words anywhere"))
    out = tmp_path / "nothing.svg"
    export_file(window.timeline, out, 1600)
    root = ET.parse(out).getroot()
    texts = {
        "".join(t.itertext()).strip(): float(t.get("font-size", 0)) for t in root.iter(f"{SVG}text")
    }
    message = next(size for text, size in texts.items() if text.startswith("No events match"))
    assert message > texts["1980s"]  # larger than the axis labels


def test_pdf_page_has_title_every_event_filters_and_attribution(
    window: MainWindow, tmp_path: Path
) -> None:
    window.filters.show_only("north-korea")
    window.timeline.fit_all()
    out = tmp_path / "view.pdf"
    export_file(window.timeline, out, 1600)
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    page = reader.pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)  # landscape A4
    text = " ".join(page.extract_text().split())
    assert window.document.timeline.title in text
    shown = [
        window.document.store.event_at(p).title for p in window.document.store.visible.positions
    ]
    for title in shown:
        assert " ".join(title.split()) in text, title
    assert "Filtered: North Korea" in text
    assert "Dr Samuel Ramani" in text


def test_export_menu_action_writes_the_chosen_format(
    prompts: ScriptedPrompts, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "shot.png"
    monkeypatch.setattr(prompts, "save_path", lambda *a, **k: str(out))
    monkeypatch.setattr(prompts, "choice", lambda *a, **k: "Double resolution (2×)")
    window.action("actionExportView").trigger()
    assert QImage(str(out)).width() == 2 * window.timeline.width()


def test_csv_round_trip_through_the_window(
    prompts: ScriptedPrompts,
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    make_window: object,
) -> None:
    out = tmp_path / "events.csv"
    monkeypatch.setattr(prompts, "save_path", lambda *a, **k: str(out))
    window.action("actionExportCsv").trigger()
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    said = window.statusBar().currentMessage()
    assert (
        said == "Exported 15 events to events.csv; not in the CSV spreadsheet: 5 links and 3 eras"
    )
    before = {e.id: e for e in window.document.timeline.events}
    monkeypatch.setattr(prompts, "text", lambda *a, **k: "Imported")
    window.action("actionNew").trigger()
    sources = tuple(load_timeline(DATASET).sources)  # the sources the quotes cite
    window.document.push(Change("Add the article", sources=((), sources)))
    confirmations: list[str] = []
    monkeypatch.setattr(
        prompts, "confirm", lambda p, t, text, a="OK", **k: confirmations.append(text) or True
    )
    assert window.interop.import_csv_file(out)
    assert len(confirmations) == 1  # one confirmation for all the new actors
    after = {e.id: e for e in window.document.timeline.events}
    assert after.keys() == before.keys()

    def held(event: Event) -> list[tuple[str, str]]:
        """Its quotes as a CSV holds them: source and text (not stance, credibility or note,
        which the csv_io module says a CSV cannot hold)."""
        return [(q.source, q.text) for q in event.quotes]

    for event_id, event in before.items():
        got = after[event_id]
        assert (got.title, got.start, got.end, got.status, got.date_basis, got.tags, got.summary,
                got.notes, held(got)) == (event.title, event.start, event.end, event.status,
                event.date_basis, event.tags, event.summary, event.notes, held(event))  # fmt: skip
    window.document.undo_stack.undo()  # the whole import is one step
    assert window.document.timeline.events == []


def test_a_csv_with_a_broken_row_imports_nothing(
    prompts: ScriptedPrompts, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("title,start\nFine,2020\nBroken,2016-13\n", encoding="utf-8")
    shown: list[str] = []
    monkeypatch.setattr(prompts, "show_problems", lambda p, t, text, d="": shown.append(text))
    n = len(window.document.timeline.events)
    assert not window.interop.import_csv_file(bad)
    assert "row 3: start: '2016-13' is not a date" in shown[0]
    assert len(window.document.timeline.events) == n
    assert not window.document.modified


def test_timelinejs_export_and_import_through_the_window(
    prompts: ScriptedPrompts, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "tjs.json"
    monkeypatch.setattr(prompts, "save_path", lambda *a, **k: str(out))
    window.action("actionExportTimelineJS").trigger()
    before = [
        (e.title, e.start) for e in sorted(window.document.timeline.events, key=lambda e: e.id)
    ]
    notes: list[str] = []
    monkeypatch.setattr(prompts, "show_problems", lambda p, t, text, d="": notes.append(text))
    assert window.interop.import_tjs_file(out)
    after = [
        (e.title, e.start) for e in sorted(window.document.timeline.events, key=lambda e: e.id)
    ]
    assert after == before
    assert window.document.path is None and window.document.modified


@pytest.mark.parametrize("name", sorted(p.name for p in TIMELINEJS_SAMPLES.glob("*.json")))
def test_real_timelinejs_files_import_or_are_refused_clearly(
    prompts: ScriptedPrompts, window: MainWindow, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = TIMELINEJS_SAMPLES
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(prompts, "show_problems", lambda p, t, text, d="": shown.append((t, text)))
    ok = window.interop.import_tjs_file(folder / name)
    if ok:
        assert window.document.timeline.events
        window.timeline.repaint()
    else:
        assert shown and shown[0][0] == "Not imported" and "could not be imported" in shown[0][1]


def test_opening_an_exported_timelinejs_file_imports_every_event_unasked(
    prompts: ScriptedPrompts, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "tjs.json"
    monkeypatch.setattr(prompts, "save_path", lambda *a, **k: str(out))
    window.action("actionExportTimelineJS").trigger()
    exported = len(window.document.timeline.events)
    assert exported == len(load_timeline(DATASET).events)  # every event was exported
    assert window.open_path(out)  # no question (see test_open_timelinejs.py)
    assert len(window.document.timeline.events) == exported and window.document.path is None


def test_csv_exported_edited_and_imported_again_updates_the_events(
    prompts: ScriptedPrompts, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "events.csv"
    monkeypatch.setattr(prompts, "save_path", lambda *a, **k: str(out))
    window.action("actionExportCsv").trigger()
    text = out.read_text(encoding="utf-8-sig").replace("Korean War ends", "Korean War armistice")
    out.write_text(text, encoding="utf-8-sig")
    asked: list[str] = []
    monkeypatch.setattr(prompts, "confirm", lambda p, t, m, a="OK", **k: asked.append(m) or True)
    before = len(window.document.timeline.events)
    assert window.interop.import_csv_file(out)
    assert f"{before} rows" in asked[0] and "adds 0 new events" in asked[0]
    assert len(window.document.timeline.events) == before
    assert window.document.timeline.event("korean-war-ends").title == "Korean War armistice"  # type: ignore[union-attr]
    window.document.undo_stack.undo()
    assert window.document.timeline.event("korean-war-ends").title == "Korean War ends"  # type: ignore[union-attr]


@pytest.mark.parametrize("into", ["This timeline", "A new timeline"])
def test_timelinejs_import_asks_where_like_csv_import(
    prompts: ScriptedPrompts,
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    into: str,
) -> None:
    out = tmp_path / "mine.timelinejs.json"
    monkeypatch.setattr(prompts, "save_path", lambda *a, **k: str(out))
    window.action("actionExportTimelineJS").trigger()
    doc = window.document
    before = len(doc.timeline.events)
    asked: list[tuple[str, list[str]]] = []

    def choice(parent: object, title: str, label: str, options: list[str], *a: object) -> str:
        asked.append((title, options))
        return into

    monkeypatch.setattr(prompts, "choice", choice)
    monkeypatch.setattr(prompts, "open_path", lambda *a, **k: str(out))
    monkeypatch.setattr(prompts, "show_problems", lambda *a, **k: None)  # notes, if any
    window.action("actionImportTimelineJS").trigger()
    assert asked == [("Import from TimelineJS", ["This timeline", "A new timeline"])]
    if into == "This timeline":
        assert len(doc.timeline.events) == 2 * before  # added beside, with ids of their own
        assert len({e.id for e in doc.timeline.events}) == 2 * before
        assert doc.undo_stack.count() == 1  # one step
        doc.undo_stack.undo()
        assert len(doc.timeline.events) == before
    else:
        assert len(doc.timeline.events) == before and doc.path is None


def test_the_evidence_report_of_the_shown_events_from_the_file_menu(
    prompts: ScriptedPrompts, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    out = tmp_path / "evidence"  # no suffix: the page the dialog proposes
    monkeypatch.setattr(prompts, "save_path", lambda *a, **k: str(out))
    window.filters.show_only("ukraine")
    window.action("actionEvidenceReport").trigger()
    page = out.with_suffix(".html").read_text(encoding="utf-8")
    assert "Content-Security-Policy" in page and "Ukraine launches offensive" in page
    assert "Choe Son Hui" not in page  # hidden by the filter: not in the report
    out = tmp_path / "evidence.json"
    window.action("actionEvidenceReport").trigger()
    report = json.loads(out.read_text(encoding="utf-8"))
    # the article alone, or with the UK and US statements (or the Pentagon) beside it
    assert {e["id"]: e["support"] for e in report["events"]} == {
        "russia-invades-ukraine": "corroborated",
        "ukraine-mobilisation-law": "single",
        "ukraine-kursk-offensive": "single",
        "ukraine-plans-160000-draft": "single",
        "north-korean-troops-move-into-kursk": "corroborated",
    }
    assert len(report["events"]) == len(window.document.store.visible)


def test_a_footer_of_five_credits_wraps_and_is_wholly_on_the_image(window: MainWindow) -> None:
    """The five sources' credits wrap to several lines: the footer is as tall as they are
    (it was sized by its line breaks, and the credits ran under the legend)."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QFont, QFontMetricsF

    from timeline_app.ui.image_export import _Frame

    frame = _Frame(window.timeline, 1000, None)
    font = QFont()
    font.setPointSizeF(8)
    metrics = QFontMetricsF(font)
    flags = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
    needed = metrics.boundingRect(QRectF(0, 0, 1000 - 16, 1e6), flags, frame.footer).height()
    assert needed >= 3 * metrics.height()  # it does wrap
    assert frame.footer_h >= needed
