from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from scripted_prompts import ScriptedPrompts
from uihelpers import answer

from timeline_app.core.change import Change
from timeline_app.core.dates import parse_iso
from timeline_app.core.model import Event, Quote, Source
from timeline_app.ui.main_window import MainWindow
from timeline_app.ui.source_form import TEXT_FILTER, SourceForm
from timeline_app.ui.sources_dialog import AUTHOR, QUOTES, TEXT, TITLE, SourcesDialog

RAMANI = "ramani-north-korean-troops"
# the bundled dataset's further sources (their texts in its sources/ sub-folder)
USUN = "usun-wood-2024-10-30"
DOD = "dod-news-2024-11-18"
GOVUK = "govuk-woodward-2024-10-30"
WIKIPEDIA = "wikipedia-korean-armistice"
ARTICLE = "north-korean-troops-ramani.txt"
PASTED = (
    "Seoul has weighed sending Koreans to watch the fighting.\n\nOfficials “declined to comment”."
)


@pytest.fixture
def dialog(prompts: ScriptedPrompts, window: MainWindow, qtbot: QtBot) -> SourcesDialog:
    d = SourcesDialog(window.document, window.prompts, window)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


@pytest.fixture
def new_form(prompts: ScriptedPrompts, window: MainWindow, qtbot: QtBot) -> SourceForm:
    form = SourceForm(window.prompts, window.document.timeline, parent=window)
    qtbot.addWidget(form, before_close_func=lambda f: f.done(0))  # closed unasked
    form.show()
    return form


def fill_form_with(
    prompts: ScriptedPrompts,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
    fill: Callable[[SourceForm], None],
) -> list[SourceForm]:
    """Answer ``prompts.source_form`` the way the real one does, filling the form's widgets
    with ``fill`` instead of a person typing (the form is never exec()'d)."""
    forms: list[SourceForm] = []

    def reply(
        parent: Any, timeline: Any, source: Source | None, text: str | None
    ) -> tuple[Source, str | None] | None:
        form = SourceForm(prompts, timeline, source, text, parent)
        qtbot.addWidget(form, before_close_func=lambda f: f.done(0))  # closed unasked
        forms.append(form)
        fill(form)
        notes = (form.title_note, form.published_note, form.url_note, form.archive_note)
        assert form.ok.isEnabled(), [n.text() for n in notes]
        return form.result_source(), form.result_text()

    monkeypatch.setattr(prompts, "source_form", reply)
    return forms


def rows(d: SourcesDialog) -> dict[str, tuple[Any, ...]]:
    """Title, author, text state and quote count of each source, by id."""
    m = d.model
    columns = (TITLE, AUTHOR, TEXT, QUOTES)
    return {
        m.source_at(r).id: tuple(m.index(r, c).data() for c in columns) for r in range(m.rowCount())
    }


# -- the form ----------------------------------------------------------------------------
def test_form_rejects_an_empty_title_bad_date_and_javascript_link_beside_the_fields(
    new_form: SourceForm,
) -> None:
    form = new_form
    assert form.objectName() == "sourceForm" and form.windowTitle() == "Add source"
    assert not form.ok.isEnabled()
    assert form.title_note.isVisible() and form.title_note.text() == "A title is required."
    form.title.setText("Seoul weighs its options")
    assert not form.title_note.isVisible() and form.ok.isEnabled()

    form.published.setText("31 February 2024")
    assert not form.ok.isEnabled()
    assert form.published_note.isVisible()
    assert "not a possible date" in form.published_note.text()
    form.published.setText("Nov 2024")
    assert form.published_note.text() == "→ November 2024 (month)"
    assert form.ok.isEnabled()

    form.url.setText("javascript:alert(1)")
    assert not form.ok.isEnabled()
    assert form.url_note.isVisible()
    assert form.url_note.text() == "Only http:// and https:// links are accepted."
    form.archive_url.setText("file:///etc/passwd")
    assert form.archive_note.text() == "Only http:// and https:// links are accepted."
    form.url.setText("https://example.org/seoul")
    form.archive_url.setText("")
    assert not form.url_note.isVisible() and not form.archive_note.isVisible()
    assert form.ok.isEnabled()

    source = form.result_source()
    assert source.id == "seoul-weighs-its-options"
    assert source.published == parse_iso("2024-11")
    assert source.url == "https://example.org/seoul" and source.text_file == ""
    assert form.result_text() is None


