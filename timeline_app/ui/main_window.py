"""The main window: timeline, overview, event list, filter, detail and article docks,
menus and toolbar of shared actions, and the file life cycle (open, save, recent files)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from datetime import date
from html import escape
from pathlib import Path

import PySide6
from PySide6.QtCore import (
    QByteArray,
    QItemSelectionModel,
    QModelIndex,
    QSettings,
    Qt,
    QTimer,
    qVersion,
)
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDockWidget,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from .. import APP_DISPLAY_NAME, LICENSE, __version__
from ..core.bundled import bundled_dataset, is_bundled
from ..core.dates import TimelineDate
from ..core.fileformat import TIMELINEJS_FILE, LoadError, load_timeline
from ..core.filters import FilterState
from ..core.model import Event, Timeline, unique_id
from ..core.problems import failure_reason, shown
from ..core.source_texts import copy_in_change
from ..core.store import Change
from ..core.wording import plural, summarise
from .actors_dialog import ActorsDialog
from .article_view import ArticleView
from .detail_pane import DetailPane
from .document import Document
from .event_form import FormResult
from .event_table_model import DATE, TITLE, EventTableModel
from .file_watcher import FileWatcher
from .filter_bar import FilterBar
from .filter_panel import FilterPanel
from .interop_actions import InteropActions
from .overview import OverviewStrip
from .plain import plain_tooltip
from .prompts import Prompts, QtPrompts, Unsaved
from .recovery import Recovery, load_restored, offer_recovery
from .save_target import may_replace, save_target
from .sources_dialog import SourcesDialog
from .timeline_view import TimelineView
from .undo_actions import toolbar_undo_redo, undo_redo_actions

MAX_RECENT = 8
NARROW = 1100  # below this window width the docks share one side, tabbed


def _flag(value: object) -> bool:
    """A boolean from QSettings, which may hand back "true"/"false" strings."""
    return value is True or value == "true"


def filter_key(path: Path | None) -> str:
    name = str(path.resolve()) if path else "untitled"
    return "filters/" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:16]


class MainWindow(QMainWindow):
    def __init__(
        self,
        settings: QSettings | None = None,
        recovery_folder: Path | None = None,
        prompts: Prompts | None = None,
    ) -> None:
        super().__init__()
        self.prompts = prompts if prompts is not None else QtPrompts()
        self.setObjectName("mainWindow")
        self.settings = settings or QSettings()
        self.document = Document(self)
        self.recovery = Recovery(self.document, recovery_folder, parent=self)
        self.file_watcher = FileWatcher(self)
        self._disk_changed = False  # the file changed on disk and the user kept their version
        self._hidden_selection: str | None = None  # selected, then hidden by a filter
        self._actors_dialog: ActorsDialog | None = None
        self._sources_dialog: SourcesDialog | None = None
        self.resize(1280, 800)
        self._build_widgets()
        self._build_actions()
        self._build_menus()
        self._connect()
        self._restore_settings()
        self._update_title()
        self._update_status()

    # -- construction ------------------------------------------------------------------
    def _build_widgets(self) -> None:
        doc = self.document
        self.timeline = TimelineView(doc)
        self.overview = OverviewStrip(self.timeline)
        self.filter_bar = FilterBar(doc)
        self.table_model = EventTableModel(doc)
        self.event_list = QTableView()
        self.event_list.setObjectName("eventList")
        self.event_list.setModel(self.table_model)
        self.event_list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.event_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.event_list.setSortingEnabled(True)
        self.event_list.sortByColumn(DATE, Qt.SortOrder.AscendingOrder)
        self.event_list.setAlternatingRowColors(True)
        self.event_list.setWordWrap(False)
        self.event_list.verticalHeader().hide()
        self.event_list.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.event_list.verticalHeader().setDefaultSectionSize(
            self.event_list.fontMetrics().height() + 8
        )
        header = self.event_list.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        header.resizeSection(DATE, 140)
        header.resizeSection(2, 170)
        header.resizeSection(3, 72)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.setSpacing(0)
        top_layout.addWidget(self.filter_bar)
        top_layout.addWidget(self.timeline, 1)
        top_layout.addWidget(self.overview)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.event_list)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self.detail = DetailPane(doc)
        self.article = ArticleView()
        self.filters = FilterPanel(doc)
        self.detail_dock = self._dock("Details", "detailDock", self.detail)
        self.article_dock = self._dock("Article", "articleDock", self.article)
        self.filter_dock = self._dock("Filter", "actorFilter", self.filters)
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

    def _dock(self, title: str, name: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        return dock

    def _action(
        self,
        text: str,
        name: str,
        slot: object,
        shortcut: QKeySequence
        | QKeySequence.StandardKey
        | str
        | list[QKeySequence | QKeySequence.StandardKey | str]
        | None = None,
        tip: str = "",
        icon: str = "",
        checkable: bool = False,
        widgets: list[QWidget] | None = None,
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if icon:
            action.setIcon(QIcon.fromTheme(icon))
        if shortcut is not None:
            keys = shortcut if isinstance(shortcut, list) else [shortcut]
            action.setShortcuts([QKeySequence(k) for k in keys])
        label = text.replace("&", "").rstrip("…")
        keys_text = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip or label} ({keys_text})" if keys_text else (tip or label))
        action.setStatusTip(tip or label)
        action.setCheckable(checkable)
        if checkable:
            action.toggled.connect(slot)
        else:
            action.triggered.connect(slot)
        if widgets:
            # keys such as Enter, Del, Home and F act on these widgets only, never on a
            # text field that has the focus
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            for w in widgets:
                w.addAction(action)
        else:
            self.addAction(action)
        return action

    def _build_actions(self) -> None:
        tl, lst = self.timeline, self.event_list
        a = self._action
        self.act_new = a(
            "&New timeline…",
            "actionNew",
            self.new_timeline,
            "Ctrl+Shift+N",
            "Start an empty timeline",
            "document-new",
        )
        self.act_open = a(
            "&Open…",
            "actionOpen",
            self.open_dialog,
            QKeySequence.StandardKey.Open,
            "Open a timeline file",
            "document-open",
        )
        self.act_save = a(
            "&Save",
            "actionSave",
            self.save,
            QKeySequence.StandardKey.Save,
            "Save the timeline",
            "document-save",
        )
        self.act_save_as = a(
            "Save &As…",
            "actionSaveAs",
            self.save_as,
            "Ctrl+Shift+S",
            "Save the timeline under another name",
            "document-save-as",
        )
        self.act_quit = a(
            "&Quit",
            "actionQuit",
            self.close,
            QKeySequence.StandardKey.Quit,
            "Quit the application",
            "application-exit",
        )
        self.act_undo, self.act_redo = undo_redo_actions(self.document.undo_stack, self)
        self.act_zoom_in = a(
            "Zoom &In",
            "actionZoomIn",
            lambda: tl.zoom_by(1.5),
            ["Ctrl+=", QKeySequence.StandardKey.ZoomIn],
            "Zoom in",
            "zoom-in",
        )
        self.act_zoom_out = a(
            "Zoom &Out",
            "actionZoomOut",
            lambda: tl.zoom_by(1 / 1.5),
            ["Ctrl+-", QKeySequence.StandardKey.ZoomOut],
            "Zoom out",
            "zoom-out",
        )
        self.act_fit = a(
            "&Fit All",
            "actionFitAll",
            tl.fit_all,
            "Home",
            "Fit every visible event",
            "zoom-fit-best",
            widgets=[tl],
        )
        self.act_zoom_selected = a(
            "Zoom to &Selected",
            "actionZoomSelected",
            self.zoom_to_selected,
            "F",
            "Zoom to the selected event",
            widgets=[tl, lst],
        )
        self.act_fit_filtered = a(
            "Fit to Filtered Events",
            "actionFitFiltered",
            tl.fit_all,
            None,
            "Fit the events the filter shows",
        )
        self.act_next = a(
            "&Next Event",
            "actionNextEvent",
            lambda: self.step_event(1),
            "Alt+Right",
            "Select the next event",
            "go-next",
        )
        self.act_prev = a(
            "&Previous Event",
            "actionPreviousEvent",
            lambda: self.step_event(-1),
            "Alt+Left",
            "Select the previous event",
            "go-previous",
        )
        self.act_lanes = a(
            "&Group by Actor",
            "actionGroupByActor",
            self.set_lanes,
            "Ctrl+G",
            "One lane per actor",
            checkable=True,
        )
        self.act_compress = a(
            "&Compress Empty Time",
            "actionCompress",
            self.set_compress,
            None,
            "Shrink long stretches without events",
            checkable=True,
        )
        self.act_compress.setChecked(True)
        self.act_find = a(
            "&Find…",
            "actionFind",
            self.focus_search,
            QKeySequence.StandardKey.Find,
            "Filter events by text",
            "edit-find",
        )
        self.act_reset_filters = a(
            "&Reset Filters",
            "actionResetFilters",
            self.filters.reset_filters,
            "Ctrl+Shift+R",
            "Show every event again",
        )
        self.act_about = a("&About", "actionAbout", self.about, None, "About this application")
        self.act_help = a(
            "&Keyboard Shortcuts and Date Formats",
            "actionHelp",
            self.show_help,
            QKeySequence.StandardKey.HelpContents,
            "How to type dates; every shortcut",
        )
        self.act_add = a(
            "&Add Event…",
            "actionAddEvent",
            lambda: self.add_event(),
            "Ctrl+N",
            "Add an event through the form",
            "list-add",
        )
        self.act_edit = a(
            "&Edit Event…",
            "actionEditEvent",
            lambda: self.edit_event(),
            ["Return", "Enter"],
            "Edit the selected event",
            "document-edit",
            widgets=[tl, lst],
        )
        self.act_duplicate = a(
            "D&uplicate Event",
            "actionDuplicateEvent",
            self.duplicate_event,
            "Ctrl+D",
            "Duplicate the selected event",
            "edit-copy",
        )
        self.act_delete = a(
            "&Delete Event…",
            "actionDeleteEvent",
            self.delete_event,
            QKeySequence.StandardKey.Delete,
            "Delete the selected event",
            "edit-delete",
            widgets=[tl, lst],
        )
        self.act_actors = a(
            "Ac&tors…",
            "actionActors",
            self.show_actors,
            None,
            "Rename, recolour, merge or delete actors",
        )
        self.act_sources = a(
            "&Sources…",
            "actionSources",
            self.show_sources,
            None,
            "Add or edit the sources quotes come from",
        )
        self.act_rename = a(
            "Timeline &Title…",
            "actionRenameTimeline",
            self.rename_timeline,
            None,
            "Change the timeline's title",
        )

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addActions([self.act_new, self.act_open])
        self.recent_menu = QMenu("Open &Recent", self)
        self.recent_menu.setObjectName("recentMenu")
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        file_menu.addActions([self.act_save, self.act_save_as])
        self.file_menu = file_menu
        file_menu.addSeparator()
        self.interop = InteropActions(self)
        for action in self.interop.actions():
            if action is None:
                file_menu.addSeparator()
            else:
                file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.act_quit)
        edit = bar.addMenu("&Edit")
        edit.addActions([self.act_undo, self.act_redo])
        edit.addSeparator()
        edit.addActions([self.act_add, self.act_edit, self.act_duplicate, self.act_delete])
        edit.addSeparator()
        self.edit_menu = edit
        edit.addActions([self.act_actors, self.act_sources, self.act_rename])
        view = bar.addMenu("&View")
        view.addActions(
            [
                self.act_zoom_in,
                self.act_zoom_out,
                self.act_fit,
                self.act_zoom_selected,
                self.act_fit_filtered,
            ]
        )
        view.addSeparator()
        view.addActions([self.act_next, self.act_prev])
        view.addSeparator()
        view.addActions([self.act_lanes, self.act_compress])
        view.addSeparator()
        view.addActions([self.act_find, self.act_reset_filters])
        view.addSeparator()
        for dock in (self.filter_dock, self.detail_dock, self.article_dock):
            view.addAction(dock.toggleViewAction())
        self.view_menu = view
        help_menu = bar.addMenu("&Help")
        help_menu.addActions([self.act_help, self.act_about])

        self.toolbar = QToolBar("Main toolbar", self)
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.addToolBar(self.toolbar)
        self.toolbar.addActions([self.act_open, self.act_save])
        self.toolbar.addSeparator()
        self.toolbar.addActions([self.act_add, *toolbar_undo_redo(self.document.undo_stack, self)])
        self.toolbar.addSeparator()
        self.toolbar.addActions([self.act_zoom_in, self.act_zoom_out, self.act_fit])
        self.toolbar.addSeparator()
        self.toolbar.addActions([self.act_lanes])
        self._update_recent_menu()

    def _connect(self) -> None:
        doc = self.document
        doc.undo_stack.cleanChanged.connect(self._update_title)
        doc.pathChanged.connect(self._update_title)
        doc.recordsChanged.connect(self._update_title)
        doc.visibleChanged.connect(self._update_status)
        doc.visibleChanged.connect(self._selection_after_filter)
        doc.filterChanged.connect(self._save_filter)
        doc.currentChanged.connect(self._current_changed)
        self.event_list.selectionModel().currentRowChanged.connect(self._list_row_changed)
        self.table_model.modelReset.connect(lambda: self._current_changed(doc.current_id))
        self.table_model.layoutChanged.connect(lambda: self._current_changed(doc.current_id))
        self.filter_bar.fitRequested.connect(self.timeline.fit_all)
        self.detail.actorClicked.connect(self.filters.show_only)
        self.detail.showQuote.connect(self.show_quote)
        self.timeline.eventActivated.connect(self.edit_event)
        self.timeline.emptyActivated.connect(self.add_event)
        self.event_list.doubleClicked.connect(
            lambda index: self.edit_event(self.table_model.event_at(index.row()).id)
        )
        self.file_watcher.changedOnDisk.connect(self._changed_on_disk)
        self.file_watcher.removedOnDisk.connect(
            lambda path: self.statusBar().showMessage(
                f"“{path.name}” was removed from disk; saving will write it again.", 15000
            )
        )
        self.recovery.writeFailed.connect(
            lambda reason: self.statusBar().showMessage(f"Could not write recovery: {reason}")
        )
        doc.currentChanged.connect(self._update_edit_actions)
        doc.reset.connect(self._update_edit_actions)
        self._update_edit_actions()

    # -- settings ----------------------------------------------------------------------
    def _restore_settings(self) -> None:
        s = self.settings
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = s.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        self.act_lanes.setChecked(_flag(s.value("view/lanes", False)))
        self.act_compress.setChecked(_flag(s.value("view/compress", True)))

    def arrange_for_width(self, width: int) -> None:
        """On a narrow window the filter shares the right side with the details, tabbed."""
        if width < NARROW:
            header = self.event_list.horizontalHeader()
            header.resizeSection(DATE, 132)
            header.resizeSection(2, 110)  # the title keeps the room
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.filter_dock)
            self.tabifyDockWidget(self.detail_dock, self.article_dock)
            self.tabifyDockWidget(self.detail_dock, self.filter_dock)
            self.detail_dock.raise_()
            self.resizeDocks([self.detail_dock], [300], Qt.Orientation.Horizontal)

    def _save_settings(self) -> None:
        s = self.settings
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        s.setValue("view/lanes", self.act_lanes.isChecked())
        s.setValue("view/compress", self.act_compress.isChecked())
        s.sync()

    def recent_files(self) -> list[str]:
        value = self.settings.value("recent", [])
        if isinstance(value, str):
            return [value]
        return [str(v) for v in value] if isinstance(value, list) else []

    def _add_recent(self, path: Path) -> None:
        name = str(path.resolve())
        recent = [name] + [r for r in self.recent_files() if r != name]
        self.settings.setValue("recent", recent[:MAX_RECENT])
        self._update_recent_menu()

    def _update_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = [r for r in self.recent_files() if Path(r).exists()]
        for i, name in enumerate(recent):
            action = self.recent_menu.addAction(f"&{i + 1} {Path(name).name}")
            action.setToolTip(plain_tooltip(name))
            action.setStatusTip(name)
            action.triggered.connect(lambda _=False, n=name: self.open_path(Path(n)))
        self.recent_menu.setEnabled(bool(recent))

    def _save_filter(self) -> None:
        state = self.document.filter
        key = filter_key(self.document.path)
        if state.active:
            self.settings.setValue(key, json.dumps(state.to_dict()))
        else:
            self.settings.remove(key)

    def saved_filter(self, path: Path | None) -> FilterState | None:
        value = self.settings.value(filter_key(path))
        if not isinstance(value, str):
            return None
        try:
            data = json.loads(value)
        except ValueError:
            return None
        return FilterState.from_dict(data) if isinstance(data, dict) else None

    # -- files -------------------------------------------------------------------------
    def load(self, timeline: Timeline, path: Path | None, state: FilterState | None = None) -> None:
        self.article.clear()
        self.document.load(timeline, path, state if state is not None else self.saved_filter(path))
        self._disk_changed = False
        if path is not None:
            self._add_recent(path)
            self.file_watcher.watch(path)
        else:
            self.file_watcher.stop()

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
        intro = (
            f"{plural(len(refused), 'source text')} of “{doc.display_name()}” "
            f"{'is' if len(refused) == 1 else 'are'} not read: a timeline reads texts only "
            "from its own folder and its sub-folders.\n\n"
        )
        if not copyable:
            self.prompts.show_problems(self, "Source texts not read", intro + listed, details)
            return
        which = "this text" if len(copyable) == 1 else f"these {len(copyable)} texts"
        question = (
            f"{intro}{listed}\n\nCopy {which} into the timeline's folder? Check the list "
            "first: the copies are written there when you save (Ctrl+Z undoes)."
        )
        if not self.prompts.confirm(
            self, "Source texts outside the folder", question, "Copy into Folder", details=details
        ):
            return
        change, failed = copy_in_change(doc.timeline, doc.texts, copyable)
        if change is not None:
            doc.push(change)
            self.statusBar().showMessage(f"{change.description}: save to keep them.", 10000)
        if failed:
            listed, details = summarise([shown(line) for line in failed])
            self.prompts.show_problems(self, "Not copied", f"Could not copy:\n\n{listed}", details)

    def offer_recovery(self) -> bool:
        """At start-up: offer to restore work a crash left unsaved.  True if restored."""
        restored = offer_recovery(self.prompts, self, self.recovery.folder)
        if restored is None:
            return False
        load_restored(self.document, *restored, load=self.load)
        self.statusBar().showMessage("Restored unsaved changes: save them to keep them.", 15000)
        self.offer_outside_texts()
        return True

    def _changed_on_disk(self, path: Path) -> None:
        """Another program changed the open file: offer to reload, never overwrite silently."""
        if path != self.document.path:
            return
        unsaved = " Your unsaved changes here would be lost." if self.document.modified else ""
        if self.prompts.confirm(
            self,
            "File changed on disk",
            f"“{path.name}” was changed by another program.{unsaved}\n\nReload it?",
            "Reload",
        ):
            try:
                timeline = load_timeline(path)
            except LoadError as exc:  # half-written, or broken: keep what is here, unsaved
                self._disk_changed = True
                problems = [p.format(str(path)) for p in exc.problems]
                self.prompts.show_problems(
                    self,
                    "Could not reload",
                    f"“{path.name}” changed on disk but cannot be read now; your version "
                    "stays open, with its changes.\n\n" + "\n".join(problems[:12]),
                    "\n".join(problems),
                )
                return
            self.load(timeline, path, self.document.filter)
            self.offer_outside_texts()
        else:
            self._disk_changed = True

    def open_path(self, path: Path, state: FilterState | None = None) -> bool:
        """Open a file; on failure show every problem and keep what the window had."""
        if not self.maybe_save():
            return False
        try:
            timeline = load_timeline(path)
        except LoadError as exc:
            if exc.problems[0].message == TIMELINEJS_FILE and self.prompts.confirm(
                self,
                "A TimelineJS file",
                f"“{path.name}” is a TimelineJS file. Import its events as a new timeline?",
                "Import",
            ):
                return self.interop.import_tjs_file(path)
            problems = [p.format(str(path)) for p in exc.problems]
            head = "\n".join(problems[:12]) + ("\n…" if len(problems) > 12 else "")
            self.prompts.show_problems(
                self,
                "Could not open the timeline",
                f"“{path.name}” was not opened: {len(problems)} problem"
                f"{'s' * (len(problems) != 1)}.\n\n{head}",
                "\n".join(problems),
            )
            return False
        self.load(timeline, path, state)
        self.statusBar().showMessage(f"Opened {path.name}", 5000)
        self.offer_outside_texts()
        return True

    def open_bundled(self, state: FilterState | None = None) -> bool:
        return self.open_path(bundled_dataset(), state)

    def open_dialog(self) -> None:
        folder = str(self.document.path.parent) if self.document.path else str(Path.home())
        name = self.prompts.open_path(self, "Open timeline", folder)
        if name:
            self.open_path(Path(name))

    def new_timeline(self) -> None:
        if not self.maybe_save():
            return
        title = self.prompts.text(
            self, "New timeline", "Title of the new timeline:", "Untitled timeline"
        )
        if title is None:
            return
        self.load(Timeline(title=title.strip() or "Untitled timeline"), None, FilterState())

    def save(self) -> bool:
        doc = self.document
        if doc.read_only or doc.path is None:
            return self.save_as()
        return self._save_to(doc.path)

    def save_as(self) -> bool:
        doc = self.document
        if doc.path is not None and not doc.read_only:
            suggestion = str(doc.path)
        else:
            base = doc.path.name if doc.path else f"{doc.timeline.title or 'timeline'}.json"
            suggestion = str(Path.home() / base)
        name = self.prompts.save_path(self, "Save timeline as", suggestion)
        if not name:
            return False
        path = save_target(self.prompts, self, name, (".json",), ".json")
        return path is not None and self._save_to(path, asked=True)

    def _save_to(self, path: Path, asked: bool = False) -> bool:
        """Save to ``path``; False (the edits kept, the window open) when it was not saved.
        ``asked``: the user has already agreed to replace a read-only file there."""
        if is_bundled(path):
            self.prompts.show_problems(
                self,
                "Cannot save there",
                "The bundled dataset is never overwritten. Save your copy somewhere else.",
            )
            return False
        if (
            self._disk_changed
            and path == self.document.path
            and not self.prompts.confirm(
                self,
                "Overwrite changes on disk?",
                f"“{path.name}” was changed by another program since it was opened here. "
                "Saving replaces that version with yours.",
                "Overwrite",
            )
        ):
            return False
        if not asked and not may_replace(self.prompts, self, path):
            return False
        try:
            self.document.save(path)
            self.file_watcher.saved(path)
        except Exception as exc:  # whatever the cause: the edits stay, and so does the window
            reason = failure_reason(exc)
            if self.prompts.confirm(
                self,
                "Could not save",
                f"“{path.name}” could not be saved: {reason}.\n\nYour changes are still here. "
                "Save them somewhere else?",
                "Save As…",
            ):
                return self.save_as()
            return False
        self._disk_changed = False
        self._add_recent(path)
        self._save_filter()
        self.statusBar().showMessage(f"Saved {path.name}", 5000)
        return True

    def maybe_save(self) -> bool:
        """True when it is fine to drop the current document (saved, discarded)."""
        if not self.document.modified:
            return True
        answer = self.prompts.save_discard_cancel(self, self.document.display_name())
        if answer is Unsaved.SAVE:
            return self.save()
        return answer is Unsaved.DISCARD

    def closeEvent(self, event: QCloseEvent) -> None:
        try:
            leave = self.maybe_save()
        except Exception as exc:  # never close over unsaved work because of a bug
            leave = False
            self.prompts.show_problems(
                self, "Could not save", f"Not closed: {failure_reason(exc)}."
            )
        if not leave:
            event.ignore()
            return
        self._save_settings()
        self.recovery.stop()
        self.file_watcher.stop()
        event.accept()

    # -- view --------------------------------------------------------------------------
    def set_lanes(self, on: bool) -> None:
        self.timeline.set_lanes(on)
        self.overview.update()

    def set_compress(self, on: bool) -> None:
        self.timeline.set_compress(on)

    def zoom_to_selected(self) -> None:
        if self.document.current_id:
            self.timeline.zoom_to_event(self.document.current_id)

    def focus_search(self) -> None:
        self.filter_dock.show()
        self.filter_dock.raise_()
        self.filters.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filters.search.selectAll()

    def step_event(self, step: int) -> None:
        """Select the next (1) or previous (-1) visible event in time and keep it in view."""
        visible = self.document.store.visible
        if not len(visible):
            return
        position = self.document.current_position()
        rank = visible.rank(position) if position is not None else None
        if rank is None:
            rank = 0 if step > 0 else len(visible) - 1
        else:
            rank = min(max(rank + step, 0), len(visible) - 1)
        event = self.document.store.event_at(visible.positions[rank])
        self.document.set_current(event.id)
        self.timeline.ensure_visible(event.id)

    def _follow_in_article(self, event_id: str) -> None:
        """With the article open beside the details, it follows the selection to the
        selected event's first quote (without stealing the focus or raising a tab)."""
        if not self.article_dock.isVisible() or self.article_dock.visibleRegion().isEmpty():
            return
        event = self.document.store.event(event_id)
        if event is None or not event.quotes:
            return
        quote = event.quotes[0]
        source = self.document.timeline.source(quote.source)
        text = self.document.texts.text(source) if source is not None else None
        if source is not None and text is not None:
            match, _ = self.document.texts.find(self.document.timeline, quote)
            self.article.show_source(source, text, match)

    def show_quote(self, event_id: str, quote_index: int) -> None:
        timeline = self.document.timeline
        event = self.document.store.event(event_id)
        if event is None or quote_index >= len(event.quotes):
            return
        quote = event.quotes[quote_index]
        source = timeline.source(quote.source)
        if source is None:
            return
        text = self.document.texts.text(source)
        if text is None:
            return
        match, _ = self.document.texts.find(timeline, quote)
        self.article_dock.show()  # shown first, so the text is laid out before it scrolls
        self.article_dock.raise_()
        self.article.show_source(source, text, match)

    def help_html(self) -> str:
        """Every action with a shortcut, and the date forms the app reads."""
        rows = []
        for action in self.findChildren(QAction):
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            if keys and action.text():
                rows.append((action.text().replace("&", "").rstrip("…"), keys))
        table = "".join(
            f"<tr><td>{escape(name)}</td><td><b>{escape(keys)}</b></td></tr>"
            for name, keys in sorted(set(rows))
        )
        return (
            "<h3>Typing dates</h3><p>Type dates as you would write them; the app keeps the "
            "precision you give:</p><ul>"
            "<li><b>27 July 1953</b>, <b>Friday 1 November 2024</b>, <b>1953-07-27</b>: a day"
            "</li><li><b>November 2024</b>, <b>Nov 2024</b>, <b>2024-11</b>: a month</li>"
            "<li><b>2016</b>: a year</li><li><b>1980s</b>, <b>the 1980s</b>: a decade</li></ul>"
            "<p>Numbers only, like 02/03/2024, are refused when the day and month could be "
            "swapped: write the month as a word.</p>"
            f"<h3>Keyboard shortcuts</h3><table cellspacing='6'>{table}</table>"
            "<p>Enter, Del, Home and F act on the timeline and the event list.</p>"
        )

    def show_help(self) -> None:
        self.prompts.about(self, "Keyboard shortcuts and date formats", self.help_html())

    def about(self) -> None:
        self.prompts.about(
            self,
            f"About {APP_DISPLAY_NAME}",
            f"<h3>{APP_DISPLAY_NAME} {__version__}</h3>"
            "<p>A desktop timeline viewer for evidence-backed timelines built from news "
            "articles: zoomable timeline, quotes checked against their sources, filters by "
            "actor, text and date.</p>"
            f"<p>Licence: {LICENSE}.<br>Qt {qVersion()}, PySide6 {PySide6.__version__}.</p>",
        )

    # -- editing -----------------------------------------------------------------------
    def _update_edit_actions(self) -> None:
        has = self.document.current_id is not None
        for action in (self.act_edit, self.act_duplicate, self.act_delete):
            action.setEnabled(has)
        self.act_zoom_selected.setEnabled(has)

    def add_event(self, start: TimelineDate | None = None) -> None:
        doc = self.document
        result = self.prompts.event_form(self, doc.timeline, doc.texts, None, start)
        if result is not None:
            self._commit(result, None)

    def edit_event(self, event_id: str | None = None) -> None:
        doc = self.document
        event = doc.store.event(event_id or doc.current_id or "")
        if event is None:
            return
        result = self.prompts.event_form(self, doc.timeline, doc.texts, event, None)
        if result is not None and result.event != event:
            self._commit(result, event)

    def _commit(self, result: FormResult, old: Event | None) -> None:
        doc = self.document
        actors = None
        if result.new_actors:
            before = tuple(doc.timeline.actors)
            actors = (before, before + result.new_actors)
        verb = "Edit" if old else "Add"
        change = Change(
            f"{verb} “{result.event.title}”",
            removed=(old,) if old else (),
            added=(result.event,),
            actors=actors,
        )
        doc.push(change)
        if doc.is_visible(result.event.id):
            doc.set_current(result.event.id)
            self.timeline.ensure_visible(result.event.id)
        else:
            self.announce_hidden(change)

    def delete_event(self) -> None:
        doc = self.document
        event = doc.current_event()
        if event is None:
            return
        if not self.prompts.confirm(
            self,
            "Delete event",
            f"Delete “{event.title}” ({event.date_words()})?\n\nYou can undo this with Ctrl+Z.",
            "Delete",
        ):
            return
        doc.push(Change(f"Delete “{event.title}”", removed=(event,)))
        self.statusBar().showMessage(f"Deleted “{event.title}”", 5000)

    def duplicate_event(self) -> None:
        doc = self.document
        event = doc.current_event()
        if event is None:
            return
        title = f"{event.title} (copy)"
        copy = replace(event, id=unique_id(title, (e.id for e in doc.timeline.events)), title=title)
        doc.push(Change(f"Duplicate “{event.title}”", added=(copy,)))
        if doc.is_visible(copy.id):
            doc.set_current(copy.id)

    @staticmethod
    def _present(dialog: QDialog) -> None:
        if dialog.isVisible():
            dialog.raise_()  # already open, maybe behind the window
            dialog.activateWindow()
        else:
            dialog.show()

    def show_actors(self) -> ActorsDialog:
        """Edit ▸ Actors…: a non-modal dialog; its edits are undoable here too."""
        if self._actors_dialog is None:
            self._actors_dialog = ActorsDialog(self.document, self.prompts, self)
        self._present(self._actors_dialog)
        return self._actors_dialog

    def show_sources(self) -> SourcesDialog:
        if self._sources_dialog is None:
            self._sources_dialog = SourcesDialog(self.document, self.prompts, self)
        self._present(self._sources_dialog)
        return self._sources_dialog

    def rename_timeline(self) -> None:
        doc = self.document
        title = self.prompts.text(
            self, "Timeline title", "Title of this timeline:", doc.timeline.title
        )
        if title is not None and title.strip() and title.strip() != doc.timeline.title:
            doc.push(Change("Rename timeline", title=(doc.timeline.title, title.strip())))

    # -- selection -----------------------------------------------------------------------
    def _list_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            event = self.table_model.event_at(current.row())
            if event.id != self.document.current_id:
                self.document.set_current(event.id)
                self.timeline.ensure_visible(event.id)

    def _current_changed(self, event_id: object) -> None:
        if event_id is not None:
            self._hidden_selection = None
            self._follow_in_article(str(event_id))
        sm = self.event_list.selectionModel()
        row = self.table_model.row_of(event_id) if isinstance(event_id, str) else None
        if row is None:
            sm.clearSelection()
            sm.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.NoUpdate)
            return
        index = self.table_model.index(row, 0)
        if sm.currentIndex().row() != row or not sm.isRowSelected(row):
            sm.setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        self.event_list.scrollTo(index)

    def _selection_after_filter(self) -> None:
        """A selected event the filter hides is deselected, and said so; when the filter
        shows it again it is selected again."""
        doc = self.document
        event = doc.current_event()
        if event is not None and not doc.is_visible(event.id):
            self._hidden_selection = event.id
            doc.set_current(None)
            self.detail.set_notice(f"The selected event “{event.title}” is hidden by the filter.")
        elif event is None and self._hidden_selection is not None:
            hidden = self._hidden_selection
            if doc.store.event(hidden) is None:
                self._hidden_selection = None
            elif doc.is_visible(hidden):
                self._hidden_selection = None
                self.detail.set_notice("")
                doc.set_current(hidden)

    # -- title and status ----------------------------------------------------------------
    def _update_title(self) -> None:
        doc = self.document
        name = doc.path.name if doc.path else doc.timeline.title or "Untitled"
        self.setWindowTitle(f"{name}[*] — {APP_DISPLAY_NAME}")
        self.setWindowModified(doc.modified)

    def _update_status(self) -> None:
        doc = self.document
        total = len(doc.store.index)
        shown = len(doc.store.visible)
        extent = doc.store.index.extent()
        if not total:
            text = "No events"
        else:
            count = f"{total:,} event{'s' * (total != 1)}"
            if shown != total:
                count = f"{shown:,} of {count} shown"
            assert extent is not None
            first = date.fromordinal(extent[0]).year
            last = date.fromordinal(extent[1] - 1).year
            text = f"{count} · {first} – {last}"
        self.status_label.setText(text)

    def announce_hidden(self, change: Change) -> None:
        hidden = [e for e in change.added if not self.document.is_visible(e.id)]
        if hidden:
            message = f"“{hidden[0].title}” saved; hidden by the current filter."
            self.statusBar().showMessage(message, 10000)
            self.detail.set_notice(message)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self.timeline.update)
