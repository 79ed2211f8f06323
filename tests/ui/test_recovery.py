"""Crash recovery: a copy of unsaved work beside (never over) the user's file."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from scripted_prompts import ScriptedPrompts

from timeline_app.core.change import Change
from timeline_app.core.dates import parse_iso
from timeline_app.core.fileformat import load_timeline
from timeline_app.core.model import Event, Timeline
from timeline_app.ui import recovery
from timeline_app.ui.app import application
from timeline_app.ui.document import Document
from timeline_app.ui.recovery import Recovery, RecoveryFile

REPO = Path(__file__).resolve().parents[2]
SOURCE_ID = "ramani-north-korean-troops"
NEW_EVENT = Event(
    "recovered-event", "An event typed just before the crash", parse_iso("2024-12-01")
)

CRASH_SCRIPT = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from PySide6.QtCore import QStandardPaths
    QStandardPaths.setTestModeEnabled(True)
    from timeline_app.core.dates import parse_iso
    from timeline_app.core.fileformat import load_timeline
    from timeline_app.core.model import Event
    from timeline_app.core.change import Change
    from timeline_app.ui.app import application
    from timeline_app.ui.document import Document
    from timeline_app.ui.recovery import Recovery

    app = application()
    path, folder = Path(sys.argv[1]), Path(sys.argv[2])
    doc = Document()
    doc.load(load_timeline(path), path)
    recovery = Recovery(doc, folder, delay_ms=50)
    recovery.written.connect(lambda _: os.kill(os.getpid(), getattr(signal, "SIGKILL", 9)))
    old = doc.timeline.title
    doc.push(Change("Rename", title=(old, "Renamed before the crash")))
    doc.push(Change("Add", added=(Event("recovered-event", "Typed just before the crash",
                                        parse_iso("2024-12-01")),)))
    doc.push(Change("Paste text", texts={sys.argv[3]: (None, "Text pasted, never saved")}))
    app.exec()  # the recovery write kills the process: the app never saves nor closes
    sys.exit(3)
    """
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "recovery"


@pytest.fixture
def document(dataset_copy: Path) -> Document:
    application()
    doc = Document()
    doc.load(load_timeline(dataset_copy), dataset_copy)
    return doc


def edit_title(doc: Document, title: str = "Edited title") -> None:
    doc.push(Change("Rename", title=(doc.timeline.title, title)))


def envelope(path: Path) -> dict[str, object]:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def orphan(rec: Recovery, qtbot: QtBot, elsewhere: Path) -> Path:
    """A copy of ``rec``'s file in another folder, without its lock: what a crash leaves."""
    with qtbot.waitSignal(rec.written, timeout=3000):
        pass
    assert rec.file is not None
    elsewhere.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(rec.file, elsewhere / rec.file.name))


def test_a_killed_process_leaves_its_unsaved_work_for_the_next_start(
    dataset_copy: Path, folder: Path
) -> None:
    before = dataset_copy.read_bytes()
    article = dataset_copy.with_name("north-korean-troops-ramani.txt")
    article_before = article.read_bytes()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
    run = subprocess.run(
        [sys.executable, "-c", CRASH_SCRIPT, str(dataset_copy), str(folder), SOURCE_ID],
        env=env,
        cwd=REPO,
        capture_output=True,
        timeout=60,
    )
    assert run.returncode != 0 and run.returncode != 3, run.stderr.decode()
    if sys.platform != "win32":
        assert run.returncode == -9  # SIGKILL: nothing ran after the write

    assert dataset_copy.read_bytes() == before  # the user's files are untouched
    assert article.read_bytes() == article_before
    assert [p.name for p in dataset_copy.parent.iterdir() if p.name.startswith(".")] == []
    (pending,) = recovery.pending_recoveries(folder)
    assert pending.path.parent == folder
    assert pending.original_path == dataset_copy.resolve()
    assert pending.title == "Renamed before the crash"
    assert "north-korean-troops.json" in pending.description()

    timeline, path, texts = recovery.restore(pending)
    assert path == dataset_copy.resolve()
    assert timeline.title == "Renamed before the crash"
    assert timeline.event("recovered-event") is not None
    original = load_timeline(dataset_copy)
    assert [e.id for e in timeline.events] == [e.id for e in original.events] + ["recovered-event"]
    assert texts == {SOURCE_ID: "Text pasted, never saved"}

    recovery.discard(pending)
    assert recovery.pending_recoveries(folder) == []
    assert list(folder.iterdir()) == []  # the stale lock went too


