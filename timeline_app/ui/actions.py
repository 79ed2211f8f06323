"""Every action of the main window, declared once as data: its id, text, keys, tip, icon
and what it calls; then made into ``QAction``\\ s and placed in the menus, the toolbar and
the Help page from the same declarations.  A key sequence is bound to one action only."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar, QWidget

from ..core.markup import escape_html

Key = str | QKeySequence.StandardKey
SEPARATOR = None


@dataclass(frozen=True, slots=True)
class ActionSpec:
    id: str  # the QAction's objectName: stable, for tests and settings
    text: str
    call: str  # a dotted path from the window: "save", "interop.export_view_dialog"
    keys: tuple[Key, ...] = ()
    tip: str = ""
    icon: str = ""
    checkable: bool = False
    # where its keys act: the whole window, the timeline and the event list ("views"),
    # or the timeline only (Home in the list goes to its first row)
    where: Literal["window", "views", "timeline"] = "window"


SPECS = (
    ActionSpec("actionNew", "&New timeline…", "new_timeline", ("Ctrl+Shift+N",),
               "Start an empty timeline", "document-new"),
    ActionSpec("actionOpen", "&Open…", "open_dialog", (QKeySequence.StandardKey.Open,),
               "Open a timeline file", "document-open"),
    ActionSpec("actionSave", "&Save", "save", (QKeySequence.StandardKey.Save,),
               "Save the timeline", "document-save"),
    ActionSpec("actionSaveAs", "Save &As…", "save_as", ("Ctrl+Shift+S",),
               "Save the timeline under another name", "document-save-as"),
    ActionSpec("actionExportView", "Export &View…", "interop.export_view_dialog", ("Ctrl+E",),
               "Save what the timeline shows as PNG, SVG or PDF"),
    ActionSpec("actionPrint", "&Print…", "interop.print_dialog",
               (QKeySequence.StandardKey.Print,), "Print the timeline, with a preview"),
    ActionSpec("actionExportCsv", "Export Events as &CSV…", "interop.export_csv_dialog",
               tip="Save the shown events as a spreadsheet"),
    ActionSpec("actionImportCsv", "Import Events from CS&V…", "interop.import_csv_dialog",
               tip="Add events from a spreadsheet"),
    ActionSpec("actionExportTimelineJS", "Export for &TimelineJS…", "interop.export_tjs_dialog",
               tip="Save the shown events for Knight Lab's TimelineJS"),
    ActionSpec("actionImportTimelineJS", "Import from Timeline&JS…",
               "interop.import_tjs_dialog", tip="Open a TimelineJS 3 JSON file"),
    ActionSpec("actionEvidenceReport", "Evidence &Report…", "interop.evidence_report_dialog",
               tip="Save a report of the shown events' support, quotes and graded sources "
               "(Markdown, HTML or JSON)"),
    ActionSpec("actionPublishWeb", "Publish as &Web Page…", "interop.publish_dialog",
               tip="Save the shown events as one web page that works offline and loads "
               "nothing"),
    ActionSpec("actionQuit", "&Quit", "close", (QKeySequence.StandardKey.Quit,),
               "Quit the application", "application-exit"),
    ActionSpec("actionAddEvent", "&Add Event…", "edit.add_event", ("Ctrl+N",),
               "Add an event through the form", "list-add"),
    ActionSpec("actionEditEvent", "&Edit Event…", "edit.edit_event", ("Return", "Enter"),
               "Edit the selected event", "document-edit", where="views"),
    ActionSpec("actionDuplicateEvent", "D&uplicate Event", "edit.duplicate_event", ("Ctrl+D",),
               "Duplicate the selected event", "edit-copy"),
    ActionSpec("actionDeleteEvent", "&Delete Event…", "edit.delete_event",
               (QKeySequence.StandardKey.Delete,), "Delete the selected event", "edit-delete",
               where="views"),
    ActionSpec("actionActors", "Ac&tors…", "edit.show_actors",
               tip="Rename, recolour, merge or delete actors"),
    ActionSpec("actionSources", "&Sources…", "edit.show_sources",
               tip="Add or edit the sources quotes come from"),
    ActionSpec("actionFindEvents", "Find E&vents in Text…", "edit.find_events",
               tip="List the dated events a source's text proposes, to accept or reject"),
    ActionSpec("actionEras", "E&ras…", "edit.show_eras",
               tip="List, add, edit or delete the eras: named periods, which may overlap"),
    ActionSpec("actionRenameTimeline", "Timeline &Title…", "edit.rename_timeline",
               tip="Change the timeline's title"),
    ActionSpec("actionZoomIn", "Zoom &In", "zoom_in", (QKeySequence.StandardKey.ZoomIn, "Ctrl+="),
               "Zoom in", "zoom-in"),
    ActionSpec("actionZoomOut", "Zoom &Out", "zoom_out", (QKeySequence.StandardKey.ZoomOut,),
               "Zoom out", "zoom-out"),
    ActionSpec("actionFitAll", "&Fit All", "timeline.fit_all", ("Home",),
               "Fit every visible event", "zoom-fit-best", where="timeline"),
    ActionSpec("actionZoomSelected", "Zoom to &Selected", "zoom_to_selected", ("F",),
               "Zoom to the selected event", where="views"),
    ActionSpec("actionFitFiltered", "Fit to Filtered Events", "timeline.fit_all",
               tip="Fit the events the filter shows"),
    ActionSpec("actionNextEvent", "&Next Event", "next_event", ("Alt+Right",),
               "Select the next event", "go-next"),
    ActionSpec("actionPreviousEvent", "&Previous Event", "previous_event", ("Alt+Left",),
               "Select the previous event", "go-previous"),
    ActionSpec("actionNextLink", "Follow &Link", "next_link", ("Alt+L",),
               "Select what the selected event led to"),
    ActionSpec("actionPreviousLink", "Follow Link &Back", "previous_link", ("Alt+Shift+L",),
               "Select what led to the selected event"),
    ActionSpec("actionGroupByActor", "&Group by Actor", "set_lanes", ("Ctrl+G",),
               "One lane per actor", checkable=True),
    ActionSpec("actionCompress", "&Compress Empty Time", "set_compress",
               tip="Shrink long stretches without events", checkable=True),
    ActionSpec("actionSupportBadges", "Support &Badges", "set_badges",
               tip="Beside each event: corroborated, single source, contested or no source",
               checkable=True),
    ActionSpec("actionShowAllLinks", "Show &All Links", "set_all_links",
               tip="Draw every link, however many (past 200 only the selected event's are)",
               checkable=True),
    ActionSpec("actionShowLegend", "&Legend", "set_legend",
               tip="What the colours, shapes and badges mean, under the timeline",
               checkable=True),
    ActionSpec("actionFind", "&Find…", "focus_search", (QKeySequence.StandardKey.Find,),
               "Filter events by text", "edit-find"),
    ActionSpec("actionShowLinked", "Show Lin&ked Events", "set_show_linked",
               tip="Also show the events linked to the ones the filter shows", checkable=True),
    ActionSpec("actionResetFilters", "&Reset Filters", "filters.reset_filters",
               ("Ctrl+Shift+R",), "Show every event again"),
    ActionSpec("actionHelp", "&Keyboard Shortcuts and Date Formats", "show_help",
               (QKeySequence.StandardKey.HelpContents,), "How to type dates; every shortcut"),
    ActionSpec("actionAbout", "&About", "about", tip="About this application"),
)  # fmt: skip

# menus and the toolbar, by action id; SEPARATOR between groups; "*recent", "*undo",
# "*redo", "*docks" and "*toolbar-undo" are filled in by the window
MENUS: dict[str, Sequence[str | None]] = {
    "&File": ("actionNew", "actionOpen", "*recent", SEPARATOR, "actionSave", "actionSaveAs",
              SEPARATOR, "actionExportView", "actionPrint", SEPARATOR, "actionExportCsv",
              "actionImportCsv", SEPARATOR, "actionExportTimelineJS", "actionImportTimelineJS",
              SEPARATOR, "actionEvidenceReport", "actionPublishWeb", SEPARATOR, "actionQuit"),
    "&Edit": ("*undo", "*redo", SEPARATOR, "actionAddEvent", "actionEditEvent",
              "actionDuplicateEvent", "actionDeleteEvent", SEPARATOR, "actionActors",
              "actionSources", "actionEras", "actionRenameTimeline", SEPARATOR,
              "actionFindEvents"),
    "&View": ("actionZoomIn", "actionZoomOut", "actionFitAll", "actionZoomSelected",
              "actionFitFiltered", SEPARATOR, "actionNextEvent", "actionPreviousEvent",
              "actionNextLink", "actionPreviousLink",
              SEPARATOR, "actionGroupByActor", "actionCompress", "actionSupportBadges",
              "actionShowAllLinks", "actionShowLegend", SEPARATOR, "actionFind",
              "actionShowLinked", "actionResetFilters", SEPARATOR, "*docks"),
    "&Help": ("actionHelp", "actionAbout"),
}  # fmt: skip
TOOLBAR = (
    "actionOpen", "actionSave", SEPARATOR, "actionAddEvent", "*toolbar-undo", SEPARATOR,
    "actionZoomIn", "actionZoomOut", "actionFitAll", SEPARATOR, "actionGroupByActor",
)  # fmt: skip


def key_sequences(keys: Sequence[Key]) -> list[QKeySequence]:
    """The sequences ``keys`` stand for (a standard key may stand for several on a
    platform), each once: the same sequence twice on one action makes Qt run neither."""
    out: list[QKeySequence] = []
    seen: set[str] = set()
    for key in keys:
        if isinstance(key, QKeySequence.StandardKey):
            sequences = QKeySequence.keyBindings(key)
        else:
            sequences = [QKeySequence(key)]
        for sequence in sequences:
            text = sequence.toString(QKeySequence.SequenceFormat.PortableText)
            if text and text not in seen:
                seen.add(text)
                out.append(sequence)
    return out


def _resolve(root: object, path: str) -> Callable[..., object]:
    target = root
    for part in path.split("."):
        target = getattr(target, part)
    assert callable(target)
    return target


def make_actions(window: QWidget, timeline: QWidget, event_list: QWidget) -> dict[str, QAction]:
    """A ``QAction`` for every spec, connected to what it calls on ``window``.  An action
    whose keys act on the views only has them on those widgets (Enter, Del, Home and F
    never act on a text field that has the focus)."""
    local_to = {"views": (timeline, event_list), "timeline": (timeline,)}
    actions: dict[str, QAction] = {}
    for spec in SPECS:
        action = QAction(spec.text, window)
        action.setObjectName(spec.id)
        if spec.icon:
            action.setIcon(QIcon.fromTheme(spec.icon))
        action.setShortcuts(key_sequences(spec.keys))
        label = spec.text.replace("&", "").rstrip("…")
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        tip = spec.tip or label
        action.setToolTip(f"{tip} ({keys})" if keys else tip)
        action.setStatusTip(tip)
        action.setCheckable(spec.checkable)
        slot = _resolve(window, spec.call)
        if spec.checkable:
            action.toggled.connect(slot)
        else:
            action.triggered.connect(lambda _checked=False, slot=slot: slot())
        if spec.where != "window":
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            for widget in local_to[spec.where]:
                widget.addAction(action)
        else:
            window.addAction(action)
        actions[spec.id] = action
    return actions


def fill(
    container: QMenu | QToolBar,
    ids: Sequence[str | None],
    actions: dict[str, QAction],
    extras: Mapping[str, Sequence[QAction] | QMenu],
) -> None:
    """Put the actions ``ids`` names into a menu or toolbar, in order."""
    for item in ids:
        if item is SEPARATOR:
            container.addSeparator()
        elif item.startswith("*"):
            extra = extras[item]
            if isinstance(extra, QMenu):
                assert isinstance(container, QMenu)
                container.addMenu(extra)
            else:
                container.addActions(list(extra))
        else:
            container.addAction(actions[item])


def shortcut_rows(actions: Sequence[QAction]) -> list[tuple[str, str]]:
    """(what, keys) for every action with a shortcut, sorted, for the Help page."""
    rows = set()
    for action in actions:
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        if keys and action.text():
            rows.add((action.text().replace("&", "").rstrip("…"), keys))
    return sorted(rows)


def help_html(actions: Sequence[QAction]) -> str:
    """Every action with a shortcut, and the date forms the app reads."""
    table = "".join(
        f"<tr><td>{escape_html(name)}</td><td><b>{escape_html(keys)}</b></td></tr>"
        for name, keys in shortcut_rows(actions)
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
        "<p>Enter, Del and F act on the timeline and the event list; Home fits the "
        "timeline (in the event list it goes to the first event).</p>"
        "<p>In Find Events in Text: Enter opens the selected proposal in the event form, "
        "Ctrl+Enter accepts the selected proposals, Del rejects them, E edits one in the "
        "list and Q adds its passage as a quote to the event it may corroborate; Ctrl+Z "
        "undoes the last edit in the list or change to the timeline, whichever came last. "
        "Edits in the list are kept while the app is open.</p>"
    )


def bound_keys(root: QObject) -> dict[str, list[str]]:
    """Each key sequence bound in ``root`` and its children, and the actions it is bound to
    (more than one is a conflict: Qt then runs neither)."""
    bound: dict[str, list[str]] = {}
    for action in root.findChildren(QAction):
        for key in action.shortcuts():
            text = key.toString(QKeySequence.SequenceFormat.PortableText)
            if text:
                bound.setdefault(text, []).append(action.objectName() or action.text())
    return bound
