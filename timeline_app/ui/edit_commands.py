"""What the Edit menu does: add, edit, duplicate and delete events, rename the timeline,
and open the Actors, Sources and Eras windows.  The edits themselves are built in the core
(:mod:`~timeline_app.core.event_edits`); this asks the questions and pushes them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QWidget

from ..core.change import Change
from ..core.dates import TimelineDate
from ..core.event_edits import (
    add_link_change,
    delete_event_change,
    duplicate_event_change,
    proposal_change,
    rename_timeline_change,
    save_event_change,
)
from ..core.wording import plural
from .detail_pane import DetailPane
from .document import Document
from .prompts import Prompts
from .timeline_view import TimelineView

if TYPE_CHECKING:  # the dialogs are imported when first shown
    from .actors_dialog import ActorsDialog
    from .eras_dialog import ErasDialog
    from .review_panel import ReviewPanel
    from .sources_dialog import SourcesDialog


class EditCommands(QObject):
    def __init__(
        self,
        document: Document,
        prompts: Prompts,
        window: QWidget,
        timeline: TimelineView,
        detail: DetailPane,
        say: Callable[[str, int], None],
    ) -> None:
        super().__init__(window)
        self.document, self.prompts, self.window = document, prompts, window
        self.timeline, self.detail, self.say = timeline, detail, say
        self.actors_dialog: ActorsDialog | None = None
        self.sources_dialog: SourcesDialog | None = None
        self.eras_dialog: ErasDialog | None = None
        self.review_panel: ReviewPanel | None = None

    def add_event(self, start: TimelineDate | None = None) -> None:
        doc = self.document
        result = self.prompts.event_form(self.window, doc.timeline, doc.texts, None, start)
        if result is not None:
            self._commit(save_event_change(doc.timeline, result.event, None, result.new_actors,
                                           result.removed_links, result.new_links))  # fmt: skip

    def edit_event(self, event_id: str | None = None) -> None:
        doc = self.document
        event = doc.store.event(event_id or doc.current_id or "")
        if event is None:
            return
        result = self.prompts.event_form(self.window, doc.timeline, doc.texts, event, None)
        if result is None:
            return
        change = save_event_change(doc.timeline, result.event, event, result.new_actors,
                                   result.removed_links, result.new_links)  # fmt: skip
        if result.event != event or change.links is not None:
            self._commit(change)

    def _commit(self, change: Change) -> None:
        doc = self.document
        doc.push(change)
        event = change.added[0]
        if doc.is_visible(event.id):
            doc.set_current(event.id)
            self.timeline.ensure_visible(event.id)
        else:
            self.announce_hidden(change)

    def announce_hidden(self, change: Change) -> None:
        hidden = [e for e in change.added if not self.document.is_visible(e.id)]
        if hidden:
            message = f"“{hidden[0].title}” saved; hidden by the current filter."
            self.say(message, 10000)
            self.detail.set_notice(message)

    def delete_event(self) -> None:
        """Del: gone at once, as any edit (Ctrl+Z brings it back, so nothing is asked)."""
        doc = self.document
        event = doc.current_event()
        if event is None:
            return
        change = delete_event_change(doc.timeline, event)
        doc.push(change)
        links = len(change.links[0]) - len(change.links[1]) if change.links else 0
        what = f" and its {plural(links, 'link')}" if links else ""
        self.say(f"Deleted “{event.title}”{what} — Ctrl+Z brings it back", 8000)

    def link_events(self, source_id: str, target_id: str) -> None:
        """A Ctrl+drag from one event to another: the chooser asks the kind and why."""
        doc = self.document
        source, target = doc.store.event(source_id), doc.store.event(target_id)
        if source is None or target is None:
            return
        draft = self.prompts.link_chooser(self.window, doc.timeline, source, target)
        change = add_link_change(doc.timeline, source, draft) if draft is not None else None
        if change is None:
            return
        doc.push(change)
        self.say(f"{change.description} — Ctrl+Z takes it back", 8000)

    def answer_proposal(self, event_id: str, index: int, confirm: bool) -> None:
        """A disagreement proposed in the detail pane, recorded or dismissed (undoable)."""
        doc = self.document
        event = doc.store.event(event_id)
        change = proposal_change(doc.timeline, event, index, confirm) if event else None
        if change is None:
            return
        doc.push(change)
        self.say(f"{change.description} — Ctrl+Z takes it back", 8000)

    def duplicate_event(self) -> None:
        doc = self.document
        event = doc.current_event()
        if event is not None:
            change, copy = duplicate_event_change(doc.timeline, event)
            doc.push(change)
            if doc.is_visible(copy.id):
                doc.set_current(copy.id)

    def rename_timeline(self) -> None:
        doc = self.document
        title = self.prompts.text(
            self.window, "Timeline title", "Title of this timeline:", doc.timeline.title
        )
        change = rename_timeline_change(doc.timeline, title) if title is not None else None
        if change is not None:
            doc.push(change)

    @staticmethod
    def _present(dialog: QDialog) -> None:
        if dialog.isVisible():
            dialog.raise_()  # already open, maybe behind the window
            dialog.activateWindow()
        else:
            dialog.show()

    def show_actors(self) -> ActorsDialog:
        """Edit ▸ Actors…: a non-modal window; its edits are undoable here too."""
        if self.actors_dialog is None:
            from .actors_dialog import ActorsDialog

            self.actors_dialog = ActorsDialog(self.document, self.prompts, self.window)
        self._present(self.actors_dialog)
        return self.actors_dialog

    def show_sources(self) -> SourcesDialog:
        if self.sources_dialog is None:
            from .sources_dialog import SourcesDialog

            self.sources_dialog = SourcesDialog(self.document, self.prompts, self.window)
            self.sources_dialog.findEvents.connect(self.find_events)
        self._present(self.sources_dialog)
        return self.sources_dialog

    def show_eras(self) -> ErasDialog:
        """Edit ▸ Eras…: a non-modal window; its edits are undoable here too."""
        if self.eras_dialog is None:
            from .eras_dialog import ErasDialog

            self.eras_dialog = ErasDialog(self.document, self.prompts, self.window)
            self.eras_dialog.showEra.connect(self.timeline.zoom_to_era)
        self._present(self.eras_dialog)
        return self.eras_dialog

    def find_events(self, source_id: str | None = None) -> ReviewPanel | None:
        """Edit ▸ Find Events in Text…: the events a source's text proposes, for review (the
        source of the selected event's first quote, or the one chosen; ``source_id``: that
        one)."""
        doc = self.document
        texts = doc.texts
        sources = [s for s in doc.timeline.sources if texts.has_text(s)]
        if source_id is None:
            event = doc.current_event()
            quoted = event.quotes[0].source if event is not None and event.quotes else None
            source_id = next((s.id for s in sources if s.id == quoted), None)
        if source_id is None and len(sources) == 1:
            source_id = sources[0].id
        if source_id is None:
            if not sources:
                self.say("No source has a text to find events in: add one in Edit ▸ Sources…", 8000)
                return None
            titles = [s.title for s in sources]
            chosen = self.prompts.choice(
                self.window, "Find Events in Text", "Find the events of:", titles
            )
            if chosen is None:
                return None
            source_id = sources[titles.index(chosen)].id
        if self.review_panel is None:
            from .review_panel import ReviewPanel
            from .text_reader import TextReader

            reader = self.detail.reader or TextReader(doc)
            self.review_panel = ReviewPanel(doc, self.prompts, reader, self.window)
        self.review_panel.find_in(source_id)
        self._present(self.review_panel)
        return self.review_panel
