"""Timelines from TimelineJS (Knight Lab) JSON.

Import (:func:`from_timelinejs`)
--------------------------------
Reads TimelineJS 3 (``{"title": ..., "events": [...], "eras": [...]}``), the older wrapped
shape ``{"timeline": {"slides": [...]}}`` and TimelineJS 2 (``{"timeline": {"headline":
..., "date": [...]}}``, converted: ``startDate`` "2011,12,10", ``asset``, ``tag``).

* Slides are numbered as in the file's ``events`` list, from 1 ("slide 3"); the title
  slide is "the title slide".
* Dates: year only → a year, year and month → a month, all three → a day; empty strings
  count as absent, numbers and numeric strings are both read.  A ``display_date`` that
  reads as a decade ("1980s", "the 1980s – 1995") containing the year makes the date a
  decade.  Times of day are dropped (noted).
* A slide without a start date is skipped (noted).  A year outside 1–9998 (TimelineJS
  allows billions of years BC) cannot be shown by this app: the slide is skipped with a
  note naming the year.  If no slide at all can be imported, that is a problem.
* A malformed date (``"month": "13"``, ``"year": "abc"``) or an end before the start is
  a problem: a file with problems imports nothing.
* ``text.headline`` → title, as plain text (tags removed, entities decoded).  A slide with
  no headline is titled from its media caption, else the start of its text (noted).
* ``text.text`` → summary as plain text: paragraphs become blank lines, ``<br>`` a line
  break; every ``<blockquote>`` is taken out of it and becomes a quote.  A blockquote given
  as ``media.url`` (as TimelineJS users do) is a quote too.
* A quote's source is, in order: the ``<cite>`` inside the blockquote, the slide's
  ``media.credit``, or else one source standing for the TimelineJS file itself, titled
  with the timeline's title.  A cite in this exporter's form ``author, “title”, date``
  gives back the author, title and publication date.  When ``media.credit`` equals a
  quote's cite, ``media.url`` becomes that source's URL; otherwise media (images, videos,
  maps, links, captions) are not kept (noted).
* ``group`` → an actor of that name (created once per name), ``unique_id`` → the id (a
  used one is made unique, noted), else an id made from the title.  The title slide's
  headline → the timeline's title (else ``name``).
* ``eras`` → the timeline's eras, named by their headlines (one that cannot be dated is
  noted and left out).
* Not kept, each listed in :attr:`TjsImport.unmapped`: media, backgrounds, map locations,
  custom date labels, times of day, the title slide's text and media, unknown keys.

On the fly (:func:`open_timeline`)
----------------------------------
Where a timeline file is expected (the command line's FILE, File ▸ Open), a TimelineJS
file is imported by this same path, and what its import notes comes with it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ...core.actor_names import ActorNames, split_names
from ...core.dates import MAX_YEAR, MIN_YEAR, DateError, TimelineDate, end_before_start, parse_date
from ...core.evidence import DATE_ELSEWHERE
from ...core.fileformat import (
    LoadError,
    NotATimelineFile,
    Problem,
    load_timeline,
    timeline_from_data,
    timeline_to_data,
)
from ...core.jsonio import json_head, kind_of, read_json_bytes
from ...core.links import web_url
from ...core.model import (
    DateBasis,
    Era,
    Event,
    IdMaker,
    Quote,
    Source,
    Status,
    Timeline,
    unique_id,
)
from ...core.problems import failure_reason
from ...core.progress import Progress
from ...core.safe_read import DOCUMENT_LIMIT, read_regular_file
from ...core.wording import plural
from ..html_text import html_line, html_text
from .dates import SkippedSlide, as_decade, field_text, slide_date
from .export import FACTS_CLASS
from .shapes import tjs2_slide

DEFAULT_TITLE = "Imported timeline"


@dataclass(slots=True)
class TjsImport:
    """What a TimelineJS file imports.  ``timeline`` is None when there are problems.
    ``unmapped``: a note on each part converted or not kept, with where it is; in short,
    for a status line, ``left_out`` says what was not kept ("media (19 slides)") and
    ``converted`` what was changed to fit ("titles made from the text (4 slides)")."""

    timeline: Timeline | None
    problems: list[Problem] = field(default_factory=list)
    unmapped: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)
    converted: list[str] = field(default_factory=list)


_SLIDE_KEYS = {"start_date", "end_date", "text", "media", "group", "unique_id", "display_date"}
_QUIET_KEYS = {"type", "autolink"}  # how TimelineJS draws the slide: nothing to keep
_NOTED_KEYS = {  # the note, and what was not kept in short ({n}: "3 slides")
    "background": ("background images and colours not kept", "backgrounds ({n})"),
    "location": ("map locations not kept", "map locations ({n})"),
}
_RANGE = re.compile(r"\s+(?:–|—|-|to)\s+")
_CITED = re.compile(r"(?:(?P<before>.*?),\s*)?“(?P<title>[^”]+)”(?:,\s*(?P<after>.*))?", re.S)


def _obj(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _spans(numbers: list[int]) -> str:
    """[1, 2, 3, 5] → "slides 1–3, 5"."""
    parts: list[str] = []
    start = prev = numbers[0]
    for n in [*numbers[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        parts.append(str(start) if start == prev else f"{start}–{prev}")
        if n is not None:
            start = prev = n
    return ("slide " if len(numbers) == 1 else "slides ") + ", ".join(parts)


def _short(text: str, limit: int = 80) -> str:
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    return line[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


@dataclass(slots=True)
class _Importer:
    name: str
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    grouped: dict[str, list[int]] = field(default_factory=dict)
    shorts: dict[str, tuple[str, bool]] = field(default_factory=dict)  # (short, converted)
    left_out: list[str] = field(default_factory=list)
    converted: list[str] = field(default_factory=list)
    eras_left_out: int = 0
    skipped: list[tuple[str, int]] = field(default_factory=list)
    title: str = ""
    sources: dict[tuple[str, str, str, str], Source] = field(default_factory=dict)
    actors: ActorNames = field(default_factory=lambda: ActorNames(()))
    events: list[Event] = field(default_factory=list)
    event_ids: IdMaker = field(default_factory=IdMaker)
    eras: list[Era] = field(default_factory=list)
    era_ids: IdMaker = field(default_factory=IdMaker)

    def note(self, n: int, message: str, short: str = "", converted: bool = False) -> None:
        """Slide ``n``'s note, said once for all the slides that have it; ``short``: what
        was not kept (or ``converted``), in short ({n} becomes how many slides)."""
        if short:
            self.shorts[message] = (short, converted)
        slides = self.grouped.setdefault(message, [])
        if not slides or slides[-1] != n:
            slides.append(n)

    # -- the document --------------------------------------------------------------
    def run(self, data: Any) -> TjsImport:
        shape = self.shape(data)
        if shape is None:
            return TjsImport(None, self.problems, self.notes)
        title_slide, slides, eras = shape
        self.read_title(title_slide)
        for n, raw in enumerate(slides, 1):
            self.slide(n, raw)
        if isinstance(eras, list):
            for n, raw in enumerate(eras, 1):
                self.era(n, raw)
        self.notes.extend(f"{_spans(ns)}: {message}" for message, ns in self.grouped.items())
        for message, (short, converted) in self.shorts.items():
            said = short.format(n=plural(len(self.grouped[message]), "slide"))
            (self.converted if converted else self.left_out).append(said)
        if self.skipped:
            self.left_out.append(f"{plural(len(self.skipped), 'slide')} in years it cannot show")
        if self.eras_left_out:
            self.left_out.append(f"{plural(self.eras_left_out, 'era')} it cannot date")
        if not self.problems and not self.events:
            if not slides:
                why = "the file has no slides"
            elif self.skipped:
                k = len(self.skipped)
                which = f"all {k}" if k == len(slides) else f"{k} of its {len(slides)}"
                first, year = self.skipped[0]
                why = (
                    f"{which} slides have years this app cannot show (it shows years "
                    f"{MIN_YEAR}–{MAX_YEAR}; {first} is in year {year})"
                )
            else:
                why = "no slide has a start date"
            self.problems.append(Problem("", f"no event could be imported: {why}"))
        if self.problems:
            return TjsImport(None, self.problems, self.notes)
        timeline = Timeline(
            title=self.title,
            sources=list(self.sources.values()),
            actors=list(self.actors.new),
            events=self.events,
            eras=self.eras,
        )
        try:  # the importer's promise: what it returns is a valid timeline
            timeline_from_data(timeline_to_data(timeline))
        except LoadError as exc:
            return TjsImport(None, exc.problems, self.notes)
        return TjsImport(timeline, [], self.notes, self.left_out, self.converted)

    def shape(self, data: Any) -> tuple[Any, list[Any], Any] | None:
        """(title slide, slides, eras) of any of the shapes read, or None (a problem)."""
        not_tjs = (
            'not a TimelineJS file: expected an object with an "events" list (TimelineJS 3) '
            'or a "timeline" object (TimelineJS 2)'
        )
        if not isinstance(data, dict):
            self.problems.append(Problem("", f"{not_tjs}, not {kind_of(data)}"))
            return None
        if "events" in data:
            slides, title_slide, eras = data["events"], data.get("title"), data.get("eras")
            for key in data:
                if key not in ("events", "title", "eras", "scale"):
                    self.notes.append(f"{key!r} (top level) not kept")
                    self.left_out.append(repr(key))
            if data.get("scale") not in (None, "human"):
                self.notes.append(f"scale {data.get('scale')!r} not kept")
                self.left_out.append("the scale")
        elif isinstance(data.get("timeline"), dict):
            tl = data["timeline"]
            if "slides" in tl:
                self.notes.append(
                    'older TimelineJS shape {"timeline": {"slides": ...}}: slides read as events'
                )
                self.converted.append("the older TimelineJS shape")
                slides, title_slide, eras = tl["slides"], tl.get("title"), tl.get("eras")
            elif "date" in tl:
                self.notes.append(
                    "TimelineJS 2 file: converted (dates, headlines, texts, tags and media)"
                )
                self.converted.append("a TimelineJS 2 file")
                slides = tl["date"]
                if isinstance(slides, list):
                    slides = [tjs2_slide(d) for d in slides]
                title_slide = {"text": {"headline": tl.get("headline"), "text": tl.get("text")}}
                if tl.get("asset"):
                    title_slide["media"] = tl.get("asset")
                eras = tl.get("era")
                if isinstance(eras, list):  # the same keys as its dates
                    eras = [tjs2_slide(d) for d in eras]
            else:
                self.problems.append(
                    Problem("timeline", 'a TimelineJS 2 file needs a "date" or "slides" list')
                )
                return None
        else:
            self.problems.append(Problem("", not_tjs))
            return None
        if not isinstance(slides, list):
            self.problems.append(Problem("events", f"must be a list, not {kind_of(slides)}"))
            return None
        return title_slide, slides, eras

    def read_title(self, raw: Any) -> None:
        d = _obj(raw)
        text = _obj(d.get("text"))
        self.title = (
            html_line(field_text(text.get("headline"))) or self.name.strip() or DEFAULT_TITLE
        )
        dropped = []
        if html_line(field_text(text.get("text"))):
            dropped.append("text")
        if any(field_text(v).strip() for v in _obj(d.get("media")).values()):
            dropped.append("media")
        if _obj(d.get("background")):
            dropped.append("background")
        if dropped:
            listed = f"{', '.join(dropped[:-1])}{' and ' if dropped[1:] else ''}{dropped[-1]}"
            self.left_out.append(f"the title slide's {listed}")
            self.notes.append(
                f"the title slide: {listed} not kept (this app's timelines have a title only)"
            )

    # -- sources and actors ----------------------------------------------------------
    def source(self, cite: str) -> Source:
        """The source named by a cite or credit (made once), or the file's own source."""
        author = publication = ""
        published = None
        title = cite or self.title
        m = _CITED.fullmatch(cite)
        if m and m.group("title").strip():
            after = (m.group("after") or "").strip()
            try:
                published = parse_date(after) if after else None
            except DateError:
                published = None
            if published is not None or not after:
                title = m.group("title").strip()
                author, _, publication = (m.group("before") or "").partition(",")
                author, publication = author.strip(), publication.strip()
        key = (title, author, publication, published.iso() if published else "")
        found = self.sources.get(key)
        if found is None:
            taken = [s.id for s in self.sources.values()]
            base = author or title.split(",")[0]
            found = Source(unique_id(base, taken), title, author, publication, published=published)
            self.sources[key] = found
        return found

    def set_url(self, source: Source, url: str) -> None:
        for key, s in self.sources.items():
            if s.id == source.id and not s.url:
                self.sources[key] = replace(s, url=url)

    # -- one era ---------------------------------------------------------------------
    def era_left_out(self, note: str) -> None:
        self.notes.append(note)
        self.eras_left_out += 1

    def era(self, n: int, raw: Any) -> None:
        """A TimelineJS era: a named period (its name from the headline; an era without a
        start, or one this app cannot date, is said and left out)."""
        if not isinstance(raw, dict):
            self.era_left_out(f"era {n}: not an object: not imported")
            return
        name = html_line(field_text(_obj(raw.get("text")).get("headline"))) or f"Era {n}"
        where = f"era {n} (“{_short(name, 60)}”)"
        dates: list[TimelineDate | None] = []
        for key in ("start_date", "end_date"):
            try:
                d, _timed = slide_date(raw.get(key), key)
            except (SkippedSlide, DateError) as exc:
                self.era_left_out(f"{where}: {exc}: not imported")
                return
            dates.append(d)
        start, end = dates
        if start is None:
            self.era_left_out(f"{where}: no start date: not imported")
            return
        if end_before_start(start, end):
            self.era_left_out(f"{where}: it ends before it starts: not imported")
            return
        self.eras.append(Era(self.era_ids.make(name), name, start, end))

    # -- one slide -------------------------------------------------------------------
    def slide(self, n: int, raw: Any) -> None:
        if not isinstance(raw, dict):
            self.problems.append(Problem(f"slide {n}", f"must be an object, not {kind_of(raw)}"))
            return
        text = _obj(raw.get("text"))
        headline = html_line(field_text(text.get("headline")))
        where = f"slide {n}" + (f" (“{_short(headline, 60)}”)" if headline else "")

        dates: list[TimelineDate | None] = []
        for key in ("start_date", "end_date"):
            try:
                d, timed = slide_date(raw.get(key), key)
            except SkippedSlide as exc:
                self.skipped.append((where, exc.year))
                self.notes.append(f"{where}: {exc}: not imported")
                return
            except DateError as exc:
                self.problems.append(Problem(where, f"{key}: {exc}"))
                return
            if timed:
                self.note(n, "times of day not kept", "times of day ({n})")
            dates.append(d)
        start, end = dates
        if start is None:
            self.note(n, "no start date: not imported", "{n} without a start date")
            return
        display = html_line(field_text(raw.get("display_date")))
        if display:
            parts = _RANGE.split(display, maxsplit=1)
            decade_start = as_decade(start, parts[0])
            decade_end = as_decade(end, parts[-1]) if len(parts) == 2 else None
            start, end = decade_start or start, decade_end or end
            if decade_start is None and decade_end is None:
                self.note(n, "custom date labels (display_date) not kept", "date labels ({n})")
        if problem := end_before_start(start, end):
            self.problems.append(Problem(where, f"end_date: {problem}"))
            return
        if end == start:
            end = None

        body, facts = _facts(field_text(text.get("text")))
        summary, quoted = html_text(body)
        media = _obj(raw.get("media"))
        media_url = field_text(media.get("url")).strip()
        credit = html_line(field_text(media.get("credit")))
        caption = html_line(field_text(media.get("caption")))
        quote_media = media_url.lower().startswith("<blockquote")
        if quote_media:
            extra_text, from_media = html_text(media_url)
            quoted += [(t, c or credit) for t, c in from_media]
            summary = "\n\n".join(x for x in (summary, extra_text) if x)
        link = "" if quote_media else web_url(media_url)
        quotes: list[Quote] = []
        kept_link = False
        for quote_text, cite in quoted:
            source = self.source(cite or credit)
            if link and credit and cite == credit:
                self.set_url(source, link)
                kept_link = True
            quotes.append(Quote(source.id, quote_text))
        thumbnail = field_text(media.get("thumbnail")).strip()
        if caption or (not quote_media and not kept_link and (media_url or thumbnail)):
            self.note(n, "media (images, videos, maps, links, captions) not kept", "media ({n})")

        title = headline
        if not title:
            title = _short(caption or summary or (quotes[0].text if quotes else "")) or (
                f"Slide {n}"
            )
            self.note(
                n, "no headline: titled from the media caption or the text",
                "titles made from the text ({n})", converted=True,
            )  # fmt: skip

        event_id = field_text(raw.get("unique_id")).strip()
        if event_id in self.event_ids:
            event_id = self.event_ids.make(event_id)
            self.note(
                n, "unique_id already used by an earlier slide: given a new id",
                "new ids for ids used twice ({n})", converted=True,
            )  # fmt: skip
        elif not event_id:
            event_id = self.event_ids.make(title)
        else:
            self.event_ids.add(event_id)

        group = html_line(field_text(raw.get("group")))
        for key in raw:
            if key in _NOTED_KEYS and raw[key]:
                self.note(n, *_NOTED_KEYS[key])
            elif key not in _SLIDE_KEYS and key not in _QUIET_KEYS and key not in _NOTED_KEYS:
                self.note(n, f"{key!r} not kept", f"{key!r} ({{n}})")
        self.events.append(
            Event(
                id=event_id,
                title=title,
                start=start,
                end=end,
                actors=self.actors.ids(facts.actors or ([group] if group else [])),
                status=facts.status,
                date_basis=facts.date_basis,
                tags=tuple(facts.tags),
                summary=summary,
                quotes=tuple(quotes),
            )
        )


