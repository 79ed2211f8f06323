"""The bar that says a filter is active: "Filtered: North Korea · “Kursk” — showing 4 of 12
events", with "Fit to filtered events" and "Clear"."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from ..core.filters import FilterState
from ..core.markup import tooltip_html
from ..core.wording import plural
from .document import Document


class FilterBar(QWidget):
    fitRequested = Signal()

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterBar")
        self.document = document
        self.label = QLabel(self)
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
        self.clear.clicked.connect(lambda: document.set_filter(FilterState()))
        document.visibleChanged.connect(self.refresh)
        document.reset.connect(self.refresh)
        self.refresh()

    def text(self) -> str:
        doc = self.document
        shown, total = len(doc.store.visible), len(doc.store.index)
        return (
            f"Filtered: {doc.filter.describe(doc.timeline)} — "
            f"showing {shown:,} of {plural(total, 'event')}"
        )

    def refresh(self) -> None:
        active = self.document.filter.active
        self.setVisible(active)
        if active:
            self.label.setText(self.text())
            self.label.setToolTip(tooltip_html(self.text()))