def test_form_result_refuses_while_invalid(new_form: SourceForm) -> None:
    with pytest.raises(ValueError, match="problems"):
        new_form.result_source()


def test_accept_does_nothing_while_invalid(new_form: SourceForm) -> None:
    new_form.accept()
    assert new_form.isVisible() and new_form.result() == 0


def test_form_loads_a_utf8_text_file(
    prompts: ScriptedPrompts, new_form: SourceForm, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = tmp_path / "article.txt"
    article.write_bytes("\ufeffKim’s “comrades”\nsecond line".encode())
    asked = answer(prompts, monkeypatch, "open_path", str(article))
    new_form.title.setText("A title")
    new_form.text.setPlainText("something pasted first")
    new_form.load_button.click()
    assert asked[0][1] == "Load the source's text" and asked[0][3] == TEXT_FILTER
    assert TEXT_FILTER == "Text (*.txt *.md);;All files (*)"
    assert new_form.text.toPlainText() == "Kim’s “comrades”\nsecond line"  # BOM dropped
    assert new_form.text_note.text() == "Loaded “article.txt”: 4 words."
    new_form.text.undo()  # loading is one step of the editor's undo
    assert new_form.text.toPlainText() == "something pasted first"
    new_form.text.redo()
    source = new_form.result_source()
    assert new_form.result_text() == "Kim’s “comrades”\nsecond line"
    assert source.text_file == "a-title.txt"


def test_form_says_why_a_file_was_not_loaded(
    prompts: ScriptedPrompts, new_form: SourceForm, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("caf\xe9".encode("latin-1"))
    answer(prompts, monkeypatch, "open_path", str(latin1))
    new_form.load_button.click()
    assert new_form.text_note.text() == "“latin1.txt” is not UTF-8 (nor UTF-16) text: not loaded."
    assert new_form.text.toPlainText() == ""
    answer(prompts, monkeypatch, "open_path", str(tmp_path / "gone.txt"))
    new_form.load_button.click()
    assert new_form.text_note.text().startswith("“gone.txt” could not be read: ")
    answer(prompts, monkeypatch, "open_path", None)  # cancelled
    new_form.load_button.click()
    assert new_form.text.toPlainText() == ""


def test_editing_keeps_the_id_and_an_unchanged_text_is_not_returned(
    prompts: ScriptedPrompts, window: MainWindow, qtbot: QtBot
) -> None:
    doc = window.document
    source = doc.timeline.sources[0]
    text = doc.texts.text(source)
    form = SourceForm(window.prompts, doc.timeline, source, text, window)
    qtbot.addWidget(form, before_close_func=lambda f: f.done(0))  # closed unasked
    assert form.windowTitle() == "Edit source"
    assert form.published.text() == "November 2024"
    assert form.text.toPlainText() == text
    assert form.result_source() == source  # nothing edited: the same record
    assert form.result_text() is None
    form.title.setText("A different headline")
    form.text.setPlainText("")  # emptied: the saved text is kept
    assert form.text_note.text() == "Empty: the text saved for this source is kept."
    edited = form.result_source()
    assert edited.id == RAMANI and edited.text_file == source.text_file
    assert form.result_text() is None


# -- the dialog --------------------------------------------------------------------------
def test_lists_sources_with_text_state_and_quote_count(
    window: MainWindow, dialog: SourcesDialog
) -> None:
    assert dialog.objectName() == "sourcesDialog"
    title = {s.id: s.title for s in window.document.timeline.sources}
    assert rows(dialog) == {
        RAMANI: (title[RAMANI], "Dr Samuel Ramani", "yes", 13),
        USUN: (title[USUN], "Ambassador Robert Wood", "yes", 3),
        DOD: (title[DOD], "David Vergun", "yes", 3),
        GOVUK: (title[GOVUK], "Ambassador Barbara Woodward", "yes", 3),
        WIKIPEDIA: (title[WIKIPEDIA], "Wikipedia contributors", "yes", 1),
    }
    assert list(rows(dialog)) == list(title)  # in the file's order
    assert dialog.selected_source().id == RAMANI  # type: ignore[union-attr]  # the first
    tip = dialog.model.index(0, TEXT).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == f"<p>The text is read from {ARTICLE}.</p>"  # shown as text, never markup
    row = dialog.model.row_of(USUN)
    assert row is not None
    tip = dialog.model.index(row, TEXT).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "<p>The text is read from sources/usun-wood-unsc-2024-10-30-opening.txt.</p>"


def test_added_source_with_pasted_text_makes_a_quote_found(
    prompts: ScriptedPrompts,
    window: MainWindow,
    dialog: SourcesDialog,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    def fill(form: SourceForm) -> None:
        form.title.setText("Seoul weighs its options")
        form.author.setText("A. Reporter")
        form.published.setText("8 November 2024")
        form.text.setPlainText(PASTED)

    fill_form_with(prompts, monkeypatch, qtbot, fill)
    dialog.add_button.click()
    doc = window.document
    sid = "seoul-weighs-its-options"
    assert rows(dialog)[sid] == ("Seoul weighs its options", "A. Reporter", "yes (unsaved)", 0)
    assert dialog.selected_source().id == sid  # type: ignore[union-attr]
    source = doc.timeline.source(sid)
    assert source is not None and source.text_file == f"{sid}.txt"

    quote = Quote(sid, 'Officials "declined to comment".')
    event = Event("seoul-declines", "Seoul declines", parse_iso("2024-11-08"), quotes=(quote,))
    doc.push(Change("Add event", added=(event,)))
    match, reason = doc.texts.find(doc.timeline, quote)
    assert match is not None, reason
    assert PASTED[match.start : match.end] == "Officials “declined to comment”."
    assert rows(dialog)[sid][3] == 1

    # saving writes the text beside the file
    saved = tmp_path / "saved" / "timeline.json"
    saved.parent.mkdir()
    doc.save(saved)
    assert (saved.parent / f"{sid}.txt").read_text(encoding="utf-8") == PASTED
    assert rows(dialog)[sid][2] == "yes"


def test_undoing_an_added_source_forgets_its_text(
    prompts: ScriptedPrompts,
    window: MainWindow,
    dialog: SourcesDialog,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def fill(form: SourceForm) -> None:
        form.title.setText("Held text")
        form.text.setPlainText("held in memory")

    fill_form_with(prompts, monkeypatch, qtbot, fill)
    dialog.add_button.click()
    doc = window.document
    assert doc.texts.pending() == {"held-text": "held in memory"}
    doc.undo_stack.undo()
    assert doc.texts.pending() == {}
    assert "held-text" not in rows(dialog)
    doc.undo_stack.redo()
    assert doc.texts.pending() == {"held-text": "held in memory"}


def test_editing_the_text_and_undo_restores_the_old_text(
    prompts: ScriptedPrompts,
    window: MainWindow,
    dialog: SourcesDialog,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    doc = window.document
    source = doc.timeline.sources[0]
    original = doc.texts.text(source)
    assert original is not None

    def fill(form: SourceForm) -> None:
        assert form.text.toPlainText() == original
        form.author.setText("Samuel Ramani")
        form.text.setPlainText(original + "\n\nA correction was appended.")

    fill_form_with(prompts, monkeypatch, qtbot, fill)
    dialog.edit_button.click()
    edited = doc.timeline.sources[0]
    assert edited.author == "Samuel Ramani" and edited.id == RAMANI
    assert doc.texts.text(edited).endswith("A correction was appended.")  # type: ignore[union-attr]
    assert rows(dialog)[RAMANI][1:3] == ("Samuel Ramani", "yes (unsaved)")
    doc.undo_stack.undo()
    assert doc.texts.text(doc.timeline.sources[0]) == original
    assert doc.texts.pending() == {}
    assert rows(dialog)[RAMANI][1:3] == ("Dr Samuel Ramani", "yes")


def test_a_cancelled_or_unchanged_edit_pushes_nothing(
    prompts: ScriptedPrompts,
    window: MainWindow,
    dialog: SourcesDialog,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    answer(prompts, monkeypatch, "source_form", None)
    dialog.edit_button.click()
    dialog.add_button.click()
    fill_form_with(prompts, monkeypatch, qtbot, lambda form: None)
    dialog.edit_button.click()
    assert window.document.undo_stack.count() == 0


def test_a_cited_source_is_not_removed(
    prompts: ScriptedPrompts,
    window: MainWindow,
    dialog: SourcesDialog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown = answer(prompts, monkeypatch, "show_problems", None)
    dialog.select_source(RAMANI)
    dialog.remove_button.click()
    ((_, title, text),) = shown
    assert title == "Cannot remove the source"
    assert "is cited by 13 quotes in 13 events" in text
    assert RAMANI in rows(dialog)
    assert window.document.undo_stack.count() == 0


def test_an_uncited_source_is_removed_and_undo_brings_it_back(
    prompts: ScriptedPrompts,
    window: MainWindow,
    dialog: SourcesDialog,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def fill(form: SourceForm) -> None:
        form.title.setText("Spare")
        form.text.setPlainText("spare text")

    fill_form_with(prompts, monkeypatch, qtbot, fill)
    ids = list(rows(dialog))
    dialog.add_button.click()
    assert list(rows(dialog)) == [*ids, "spare"]
    dialog.remove_button.click()  # the new one is selected; nothing cites it
    assert list(rows(dialog)) == ids
    assert dialog.selected_source().id == ids[-1]  # type: ignore[union-attr]  # its neighbour
    assert window.document.texts.pending() == {}
    window.document.undo_stack.undo()
    assert list(rows(dialog)) == [*ids, "spare"]
    assert window.document.texts.pending() == {"spare": "spare text"}


def test_a_missing_text_is_marked(
    window: MainWindow, dialog: SourcesDialog, dataset_copy: Path
) -> None:
    (dataset_copy.parent / ARTICLE).unlink()
    window.open_path(dataset_copy)
    assert rows(dialog)[RAMANI][2] == "missing"


def test_model_passes_the_model_tester(dialog: SourcesDialog, qtmodeltester: Any) -> None:
    qtmodeltester.check(dialog.model)


def test_the_hooks_are_registered_questions() -> None:
    from scripted_prompts import QUESTIONS

    assert "source_form" in QUESTIONS and "color" in QUESTIONS


def test_a_link_typed_without_https_gets_it(
    prompts: ScriptedPrompts, window: MainWindow, qtbot: QtBot
) -> None:
    form = SourceForm(window.prompts, window.document.timeline)
    qtbot.addWidget(form, before_close_func=lambda f: f.done(0))  # closed unasked
    form.url.setText("kremlin.ru/events/123")
    form.url.editingFinished.emit()
    assert form.url.text() == "https://kremlin.ru/events/123"
    form.url.setText("javascript:alert(1)")
    form.url.editingFinished.emit()
    assert form.url.text() == "javascript:alert(1)" and not form.url_note.isHidden()


def test_a_source_is_graded_in_its_form_and_undo_takes_the_grade_back(
    prompts: ScriptedPrompts,
    window: MainWindow,
    dialog: SourcesDialog,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """Kind, grade, reason, derived from, licence, notes and excerpt: set in the form,
    saved in the file, undone in one step."""
    from timeline_app.core.fileformat import load_timeline
    from timeline_app.core.model import SourceKind

    doc = window.document
    wire = Source("wire", "A wire story")
    doc.push(Change("Add", sources=(tuple(doc.timeline.sources), (*doc.timeline.sources, wire))))
    before = doc.timeline.source(RAMANI)
    assert before is not None  # graded C, an analysis drawing on the US statement
    assert (before.kind, before.reliability, before.derived_from, before.excerpt) == (
        SourceKind.ANALYSIS, "C", (USUN,), False,
    )  # fmt: skip

    def fill(form: SourceForm) -> None:
        # the form shows the grade it has
        assert form.kind.currentData() == SourceKind.ANALYSIS
        assert form.reliability.currentText() == "C — fairly reliable"
        assert form.reason.text() == before.reliability_reason
        items = {form.derived.item(i).data(Qt.ItemDataRole.UserRole): form.derived.item(i)
                 for i in range(form.derived.count())}  # fmt: skip
        checked = Qt.CheckState.Checked
        assert [sid for sid, item in items.items() if item.checkState() == checked] == [USUN]
        assert not form.excerpt.isChecked()
        # and takes another
        form.kind.setCurrentIndex(form.kind.findData(SourceKind.NEWS))
        form.reliability.setCurrentIndex(form.reliability.findData("B"))
        form.reason.setText("  A named expert;   the outlet is not named ")
        assert items["wire"].text() == "A wire story"
        items["wire"].setCheckState(Qt.CheckState.Checked)
        form.licence.setText("All rights reserved")
        form.notes.setPlainText("Quoted for review.")
        form.excerpt.setChecked(True)

    fill_form_with(prompts, monkeypatch, qtbot, fill)
    dialog.select_source(RAMANI)
    dialog.edit_button.click()
    graded = doc.timeline.source(RAMANI)
    assert graded is not None
    assert (graded.kind, graded.reliability, graded.derived_from, graded.excerpt) == (
        SourceKind.NEWS, "B", (USUN, "wire"), True,
    )  # fmt: skip
    assert graded.reliability_reason == "A named expert; the outlet is not named"
    assert (graded.licence, graded.notes) == ("All rights reserved", "Quoted for review.")
    saved = tmp_path / "graded.json"
    doc.save(saved)
    assert load_timeline(saved).source(RAMANI) == graded
    doc.undo_stack.undo()
    assert doc.timeline.source(RAMANI) == before
    assert doc.timeline.source(RAMANI).reliability == "C"  # type: ignore[union-attr]


def test_a_source_cannot_derive_from_one_that_derives_from_it(
    prompts: ScriptedPrompts, window: MainWindow, qtbot: QtBot
) -> None:
    doc = window.document
    rewrite = Source("rewrite", "A rewrite", derived_from=(RAMANI,))
    doc.push(Change("Add", sources=(tuple(doc.timeline.sources), (*doc.timeline.sources, rewrite))))
    original = doc.timeline.source(RAMANI)
    form = SourceForm(prompts, doc.timeline, original, None, window)  # type: ignore[arg-type]
    qtbot.addWidget(form, before_close_func=lambda f: f.done(0))
    items = {form.derived.item(i).data(Qt.ItemDataRole.UserRole): form.derived.item(i)
             for i in range(form.derived.count())}  # fmt: skip
    disabled = [sid for sid, item in items.items() if not item.flags() & Qt.ItemFlag.ItemIsEnabled]
    assert disabled == ["rewrite"]  # the others stay choosable (the one it derives from too)
    item = items["rewrite"]
    assert item.text() == "A rewrite" and item.toolTip() == "It derives from this source"
    assert all(items[sid].toolTip() == "" for sid in items if sid != "rewrite")
