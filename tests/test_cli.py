from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from paths import DATASET, REPO

from timeline_app import __version__
from timeline_app.cli import main


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "timeline_app", *args],
        capture_output=True, text=True, cwd=REPO, timeout=60,
    )  # fmt: skip


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


def test_validate_recognises_a_timelinejs_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tjs = tmp_path / "tjs.json"
    tjs.write_text(
        json.dumps({"events": [{"start_date": {"year": "2016"}, "text": {"headline": "x"}}]}),
        encoding="utf-8",
    )
    assert main(["--validate", str(tjs)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [f"{tjs}: this is a TimelineJS file, not a timeline-app file: open it with "
                   "File ▸ Import from TimelineJS"]  # fmt: skip
