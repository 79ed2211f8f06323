"""Filtering by actor, text and date, everywhere at once: list, timeline, bar, overview."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from timeline_app.core.dates import parse_date
from timeline_app.core.filters import FilterState
from timeline_app.ui.main_window import MainWindow
from timeline_app.ui.roles import IdRole


def bar_text(window: MainWindow) -> str:
    """The filter bar's description as read: its names are isolated (U+2068 … U+2069),
    which show nothing."""
    return window.filter_bar.label.full_text().replace("\u2068", "").replace("\u2069", "")


def check(window: MainWindow, actor_id: str, on: bool) -> None:
    """Toggle an actor's check box through the model, as a click on it would."""
    panel = window.filters
    index = next(i for i in panel.actor_rows() if i.data(IdRole) == actor_id)
    state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
    assert panel.proxy.setData(index, state.value, Qt.ItemDataRole.CheckStateRole)


def only(window: MainWindow, *actor_ids: str) -> None:
    for a in window.document.timeline.actors:
        check(window, a.id, a.id in actor_ids)


def rows(window: MainWindow) -> list[str]:
    m = window.table_model
    return [m.index(r, 0).data(IdRole) for r in range(m.rowCount())]


def painted(window: MainWindow) -> list[str]:
    window.timeline.fit_all()
    window.timeline.repaint()
    return sorted(window.timeline.painted_event_ids())


def total(window: MainWindow) -> int:
    """How many events the timeline holds, filtered or not."""
    return len(window.document.timeline.events)


def expected(window: MainWindow, keep: object) -> list[str]:
    return [e.id for e in sorted(window.document.timeline.events, key=lambda e: e.sort_key())
            if keep(e)]  # type: ignore[operator]  # fmt: skip


def test_one_actor(window: MainWindow) -> None:
    only(window, "ukraine")
    want = expected(window, lambda e: "ukraine" in e.actors)
    assert rows(window) == want and painted(window) == sorted(want)
    assert window.filter_bar.isVisible()
    assert bar_text(window) == f"Filtered: Ukraine — showing {len(want)} of {total(window)} events"


def test_two_actors_any_and_all(window: MainWindow) -> None:
    only(window, "north-korea", "russia")
    any_of = expected(window, lambda e: {"north-korea", "russia"} & set(e.actors))
    assert rows(window) == any_of and painted(window) == sorted(any_of)
    assert "North Korea or Russia" in bar_text(window)
    window.filters.mode.setCurrentIndex(1)
    both = expected(window, lambda e: {"north-korea", "russia"} <= set(e.actors))
    assert 0 < len(both) < len(any_of)
    assert rows(window) == both and painted(window) == sorted(both)
    assert bar_text(window) == (
        f"Filtered: North Korea and Russia — showing {len(both)} of {total(window)} events"
    )


def test_actor_and_text(window: MainWindow, qtbot: QtBot) -> None:
    only(window, "north-korea")
    window.filters.search.setText("kursk")
    window.filters.search.textEdited.emit("kursk")
    qtbot.waitUntil(lambda: window.document.filter.text == "kursk")
    want = expected(
        window,
        lambda e: (
            "north-korea" in e.actors
            and "kursk"
            in (e.title + e.summary + e.notes + " ".join(q.text for q in e.quotes)).lower()
        ),
    )
    assert want and rows(window) == want and painted(window) == sorted(want)
    assert bar_text(window) == (
        f"Filtered: North Korea · “kursk” — showing {len(want)} of {total(window)} events"
    )


def test_decade_range_overlaps_a_year_event(window: MainWindow) -> None:
    panel = window.filters
    panel.date_from.setText("1980s")
    panel.date_to.setText("1980s")
    panel.date_to.editingFinished.emit()
    assert window.document.filter.date_from == parse_date("1980s")
    want = expected(
        window, lambda e: e.t1 > parse_date("1980").start and e.t0 < parse_date("1989").end
    )
    assert want == ["fifth-brigade-zimbabwe"]
    assert rows(window) == want and painted(window) == want
    panel.date_from.setText("1985")
    panel.date_to.setText("2016")
    panel.date_to.editingFinished.emit()
    assert rows(window) == ["fifth-brigade-zimbabwe", "aleppo-north-korean-aid"]
    assert "1985 – 2016" in bar_text(window)
    panel.date_from.setText("soon")
    panel.date_from.editingFinished.emit()
    assert not panel.date_note.isHidden() and "soon" in panel.date_note.text()


