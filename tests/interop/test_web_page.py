"""The published web page, from the Python side: the data it embeds, its escaping, its
Content-Security-Policy, what it leaves out by default and its reproducibility."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from paths import DATASET, EVENTS

from timeline_app.core.dates import parse_iso
from timeline_app.core.fileformat import load_timeline
from timeline_app.core.model import Actor, Event, Quote, Source, Timeline, replace
from timeline_app.interop.web import (
    csp_hash,
    folder_texts,
    json_for_script,
    page_data,
    page_html,
    publication_date,
    write_web_page,
)

HOSTILE = "</script><script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def bundled() -> Timeline:
    return load_timeline(DATASET)


def hostile_timeline() -> Timeline:
    source = Source(
        "s",
        f"Paper {IMG}",
        url="javascript:alert(1)",
        notes="secret source note",
        reliability_reason="my private reason for the grade",
        text_file="s.txt",
        extra={"private": "unknown field"},
    )
    actors = [Actor("a", f"Actor {IMG}", color="red; background:url(x)"), Actor("b", "B")]
    events = [
        Event(
            "e1",
            HOSTILE,
            parse_iso("2024-01-02"),
            actors=("a",),
            notes="analyst note",
            quotes=(Quote("s", f"said {HOSTILE}\u2028{IMG}", note="quote note"),),
            extra={"secret": 1},
        ),
        Event("e2", IMG, parse_iso("2024-03"), actors=("b",), summary="a & b > c"),
    ]
    return Timeline(f"Title {HOSTILE}", [source], actors, events)


def embedded(html: str) -> str:
    found = re.search(
        r'<script type="application/json" id="timeline-data">(.*?)</script>', html, re.S
    )
    assert found is not None
    return found.group(1)


def test_a_hostile_title_stays_text_in_the_json_and_the_page() -> None:
    t = hostile_timeline()
    html = page_html(page_data(t, t.events, file_name="x.json", date="2025-01-01"))
    data_text = embedded(html)
    for raw in ("<", ">", "&", "\u2028", "\u2029"):
        assert raw not in data_text
    assert json.loads(data_text)["events"][0]["title"] == HOSTILE  # the same words back
    # only the page's own two scripts and its data: nothing the data brought
    assert html.count("<script") == 2
    assert "<img" not in html
    assert "<title>Title &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>" in html


def test_json_for_script_escapes_what_could_end_the_element() -> None:
    text = json_for_script({"t": "</script><!-- & \u2028\u2029 >"})
    assert text == ('{"t":"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028\\u2029 \\u003e"}')
    assert json.loads(text) == {"t": "</script><!-- & \u2028\u2029 >"}


def test_the_csp_names_the_hashes_of_exactly_the_inline_script_and_style(
    bundled: Timeline,
) -> None:
    html = page_html(page_data(bundled, bundled.events, file_name="x.json", date="2025-01-01"))
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html)
    assert csp is not None
    script = re.search(r"<script>(.*?)</script>", html, re.S)
    style = re.search(r"<style>(.*?)</style>", html, re.S)
    assert script is not None and style is not None
    assert csp.group(1) == (
        f"default-src 'none'; script-src '{csp_hash(script.group(1))}'; "
        f"style-src '{csp_hash(style.group(1))}'; img-src data:; base-uri 'none'; "
        "form-action 'none'"
    )
    assert html.count("<style") == 1 and " style=" not in html  # no other inline style


def test_defaults_leave_out_notes_unknown_fields_and_texts() -> None:
    t = hostile_timeline()
    data = page_data(
        t,
        t.events,
        file_name="/secret/folder/x.json",
        date="2025-01-01",
        text_of=lambda _s: "THE FULL TEXT",
    )
    text = json.dumps(data)
    for private in ("analyst note", "quote note", "secret source note", "unknown field",
                    "my private reason",
                    "secret", "THE FULL TEXT", "/secret/folder"):  # fmt: skip
        assert private not in text, private
    assert data["file"] == "x.json" and data["included"] == []
    # colours reach the page only as #rrggbb; links only as http(s)
    assert data["actors"][0]["color"] == "#808080"
    assert data["sources"][0]["url"] == ""


def test_include_adds_notes_unknown_fields_and_texts() -> None:
    t = hostile_timeline()
    data = page_data(
        t,
        t.events,
        file_name="x.json",
        date="2025-01-01",
        include={"notes", "texts"},
        text_of=lambda _s: "THE FULL TEXT",
    )
    first = data["events"][0]
    assert first["notes"] == "analyst note" and first["extra"] == {"secret": 1}
    assert first["quotes"][0]["note"] == "quote note"
    assert data["sources"][0]["text"] == "THE FULL TEXT"
    assert data["sources"][0]["notes"] == "secret source note"
    assert data["sources"][0]["grade_reason"] == "my private reason for the grade"
    assert data["included"] == ["notes", "texts"]
    with pytest.raises(ValueError):
        page_data(t, t.events, file_name="x.json", include={"everything"})


def test_the_bundled_dataset_carries_what_the_app_computes(bundled: Timeline) -> None:
    data = page_data(
        bundled,
        bundled.events,
        file_name="north-korean-troops.json",
        date="2025-01-01",
        text_of=folder_texts(bundled, EVENTS),
        include={"texts"},
    )
    assert [e["title"] for e in data["events"]] == [
        e.title for e in sorted(bundled.events, key=Event.sort_key)
    ]
    assert data["scale"]["breaks"], "empty time between 1953 and 2024 is compressed"
    first = data["events"][0]
    assert first["date"] == "1953" and first["iso"] == "1953" and first["precision"] == "year"
    assert {e["support"] for e in data["events"]} >= {"corroborated", "single"}
    assert any(e.get("links") for e in data["events"])
    assert any(
        k.get("inferred") == "analyst's inference"
        for e in data["events"]
        for k in e.get("links", [])
    )
    assert all(re.fullmatch("#[0-9a-f]{6}", a["color"]) for a in data["actors"])
    assert any(s.get("text") for s in data["sources"])
    assert data["legend"] and data["eras"] is not None
    # the app's legend: each event's first actor's colour, or in lanes every actor's
    in_lanes = [e["label"] for e in data["legend_lanes"] if e["kind"] == "actor"]
    assert in_lanes == [
        a.name for a in bundled.actors if any(a.id in e.actors for e in bundled.events)
    ]
    assert len([e for e in data["legend"] if e["kind"] == "actor"]) < len(in_lanes)


def test_publication_date_comes_from_source_date_epoch() -> None:
    assert publication_date({"SOURCE_DATE_EPOCH": "1700000000"}) == "2023-11-14"
    with pytest.raises(ValueError):
        publication_date({"SOURCE_DATE_EPOCH": "soon"})


def test_the_same_input_gives_the_same_bytes_with_source_date_epoch(
    bundled: Timeline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    write_web_page(a, bundled, bundled.events, file_name=DATASET.name)
    shuffled = list(reversed(bundled.events))
    write_web_page(b, replace(bundled, events=shuffled), shuffled, file_name=DATASET.name)
    assert a.read_bytes() == b.read_bytes()
    assert '"date":"2023-11-14"' in a.read_text()


def test_every_event_says_where_its_date_comes_from(bundled: Timeline) -> None:
    data = page_data(bundled, bundled.events, file_name="x.json", date="2025-01-01")
    by_id = {e["id"]: e for e in data["events"]}
    mine = by_id["russia-invades-ukraine"]  # the analyst's date, not the quoted source's
    assert mine["date_basis"] == "elsewhere"
    assert mine["basis_words"] == "date established elsewhere by the analyst"  # no notes
    assert by_id["korean-war-ends"]["date_basis"] == "source"
    assert by_id["korean-war-ends"]["basis_words"] == "date as the quoted source gives it"
    with_notes = page_data(
        bundled, bundled.events, file_name="x.json", date="2025-01-01", include={"notes"}
    )
    assert {e["id"]: e for e in with_notes["events"]}["russia-invades-ukraine"][
        "basis_words"
    ] == "date established elsewhere: see the notes"
