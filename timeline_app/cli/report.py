"""``FILE --report OUT``: the evidence report on the events a filter picks (Markdown,
HTML or JSON, from OUT's name or ``--format``), without a window."""

from __future__ import annotations

from ..core.evidence_report import report_data
from ..core.problems import failure_reason
from ..core.source_texts import SourceTexts, timeline_folder
from ..core.wording import plural
from ..interop.evidence_report import write_report
from .export import load_filtered
from .options import Options
from .output import EXIT_FAILED, EXIT_OK, say


def report(options: Options) -> int:
    loaded = load_filtered(options)
    if isinstance(loaded, int):
        return loaded
    timeline, source, store, _state = loaded
    out = options.out
    assert out is not None
    has_text = SourceTexts(timeline_folder(source)).checkable(timeline.sources)
    events = store.shown_events()
    filtered = store.filter.describe(timeline) if store.filter.active else ""
    try:
        write_report(out, report_data(timeline, events, has_text, filtered), options.report)
    except OSError as exc:
        say(f"{out} not written: {failure_reason(exc)}")
        return EXIT_FAILED
    say(f"wrote {out} ({plural(len(events), 'event')})")
    return EXIT_OK
