"""The evidence report's content, as plain data (no Qt, no format): each event with its
date, support, quotes and graded sources; the contradictions, each beside the quote it
disagrees with (:func:`~timeline_app.core.disagreements.contradictions`); and a summary (events
resting on a single source, sources ranked by how many events they support and how many
rest on them alone).  :mod:`~timeline_app.interop.evidence_report` writes it as JSON,
Markdown or HTML."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from .dates import TimelineDate
from .disagreements import contradictions
from .evidence import Sources, Support, event_support
from .grades import grade_words
from .model import Event, Stance, Timeline

REPORT_FORMAT = "timeline-app-evidence-report"
REPORT_VERSION = 1


def report_data(
    timeline: Timeline,
    events: Sequence[Event],
    has_text: Callable[[str], bool],
    filtered: str = "",
) -> dict[str, Any]:
    """The report on ``events`` (``has_text(source id)``: whether its quotes can be
    checked; ``filtered``: the filter that picked them, in words, "" for every event).
    Keys and shapes are the JSON report's."""
    sources = Sources(timeline.sources)
    supported: dict[str, int] = {s.id: 0 for s in timeline.sources}
    alone: dict[str, int] = {s.id: 0 for s in timeline.sources}
    rows = []
    disagreeing: list[dict[str, Any]] = []
    counts = {s.value: 0 for s in Support}
    single: list[str] = []
    for e in events:
        support = event_support(e, sources, has_text)
        counts[support.support.value] += 1
        backing = list(dict.fromkeys(q.source for q in e.quotes if q.stance is Stance.SUPPORTS))
        for s in backing:
            if s in supported:
                supported[s] += 1
        if support.support is Support.SINGLE:
            single.append(e.id)
            for s in backing:
                if s in alone:
                    alone[s] += 1
        for c in contradictions(e, sources.by_id):
            disagreeing.append(
                {
                    "event": e.id,
                    "quote": c.against_at,  # the contradicting one, by index in the event
                    "against": c.stated_at,  # the quote it is set beside (None: none)
                    "note": c.note,
                    "quote_published": _iso(c.against_dated),
                    "against_published": _iso(c.stated_dated),
                }
            )
        rows.append(
            {
                "id": e.id,
                "title": e.title,
                "start": e.start.iso(),
                "end": e.end.iso() if e.end is not None else None,
                "date": e.date_words(),
                "support": support.support.value,
                "independent_sources": support.independent,
                "inconsistent": support.inconsistent,
                "quotes": [
                    {
                        "source": q.source,
                        "credibility": q.credibility,
                        "stance": q.stance.value,
                        "grade": grade_words(sources.by_id.get(q.source), q),
                        "text": q.text,
                        "note": q.note,
                        "verified": has_text(q.source),
                    }
                    for q in e.quotes
                ],
            }
        )
    ranked = sorted(timeline.sources, key=lambda s: (-supported[s.id], -alone[s.id], s.title))
    return {
        "format": REPORT_FORMAT,
        "version": REPORT_VERSION,
        "title": timeline.title,
        # the filter that picked the events (None: every event of the timeline)
        "filter": {"words": filtered, "of": len(timeline.events)} if filtered else None,
        "events": rows,
        "contradictions": disagreeing,
        "sources": [
            {
                "id": s.id,
                "title": s.title,
                "publication": s.publication,
                "reliability": s.reliability,
                "kind": s.kind.value if s.kind is not None else None,
                "grade": grade_words(s),
                "reason": s.reliability_reason,
                "derived_from": list(s.derived_from),
                "excerpt": s.excerpt,
                "events_supported": supported[s.id],
                "events_resting_on_it_alone": alone[s.id],
            }
            for s in ranked
        ],
        "summary": {
            "events": len(rows),
            "support": counts,
            "single_source_events": single,
            "contradictions": len(disagreeing),
        },
    }


def _iso(date: TimelineDate | None) -> str | None:
    return date.iso() if date is not None else None
