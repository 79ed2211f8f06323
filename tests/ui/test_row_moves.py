"""A list model follows an edit row by row: by a few searches when the edit's ids are
known (100,000 rows), by a pass over every row otherwise; both end with the new rows, and
the views are told consistently (Qt's model tester watches every signal)."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QAbstractListModel, QItemSelectionModel, QModelIndex, Qt

from timeline_app.ui.row_moves import follow


class Rows(QAbstractListModel):
    def __init__(self, rows: list[str]) -> None:
        super().__init__()
        self.rows = rows

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and index.isValid():
            return self.rows[index.row()]
        return None


# the model tester is told of each new model: nothing of it carries over between examples
@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.data(), st.integers(0, 30), st.booleans())
def test_an_edit_is_followed_to_the_new_rows_either_way(
    qtmodeltester: Any, data: st.DataObject, n: int, known: bool
) -> None:
    old = [f"e{i}" for i in range(n)]
    gone = data.draw(st.lists(st.sampled_from(old), unique=True, max_size=3)) if old else []
    edited = [i for i in gone if data.draw(st.booleans())]
    new = [i for i in old if i not in gone]
    for ident in edited + [f"new{k}" for k in range(data.draw(st.integers(0, 2)))]:
        new.insert(data.draw(st.integers(0, len(new))), ident)
    model = Rows(list(old))
    qtmodeltester.check(model, force_py=True)
    selection = QItemSelectionModel(model)
    kept = [i for i in old if i not in gone]
    if kept:  # a row the edit does not touch stays selected
        selection.select(model.index(old.index(kept[0])), QItemSelectionModel.SelectionFlag.Select)
    touched = set(gone) | set(new) - set(old) if known else None
    if follow(model, model.rows, new, set(edited), 1, touched=touched):
        assert model.rows == new
        if kept:
            assert [i.row() for i in selection.selectedIndexes()] == [new.index(kept[0])]
    else:
        assert model.rows == old  # nothing done: the caller resets
