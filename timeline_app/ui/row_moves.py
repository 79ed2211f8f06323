"""Moving a list model's rows from one list of ids to another the way views like best:
removing and inserting only the rows that go and come, and marking changed the rows that
stay, so a view keeps its selection and scroll position.  The one way every model of the
app follows an edit (a reset is for a new file or a new filter)."""

from __future__ import annotations

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


def follow(
    model: QAbstractItemModel,
    rows: MutableSequence[str],
    new: Sequence[str],
    changed: Collection[str] = (),
    columns: int = 1,
    limit: int = 2000,
) -> bool:
    """Turn ``rows`` (the ids ``model`` shows, which it reads while this runs) into ``new``,
    telling the views row by row; the ids in ``changed`` that stay are marked changed.

    Returns False, having done nothing, when that cannot be done by removing and inserting
    (the rows that stay would change order) or would move more than ``limit`` rows: the
    caller then resets the model."""
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
