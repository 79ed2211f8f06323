"""The open document for the widgets: the core store, its undo stack and its signals.

Widgets never change records themselves: they push a :class:`~timeline_app.core.change.Change`
through :meth:`Document.push`, which wraps it in a ``QUndoCommand``.  The document owns the
one filter state and the current event; every view listens to its signals.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ..core.bundled import is_bundled
from ..core.change import Change
from ..core.file_names import format_copy_path
from ..core.fileformat import save_timeline
from ..core.filters import FilterState
from ..core.format_versions import check_version
from ..core.model import Event, Timeline
from ..core.palette import ActorStyle, actor_styles
from ..core.source_texts import (
    SourceTexts,
    carry_texts,
    timeline_folder,
    with_names,
    write_pending_texts,
)
from ..core.store import TimelineStore

SEARCH_SLICE = 3000  # events folded per idle step (about 20 ms)
ACTOR_SLICE = 20_000  # events put in the actor lists per idle step (about 20 ms)
SEARCH_START_MS = 100  # after a change, before the first step: the views paint first


class ChangeCommand(QUndoCommand):
    """One undoable edit: redo applies the change, undo applies its inverse."""

    def __init__(self, document: Document, change: Change) -> None:
        super().__init__(change.description)
        self.document = document
        self.change = change
        self.applied = change  # as the store applied it: undo puts events back in place
        self._pushed = False

    def redo(self) -> None:
        self.applied = self.document.apply(self.change)
        if self._pushed:  # a redo, not the first doing (whose caller selects)
            self.document.select_arrived(self.applied)
        self._pushed = True

    def undo(self) -> None:
        inverse = self.applied.inverted()
        self.document.apply(inverse)
        self.document.select_arrived(inverse)


class Document(QObject):
    reset = Signal()  # a whole new timeline (opened, new, reloaded)
    recordsChanged = Signal()  # events, actors, sources or title changed
    visibleChanged = Signal()  # the visible events changed (filter or records)
    filterChanged = Signal()
    currentChanged = Signal(object)  # event id or None
    pathChanged = Signal()
    aboutToApply = Signal(object)  # a Change is about to be applied (the old state is there)
    changeApplied = Signal(object)  # the Change just applied (redo or undo)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.store = TimelineStore(Timeline())
        self.path: Path | None = None
        self.imported_from: Path | None = None  # the file it was imported from, if it was
        self.upgrade_agreed = False  # to save this older-format file in the current format
        self.current_id: str | None = None
        self.styles: dict[str, ActorStyle] = {}  # each actor's colours and marker shape
        self._text_folder: Path | None = None
        self._text_files: set[str] = set()
        # the search text is built in slices while the app is idle, so the first keystroke
        # in the search field does not wait for it
        # (starting once the views have painted what changed)
        self._search_timer = QTimer(self)
        self._search_timer.timeout.connect(self._prepare_search_slice)
        self.reset.connect(self._start_search_prep)
        self.recordsChanged.connect(self._start_search_prep)

    # -- whole documents ---------------------------------------------------------------
    @staticmethod
    def prepare(
        timeline: Timeline, path: Path | None, filter_state: FilterState | None = None
    ) -> TimelineStore:
        """What :meth:`load` holds for ``timeline``: its index, and what the filter shows.
        No Qt: a worker thread may build it for a big file while the window paints."""
        store = TimelineStore(timeline, SourceTexts(timeline_folder(path) if path else None))
        if filter_state is not None:
            store.set_filter(filter_state)
        return store

    def load(
        self,
        timeline: Timeline,
        path: Path | None,
        filter_state: FilterState | None = None,
        store: TimelineStore | None = None,
        imported_from: Path | None = None,
    ) -> None:
        """Hold ``timeline`` (``store``: what :meth:`prepare` made of it, if made;
        ``imported_from``: the file of another kind it was imported from, which saving
        never replaces)."""
        self.undo_stack.clear()
        self.upgrade_agreed = False
        if store is None or store.timeline is not timeline:
            store = self.prepare(timeline, path, filter_state)
        self.store = store
        self.path = path
        self.imported_from = imported_from
        self._remember_text_files()
        self.current_id = None
        self.styles = actor_styles(timeline.actors)
        self.undo_stack.setClean()
        self.reset.emit()
        self.pathChanged.emit()
        self.filterChanged.emit()
        self.visibleChanged.emit()
        self.currentChanged.emit(None)

    def search_pending(self) -> bool:
        """True while the search text is still being prepared in idle slices."""
        return self._search_timer.isActive()

    def _start_search_prep(self) -> None:
        self._search_timer.setInterval(SEARCH_START_MS)
        self._search_timer.start()

    def _prepare_search_slice(self) -> None:
        self._search_timer.setInterval(0)
        index = self.store.index
        if index.prepare_ids():
            return  # first the table of ids (the first click), then the actor lists ...
        if not index.prepare_actor_lists(ACTOR_SLICE):
            return  # first the actor lists (the first actor filter), then the search text
        if index.settle():
            return  # an edit's changes to the actor lists, if it left any
        names = {a.id: a.name for a in self.timeline.actors}
        if self.store.index.search.prepare(names, budget=SEARCH_SLICE):
            self._search_timer.stop()

    def _remember_text_files(self) -> None:
        """The source texts this timeline's file already refers to: saving may write new
        text over them, but never over another file that happens to have such a name."""
        self._text_folder = timeline_folder(self.path) if self.path else None
        self._text_files = {n for s in self.timeline.sources if (n := self.texts.file_name(s))}

    def colors(self, dark: bool = False) -> dict[str, str]:
        """Each actor's colour on the light (or the dark) background."""
        return {i: style.color(dark) for i, style in self.styles.items()}

    @property
    def timeline(self) -> Timeline:
        return self.store.timeline

    @property
    def texts(self) -> SourceTexts:
        """The source texts: read from the timeline's folder, or held until saved."""
        return self.store.texts

    @property
    def read_only(self) -> bool:
        """The bundled dataset is never saved over (it may be installed read-only)."""
        return self.path is None or is_bundled(self.path)

    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()

    def display_name(self) -> str:
        """The file's name; until it has one, the title (and the file it was imported
        from: "Eras (imported from eras.json)")."""
        if self.path:
            return self.path.name
        title = self.timeline.title or "Untitled"
        if self.imported_from is not None:
            return f"{title} (imported from {self.imported_from.name})"
        return title

    # -- edits -------------------------------------------------------------------------
    def push(self, change: Change) -> None:
        self.undo_stack.push(ChangeCommand(self, change))

    def apply(self, change: Change) -> Change:
        """Apply a change (called by undo commands only); the change as applied."""
        self.aboutToApply.emit(change)
        shown = self.store.visible
        applied = self.store.apply(change)
        if change.actors is not None:
            self.styles = actor_styles(self.timeline.actors)
        if self.current_id is not None and self.store.event(self.current_id) is None:
            self.set_current(None)
        self.recordsChanged.emit()
        if self.store.visible is not shown:  # filtered again (a link shows an event, say)
            self.visibleChanged.emit()
        self.changeApplied.emit(change)
        return applied

    def select_arrived(self, change: Change) -> None:
        """Undo or redo brought one event (back): it is selected, as the user saw it."""
        arrived = [e.id for e in change.added if e.id not in {r.id for r in change.removed}]
        if len(arrived) == 1 and self.is_visible(arrived[0]):
            self.set_current(arrived[0])

    # -- filter and current event -------------------------------------------------------
    def set_filter(self, state: FilterState) -> None:
        if state == self.store.filter:
            return
        self.store.set_filter(state)
        self.filterChanged.emit()
        self.visibleChanged.emit()

    @property
    def filter(self) -> FilterState:
        return self.store.filter

    def set_current(self, event_id: str | None) -> None:
        if event_id == self.current_id:
            return
        self.current_id = event_id
        self.currentChanged.emit(event_id)

    def current_event(self) -> Event | None:
        return self.store.event(self.current_id) if self.current_id else None

    def current_position(self) -> int | None:
        return self.store.position_of(self.current_id) if self.current_id else None

    def is_visible(self, event_id: str) -> bool:
        position = self.store.position_of(event_id)
        return position is not None and position in self.store.visible

    # -- saving ------------------------------------------------------------------------
    def save(self, path: Path, version: int | None = None) -> bytes:
        """Save atomically to ``path`` (raises OSError); source texts typed in the app are
        written into its folder, and texts of another folder are carried along.  Nothing is
        ever read from or written outside the timeline's folder.

        Where a text had to go under another name, the file says so, but the records behind
        the undo stack are not changed: :attr:`texts` remembers the name.  Returns the
        fingerprint of the file written (for the file watcher)."""
        check_version(self.timeline, self.timeline.version if version is None else version)
        folder = timeline_folder(path)
        ours = self._text_files if folder == self._text_folder else set()
        pending = self.texts.pending()
        saved = self.texts.as_saved(self.timeline)
        names = write_pending_texts(saved, pending, folder, ours, path)
        saved = with_names(saved, names)
        if self.path is not None:
            old = timeline_folder(self.path)
            carried = carry_texts(saved, old, folder, skip=set(pending), timeline_file=path)
            saved = with_names(saved, carried)
        digest = save_timeline(saved, path, version)
        self.timeline.version = saved.version if version is None else version
        self.texts.rename(self.timeline, {s.id: s.text_file for s in saved.sources})
        for source_id in list(self.texts.pending()):
            self.texts.set_text(source_id, None)
        self.texts.rebase(folder)
        self.path = Path(path)
        self._remember_text_files()
        self.undo_stack.setClean()
        self.pathChanged.emit()
        return digest

    def save_format_copy(self, version: int, beside: Path) -> Path:
        """Write the timeline in an older format ``version`` beside the file ``beside``
        (raises OSError or FormatVersionError), naming the source texts its file names: a
        copy an older app can open.  The document keeps its own file.  A text typed in the
        app is written by the save that follows, into the same folder."""
        target = format_copy_path(beside, version)
        save_timeline(self.saved_timeline(), target, version)
        return target

    def saved_timeline(self) -> Timeline:
        """The timeline as a file of it says: each source naming the file its text is in."""
        return self.texts.as_saved(self.timeline)
