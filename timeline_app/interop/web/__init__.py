"""Publish: one self-contained, offline HTML page of the shown events, that anyone can open
and check (``--export out.html``, File ▸ Publish as Web Page…).

Everything the app computes is computed here, once, and embedded as data: date words and
intervals, the breaks of the compressed time scale, the actors' colours (validated
``#rrggbb``), the legend, each event's support, contradictions, links and eras, the grades.
What must run in the browser (the ticks at a zoom, the label rows) is plain JavaScript kept
beside this module (``page.js``, mirroring :mod:`~timeline_app.core.ticks` and
:func:`~timeline_app.core.layout.stack_labels`; golden vectors keep them in step).

Safe by construction: the data sits in one ``<script type="application/json">`` with
``<``, ``>``, ``&``, U+2028 and U+2029 written as ``\\u`` escapes; the page's code inserts
every string as text; a Content-Security-Policy lets the page run only its own script and
style (their hashes computed here) and load nothing.  By default the page leaves out the
analyst's notes, fields the app does not know and the full source texts (``include``).
"""

from __future__ import annotations

import base64
import datetime as _dt
import hashlib
import json
import os
import re
from collections.abc import Callable, Collection, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from ...core.atomic import atomic_write
from ...core.dates import TimelineDate, span_words
from ...core.disagreements import contradictions
from ...core.eras import era_end, last_date, place_eras
from ...core.event_links import ANALYST_WORDS, links_of
from ...core.evidence import (
    SUPPORT_NAMES,
    Sources,
    date_basis_words,
    event_support,
    named_texts,
)
from ...core.export_formats import INCLUDABLE
from ...core.grades import grade_code, grade_words
from ...core.legend import legend_entries
from ...core.links import refused_links, web_url
from ...core.markup import escape_html
from ...core.model import Event, Quote, Stance, Status, Timeline, chronological
from ...core.palette import actor_styles, is_color
from ...core.source_texts import SourceTexts
from ...core.store import TimelineStore
from ...core.timescale import TimeScale
from ...core.wording import plural

