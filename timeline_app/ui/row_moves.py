"""Moving a list model's rows from one list of ids to another the way views like best:
removing and inserting only the rows that go and come, and marking changed the rows that
stay, so a view keeps its selection and scroll position.  The one way every model of the
app follows an edit (a reset is for a new file or a new filter)."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection, MutableSequence, Sequence

from PySide6.QtCore import QAbstractItemModel, QModelIndex


def blocks(rows: Sequence[int]) -> list[tuple[int, int]]:
    """Ascending row numbers as runs of consecutive rows: (first, last) each."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs


FEW = 64  # touched ids found by searching the rows rather than by a pass over them


def _find(ids: Sequence[str], ident: str) -> int | None:
    try:
        return ids.index(ident)
    except ValueError:
        return None


def _follow_few(
    model: QAbstractItemModel,
    rows: MutableSequence[str],
    new: Sequence[str],
    changed: Collection[str],
    columns: int,
    touched: Collection[str],
    rows_of: tuple[dict[str, int | None], dict[str, int | None]] | None,
) -> bool | None:
    """:func:`follow` for an edit of the ``touched`` ids; None when the rows differ
    elsewhere too (the general way then decides)."""
    if rows_of is not None:
        old_at, new_at = rows_of
    else:
        old_at = {i: _find(rows, i) for i in touched}
        new_at = {i: _find(new, i) for i in touched}
    both = {i for i in touched if i in changed and old_at[i] is not None and new_at[i] is not None}
    for stay in (both, set()):  # edited rows stay where they are, or move
        leave = sorted(r for i, r in old_at.items() if r is not None and i not in stay)
        come = sorted(r for i, r in new_at.items() if r is not None and i not in stay)
        expected = list(rows)
        for r in reversed(leave):
            del expected[r]
        for r in come:
            expected.insert(r, new[r])
        if expected == list(new):
            break
    else:
        return None
    for r in reversed(leave):
        model.beginRemoveRows(QModelIndex(), r, r)
        del rows[r]
        model.endRemoveRows()
    for r in come:
        model.beginInsertRows(QModelIndex(), r, r)
        rows.insert(r, new[r])
        model.endInsertRows()
    for r in sorted(r for i, r in new_at.items() if i in stay and r is not None):
        model.dataChanged.emit(model.index(r, 0), model.index(r, columns - 1))
    return True


def follow(
    model: QAbstractItemModel,
    rows: MutableSequence[str],
    new: Sequence[str],
    changed: Collection[str] = (),
    columns: int = 1,
    limit: int = 2000,
    touched: Collection[str] | None = None,
    rows_of: tuple[dict[str, int | None], dict[str, int | None]] | None = None,
) -> bool:
    """Turn ``rows`` (the ids ``model`` shows, which it reads while this runs) into ``new``,
    telling the views row by row; the ids in ``changed`` that stay are marked changed.
    ``touched``: the only ids that may differ between the two (an edit's), if known: then
    a few searches find their rows, where a pass over every row would take 0.2 s at
    100,000 rows; ``rows_of``: their rows in ``rows`` and in ``new``, if the caller knows
    them (a search touches every id: 10 ms at 100,000 rows).

    Returns False, having done nothing, when that cannot be done by removing and inserting
    (the rows that stay would change order) or would move more than ``limit`` rows: the
    caller then resets the model."""
    if touched is not None and len(touched) <= FEW:
        done = _follow_few(model, rows, new, changed, columns, touched, rows_of)
        if done is not None:
            return done
    common = set(rows) & set(new)
    stay = common
    if [i for i in rows if i in stay] != [i for i in new if i in stay]:
        stay = common - set(changed)  # changed rows that moved: out, and in elsewhere
        if [i for i in rows if i in stay] != [i for i in new if i in stay]:
            return False
    if len(rows) + len(new) - 2 * len(stay) > limit:
        return False
    for first, last in reversed(blocks([r for r, i in enumerate(rows) if i not in stay])):
        model.beginRemoveRows(QModelIndex(), first, last)
        del rows[first : last + 1]
        model.endRemoveRows()
    for first, last in blocks([r for r, i in enumerate(new) if i not in stay]):
        model.beginInsertRows(QModelIndex(), first, last)
        rows[first:first] = new[first : last + 1]
        model.endInsertRows()
    marked = [r for r, i in enumerate(new) if i in stay and i in changed]
    for first, last in blocks(marked):
        model.dataChanged.emit(model.index(first, 0), model.index(last, columns - 1))
    return True


