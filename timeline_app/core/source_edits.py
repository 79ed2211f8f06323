"""Edits of the source list, as :class:`~timeline_app.core.change.Change`\\ s (no Qt).

A source's text travels in the change (``texts``): the document holds it in memory until
the timeline is saved, when it is written beside the file as ``text_file``.  The "before"
side of a text is what the document held in memory (``None``: nothing, the file on disk
is read), so undo restores exactly what was there.

* A new source's id comes from its title and never changes; it gets a ``text_file``
  (``<id>.txt``) only when it is given a text.
* A source that quotes cite cannot be removed: :class:`SourceEditError` says how many.
* Links must be http(s) (or empty): nothing else is ever stored or made clickable.
"""

from __future__ import annotations

from dataclasses import replace

from .change import Change
from .links import url_problem
from .model import RELIABILITIES, Event, Source, Timeline, unique_id
from .references import derived_cycle, without_source
from .source_texts import text_file_for
from .wording import plural


class SourceEditError(ValueError):
    """A source edit that cannot be made; the message says why."""


def citing_events(timeline: Timeline, source_id: str) -> list[Event]:
    """The events with at least one quote from ``source_id``."""
    return [e for e in timeline.events if any(q.source == source_id for q in e.quotes)]


def quote_counts(timeline: Timeline) -> dict[str, int]:
    """``{source id: number of quotes citing it}`` for every source of the timeline."""
    counts = {s.id: 0 for s in timeline.sources}
    for event in timeline.events:
        for quote in event.quotes:
            if quote.source in counts:
                counts[quote.source] += 1
    return counts


def new_source_id(timeline: Timeline, title: str) -> str:
    """A readable id from the title, not taken by another source."""
    return unique_id(title, (s.id for s in timeline.sources))


def source_from_fields(
    timeline: Timeline, fields: Source, original: Source | None, has_text: bool
) -> Source:
    """The source the form's fields describe (``fields``: a draft as typed, its id, text
    file and extra ignored): an edited source keeps its id, text file and the fields the
    app does not know; a new one gets an id from its title, and a text file name when it is
    given a text (``has_text``).  Its grade and evidence fields are the draft's."""
    title = " ".join(fields.title.split())
    base = original or Source(id=new_source_id(timeline, title), title=title)
    source = replace(
        base,
        title=title,
        author=" ".join(fields.author.split()),
        publication=" ".join(fields.publication.split()),
        published=fields.published,
        url=fields.url.strip(),
        archive_url=fields.archive_url.strip(),
        kind=fields.kind,
        reliability=fields.reliability,
        reliability_reason=" ".join(fields.reliability_reason.split()),
        derived_from=tuple(dict.fromkeys(fields.derived_from)),
        licence=fields.licence.strip(),
        notes=fields.notes.strip(),
        excerpt=fields.excerpt,
    )
    if has_text and not source.text_file:
        source = replace(source, text_file=text_file_for(timeline, source.id))
    return source


def _checked(timeline: Timeline, source: Source, text: str | None) -> Source:
    if not source.title.strip():
        raise SourceEditError("a source needs a title")
    for label, url in (("link", source.url), ("archive link", source.archive_url)):
        problem = url_problem(url)
        if problem:
            raise SourceEditError(f"the {label} {url!r} is not accepted: {problem}")
    if source.reliability not in RELIABILITIES or len(source.reliability) != 1:
        raise SourceEditError(f"{source.reliability!r} is not a grade from A to F")
    known = {s.id for s in timeline.sources} | {source.id}
    for other in source.derived_from:
        if other not in known:
            raise SourceEditError(f"there is no source {other!r} to derive from")
    derived = {s.id: s.derived_from for s in timeline.sources}
    derived[source.id] = source.derived_from
    if cycle := derived_cycle(derived):
        names = " → ".join(_title(timeline, source, i) for i in cycle)
        raise SourceEditError(f"a source cannot derive from itself: {names}")
    if text is not None and not source.text_file:
        source = replace(source, text_file=text_file_for(timeline, source.id))
    return source


def _title(timeline: Timeline, edited: Source, source_id: str) -> str:
    found = edited if source_id == edited.id else timeline.source(source_id)
    return f"“{found.title}”" if found is not None else source_id


def add_source_change(timeline: Timeline, source: Source, text: str | None = None) -> Change:
    """Append a new source, with its text (held in memory until saved) if given."""
    if not source.id or timeline.source(source.id) is not None:
        raise SourceEditError(f"the source id {source.id!r} is empty or taken")
    source = _checked(timeline, source, text)
    return Change(
        f"Add source “{source.title}”",
        sources=(tuple(timeline.sources), (*timeline.sources, source)),
        texts={} if text is None else {source.id: (None, text)},
    )


def edit_source_change(
    timeline: Timeline, source: Source, text: str | None = None, pending_before: str | None = None
) -> Change:
    """Replace the source with the same id (in place); ``text`` None leaves its text as it
    is, else it replaces ``pending_before`` (the text the document held in memory)."""
    old = timeline.source(source.id)
    if old is None:
        raise SourceEditError(f"there is no source {source.id!r}")
    source = _checked(timeline, source, text)
    sources = tuple(source if s.id == source.id else s for s in timeline.sources)
    return Change(
        f"Edit source “{source.title}”",
        sources=(tuple(timeline.sources), sources),
        texts={} if text is None else {source.id: (pending_before, text)},
    )


def remove_source_change(
    timeline: Timeline, source_id: str, pending_before: str | None = None
) -> Change:
    """Remove a source no quote cites (of an event or of a link); sources derived from it
    no longer say so, its review marks go, and a text held in memory for it is dropped
    (undo restores them all)."""
    source = timeline.source(source_id)
    if source is None:
        raise SourceEditError(f"there is no source {source_id!r}")
    citing = citing_events(timeline, source_id)
    if citing:
        quotes = sum(1 for e in citing for q in e.quotes if q.source == source_id)
        names = ", ".join(f"“{e.title}”" for e in citing[:3]) + ("…" if len(citing) > 3 else "")
        raise SourceEditError(
            f"“{source.title}” is cited by {plural(quotes, 'quote')} in "
            f"{plural(len(citing), 'event')} ({names}). Remove or change "
            "those quotes first."
        )
    links = [k for k in timeline.links if k.quote is not None and k.quote.source == source_id]
    if links:
        raise SourceEditError(
            f"“{source.title}” is quoted by {plural(len(links), 'link')} between events. "
            "Remove or change those links first."
        )
    review = None
    if source_id in timeline.review:
        after = {k: v for k, v in timeline.review.items() if k != source_id}
        review = (timeline.review, after)
    return Change(
        f"Remove source “{source.title}”",
        sources=(tuple(timeline.sources), tuple(without_source(timeline.sources, source_id))),
        review=review,
        texts={} if pending_before is None else {source_id: (pending_before, None)},
    )