def test_reset_clears_everything(window: MainWindow) -> None:
    only(window, "russia")
    window.filters.search.setText("x")
    window.filters.reset.click()
    assert not window.document.filter.active
    assert len(rows(window)) == total(window) == 15 and len(painted(window)) == 15
    assert window.filter_bar.isHidden()
    assert window.filters.search.text() == ""


def test_unchecking_every_actor_shows_an_empty_state(window: MainWindow) -> None:
    only(window)
    assert rows(window) == []
    window.timeline.repaint()
    assert window.timeline.painted_mode == "empty"
    assert bar_text(window).startswith(f"Filtered: no actors — showing 0 of {total(window)}")


def test_selected_event_filtered_out_is_deselected_and_said(window: MainWindow) -> None:
    window.document.set_current("korean-war-ends")
    only(window, "ukraine")
    assert window.document.current_id is None
    assert "“Korean War ends” is hidden by the filter" in window.detail.toPlainText()
    window.filters.reset.click()  # shown again: selected again, the notice gone
    assert window.document.current_id == "korean-war-ends"
    assert "hidden by the filter" not in window.detail.toPlainText()


def test_actor_chip_in_detail_pane_shows_only_that_actor(window: MainWindow) -> None:
    from PySide6.QtCore import QUrl

    window.document.set_current("choe-lavrov-meeting")
    window.detail.anchorClicked.emit(QUrl("actor:russia"))
    assert window.document.filter.checked == frozenset({"russia"})


def test_only_this_and_show_all_buttons(window: MainWindow) -> None:
    panel = window.filters
    row = next(i for i in panel.actor_rows() if i.data(IdRole) == "syria")
    panel.actors.setCurrentIndex(row)
    panel.only.click()
    assert rows(window) == ["aleppo-north-korean-aid"]
    panel.show_all.click()
    assert window.document.filter.checked is None


def test_actor_list_shows_counts_and_narrows(window: MainWindow) -> None:
    panel = window.filters
    names = {i.data(): i.siblingAtColumn(1).data() for i in panel.actor_rows()}
    assert names["North Korea"] == sum(
        "north-korea" in e.actors for e in window.document.timeline.events
    )
    panel.actor_search.setText("kor")
    shown = sorted(i.data() for i in panel.actor_rows())
    assert shown == ["North Korea", "South Korea"]


def test_filters_persist_per_file(make_window: object, dataset_copy: Path) -> None:
    first = make_window(dataset_copy)  # type: ignore[operator]
    only(first, "russia")
    first.close()
    second = make_window(dataset_copy)  # type: ignore[operator]
    assert second.document.filter.checked == frozenset({"russia"})
    assert second.filter_bar.isVisible() and "Russia" in bar_text(second)


def test_actor_model_passes_the_model_tester(window: MainWindow, qtmodeltester: object) -> None:
    only(window, "russia")
    qtmodeltester.check(window.filters.model)  # type: ignore[attr-defined]
    qtmodeltester.check(window.table_model)  # type: ignore[attr-defined]


def test_unchecking_one_actor_says_so_briefly_and_keeps_the_window_size(window: MainWindow) -> None:
    width = window.width()
    check(window, "north-korea", False)
    assert bar_text(window).startswith("Filtered: all actors except North Korea —")
    assert window.width() == width
    only(window, "russia", "ukraine", "syria", "nato", "iran")
    assert "Russia or Ukraine or NATO or 2 more" not in bar_text(window)
    assert " more —" in bar_text(window)


def test_a_right_to_left_override_in_a_name_stays_inside_it(
    make_window: object, dataset_copy: Path
) -> None:
    data = json.loads(dataset_copy.read_text(encoding="utf-8"))
    data["actors"][0]["name"] = "North \u202eKorea"
    dataset_copy.write_text(json.dumps(data), encoding="utf-8")
    window = make_window(dataset_copy)  # type: ignore[operator]
    only(window, data["actors"][0]["id"])
    label = window.filter_bar.label.full_text()
    assert "\u2068North \u202eKorea\u2069" in label  # isolated: the override ends with it
    assert label.index("\u2069") < label.index("showing")


def test_a_long_description_is_cut_with_an_ellipsis_and_whole_in_the_tooltip(
    make_window: object, dataset_copy: Path
) -> None:
    window = make_window(dataset_copy, size=(800, 600))  # type: ignore[operator]
    window.document.set_filter(FilterState(text="a search of many words " * 6))
    label = window.filter_bar.label
    assert label.text().rstrip("\u2069").endswith("…")
    assert label.fontMetrics().horizontalAdvance(label.text()) <= label.width()
    assert "showing" in label.toolTip()
