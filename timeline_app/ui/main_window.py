"""The main window: the timeline, the overview strip and the event list, the filter, detail
and article docks, and the wiring between them.  Its actions are declared in
:mod:`~timeline_app.ui.actions`, the file's life cycle is the
:class:`~timeline_app.ui.document_controller.DocumentController`'s."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import PySide6
from PySide6.QtCore import QModelIndex, QSettings, Qt, QTimer, qVersion
from PySide6.QtGui import QAction, QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from .. import APP_DISPLAY_NAME, LICENSE, version
from ..core.event_links import linked_step, links_of
from ..core.markup import escape_html, tooltip_html
from ..core.problems import failure_reason
from ..core.selection import HiddenSelection, step_position
from ..core.wording import plural
from .actions import MENUS, TOOLBAR, fill, help_html, make_actions
from .article_view import ArticleView
from .detail_pane import DetailPane
from .document import Document
from .document_controller import DocumentController
from .edit_commands import EditCommands
from .event_list import EventList
from .event_table_model import EventTableModel
from .filter_bar import FilterBar
from .filter_panel import FilterPanel
from .interop_actions import InteropActions
from .legend_bar import LegendBar
from .overview import OverviewStrip
from .prompts import Prompts, QtPrompts
from .settings import Settings
from .text_reader import TextReader
from .timeline_view import TimelineView
from .undo_actions import toolbar_undo_redo, undo_redo_actions

NARROW = 1100  # below this window width the docks share one side, tabbed
# the View menu's toggles kept between sessions: (action, setting, default)
VIEW_FLAGS = (
    ("actionGroupByActor", "lanes", False),
    ("actionCompress", "compress", True),
    ("actionSupportBadges", "badges", True),
    ("actionShowLegend", "legend", True),
)


class MainWindow(QMainWindow):
    def __init__(
        self,
        settings: QSettings | None = None,
        recovery_folder: Path | None = None,
        prompts: Prompts | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.prompts = prompts if prompts is not None else QtPrompts()
        self.settings = Settings(settings)
        self.document = doc = Document(self)
        self.files = DocumentController(doc, self.prompts, self.settings, recovery_folder, self)
        self.recovery = self.files.recovery
        self.interop = InteropActions(self)
        self._hidden = HiddenSelection()
        self._link_step: tuple[str | None, str | None] = (None, None)  # the last link key
        self.resize(1280, 800)
        self.timeline = TimelineView(doc)
        self.overview = OverviewStrip(self.timeline)
        self.filter_bar = FilterBar(doc)
        self.table_model = EventTableModel(doc)
        self.event_list = EventList(self.table_model)
        top = QWidget()
        column = QVBoxLayout(top)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.legend = LegendBar(self.timeline)
        parts = ((self.filter_bar, 0), (self.timeline, 1), (self.overview, 0), (self.legend, 0))
        for widget, stretch in parts:
            column.addWidget(widget, stretch)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.event_list)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)
        self.text_reader = TextReader(doc)  # the source texts, read ahead in a thread
        self.detail = DetailPane(doc, self.text_reader)
        self.article = ArticleView(doc, self.text_reader)
        self.filters = FilterPanel(doc)
        self.filter_dock = self._dock("Filter", "actorFilter", self.filters)
        self.detail_dock = self._dock("Details", "detailDock", self.detail)
        self.article_dock = self._dock("Article", "articleDock", self.article)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.filter_dock)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.detail_dock)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.article_dock)
        # the details above the article: an event and its source read side by side
        self.splitDockWidget(self.detail_dock, self.article_dock, Qt.Orientation.Vertical)
        self.resizeDocks(
            [self.filter_dock, self.detail_dock], [230, 340], Qt.Orientation.Horizontal
        )
        self.status_label = QLabel()
        self.status_label.setObjectName("statusSummary")
        self.statusBar().addPermanentWidget(self.status_label)
        self.edit = EditCommands(doc, self.prompts, self, self.timeline, self.detail, self.say)
        self._actions = make_actions(self, self.timeline, self.event_list)
        self.act_undo, self.act_redo = undo_redo_actions(doc.undo_stack, self)
        self._build_menus()
        self._connect()
        self._restore_settings()
        self._update_title()
        self._update_status()

    def _dock(self, title: str, name: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        features = QDockWidget.DockWidgetFeature
        dock.setFeatures(
            features.DockWidgetMovable | features.DockWidgetClosable | features.DockWidgetFloatable
        )
        return dock

    def _build_menus(self) -> None:
        self.recent_menu = QMenu("Open &Recent", self)
        self.recent_menu.setObjectName("recentMenu")
        docks = [
            d.toggleViewAction() for d in (self.filter_dock, self.detail_dock, self.article_dock)
        ]
        extras: dict[str, list[QAction] | QMenu] = {
            "*recent": self.recent_menu, "*undo": [self.act_undo], "*redo": [self.act_redo],
            "*docks": docks, "*toolbar-undo": toolbar_undo_redo(self.document.undo_stack, self),
        }  # fmt: skip
        for title, ids in MENUS.items():
            fill(self.menuBar().addMenu(title), ids, self._actions, extras)
        self.toolbar = QToolBar("Main toolbar", self)
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.addToolBar(self.toolbar)
        fill(self.toolbar, TOOLBAR, self._actions, extras)
        self._update_recent_menu()

    def _connect(self) -> None:
        doc, files = self.document, self.files
        doc.undo_stack.cleanChanged.connect(self._update_title)
        doc.pathChanged.connect(self._update_title)
        doc.recordsChanged.connect(self._update_title)
        doc.visibleChanged.connect(self._update_status)
        doc.visibleChanged.connect(self._on_visible_changed)
        doc.filterChanged.connect(self._show_linked_checked)
        doc.currentChanged.connect(self._on_current_changed)
        doc.currentChanged.connect(self._update_edit_actions)
        doc.reset.connect(self._update_edit_actions)
        files.loaded.connect(self._on_loaded)
        files.saved.connect(lambda _path: self._update_recent_menu())
        files.message.connect(lambda text, ms: self.statusBar().showMessage(text, ms))
        self.event_list.selectionModel().currentRowChanged.connect(self._on_list_row_changed)
        self.table_model.modelReset.connect(lambda: self._on_current_changed(doc.current_id))
        self.table_model.layoutChanged.connect(lambda: self._on_current_changed(doc.current_id))
        self.table_model.settled.connect(lambda: self._on_current_changed(doc.current_id))
        self.filter_bar.fitRequested.connect(self.timeline.fit_all)
        self.detail.actorClicked.connect(self.filters.show_only)
        self.detail.showQuote.connect(self.show_quote)
        self.detail.proposalAnswered.connect(self.edit.answer_proposal)
        self.detail.eventClicked.connect(self.select_event)
        self.timeline.eventActivated.connect(self.edit.edit_event)
        self.timeline.linkDragged.connect(self.edit.link_events)
        self.timeline.eventClicked.connect(lambda _id: self._show_details())
        self.timeline.emptyActivated.connect(self.edit.add_event)
        self.event_list.doubleClicked.connect(
            lambda index: self.edit.edit_event(self.table_model.event_at(index.row()).id)
        )
        self._update_edit_actions()

    # -- settings ----------------------------------------------------------------------
    def _restore_settings(self) -> None:
        geometry, state = self.settings.geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)
        for name, flag, default in VIEW_FLAGS:
            on, action = self.settings.view_flag(flag, default), self._actions[name]
            action.blockSignals(True)
            action.setChecked(on)
            action.blockSignals(False)
            action.toggled.emit(on)  # the view follows, whatever the box was before

    def arrange_for_width(self, width: int) -> None:
        """On a narrow window the filter shares the right side with the details, tabbed."""
        if width < NARROW:
            self.event_list.set_column_widths(narrow=True)
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.filter_dock)
            self.tabifyDockWidget(self.detail_dock, self.article_dock)
            self.tabifyDockWidget(self.detail_dock, self.filter_dock)
            self.detail_dock.raise_()
            self.resizeDocks([self.detail_dock], [300], Qt.Orientation.Horizontal)

    def action(self, name: str) -> QAction:
        """The action declared as ``name`` in :mod:`~timeline_app.ui.actions`."""
        return self._actions[name]

    def say(self, text: str, ms: int = 5000) -> None:
        self.statusBar().showMessage(text, ms)

    def _on_loaded(self, _path: Path | None) -> None:
        self.article.clear()
        self._update_recent_menu()

    def _update_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = [r for r in self.settings.recent_files() if Path(r).exists()]
        for i, name in enumerate(recent):
            action = self.recent_menu.addAction(f"&{i + 1} {Path(name).name}")
            action.setToolTip(tooltip_html(name))
            action.setStatusTip(name)
            action.triggered.connect(lambda _=False, n=name: self.open_path(Path(n)))
        self.recent_menu.setEnabled(bool(recent))

    # -- files: the controller's ----------------------------------------------------------
    def load(self, *args: object) -> None:
        self.files.load(*args)  # type: ignore[arg-type]

    def open_path(self, path: Path, *args: object) -> bool:
        return self.files.open_path(path, *args)  # type: ignore[arg-type]

    def open_bundled(self) -> bool:
        return self.files.open_bundled()

    def open_dialog(self) -> None:
        self.files.open_dialog()

    def new_timeline(self) -> None:
        self.files.new_timeline()

    def save(self) -> bool:
        return self.files.save()

    def save_as(self) -> bool:
        return self.files.save_as()

    def maybe_save(self) -> bool:
        return self.files.maybe_save()

    def offer_recovery(self) -> bool:
        return self.files.offer_recovery()

    def closeEvent(self, event: QCloseEvent) -> None:
        try:
            leave = self.files.maybe_save()
        except Exception as exc:  # never close over unsaved work because of a bug
            leave = False
            self.prompts.show_problems(
                self, "Could not save", f"Not closed: {failure_reason(exc)}."
            )
        if not leave:
            event.ignore()
            return
        self.settings.set_geometry(self.saveGeometry(), self.saveState())
        for action, flag, _ in VIEW_FLAGS:
            self.settings.set_view_flag(flag, self._actions[action].isChecked())
        self.settings.sync()
        self.files.stop()
        event.accept()

    # -- view --------------------------------------------------------------------------
    def set_lanes(self, on: bool) -> None:
        self.timeline.set_lanes(on)
        self.overview.update()

    def set_compress(self, on: bool) -> None:
        self.timeline.set_compress(on)

    def set_badges(self, on: bool) -> None:
        self.timeline.set_badges(on)

    def set_all_links(self, on: bool) -> None:
        self.timeline.set_all_links(on)

    def set_show_linked(self, on: bool) -> None:
        """Also show the events linked to those the filter shows (kept with the filter)."""
        self.document.set_filter(replace(self.document.filter, linked=on))

    def _show_linked_checked(self) -> None:
        action, on = self._actions["actionShowLinked"], self.document.filter.linked
        if action.isChecked() != on:  # the filter of a file opened, say
            action.blockSignals(True)
            action.setChecked(on)
            action.blockSignals(False)

    def set_legend(self, on: bool) -> None:
        self.legend.setEnabled(on)  # (hidden too when the view has nothing to explain)
        self.legend.refresh()

    def zoom_in(self) -> None:
        self.timeline.zoom_by(1.5)

    def zoom_out(self) -> None:
        self.timeline.zoom_by(1 / 1.5)

    def zoom_to_selected(self) -> None:
        if self.document.current_id:
            self.timeline.zoom_to_event(self.document.current_id)

    def focus_search(self) -> None:
        self.filter_dock.show()
        self.filter_dock.raise_()
        self.filters.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filters.search.selectAll()

    def next_event(self) -> None:
        self.step_event(1)

    def previous_event(self) -> None:
        self.step_event(-1)

    def select_event(self, event_id: str) -> None:
        """Select an event (a linked one, say) and keep it in view."""
        if self.document.store.event(event_id) is not None:
            self.document.set_current(event_id)
            self.timeline.ensure_visible(event_id)

    def next_link(self) -> None:
        self.step_link(forward=True)

    def previous_link(self) -> None:
        self.step_link(forward=False)

    def step_link(self, forward: bool) -> None:
        """Follow a link of the selected event: forward to what it led to (Alt+L), back to
        what led to it (Alt+Shift+L); never straight back where the last step came from
        while there is another way on."""
        doc = self.document
        current = doc.current_id
        if current is None:
            return
        store = doc.store

        def when(event_id: str) -> object:
            other = store.event(event_id)
            return other.sort_key() if other is not None else ()

        entries = [e for e in links_of(doc.timeline.links, current, when)
                   if store.event(e.other_id) is not None]  # fmt: skip
        came_from = self._link_step[0] if self._link_step[1] == current else None
        target = linked_step(entries, forward, came_from)
        if target is None:
            self.say("No link " + ("from" if forward else "to") + " this event")
            return
        self._link_step = (current, target)
        self.select_event(target)

    def step_event(self, step: int) -> None:
        """Select the next (1) or previous (-1) visible event in time and keep it in view."""
        store = self.document.store
        position = step_position(store.visible, self.document.current_position(), step)
        if position is not None:
            event = store.event_at(position)
            self.document.set_current(event.id)
            self.timeline.ensure_visible(event.id)

    def _follow_in_article(self, event_id: str) -> None:
        """With the article open beside the details, it follows the selection to the
        selected event's first quote (without stealing the focus or raising a tab)."""
        if self.article_dock.isVisible() and not self.article_dock.visibleRegion().isEmpty():
            self.show_quote(event_id, 0, raise_article=False)

    def show_quote(self, event_id: str, quote_index: int, raise_article: bool = True) -> None:
        if not self.article.can_show(event_id, quote_index):
            return
        if raise_article:
            self.article_dock.show()  # shown first, so the text is laid out before it scrolls
            self.article_dock.raise_()
        self.article.show_quote(event_id, quote_index)

    def help_html(self) -> str:
        return help_html(self.findChildren(QAction))

    def show_help(self) -> None:
        self.prompts.about(self, "Keyboard shortcuts and date formats", self.help_html())

    def about(self) -> None:
        self.prompts.about(
            self,
            f"About {APP_DISPLAY_NAME}",
            f"<h3>{escape_html(APP_DISPLAY_NAME)} {version()}</h3>"
            "<p>A desktop timeline viewer for evidence-backed timelines built from news "
            "articles: zoomable timeline, quotes checked against their sources, filters by "
            "actor, text and date.</p>"
            f"<p>Licence: {LICENSE}.<br>Qt {qVersion()}, PySide6 {PySide6.__version__}.</p>",
        )

    # -- editing -----------------------------------------------------------------------
    def _update_edit_actions(self) -> None:
        has = self.document.current_id is not None
        for name in ("actionEditEvent", "actionDuplicateEvent", "actionDeleteEvent",
                     "actionZoomSelected"):  # fmt: skip
            self._actions[name].setEnabled(has)

    # -- selection -----------------------------------------------------------------------
    def _on_list_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self.table_model.busy:  # a row removed under the cursor: not the user's choice
            return
        if current.isValid():
            event = self.table_model.event_at(current.row())
            if event.id != self.document.current_id:
                self.document.set_current(event.id)
                self.timeline.ensure_visible(event.id)
                self._show_details()

    def _show_details(self) -> None:
        """The user picked an event: its details come to the front of their tabs."""
        if self.detail_dock.isVisible() and self.detail.visibleRegion().isEmpty():
            self.detail_dock.raise_()

    def _on_current_changed(self, event_id: object) -> None:
        if event_id is not None:
            self._hidden.forget()
            self._follow_in_article(str(event_id))
        self.event_list.select_event(event_id if isinstance(event_id, str) else None)

    def _on_visible_changed(self) -> None:
        """A selected event the filter hides is deselected, and said so; when the filter
        shows it again it is selected again."""
        doc = self.document
        exists = lambda i: doc.store.event(i) is not None  # noqa: E731
        hidden = doc.current_event()
        current, changed = self._hidden.after_filter(doc.current_id, exists, doc.is_visible)
        if not changed:
            return
        if current is None and hidden is not None:
            doc.set_current(None)
            self.detail.set_notice(f"The selected event “{hidden.title}” is hidden by the filter.")
        elif current is not None:
            self.detail.set_notice("")
            doc.set_current(current)

    # -- title and status ----------------------------------------------------------------
    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.document.display_name()}[*] — {APP_DISPLAY_NAME}")
        self.setWindowModified(self.document.modified)

    def _update_status(self) -> None:
        store = self.document.store
        total, shown, extent = len(store.index), len(store.visible), store.index.extent()
        if not total or extent is None:
            self.status_label.setText("No events")
            return
        count = plural(total, "event")
        if shown != total:
            count = f"{shown:,} of {count} shown"
        if store.visible.linked:
            count += f" ({store.visible.linked:,} by links)"
        first, last = date.fromordinal(extent[0]).year, date.fromordinal(extent[1] - 1).year
        self.status_label.setText(f"{count} · {first} – {last}")

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self.timeline.update)