class RankMoves:
    """The rows of a model whose rows are ranks (the event list sorted by date: row r is
    the r-th visible event), moved for an edit without a pass over every row.

    The rows before the edit and after it are the same list of untouched rows with the
    touched ones at known rows (``old_at``, ``new_at``: id -> row, None where it is not
    shown); while the rows move, :meth:`locate` says what any row is, so the model answers
    the views (and its tester) at every step."""

    def __init__(
        self, old_at: dict[str, int | None], new_at: dict[str, int | None], old_count: int
    ) -> None:
        self._old_ids = {r: i for i, r in old_at.items() if r is not None}
        self._old_rows = sorted(self._old_ids)
        self._new_rows = sorted(r for r in new_at.values() if r is not None)
        self._old_at, self._new_at = old_at, new_at
        self._new = False  # rows are counted in the old list (False) or the new one
        self._missing: list[int] = []  # rows of that list not in the model now, ascending
        self.count = old_count  # the rows the model has now

    @staticmethod
    def _skip(row: int, holes: list[int]) -> int:
        """The ``row``-th row of a list that are not ``holes`` (ascending)."""
        for h in holes:
            if h > row:
                break
            row += 1
        return row

    def locate(self, row: int) -> tuple[str | None, int]:
        """What row ``row`` of the model holds now: (the id of a touched row as it was
        before the edit, -1), or (None, its row in the new list)."""
        b = self._skip(row, self._missing)
        if self._new:
            return None, b
        if b in self._old_ids:
            return self._old_ids[b], -1
        untouched = b - bisect_left(self._old_rows, b)
        return None, self._skip(untouched, self._new_rows)

    def plan(self, changed: Collection[str]) -> tuple[list[int], list[int], list[int]]:
        """The rows to remove (old list), to insert (new list) and to mark changed: the
        ``changed`` ids that are on the same row in both lists stay there, if that gives
        the new list; otherwise every touched row goes out and in."""
        for stay in ({i for i in changed if self._old_at.get(i) == self._new_at.get(i)}, set()):
            leave = sorted(r for i, r in self._old_at.items() if r is not None and i not in stay)
            come = sorted(r for i, r in self._new_at.items() if r is not None and i not in stay)
            landed = {  # where the staying rows are once the others have left and come
                i: self._skip(r - bisect_left(leave, r), come)
                for i in stay
                if (r := self._old_at.get(i)) is not None
            }
            if all(landed[i] == self._new_at[i] for i in landed):
                return leave, come, sorted(landed.values())
        raise AssertionError("unreachable: with nothing staying, every plan holds")

    def run(self, model: QAbstractItemModel, changed: Collection[str], columns: int) -> None:
        """Remove and insert the rows, telling the views row by row."""
        leave, come, marked = self.plan(changed)
        for r in reversed(leave):
            model.beginRemoveRows(QModelIndex(), r, r)
            self._missing.insert(0, r)
            self.count -= 1
            model.endRemoveRows()
        self._new, self._missing = True, list(come)
        for r in come:
            model.beginInsertRows(QModelIndex(), r, r)
            self._missing.remove(r)
            self.count += 1
            model.endInsertRows()
        for r in marked:
            model.dataChanged.emit(model.index(r, 0), model.index(r, columns - 1))
