"""The source form: add or edit a source and its text.

Every field that is not acceptable says why right under it, and OK stays disabled until
all are.  The text is pasted in or loaded from a UTF-8 file; it is held by the document
until the timeline is saved, when it is written beside the file as ``<id>.txt``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..core.dates import TimelineDate, parse_date
from ..core.encodings import decode_text
from ..core.grades import RELIABILITY_WORDS
from ..core.links import url_problem
from ..core.model import UNGRADED, Source, SourceKind, Timeline
from ..core.problems import failure_reason
from ..core.references import derived_from_it
from ..core.safe_read import TEXT_LIMIT, read_regular_file
from ..core.source_edits import source_from_fields
from ..core.wording import plural
from .field_notes import date_feedback, make_note, show_note
from .prompts import Prompts
from .record_form import RecordForm, tab_leaves

TEXT_FILTER = "Text (*.txt *.md);;All files (*)"
KIND_WORDS = {
    None: "Not said",
    SourceKind.NEWS: "News",
    SourceKind.ANALYSIS: "Analysis",
    SourceKind.OFFICIAL: "Official",
    SourceKind.TRANSCRIPT: "Transcript",
    SourceKind.SOCIAL: "Social media",
    SourceKind.DATASET: "Dataset",
    SourceKind.OTHER: "Other",
}


class SourceForm(RecordForm):
    last_folder = ""  # where the last text file was loaded from (shared by every form)

    def __init__(
        self,
        prompts: Prompts,
        timeline: Timeline,
        source: Source | None = None,
        text: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(prompts, timeline, "source", source is not None, parent)
        self.original = source
        self.initial_text = text or ""
        self.setMinimumSize(400, 360)
        line = self.line
        self.title = line("titleEdit", "The article's headline (required)")
        self.author = line("authorEdit", "optional")
        self.publication = line("publicationEdit", "optional: newspaper, site or journal")
        self.published = line("publishedEdit", 'optional, e.g. "1 Nov 2024", "Nov 2024", "2024"')
        self.url = line("urlEdit", "optional: https://…")
        self.archive_url = line("archiveUrlEdit", "optional: an archived copy, https://…")
        self.title_note = make_note(self, "titleNote")
        self.published_note = make_note(self, "publishedNote")
        self.url_note = make_note(self, "urlNote")
        self.archive_note = make_note(self, "archiveUrlNote")

        # the evidence it gives: what it is, its grade and why, what it draws on
        self.kind = QComboBox(self)
        self.kind.setObjectName("kindCombo")
        for kind, words in KIND_WORDS.items():
            self.kind.addItem(words, kind)
        self.reliability = QComboBox(self)
        self.reliability.setObjectName("reliabilityCombo")
        self.reliability.setToolTip("The Admiralty grade of the source as a whole")
        for letter, words in RELIABILITY_WORDS.items():
            self.reliability.addItem(f"{letter} — {words}", letter)
        self.reason = line("reliabilityReasonEdit", "optional: why this grade, in a line")
        self.derived = QListWidget(self)
        self.derived.setObjectName("derivedFromList")
        self.derived.setToolTip("The sources this one draws on: it is then not independent of them")
        self.licence = line("licenceEdit", "optional: under what terms its text may be copied")
        self.notes = QPlainTextEdit(self)
        tab_leaves(self.notes)
        self.notes.setObjectName("sourceNotesEdit")
        self.notes.setPlaceholderText("optional: anything else about the source")
        self.notes.setMaximumHeight(60)
        self.excerpt = QCheckBox("&Excerpt: the text is only part of the published piece", self)
        self.excerpt.setObjectName("excerptCheck")

        self.text = QPlainTextEdit(self)
        tab_leaves(self.text)
        self.text.setObjectName("textEdit")
        self.text.setPlaceholderText(
            "Paste the article's text here, or load it from a file. Quotes are checked "
            "against it word for word."
        )
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.text.setMinimumHeight(160)
        self.load_button = QPushButton("&Load from file…", self)
        self.load_button.setObjectName("loadTextButton")
        self.load_button.setToolTip("Replace the text with a UTF-8 text file's contents")
        self.text_note = make_note(self, "textNote")

        grid = QGridLayout()  # (a form layout sizes wrapped notes badly)
        grid.setColumnStretch(1, 1)
        rows: list[tuple[str, QWidget, QLabel | None]] = [
            ("&Title", self.title, self.title_note),
            ("A&uthor", self.author, None),
            ("&Publication", self.publication, None),
            ("&Date", self.published, self.published_note),
            ("&Link", self.url, self.url_note),
            ("&Archive", self.archive_url, self.archive_note),
            ("&Kind", self.kind, None),
            ("&Reliability", self.reliability, None),
            ("Rea&son", self.reason, None),
            ("Derived &from", self.derived, None),
            ("Li&cence", self.licence, None),
            ("&Notes", self.notes, None),
        ]
        for caption, field, field_note in rows:
            label = QLabel(caption, self)
            label.setBuddy(field)
            row = grid.rowCount()
            tall = isinstance(field, (QListWidget, QPlainTextEdit))
            grid.addWidget(
                label, row, 0, Qt.AlignmentFlag.AlignTop if tall else Qt.AlignmentFlag(0)
            )
            grid.addWidget(field, row, 1)
            if field_note is not None:
                grid.addWidget(field_note, row + 1, 1)
        grid.addWidget(self.excerpt, grid.rowCount(), 1)
        text_label = QLabel("Te&xt", self)
        text_label.setBuddy(self.text)
        row = grid.rowCount()
        grid.addWidget(text_label, row, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.text, row, 1)
        grid.setRowStretch(row, 1)
        load_row = QHBoxLayout()
        load_row.addWidget(self.load_button, 0, Qt.AlignmentFlag.AlignTop)
        load_row.addWidget(self.text_note, 1)
        grid.addLayout(load_row, row + 1, 1)
        body = QWidget(self)
        body.setLayout(grid)
        grid.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)  # a small window scrolls rather than squeezing the notes
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)

        self.load_button.clicked.connect(self.load_text)
        for edit in (self.url, self.archive_url):
            edit.editingFinished.connect(lambda e=edit: self._add_scheme(e))
        for edit in (self.title, self.published, self.url, self.archive_url):
            edit.textChanged.connect(self.validate)
        self.text.textChanged.connect(self._describe_text)

        self._fill(source, text)
        self.resize(600, 640)
        self.validate()

    # -- filling -----------------------------------------------------------------------
    def _fill(self, source: Source | None, text: str | None) -> None:
        self.kind.setCurrentIndex(self.kind.findData(source.kind if source else None))
        grade = source.reliability if source is not None else UNGRADED
        self.reliability.setCurrentIndex(self.reliability.findData(grade))
        own = source.id if source is not None else ""
        cannot = derived_from_it(self.timeline.sources, own) if own else set()
        chosen = set(source.derived_from) if source is not None else set()
        for other in self.timeline.sources:
            if other.id == own:
                continue
            item = QListWidgetItem(other.title, self.derived)
            item.setData(Qt.ItemDataRole.UserRole, other.id)
            item.setCheckState(
                Qt.CheckState.Checked if other.id in chosen else Qt.CheckState.Unchecked
            )
            if other.id in cannot and other.id not in chosen:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
                item.setToolTip("It derives from this source")
        if self.derived.count() == 0:
            QListWidgetItem("No other source", self.derived).setFlags(Qt.ItemFlag.NoItemFlags)
        shown = min(self.derived.count(), 4)  # as many rows as there are sources, up to 4
        frame = 2 * self.derived.frameWidth() + 2
        self.derived.setFixedHeight(shown * self.derived.sizeHintForRow(0) + frame)
        if source is not None:
            self.reason.setText(source.reliability_reason)
            self.licence.setText(source.licence)
            self.notes.setPlainText(source.notes)
            self.excerpt.setChecked(source.excerpt)
            self.title.setText(source.title)
            self.author.setText(source.author)
            self.publication.setText(source.publication)
            self.published.setText(source.published.words() if source.published else "")
            self.url.setText(source.url)
            self.archive_url.setText(source.archive_url)
            for edit in (self.title, self.author, self.publication, self.url, self.archive_url):
                edit.setCursorPosition(0)  # show the start of a long title
        self.text.setPlainText(text or "")
        self._describe_text()

    def load_text(self) -> None:
        """Replace the text with a file's (read as UTF-8); a failure is said beside it."""
        folder = SourceForm.last_folder or str(Path.home())
        name = self.prompts.open_path(self, "Load the source's text", folder, TEXT_FILTER)
        if not name:
            return
        path = Path(name)
        try:
            content = decode_text(read_regular_file(path, TEXT_LIMIT))
        except UnicodeDecodeError:
            note = f"“{path.name}” is not UTF-8 (nor UTF-16) text: not loaded."
            show_note(self.text_note, note, "error")
            return
        except OSError as exc:
            why = failure_reason(exc)
            show_note(self.text_note, f"“{path.name}” could not be read: {why}.", "error")
            return
        SourceForm.last_folder = str(path.parent)
        cursor = QTextCursor(self.text.document())  # one step of the editor's own undo
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(content)
        self._describe_text(loaded=path.name)

    def _describe_text(self, loaded: str = "") -> None:
        text = self.text.toPlainText()
        if not text.strip():
            if self.original is not None and self.initial_text.strip():
                message = "Empty: the text saved for this source is kept."
            else:
                message = "No text: quotes from this source cannot be checked."
            show_note(self.text_note, message, "muted")
            return
        words = len(text.split())
        size = f"{plural(words, 'word')}"
        show_note(self.text_note, f"Loaded “{loaded}”: {size}." if loaded else f"{size}.", "muted")

    # -- validation --------------------------------------------------------------------
    def published_date(self) -> TimelineDate | None:
        text = self.published.text().strip()
        return parse_date(text) if text else None

    def _add_scheme(self, edit: QLineEdit) -> None:
        """ "kremlin.ru/events/123" means https://kremlin.ru/events/123."""
        text = edit.text().strip()
        host = text.split("/", 1)[0]
        if text and "://" not in text and ":" not in host and "." in host and " " not in text:
            edit.setText("https://" + text)

    def validate(self) -> bool:
        ok = True
        if self.title.text().strip():
            show_note(self.title_note, "", "ok")
        else:
            show_note(self.title_note, "A title is required.", "error")
            ok = False
        published = date_feedback(self.published, self.published_note)
        if published is None and self.published.text().strip():
            ok = False
        for edit, note in ((self.url, self.url_note), (self.archive_url, self.archive_note)):
            problem = url_problem(edit.text())
            show_note(note, problem[:1].upper() + problem[1:] + "." if problem else "", "error")
            ok = ok and not problem
        self.ok.setEnabled(ok)
        return ok

    # -- result ------------------------------------------------------------------------
    def state(self) -> object:
        fields = (self.title, self.author, self.publication, self.published, self.url)
        evidence = (
            self.kind.currentIndex(), self.reliability.currentIndex(), self.reason.text(),
            self.derived_ids(), self.licence.text(), self.notes.toPlainText(),
            self.excerpt.isChecked(),
        )  # fmt: skip
        return (*(f.text() for f in fields), self.archive_url.text(), self.text.toPlainText(),
                *evidence)  # fmt: skip

    def derived_ids(self) -> tuple[str, ...]:
        """The ids of the sources checked in "Derived from", in the list's order."""
        items = (self.derived.item(i) for i in range(self.derived.count()))
        return tuple(
            item.data(Qt.ItemDataRole.UserRole)
            for item in items
            if item.checkState() == Qt.CheckState.Checked and item.data(Qt.ItemDataRole.UserRole)
        )

    def result_text(self) -> str | None:
        """The text to hold for the source, or None to leave it as it is (unchanged or
        left empty)."""
        text = self.text.toPlainText()
        if not text.strip() or text == self.initial_text:
            return None
        return text

    def result_source(self) -> Source:
        """The source the form describes (call when valid: raises ValueError if not)."""
        if not self.validate():
            raise ValueError("the source form has problems")
        fields = Source(
            id="",
            title=self.title.text(),
            author=self.author.text(),
            publication=self.publication.text(),
            published=self.published_date(),
            url=self.url.text(),
            archive_url=self.archive_url.text(),
            kind=SourceKind(self.kind.currentData()) if self.kind.currentData() else None,
            reliability=str(self.reliability.currentData()),
            reliability_reason=self.reason.text(),
            derived_from=self.derived_ids(),
            licence=self.licence.text(),
            notes=self.notes.toPlainText(),
            excerpt=self.excerpt.isChecked(),
        )
        has_text = self.result_text() is not None
        return source_from_fields(self.timeline, fields, self.original, has_text)
