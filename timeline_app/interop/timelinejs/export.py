"""Timelines to TimelineJS 3 (Knight Lab) JSON.

Export (:func:`to_timelinejs`)
------------------------------
* The title slide: the timeline's title as ``text.headline``; ``text.text`` names the sources
  the exported events quote ("Source: author, “title”, date"), linked when the source has
  an http(s) URL.
* One slide per event.  ``start_date``/``end_date`` hold ``year``, ``month`` and ``day`` as
  strings, only as far as the date's precision goes.  A decade is written as its first
  year with ``display_date`` "the 1980s" (the slide's whole date in words), since
  TimelineJS has no decades.  An ``end`` equal to the start is left out.
* ``text.headline`` is the title and ``text.text`` starts with the facts TimelineJS has no
  field for, so a reader sees them and an import gets them back: ``<p
  class="timeline-app-facts">Status: alleged · Support: single source · Grades: B2, F6 ·
  Actors: North Korea, Russia · Tags: kursk · Date: established elsewhere</p>`` (names
  holding a comma in double quotes; the grades, each quote's source reliability and
  credibility in order, when it has quotes; the date part only when the date comes from
  elsewhere; an import reads back status, actors, tags and date, and leaves support and
  grades, which the records give).  Then the summary (a ``<p>`` per paragraph,
  ``<br>`` for a line break), then each quote as ``<blockquote><p>text</p><cite>source
  attribution</cite></blockquote>``.  Every text is HTML-escaped: a title ``<img src=x>``
  shows as those characters, it never becomes markup.
* ``group`` is the NAME of the event's first actor (TimelineJS has one group per slide:
  the others are in the facts), ``unique_id`` the event id.
* ``media`` only when a quoted source has an http(s) ``url`` (else its ``archive_url``):
  ``media.url`` is that address and ``media.credit`` the source's attribution.  TimelineJS
  needs a URL for media, so without one the attribution is only in the ``<cite>``.
* Not exported (TimelineJS has no place for them, :func:`left_out` names those the events
  have): notes, actor colours, fields the app does not know, quotes' stances and notes
  (the support they make is in the facts), dismissed disagreements, links, and sources'
  text files.  Eras are written as TimelineJS ``eras`` (an ongoing one ends at the last
  date of the events).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from ...core.actor_names import join_names
from ...core.atomic import atomic_write
from ...core.dates import Precision, TimelineDate, span_words
from ...core.eras import era_end, last_date
from ...core.evidence import DATE_ELSEWHERE, SUPPORT_NAMES, Support, named_texts, support_of
from ...core.export_formats import links_left_out
from ...core.grades import grade_code
from ...core.jsonio import dumps
from ...core.links import web_url
from ...core.markup import escape_html, paragraphs_html
from ...core.model import DateBasis, Era, Event, Stance, Timeline
from ...core.wording import plural


def _esc(text: str) -> str:
    """Text as HTML text (quote marks need no escaping outside attributes)."""
    return escape_html(text, quote=False)


def _paragraphs(text: str) -> str:
    return paragraphs_html(text, quote=False)


def _attribution(timeline: Timeline, source_id: str) -> str:
    source = timeline.source(source_id)
    if source is None:
        return source_id
    return source.attribution() or source.id


def _tjs_date(d: TimelineDate) -> dict[str, str]:
    if d.precision is Precision.DECADE:
        return {"year": str(d.year - d.year % 10)}
    out = {"year": str(d.year)}
    if d.precision >= Precision.MONTH:
        out["month"] = str(d.month)
    if d.precision is Precision.DAY:
        out["day"] = str(d.day)
    return out


FACTS_CLASS = "timeline-app-facts"
FACT_SEPARATORS = ',;·"'  # a name holding one is quoted: the facts split back exactly


def _facts(timeline: Timeline, e: Event, support: Support) -> str:
    names = [a.name if (a := timeline.actor(i)) is not None else i for i in e.actors]
    facts = [f"Status: {e.status.value}", f"Support: {SUPPORT_NAMES[support]}"]
    if e.quotes:  # each quote's grade, in order: its source's reliability, its credibility
        grades = [grade_code(timeline.source(q.source), q) for q in e.quotes]
        facts.append(f"Grades: {', '.join(grades)}")
    if names:
        facts.append(f"Actors: {join_names(names, FACT_SEPARATORS)}")
    if e.tags:
        facts.append(f"Tags: {join_names(e.tags, FACT_SEPARATORS)}")
    if e.date_basis is DateBasis.ELSEWHERE:
        facts.append(f"Date: {DATE_ELSEWHERE}")
    return f'<p class="{FACTS_CLASS}">{_esc(" · ".join(facts))}</p>'


def left_out(timeline: Timeline, events: Sequence[Event]) -> list[str]:
    """What of these events a TimelineJS file cannot hold ("the notes of 3 events")."""
    out = []
    notes = sum(1 for e in events if e.notes.strip())
    if notes:
        out.append(f"the notes of {plural(notes, 'event')}")
    used = {a for e in events for a in e.actors}
    if any(a.color for a in timeline.actors if a.id in used):
        out.append("actor colours")
    unknown = sum(1 for e in events if e.extra)
    if unknown:
        out.append(f"fields this app does not know ({plural(unknown, 'event')})")
    standing = sum(1 for e in events for q in e.quotes if q.stance is not Stance.SUPPORTS or q.note)
    if standing:
        out.append(f"the stances and notes of {plural(standing, 'quote')} (each slide says "
                   "its event's support)")  # fmt: skip
    dismissed = sum(1 for e in events if e.dismissed)
    if dismissed:
        out.append(f"the disagreements dismissed on {plural(dismissed, 'event')}")
    quoted = {q.source for e in events for q in e.quotes}
    if any(s.text_file for s in timeline.sources if s.id in quoted):
        out.append("the source texts (the quotes are in)")
    return out + links_left_out(timeline, events)  # (its eras are written)


def _slide(timeline: Timeline, e: Event, support: Support) -> dict[str, Any]:
    end = e.end if e.end is not None and e.end != e.start else None
    slide: dict[str, Any] = {"start_date": _tjs_date(e.start)}
    if end is not None:
        slide["end_date"] = _tjs_date(end)
    if Precision.DECADE in (e.start.precision, end.precision if end else None):
        slide["display_date"] = span_words(e.start, end)
    body = _facts(timeline, e, support) + _paragraphs(e.summary)
    for q in e.quotes:
        cite = _esc(_attribution(timeline, q.source))
        body += f"<blockquote>{_paragraphs(q.text)}<cite>{cite}</cite></blockquote>"
    slide["text"] = {"headline": _esc(e.title), "text": body}
    for q in e.quotes:
        source = timeline.source(q.source)
        url = (web_url(source.url) or web_url(source.archive_url)) if source else ""
        if url:
            slide["media"] = {"url": url, "credit": _esc(_attribution(timeline, q.source))}
            break
    if e.actors:
        actor = timeline.actor(e.actors[0])
        slide["group"] = _esc(actor.name if actor is not None else e.actors[0])
    slide["unique_id"] = e.id
    return slide


def to_timelinejs(timeline: Timeline, events: Sequence[Event]) -> dict[str, Any]:
    """The events as a TimelineJS 3 document (plain JSON data)."""
    used = {q.source for e in events for q in e.quotes}
    credits = []
    for s in timeline.sources:
        if s.id in used:
            text = _esc(s.attribution() or s.id)
            url = web_url(s.url) or web_url(s.archive_url)
            credits.append(f'<a href="{escape_html(url)}">{text}</a>' if url else text)
    title: dict[str, Any] = {"text": {"headline": _esc(timeline.title)}}
    if credits:
        label = "Source" if len(credits) == 1 else "Sources"
        title["text"]["text"] = f"<p>{label}: " + "; ".join(credits) + "</p>"
    supports = support_of(events, timeline.sources, named_texts(timeline.sources))
    slides = [_slide(timeline, e, s) for e, s in zip(events, supports, strict=True)]
    out: dict[str, Any] = {"title": title, "events": slides}
    if timeline.eras and events:
        out["eras"] = [_era(era, events) for era in timeline.eras]
    return out


def _era(era: Era, events: Sequence[Event]) -> dict[str, Any]:
    """An era as TimelineJS has them: its dates and name (an ongoing era runs to the
    last date of the events: TimelineJS needs an end)."""
    return {
        "start_date": _tjs_date(era.start),
        "end_date": _tjs_date(era_end(era, last_date(events))),
        "text": {"headline": _esc(era.name)},
    }


def write_timelinejs(
    path: str | os.PathLike[str], timeline: Timeline, events: Sequence[Event]
) -> None:
    """Write the TimelineJS JSON to ``path`` (UTF-8, atomically)."""
    text = dumps(to_timelinejs(timeline, events), indent=2) + "\n"
    atomic_write(path, text.encode("utf-8"))
