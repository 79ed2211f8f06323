"""``FILE --export OUT``: write the events a filter picks, without a window.  CSV and
TimelineJS are written from the core's records (no Qt); images are painted by the ui.

OUT is never the timeline file itself nor one of its source texts, however it is reached
(a link, ``..``): that is refused.  Any other existing OUT is replaced, through a link as
``cp`` does, atomically."""

from __future__ import annotations

import os
from pathlib import Path

from ..core.bundled import bundled_dataset
from ..core.export_formats import (
    CSV,
    HTML,
    TIMELINEJS,
    left_out_phrase,
    links_and_eras_left_out,
)
from ..core.file_names import own_file
from ..core.fileformat import LoadError
from ..core.filters import FilterState
from ..core.model import Timeline
from ..core.problems import failure_reason
from ..core.store import TimelineStore
from ..core.wording import plural
from ..interop.timelinejs import NotImported, imported_what, open_timeline
from .options import Options
from .output import EXIT_FAILED, EXIT_OK, EXIT_USAGE, say


def export(options: Options) -> int:
    loaded = load_filtered(options)
    if isinstance(loaded, int):
        return loaded
    timeline, source, store, state = loaded
    out = options.out
    assert out is not None
    try:
        missing = _write(options, timeline, source, store, state)
    except (OSError, ValueError) as exc:
        say(f"{out} not written: {failure_reason(exc)}")
        return EXIT_FAILED
    rest = f"; {left_out_phrase(missing, options.export_format.label)}" if missing else ""
    say(f"wrote {out} ({plural(len(store.visible), 'event')}){rest}")
    return EXIT_OK


def load_filtered(options: Options) -> tuple[Timeline, Path, TimelineStore, FilterState] | int:
    """FILE (or the bundled dataset) with the filter the options ask for, or the exit code
    when there is nothing to write (each reason said): a file that does not load, an
    unknown actor or source, OUT being the timeline or one of its texts, no event matching.
    A TimelineJS FILE is imported on the fly, as File ▸ Import does (said, with its notes)."""
    source = options.file or bundled_dataset()
    out = options.out
    assert out is not None
    try:
        opened = open_timeline(source)
    except LoadError as exc:
        if isinstance(exc, NotImported):
            say(f"{source} is a TimelineJS file that could not be imported:")
        for problem in exc.problems:
            say(problem.format(str(source)))
        if isinstance(exc, NotImported):
            _say_notes(source, exc.notes)
        return EXIT_FAILED
    timeline = opened.timeline
    if opened.imported is not None:
        say(f"{source} is a TimelineJS file: imported {imported_what(timeline)}")
        _say_notes(source, opened.imported.unmapped)
    state, unknown = options.asked.resolve(timeline)
    if unknown:
        say(unknown)
        return EXIT_USAGE
    itself = "the TimelineJS file itself" if opened.imported else "the timeline file itself"
    clash = own_file(out, source, timeline, itself)
    if clash is not None:
        say(f"not written: {out} is {clash}")
        return EXIT_FAILED
    store = TimelineStore(timeline)
    store.set_filter(state)
    if not len(store.visible):
        if state.active:
            say(f"no events match {state.describe(timeline)}: nothing written")
        else:
            say(f"{source} has no events: nothing written")
        return EXIT_FAILED
    return timeline, source, store, state


def _say_notes(source: Path, notes: list[str]) -> None:
    """Each note of a TimelineJS import: what was converted, or not kept."""
    for note in notes:
        say(f"{source}: note: {note}")


def _write(
    options: Options, timeline: Timeline, source: Path, store: TimelineStore, state: FilterState
) -> list[str]:
    """Write OUT; what of the events its format cannot hold."""
    out, fmt = options.out, options.export_format
    assert out is not None
    events = store.shown_events()
    if fmt is CSV:
        from ..interop.csv_io import write_csv

        write_csv(out, timeline, events)
        return links_and_eras_left_out(timeline, events)
    elif fmt is TIMELINEJS:
        from ..interop.timelinejs import write_timelinejs
        from ..interop.timelinejs.export import left_out

        write_timelinejs(out, timeline, events)
        return left_out(timeline, events)
    elif fmt is HTML:
        from ..core.source_texts import timeline_folder
        from ..interop import web

        web.write_web_page(
            out, timeline, events, file_name=source.name, include=options.include,
            text_of=web.folder_texts(timeline, timeline_folder(source)),
            filtered=state.describe(timeline) if state.active else "",
        )  # fmt: skip
        return web.left_out(options.include, timeline, events)
    else:
        if "QT_QPA_PLATFORM" not in os.environ:
            os.environ["QT_QPA_PLATFORM"] = "offscreen"  # no display needed
        from ..ui.image_export import export_timeline  # Qt is imported here only

        export_timeline(timeline, source, state, out, fmt, options.width)
    return []