@dataclass
class _Facts:
    """What this app's own export writes at the top of a slide's text."""

    status: Status = Status.REPORTED
    actors: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    date_basis: DateBasis = DateBasis.SOURCE


# " · " with an even number of double quotes after it: not inside a quoted name
_OUTSIDE_QUOTES = re.compile(r' · (?=(?:[^"]*"[^"]*")*[^"]*$)')
# the date part of the facts: this app's words, and those its exports wrote before
ELSEWHERE_WORDS = (DATE_ELSEWHERE, "from another source")
_FACTS = re.compile(rf'<p class="{FACTS_CLASS}">(.*?)</p>', re.DOTALL)


def _facts(text: str) -> tuple[str, _Facts]:
    """The slide's text without the facts paragraph this app's export writes, and those
    facts (a slide from elsewhere has none: reported, its group as actor)."""
    facts = _Facts()
    m = _FACTS.search(text)
    if m is None:
        return text, facts
    for part in _OUTSIDE_QUOTES.split(html_line(m.group(1))):
        label, _, value = part.partition(": ")
        if label == "Status" and value in {s.value for s in Status}:
            facts.status = Status(value)
        elif label == "Actors":
            facts.actors = split_names(value)
        elif label == "Tags":
            facts.tags = split_names(value)
        elif label == "Date" and value in ELSEWHERE_WORDS:
            facts.date_basis = DateBasis.ELSEWHERE
    return text[: m.start()] + text[m.end() :], facts