def test_the_copy_is_written_a_short_while_after_the_last_edit(
    document: Document, folder: Path, qtbot: QtBot
) -> None:
    rec = Recovery(document, folder, delay_ms=50)
    assert rec.file is None and not rec.pending
    edit_title(document, "First")
    edit_title(document, "Second")  # one write for both
    assert rec.pending
    with qtbot.waitSignal(rec.written, timeout=3000) as blocker:
        pass
    assert blocker.args == [rec.file]
    assert rec.file is not None and rec.file.parent == folder
    assert rec.file.name.startswith("north-korean-troops-") and rec.file.suffix == ".json"
    data = envelope(rec.file)
    assert data["format"] == "timeline-app-recovery" and data["version"] == 1
    assert data["original_path"] == str(document.path.resolve())  # type: ignore[union-attr]
    assert data["title"] == "Second"
    assert data["timeline"]["title"] == "Second"  # type: ignore[index]
    assert data["texts"] == {}
    assert isinstance(data["saved_at"], str) and "T" in data["saved_at"]
    assert not rec.pending


def test_saving_undoing_to_the_saved_state_or_loading_removes_the_copy(
    document: Document, folder: Path, qtbot: QtBot, tmp_path: Path
) -> None:
    rec = Recovery(document, folder, delay_ms=50)
    edit_title(document)
    with qtbot.waitSignal(rec.written, timeout=3000):
        pass
    assert rec.file is not None and rec.file.exists()
    document.undo_stack.undo()  # back to the saved state
    assert rec.file is None and list(folder.iterdir()) == []

    document.undo_stack.redo()
    with qtbot.waitSignal(rec.written, timeout=3000):
        pass
    assert document.path is not None
    document.save(document.path)
    assert rec.file is None and list(folder.iterdir()) == []

    edit_title(document, "Again")
    with qtbot.waitSignal(rec.written, timeout=3000):
        pass
    document.load(Timeline("Another"), None)  # opened another file / new timeline
    assert rec.file is None and list(folder.iterdir()) == []


def test_an_edit_then_save_before_the_timer_writes_nothing(
    document: Document, folder: Path, qtbot: QtBot
) -> None:
    rec = Recovery(document, folder, delay_ms=50)
    edit_title(document)
    assert document.path is not None
    document.save(document.path)
    assert not rec.pending
    with qtbot.assertNotEmitted(rec.written, wait=200):
        pass
    assert not folder.exists() or list(folder.iterdir()) == []


def test_an_untitled_timeline_gets_a_numbered_name_per_document(folder: Path, qtbot: QtBot) -> None:
    application()
    doc = Document()
    rec = Recovery(doc, folder, delay_ms=50)
    doc.load(Timeline("Fresh"), None)
    doc.push(Change("Add", added=(NEW_EVENT,)))
    with qtbot.waitSignal(rec.written, timeout=3000):
        pass
    assert rec.file is not None
    first = rec.file.name
    assert first.startswith(f"untitled-{os.getpid()}-")
    assert envelope(rec.file)["original_path"] is None

    doc.load(Timeline("Fresher"), None)
    assert list(folder.iterdir()) == []
    doc.push(Change("Add", added=(NEW_EVENT,)))
    rec.flush()
    rec.wait()  # written on a worker thread
    assert rec.file is not None and rec.file.name != first


def test_stop_removes_the_copy_and_writes_no_more(
    document: Document, folder: Path, qtbot: QtBot
) -> None:
    rec = Recovery(document, folder, delay_ms=50)
    edit_title(document)
    rec.flush()
    rec.wait()  # written on a worker thread
    assert rec.file is not None and rec.file.exists()
    rec.stop()
    assert rec.file is None and list(folder.iterdir()) == []
    edit_title(document, "After stop")
    with qtbot.assertNotEmitted(rec.written, wait=200):
        pass


