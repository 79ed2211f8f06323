"""The detail pane: the current event, its date in words, actors and its quotes with
attribution.  Every string from the data file is escaped before it becomes rich text."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote as url_quote
from urllib.parse import unquote

from PySide6.QtCore import QEvent, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QPalette
from PySide6.QtWidgets import QTextBrowser, QWidget

from ..core.dates import TimelineDate, span_phrase
from ..core.disagreements import Contradiction, contradictions, proposals
from ..core.event_links import ANALYST_WORDS, links_of
from ..core.evidence import EventSupport, Sources, Support, date_basis_words, event_support
from ..core.grades import grade_code, grade_words
from ..core.links import web_url
from ..core.markup import escape_html, paragraphs_html, readable
from ..core.model import Event, Quote, Source, Stance, Status, Timeline
from ..core.quotes import closest_passage
from ..core.source_texts import SourceTexts
from ..core.wording import clipped
from .document import Document
from .text_reader import TextReader
from .theme import is_dark

_esc = escape_html
_paragraphs = paragraphs_html


def _text(text: str, limit: int = 20_000) -> str:
    """Text from the file as the pane shows it: escaped, and quick to lay out however
    long its words (see :func:`~timeline_app.core.markup.readable`)."""
    return escape_html(readable(text, limit))


def event_html(
    timeline: Timeline,
    event: Event,
    texts: SourceTexts,
    colors: dict[str, str],
    muted: str = "#666666",
    text_color: str = "",
    wait_for_texts: Callable[[Source], bool] = lambda _source: True,
    event_of: Callable[[str], Event | None] | None = None,
) -> str:
    """The pane's HTML for one event (pure: no widgets).  A quote whose source text is
    still being read (``wait_for_texts`` says False) is said to be checked, not checked.
    ``event_of``: an event by id (the store's lookup; else the timeline's)."""
    parts = [f"<h2 style='margin-bottom:2px'>{_text(event.title, 1_000)}</h2>"]
    when = span_phrase(event.start, event.end)
    when = when[0].upper() + when[1:]
    precision = f"known to the {event.start.precision.label}"
    basis = date_basis_words(event)
    parts.append(
        f"<p style='margin-top:0'><b>{_esc(when)}</b><br>"
        f"<span style='color:{muted}'>{precision} · {basis}</span></p>"
    )
    if event.status is not Status.REPORTED:
        parts.append(
            "<p><span style='background:#B35900;color:white;padding:2px'>"
            f"&nbsp;{_esc(event.status.value.upper())}&nbsp;</span></p>"
        )
    if event.actors:
        chips = []
        for actor_id in event.actors:
            actor = timeline.actor(actor_id)
            name = actor.name if actor else actor_id
            color = colors.get(actor_id, "#888888")
            chips.append(
                f"<a href='actor:{url_quote(actor_id)}' "
                f"style='text-decoration:none;{'color:' + text_color if text_color else ''}' "
                f"title='Show only {_esc(name)}'>"
                f"<span style='color:{color}'>&#9679;</span>&nbsp;{_text(name, 200)}</a>"
            )
        parts.append("<p>" + " &nbsp; ".join(chips) + "</p>")
    if event.tags:
        tags = ", ".join(f"#{_text(t, 200)}" for t in event.tags)
        parts.append(f"<p style='color:{muted}'>{tags}</p>")
    if event.summary:
        parts.append(_paragraphs(readable(event.summary)))
    by_id = {s.id: s for s in timeline.sources}
    sources = Sources(timeline.sources)
    support = event_support(event, sources, texts.checkable(timeline.sources))
    backing = len({q.source for q in event.quotes if q.stance is Stance.SUPPORTS})
    parts.append(_support_html(support, backing, muted))
    parts += [_contradiction_html(c, by_id, muted) for c in contradictions(event, by_id)]
    for source_id in dict.fromkeys(q.source for q in event.quotes):  # grouped by source
        source = by_id.get(source_id)
        parts.append(_source_html(source, source_id, event, sources, texts, muted))
        for i, quote in enumerate(event.quotes):
            if quote.source == source_id:
                parts.append(_quote_html(timeline, i, quote, source, texts, muted, wait_for_texts))
    for k, proposal in enumerate(proposals(event, by_id)):
        parts.append(
            f"<p style='color:#B35900'><b>&#9888; A disagreement?</b> {_text(proposal.words())}"
            f"<br><a href='proposal:confirm:{k}'>Record as a contradiction</a> &nbsp; "
            f"<a href='proposal:dismiss:{k}'>Dismiss</a></p>"
        )
    parts.append(_links_html(timeline, event, by_id, muted, event_of or timeline.event))
    if event.notes:
        parts.append(f"<h4>Notes</h4>{_paragraphs(readable(event.notes))}")
    return "".join(parts)


def _links_html(
    timeline: Timeline,
    event: Event,
    by_id: dict[str, Source],
    muted: str,
    event_of: Callable[[str], Event | None],
) -> str:
    """The event's links, each a link to the other event ("Led to → …"), with who says
    so: the quote that states it, or "analyst's inference" and the analyst's notes (the
    other events looked up one by one, not a pass over every event)."""
    entries = links_of(timeline.links, event.id)
    events = {e.other_id: other for e in entries if (other := event_of(e.other_id)) is not None}
    entries = sorted(
        (e for e in entries if e.other_id in events), key=lambda e: events[e.other_id].sort_key()
    )
    if not entries:
        return ""
    rows = []
    for entry in entries:
        other = events[entry.other_id]
        line = (
            f"{_esc(entry.words)} {entry.arrow} <a href='event:{url_quote(other.id)}'>"
            f"{_text(other.title, 500)}</a> <span style='color:{muted}'>"
            f"({_esc(other.date_words())})</span>"
        )
        link = entry.link
        if link.label:
            line += f" — {_text(link.label, 500)}"
        if entry.inferred:
            why = f": {_text(link.notes, 2_000)}" if link.notes else ""
            line += f"<br><span style='color:#B35900'><i>{_esc(ANALYST_WORDS)}</i>{why}</span>"
        elif link.quote is not None:
            source = by_id.get(link.quote.source)
            who = _text(source.attribution(), 500) if source else _text(link.quote.source, 200)
            line += (
                f"<br><span style='color:{muted}'><i>“{_text(link.quote.text)}”</i> — {who}</span>"
            )
        rows.append(f"<p style='margin-top:2px;margin-bottom:4px'>{line}</p>")
    return "<h4>Links</h4>" + "".join(rows)


_BADGES = {
    # the glyphs of the timeline's badges (painter.paint_badge): a tick, a 1, "!", "?"
    Support.CORROBORATED: ("&#10003;", "#1B7F3B"),
    Support.SINGLE: ("&#9312;", ""),
    Support.CONTESTED: ("&#9888;", "#C00000"),
    Support.UNSOURCED: ("?", ""),
}


def _support_html(support: EventSupport, backing: int, muted: str) -> str:
    """The support line (``backing``: how many sources' quotes support the event): a
    single source of several says why they do not corroborate."""
    badge, color = _BADGES[support.support]
    words = support.support.words[:1].upper() + support.support.words[1:]
    if support.support is Support.CORROBORATED:
        words += f" ({support.independent})"
    elif support.support is Support.SINGLE and backing > 1:
        if support.independent > 1:
            words += f" ({backing} sources: those independent of each other have no text to check)"
        else:
            words += f" ({backing} sources, not independent of each other)"
    line = f"<span style='color:{color or muted}'>{badge}</span>&nbsp;<b>{_esc(words)}</b>"
    if support.inconsistent:
        line += (
            "<br><span style='color:#C00000'>&#9888; A quote is graded “confirmed by other "
            "sources”, but the event rests on one source.</span>"
        )
    return f"<p>{line}</p>"


def _contradiction_html(c: Contradiction, by_id: dict[str, Source], muted: str) -> str:
    """A recorded contradiction: the quote it disagrees with and the contradicting one side
    by side, each with its source and date, and the note under both."""

    def cell(head: str, quote: Quote | None, dated: TimelineDate | None) -> str:
        if quote is None:
            return f"<td width='50%' valign='top'>{head}<br><i>no quote supports it</i></td>"
        source = by_id.get(quote.source)
        who = (source.author or source.publication or source.title) if source else quote.source
        when = f", {_esc(dated.words())}" if dated is not None else ""
        grade = f" · {_esc(grade_code(source, quote))}"
        return (
            f"<td width='50%' valign='top'>{head}<br>"
            f"<span style='color:{muted}'>{_text(who, 200)}{when}{grade}</span><br>"
            f"<i>“{_text(quote.text, 2_000)}”</i></td>"
        )

    row = cell("<b>The event’s sources say</b>", c.stated, c.stated_dated) + cell(
        "<b style='color:#C00000'>&#9888; Against it</b>", c.against, c.against_dated
    )
    note = f"<tr><td colspan='2'>{_text(c.note, 2_000)}</td></tr>" if c.note else ""
    return (
        "<table width='100%' cellspacing='0' cellpadding='4' border='1' "
        f"style='border-color:#C00000;border-style:solid'><tr>{row}</tr>{note}</table>"
    )


def _source_html(
    source: Source | None,
    source_id: str,
    event: Event,
    sources: Sources,
    texts: SourceTexts,
    muted: str,
) -> str:
    """A source's line above its quotes: who and when, its grade, and why it is not
    independent of the event's other sources, or cannot be checked."""
    if source is None:
        return f"<h4 style='margin-bottom:0'>{_text(source_id, 200)}</h4>"
    head = _text(source.attribution(), 2_000)
    link = web_url(source.url)
    if link:
        shown_url = _esc(clipped(source.url.strip(), 300))  # as written: no breaks in it
        head += f" — <a href='{_esc(link)}'>{shown_url}</a>"
    archived = web_url(source.archive_url)
    if archived:
        head += f" (<a href='{_esc(archived)}'>archived</a>)"
    notes = [_esc(grade_words(source))]
    if source.reliability_reason:
        notes[0] += f": {_text(source.reliability_reason, 500)}"
    if source.kind is not None:
        notes.append(_esc(source.kind.value))
    if source.excerpt:
        notes.append("an excerpt")
    for other in dict.fromkeys(q.source for q in event.quotes):
        why = sources.why_not_independent(source_id, other) if other != source_id else ""
        if why:  # (it names both by their titles)
            notes.append(f"not independent: {_text(why, 500)}")
    if not texts.has_text(source):
        notes.append("<span style='color:#C00000'>no text: its quotes are unverified</span>")
    return (
        f"<p style='margin-bottom:0'><b>{head}</b><br>"
        f"<span style='color:{muted}'>{' · '.join(notes)}</span></p>"
    )


def _quote_html(
    timeline: Timeline,
    i: int,
    quote: Quote,
    source: Source | None,
    texts: SourceTexts,
    muted: str,
    wait_for_texts: Callable[[Source], bool],
) -> str:
    parts = ["<blockquote style='margin-left:12px;margin-right:4px'>"]
    if quote.stance is Stance.CONTRADICTS:
        parts.append("<p style='color:#C00000'><b>&#9888; Contradicts the event</b></p>")
    parts.append(f"<p><i>“{_text(quote.text)}”</i></p>")
    grade = f"{_esc(grade_words(source, quote))}"
    if quote.note:
        grade += f" — {_text(quote.note, 2_000)}"
    parts.append(f"<p style='color:{muted}'>{grade}</p>")
    if source is not None and not wait_for_texts(source):
        parts.append(
            f"<p style='color:{muted}'><i>Checking against the source text…</i></p></blockquote>"
        )
        return "".join(parts)
    match, reason = texts.find(timeline, quote)
    if match is not None:
        parts.append(f"<p><a href='quote:{i}'>Show in article</a></p>")
    else:
        parts.append(f"<p style='color:#C00000'><b>&#9888; Not verified:</b> {_esc(reason)}.</p>")
        source_text = texts.normalised(source) if source is not None else None
        closest = closest_passage(quote.text, source_text) if source_text else None
        if source_text is not None and closest is not None:
            passage = source_text.original[closest.start : closest.end]
            parts.append(
                f"<p style='color:{muted}'>Closest passage in the source: "
                f"<i>“{_text(passage)}”</i></p>"
            )
    parts.append("</blockquote>")
    return "".join(parts)


class DetailPane(QTextBrowser):
    """Shows the current event; emits what the user asks for from its links."""

    actorClicked = Signal(str)
    showQuote = Signal(str, int)  # event id, quote index
    proposalAnswered = Signal(str, int, bool)  # event id, proposal index, confirmed
    eventClicked = Signal(str)  # a linked event's id: select it

    def __init__(
        self, document: Document, reader: TextReader | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("detailPane")
        self.doc = document
        self.reader = reader  # reads texts ahead; without one, a text is read when needed
        if reader is not None:
            reader.ready.connect(self.refresh)
        self.setOpenLinks(False)
        self.setMinimumWidth(260)
        self.anchorClicked.connect(self._clicked)
        document.currentChanged.connect(self.refresh)
        document.recordsChanged.connect(self.refresh)
        document.reset.connect(self.refresh)
        document.visibleChanged.connect(self._on_visible_changed)
        self._notice = ""
        self._html: str | None = None  # what is shown
        self.refresh()

    def set_notice(self, text: str) -> None:
        """A line shown above the pane's content (e.g. the selection was filtered out)."""
        self._notice = text
        self.refresh()

    def _on_visible_changed(self) -> None:
        if self.doc.current_id is None:  # the hint says whether the filter hides everything
            self.refresh()

    def refresh(self) -> None:
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText).name()
        event = self.doc.current_event()
        notice = f"<p style='color:{muted}'><i>{_esc(self._notice)}</i></p>" if self._notice else ""
        if event is None:
            count = len(self.doc.store.visible)
            hint = "Select an event on the timeline or in the list to see its details and quotes."
            if not self.doc.timeline.events:
                hint = "No events yet: add one with Ctrl+N."
            elif count == 0:
                hint = "No event matches the current filter."
            self._show(f"{notice}<p style='color:{muted}'>{_esc(hint)}</p>")
            return
        self._notice = ""
        text_color = self.palette().color(QPalette.ColorRole.Text).name()
        doc = self.doc

        def read(source: Source) -> bool:
            if doc.texts.is_read(source) or self.reader is None:
                return True  # (without a reader: read now)
            self.reader.start()  # not being read yet (e.g. added since): read it
            return False

        colors = doc.colors(is_dark(self.palette()))
        html = event_html(
            doc.timeline, event, doc.texts, colors, muted, text_color, read, doc.store.event
        )
        self._show(html)

    def _show(self, html: str) -> None:
        """Lay ``html`` out unless it is shown already (an edit elsewhere changes nothing
        here: 5 ms saved at each, and the pane keeps where it was scrolled to)."""
        if html != self._html:
            self._html = html
            self.setHtml(html)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.refresh()  # the HTML carries colours from the palette

    def _clicked(self, url: QUrl) -> None:
        scheme = url.scheme()
        event = self.doc.current_event()
        if scheme == "actor":
            # decoded once, here (path() would decode it already: "%2520" -> " ")
            self.actorClicked.emit(unquote(url.path(QUrl.ComponentFormattingOption.FullyEncoded)))
        elif scheme == "quote" and event is not None:
            self.showQuote.emit(event.id, int(url.path()))
        elif scheme == "event":  # a linked event
            self.eventClicked.emit(unquote(url.path(QUrl.ComponentFormattingOption.FullyEncoded)))
        elif scheme == "proposal" and event is not None:
            answer, _, index = url.path().partition(":")
            self.proposalAnswered.emit(event.id, int(index), answer == "confirm")
        elif scheme in ("http", "https"):
            QDesktopServices.openUrl(url)
