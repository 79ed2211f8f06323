"""Saving a format 1 file: one question, asked once per file; a copy in format 1 beside it
when asked for; nothing saved on Cancel.  Deleting an event takes its links with it, and
one undo brings both back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from scripted_prompts import ScriptedPrompts

from timeline_app.core.change import Change
from timeline_app.core.fileformat import load_timeline
from timeline_app.core.model import FORMAT_VERSION, Link, LinkBasis, LinkType
from timeline_app.ui.app import application
from timeline_app.ui.document import Document
from timeline_app.ui.document_controller import DocumentController
from timeline_app.ui.prompts import Upgrade
from timeline_app.ui.settings import Settings


@pytest.fixture
def controller(tmp_path: Path, prompts: ScriptedPrompts) -> DocumentController:
    application()
    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    return DocumentController(Document(), prompts, settings, tmp_path / "recovery")  # type: ignore[arg-type]


# The fields version 2 added (events/README.md): a version 1 file has none of them.
FORMAT_2_FIELDS = {
    "top": ("links", "eras", "review"),
    "source": (
        "kind", "reliability", "reliability_reason", "derived_from", "licence", "notes", "excerpt",
    ),
    "event": ("dismissed",),
    "quote": ("credibility", "stance", "note"),
}  # fmt: skip


def _drop(record: dict[str, object], kind: str) -> None:
    for key in FORMAT_2_FIELDS[kind]:
        record.pop(key, None)


@pytest.fixture
def old_file(dataset_copy: Path) -> Path:
    """The bundled dataset as a version 1 file (what earlier versions of the app wrote):
    version 1, without any of the fields version 2 added (grades, kinds, stances…)."""
    data = json.loads(dataset_copy.read_text(encoding="utf-8"))
    data["version"] = 1
    _drop(data, "top")
    for source in data["sources"]:
        _drop(source, "source")
    for event in data["events"]:
        _drop(event, "event")
        for quote in event["quotes"]:
            _drop(quote, "quote")
    dataset_copy.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", "utf-8")
    # a plain version 1 file: read back, nothing is kept as a field the reader does not know
    t = load_timeline(dataset_copy)
    assert t.version == 1 and not t.extra
    assert not any(s.extra for s in t.sources) and not any(e.extra for e in t.events)
    assert not any(q.extra for e in t.events for q in e.quotes)
    return dataset_copy


def _rename(doc: Document, title: str) -> None:
    doc.push(Change("Rename", title=(doc.timeline.title, title)))


def _asked(
    monkeypatch: pytest.MonkeyPatch, prompts: ScriptedPrompts, *answers: Upgrade
) -> list[str]:
    asked: list[str] = []
    queue = list(answers)

    def answer(parent: object, name: str, version: int) -> Upgrade:
        asked.append(name)
        return queue.pop(0)

    monkeypatch.setattr(prompts, "upgrade_format", answer)
    return asked


def test_cancel_saves_nothing_and_asks_again(
    controller: DocumentController, old_file: Path, prompts: ScriptedPrompts,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    before = old_file.read_bytes()
    asked = _asked(monkeypatch, prompts, Upgrade.CANCEL, Upgrade.CANCEL)
    assert controller.open_path(old_file)
    _rename(controller.document, "Renamed")
    assert not controller.save()
    assert not controller.save()
    assert asked == [old_file.name, old_file.name]
    assert old_file.read_bytes() == before and controller.document.modified


def test_upgrading_asks_once_and_writes_format_2(
    controller: DocumentController, old_file: Path, prompts: ScriptedPrompts,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    asked = _asked(monkeypatch, prompts, Upgrade.UPGRADE)
    messages: list[str] = []
    controller.message.connect(lambda text, _ms: messages.append(text))
    assert controller.open_path(old_file)
    doc = controller.document
    _rename(doc, "Renamed")
    assert controller.save()
    assert json.loads(old_file.read_text("utf-8"))["version"] == FORMAT_VERSION
    _rename(doc, "Renamed again")
    assert controller.save()  # not asked again
    assert asked == [old_file.name]
    assert messages[-1] == f"Saved {old_file.name}"
    assert load_timeline(old_file).title == "Renamed again"
    assert [p.name for p in old_file.parent.glob("*.json")] == [old_file.name]  # no copy


def test_a_copy_in_format_1_is_saved_beside_the_file_first(
    controller: DocumentController, old_file: Path, prompts: ScriptedPrompts,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    _asked(monkeypatch, prompts, Upgrade.COPY_FIRST)
    messages: list[str] = []
    controller.message.connect(lambda text, _ms: messages.append(text))
    taken = old_file.with_name(f"{old_file.stem} (format 1).json")
    taken.write_text("someone else's file", encoding="utf-8")  # never replaced
    assert controller.open_path(old_file)
    _rename(controller.document, "Edited before the upgrade")
    assert controller.save()
    copy = old_file.with_name(f"{old_file.stem} (format 1) 2.json")
    old = load_timeline(copy)
    assert old.version == 1 and old.title == "Edited before the upgrade"
    assert json.loads(copy.read_text("utf-8"))["version"] == 1
    assert ([s.text_file for s in old.sources], old.events) == (
        [s.text_file for s in load_timeline(old_file).sources], load_timeline(old_file).events,
    )  # fmt: skip
    assert taken.read_text(encoding="utf-8") == "someone else's file"
    assert load_timeline(old_file).version == FORMAT_VERSION
    assert messages[-1] == f"Saved {old_file.name}; a copy in format 1 is {copy.name}"


def test_a_format_2_file_is_never_asked_about(
    controller: DocumentController, dataset_copy: Path
) -> None:
    assert controller.open_path(dataset_copy)  # the bundled dataset is in format 2
    _rename(controller.document, "Renamed")
    assert controller.save()  # the scripted prompts fail any question


def test_a_file_whose_own_fields_clash_with_format_2_stays_in_format_1(
    controller: DocumentController, old_file: Path
) -> None:
    data = json.loads(old_file.read_text("utf-8"))
    data["links"] = ["another tool's links"]
    old_file.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    messages: list[str] = []
    controller.message.connect(lambda text, _ms: messages.append(text))
    assert controller.open_path(old_file)
    _rename(controller.document, "Renamed")
    assert controller.save()  # no question: it cannot move to format 2
    saved = json.loads(old_file.read_text("utf-8"))
    assert saved["version"] == 1 and saved["links"] == ["another tool's links"]
    assert "still in format 1" in messages[-1] and "links" in messages[-1]


def test_deleting_an_event_deletes_its_links_and_one_undo_restores_both(
    doc: Document,
) -> None:
    from timeline_app.core.event_edits import delete_event_change

    events = doc.timeline.events
    a, b, c = events[0], events[1], events[2]
    links = (
        Link("a-b", a.id, b.id, LinkType.LED_TO, LinkBasis.ANALYST),
        Link("b-c", b.id, c.id, LinkType.PART_OF, LinkBasis.ANALYST),
        Link("c-a", c.id, a.id, LinkType.SAME_INCIDENT, LinkBasis.ANALYST),
    )
    doc.push(Change("Link", links=((), links)))
    doc.push(delete_event_change(doc.timeline, b))
    assert doc.timeline.links == [links[2]]
    assert doc.store.event(b.id) is None
    doc.undo_stack.undo()
    assert doc.timeline.links == list(links) and doc.store.event(b.id) == b
    doc.undo_stack.redo()
    assert doc.timeline.links == [links[2]]


def test_a_copy_first_never_takes_the_name_being_saved_to(
    controller: DocumentController, old_file: Path, prompts: ScriptedPrompts,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    """Save As "x (format 1).json" of a format 1 file: the copy is named after the file
    saved, beside it, and the file saved is in format 2."""
    _asked(monkeypatch, prompts, Upgrade.COPY_FIRST)
    assert controller.open_path(old_file)
    target = old_file.with_name(f"{old_file.stem} (format 1).json")
    assert controller.save_to(target, asked=True)
    assert load_timeline(target).version == FORMAT_VERSION
    copy = target.with_name(f"{target.stem} (format 1).json")
    assert load_timeline(copy).version == 1


def test_a_failed_save_says_the_copy_was_made(
    controller: DocumentController, old_file: Path, prompts: ScriptedPrompts,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    _asked(monkeypatch, prompts, Upgrade.COPY_FIRST)
    said: list[str] = []
    monkeypatch.setattr(prompts, "confirm", lambda p, title, text, *a: said.append(text))
    assert controller.open_path(old_file)
    _rename(controller.document, "Renamed")

    def broken(path: Path, version: int | None = None) -> bytes:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(controller.document, "save", broken)
    assert not controller.save()
    copy = f"{old_file.stem} (format 1).json"
    assert f"The copy in format 1 was saved as “{copy}”." in said[0]
    assert load_timeline(old_file.with_name(copy)).title == "Renamed"
