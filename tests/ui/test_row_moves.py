"""A list model follows an edit row by row: by a few searches when the edit's ids are
known (100,000 rows), by a pass over every row otherwise; both end with the new rows, and
the views are told consistently (Qt's model tester watches every signal)."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QAbstractListModel, QItemSelectionModel, QModelIndex, Qt

from timeline_app.ui.row_moves import RankMoves, follow


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


class Ranked(QAbstractListModel):
    """Rows that are ranks: while they move, each is found by ``RankMoves.locate``."""

    def __init__(self, old: list[str], new: list[str], moves: RankMoves) -> None:
        super().__init__()
        self.old, self.new, self.moves = old, new, moves

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.moves.count

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
            return None
        was, row = self.moves.locate(index.row())
        return was if was is not None else self.new[row]


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.data(), st.integers(0, 30))
def test_rows_that_are_ranks_move_without_a_pass_over_them(
    qtmodeltester: Any, data: st.DataObject, n: int
) -> None:
    """Every row reads right at every step (as a list edited row by row would), the rows
    end as the new list, and an edited row that keeps its place is only marked changed."""
    old = [f"e{i}" for i in range(n)]
    gone = data.draw(st.lists(st.sampled_from(old), unique=True, max_size=4)) if old else []
    edited = [i for i in gone if data.draw(st.booleans())]
    new = [i for i in old if i not in gone]
    for ident in edited + [f"new{k}" for k in range(data.draw(st.integers(0, 3)))]:
        if data.draw(st.booleans()) or ident not in old:  # moved, or kept where it was
            new.insert(data.draw(st.integers(0, len(new))), ident)
        else:
            new.insert(min(old.index(ident), len(new)), ident)
    touched = set(gone) | (set(new) - set(old))
    old_at = {i: old.index(i) if i in old else None for i in touched}
    new_at = {i: new.index(i) if i in new else None for i in touched}
    moves = RankMoves(old_at, new_at, len(old))
    model = Ranked(old, new, moves)
    qtmodeltester.check(model, force_py=True)
    shown = list(old)  # the list edited by hand, as the signals say
    steps: list[str] = []

    def removed(_p: QModelIndex, first: int, last: int) -> None:
        del shown[first : last + 1]
        steps.append("removed")
        assert rows(model) == shown

    def inserted(_p: QModelIndex, first: int, last: int) -> None:
        shown[first:first] = new[first : last + 1]
        steps.append("inserted")
        assert rows(model) == shown

    model.rowsRemoved.connect(removed)
    model.rowsInserted.connect(inserted)
    changed: list[int] = []
    model.dataChanged.connect(lambda a, _b, _r=(): changed.append(a.row()))
    moves.run(model, set(edited), 1)
    assert shown == new and rows(model) == new
    assert all(new[r] in edited and old_at[new[r]] == r for r in changed)
    kept_in_place = [i for i in edited if old_at[i] == new_at[i]]
    if not changed:  # every touched row went out and came in
        assert len(steps) == len(gone) + len(set(new) - set(old)) + len(edited)
    else:  # those that kept their place stayed
        assert sorted(new[r] for r in changed) == sorted(kept_in_place)


def rows(model: QAbstractListModel) -> list[str]:
    return [model.index(r).data() for r in range(model.rowCount())]
