"""A user builds a timeline from their own article, start to finish, without touching JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from scripted_prompts import ScriptedPrompts
from test_editing import form_filler

from timeline_app.core.model import Source, Timeline
from timeline_app.ui.event_form import EventForm
from timeline_app.ui.source_form import SourceForm

ARTICLE = (
    "Harbour reopens after storm\n\n"
    "The harbour reopened on Tuesday after three days of closure. “We lost two piers,” "
    "said the harbourmaster, Ana Ruiz. Repairs will cost €4 million, the council said."
)


def test_new_timeline_source_event_save_reopen(
    prompts: ScriptedPrompts,
    make_window: object,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_window()  # type: ignore[operator]
    monkeypatch.setattr(prompts, "text", lambda *a, **k: "Storm of 2025")
    window.action("actionNew").trigger()
    assert window.document.timeline.title == "Storm of 2025"

    def fill_source(parent: object, timeline: Timeline, source: Source | None,
                    text: str | None) -> tuple[Source, str | None] | None:  # fmt: skip
        form = SourceForm(prompts, timeline, source, text)
        qtbot.addWidget(form)
        form.title.setText("Harbour reopens after storm")
        form.author.setText("Jo Bloggs")
        form.publication.setText("The Coast Gazette")
        form.published.setText("14 Jan 2025")
        form.url.setText("https://example.org/harbour")
        form.text.setPlainText(ARTICLE)
        assert form.ok.isEnabled()
        return form.result_source(), form.result_text()

    monkeypatch.setattr(prompts, "source_form", fill_source)
    dialog = window.edit.show_sources()
    qtbot.addWidget(dialog)
    dialog.add_source()
    (source,) = window.document.timeline.sources
    assert source.published is not None and source.published.iso() == "2025-01-14"

    def fill_event(form: EventForm) -> None:
        form.title.setText("Harbour reopens")
        form.start.setText("Tuesday 14 January 2025")
        form.actors.setText("Harbour authority, Ana Ruiz")
        form.quote_editors[0].text.setPlainText('"We lost two piers," said the harbourmaster')
        form.quote_editors[0].check()
        assert form.quote_editors[0].found is True  # straight quotes match typographic ones

    monkeypatch.setattr(prompts, "event_form", form_filler(qtbot, fill_event))
    window.action("actionAddEvent").trigger()
    (event,) = window.document.timeline.events
    assert [a.name for a in window.document.timeline.actors] == ["Harbour authority", "Ana Ruiz"]

    target = tmp_path / "storm" / "storm.json"
    target.parent.mkdir()
    monkeypatch.setattr(prompts, "save_path", lambda *a, **k: str(target))
    assert window.save()
    saved = json.loads(target.read_text(encoding="utf-8"))
    text_file = saved["sources"][0]["text_file"]
    assert (target.parent / text_file).read_text(encoding="utf-8") == ARTICLE

    window.close()
    again = make_window(target)  # type: ignore[operator]
    again.document.set_current(event.id)
    detail = again.detail.toPlainText()
    assert "Jo Bloggs, The Coast Gazette, “Harbour reopens after storm”, 14 January 2025" in detail
    assert "not found" not in detail
    again.show_quote(event.id, 0)
    assert again.article.highlighted_text() == "“We lost two piers,” said the harbourmaster"
