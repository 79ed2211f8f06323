"""``timeline-app FILE --export OUT``, run through the installed entry point: the format
from OUT's name, the filters, exit codes, messages on stderr, and OUT never being the
timeline itself or one of its source texts."""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from cli_run import cli
from paths import DATASET, TIMELINEJS_SAMPLES

from timeline_app.core.fileformat import load_timeline

EVENTS = load_timeline(DATASET).events


def rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def test_csv_and_timelinejs_are_written_from_the_filtered_events_without_qt(
    tmp_path: Path,
) -> None:
    ukraine = [e for e in EVENTS if "ukraine" in e.actors and e.start.year >= 2024]
    assert ukraine
    for name in ("events.csv", "events.timelinejs.json"):
        out = tmp_path / name
        result = cli(DATASET, "--export", out, "--actor", "Ukraine", "--from", "2024",
                     without_qt=True)  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert result.stdout == ""  # data goes to OUT, messages to stderr
        assert result.stderr.startswith(f"timeline-app: wrote {out} ({len(ukraine)} events)")
    # what TimelineJS cannot hold is said (the rest, status and every actor, is in the slides)
    assert "; not in the TimelineJS JSON: the notes of" in result.stderr
    assert [r["id"] for r in rows(tmp_path / "events.csv")] == [e.id for e in ukraine]
    slides = json.loads((tmp_path / "events.timelinejs.json").read_text(encoding="utf-8"))
    assert len(slides["events"]) == len(ukraine)


def test_format_overrides_the_name(tmp_path: Path) -> None:
    out = tmp_path / "for-the-spreadsheet.txt"
    assert cli(DATASET, "--export", out, "--format", "csv", without_qt=True).returncode == 0
    assert len(rows(out)) == len(EVENTS)


def test_images_are_painted_at_the_width_asked(tmp_path: Path) -> None:
    config = tmp_path / "config"
    env = dict(os.environ, XDG_CONFIG_HOME=str(config), HOME=str(tmp_path))
    for name in ("view.png", "view.svg", "view.pdf"):
        out = tmp_path / name
        result = cli(DATASET, "--export", out, "--actor", "Ukraine", "--width", "1000", env=env)
        assert result.returncode == 0, result.stderr
        assert out.stat().st_size > 1000
    assert not config.exists()  # an export remembers nothing (no filter saved for FILE)
    box = ET.parse(tmp_path / "view.svg").getroot().get("viewBox", "")
    width, height = (int(v) for v in box.split()[2:])
    assert width == 1000 and 240 <= height < 500  # as tall as Ukraine's 4 events need
    assert (tmp_path / "view.pdf").read_bytes().startswith(b"%PDF")
    header = (tmp_path / "view.png").read_bytes()[16:24]  # the PNG header's width and height
    assert header == width.to_bytes(4, "big") + height.to_bytes(4, "big")


def test_an_svg_of_a_title_with_control_characters_is_valid_xml(
    tmp_path: Path, dataset_copy: Path
) -> None:
    data = json.loads(dataset_copy.read_text(encoding="utf-8"))
    data["title"] = "Before\x00after\x01 \x1b[2J\ufffe"
    dataset_copy.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "title.svg"
    result = cli(dataset_copy, "--export", out)
    assert result.returncode == 0, result.stderr
    root = ET.parse(out).getroot()  # raises on a character XML cannot hold
    title = root.find("{http://www.w3.org/2000/svg}title")
    assert title is not None and title.text == "Before\\x00after\\x01 \\x1b[2J\\ufffe"


def test_a_filter_that_matches_nothing_writes_nothing_and_exits_1(tmp_path: Path) -> None:
    out = tmp_path / "nothing.png"
    result = cli(DATASET, "--export", out, "--search", "no such words anywhere")
    assert result.returncode == 1
    assert "no events match “no such words anywhere”: nothing written" in result.stderr
    assert not out.exists()


def test_an_unknown_actor_is_bad_usage_said_escaped(tmp_path: Path) -> None:
    result = cli(DATASET, "--export", tmp_path / "x.csv", "--actor", "\x1b[2JAtlantis",
                 without_qt=True)  # fmt: skip
    assert result.returncode == 2
    assert "no actor named '\\x1b[2JAtlantis'" in result.stderr
    assert "\x1b" not in result.stderr


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_out_is_never_the_timeline_or_one_of_its_texts(dataset_copy: Path) -> None:
    folder = dataset_copy.parent
    text = folder / load_timeline(dataset_copy).sources[0].text_file
    before = {p: p.read_bytes() for p in (dataset_copy, text)}
    (folder / "link.png").symlink_to(dataset_copy)
    (folder / "text.svg").symlink_to(text)
    for out, said in (
        (folder / "link.png", "is the timeline file itself"),
        (folder / "text.svg", "is the text of the source"),
        (folder / "sub" / ".." / dataset_copy.name, "is the timeline file itself"),
    ):
        (folder / "sub").mkdir(exist_ok=True)
        result = cli(dataset_copy, "--export", out, "--format", "png")
        assert result.returncode == 1 and said in result.stderr, result.stderr
    assert {p: p.read_bytes() for p in before} == before


def test_any_other_existing_out_is_replaced(tmp_path: Path) -> None:
    out = tmp_path / "old.csv"
    out.write_text("an old export", encoding="utf-8")
    assert cli(DATASET, "--export", out, without_qt=True).returncode == 0
    assert len(rows(out)) == len(EVENTS)


def test_a_folder_that_is_not_there_is_said_without_a_traceback(tmp_path: Path) -> None:
    for name in ("out.pdf", "out.png", "out.csv"):
        result = cli(DATASET, "--export", tmp_path / "missing" / name)
        assert result.returncode == 1
        assert "not written: No such file or directory" in result.stderr
        assert "Traceback" not in result.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 and Wayland")