def test_an_unwritable_folder_is_reported_not_raised(
    document: Document, tmp_path: Path, qtbot: QtBot
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    rec = Recovery(document, blocked / "recovery", delay_ms=50)
    edit_title(document)
    with qtbot.waitSignal(rec.writeFailed, timeout=3000):
        pass
    assert rec.file is None


def test_the_live_copy_of_a_running_instance_is_not_pending(
    document: Document, folder: Path, qtbot: QtBot, tmp_path: Path
) -> None:
    rec = Recovery(document, folder, delay_ms=50)
    edit_title(document)
    copy = orphan(rec, qtbot, tmp_path / "orphans")
    assert recovery.pending_recoveries(folder) == []  # locked by this live instance
    (pending,) = recovery.pending_recoveries(copy.parent)
    assert pending.path == copy


def test_documents_on_the_same_file_keep_a_copy_each(
    document: Document, folder: Path, qtbot: QtBot
) -> None:
    assert document.path is not None
    docs = [document, Document(), Document()]
    for doc in docs[1:]:
        doc.load(load_timeline(document.path), document.path)
    recs = [Recovery(doc, folder, delay_ms=50) for doc in docs]
    for i, (doc, rec) in enumerate(zip(docs, recs, strict=True)):
        edit_title(doc, f"Version {i}")
        rec.flush()
        rec.wait()  # written on a worker thread
    files = [rec.file for rec in recs]
    assert None not in files and len(set(files)) == 3
    assert [envelope(f)["title"] for f in files if f] == ["Version 0", "Version 1", "Version 2"]


def test_unreadable_files_are_set_aside_not_offered(
    document: Document, tmp_path: Path, qtbot: QtBot
) -> None:
    rec = Recovery(document, tmp_path / "live", delay_ms=50)
    edit_title(document)
    orphans = tmp_path / "orphans"
    good = orphan(rec, qtbot, orphans)
    data = envelope(good)
    (orphans / "garbage.json").write_bytes(b"\xff\xfe{not json")
    (orphans / "list.json").write_text("[1, 2]")
    (orphans / "other-app.json").write_text(json.dumps({**data, "format": "something"}))
    (orphans / "future.json").write_text(json.dumps({**data, "version": 2}))
    (orphans / "bad-timeline.json").write_text(json.dumps({**data, "timeline": {"events": 3}}))
    (orphans / "bad-texts.json").write_text(json.dumps({**data, "texts": {"a": 1}}))
    (orphans / "folder.json").mkdir()
    (orphans / "notes.txt").write_text("ignored")
    scan = recovery.scan_recoveries(orphans)
    assert [p.path for p in scan.pending] == [good]
    unreadable = ["bad-texts.json", "bad-timeline.json", "future.json", "garbage.json",
                  "list.json", "other-app.json"]  # fmt: skip
    assert [line.split(":")[0] for line in scan.set_aside] == unreadable
    assert "UTF-16" in scan.set_aside[3]  # garbage.json starts with a UTF-16 mark
    # set aside, kept for the user, and never offered again
    assert sorted(p.name for p in (orphans / "unreadable").iterdir()) == unreadable
    assert recovery.scan_recoveries(orphans).set_aside == []
    assert sorted(p.name for p in orphans.iterdir()) == sorted(
        [good.name, "folder.json", "notes.txt", "unreadable"]
    )
    assert recovery.pending_recoveries(tmp_path / "missing") == []


def test_pending_recoveries_are_newest_first(
    document: Document, tmp_path: Path, qtbot: QtBot
) -> None:
    rec = Recovery(document, tmp_path / "live", delay_ms=50)
    edit_title(document)
    orphans = tmp_path / "orphans"
    good = orphan(rec, qtbot, orphans)
    data = envelope(good)
    for name, when in [("a-old", "2020-01-01T10:00:00+00:00"), ("z-new", "2030-01-01T10:00")]:
        (orphans / f"{name}.json").write_text(json.dumps({**data, "saved_at": when}))
    names = [p.path.stem for p in recovery.pending_recoveries(orphans)]
    assert names == ["z-new", good.stem, "a-old"]


def answer(prompts: ScriptedPrompts, monkeypatch: pytest.MonkeyPatch, *answers: bool) -> list[str]:
    asked: list[str] = []
    replies = iter(answers)

    def restore_recovery(parent: object, description: str) -> bool:
        asked.append(description)
        return next(replies)

    monkeypatch.setattr(prompts, "restore_recovery", restore_recovery)
    return asked


def test_offer_recovery_asks_nothing_when_there_is_nothing(
    prompts: ScriptedPrompts, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = answer(prompts, monkeypatch)
    assert recovery.offer_recovery(prompts, None, tmp_path / "recovery") is None
    assert asked == []


def test_offer_recovery_discards_a_declined_copy(
    prompts: ScriptedPrompts,
    document: Document,
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rec = Recovery(document, tmp_path / "live", delay_ms=50)
    edit_title(document)
    copy = orphan(rec, qtbot, tmp_path / "orphans")
    asked = answer(prompts, monkeypatch, False)
    assert recovery.offer_recovery(prompts, None, copy.parent) is None
    assert len(asked) == 1 and "north-korean-troops.json" in asked[0]
    assert not copy.exists()


def test_offer_recovery_returns_the_restored_work_and_removes_its_copy(
    prompts: ScriptedPrompts,
    document: Document,
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rec = Recovery(document, tmp_path / "live", delay_ms=50)
    edit_title(document, "Keep me")
    copy = orphan(rec, qtbot, tmp_path / "orphans")
    answer(prompts, monkeypatch, True)
    restored = recovery.offer_recovery(prompts, None, copy.parent)
    assert restored is not None
    timeline, path, texts = restored
    assert timeline.title == "Keep me" and path == document.path.resolve()  # type: ignore[union-attr]
    assert texts == {}
    assert not copy.exists()


def test_load_restored_is_an_unsaved_undoable_change_over_the_file(
    dataset_copy: Path, qtbot: QtBot
) -> None:
    application()
    on_disk = load_timeline(dataset_copy)
    restored = Timeline(
        "Restored title",
        on_disk.sources,
        on_disk.actors,
        [*on_disk.events[1:], NEW_EVENT],
        on_disk.extra,
    )
    doc = Document()
    recovery.load_restored(doc, restored, dataset_copy, {SOURCE_ID: "pasted"})
    assert doc.modified and doc.path == dataset_copy
    assert doc.timeline.title == "Restored title"
    assert [e.id for e in doc.timeline.events] == [e.id for e in restored.events]
    assert doc.texts.pending() == {SOURCE_ID: "pasted"}
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert doc.timeline.title == on_disk.title
    assert sorted(doc.timeline.events, key=lambda e: e.id) == sorted(
        on_disk.events, key=lambda e: e.id
    )
    assert doc.texts.pending() == {} and not doc.modified


def test_load_restored_of_a_never_saved_timeline_or_a_lost_file(
    tmp_path: Path, qtbot: QtBot
) -> None:
    application()
    restored = Timeline("Draft", events=[NEW_EVENT])
    loaded: list[tuple[Timeline, Path | None]] = []
    doc = Document()

    def load(timeline: Timeline, path: Path | None) -> None:
        loaded.append((timeline, path))
        doc.load(timeline, path)

    recovery.load_restored(doc, restored, None, {}, load=load)
    assert loaded[0][1] is None and loaded[0][0].events == []
    assert doc.modified and doc.timeline.events == [NEW_EVENT]

    gone = tmp_path / "deleted.json"
    recovery.load_restored(doc, restored, gone, {})
    assert doc.path == gone and doc.modified and doc.timeline.events == [NEW_EVENT]


def test_load_restored_of_work_equal_to_the_file_leaves_it_clean(dataset_copy: Path) -> None:
    application()
    doc = Document()
    recovery.load_restored(doc, load_timeline(dataset_copy), dataset_copy, {})
    assert not doc.modified and doc.undo_stack.count() == 0


def test_description_of_an_untitled_recovery(tmp_path: Path) -> None:
    from datetime import datetime, timezone

    rf = RecoveryFile(tmp_path / "x.json", None, datetime(2024, 5, 1, tzinfo=timezone.utc), "")
    assert "never saved" in rf.description() and "Untitled" in rf.description()


def test_recovery_files_are_private(document: Document, folder: Path, qtbot: QtBot) -> None:
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)  # a folder made by an older version, readable by everyone
    rec = Recovery(document, folder, delay_ms=50)
    edit_title(document)
    rec.flush()
    rec.wait()
    assert rec.file is not None
    assert oct(rec.file.stat().st_mode & 0o777) == oct(0o600)
    assert oct(folder.stat().st_mode & 0o777) == oct(0o700)


def test_the_copy_is_written_off_the_gui_thread(
    document: Document, folder: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    threads: list[str] = []
    real = recovery.atomic_write_chunks

    def spy(*args: object, **kwargs: object) -> bool:
        threads.append(threading.current_thread().name)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(recovery, "atomic_write_chunks", spy)
    rec = Recovery(document, folder, delay_ms=50)
    edit_title(document)
    with qtbot.waitSignal(rec.written, timeout=3000):
        pass
    assert threads == ["recovery-writer"]
    assert threading.current_thread() is threading.main_thread()


def gated_envelope(monkeypatch: pytest.MonkeyPatch) -> tuple[object, object]:
    """The worker stops after its first piece until ``release`` is set."""
    import threading

    started, release = threading.Event(), threading.Event()
    real = recovery.iter_envelope

    def slow(snapshot: object, cancelled: object = lambda: False) -> object:
        pieces = real(snapshot, cancelled)  # type: ignore[arg-type]
        yield next(pieces)
        started.set()
        release.wait(10)
        yield from pieces

    monkeypatch.setattr(recovery, "iter_envelope", slow)
    return started, release


def test_a_write_made_obsolete_by_a_save_is_never_put_in_place(
    document: Document, folder: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    started, release = gated_envelope(monkeypatch)
    rec = Recovery(document, folder, delay_ms=50)
    edit_title(document)
    rec.flush()
    assert started.wait(10)  # type: ignore[attr-defined]
    assert document.path is not None
    document.save(document.path)  # clean: the copy is no longer wanted
    release.set()  # type: ignore[attr-defined]
    rec.wait()
    assert rec.file is None and list(folder.iterdir()) == []  # no copy, no temporary file


def test_an_edit_during_a_write_is_written_after_it(
    document: Document, folder: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    started, release = gated_envelope(monkeypatch)
    rec = Recovery(document, folder, delay_ms=50)
    edit_title(document, "First")
    rec.flush()
    assert started.wait(10)  # type: ignore[attr-defined]
    edit_title(document, "Second")
    rec.flush()  # queued behind the first, which is now obsolete
    release.set()  # type: ignore[attr-defined]
    rec.wait()
    assert rec.file is not None and envelope(rec.file)["title"] == "Second"
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [rec.file.name, rec.file.name + ".lock"]
    )


def test_text_that_cannot_be_written_is_reported_not_lost_silently(
    document: Document, folder: Path, qtbot: QtBot
) -> None:
    rec = Recovery(document, folder, delay_ms=50)
    edit_title(document, "Half a pair: \ud800")  # typed somehow; not writable as UTF-8
    with qtbot.waitSignal(rec.writeFailed, timeout=3000) as blocker:
        pass
    assert "not valid Unicode" in blocker.args[0]


def test_a_recovery_of_a_deeply_nested_timeline_reads_back(
    dataset_copy: Path, folder: Path, qtbot: QtBot
) -> None:
    from timeline_app.core.fileformat import MAX_NESTING

    data = json.loads(dataset_copy.read_text(encoding="utf-8"))
    nested: object = "deep"
    for _ in range(MAX_NESTING):
        nested = [nested]
    data["x_nested"] = nested  # as deep as the loader takes
    dataset_copy.write_text(json.dumps(data), encoding="utf-8")
    application()
    doc = Document()
    doc.load(load_timeline(dataset_copy), dataset_copy)
    rec = Recovery(doc, folder, delay_ms=50)
    edit_title(doc, "Nested")
    rec.flush()
    rec.wait()
    copy = orphan_now(rec, folder.parent / "orphans")
    (pending,) = recovery.pending_recoveries(copy.parent)
    timeline, _, _ = recovery.restore(pending)
    assert timeline.title == "Nested" and timeline.extra["x_nested"] == nested


def orphan_now(rec: Recovery, elsewhere: Path) -> Path:
    assert rec.file is not None
    elsewhere.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(rec.file, elsewhere / rec.file.name))


def test_undoing_a_restore_of_never_saved_work_leaves_nothing_dangling(tmp_path: Path) -> None:
    """Undo shows the empty timeline the work started from: no link to an event that is
    not there, no review mark for a missing source; the file saved then opens again."""
    from timeline_app.core.model import Link, LinkBasis, LinkType, ProposalMark, Source

    application()
    other = Event("other", "Other", NEW_EVENT.start)
    restored = Timeline(
        "Draft",
        sources=[Source("art", "Article")],
        events=[NEW_EVENT, other],
        links=[Link("l", NEW_EVENT.id, "other", LinkType.LED_TO, LinkBasis.ANALYST)],
        review={"art": (ProposalMark(0, 3, "0123456789abcdef"),)},
    )
    doc = Document()
    recovery.load_restored(doc, restored, None, {})
    assert doc.timeline.links and doc.timeline.review
    doc.undo_stack.undo()
    assert doc.timeline.links == [] and doc.timeline.review == {}
    saved = tmp_path / "empty.json"
    doc.save(saved)
    assert load_timeline(saved).events == []
