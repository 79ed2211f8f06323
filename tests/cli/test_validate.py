"""``timeline-app --validate FILE... [--format text|json]``: every problem of every file,
going on after a bad one; exit 0 when all are valid, 1 when not.  Never imports Qt."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from cli_run import cli
from guard import within
from paths import DATASET, REPO, copy_dataset

from timeline_app import __version__
from timeline_app.cli import main

run = cli


def test_validate_bundled_dataset_exits_0() -> None:
    result = run("--validate", *map(str, sorted((REPO / "events").glob("*.json"))))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok (" in result.stdout and "warning:" not in result.stdout


def test_validate_prints_every_problem_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    syntax = tmp_path / "syntax.json"
    syntax.write_text('{\n  "title": ,\n}', encoding="utf-8")
    data = json.loads(DATASET.read_text(encoding="utf-8"))
    data["events"][3]["start"] = "2016-13"
    data["events"][0]["quotes"][0]["text"] = "not in the article at all"
    structural = tmp_path / "structural.json"
    structural.write_text(json.dumps(data), encoding="utf-8")
    good = tmp_path / "good.json"
    good.write_text(DATASET.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["--validate", str(syntax), str(structural), str(good)]) == 1
    out = capsys.readouterr().out.splitlines()
    ev = data["events"][3]["id"]
    assert out[0].startswith(f"{syntax}:2:12: JSON syntax error")
    assert out[1].startswith(f"{structural}: events[3] ({ev}).start: '2016-13' is not a date")
    # the good file's quote is checked against an article that is not beside it: a warning
    assert any(line.startswith(f"{good}: warning: events[0]") for line in out)
    assert out[-1].startswith(f"{good}: ok")


def test_validate_warns_for_a_quote_not_in_the_article(
    dataset_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(dataset_copy.read_text(encoding="utf-8"))
    data["events"][0]["quotes"][0]["text"] = "not in the article at all"
    dataset_copy.write_text(json.dumps(data), encoding="utf-8")
    assert main(["--validate", str(dataset_copy)]) == 0
    out = capsys.readouterr().out
    assert f"warning: events[0] ({data['events'][0]['id']}).quotes[0]: quote not found" in out


def test_version_help_and_bad_usage() -> None:
    assert run("--version").stdout.strip() == f"timeline-app {__version__}"
    assert "--validate" in run("--help").stdout
    bad = run("--no-such-option")
    assert bad.returncode == 2 and "usage:" in bad.stderr
    assert run("--validate").returncode == 2


def test_validate_imports_a_timelinejs_file_on_the_fly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tjs = tmp_path / "tjs.json"
    tjs.write_text(
        json.dumps({"events": [{"start_date": {"year": "2016"}, "text": {"headline": "x"},
                                "media": {"url": "https://example.org/a.png"}}]}),
        encoding="utf-8",
    )  # fmt: skip
    assert main(["--validate", str(tjs)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"{tjs}: note: slide 1: media (images, videos, maps, links, captions) not kept",
        f"{tjs}: ok (imported from TimelineJS: 1 event, 0 warnings)",
    ]
    assert main(["--validate", str(tjs), "--format", "json"]) == 0
    [found] = json.loads(capsys.readouterr().out)
    assert found["valid"] and found["events"] == 1 and found["imported_from"] == "TimelineJS"
    assert found["notes"] == ["slide 1: media (images, videos, maps, links, captions) not kept"]


def test_validate_says_a_timelinejs_file_that_does_not_import(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tjs = tmp_path / "tjs.json"
    tjs.write_text(json.dumps({"events": [{"start_date": {"year": "2016", "month": "13"}}]}),
                   encoding="utf-8")  # fmt: skip
    assert main(["--validate", str(tjs)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{tjs}: slide 1: start_date: ")
    assert out[-1] == f"{tjs}: not imported from TimelineJS (1 error)"


def _outside_text_files(tmp_path: Path) -> list[tuple[str, str]]:
    """(text_file, what the message says) for every way out of the timeline's folder."""
    secret = tmp_path / "secret.txt"
    secret.write_text("ended in 1953", encoding="utf-8")
    folder = tmp_path / "timeline"
    folder.mkdir()
    (folder / "link.txt").symlink_to(secret)
    cases = [
        (str(secret), "is an absolute path"),
        ("../secret.txt", "leads outside the timeline's folder"),
        ("link.txt", "leads outside the timeline's folder"),
    ]
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pipe.txt")
        cases.append(("pipe.txt", "is a named pipe (FIFO), not a regular file"))
    if os.path.exists("/dev/zero"):
        (folder / "zero").mkdir()
        os.symlink("/dev/zero", folder / "zero" / "z.txt")
        cases.append(("zero/z.txt", "leads outside the timeline's folder (to /dev/zero)"))
    return cases


