"""The evidence report: its content (each event's support, quotes and graded sources; the
summary), its three formats, every string from the file escaped, and the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from timeline_app.core.dates import parse_iso
from timeline_app.core.evidence_report import REPORT_FORMAT, report_data
from timeline_app.core.fileformat import save_timeline
from timeline_app.core.model import Event, Quote, Source, Stance, Timeline
from timeline_app.interop.evidence_report import CSP, report_format, report_text

HOSTILE = "<script>alert(1)</script> *bold* | [link](javascript:x)"
SOURCES = [
    Source("wire", "Wire story", publication="Example Wire", reliability="B"),
    Source("paper", HOSTILE, publication="The Paper", reliability="C"),
    Source("copy", "A copy", derived_from=("wire",)),
]
EVENTS = [
    Event("both", "Two outlets agree", parse_iso("2024-10"),
          quotes=(Quote("wire", "It happened.", credibility=2), Quote("paper", "It did."))),
    Event("copied", HOSTILE, parse_iso("2024-11-01"),
          quotes=(Quote("wire", "Once."), Quote("copy", "Once, again."))),
    Event("disputed", "Disputed", parse_iso("2024-11"),
          quotes=(Quote("wire", "Yes."),
                  Quote("paper", "No.", stance=Stance.CONTRADICTS, note=HOSTILE))),
    Event("bare", "Bare", parse_iso("2024")),
]  # fmt: skip
TIMELINE = Timeline(HOSTILE, sources=SOURCES, events=EVENTS)


def data() -> dict[str, object]:
    return report_data(TIMELINE, EVENTS, lambda source_id: source_id != "copy")


def test_the_report_says_each_events_support_and_sums_them_up() -> None:
    report = data()
    assert report["format"] == REPORT_FORMAT and report["version"] == 1
    events = {e["id"]: e for e in report["events"]}  # type: ignore[attr-defined]
    assert {i: e["support"] for i, e in events.items()} == {
        "both": "corroborated", "copied": "single", "disputed": "contested", "bare": "unsourced",
    }  # fmt: skip
    assert events["both"]["quotes"][0] == {
        "source": "wire", "credibility": 2, "stance": "supports",
        "grade": "B2 — usually reliable, probably true", "text": "It happened.", "note": "",
        "verified": True,
    }  # fmt: skip
    assert events["copied"]["quotes"][1]["verified"] is False  # no text for "copy"
    summary = report["summary"]
    assert summary == {  # type: ignore[comparison-overlap]
        "events": 4,
        "support": {"corroborated": 1, "single": 1, "contested": 1, "unsourced": 1},
        "single_source_events": ["copied"],
        "contradictions": 1,
    }
    # sources ranked by the events they support, then by those resting on them alone
    ranked = [(s["id"], s["events_supported"], s["events_resting_on_it_alone"])
              for s in report["sources"]]  # type: ignore[attr-defined]  # fmt: skip
    assert ranked == [("wire", 3, 1), ("copy", 1, 1), ("paper", 1, 0)]


def test_each_contradiction_is_set_beside_the_quote_it_disagrees_with() -> None:
    (c,) = data()["contradictions"]  # type: ignore[misc]
    assert c == {
        "event": "disputed", "quote": 1, "against": 0, "note": HOSTILE,
        "quote_published": None, "against_published": None,
    }  # fmt: skip
    md = report_text(data(), "md")
    section = md.split("## Contradictions\n\n")[1].split("\n\n")[0]
    assert section.startswith("- Disputed: “Yes.” (Wire story) against “No.” (&lt;script&gt;")
    page = report_text(data(), "html")
    table = page.split("<h2>Contradictions</h2>")[1].split("</table>")[0]
    assert '<a href="#event-disputed">Disputed</a>' in table and "<script>" not in table
    assert '<td class="contested">“No.”<br>&lt;script&gt;alert(1)' in table
    sources = [
        Source("wire", "Wire", published=parse_iso("2024-10-30")),
        Source("paper", "Paper", published=parse_iso("2024-11-18")),
    ]
    dated = Timeline("t", sources=sources, events=[EVENTS[2]])
    md = report_text(report_data(dated, dated.events, lambda _: True), "md")
    assert "“Yes.” (Wire, 30 October 2024) against “No.” (Paper, 18 November 2024)." in md


def test_json_is_the_reports_data() -> None:
    assert json.loads(report_text(data(), "json")) == data()


def test_markdown_shows_every_string_as_text() -> None:
    md = report_text(data(), "md")
    assert "<script>" not in md and "&lt;script&gt;" in md
    # (brackets escaped: no link can form, so parentheses stay as they are)
    assert "\\*bold\\*" in md and "\\| \\[link\\](javascript:x)" in md
    assert "### 1 November 2024: &lt;script&gt;" in md
    assert "⚠ contradicts: “No.”" in md and "(unverified: no source text)" in md
    assert md.splitlines()[0].startswith("# Evidence report: &lt;script&gt;")


def test_both_readable_formats_say_the_summary_the_sources_and_the_filter() -> None:
    """The summary in words (one contradiction, not "1 contradictions"), each source's
    reason and what it derives from, the events resting on one source and a grade that
    contradicts that, and the filter that picked the events."""
    flagged = [
        *EVENTS,
        Event("lonely", "Lonely", parse_iso("2024-12"),
              quotes=(Quote("wire", "Alone.", credibility=1),)),
    ]  # fmt: skip
    timeline = Timeline("T", sources=SOURCES, events=flagged)
    data = report_data(timeline, flagged[1:], lambda _: True, filtered="'Once'")
    assert data["filter"] == {"words": "'Once'", "of": 5}
    md, page = report_text(data, "md"), report_text(data, "html")
    assert "4 events: 0 corroborated, 2 on a single source, 1 contested, 1 with no source; " in md
    assert "1 contradiction recorded." in md and "1 contradiction recorded." in page
    assert "Filtered: 'Once' (4 of 5 events)." in md
    assert "<p><b>Filtered: &#x27;Once&#x27; (4 of 5 events).</b></p>" in page
    copy = "A copy | F — reliability cannot be judged |  |  | Wire story | 1 | 1 |"
    assert f"| {copy}" in md
    assert (
        "<td>A copy</td><td>F — reliability cannot be judged</td><td></td><td></td><td>Wire" in page
    )
    single = page.split("<h2>Events resting on a single source</h2>")[1].split("</ul>")[0]
    assert '<li><a href="#event-copied">&lt;script&gt;' in single and "#event-lonely" in single
    assert page.count("graded “confirmed by other sources” but resting on one source") == 1
    assert md.count("graded “confirmed by other sources” but resting on one source") == 1
    assert report_data(TIMELINE, EVENTS, lambda _: True)["filter"] is None


def test_html_escapes_every_string_and_runs_nothing() -> None:
    page = report_text(data(), "html")
    assert "<script>" not in page and page.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 4
    assert f'<meta http-equiv="Content-Security-Policy" content="{CSP}">' in page
    assert CSP == "default-src 'none'; style-src 'unsafe-inline'"
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "<title>Evidence report: &lt;script&gt;" in page
    assert 'id="event-disputed"' in page and '<b class="contested">Contradicts:</b>' in page


@pytest.mark.parametrize(
    ("name", "asked", "fmt"),
    [("r.md", None, "md"), ("r.HTML", None, "html"), ("r.json", None, "json"),
     ("r.txt", "markdown", "md"), ("r.md", "json", "json")],
)  # fmt: skip
def test_the_format_comes_from_the_name_or_is_asked_for(
    name: str, asked: str | None, fmt: str
) -> None:
    assert report_format(Path(name), asked) == fmt


def test_a_report_name_without_a_known_suffix_is_refused() -> None:
    with pytest.raises(ValueError, match=r"name it \.md, \.html or \.json"):
        report_format(Path("report.txt"))
    with pytest.raises(ValueError, match="not 'pdf'"):
        report_format(Path("report.md"), "pdf")


def test_the_command_line_writes_the_report_of_the_filtered_events(tmp_path: Path) -> None:
    from timeline_app.cli import main

    path = tmp_path / "t.json"
    save_timeline(TIMELINE, path)
    out = tmp_path / "report.json"
    assert main([str(path), "--report", str(out), "--search", "disputed"]) == 0
    written = json.loads(out.read_text(encoding="utf-8"))
    assert [e["id"] for e in written["events"]] == ["disputed"]
    assert written["filter"] == {"words": "“disputed”", "of": 4}  # the report says so
    assert main([str(path), "--report", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["filter"] is None
    assert main([str(path), "--report", str(tmp_path / "r.txt")]) == 2
    assert main([str(path), "--report", str(tmp_path / "r.md"), "--width", "900"]) == 2
    assert main([str(path), "--report", str(path)]) == 1  # never over the timeline itself
    assert json.loads(path.read_text(encoding="utf-8"))["title"] == HOSTILE


def test_the_evidence_filters_pick_the_reports_events(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from timeline_app.cli import main

    path = tmp_path / "t.json"
    save_timeline(TIMELINE, path)
    out = tmp_path / "report.json"

    def reported(*filters: str) -> list[str]:
        assert main([str(path), "--report", str(out), *filters]) == 0
        return [e["id"] for e in json.loads(out.read_text(encoding="utf-8"))["events"]]

    assert reported("--support", "contested", "--support", "unsourced") == ["bare", "disputed"]
    assert reported("--min-grade", "b") == ["both", "disputed", "copied"]
    assert reported("--source", "copy") == ["copied"]
    # no source here has a text file: nothing can be corroborated from the command line
    assert reported("--source", "Wire story", "--support", "single") == ["both", "copied"]
    capsys.readouterr()
    assert main([str(path), "--report", str(out), "--source", "nowhere"]) == 2
    assert "no source 'nowhere' (sources: wire, paper, copy)" in capsys.readouterr().err
    assert main([str(path), "--report", str(out), "--min-grade", "G"]) == 2
    assert main([str(path), "--report", str(out), "--support", "maybe"]) == 2
