"""The small window a Ctrl+drag between two events opens: what kind of link it is, read
from the first event ("Led to →", "In response to ←"...), and why the analyst infers it.
A link a source states is added in the event form, where its quote is checked."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ..core.event_edits import LinkDraft, link_draft_problem, link_draft_warning
from ..core.event_links import FORM_CHOICES, choice_words
from ..core.model import Event, LinkBasis, Timeline
from ..core.references import links_touching
from ..core.wording import clipped


class LinkChooser(QDialog):
    def __init__(
        self, timeline: Timeline, source: Event, target: Event, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("linkChooser")
        self.setWindowTitle("Link two events")
        self.timeline, self.source, self.target = timeline, source, target
        self._links = links_touching(timeline.links, {source.id})
        intro = QLabel(self)
        intro.setObjectName("linkEnds")
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)  # titles from a file: plain text
        self.intro = intro
        self.kind = QComboBox(self)
        self.kind.setObjectName("linkType")
        # long titles: the window keeps its width, the list shows them whole
        self.kind.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.kind.setMinimumContentsLength(36)
        title = clipped(target.title, 60)
        for kind, backward in FORM_CHOICES:
            self.kind.addItem(f"{choice_words(kind, backward)} {title}")
        self.notes = QPlainTextEdit(self)
        self.notes.setObjectName("linkNotes")
        self.notes.setPlaceholderText("Why you infer this link (shown as the analyst's inference)")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.notes.fontMetrics().lineSpacing() * 4 + 12)
        self.label = QLineEdit(self)
        self.label.setObjectName("linkLabel")
        self.label.setPlaceholderText("Optional: a few words shown with the link")
        self.problem = QLabel(self)
        self.problem.setObjectName("linkProblem")
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Link")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("&Kind:", self.kind)
        form.addRow("&Notes:", self.notes)
        form.addRow("&Label:", self.label)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        hint = QLabel("A link a source states: add it in the event form, with its quote.", self)
        hint.setEnabled(False)
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        self.kind.currentIndexChanged.connect(self._check)
        self.notes.textChanged.connect(self._check)
        self.resize(460, self.sizeHint().height())
        self._check()

    def draft(self) -> LinkDraft:
        kind, backward = FORM_CHOICES[max(0, self.kind.currentIndex())]
        notes = self.notes.toPlainText()
        return LinkDraft(kind, self.target.id, backward, LinkBasis.ANALYST, None, notes,
                         self.label.text())  # fmt: skip

    def _check(self) -> None:
        """OK when the link can be added; a link already there is said at once, the
        missing reason only once something was typed (the placeholder asks for it)."""
        draft = self.draft()
        self.intro.setText(f"From “{clipped(self.source.title, 80)}”: {self.kind.currentText()}")
        problem = link_draft_problem(draft, self.source.id, self._links)
        reason = "" if draft.notes.strip() else "a reason"
        repeated = link_draft_problem(replace(draft, notes=reason), self.source.id, self._links)
        shown = repeated if (reason and repeated) else problem if not reason else ""
        shown = shown or link_draft_warning(draft, self.source, self.target)  # (not a stop)
        self.problem.setText(shown)
        self.problem.setVisible(bool(shown))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not problem)
