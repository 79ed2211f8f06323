"""Links in the window (issue 18, first step): the detail pane lists the selected event's
links read from its end, with who says so, and selects the other event on a click; Alt+L
and Alt+Shift+L follow them; deleting an end deletes its links in the same undo step."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from timeline_app.ui.main_window import MainWindow

ENTER = "north-korean-troops-enter-russia"
WEST = "north-korean-soldiers-arrive-western-russia"
KURSK = "north-korean-troops-move-into-kursk"


def pane_text(window: MainWindow) -> str:
    return " ".join(window.detail.toPlainText().split())


def test_the_detail_pane_reads_each_link_from_the_selected_event(window: MainWindow) -> None:
    window.document.set_current(WEST)
    shown = pane_text(window)
    links = shown.split("Links ", 1)[1]
    assert links.startswith(
        "In response to ← North Korean troops begin entering Russia (October 2024) — the "
        "same troops moving west analyst's inference: The US statement of 30 October"
    )
    assert (
        "Led to → North Korean troops move into Russia's Kursk region (18 November 2024)" in links
    )
    window.document.set_current(KURSK)  # a link a quote states: the quote, not an inference
    links = pane_text(window).split("Links ", 1)[1]
    assert "In response to ← Ukraine launches offensive into Russia's Kursk region" in links
    assert "“As Russia’s deployment of North Korean forces is an asymmetric retaliation" in links
    assert links.count("analyst's inference") == 1  # the one from western Russia


def test_a_click_on_a_linked_event_selects_it(window: MainWindow) -> None:
    window.document.set_current(WEST)
    window.detail.anchorClicked.emit(QUrl(f"event:{KURSK}"))
    assert window.document.current_id == KURSK
    window.detail.anchorClicked.emit(QUrl("event:no-such-event"))  # (a stale link): nothing
    assert window.document.current_id == KURSK


def test_alt_l_follows_the_links_forward_and_alt_shift_l_back(
    window: MainWindow, qtbot: QtBot
) -> None:
    doc = window.document
    doc.set_current(ENTER)
    window.timeline.setFocus()
    qtbot.keyClick(window.timeline, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    assert doc.current_id == WEST
    qtbot.keyClick(window.timeline, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    assert doc.current_id == KURSK
    back = Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.timeline, Qt.Key.Key_L, back)
    assert doc.current_id in (WEST, "ukraine-kursk-offensive")  # what led to it
    doc.set_current("choe-lavrov-meeting")  # no link
    window.action("actionNextLink").trigger()
    assert doc.current_id == "choe-lavrov-meeting"
    assert window.statusBar().currentMessage() == "No link from this event"


def test_deleting_an_end_deletes_its_links_and_undo_brings_them_back(window: MainWindow) -> None:
    doc = window.document
    before = list(doc.timeline.links)
    doc.set_current(WEST)
    window.action("actionDeleteEvent").trigger()  # Del: gone at once, undoable
    assert doc.store.event(WEST) is None
    assert all(WEST not in (k.from_id, k.to_id) for k in doc.timeline.links)
    assert len(doc.timeline.links) == len(before) - 2
    assert "and its 2 links" in window.statusBar().currentMessage()
    doc.undo_stack.undo()
    assert doc.timeline.links == before
    doc.set_current(WEST)
    assert "Led to →" in pane_text(window)


def test_the_arrows_are_painted_between_the_marks(window: MainWindow) -> None:
    """The dashed arrow from western Russia to Kursk darkens the pixels above the two
    markers (the curve bows upwards); without links the same pixels are background."""
    from timeline_app.core.dates import parse_iso
    from timeline_app.core.model import replace

    view, doc = window.timeline, window.document
    window_t = (parse_iso("2024-03").start, parse_iso("2024-12").end)
    view.set_time_range(*window_t)
    doc.set_current(WEST)
    arrow = next(a for a in view.scene().arrows if a.link_id == "western-russia-then-kursk")
    x, top = (arrow.x0 + arrow.x1) / 2, min(arrow.y0, arrow.y1)

    def darkest() -> int:
        image = view.grab().toImage()
        ratio = image.devicePixelRatio()
        ys = range(round((top - 45) * ratio), round((top - 3) * ratio))
        xs = range(round((x - 6) * ratio), round((x + 6) * ratio))  # (a dash, not a gap)
        return max(255 - QColor(image.pixel(c, y)).lightness() for c in xs for y in ys)

    assert darkest() > 100  # the curve crosses that column
    doc.load(replace(doc.timeline, links=[]), doc.path)
    doc.set_current(WEST)
    view.set_time_range(*window_t)
    assert view.scene().arrows == [] and darkest() < 60  # (grid lines at most)


def test_show_all_links_is_a_view_toggle(window: MainWindow) -> None:
    action = window.action("actionShowAllLinks")
    assert not window.timeline.state.all_links
    action.setChecked(True)
    assert window.timeline.state.all_links


def test_a_links_words_from_the_file_show_as_text(window: MainWindow) -> None:
    """A link's label and notes are data: markup in them is shown, never run."""
    from timeline_app.core.model import Link, LinkBasis, LinkType, replace

    doc = window.document
    hostile = Link("x", WEST, KURSK, LinkType.PART_OF, LinkBasis.ANALYST,
                   label="<img src=x>", notes="<script>alert(1)</script>")  # fmt: skip
    doc.load(replace(doc.timeline, links=[hostile]), doc.path)
    doc.set_current(WEST)
    shown = pane_text(window)
    assert "Part of → North Korean troops move into Russia's Kursk region" in shown
    assert "— <img src=x>" in shown and "analyst's inference: <script>alert(1)</script>" in shown
    html = window.detail.toHtml()
    assert "<img" not in html and "<script" not in html


def test_the_legend_keys_the_arrows_while_the_timeline_has_links(window: MainWindow) -> None:
    from timeline_app.core.change import Change
    from timeline_app.ui.legend_bar import entry_words

    legend, doc = window.legend, window.document
    arrows = [e for e in legend.entries if e.kind == "link"]
    assert [(e.label, e.hollow) for e in arrows] == [
        ("a source states it", False), ("analyst's inference", True),
    ]  # fmt: skip
    assert "dashed" in entry_words(arrows[1]) and "solid" in entry_words(arrows[0])
    links = tuple(doc.timeline.links)
    doc.push(Change("Delete links", links=(links, ())))
    assert not [e for e in legend.entries if e.kind == "link"]
    window.act_undo.trigger()
    assert [e for e in legend.entries if e.kind == "link"]
