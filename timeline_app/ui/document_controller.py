"""The life of the open file: open, new, save, save as, reload when it changes on disk,
crash recovery, and texts kept outside the timeline's folder.  Testable without a window:
it asks its questions through the prompts it is given and says what it did with
:attr:`DocumentController.message`."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from ..core.bundled import bundled_dataset, is_bundled
from ..core.file_names import imported_file_name, own_file, timeline_file_name, with_extension
from ..core.fileformat import Cancelled, LoadError, NotATimelineFile, load_timeline
from ..core.filters import FilterState
from ..core.format_versions import format_2_clashes
from ..core.model import FORMAT_VERSION, Timeline
from ..core.problems import failure_reason, shown
from ..core.progress import Progress
from ..core.safe_read import MB
from ..core.source_texts import RefusalKind, copy_in_change
from ..core.store import TimelineStore
from ..core.wording import plural, summarise
from ..interop.timelinejs import TjsImport, imported_what, in_short, read_timelinejs
from .document import Document
from .file_watcher import FileWatcher, file_digest
from .progress import with_progress
from .prompts import Prompts, Unsaved, Upgrade
from .recovery import Recovery, load_restored, offer_recovery
from .save_target import may_replace, save_target
from .settings import Settings

PROGRESS_FROM = 10 * MB  # a file this big is opened with a progress dialog


class DocumentController(QObject):
    loaded = Signal(object)  # a timeline was put in the document (its path, or None)
    saved = Signal(object)  # Path
    message = Signal(str, int)  # for the status bar: text, milliseconds

    def __init__(
        self,
        document: Document,
        prompts: Prompts,
        settings: Settings,
        recovery_folder: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.prompts = prompts
        self.settings = settings
        self.widget = parent  # what the questions are asked over
        self.recovery = Recovery(document, recovery_folder, parent=self)
        self.file_watcher = FileWatcher(self)
        self.disk_changed = False  # the file changed on disk and the user kept their version
        self._note = ""  # what the last save adds to "Saved x.json"
        self._copy_note = ""  # a copy in an older format it wrote first
        self.file_watcher.changedOnDisk.connect(self.changed_on_disk)
        self.file_watcher.removedOnDisk.connect(
            lambda path: self.message.emit(
                f"“{path.name}” was removed from disk; saving will write it again.", 15000
            )
        )
        self.recovery.writeFailed.connect(
            lambda reason: self.message.emit(f"Could not write recovery: {reason}", 0)
        )
        document.filterChanged.connect(self._save_filter)

    # -- loading -----------------------------------------------------------------------
    def load(
        self,
        timeline: Timeline,
        path: Path | None,
        state: FilterState | None = None,
        store: TimelineStore | None = None,
        digest: bytes | None = None,
        imported_from: Path | None = None,
    ) -> None:
        """Put ``timeline`` in the document (with the filter it had last time, unless
        ``state`` is given; ``store``: its index, when already built; ``digest``: the file's
        :func:`~timeline_app.ui.file_watcher.file_digest`, when known; ``imported_from``:
        the file it was imported from, never saved over) and watch its file."""
        if state is None:
            state = self.saved_filter(path)
        self.document.load(timeline, path, state, store, imported_from)
        self.disk_changed = False
        if path is not None:
            self.settings.add_recent(path)
            self.file_watcher.watch(path, digest=digest)
        else:
            self.file_watcher.stop()
        self.loaded.emit(path)

    def saved_filter(self, path: Path | None) -> FilterState | None:
        return self.settings.filter_for(path)

    def _save_filter(self) -> None:
        self.settings.set_filter_for(self.document.path, self.document.filter)

    def open_path(self, path: Path, state: FilterState | None = None) -> bool:
        """Open a file; on failure show every problem and keep what the window had.  A
        TimelineJS file is imported, unasked, as a new unsaved timeline (see
        :meth:`import_timelinejs`)."""
        if not self.maybe_save():
            return False
        if state is None:
            state = self.saved_filter(path)
        try:
            timeline, store, digest = self._read(path, state)
        except Cancelled:
            self.message.emit(f"Opening {path.name} cancelled: nothing changed", 8000)
            return False
        except LoadError as exc:
            if isinstance(exc, NotATimelineFile) and exc.kind == "timelinejs":
                result = self.read_timelinejs(path)
                if result is not None:  # its unsaved changes were asked about above
                    self._load_import(path, result, state)
                return result is not None
            self._show_problems("Could not open the timeline", f"“{path.name}” was not opened", exc)
            return False
        self.load(timeline, path, state, store, digest)
        self.message.emit(f"Opened {path.name}", 5000)
        self.offer_outside_texts()
        return True

    def import_timelinejs(self, path: Path) -> TjsImport | None:
        """A TimelineJS file as a new timeline, unsaved: the window's title says where it
        came from, the status bar what came and what was converted or not kept, and Save
        asks for a name of its own (never the TimelineJS file's).  Nothing changes when the
        file does not import (said) or the open timeline's changes are not let go."""
        result = self.read_timelinejs(path)
        if result is None or not self.maybe_save():
            return None
        self._load_import(path, result)
        return result

    def read_timelinejs(self, path: Path) -> TjsImport | None:
        """What a TimelineJS file imports, or None when it does not (its problems said)."""
        result = read_timelinejs(path)
        if result.timeline is None:
            lines = [p.format(path.name) for p in result.problems]
            listed, details = summarise(lines + result.unmapped)
            self.prompts.show_problems(
                self.widget, "Not imported", f"“{path.name}” could not be imported.\n\n{listed}",
                details,
            )  # fmt: skip
            return None
        return result

    def _load_import(self, path: Path, result: TjsImport, state: FilterState | None = None) -> None:
        timeline = result.timeline
        assert timeline is not None
        state = state if state is not None else FilterState()
        self.load(timeline, None, state, imported_from=path)
        self.document.undo_stack.resetClean()  # unsaved work: closing asks about it
        short = in_short(result)
        self.message.emit(
            f"Imported {imported_what(timeline)} from the TimelineJS file “{path.name}”, not "
            f"saved yet{'; ' + short if short else ''}",
            60000,
        )

    def _read(
        self, path: Path, state: FilterState | None
    ) -> tuple[Timeline, TimelineStore | None, bytes | None]:
        """The timeline in ``path``; a big file is read, indexed and hashed (for the file
        watcher) in a thread, with a progress dialog that can cancel it (:class:`Cancelled`)."""
        try:
            small = path.stat().st_size < PROGRESS_FROM
        except OSError:
            small = True  # the reader says what is wrong
        if small:
            return load_timeline(path), None, None

        def work(progress: Progress) -> tuple[Timeline, TimelineStore, bytes | None]:
            # hashing lets go of the interpreter: the other core takes the fingerprint
            digest: list[bytes | None] = []
            hasher = threading.Thread(target=lambda: digest.append(file_digest(path)))
            hasher.start()
            timeline = load_timeline(path, progress)
            store = Document.prepare(timeline, path, state)
            hasher.join()
            return timeline, store, digest[0] if digest else None

        return with_progress(self.widget, "Open", f"Opening “{path.name}”…", work)

    def open_bundled(self, state: FilterState | None = None) -> bool:
        return self.open_path(bundled_dataset(), state)

    def open_dialog(self) -> None:
        doc = self.document
        where = doc.path or doc.imported_from
        folder = str(where.parent) if where else str(Path.home())
        name = self.prompts.open_path(self.widget, "Open timeline", folder)
        if name:
            self.open_path(Path(name))

    def new_timeline(self) -> None:
        if not self.maybe_save():
            return
        title = self.prompts.text(
            self.widget, "New timeline", "Title of the new timeline:", "Untitled timeline"
        )
        if title is not None:
            self.load(Timeline(title=title.strip() or "Untitled timeline"), None, FilterState())

    def _show_problems(self, title: str, intro: str, exc: LoadError) -> None:
        lines = [p.format(exc.path or "") for p in exc.problems]
        listed, details = summarise(lines)
        self.prompts.show_problems(
            self.widget,
            title,
            f"{intro}: {plural(len(lines), 'problem')}.\n\n{listed}",
            details or "\n".join(lines),
        )

    def changed_on_disk(self, path: Path) -> None:
        """Another program changed the open file: offer to reload, never overwrite silently."""
        doc = self.document
        if path != doc.path:
            return
        unsaved = " Your unsaved changes here would be lost." if doc.modified else ""
        if not self.prompts.confirm(
            self.widget,
            "File changed on disk",
            f"“{path.name}” was changed by another program.{unsaved}\n\nReload it?",
            "Reload",
        ):
            self.disk_changed = True
            return
        try:
            timeline, store, digest = self._read(path, doc.filter)
        except Cancelled:
            self.disk_changed = True
            self.message.emit(f"Reloading {path.name} cancelled: your version stays open", 8000)
            return
        except LoadError as exc:  # half-written, or broken: keep what is here, unsaved
            self.disk_changed = True
            self._show_problems(
                "Could not reload",
                f"“{path.name}” changed on disk but cannot be read now; your version stays "
                "open, with its changes",
                exc,
            )
            return
        self.load(timeline, path, doc.filter, store, digest)
        self.offer_outside_texts()

    def offer_recovery(self) -> bool:
        """At start-up: offer to restore work a crash left unsaved.  True if restored."""
        restored = offer_recovery(self.prompts, self.widget, self.recovery.folder)
        if restored is None:
            return False
        load_restored(self.document, *restored, load=self.load)
        self.message.emit("Restored unsaved changes: save them to keep them.", 15000)
        self.offer_outside_texts()
        return True

    def offer_outside_texts(self) -> None:
        """Sources whose text files lie outside the timeline's folder (or are not regular
        files) were not read: say which source points where, and offer to copy those texts
        into the folder, as one undoable step."""
        doc = self.document
        refused = [(s, r) for s in doc.timeline.sources if (r := doc.texts.refusal(s))]
        if not refused:
            return
        name = doc.texts.file_name
        lines = [shown(f"• “{s.title}”: “{name(s)}” {r.message}") for s, r in refused]
        listed, details = summarise(lines)
        copyable = {s.id for s, r in refused if r.copyable}
        why = (
            ": a timeline reads texts only from its own folder and its sub-folders"
            if any(r.kind is not RefusalKind.SPECIAL for _s, r in refused)
            else ""  # only too big or not a plain file: the lines say which
        )
        intro = (
            f"{plural(len(refused), 'source text')} of “{doc.display_name()}” "
            f"{'is' if len(refused) == 1 else 'are'} not read{why}.\n\n"
        )
        if not copyable:
            self.prompts.show_problems(
                self.widget, "Source texts not read", intro + listed, details
            )
            return
        which = "this text" if len(copyable) == 1 else f"these {len(copyable)} texts"
        question = (
            f"{intro}{listed}\n\nCopy {which} into the timeline's folder? Check the list "
            "first: the copies are written there when you save (Ctrl+Z undoes)."
        )
        if not self.prompts.confirm(
            self.widget,
            "Source texts outside the folder",
            question,
            "Copy into Folder",
            details=details,
        ):
            return
        change, failed = copy_in_change(doc.timeline, doc.texts, copyable)
        if change is not None:
            doc.push(change)
            self.message.emit(f"{change.description}: save to keep them.", 10000)
        if failed:
            listed, details = summarise([shown(line) for line in failed])
            self.prompts.show_problems(
                self.widget, "Not copied", f"Could not copy:\n\n{listed}", details
            )

    # -- saving ------------------------------------------------------------------------
    def save(self) -> bool:
        doc = self.document
        if doc.read_only or doc.path is None:
            return self.save_as()
        return self.save_to(doc.path)

    def save_as(self) -> bool:
        doc = self.document
        if doc.path is not None and not doc.read_only:
            suggestion = str(doc.path)
        elif doc.path is None and doc.imported_from is not None:  # beside, named after it
            suggestion = str(imported_file_name(doc.imported_from))
        else:  # a new timeline: beside the texts it was built from, named after its title
            base = doc.path.name if doc.path else timeline_file_name(doc.timeline.title)
            suggestion = str(Path(self.text_folder() or Path.home()) / base)
        name = self.prompts.save_path(self.widget, "Save timeline as", suggestion)
        if not name:
            return False
        if self._imported_from(with_extension(Path(name), (".json",), ".json")):
            return False  # before any question about replacing it
        path = save_target(self.prompts, self.widget, name, (".json",), ".json")
        return path is not None and self.save_to(path, asked=True)

    def _imported_from(self, path: Path) -> bool:
        """True (and said) when ``path`` is the file the timeline was imported from, or a
        text beside it: a save never replaces it."""
        doc = self.document
        what = "the TimelineJS file this timeline was imported from"
        clash = own_file(path, doc.imported_from, doc.timeline, what)
        if clash is not None:
            self.prompts.show_problems(
                self.widget, "Not saved",
                f"Not saved: “{path.name}” is {clash}. Save the timeline under another name.",
            )  # fmt: skip
        return clash is not None

    def text_folder(self) -> str | None:
        """Where the source texts typed or loaded into this session came from: the
        folder a text file was last loaded from, else the one last imported from."""
        from .source_form import SourceForm

        if SourceForm.last_folder and Path(SourceForm.last_folder).is_dir():
            return SourceForm.last_folder
        return self.settings.import_folder()

    def save_to(self, path: Path, asked: bool = False) -> bool:
        """Save to ``path``; False (the edits kept, the window open) when it was not saved.
        ``asked``: the user has already agreed to replace a read-only file there."""
        if is_bundled(path):
            self.prompts.show_problems(
                self.widget,
                "Cannot save there",
                "The bundled dataset is never overwritten. Save your copy somewhere else.",
            )
            return False
        if self._imported_from(path):
            return False
        if (
            self.disk_changed
            and path == self.document.path
            and not self.prompts.confirm(
                self.widget,
                "Overwrite changes on disk?",
                f"“{path.name}” was changed by another program since it was opened here. "
                "Saving replaces that version with yours.",
                "Overwrite",
            )
        ):
            return False
        if not asked and not may_replace(self.prompts, self.widget, path):
            return False
        self._note = self._copy_note = ""
        version = self._format_to_save(path)
        if version is None:
            return False
        try:
            digest = self.document.save(path, version)
            self.file_watcher.saved(path, digest=digest)
        except Exception as exc:  # whatever the cause: the edits stay, and so does the window
            copied = f"\n\nThe copy in format {self._copy_note}." if self._copy_note else ""
            if self.prompts.confirm(
                self.widget,
                "Could not save",
                f"“{path.name}” could not be saved: {failure_reason(exc)}.{copied}\n\nYour "
                "changes are still here. Save them somewhere else?",
                "Save As…",
            ):
                return self.save_as()
            return False
        self.disk_changed = False
        self.settings.add_recent(path)
        self._save_filter()
        self.saved.emit(path)
        self.message.emit(f"Saved {path.name}{self._note}", 15000 if self._note else 5000)
        return True

    def _format_to_save(self, path: Path) -> int | None:
        """The format to save in (None: save nothing).  A timeline read from an older
        format is upgraded only after one question, asked once per file; "Save a Copy
        First" writes the timeline in its old format beside the file it came from."""
        doc = self.document
        old = doc.timeline.version
        if old >= FORMAT_VERSION or doc.upgrade_agreed:
            return FORMAT_VERSION
        if clashes := format_2_clashes(doc.timeline):
            listed = ", ".join(clashes[:3]) + ("…" if len(clashes) > 3 else "")
            self._note = (
                f", still in format {old}: fields it has from elsewhere ({listed}) are "
                f"named as format {FORMAT_VERSION} fields"
            )
            return old
        answer = self.prompts.upgrade_format(self.widget, path.name, FORMAT_VERSION)
        if answer is Upgrade.CANCEL:
            return None
        if answer is Upgrade.COPY_FIRST:
            try:
                copy = doc.save_format_copy(old, path)
            except (OSError, ValueError) as exc:
                self.prompts.show_problems(
                    self.widget,
                    "Copy not saved",
                    f"The copy in format {old} could not be saved: {failure_reason(exc)}. "
                    "Nothing was saved.",
                )
                return None
            self._note = f"; a copy in format {old} is {copy.name}"
            self._copy_note = f"{old} was saved as “{copy.name}”"
        doc.upgrade_agreed = True
        return FORMAT_VERSION

    def maybe_save(self) -> bool:
        """True when it is fine to drop the current document (saved, discarded)."""
        if not self.document.modified:
            return True
        answer = self.prompts.save_discard_cancel(self.widget, self.document.display_name())
        if answer is Unsaved.SAVE:
            return self.save()
        return answer is Unsaved.DISCARD

    def stop(self) -> None:
        """The window closes normally: no recovery copy, no watching."""
        self.recovery.stop()
        self.file_watcher.stop()
