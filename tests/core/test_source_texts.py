"""A timeline never reaches outside its folder for a source's text: not to read it, not to
copy it on Save As, not to write it; and a FIFO or a device is never waited on."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from guard import within

from timeline_app.core.fileformat import load_timeline, timeline_from_data
from timeline_app.core.model import Quote, Source, Timeline
from timeline_app.core.source_texts import (
    RefusalKind,
    SourceTexts,
    carry_texts,
    check_quotes,
    copy_in_change,
    refusal,
    text_file_problems,
    timeline_folder,
    with_names,
    write_pending_texts,
)
from timeline_app.core.store import TimelineStore

SECRET = "root:x:0:0:the secret outside the folder"


def timeline(text_file: str, quote: str = "the secret") -> Timeline:
    data: dict[str, Any] = {
        "format": "timeline-app",
        "version": 1,
        "title": "T",
        "sources": [{"id": "art", "title": "An article", "text_file": text_file}],
        "events": [
            {"id": "e", "title": "E", "start": "2024", "quotes": [{"source": "art", "text": quote}]}
        ],
    }
    return timeline_from_data(data)


@pytest.fixture
def layout(tmp_path: Path) -> tuple[Path, Path]:
    """A timeline folder, and a secret file beside it (outside it)."""
    folder = tmp_path / "shared-folder"
    (folder / "texts").mkdir(parents=True)
    (folder / "texts" / "art.txt").write_text("It ended in 1953.", encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    return folder, secret


def outside_names(folder: Path, secret: Path) -> list[str]:
    link = folder / "innocent.txt"
    link.symlink_to(secret)
    subdir_link = folder / "sub"
    subdir_link.symlink_to(secret.parent)
    return [str(secret), "../secret.txt", "texts/../../secret.txt", "innocent.txt",
            "sub/secret.txt"]  # fmt: skip


def test_a_text_inside_the_folder_is_read(layout: tuple[Path, Path]) -> None:
    folder, _ = layout
    for name in ("texts/art.txt", "./texts/art.txt", "texts/../texts/art.txt"):
        assert refusal(folder, name) is None
        t = timeline(name, "ended in 1953")
        match, _ = SourceTexts(folder).find(t, t.events[0].quotes[0])
        assert match is not None


def test_a_text_outside_the_folder_is_never_read(layout: tuple[Path, Path]) -> None:
    folder, secret = layout
    for name in outside_names(folder, secret):
        refused = refusal(folder, name)
        assert refused is not None, name
        assert refused.kind in (RefusalKind.OUTSIDE, RefusalKind.NAME)
        t = timeline(name)
        texts = SourceTexts(folder)
        assert texts.text(t.sources[0]) is None
        match, why = texts.find(t, t.events[0].quotes[0])
        assert match is None and "was not read" in why
        # so its text confirms nothing: a timeline cannot probe the disk
        assert check_quotes(t, texts) == []
        (problem,) = text_file_problems(t, folder)
        assert problem.where == "sources[0] (art).text_file" and not problem.warning


def test_an_outside_link_is_named_with_where_it_leads(layout: tuple[Path, Path]) -> None:
    folder, secret = layout
    (folder / "innocent.txt").symlink_to(secret)
    refused = refusal(folder, "innocent.txt")
    assert refused is not None and refused.target == secret.resolve()
    assert str(secret.resolve()) in refused.message


def test_absolute_names_and_nul_characters_are_refused(tmp_path: Path) -> None:
    for name in ("/etc/passwd", "C:\\Windows\\win.ini", "a\0b.txt"):
        refused = refusal(tmp_path, name)
        assert refused is not None and refused.kind is RefusalKind.NAME, name


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_fifo_or_a_device_inside_the_folder_is_refused_without_waiting(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    for name, kind in (("pipe.txt", "named pipe"), ("zero.txt", "outside")):
        t = timeline(name)
        texts = SourceTexts(tmp_path)
        assert within(5, lambda t=t, texts=texts: texts.text(t.sources[0])) is None
        (problem,) = text_file_problems(t, tmp_path)
        assert kind in problem.message


def test_a_text_over_the_size_limit_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    (tmp_path / "huge.txt").write_bytes(b"a " * (11 * 1024 * 1024))  # 22 MB
    (problem,) = text_file_problems(timeline("huge.txt"), tmp_path)
    assert "is 22.0 MB: files over 20.0 MB are not read" in problem.message


def test_save_as_copies_texts_from_inside_the_folder_only(
    layout: tuple[Path, Path], tmp_path: Path
) -> None:
    folder, secret = layout
    new = tmp_path / "published"
    new.mkdir()
    t = timeline("texts/art.txt")
    saved = with_names(t, carry_texts(t, folder, new))
    assert (new / "texts" / "art.txt").read_text(encoding="utf-8") == "It ended in 1953."
    assert saved.sources[0].text_file == "texts/art.txt"
    for name in outside_names(folder, secret):
        t = timeline(name)
        carried = with_names(t, carry_texts(t, folder, new))
        assert carried.sources[0].text_file == name  # left as it was, unread
    copied = [p for p in new.rglob("*") if p.is_file()]
    assert copied == [new / "texts" / "art.txt"]
    assert all(SECRET not in p.read_text(encoding="utf-8") for p in copied)


def test_save_as_keeps_a_different_file_of_the_same_name_in_the_new_folder(
    layout: tuple[Path, Path], tmp_path: Path
) -> None:
    folder, _ = layout
    new = tmp_path / "new"
    (new / "texts").mkdir(parents=True)
    (new / "texts" / "art.txt").write_text("someone else's notes", encoding="utf-8")
    t = timeline("texts/art.txt")
    saved = with_names(t, carry_texts(t, folder, new))
    assert saved.sources[0].text_file == "texts/art-2.txt"
    assert (new / "texts" / "art.txt").read_text(encoding="utf-8") == "someone else's notes"
    assert (new / "texts" / "art-2.txt").read_text(encoding="utf-8") == "It ended in 1953."


def test_an_edited_text_is_never_written_outside_the_folder(layout: tuple[Path, Path]) -> None:
    folder, secret = layout
    for name in outside_names(folder, secret):
        t = timeline(name)
        ours = {name}  # even when the timeline "always" used that name
        saved = with_names(t, write_pending_texts(t, {"art": "EDITED"}, folder, ours))
        written = saved.sources[0].text_file
        assert refusal(folder, written) is None, (name, written)
        assert (folder / written).read_text(encoding="utf-8") == "EDITED"
        assert secret.read_text(encoding="utf-8") == SECRET
        (folder / written).unlink()


def test_an_edited_text_replaces_its_own_file_inside_the_folder(
    layout: tuple[Path, Path],
) -> None:
    folder, _ = layout
    t = timeline("texts/art.txt")
    assert write_pending_texts(t, {"art": "EDITED"}, folder, {"texts/art.txt"}) == {}
    assert (folder / "texts" / "art.txt").read_text(encoding="utf-8") == "EDITED"


def test_an_outside_text_is_copied_in_only_when_asked_and_undoably(
    layout: tuple[Path, Path],
) -> None:
    folder, _ = layout
    t = timeline("../secret.txt")
    texts = SourceTexts(folder)
    change, failed = copy_in_change(t, texts, {"art"})
    assert failed == [] and change is not None
    (after,) = change.sources[1]  # type: ignore[index]
    assert after.text_file == "art.txt" and refusal(folder, after.text_file) is None
    assert change.texts == {"art": (None, SECRET)}
    store = TimelineStore(t)
    change = store.apply(change)
    assert store.timeline.sources[0].text_file == "art.txt"
    store.apply(change.inverted())
    assert store.timeline.sources[0].text_file == "../secret.txt"
    assert not (folder / "art.txt").exists()  # nothing written until saved


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_copying_in_refuses_a_fifo_outside_the_folder(tmp_path: Path) -> None:
    folder = tmp_path / "t"
    folder.mkdir()
    os.mkfifo(tmp_path / "pipe")
    t = timeline("../pipe")
    change, failed = within(5, lambda: copy_in_change(t, SourceTexts(folder), {"art"}))
    assert change is None
    assert len(failed) == 1 and "named pipe" in failed[0]


def test_the_folder_is_the_real_files_folder_when_the_timeline_is_a_link(
    tmp_path: Path,
) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (real / "art.txt").write_text("It ended in 1953.", encoding="utf-8")
    (real / "t.json").write_text(json.dumps(timeline_to_dict("art.txt")), encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "t.json").symlink_to(real / "t.json")
    (elsewhere / "art.txt").write_text("a decoy", encoding="utf-8")
    folder = timeline_folder(elsewhere / "t.json")
    assert folder == real.resolve()
    t = load_timeline(elsewhere / "t.json")
    assert SourceTexts(folder).text(t.sources[0]) == "It ended in 1953."


def timeline_to_dict(text_file: str) -> dict[str, Any]:
    return {
        "format": "timeline-app",
        "version": 1,
        "title": "T",
        "sources": [{"id": "art", "title": "A", "text_file": text_file}],
        "events": [],
    }


def test_a_source_without_a_file_or_folder_is_not_refused(tmp_path: Path) -> None:
    t = Timeline("T", sources=[Source("a", "A")])
    texts = SourceTexts(None)
    assert texts.refusal(t.sources[0]) is None
    assert texts.find(t, Quote("a", "x"))[0] is None


def test_a_link_swapped_in_after_the_check_is_not_followed(
    layout: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from timeline_app.core import source_texts

    folder, secret = layout
    real_refusal = source_texts.refusal

    def check_then_swap(base: Path, text_file: str, limit: int = 0) -> object:
        verdict = real_refusal(base, text_file)  # the file is inside and regular: fine...
        target = folder / text_file
        target.unlink()
        target.symlink_to(secret)  # ...then someone with write access swaps in a link
        return verdict

    monkeypatch.setattr(source_texts, "refusal", check_then_swap)
    t = timeline("texts/art.txt")
    texts = SourceTexts(folder)
    assert texts.text(t.sources[0]) is None
    assert "was not read" not in texts.find(t, t.events[0].quotes[0])[1]  # it could not be
    assert SECRET not in str(texts.find(t, t.events[0].quotes[0]))


def test_an_edited_text_never_writes_through_a_link_inside_the_folder(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("source B's own text", encoding="utf-8")
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    names = write_pending_texts(timeline("a.txt"), {"art": "EDITED"}, tmp_path, {"a.txt"})
    assert (tmp_path / "b.txt").read_text(encoding="utf-8") == "source B's own text"
    assert names == {"art": "a-2.txt"}
    assert (tmp_path / "a-2.txt").read_text(encoding="utf-8") == "EDITED"


def test_an_edited_text_is_never_written_over_the_timeline_file(tmp_path: Path) -> None:
    timeline_file = tmp_path / "t.json"
    timeline_file.write_text("{}", encoding="utf-8")
    names = write_pending_texts(timeline("t.json"), {"art": "EDITED"}, tmp_path, {"t.json"},
                                timeline_file)  # fmt: skip
    assert timeline_file.read_text(encoding="utf-8") == "{}"
    assert names == {"art": "t-2.json"}


def test_two_sources_naming_one_file_keep_both_texts(tmp_path: Path) -> None:
    t = timeline("shared.txt")
    t = Timeline("T", sources=[*t.sources, Source("other", "Other", text_file="shared.txt")])
    written = write_pending_texts(t, {"art": "first", "other": "second"}, tmp_path, {"shared.txt"})
    names = [s.text_file for s in with_names(t, written).sources]
    assert names == ["shared.txt", "shared-2.txt"]
    assert [(tmp_path / n).read_text(encoding="utf-8") for n in names] == ["first", "second"]


def test_save_as_keeps_a_text_typed_in_the_app_not_the_old_file(
    layout: tuple[Path, Path], tmp_path: Path
) -> None:
    folder, _ = layout
    new = tmp_path / "new"
    new.mkdir()
    t = timeline("texts/art.txt")
    assert write_pending_texts(t, {"art": "TYPED BY THE USER"}, new) == {}
    assert carry_texts(t, folder, new, skip={"art"}) == {}
    assert (new / "texts" / "art.txt").read_text(encoding="utf-8") == "TYPED BY THE USER"
    assert sorted(p.name for p in (new / "texts").iterdir()) == ["art.txt"]


def test_copying_in_keeps_a_text_typed_in_the_app(layout: tuple[Path, Path]) -> None:
    folder, _ = layout
    t = timeline("../secret.txt")
    texts = SourceTexts(folder)
    texts.set_text("art", "typed after a crash, restored")
    change, failed = copy_in_change(t, texts, {"art"})
    assert change is not None and failed == []
    assert change.texts == {}  # the typed text stays; the outside file is not even read
    assert change.sources[1][0].text_file == "art.txt"  # type: ignore[index]
