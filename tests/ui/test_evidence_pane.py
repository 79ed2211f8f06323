"""Weighing the evidence in the window: a second source's quote makes an event
corroborated, a disagreement between two quotes is proposed in the detail pane, and the
user records it as a contradiction or dismisses it (still dismissed after reopening);
each step is undone by Ctrl+Z."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl

from timeline_app.core.change import Change
from timeline_app.core.event_edits import save_event_change
from timeline_app.core.model import Quote, Source, Stance, replace
from timeline_app.ui.main_window import MainWindow

RAMANI = "ramani-north-korean-troops"
# an event quoting the article alone, with a number a second source can disagree with
SINGLE = "ukraine-plans-160000-draft"
STATEMENT = "Ukraine will draft 120,000 more soldiers this year, officials said."


def pane_text(window: MainWindow) -> str:
    return " ".join(window.detail.toPlainText().split())


def _add_statement(window: MainWindow) -> None:
    """A second, independent source with its text, quoted on the event the article alone
    supports (its 160,000 soldiers against the statement's 120,000)."""
    doc = window.document
    source = Source("statement", "A statement", publication="A ministry", reliability="B")
    before = tuple(doc.timeline.sources)
    doc.push(
        Change(
            "Add source",
            sources=(before, (*before, source)),
            texts={"statement": (None, STATEMENT)},
        )
    )
    event = doc.store.event(SINGLE)
    assert event is not None and {q.source for q in event.quotes} == {RAMANI}
    quoted = replace(
        event, quotes=(*event.quotes, Quote("statement", "draft 120,000 more soldiers"))
    )
    doc.push(save_event_change(doc.timeline, quoted, event))
    doc.set_current(event.id)


def test_a_second_independent_source_corroborates_and_undo_takes_it_back(
    window: MainWindow,
) -> None:
    doc = window.document
    doc.set_current(SINGLE)
    assert "Resting on a single source" in pane_text(window)
    _add_statement(window)
    shown = pane_text(window)
    assert "Corroborated by independent sources (2)" in shown
    assert "A ministry, “A statement” B — usually reliable" in shown
    doc.undo_stack.undo()
    assert "Resting on a single source" in pane_text(window)


def test_a_disagreement_is_proposed_then_recorded_and_undone(window: MainWindow) -> None:
    doc = window.document
    _add_statement(window)
    shown = pane_text(window)
    assert "A disagreement? “160,000 new soldiers” (November 2024) against " in shown
    assert "“120,000 more soldiers”" in shown and "Record as a contradiction Dismiss" in shown
    assert "Contested" not in shown
    window.detail.anchorClicked.emit(QUrl("proposal:confirm:0"))
    event = doc.store.event(SINGLE)
    assert event is not None and event.quotes[-1].stance is Stance.CONTRADICTS
    shown = pane_text(window)
    assert "Contested: a source contradicts it" in shown and "A disagreement?" not in shown
    assert "Contradicts the event" in shown
    doc.undo_stack.undo()
    assert "A disagreement?" in pane_text(window)


def test_a_dismissed_disagreement_stays_dismissed_after_reopening(
    window: MainWindow, tmp_path: Path
) -> None:
    doc = window.document
    _add_statement(window)
    window.detail.anchorClicked.emit(QUrl("proposal:dismiss:0"))
    assert "A disagreement?" not in pane_text(window)
    assert "Resting on" not in pane_text(window)  # still corroborated: nothing recorded
    saved = tmp_path / "weighed" / "timeline.json"
    saved.parent.mkdir()
    (saved.parent / "north-korean-troops-ramani.txt").write_bytes(
        (Path(doc.path).parent / "north-korean-troops-ramani.txt").read_bytes()  # type: ignore[arg-type]
    )
    doc.save(saved)
    assert window.files.open_path(saved)
    window.document.set_current(SINGLE)
    shown = pane_text(window)
    assert "Corroborated" in shown and "A disagreement?" not in shown
    # reordering the quotes keeps it dismissed
    event = window.document.store.event(SINGLE)
    assert event is not None
    reordered = replace(event, quotes=tuple(reversed(event.quotes)))
    window.document.push(save_event_change(window.document.timeline, reordered, event))
    assert "A disagreement?" not in pane_text(window)


def test_filter_by_support_grade_and_source_in_the_window(window: MainWindow) -> None:
    from timeline_app.core.evidence import Support

    doc = window.document

    def shown() -> list[str]:
        return [doc.store.event_at(p).id for p in doc.store.visible.positions]

    # the bundled events a second, independent source already corroborates, by date
    already = ["korean-war-ends", "russia-invades-ukraine", "north-korean-troops-move-into-kursk"]
    _add_statement(window)
    panel = window.filters
    panel.support.setCurrentIndex(panel.support.findData(Support.CORROBORATED.value))
    panel.support.activated.emit(panel.support.currentIndex())
    assert shown() == [*already[:2], SINGLE, already[2]]
    assert "corroborated" in window.filter_bar.label.text()
    # "statement" is graded B, the article C: each of these quotes a source graded B
    panel.grade.setCurrentIndex(panel.grade.findData("B"))
    panel.grade.activated.emit(panel.grade.currentIndex())
    assert shown() == [*already[:2], SINGLE, already[2]] and doc.filter.min_grade == "B"
    doc.undo_stack.undo()  # the second quote goes: the event rests on one source again
    assert shown() == already
    doc.undo_stack.redo()
    assert SINGLE in shown()
    panel.reset.click()
    assert panel.support.currentText() == "Any support" and panel.grade.currentText() == "Any grade"
    panel.source.setCurrentIndex(panel.source.findData("statement"))
    panel.source.activated.emit(panel.source.currentIndex())
    assert len(doc.store.visible) == 1
    # several asked at once (as the command line may): shown as asked, kept
    doc.set_filter(replace(doc.filter, support=frozenset({Support.SINGLE, Support.CONTESTED})))
    assert panel.support.currentText() == "As asked: single source or contested"
    panel.grade.setCurrentIndex(panel.grade.findData("C"))
    panel.grade.activated.emit(panel.grade.currentIndex())
    assert doc.filter.support == {Support.SINGLE, Support.CONTESTED}


def test_a_recorded_contradiction_is_shown_beside_the_quote_it_disagrees_with(
    window: MainWindow,
) -> None:
    """The bundled troop number: the article's 10,000 beside the Pentagon's "about 11,000",
    each with its source and date, and the note under both."""
    window.document.set_current("us-estimates-north-korean-troops")
    shown = pane_text(window)
    side_by_side = (  # the US statement: a primary source, graded B, of the same troops
        "Contested: a source contradicts it The event’s sources say Ambassador Robert Wood, "
        "30 October 2024 · B2 “We believe the DPRK has sent around 10,000 soldiers",
        "⚠ Against it David Vergun, 18 November 2024 · B2 “It is likely that about 11,000 North",
        "Kursk region” A later estimate (18 November 2024): about 11,000 troops",
    )
    at = [shown.find(part) for part in side_by_side]
    assert -1 not in at and at == sorted(at), at  # in that order, before the quotes
    assert shown.find("Dr Samuel Ramani, “North Korean troops") > at[-1]
    window.document.set_current("choe-lavrov-meeting")
    assert "Against it" not in pane_text(window)
