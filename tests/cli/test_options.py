"""One mode per call, and only the options that mode takes: anything else is bad usage,
said on stderr with exit 2, before any file is read or written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_run import cli
from paths import DATASET, TIMELINEJS_SAMPLES, copy_dataset

from timeline_app.cli.main import main
from timeline_app.cli.options import build_parser, options_from
from timeline_app.core.dates import parse_date


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--validate", "--export", "x.png", "F"], "not allowed with argument"),
        (["--smoke", "--export", "x.png"], "not allowed with argument"),
        (["--validate", "F", "--actor", "Russia"], "no filters"),
        (["--validate", "F", "--width", "800"], "no filters, no --width"),
        (["--validate", "F", "--format", "xml"], "text or json"),
        (["--validate"], "at least one FILE"),
        (["F", "G", "--export", "x.png"], "one FILE at a time"),
        (["F", "--export", "x.json"], "could be a timeline"),
        (["F", "--export", "x.gif"], ".png, .svg, .pdf, .csv, .timelinejs.json"),
        (["F", "--export", "x.png", "--format", "gif"], "png, svg, pdf, csv, timelinejs"),
        (["F", "--export", "x.csv", "--width", "800"], "--width is for images"),
        (["F", "--export", "x.png", "--width", "99999999999999999999"], "between 100 and"),
        (["F", "--export", "x.png", "--width", "wide"], "not a whole number"),
        (["F", "--export", "x.png", "--from", "2030", "--to", "2020"], "is before --from"),
        (["F", "--from", "soon"], "no four-digit year"),
        (["F", "--format", "csv"], "go with --export"),
    ],
)
def test_bad_usage_is_said_with_exit_2(
    args: list[str], said: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(args) == 2
    err = capsys.readouterr().err
    assert said in err and "usage:" in err
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_every_date_form_of_the_event_form_is_taken() -> None:
    for text in ("27 July 1953", "Nov 2024", "2016", "1980s", "the 1980s", "2024-11-01"):
        args = build_parser().parse_args([str(DATASET), "--from", text])
        assert options_from(args).date_from == parse_date(text)


def test_the_format_comes_from_the_name_or_from_format() -> None:
    def fmt(*args: str) -> str:
        return options_from(build_parser().parse_args(args)).export_format.name

    assert fmt("F", "--export", "OUT.PNG") == "png"
    assert fmt("F", "--export", "a.timelinejs.json") == "timelinejs"
    assert fmt("F", "--export", "a.json", "--format", "timelinejs") == "timelinejs"
    assert fmt("F", "--export", "a.txt", "--format", "CSV") == "csv"


def test_the_entry_point_says_bad_usage_on_stderr_only() -> None:
    result = cli(DATASET, "--export", "out.json")
    assert result.returncode == 2 and result.stdout == ""
    assert "timeline-app: error: --export out.json: a .json file could be a timeline" in (
        result.stderr
    )


def test_smoke_shows_what_the_filters_ask_for(tmp_path: Path) -> None:
    import os

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path))
    events = json.loads(DATASET.read_text(encoding="utf-8"))["events"]
    naming_russia = sum("russia" in e["actors"] for e in events)
    assert 0 < naming_russia < len(events)  # the filter leaves some out
    russia = cli(DATASET, "--smoke", "--actor", "Russia", env=env)
    assert russia.returncode == 0, russia.stderr
    assert russia.stdout.startswith(f"smoke: {naming_russia} events shown")
    nobody = cli(DATASET, "--smoke", "--actor", "Nobody", env=env)
    assert nobody.returncode == 2 and "no actor named 'Nobody'" in nobody.stderr


def test_smoke_opens_as_a_start_does_and_says_what_it_could_not_answer(tmp_path: Path) -> None:
    """No question waits for an answer: a broken file's problems go to stderr (exit 1);
    a file over the progress threshold takes the threaded way in, and is shown."""
    import os

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path))
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "timeline-app", "version": 1, "events": [{"id": "a"}]}')
    result = cli(broken, "--smoke", env=env)
    assert result.returncode == 1 and result.stdout == ""
    assert "Could not open the timeline" in result.stderr
    assert "events[0] (a).start: is required" in result.stderr
    big = tmp_path / "big.json"
    data = json.loads(DATASET.read_text(encoding="utf-8"))
    data["title"] = "x" * (11 * 1024 * 1024)  # over 10 MB
    big.write_text(json.dumps(data), encoding="utf-8")
    copy_dataset(tmp_path)  # the texts it quotes, beside it
    shown = cli(big, "--smoke", env=env)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith(f"smoke: {len(data['events'])} events shown (events)")


def test_smoke_imports_a_timelinejs_file_and_says_so(tmp_path: Path) -> None:
    import os

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path))
    eras = TIMELINEJS_SAMPLES / "template_eras.json"
    result = cli(eras, "--smoke", env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("smoke: 20 events shown")
    assert (
        "timeline-app: Imported 20 events and 3 eras from the TimelineJS file "
        "“template_eras.json”, not saved yet; not kept: "
    ) in result.stderr
