"""``timeline-app [FILE] --extract TEXT [--published DATE] [--format text|json]``: the
events a text proposes, through the installed entry point, without Qt."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from cli_run import cli
from paths import ARTICLE, copy_dataset

from timeline_app.cli.main import main


def test_text_lines_give_date_precision_status_quote_and_actors() -> None:
    result = cli("--extract", ARTICLE, "--published", "2024-11", without_qt=True)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("needs a date [reported] “After meeting with her Russian")
    assert "the 1980s (decade) [reported] “The North Korean-trained Zimbabwean" in lines[1]
    assert lines[2].startswith("2016 (year) [alleged] “North Korean forces also allegedly")
    assert lines[3].startswith("1953 (year) [reported] “While North Korea")
    assert (
        "4 proposed events, 1 without a day (the publication date gives only the month)"
        in result.stderr
    )


def test_without_a_publication_date_a_relative_day_asks_for_one(tmp_path: Path) -> None:
    text = tmp_path / "note.txt"
    text.write_text("Troops crossed the border on Friday, officials said.\n", encoding="utf-8")
    result = cli("--extract", text, without_qt=True)
    assert result.returncode == 0, result.stderr
    assert "1 proposed event, 1 without a date (give --published)" in result.stderr


def test_json_with_a_timeline_knows_its_actors_and_quotes(tmp_path: Path) -> None:
    timeline = copy_dataset(tmp_path)
    text = tmp_path / ARTICLE.name
    result = cli(timeline, "--extract", text, "--published", "4 Nov 2024", "--json",
                 without_qt=True)  # fmt: skip
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert set(found[0]) >= {"quote", "offset", "start", "end", "precision", "actors",
                             "status", "title", "needs_date", "note", "known"}  # fmt: skip
    choe = found[0]
    assert (choe["start"], choe["precision"], choe["needs_date"]) == ("2024-11-01", "day", False)
    assert choe["note"] == "“on Friday”, counted back from 4 November 2024"
    assert {"Choe Son Hui", "Sergey Lavrov"} <= set(choe["actors"])
    assert choe["known"]  # the bundled events quote it: marked, not dropped
    article = text.read_text(encoding="utf-8")
    for p in found:
        assert article[p["offset"] : p["offset"] + len(p["quote"])] == p["quote"]
    same = cli(timeline, "--extract", text, "--published", "4 Nov 2024", "--format", "json")
    assert json.loads(same.stdout) == found


def test_an_html_page_is_read_as_its_text(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><script>var d = 'on 1 May 2020';</script></head><body>"
        "<h1>Armistice</h1><p>The armistice was signed on 27&nbsp;July 1953 at Panmunjom."
        "</p><p>China signed a peace treaty with South Korea in 1992.</p></body></html>",
        encoding="utf-8",
    )
    result = cli("--extract", page, "--json", without_qt=True)
    assert result.returncode == 0, result.stderr
    assert [(p["start"], p["title"]) for p in json.loads(result.stdout)] == [
        ("1953-07-27", "The armistice was signed on 27 July 1953 at Panmunjom"),
        ("1992", "China signed a peace treaty with South Korea in 1992"),
    ]


def test_a_text_that_is_not_english_gets_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "de.txt"
    text.write_text(
        "Die Truppen Nordkoreas sind im Oktober 2024 nach Russland gekommen und werden dort "
        "ausgebildet. Sie sollen bald an der Front eingesetzt werden, sagte ein Sprecher.",
        encoding="utf-8",
    )
    assert main(["--extract", str(text)]) == 1
    assert "does not read as English" in capsys.readouterr().err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused_not_waited_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert main(["--extract", str(fifo)]) == 1
    assert "named pipe" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--extract", "T", "--format", "csv"], "text or json"),
        (["--extract", "T", "--actor", "Russia"], "no filters"),
        (["--extract", "T", "--format", "text", "--json"], "disagree"),
        (["F", "--export", "x.png", "--json"], "--json goes with"),
        (["F", "--published", "2024"], "--published goes with --extract"),
        (["--extract", "T", "--published", "someday"], "no four-digit year"),
    ],
)
def test_bad_usage(args: list[str], said: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(args) == 2
    assert said in capsys.readouterr().err