def test_validate_refuses_text_files_outside_the_folder_without_reading_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from timeline_app.core import source_texts

    read: list[str] = []
    real_read = source_texts.read_regular_file

    def spy(path: Path, limit: int, **kwargs: object) -> bytes:
        read.append(str(path))
        return real_read(path, limit, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(source_texts, "read_regular_file", spy)
    cases = _outside_text_files(tmp_path)
    folder = tmp_path / "timeline"
    copy_dataset(folder)  # the other sources' texts, inside the folder: those may be read
    others = json.loads(DATASET.read_text(encoding="utf-8"))["sources"][1:]
    inside = {os.path.realpath(folder / s["text_file"]) for s in others}
    for text_file, message in cases:
        data = json.loads(DATASET.read_text(encoding="utf-8"))
        data["sources"][0]["text_file"] = text_file
        path = folder / "t.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        assert within(5, lambda p=path: main(["--validate", str(p)])) == 1
        out = capsys.readouterr().out.splitlines()
        source = data["sources"][0]["id"]
        assert out[0].startswith(f"{path}: sources[0] ({source}).text_file: “{text_file}”")
        assert message in out[0], out[0]
        assert out[-1].startswith(f"{path}: invalid (1 error, ")
    assert set(read) == inside  # the other texts were read; not one outside was opened


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_validate_refuses_a_fifo_or_a_device_as_the_timeline_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "t.json"
    os.mkfifo(fifo)
    result = run("--validate", str(fifo), "/dev/zero", str(DATASET))  # nothing ever written
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == f"{fifo}: cannot read: is a named pipe (FIFO), not a regular file"
    assert lines[1] == "/dev/zero: cannot read: is a character device, not a regular file"
    assert lines[-1].startswith(f"{DATASET}: ok")


def test_validate_reports_as_json_for_scripts(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{\n  "title": ,\n}', encoding="utf-8")
    result = run("--validate", DATASET, broken, "--format", "json")
    assert result.returncode == 1 and result.stderr == ""
    good, bad = json.loads(result.stdout)
    assert good["file"] == str(DATASET) and good["valid"] and good["errors"] == []
    assert good["events"] == len(json.loads(DATASET.read_text(encoding="utf-8"))["events"])
    assert bad["file"] == str(broken) and not bad["valid"] and bad["events"] is None
    [error] = bad["errors"]
    assert (error["line"], error["column"]) == (2, 12)
    assert error["message"].startswith("JSON syntax error")


def test_validate_needs_no_qt(tmp_path: Path) -> None:
    result = run("--validate", DATASET, without_qt=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{DATASET}: ok")


def test_an_id_with_terminal_escapes_is_printed_escaped(tmp_path: Path) -> None:
    data = json.loads(DATASET.read_text(encoding="utf-8"))
    data["events"][0]["actors"] = ["\x1b[2J\x1b[31mgone"]
    path = tmp_path / "escapes.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = run("--validate", path)
    assert result.returncode == 1
    assert "\x1b" not in result.stdout  # the terminal is left alone
    assert "unknown actor id '\\x1b[2J\\x1b[31mgone'" in result.stdout


def _example_blocks() -> tuple[str, str]:
    """The complete example of events/README.md: its JSON and the text it quotes."""
    readme = (REPO / "events" / "README.md").read_text(encoding="utf-8")
    example = readme[readme.index("## A complete small example") :]
    data = example[example.index("```json\n") + 8 :]
    text = example[example.index("```text\n") + 8 :]
    return data[: data.index("```")], text[: text.index("```")]


def test_the_readme_example_is_a_valid_version_2_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from timeline_app.core.fileformat import load_timeline, timeline_to_text
    from timeline_app.core.fingerprints import text_hash

    data, text = _example_blocks()
    path = tmp_path / "example.json"
    path.write_text(data, encoding="utf-8")
    (tmp_path / "example-article.txt").write_text(text, encoding="utf-8")
    assert main(["--validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert out == f"{path}: ok (4 events, 0 warnings)\n"
    timeline = load_timeline(path)
    assert timeline.version == 2 and timeline.links and timeline.eras and timeline.review
    # every field of the example is one the app writes back: nothing is only decoration
    assert json.loads(timeline_to_text(timeline)) == json.loads(data)
    # its marks are the hashes of what they name
    ((mark,),) = timeline.review.values()
    assert mark.hash == text_hash(text[mark.offset : mark.offset + mark.length])
    quotes = {text_hash(q.text) for q in timeline.events[0].quotes}
    assert {m.hash for pair in timeline.events[0].dismissed for m in pair} == quotes


def test_the_bundled_dataset_weighs_its_evidence_in_the_report(tmp_path: Path) -> None:
    """Issue 17's dataset: valid with no warning (above), and its evidence report shows
    corroborated events and the contested troop number, with the Pentagon's contradiction,
    and the events resting on one source."""
    out = tmp_path / "report.json"
    result = run(DATASET, "--report", out)
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    support = {e["id"]: e["support"] for e in report["events"]}
    assert support["korean-war-ends"] == "corroborated"  # the article and Wikipedia
    assert support["north-korean-troops-move-into-kursk"] == "corroborated"
    assert support["us-estimates-north-korean-troops"] == "contested"
    troops = next(e for e in report["events"] if e["id"] == "us-estimates-north-korean-troops")
    (dod,) = [q for q in troops["quotes"] if q["source"] == "dod-news-2024-11-18"]
    assert (dod["stance"], dod["grade"]) == (
        "contradicts",
        "B2 — usually reliable, probably true",
    )
    (c,) = report["contradictions"]  # set beside the US's 10,000 soldiers of 30 October
    assert (c["event"], c["against_published"], c["quote_published"]) == (
        "us-estimates-north-korean-troops", "2024-10-30", "2024-11-18"
    )  # fmt: skip
    assert "around 10,000 soldiers" in troops["quotes"][c["against"]]["text"]
    assert set(support.values()) == {"corroborated", "contested", "single"}
    assert "choe-lavrov-meeting" in report["summary"]["single_source_events"]
    assert len(report["sources"]) == 5


def test_validate_warns_for_a_source_link_that_is_never_published(
    dataset_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(dataset_copy.read_text(encoding="utf-8"))
    data["sources"][1]["url"] = "javascript:alert(1)"
    data["sources"][2]["archive_url"] = "file:///home/me/copy.html"
    dataset_copy.write_text(json.dumps(data), encoding="utf-8")
    assert main(["--validate", str(dataset_copy)]) == 0  # a warning, not an error
    out = capsys.readouterr().out
    first, second = data["sources"][1]["id"], data["sources"][2]["id"]
    assert (
        f"warning: sources[1] ({first}).url: the link is never made clickable nor published: "
        "only http:// and https:// links are accepted"
    ) in out
    assert f"warning: sources[2] ({second}).archive_url: the archive link is never" in out
