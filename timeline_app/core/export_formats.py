"""The formats the app exports to, named once: the suffix a file's name ends in, what a
file dialog calls it, and whether it is painted (the timeline as it looks, drawn by Qt) or
written from the shown events (no Qt needed)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .model import Event, Timeline
from .wording import plural


@dataclass(frozen=True, slots=True)
class ExportFormat:
    name: str  # what --format takes
    suffix: str  # what a file of it is called
    label: str  # what a file dialog calls it
    painted: bool  # an image of the timeline (Qt paints it); else the events as data


PNG = ExportFormat("png", ".png", "PNG image", painted=True)
SVG = ExportFormat("svg", ".svg", "SVG vector image", painted=True)
PDF = ExportFormat("pdf", ".pdf", "PDF document", painted=True)
CSV = ExportFormat("csv", ".csv", "CSV spreadsheet", painted=False)
TIMELINEJS = ExportFormat("timelinejs", ".timelinejs.json", "TimelineJS JSON", painted=False)
HTML = ExportFormat("html", ".html", "web page", painted=False)
#: what a web page publishes only when asked for (``--include``; the Publish dialog)
INCLUDABLE = ("notes", "texts")

FORMATS = (PNG, SVG, PDF, CSV, TIMELINEJS, HTML)
IMAGES = tuple(f for f in FORMATS if f.painted)
BY_NAME = {f.name: f for f in FORMATS}


class UnknownFormat(ValueError):
    """A name that says no format (or one that could be a timeline: a plain .json)."""


def names() -> str:
    """ "png, svg, pdf, csv, timelinejs, html" (what --format takes)."""
    return ", ".join(BY_NAME)


def format_of(name: str, given: str | None = None) -> ExportFormat:
    """The format ``given`` names (``--format``), or else the one ``name`` ends in (any
    case).  A plain ``.json`` is not guessed: it could be a timeline file."""
    if given is not None:
        chosen = BY_NAME.get(given.lower())
        if chosen is None:
            raise UnknownFormat(f"there is no format {given!r}: use one of {names()}")
        return chosen
    lowered = name.lower()
    # the longest suffix first: ".timelinejs.json" before any ".json"
    for fmt in sorted(FORMATS, key=lambda f: -len(f.suffix)):
        if lowered.endswith(fmt.suffix):
            return fmt
    suffixes = ", ".join(f.suffix for f in FORMATS)
    if lowered.endswith(".json"):
        raise UnknownFormat(
            f"a .json file could be a timeline: name it *{TIMELINEJS.suffix} or give "
            f"--format timelinejs (the formats: {suffixes})"
        )
    raise UnknownFormat(f"the name says no format: end it in one of {suffixes}, or give --format")


def file_filter(formats: Sequence[ExportFormat], everything: bool = False) -> str:
    """What a save dialog offers: "PNG image (*.png);;SVG vector image (*.svg)"."""
    kinds = [f"{f.label} (*{f.suffix})" for f in formats]
    return ";;".join([*kinds, "All files (*)"] if everything else kinds)


def links_left_out(timeline: Timeline, events: Sequence[Event]) -> list[str]:
    """The links between these events, when a file of events (CSV, TimelineJS) leaves
    them out: ["5 links"], or []."""
    ids = {e.id for e in events}
    links = sum(1 for k in timeline.links if k.from_id in ids and k.to_id in ids)
    return [plural(links, "link")] if links else []


def left_out_phrase(missing: Sequence[str], label: str) -> str:
    """What an export left out, said after what it wrote: "not in the CSV spreadsheet:
    5 links and 3 eras" ("" when nothing was)."""
    if not missing:
        return ""
    listed = missing[0] if len(missing) == 1 else f"{', '.join(missing[:-1])} and {missing[-1]}"
    return f"not in the {label}: {listed}"


def links_and_eras_left_out(timeline: Timeline, events: Sequence[Event]) -> list[str]:
    """What a CSV file of events leaves out of the timeline: the links between these
    events ("5 links") and the eras ("3 eras")."""
    eras = [plural(len(timeline.eras), "era")] if timeline.eras else []
    return links_left_out(timeline, events) + eras
