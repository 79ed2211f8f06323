"""The bar that says a filter is active: "Filtered: North Korea · “Kursk” — showing 4 of 12
events", with "Fit to filtered events" and "Clear"."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from ..core.markup import tooltip_html
from ..core.wording import plural
from .document import Document


class ElidedLabel(QLabel):
    """Plain text cut to the room it has with "…" (set its tooltip to show all of it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""

    def set_full_text(self, text: str) -> None:
        self._full = text
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = max(0, self.contentsRect().width() - 2)
        self.setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, width))


class FilterBar(QWidget):
    fitRequested = Signal()

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterBar")
        self.document = document
        self.label = ElidedLabel(self)
        self.label.setObjectName("filterBarText")
        self.label.setTextFormat(self.label.textFormat().PlainText)
        # never let a long description widen the window: it is elided to the room there is
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.label.setMinimumWidth(40)
        self.fit = QPushButton("Fit to filtered events", self)
        self.fit.setObjectName("fitFiltered")
        self.clear = QPushButton("Clear", self)
        self.clear.setObjectName("clearFilters")
        self.clear.setToolTip("Show every event again")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 3, 8, 3)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.fit)
        layout.addWidget(self.clear)
        self.setAutoFillBackground(True)
        self.setStyleSheet("#filterBar { background: #FFF3C4; } #filterBarText { color: #3A2E00; }")
        self.fit.clicked.connect(self.fitRequested)
        self.clear.clicked.connect(lambda: document.set_filter(document.filter.cleared()))
        document.visibleChanged.connect(self.refresh)
        document.reset.connect(self.refresh)
        self.refresh()

    def text(self) -> str:
        doc = self.document
        shown, total = len(doc.store.visible), len(doc.store.index)
        linked = doc.store.visible.linked
        return (
            f"Filtered: {doc.filter.describe(doc.timeline, isolate=True)} — "
            f"showing {shown:,} of {plural(total, 'event')}"
            + (f" ({linked:,} by links)" if linked else "")
        )

    def refresh(self) -> None:
        active = self.document.filter.active
        self.setVisible(active)
        if active:
            self.label.set_full_text(self.text())
            self.label.setToolTip(tooltip_html(self.text()))
