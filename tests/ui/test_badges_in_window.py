"""Support badges in the window (issue 17): beside each marker, explained by the legend
under the timeline and under every export, in each mark's tooltip, switched off and on
from the View menu and remembered."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QSettings
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot
from test_export_import import svg_texts

from timeline_app.core.change import Change
from timeline_app.core.event_edits import save_event_change
from timeline_app.core.evidence import Support
from timeline_app.core.filters import FilterState
from timeline_app.core.model import Quote, Source, replace
from timeline_app.core.scene import Mark
from timeline_app.ui.image_export import export_file
from timeline_app.ui.main_window import MainWindow

SINGLE = "choe-lavrov-meeting"  # the article alone reports it
CONTESTED = "us-estimates-north-korean-troops"
CORROBORATED = "korean-war-ends"


def mark(window: MainWindow, event_id: str) -> Mark:
    window.timeline.set_time_range(*window.timeline.time_range())  # a fresh scene
    found = [m for m in window.timeline.scene().marks if m.event_id == event_id]
    assert found, f"{event_id} is not drawn on its own"
    return found[0]


def darkness_at(image: QImage, x: float, y: float) -> int:
    """How dark the pixel at (x, y) is: 0 the light background, 255 black."""
    return 255 - QColor(image.pixel(round(x), round(y))).lightness()


def supports_in_legend(window: MainWindow, qtbot: QtBot) -> list[str]:
    return [e.label for e in window.legend.entries if e.kind == "support"]


def test_a_second_sources_quote_turns_the_badge_corroborated_and_undo_turns_it_back(
    window: MainWindow, qtbot: QtBot
) -> None:
    doc = window.document
    assert mark(window, SINGLE).support is Support.SINGLE
    source = Source("tass", "Lavrov meets Choe", publication="TASS", reliability="C")
    before = tuple(doc.timeline.sources)
    text = "Lavrov met Choe Son Hui in Moscow on Friday."
    doc.push(
        Change("Add source", sources=(before, (*before, source)), texts={"tass": (None, text)})
    )
    event = doc.store.event(SINGLE)
    assert event is not None
    quoted = replace(event, quotes=(*event.quotes, Quote("tass", "Lavrov met Choe Son Hui")))
    doc.push(save_event_change(doc.timeline, quoted, event))
    assert mark(window, SINGLE).support is Support.CORROBORATED
    doc.undo_stack.undo()
    assert mark(window, SINGLE).support is Support.SINGLE


def test_each_badge_is_painted_beside_its_marker(window: MainWindow) -> None:
    """A light chip with a dark glyph, one glyph per support: told apart at a glance."""
    from timeline_app.core.scene import BADGE_R

    image = window.timeline.grab().toImage()
    ratio = image.devicePixelRatio()
    marks = [mark(window, i) for i in (CORROBORATED, SINGLE, CONTESTED)]
    assert [m.support for m in marks] == [Support.CORROBORATED, Support.SINGLE, Support.CONTESTED]
    glyphs = []
    for m in marks:
        bx, by = m.badge
        half = round(BADGE_R * 1.3 * ratio)
        cx, cy = round(bx * ratio), round(by * ratio)
        chip = image.copy(cx - half, cy - half, 2 * half + 1, 2 * half + 1)
        dark = [darkness_at(chip, x, y) for y in range(chip.height()) for x in range(chip.width())]
        assert max(dark) > 120, m.event_id  # a glyph drawn in the text's colour
        assert sum(3 < d < 60 for d in dark) > len(dark) / 3  # the chip, lightly tinted
        glyphs.append([d > 90 for d in dark])
    assert len({tuple(g) for g in glyphs}) == 3  # three different glyphs


def test_the_tooltip_of_a_mark_says_its_support(window: MainWindow) -> None:
    m = mark(window, CONTESTED)
    text = window.timeline.tooltip_at(QPointF(*m.hit.center()))
    assert text is not None and "Contested: a source contradicts it" in text
    m = mark(window, CORROBORATED)
    text = window.timeline.tooltip_at(QPointF(*m.hit.center()))
    assert text is not None and "Corroborated by independent sources" in text


KEY = ["corroborated", "single source", "contested", "no source"]


def test_the_window_legend_keys_looks_and_badges_whatever_is_shown(
    window: MainWindow, qtbot: QtBot
) -> None:
    """A key of what no list beside the timeline explains (the actor list shows each
    actor's colour and shape): the same after a filter, so it never jumps."""
    legend = window.legend
    assert legend.isVisible()
    labels = [e.label for e in legend.entries]
    links = ["Links:", "a source states it", "analyst's inference"]  # the file has links
    assert labels == ["alleged / disputed / denied", "Support:", *KEY, *links]
    window.document.set_filter(FilterState(text="Choe Son Hui"))
    assert [e.label for e in legend.entries] == labels
    assert supports_in_legend(window, qtbot) == KEY


def test_a_legend_entry_explains_itself_in_its_tooltip(window: MainWindow, qtbot: QtBot) -> None:
    from timeline_app.ui.legend_bar import PAD, entry_words

    legend = window.legend
    supports_in_legend(window, qtbot)
    found = {}
    for n, line in enumerate(legend._lines):
        for x, entry in line:
            y = PAD / 2 + legend._line_h() * (n + 0.5)
            hit = legend.entry_at(QPointF(PAD + x + 3, y))
            assert hit == entry
            found[entry.label] = entry_words(entry)
    assert found["contested"] == "Badge: contested: a source contradicts it"
    assert found["alleged / disputed / denied"] == "Hollow or dashed: alleged / disputed / denied"


def test_badges_and_legend_switch_off_from_the_view_menu_and_stay_off(
    window: MainWindow, make_window: object, dataset_copy: Path, qtbot: QtBot,
    settings: QSettings,
) -> None:  # fmt: skip
    window.action("actionSupportBadges").setChecked(False)
    assert all(m.support is None for m in window.timeline.scene().marks)
    assert supports_in_legend(window, qtbot) == []
    window.action("actionShowLegend").setChecked(False)
    assert not window.legend.isVisible()
    window.action("actionCompress").setChecked(False)  # (a toggle on by default, as these)
    window.close()
    again: MainWindow = make_window(dataset_copy)  # type: ignore[operator]
    assert not again.action("actionSupportBadges").isChecked()
    assert not again.action("actionShowLegend").isChecked()
    assert not again.legend.isVisible()
    assert all(m.support is None for m in again.timeline.scene().marks)
    assert not again.action("actionCompress").isChecked() and not again.timeline.compress
    again.action("actionSupportBadges").setChecked(True)
    again.action("actionShowLegend").setChecked(True)
    assert again.legend.isVisible()
    assert supports_in_legend(again, qtbot) == KEY


def test_an_svg_export_carries_the_badges_legend(window: MainWindow, tmp_path: Path) -> None:
    out = tmp_path / "view.svg"
    export_file(window.timeline, out, 1600)
    texts = [text for _, _, text in svg_texts(out)]
    for words in ("Support:", *KEY):
        assert words in texts
    window.action("actionSupportBadges").setChecked(False)
    export_file(window.timeline, out, 1600)
    assert "Support:" not in [text for _, _, text in svg_texts(out)]