def from_timelinejs(data: Any, name: str = "") -> TjsImport:
    """Import parsed TimelineJS JSON.  ``name`` titles the timeline when the file has no
    title slide headline (e.g. the file name).  Never raises for bad input."""
    return _Importer(name).run(data)


def read_timelinejs(path: str | os.PathLike[str]) -> TjsImport:
    """Read and import a TimelineJS JSON file; JSON syntax errors come with line/column."""
    try:
        data = read_json_bytes(read_regular_file(path, DOCUMENT_LIMIT, head=json_head))
    except OSError as exc:
        return TjsImport(None, [Problem("", f"cannot read: {failure_reason(exc)}")])
    except LoadError as exc:
        return TjsImport(None, exc.problems)
    return from_timelinejs(data, Path(path).stem)


def imported_what(timeline: Timeline) -> str:
    """What an import brought, in words: "20 events", "20 events and 3 eras"."""
    eras = f" and {plural(len(timeline.eras), 'era')}" if timeline.eras else ""
    return plural(len(timeline.events), "event") + eras


def in_short(result: TjsImport) -> str:
    """What an import did not keep and what it converted, in one line ("not kept: media
    (19 slides), backgrounds (7 slides); converted: titles made from the text (4 slides)"),
    or "" when it kept everything as it was."""
    parts = [f"not kept: {', '.join(result.left_out)}"] if result.left_out else []
    if result.converted:
        parts.append(f"converted: {', '.join(result.converted)}")
    return "; ".join(parts)


class NotImported(LoadError):
    """A TimelineJS file given where a timeline was expected, which did not import: its
    problems (and the import's notes)."""

    def __init__(self, result: TjsImport, path: str | os.PathLike[str]) -> None:
        super().__init__(result.problems, path)
        self.notes = result.unmapped


@dataclass(frozen=True, slots=True)
class Opened:
    """A file given where a timeline is expected: a timeline-app file read, or a
    TimelineJS file imported on the fly (``imported``: what its import says)."""

    timeline: Timeline
    imported: TjsImport | None = None


def open_timeline(path: str | os.PathLike[str], progress: Progress | None = None) -> Opened:
    """The timeline in ``path``: a timeline-app file, read; a TimelineJS file, imported as
    File ▸ Import does (:func:`read_timelinejs`).  Raises :class:`LoadError` (with the
    path) for any other file, :class:`NotImported` for a TimelineJS file that does not
    import."""
    try:
        return Opened(load_timeline(path, progress))
    except NotATimelineFile as exc:
        if exc.kind != "timelinejs":
            raise
    result = read_timelinejs(path)
    if result.timeline is None:
        raise NotImported(result, path)
    return Opened(result.timeline, result)