def test_no_display_is_said_plainly(tmp_path: Path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    result = cli(DATASET, env=env)
    assert result.returncode == 1
    assert "no display found" in result.stderr and "--export" in result.stderr
    assert "xcb" not in result.stderr  # not Qt's misleading plugin message


def test_a_csv_export_says_the_links_and_eras_it_leaves_out(tmp_path: Path) -> None:
    result = cli(DATASET, "--export", tmp_path / "events.csv")
    assert result.returncode == 0, result.stderr
    assert (
        "(15 events); not in the CSV spreadsheet: 5 links and 3 eras"
        in result.stdout + result.stderr
    )
    picked = cli(DATASET, "--export", tmp_path / "one.csv", "--search", "Choe Son Hui")
    assert "not in the CSV spreadsheet: 3 eras" in picked.stdout + picked.stderr  # no link of it


ERAS_TJS = TIMELINEJS_SAMPLES / "template_eras.json"  # 20 slides, 3 eras


def test_a_timelinejs_file_is_imported_on_the_fly_and_exported(tmp_path: Path) -> None:
    """As File ▸ Import reads it: said on stderr with what the import does not keep; the
    TimelineJS file itself is left as it was."""
    before = ERAS_TJS.read_bytes()
    from timeline_app.interop.timelinejs import read_timelinejs

    imported = read_timelinejs(ERAS_TJS).timeline
    assert imported is not None
    png, table = tmp_path / "eras.png", tmp_path / "eras.csv"
    result = cli(ERAS_TJS, "--export", png, "--width", "900")
    assert result.returncode == 0, result.stderr
    said = result.stderr.splitlines()
    assert said[0] == (
        f"timeline-app: {ERAS_TJS} is a TimelineJS file: imported 20 events and 3 eras"
    )
    assert f"timeline-app: {ERAS_TJS}: note: slides 1–5, 7–20: media" in result.stderr
    assert said[-1] == f"timeline-app: wrote {png} (20 events)"
    assert (png.read_bytes()[16:20]) == (900).to_bytes(4, "big")  # its width
    result = cli(ERAS_TJS, "--export", table, "--search", "Battle", without_qt=True)
    assert result.returncode == 0, result.stderr
    assert "is a TimelineJS file: imported 20 events and 3 eras" in result.stderr
    battles = [e.id for e in imported.events if "Battle" in e.title]
    assert len(battles) > 1 and [r["id"] for r in rows(table)] == battles
    assert rows(table)[0]["title"].startswith("Battle")
    assert ERAS_TJS.read_bytes() == before


def test_a_timelinejs_file_is_never_exported_over_itself(tmp_path: Path) -> None:
    tjs = tmp_path / "eras.json"
    tjs.write_bytes(ERAS_TJS.read_bytes())
    result = cli(tjs, "--export", tjs, "--format", "timelinejs", without_qt=True)
    assert result.returncode == 1
    assert f"not written: {tjs} is the TimelineJS file itself" in result.stderr
    assert tjs.read_bytes() == ERAS_TJS.read_bytes()


def test_a_timelinejs_file_that_does_not_import_is_said_and_nothing_written(
    tmp_path: Path,
) -> None:
    cosmo = TIMELINEJS_SAMPLES / "template_cosmo.json"  # years in the billions BCE
    out = tmp_path / "cosmo.csv"
    result = cli(cosmo, "--export", out, without_qt=True)
    assert result.returncode == 1 and not out.exists()
    assert f"{cosmo} is a TimelineJS file that could not be imported" in result.stderr
    assert "no event could be imported: all 7 slides have years" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_web_page_is_written_from_the_filtered_events_without_qt(tmp_path: Path) -> None:
    out = tmp_path / "korea.html"
    korea = [e for e in EVENTS if "north-korea" in e.actors]
    result = cli(DATASET, "--export", out, "--actor", "North Korea", without_qt=True)
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith(f"timeline-app: wrote {out} ({len(korea)} events)")
    assert "not in the web page: analyst's notes and source texts" in result.stderr
    page = out.read_text(encoding="utf-8")
    assert page.count('"title":') >= len(korea)
    assert str(DATASET.parent) not in page  # the file's name, never its folder
    assert '"file":"north-korean-troops.json"' in page
    assert '"text":"' not in page.split('"sources":')[1].split('"eras":')[0]  # no texts
    result = cli(DATASET, "--export", out, "--include", "notes,texts", without_qt=True)
    assert result.returncode == 0, result.stderr
    assert '"included":["notes","texts"]' in out.read_text(encoding="utf-8")


def test_include_goes_with_a_web_page_only(tmp_path: Path) -> None:
    result = cli(DATASET, "--export", tmp_path / "x.csv", "--include", "notes", without_qt=True)
    assert result.returncode == 2 and "--include is for a web page" in result.stderr
    result = cli(DATASET, "--export", tmp_path / "x.html", "--include", "all", without_qt=True)
    assert result.returncode == 2 and "give notes, texts or notes,texts" in result.stderr


def test_a_web_page_says_it_left_out_a_source_link_that_is_not_http(tmp_path: Path) -> None:
    data = json.loads(DATASET.read_text(encoding="utf-8"))
    quoted = data["events"][0]["quotes"][0]["source"]
    source = next(s for s in data["sources"] if s["id"] == quoted)
    source["url"] = "javascript:alert(1)"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "bad.html"
    result = cli(bad, "--export", out, without_qt=True)
    assert result.returncode == 0, result.stderr
    assert "analyst's notes, source texts and 1 source link not http(s)" in result.stderr
    assert "javascript:" not in out.read_text(encoding="utf-8")
