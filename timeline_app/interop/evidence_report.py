"""The evidence report written out: JSON (the report's data as it is), Markdown, or one
HTML page.  Every string from the timeline is escaped for the format it goes into: a
title ``<script>`` is text in the Markdown and in the page, and the page carries a
Content-Security-Policy that lets it load and run nothing."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ..core.atomic import atomic_write
from ..core.dates import parse_iso
from ..core.markup import escape_html
from ..core.wording import plural

REPORT_SUFFIXES = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".json": "json"}
REPORT_FORMATS = ("md", "html", "json")
_SUPPORT_WORDS = {
    "corroborated": "corroborated",
    "single": "single source",
    "contested": "contested",
    "unsourced": "no source",
}
CSP = "default-src 'none'; style-src 'unsafe-inline'"


def report_format(out: Path, asked: str | None = None) -> str:
    """The format for ``out``: ``asked`` (md, html, json), else from its suffix."""
    if asked is not None:
        fmt = asked.lower().lstrip(".")
        fmt = {"markdown": "md", "htm": "html"}.get(fmt, fmt)
        if fmt not in REPORT_FORMATS:
            raise ValueError(f"a report is {', '.join(REPORT_FORMATS)}, not {asked!r}")
        return fmt
    fmt_of = REPORT_SUFFIXES.get(out.suffix.lower())
    if fmt_of is None:
        raise ValueError(f"{out.name}: name it .md, .html or .json (or give --format)")
    return fmt_of


def report_text(data: dict[str, Any], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "md":
        return _markdown(data)
    return _html(data)


def write_report(out: Path, data: dict[str, Any], fmt: str) -> None:
    atomic_write(out, report_text(data, fmt).encode("utf-8"))


# -- Markdown ------------------------------------------------------------------------------
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#+!|~])")  # ("(" is no link without "[")


def _md(text: str) -> str:
    """Text as Markdown shows it literally: markup characters escaped, HTML too (a
    Markdown viewer would render it), one line."""
    one_line = " ".join(str(text).split())
    return _MD_SPECIAL.sub(r"\\\1", escape_html(one_line, quote=False))


def _markdown(data: dict[str, Any]) -> str:
    s = data["summary"]
    lines = [
        f"# Evidence report: {_md(data['title'])}",
        "",
        *([f"{_md(_filter_line(data))}", ""] if data.get("filter") else []),
        _md(_summary_line(data)),
        "",
        "## Sources",
        "",
        "| Source | Grade | Why | Kind | Derives from | Events supported | Resting on it alone |",
        "|---|---|---|---|---|---|---|",
    ]
    for src in data["sources"]:
        lines.append(
            f"| {_md(src['title'])}{' (an excerpt)' if src['excerpt'] else ''} | "
            f"{_md(src['grade'])} | {_md(src['reason'])} | {_md(src['kind'] or '')} | "
            f"{_md(_derived_words(data, src))} | {src['events_supported']} | "
            f"{src['events_resting_on_it_alone']} |"
        )
    titles = {e["id"]: e["title"] for e in data["events"]}
    if data["contradictions"]:
        lines += ["", "## Contradictions", ""]
        for stated, against, c in _pairs(data):
            line = f"- {_md(titles[c['event']])}: "
            if stated is not None:
                line += f"“{_md(stated[0])}” ({_md(stated[1])}) against "
            line += f"“{_md(against[0])}” ({_md(against[1])})."
            lines.append(line + (f" {_md(c['note'])}" if c["note"] else ""))
    if s["single_source_events"]:
        lines += ["", "## Events resting on a single source", ""]
        lines += [f"- {_md(titles[i])}" for i in s["single_source_events"]]
    lines += ["", "## Events", ""]
    sources = {src["id"]: src for src in data["sources"]}
    for e in data["events"]:
        lines.append(f"### {_md(e['date'])}: {_md(e['title'])} ({_SUPPORT_WORDS[e['support']]})")
        lines.append("")
        if e["inconsistent"]:
            lines.append("- ⚠ graded “confirmed by other sources” but resting on one source")
        for q in e["quotes"]:
            name = sources[q["source"]]["title"] if q["source"] in sources else q["source"]
            mark = "⚠ contradicts: " if q["stance"] == "contradicts" else ""
            note = f" Note: {_md(q['note'])}" if q["note"] else ""
            checked = "" if q["verified"] else " (unverified: no source text)"
            lines.append(
                f"- {mark}“{_md(q['text'])}” — {_md(name)}, {_md(q['grade'])}{checked}.{note}"
            )
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _summary_line(data: dict[str, Any]) -> str:
    s = data["summary"]
    counts = s["support"]
    return (
        f"{plural(s['events'], 'event')}: {counts['corroborated']} corroborated, "
        f"{counts['single']} on a single source, {counts['contested']} contested, "
        f"{counts['unsourced']} with no source; "
        f"{plural(s['contradictions'], 'contradiction')} recorded."
    )


def _filter_line(data: dict[str, Any]) -> str:
    f = data["filter"]
    return f"Filtered: {f['words']} ({len(data['events'])} of {plural(f['of'], 'event')})."


def _derived_words(data: dict[str, Any], src: dict[str, Any]) -> str:
    titles = {other["id"]: other["title"] for other in data["sources"]}
    return "; ".join(titles.get(i, i) for i in src["derived_from"])


def _pairs(
    data: dict[str, Any],
) -> list[tuple[tuple[str, str] | None, tuple[str, str], dict[str, Any]]]:
    """Each contradiction as (the quote it is set beside, the contradicting quote, the
    contradiction with its event's title): each quote as (text, "source, date")."""
    events = {e["id"]: e for e in data["events"]}
    titles = {src["id"]: src["title"] for src in data["sources"]}

    def said(event: dict[str, Any], at: int | None, published: str | None) -> tuple[str, str]:
        q = event["quotes"][at]
        who = titles.get(q["source"], q["source"])
        return q["text"], who + (f", {parse_iso(published).words()}" if published else "")

    out = []
    for c in data["contradictions"]:
        event = events[c["event"]]
        stated = None if c["against"] is None else said(event, c["against"], c["against_published"])
        against = said(event, c["quote"], c["quote_published"])
        out.append((stated, against, {**c, "event_title": event["title"]}))
    return out


# -- HTML ----------------------------------------------------------------------------------
_STYLE = (
    "body{font:15px/1.45 system-ui,sans-serif;max-width:52em;margin:2em auto;padding:0 1em}"
    "table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:.2em .5em;"
    "text-align:left}.contested{color:#b00}.corroborated{color:#176b32}"
    "blockquote{margin:.3em 0 .3em 1em;font-style:italic}.meta{color:#555}"
)


def _html(data: dict[str, Any]) -> str:
    e_ = escape_html
    s = data["summary"]
    title = f"Evidence report: {data['title']}"
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e_(title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{e_(title)}</h1>",
        *([f"<p><b>{e_(_filter_line(data))}</b></p>"] if data.get("filter") else []),
        f"<p>{e_(_summary_line(data))}</p>",
        "<h2>Sources</h2><table><tr><th>Source</th><th>Grade</th><th>Why</th><th>Kind</th>"
        "<th>Derives from</th><th>Events supported</th><th>Resting on it alone</th></tr>",
    ]
    for src in data["sources"]:
        excerpt = " (an excerpt)" if src["excerpt"] else ""
        out.append(
            f"<tr><td>{e_(src['title'])}{excerpt}</td><td>{e_(src['grade'])}</td>"
            f"<td>{e_(src['reason'])}</td><td>{e_(src['kind'] or '')}</td>"
            f"<td>{e_(_derived_words(data, src))}</td><td>{src['events_supported']}</td>"
            f"<td>{src['events_resting_on_it_alone']}</td></tr>"
        )
    out.append("</table>")
    titles = {ev["id"]: ev["title"] for ev in data["events"]}
    if s["single_source_events"]:
        out.append("<h2>Events resting on a single source</h2><ul>")
        out += [
            f'<li><a href="#event-{e_(i)}">{e_(titles[i])}</a></li>'
            for i in s["single_source_events"]
        ]
        out.append("</ul>")
    if data["contradictions"]:
        out.append("<h2>Contradictions</h2><table><tr><th>Event</th><th>Its sources say</th>"
                   "<th>Against it</th><th>Note</th></tr>")  # fmt: skip
        for stated, against, c in _pairs(data):
            said = f"“{e_(stated[0])}”<br>{e_(stated[1])}" if stated is not None else ""
            out.append(
                f'<tr><td><a href="#event-{e_(c["event"])}">{e_(c["event_title"])}</a></td>'
                f'<td>{said}</td><td class="contested">“{e_(against[0])}”<br>'
                f"{e_(against[1])}</td><td>{e_(c['note'])}</td></tr>"
            )
        out.append("</table>")
    sources = {src["id"]: src for src in data["sources"]}
    out.append("<h2>Events</h2>")
    for ev in data["events"]:
        support = ev["support"]
        out.append(
            f'<h3 id="event-{e_(ev["id"])}">{e_(ev["date"])}: {e_(ev["title"])} '
            f'<span class="{e_(support)}">({e_(_SUPPORT_WORDS[support])})</span></h3>'
        )
        if ev["inconsistent"]:
            out.append(
                '<p class="contested">⚠ graded “confirmed by other sources” but resting on '
                "one source</p>"
            )
        for q in ev["quotes"]:
            name = sources[q["source"]]["title"] if q["source"] in sources else q["source"]
            stance = (
                '<b class="contested">Contradicts:</b> ' if q["stance"] == "contradicts" else ""
            )
            note = f" Note: {e_(q['note'])}" if q["note"] else ""
            checked = "" if q["verified"] else " (unverified: no source text)"
            out.append(
                f"<blockquote>{stance}“{e_(q['text'])}”</blockquote>"
                f'<p class="meta">— {e_(name)}, {e_(q["grade"])}{checked}.{note}</p>'
            )
    out.append("</body></html>")
    return "\n".join(out) + "\n"