#: What ``include`` may add to the page: the analyst's notes (and fields the app does not
#: know), the full source texts (usually copyrighted).
CSP = (
    "default-src 'none'; script-src '{script}'; style-src '{style}'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)
_TEMPLATES = resources.files(__name__)
_SLOT = re.compile(r"\{\{(?:csp|title|data|style|script)\}\}")

# what the page's JSON must not contain as itself: "</script>" or "<!--" could end or
# change the element; U+2028/U+2029 end lines in older JavaScript
_ESCAPES = {ord(c): f"\\u{ord(c):04x}" for c in "<>&\u2028\u2029"}


def template(name: str) -> str:
    """One of the page's templates (page.html, page.css, page.js)."""
    return (_TEMPLATES / name).read_text(encoding="utf-8")


def json_for_script(data: object) -> str:
    """``data`` as JSON that stays inert inside a ``<script>`` element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return text.translate(_ESCAPES)


def csp_hash(code: str) -> str:
    """The CSP source for an inline script or style: ``sha256-<base64>``."""
    return "sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode()


def publication_date(environ: Any = os.environ) -> str:
    """The date the page states: ``SOURCE_DATE_EPOCH`` (reproducible builds) when set, else
    today's, in UTC."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            when = _dt.datetime.fromtimestamp(int(epoch), tz=_dt.timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise ValueError(f"SOURCE_DATE_EPOCH={epoch!r} is not a time in seconds") from None
    else:
        when = _dt.datetime.now(tz=_dt.timezone.utc)
    return when.date().isoformat()


def _notes(text: str, include: Collection[str]) -> dict[str, str]:
    return {"notes": text} if text and "notes" in include else {}


def _extra(extra: Any, include: Collection[str]) -> dict[str, Any]:
    return {"extra": dict(extra)} if extra and "notes" in include else {}


def _scale(events: Sequence[Event], timeline: Timeline) -> tuple[TimeScale, list[float]]:
    """The compressed scale of the shown events (and of the eras reaching beyond them),
    as the window's :class:`~timeline_app.core.viewstate.ViewState` makes it, and the
    extent ``[t0, t1]`` that Fit All shows."""
    ordered = sorted(events, key=lambda e: e.t0)
    t0s = [float(e.t0) for e in ordered]
    t1s = [float(e.t1) for e in ordered]
    lo, hi = min(t0s), max(t1s)
    last = last_date(timeline.events)
    for placed in place_eras(timeline.eras, last.end if last else None):
        if placed.t0 < lo:
            t0s, t1s, lo = [float(placed.t0), *t0s], [float(placed.t0), *t1s], placed.t0
        if placed.t1 > hi:
            t0s, t1s, hi = [*t0s, float(placed.t1)], [*t1s, float(placed.t1)], placed.t1
    scale = TimeScale.compressing(t0s, t1s) if len(events) > 1 else TimeScale()
    return scale, [float(lo), float(hi)]


def page_data(
    timeline: Timeline,
    events: Sequence[Event],
    *,
    file_name: str,
    include: Collection[str] = (),
    has_text: Callable[[str], bool] | None = None,
    text_of: Callable[[str], str | None] | None = None,
    filtered: str = "",
    date: str | None = None,
) -> dict[str, Any]:
    """What the page shows, as JSON-ready data: only what is published (see the module).

    ``file_name``: the timeline file's name (never its folder); ``has_text(source id)``:
    whether a source's text is held (what makes a quote checked; by default, that the
    source names a text file); ``text_of(source id)``: a source's full text, published
    only with ``"texts"`` in ``include``; ``filtered``: the filter in words, if any."""
    unknown = set(include) - set(INCLUDABLE)
    if unknown:
        raise ValueError(f"can include only {', '.join(INCLUDABLE)}, not {', '.join(unknown)}")
    if not events:
        raise ValueError("no events to publish")
    has_text = has_text or named_texts(timeline.sources)
    events = chronological(events)
    shown = {e.id for e in events}
    by_source = {s.id: s for s in timeline.sources}
    known = Sources(timeline.sources)
    styles = actor_styles(timeline.actors)
    counts: dict[str, int] = {}
    for e in events:
        for actor_id in e.actors:
            counts[actor_id] = counts.get(actor_id, 0) + 1
    actors = []
    for a in timeline.actors:
        style = styles[a.id]
        light, dark = style.light, style.dark
        if not (is_color(light) and is_color(dark)):  # never reaches CSS unless #rrggbb
            light = dark = "#808080"
        if a.id in counts:
            actors.append(
                {
                    "id": a.id,
                    "name": a.name,
                    "color": light.lower(),
                    "dark": dark.lower(),
                    "shape": style.shape,
                    "count": counts[a.id],
                }
            )
    used = _quoted_sources(timeline, events)
    texts = "texts" in include and text_of is not None
    sources = []
    for s in timeline.sources:
        if s.id not in used:
            continue
        record: dict[str, Any] = {
            "id": s.id,
            "title": s.title,
            "attribution": s.attribution(),
            "grade": grade_code(s),
            "grade_words": grade_words(s),
            "url": web_url(s.url),
            "archive_url": web_url(s.archive_url),
            "kind": s.kind.value if s.kind else "",
            "licence": s.licence,
        }
        if s.reliability_reason and "notes" in include:  # the analyst's words: a note
            record["grade_reason"] = s.reliability_reason
        record |= _notes(s.notes, include) | _extra(s.extra, include)
        if texts:
            assert text_of is not None
            text = text_of(s.id)
            if text:
                record["text"] = text
        sources.append(record)

    def quote(q: Quote) -> dict[str, Any]:
        s = by_source.get(q.source)
        out: dict[str, Any] = {
            "source": q.source,
            "text": q.text,
            "grade": grade_code(s, q),
            "grade_words": grade_words(s, q),
        }
        if s is None:
            out["attribution"] = q.source
        if q.stance is Stance.CONTRADICTS:
            out["contradicts"] = True
        if q.note and "notes" in include:
            out["note"] = q.note
        return out | _extra(q.extra, include)

    last = last_date(timeline.events)
    placed = place_eras(timeline.eras, last.end if last else None)
    eras = []
    for p in placed:
        color = p.era.color.lower() if is_color(p.era.color) else ""
        end = era_end(p.era, last)
        eras.append(
            {
                "id": p.era.id,
                "name": p.era.name,
                "t0": p.t0,
                "t1": p.t1,
                "row": p.row,
                "color": color,
                "date": span_words(p.era.start, end),
                "ongoing": p.era.end is None,
            }
            | _notes(p.era.notes, include)
            | _extra(p.era.extra, include)
        )

    titles = {e.id: (e.title, e.date_words()) for e in events}
    order = {e.id: k for k, e in enumerate(events)}
    out_events = []
    for e in events:
        support = event_support(e, known, has_text)
        record = {
            "id": e.id,
            "title": e.title,
            "t0": e.t0,
            "t1": e.t1,
            "precision": e.start.precision.label,
            "iso": _datetime(e.start),
            "date": e.date_words(),
            "date_basis": e.date_basis.value,  # the analyst's date is never the source's
            "basis_words": date_basis_words(e, notes="notes" in include and bool(e.notes)),
            "status": e.status.value,
            "actors": list(e.actors),
            "tags": list(e.tags),
            "summary": e.summary,
            "quotes": [quote(q) for q in e.quotes],
            "support": support.support.value,
            "independent": support.independent,
        }
        if e.end is not None and e.is_span:
            record["end_iso"] = _datetime(e.end)
        if support.inconsistent:
            record["inconsistent"] = True
        found = contradictions(e, by_source)
        if found:
            record["contradictions"] = [
                {
                    "against": c.against_at,
                    "stated": c.stated_at,
                    "against_date": c.against_dated.words() if c.against_dated else "",
                    "stated_date": c.stated_dated.words() if c.stated_dated else "",
                }
                | ({"note": c.note} if c.note and "notes" in include else {})
                for c in found
            ]
        links = []
        for entry in links_of(timeline.links, e.id, lambda other: order.get(other, -1)):
            if entry.other_id not in shown:
                continue
            link = entry.link
            item: dict[str, Any] = {
                "other": entry.other_id,
                "words": entry.words,
                "arrow": entry.arrow,
                "title": titles[entry.other_id][0],
                "date": titles[entry.other_id][1],
            }
            if link.label:
                item["label"] = link.label
            if entry.inferred:
                item["inferred"] = ANALYST_WORDS
            elif link.quote is not None:
                item["quote"] = quote(link.quote)
            links.append(item | _notes(link.notes, include))
        if links:
            record["links"] = links
        in_eras = [p.era.name for p in placed if p.t0 < e.t1 and e.t0 < p.t1]
        if in_eras:
            record["eras"] = in_eras
        record |= _notes(e.notes, include) | _extra(e.extra, include)
        out_events.append(record)

    store = TimelineStore(Timeline(timeline.title, timeline.sources, timeline.actors, list(events)))

    def legend(lanes: bool) -> list[dict[str, Any]]:  # the app's, for the events shown
        return [
            {
                "kind": entry.kind,
                "label": entry.label,
                "color": entry.color.lower() if is_color(entry.color) else "",
                "shape": entry.shape,
                "hollow": entry.hollow,
                "support": entry.support.value if entry.support else "",
            }
            for entry in legend_entries(store, styles, lanes=lanes, badges=True)
        ]

    scale, extent = _scale(events, timeline)
    return {
        "title": timeline.title,
        "file": Path(file_name).name,
        "date": date or publication_date(),
        "filter": filtered,
        "count": plural(len(events), "event"),
        "included": sorted(set(include) & ({"notes"} | ({"texts"} if texts else set()))),
        "scale": {"breaks": scale.breaks, "width": scale.break_width},
        "extent": extent,
        "statuses": [s.value for s in Status],
        "support_names": {s.value: name for s, name in SUPPORT_NAMES.items()},
        "support_words": {s.value: s.words for s in SUPPORT_NAMES},
        "actors": actors,
        "sources": sources,
        "eras": eras,
        "legend": legend(False),  # the actors of each event's first actor's colour
        "legend_lanes": legend(True),  # in lanes by actor: every actor's
        "events": out_events,
    }


def _quoted_sources(timeline: Timeline, events: Sequence[Event]) -> set[str]:
    """The ids of the sources the page publishes: those quoted by the events, or by a link
    between two of them."""
    shown = {e.id for e in events}
    used: set[str] = set()
    for e in events:
        used.update(q.source for q in e.quotes)
    for link in timeline.links:
        if link.quote is not None and link.from_id in shown and link.to_id in shown:
            used.add(link.quote.source)
    return used


def _datetime(date: TimelineDate) -> str:
    """A ``<time datetime>`` value: "1953", "2024-11", "2024-11-04"; a decade as its
    first year."""
    iso = date.iso()
    return iso[:-1] if iso.endswith("s") else iso


def page_html(data: dict[str, Any]) -> str:
    """The page: the template with the data, the code and the styles filled in, and a
    Content-Security-Policy naming the hashes of exactly that code and those styles."""
    script, style = template("page.js"), template("page.css")
    csp = CSP.format(script=csp_hash(script), style=csp_hash(style))
    fill = {
        "{{csp}}": csp,
        "{{title}}": _escape_text(data["title"]),
        "{{data}}": json_for_script(data),
        "{{style}}": style,
        "{{script}}": script,
    }
    # one pass over the template: nothing filled in is read again (a title "{{script}}")
    return _SLOT.sub(lambda m: fill[m.group(0)], template("page.html"))


def _escape_text(text: str) -> str:
    return escape_html(" ".join(text.split()))


def write_web_page(
    out: Path,
    timeline: Timeline,
    events: Sequence[Event],
    *,
    file_name: str,
    include: Collection[str] = (),
    has_text: Callable[[str], bool] | None = None,
    text_of: Callable[[str], str | None] | None = None,
    filtered: str = "",
) -> None:
    """Write the page of ``events`` to ``out`` (atomically)."""
    data = page_data(
        timeline,
        events,
        file_name=file_name,
        include=include,
        has_text=has_text,
        text_of=text_of,
        filtered=filtered,
    )
    atomic_write(out, page_html(data).encode("utf-8"))


def folder_texts(timeline: Timeline, folder: Path | None) -> Callable[[str], str | None]:
    """``text_of`` for :func:`page_data`: each source's text, read from the timeline's
    folder (None when it has none, or it cannot be read)."""
    texts = SourceTexts(folder)
    by_id = {s.id: s for s in timeline.sources}

    def text_of(source_id: str) -> str | None:
        source = by_id.get(source_id)
        return texts.text(source) if source is not None else None

    return text_of


def left_out(include: Collection[str], timeline: Timeline, events: Sequence[Event]) -> list[str]:
    """What the page of ``events`` leaves out, for the message after an export:
    ["analyst's notes", "source texts", "2 source links not http(s)"] or fewer."""
    used = _quoted_sources(timeline, events)
    used_sources = [s for s in timeline.sources if s.id in used]
    refused = len(refused_links(used_sources))
    out = []
    if "notes" not in include:
        out.append("analyst's notes")
    if "texts" not in include:
        out.append("source texts")
    if refused:  # (javascript:, file:...: never written into the page)
        out.append(f"{plural(refused, 'source link')} not http(s)")
    return out
