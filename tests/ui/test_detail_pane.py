"""The detail pane on its own, on a bare document: it follows the current event, shows its
date in words, actors, quotes with their source, and every string from the data file as
the characters it is (never as markup); its links ask for an actor, a quote or a web page."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from timeline_app.core.dates import parse_iso
from timeline_app.core.event_edits import save_event_change
from timeline_app.core.fileformat import load_timeline
from timeline_app.core.filters import FilterState
from timeline_app.core.model import Actor, Event, Quote, Source, Status, Timeline, replace
from timeline_app.ui import detail_pane
from timeline_app.ui.app import application
from timeline_app.ui.detail_pane import DetailPane
from timeline_app.ui.document import Document

ARTICLE = "North Korean troops in Ukraine may soon face their worst fear: South Korean missiles"
IMG = "<img src=x>"


@pytest.fixture
def doc() -> Document:
    application()
    return Document()


@pytest.fixture
def pane(qtbot: QtBot, doc: Document) -> DetailPane:
    p = DetailPane(doc)
    qtbot.addWidget(p)
    p.resize(420, 700)
    p.show()
    qtbot.waitExposed(p)
    return p


@pytest.fixture
def dataset(doc: Document, dataset_copy: Path) -> Document:
    doc.load(load_timeline(dataset_copy), dataset_copy)
    return doc


def text(pane: DetailPane) -> str:
    """What the pane reads, spacing tidied."""
    return " ".join(pane.toPlainText().split())


def links(pane: DetailPane) -> dict[str, int]:
    """Every link the pane shows, with a text position inside it."""
    found: dict[str, int] = {}
    block = pane.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            href = fragment.charFormat().anchorHref()
            if href:
                found.setdefault(href, fragment.position() + fragment.length() // 2)
            it += 1
        block = block.next()
    return found


def click_link(pane: DetailPane, qtbot: QtBot, href: str) -> None:
    cursor = QTextCursor(pane.document())
    cursor.setPosition(links(pane)[href])
    center = pane.cursorRect(cursor).center()
    qtbot.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(center.x(), center.y()))


def one_event(
    event: Event, actors: Sequence[Actor] = (), sources: Sequence[Source] = ()
) -> Timeline:
    """A timeline of one event, with the actors and sources it names."""
    return Timeline(title="One", sources=list(sources), actors=list(actors), events=[event])


# -- what it shows -------------------------------------------------------------------------


def test_without_a_selection_it_says_what_to_do(pane: DetailPane, doc: Document) -> None:
    doc.load(Timeline(title="New"), None)
    assert text(pane) == "No events yet: add one with Ctrl+N."
    doc.load(one_event(Event("e", "Something", parse_iso("2020"))), None)
    assert text(pane).startswith("Select an event on the timeline or in the list")
    doc.load(doc.timeline, None, FilterState(text="nothing matches this"))
    assert text(pane) == "No event matches the current filter."


def test_a_filter_that_hides_everything_is_said_at_once(
    pane: DetailPane, dataset: Document
) -> None:
    dataset.set_filter(FilterState(text="nothing matches this"))
    assert text(pane) == "No event matches the current filter."


def test_shows_the_current_event_with_date_actors_quote_and_source(
    pane: DetailPane, dataset: Document
) -> None:
    event = dataset.timeline.event("choe-lavrov-meeting")
    assert event is not None
    dataset.set_current(event.id)
    shown = text(pane)
    assert shown.startswith(event.title)
    assert "On Friday 1 November 2024" in shown
    assert "known to the day · date established elsewhere: see the notes" in shown
    for name in ("North Korea", "Russia", "Choe Son Hui", "Sergey Lavrov"):
        assert name in shown
    quote = " ".join(event.quotes[0].text.split())
    ramani = dataset.timeline.source(event.quotes[0].source)
    assert ramani is not None and ramani.reliability == "C"  # graded, with its reason
    # its support, then each source with its grade and reason, then that source's quotes
    assert "Resting on a single source Dr Samuel Ramani, “" in shown
    source = f"Dr Samuel Ramani, “{ARTICLE}”, November 2024 C — fairly reliable: "
    source += " ".join(ramani.reliability_reason.split())
    assert f"{source} · analysis “{quote}” C6 — fairly reliable, truth " in shown
    assert "Show in article" in shown and "Not verified" not in shown
    assert "Notes" in shown and " ".join(event.notes.split()) in shown


def test_follows_the_selection_and_an_edit_of_the_selected_event(
    pane: DetailPane, dataset: Document
) -> None:
    dataset.set_current("korean-war-ends")
    assert text(pane).startswith("Korean War ends")
    assert "In 1953" in text(pane)
    dataset.set_current("aleppo-north-korean-aid")
    assert text(pane).startswith("North Korean forces allegedly aid")
    assert "ALLEGED" in text(pane)
    old = dataset.current_event()
    assert old is not None
    edited = replace(old, quotes=(Quote(old.quotes[0].source, "Troops are fighting in Europe"),))
    dataset.push(save_event_change(dataset.timeline, edited, old))
    assert f"Not verified: not found in “{ARTICLE}”" in text(pane)
    assert "Show in article" not in text(pane)
    dataset.set_current(None)
    assert text(pane).startswith("Select an event")


def test_a_notice_shows_above_until_an_event_is_selected(
    pane: DetailPane, dataset: Document
) -> None:
    pane.set_notice(f"The selected event “{IMG} ends” is hidden by the filter.")
    assert text(pane).startswith(f"The selected event “{IMG} ends” is hidden by the filter.")
    assert "Select an event" in text(pane)
    assert "<img" not in pane.toHtml()
    dataset.set_current("korean-war-ends")
    dataset.set_current(None)
    assert "hidden by the filter" not in text(pane)


# -- data shown as text, never as markup ---------------------------------------------------


def test_markup_in_the_data_file_shows_as_text(pane: DetailPane, doc: Document) -> None:
    source = Source("s", f"<b>Report</b> {IMG}", author="<i>Anon</i>",
                    url="javascript:alert(1)", archive_url="file:///etc/passwd")  # fmt: skip
    actor = Actor("a", "<i>North</i> Korea")
    event = Event(
        "e", "<b>x</b>", parse_iso("2024-10"), actors=("a",), status=Status.DISPUTED,
        tags=("<u>tag</u>",), summary=f"Summary {IMG}\n\n<script>alert(1)</script>",
        quotes=(Quote("s", f"quoted {IMG}"),), notes='<a href="file:///etc/passwd">notes</a>',
    )  # fmt: skip
    doc.load(one_event(event, [actor], [source]), None)
    doc.set_current("e")
    shown = text(pane)
    for raw in ("<b>x</b>", "<i>North</i> Korea", "#<u>tag</u>", f"Summary {IMG}",
                "<script>alert(1)</script>", f"“quoted {IMG}”", "<i>Anon</i>",
                f"<b>Report</b> {IMG}", '<a href="file:///etc/passwd">notes</a>'):  # fmt: skip
        assert raw in shown, raw
    assert shown.startswith("<b>x</b>")
    assert "\ufffc" not in pane.toPlainText()  # no image (an object) was made of the data
    assert "<img" not in pane.toHtml() and "<script" not in pane.toHtml()
    assert set(links(pane)) == {"actor:a"}  # neither javascript: nor file: became a link


def test_a_web_address_is_a_link_that_opens_in_the_browser(
    pane: DetailPane, doc: Document, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(
        detail_pane.QDesktopServices, "openUrl", lambda url: opened.append(url.toString())
    )
    source = Source("s", "Report", url="https://example.org/a'b\"c<d>",
                    archive_url="https://web.archive.org/x")  # fmt: skip
    event = Event("e", "E", parse_iso("2024"), quotes=(Quote("s", "q"),))
    doc.load(one_event(event, [], [source]), None)
    doc.set_current("e")
    hrefs = set(links(pane))
    assert hrefs == {"https://example.org/a%27b%22c%3Cd%3E", "https://web.archive.org/x"}
    assert "https://example.org/a'b\"c<d> (archived)" in text(pane)  # shown as written
    click_link(pane, qtbot, "https://web.archive.org/x")
    assert opened == ["https://web.archive.org/x"]


# -- its links -----------------------------------------------------------------------------


def test_an_actor_chip_asks_to_show_only_that_actor(
    pane: DetailPane, dataset: Document, qtbot: QtBot
) -> None:
    dataset.set_current("choe-lavrov-meeting")
    with qtbot.waitSignal(pane.actorClicked) as clicked:
        click_link(pane, qtbot, "actor:sergey-lavrov")
    assert clicked.args == ["sergey-lavrov"]


def test_show_in_article_asks_for_that_quote(
    pane: DetailPane, dataset: Document, qtbot: QtBot
) -> None:
    dataset.set_current("us-estimates-north-korean-troops")
    event = dataset.current_event()
    assert event is not None and len(event.quotes) == 4  # each from a source whose text is held
    assert text(pane).count("Show in article") == len(event.quotes)
    with qtbot.waitSignal(pane.showQuote) as asked:
        click_link(pane, qtbot, "quote:1")
    assert asked.args == ["us-estimates-north-korean-troops", 1]


@pytest.mark.parametrize(
    "actor_id",
    [
        "kim jong un",
        "северная-корея",
        "a#b?c/d",
        "ngo%20alliance",
        "100%",
    ],
)
def test_a_chip_gives_back_any_actor_id_as_it_is(
    pane: DetailPane, doc: Document, qtbot: QtBot, actor_id: str
) -> None:
    event = Event("e", "E", parse_iso("2020"), actors=(actor_id,))
    doc.load(one_event(event, [Actor(actor_id, "Someone")]), None)
    doc.set_current("e")
    (href,) = links(pane)
    with qtbot.waitSignal(pane.actorClicked) as clicked:
        click_link(pane, qtbot, href)
    assert clicked.args == [actor_id]


def test_links_of_an_event_no_longer_shown_ask_nothing(
    pane: DetailPane, dataset: Document, qtbot: QtBot
) -> None:
    dataset.set_current("korean-war-ends")
    asked: list[object] = []
    pane.showQuote.connect(lambda *args: asked.append(args))
    dataset.set_current(None)
    pane.anchorClicked.emit(QUrl("quote:0"))  # a click that raced the selection
    assert asked == []


def test_an_endless_title_is_shown_cut_and_wrapped(
    pane: DetailPane, doc: Document, dataset_copy: Path
) -> None:
    from timeline_app.core.model import replace as with_

    timeline = load_timeline(dataset_copy)
    first = with_(timeline.events[0], title="x" * 300_000, summary="y" * 50_000)
    doc.load(with_(timeline, events=[first, *timeline.events[1:]]), None)
    doc.set_current(first.id)
    shown = text(pane).replace("\u200b", "")
    assert "x" * 1_000 + "… (299,000 more characters)" in shown
    assert "y" * 20_000 + "… (30,000 more characters)" in shown
    assert pane.document().size().width() <= pane.viewport().width() + 1  # wrapped, no scroll
