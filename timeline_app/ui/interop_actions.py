"""What File ▸ Export and Import do: the view as PNG/SVG/PDF, printing, CSV and TimelineJS
(the actions themselves are declared in :mod:`~timeline_app.ui.actions`).

Thin: the formats live in :mod:`timeline_app.interop`; this module asks the questions
(through the window's prompts) and turns an import into one undoable change.  Each format
is imported when first used: none of them is needed to start.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from ..core.export_formats import (
    CSV,
    IMAGES,
    PNG,
    TIMELINEJS,
    file_filter,
    format_of,
    left_out_phrase,
    links_and_eras_left_out,
)
from ..core.file_names import own_file, with_extension
from ..core.model import Event, Timeline
from ..core.problems import failure_reason
from ..core.progress import Cancelled
from ..core.timeline_merge import merge_change
from ..core.wording import plural, summarise
from .progress import with_progress
from .save_target import save_target

if TYPE_CHECKING:
    from .main_window import MainWindow

IMAGE_FILTER = file_filter(IMAGES)
CSV_FILTER = file_filter([CSV], everything=True)
TJS_FILTER = "TimelineJS JSON (*.json);;All files (*)"  # what an import opens
REPORT_FILTER = "Web page (*.html);;Markdown (*.md);;JSON (*.json)"
EventWriter = Callable[[Path, Timeline, Sequence[Event]], None]
THIS_TIMELINE, NEW_TIMELINE = "This timeline", "A new timeline"
PNG_SIZES = ("As on screen (1×)", "Double resolution (2×)", "1920 pixels wide", "3840 pixels wide")


class InteropActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.prompts = window.prompts

    def _suggest(self, suffix: str) -> str:
        doc = self.window.document
        base = doc.path.with_suffix(suffix) if doc.path else Path.home() / f"timeline{suffix}"
        if doc.path is not None and doc.read_only:
            base = Path.home() / base.name
        return str(base)

    def _fail(self, what: str, exc: Exception) -> None:
        reason = failure_reason(exc)
        self.prompts.show_problems(self.window, f"Could not {what}", f"Could not {what}: {reason}.")

    def _folder(self) -> str:
        """Where import dialogs open: the last folder imported from, else the timeline's."""
        last = self.window.settings.import_folder()
        if last is not None:
            return last
        doc = self.window.document
        return str(doc.path.parent) if doc.path and not doc.read_only else str(Path.home())

    def _remember_folder(self, path: Path) -> None:
        self.window.settings.set_import_folder(path.resolve().parent)

    def _show_list(self, title: str, intro: str, lines: list[str]) -> None:
        """``intro`` and the first dozen lines; all of them under "Show Details…"."""
        listed, details = summarise(lines)
        self.prompts.show_problems(self.window, title, f"{intro}\n\n{listed}", details)

    def _export_target(
        self, title: str, suffixes: tuple[str, ...], suffix: str, file_filter: str
    ) -> Path | None:
        """Where to export, asked: None when cancelled, or when the name chosen is the
        timeline's own file or one of its source texts (said; nothing is written)."""
        name = self.prompts.save_path(self.window, title, self._suggest(suffix), file_filter)
        if not name:
            return None
        doc = self.window.document
        typed = with_extension(Path(name), suffixes, suffix)
        if doc.path is None and doc.imported_from is not None:  # nor the file imported
            what = "the TimelineJS file this timeline was imported from"
            clash = own_file(typed, doc.imported_from, doc.timeline, what)
        else:
            clash = own_file(typed, doc.path, doc.timeline)
        if clash is not None:  # before any question about replacing it
            self.prompts.show_problems(
                self.window, "Not exported", f"Not exported: that file is {clash}."
            )
            return None
        return save_target(self.prompts, self.window, name, suffixes, suffix)

    def _export_shown(
        self,
        title: str,
        suffixes: tuple[str, ...],
        suffix: str,
        file_filter: str,
        write: EventWriter,
        failed: str,
    ) -> tuple[Path, int] | None:
        """Ask where, then write the shown events there: the file and how many events,
        or None (not asked, or the failure ``failed`` is said)."""
        path = self._export_target(title, suffixes, suffix, file_filter)
        if path is None:
            return None
        doc = self.window.document
        events = doc.store.shown_events()
        try:
            write(path, doc.timeline, events)
        except Exception as exc:  # said, whatever it is: nothing is written silently
            self._fail(failed, exc)
            return None
        return path, len(events)

    # -- images and print ----------------------------------------------------------------
    def export_view_dialog(self) -> None:
        from .image_export import export_file

        suffixes = tuple(f.suffix for f in IMAGES)
        path = self._export_target("Export view", suffixes, PNG.suffix, IMAGE_FILTER)
        if path is None:
            return
        view = self.window.timeline
        width, scale = int(view.width()), 1.0
        if format_of(path.name) is PNG:
            size = self.prompts.choice(self.window, "Export view", "Image size:", list(PNG_SIZES))
            if size is None:
                return
            width, scale = {
                PNG_SIZES[0]: (width, 1.0),
                PNG_SIZES[1]: (width, 2.0),
                PNG_SIZES[2]: (1920, 1.0),
                PNG_SIZES[3]: (3840, 1.0),
            }[size]
        try:
            export_file(view, path, width, scale)
        except Exception as exc:  # said, whatever it is
            self._fail("export the view", exc)
            return
        self.window.statusBar().showMessage(f"Exported {path.name}", 5000)

    def print_dialog(self) -> None:
        self.prompts.print_preview(self.window, self.window.timeline)

    # -- the evidence report ---------------------------------------------------------------
    def evidence_report_dialog(self) -> None:
        """The evidence report on the shown events, in the format of the name chosen."""
        from ..core.evidence_report import report_data
        from ..interop.evidence_report import REPORT_SUFFIXES, report_format, write_report

        doc = self.window.document

        def write(path: Path, timeline: Timeline, events: Sequence[Event]) -> None:
            filtered = doc.filter.describe(timeline) if doc.filter.active else ""
            data = report_data(timeline, events, doc.texts.checkable(timeline.sources), filtered)
            write_report(path, data, report_format(path))

        done = self._export_shown(
            "Evidence report", tuple(REPORT_SUFFIXES), ".html", REPORT_FILTER, write,
            "write the evidence report",
        )  # fmt: skip
        if done is not None:
            path, count = done
            self.window.statusBar().showMessage(
                f"Wrote the evidence report on {count} events to {path.name}", 5000
            )

    # -- the web page ------------------------------------------------------------------
    def publish_dialog(self) -> None:
        """The shown events as one self-contained web page, with the notes and the source
        texts if asked for."""
        from ..core.export_formats import HTML
        from ..interop import web

        include = self.prompts.publish_options(self.window)
        if include is None:
            return
        doc = self.window.document

        def text_of(source_id: str) -> str | None:
            source = doc.timeline.source(source_id)
            return doc.texts.text(source) if source is not None else None

        def write(path: Path, timeline: Timeline, events: Sequence[Event]) -> None:
            name = doc.path.name if doc.path else f"{timeline.title}.json"
            web.write_web_page(
                path, timeline, events, file_name=name, include=include,
                has_text=doc.texts.checkable(timeline.sources),
                text_of=text_of,
                filtered=doc.filter.describe(timeline) if doc.filter.active else "",
            )  # fmt: skip

        done = self._export_shown(
            "Publish as Web Page", (HTML.suffix, ".htm"), HTML.suffix,
            file_filter([HTML], everything=True), write, "publish the web page",
        )  # fmt: skip
        if done is not None:
            shown = doc.store.shown_events()
            rest = left_out_phrase(web.left_out(include, doc.timeline, shown), HTML.label)
            self.window.statusBar().showMessage(
                f"Published {plural(done[1], 'event')} as {done[0].name}"
                + (f"; {rest}" if rest else ""), 15000,
            )  # fmt: skip

    # -- CSV ---------------------------------------------------------------------------
    def export_csv_dialog(self) -> None:
        from ..interop.csv_io import write_csv

        done = self._export_shown(
            "Export events as CSV",
            (CSV.suffix,),
            CSV.suffix,
            CSV_FILTER,
            write_csv,
            "export the events",
        )
        if done is not None:
            path, count = done
            doc = self.window.document
            shown = doc.store.shown_events()
            missing = links_and_eras_left_out(doc.timeline, shown)
            rest = f"; {left_out_phrase(missing, CSV.label)}" if missing else ""
            self.window.statusBar().showMessage(
                f"Exported {count} events to {path.name}{rest}", 15000 if rest else 5000
            )

    def import_csv_dialog(self) -> None:
        window = self.window
        name = self.prompts.open_path(window, "Import events from CSV", self._folder(), CSV_FILTER)
        if not name:
            return
        into = self._ask_where("Import CSV")
        if into is None:
            return
        if into == NEW_TIMELINE:
            if not window.maybe_save():
                return
            window.load(Timeline(title=Path(name).stem), None)
        self.import_csv_file(Path(name))

    def _ask_where(self, title: str) -> str | None:
        """Every import asks the same: into the open timeline, or a new one (None: cancel)."""
        return self.prompts.choice(
            self.window, title, "Import the events into:", [THIS_TIMELINE, NEW_TIMELINE]
        )

    def import_csv_file(self, path: Path) -> bool:
        """Import every row of a CSV into the open timeline as one undo step, or nothing.
        Rows whose id is an event already here update that event (after one question), so
        a timeline exported, edited in a spreadsheet and imported again round-trips."""
        from ..interop.csv_io import csv_import_change, read_csv

        self._remember_folder(path)
        window, doc = self.window, self.window.document
        timeline = doc.timeline
        try:
            imported = with_progress(
                window,
                "Import CSV",
                f"Reading “{path.name}”…",
                lambda progress: read_csv(path, timeline, update=True, progress=progress),
            )
        except Cancelled:
            window.statusBar().showMessage(
                f"Import of {path.name} cancelled: nothing changed", 8000
            )
            return False
        if doc.timeline is not timeline:  # cannot happen while the window takes no input
            self._fail(f"import {path.name}", RuntimeError("the timeline changed meanwhile"))
            return False
        errors = [p for p in imported.problems if not p.warning]
        if errors or not imported.events:
            lines = [f"{p.where}: {p.message}" if p.where else p.message for p in errors]
            n = len(lines)
            self._show_list(
                "Nothing imported",
                f"“{path.name}” was not imported: {plural(n, 'problem')}.",
                lines,
            )
            return False
        if imported.updates:
            updated = len(imported.updates)
            added = len(imported.events) - updated
            if not self.prompts.confirm(
                window,
                "Update events",
                f"{plural(updated, 'row')} of “{path.name}” "
                f"{'have ids of events' if updated != 1 else 'has the id of an event'} already "
                f"in this timeline: importing replaces {'them' if updated != 1 else 'it'} with "
                f"the rows, and adds {plural(added, 'new event')}.\n\n"
                "Ctrl+Z undoes the whole import.",
                "Update and import",
            ):
                return False
        if imported.new_actors:
            names, details = summarise([a.name for a in imported.new_actors])
            if not self.prompts.confirm(
                window,
                "New actors",
                f"The CSV names {plural(len(imported.new_actors), 'actor')} this timeline "
                f"does not have yet:\n\n{names}\n\nCreate them?",
                "Create and import",
                details=details,
            ):
                return False
        doc.push(csv_import_change(doc.timeline, imported))
        window.statusBar().showMessage(
            f"Imported {len(imported.events)} events from {path.name}", 8000
        )
        return True

    # -- TimelineJS --------------------------------------------------------------------
    def export_tjs_dialog(self) -> None:
        from ..interop.timelinejs import write_timelinejs
        from ..interop.timelinejs.export import left_out

        done = self._export_shown(
            "Export for TimelineJS",
            (".json",),
            TIMELINEJS.suffix,
            file_filter([TIMELINEJS], everything=True),
            write_timelinejs,
            "export for TimelineJS",
        )
        if done is not None:
            doc = self.window.document
            shown = doc.store.shown_events()
            missing = left_out(doc.timeline, shown)
            rest = f"; {left_out_phrase(missing, TIMELINEJS.label)}" if missing else ""
            self.window.statusBar().showMessage(f"Exported {done[0].name}{rest}", 15000)

    def import_tjs_dialog(self) -> None:
        name = self.prompts.open_path(
            self.window, "Import from TimelineJS", self._folder(), TJS_FILTER
        )
        if not name:
            return
        into = self._ask_where("Import from TimelineJS")
        if into is not None:
            self.import_tjs_file(Path(name), into_this=into == THIS_TIMELINE)

    def import_tjs_file(self, path: Path, into_this: bool = False) -> bool:
        """A TimelineJS file as a new timeline (as File ▸ Open does with one), or
        (``into_this``) its events added to the open one as one undoable step; then what
        the import did not keep, listed."""
        self._remember_folder(path)
        window, files = self.window, self.window.files
        if not into_this:
            result = files.import_timelinejs(path)
        elif (result := files.read_timelinejs(path)) is not None:
            doc = window.document
            assert result.timeline is not None
            doc.push(merge_change(doc.timeline, result.timeline, f"Import from {path.name}"))
            window.statusBar().showMessage(
                f"Imported {plural(len(result.timeline.events), 'event')} from {path.name}", 8000
            )
        if result is None or result.timeline is None:
            return False
        if result.unmapped:
            self._show_list(
                "Imported, with notes",
                f"Imported {len(result.timeline.events)} events. Some parts of "
                "the TimelineJS file have no place here:",
                result.unmapped,
            )
        return True
