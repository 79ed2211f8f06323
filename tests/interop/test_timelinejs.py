from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from paths import TIMELINEJS_SAMPLES

from timeline_app.core.dates import Precision, parse_iso
from timeline_app.core.fileformat import load_timeline, timeline_from_data, timeline_to_data
from timeline_app.core.model import (
    Actor,
    DateBasis,
    Event,
    Quote,
    Source,
    Status,
    Timeline,
    replace,
)
from timeline_app.interop.timelinejs import (
    TjsImport,
    from_timelinejs,
    read_timelinejs,
    to_timelinejs,
    write_timelinejs,
)
from timeline_app.interop.timelinejs.export import left_out

DATASET = Path(__file__).resolve().parents[2] / "events" / "north-korean-troops.json"
REAL = TIMELINEJS_SAMPLES
REAL_FILES = sorted(p.name for p in REAL.glob("*.json"))


@pytest.fixture(scope="module")
def bundled() -> Timeline:
    return load_timeline(DATASET)


def imported(result: TjsImport) -> Timeline:
    assert result.problems == [], result.problems
    assert result.timeline is not None
    # what an import returns is always a valid timeline file
    timeline_from_data(timeline_to_data(result.timeline))
    return result.timeline


def names(t: Timeline, actor_ids: tuple[str, ...]) -> list[str]:
    """The actors' names, in the event's order."""
    by_id = {a.id: a.name for a in t.actors}
    return [by_id[i] for i in actor_ids]


def real(name: str) -> TjsImport:
    return read_timelinejs(REAL / name)


# -- export ------------------------------------------------------------------------------


def test_the_bundled_dataset_survives_timelinejs_and_back(bundled: Timeline) -> None:
    data = json.loads(json.dumps(to_timelinejs(bundled, bundled.events)))  # as JSON text
    result = from_timelinejs(data)
    back = imported(result)
    assert back.title == bundled.title
    assert result.unmapped == [
        "the title slide: text not kept (this app's timelines have a title only)"
    ]
    in_file = json.loads(DATASET.read_text(encoding="utf-8"))["events"]
    assert len(back.events) == len(bundled.events) == len(in_file)

    def attribution(t: Timeline, source_id: str) -> tuple[object, ...]:
        source = t.source(source_id)
        assert source is not None
        return (source.author, source.title, source.published)

    # every source comes back once, known by its attribution (its id is made anew)
    assert len(back.sources) == len(bundled.sources)
    assert {attribution(back, s.id) for s in back.sources} == {
        attribution(bundled, s.id) for s in bundled.sources
    }
    for got, want in zip(back.events, bundled.events, strict=True):
        assert got.id == want.id
        assert got.title == want.title
        assert (got.start, got.end) == (want.start, want.end)  # precision included
        assert got.summary == want.summary
        assert [q.text for q in got.quotes] == [q.text for q in want.quotes]
        # each quote from its own source
        assert [attribution(back, q.source) for q in got.quotes] == [
            attribution(bundled, q.source) for q in want.quotes
        ]
        # every actor, the status, the tags and the date basis come back from the facts
        # the export puts in the slide's text (an allegation never reads as a fact)
        assert names(back, got.actors) == names(bundled, want.actors)
        assert (got.status, got.date_basis, got.tags) == (
            want.status,
            want.date_basis,
            want.tags,
        )
        assert got.notes == ""  # what TimelineJS cannot hold (said by left_out)
    assert any(e.status is not Status.REPORTED for e in back.events)
    coloured = replace(  # (the bundled actors take the palette's colours: one set here)
        bundled, actors=[replace(bundled.actors[0], color="#123456"), *bundled.actors[1:]]
    )
    assert left_out(coloured, bundled.events) == [
        f"the notes of {sum(1 for e in bundled.events if e.notes.strip())} events",
        "actor colours",
        # the Pentagon's "about 11,000" contradicts the estimates of 10,000, with a note
        "the stances and notes of 1 quote (each slide says its event's support)",
        "the source texts (the quotes are in)",
        "5 links",  # (TimelineJS has no links; its eras are written)
    ]
    brigade = back.event("fifth-brigade-zimbabwe")
    assert brigade is not None and brigade.start.precision is Precision.DECADE


def test_export_escapes_html_and_writes_dates_to_their_precision() -> None:
    t = Timeline(
        "Mine <b>bold</b> & co",
        sources=[
            Source("art", "An <i>article</i>", author="A. Writer", url="https://example.org/a"),
            Source("bad", "Bad link", url="javascript:alert(1)"),
        ],
        actors=[Actor("x", "X & <Y>"), Actor("z", "Z")],
    )
    event = Event(
        "img",
        "<img src=x>",
        parse_iso("2024-11-01"),
        end=parse_iso("2024-11-05"),
        actors=("x", "z"),
        summary="First <script>alert(1)</script>.\n\nSecond line one\nline two",
        quotes=(Quote("bad", "a 'passage' <here>"), Quote("art", "another")),
    )
    decade = Event("dec", "Decade", parse_iso("1980s"), end=parse_iso("1990s"))
    month = Event("month", "Month", parse_iso("2024-04"))
    data = to_timelinejs(t, [event, decade, month])

    assert data["title"]["text"]["headline"] == "Mine &lt;b&gt;bold&lt;/b&gt; &amp; co"
    assert data["title"]["text"]["text"] == (
        '<p>Sources: <a href="https://example.org/a">A. Writer, “An &lt;i&gt;article&lt;/i&gt;”'
        "</a>; “Bad link”</p>"
    )
    first, second, third = data["events"]
    assert first["text"]["headline"] == "&lt;img src=x&gt;"
    assert "<img" not in json.dumps(first)
    assert first["text"]["text"] == (
        '<p class="timeline-app-facts">Status: reported · Support: single source · '
        "Grades: F6, F6 · Actors: X &amp; &lt;Y&gt;, Z</p>"
        "<p>First &lt;script&gt;alert(1)&lt;/script&gt;.</p>"
        "<p>Second line one<br>line two</p>"
        "<blockquote><p>a 'passage' &lt;here&gt;</p><cite>“Bad link”</cite></blockquote>"
        "<blockquote><p>another</p><cite>A. Writer, “An &lt;i&gt;article&lt;/i&gt;”</cite>"
        "</blockquote>"
    )
    assert first["start_date"] == {"year": "2024", "month": "11", "day": "1"}
    assert first["end_date"] == {"year": "2024", "month": "11", "day": "5"}
    assert first["group"] == "X &amp; &lt;Y&gt;"
    assert first["unique_id"] == "img"
    # media only for an http(s) source URL, credited; never a javascript: link
    assert first["media"] == {
        "url": "https://example.org/a",
        "credit": "A. Writer, “An &lt;i&gt;article&lt;/i&gt;”",
    }
    assert "display_date" not in first
    assert second["start_date"] == {"year": "1980"}
    assert second["end_date"] == {"year": "1990"}
    assert second["display_date"] == "the 1980s – the 1990s"
    assert "media" not in second and "group" not in second
    assert third["start_date"] == {"year": "2024", "month": "4"}

    back = imported(from_timelinejs(data))
    img = back.event("img")
    assert img is not None and img.title == "<img src=x>"
    assert img.summary == "First <script>alert(1)</script>.\n\nSecond line one\nline two"
    assert [q.text for q in img.quotes] == ["a 'passage' <here>", "another"]
    linked = back.source(img.quotes[1].source)
    assert linked is not None
    assert (linked.author, linked.title, linked.url) == (
        "A. Writer",
        "An <i>article</i>",
        "https://example.org/a",
    )
    assert back.actors[0].name == "X & <Y>"
    dec = back.event("dec")
    assert dec is not None and (dec.start.iso(), dec.end) == ("1980s", parse_iso("1990s"))


def test_write_timelinejs_writes_utf8_json(bundled: Timeline, tmp_path: Path) -> None:
    path = tmp_path / "timeline.json"
    write_timelinejs(path, bundled, bundled.events[:2])
    text = path.read_text("utf-8")
    assert "Ukraine’s intensity" in text  # UTF-8, not \u escapes
    assert json.loads(text)["events"][0]["unique_id"] == "korean-war-ends"
    assert [e.id for e in imported(read_timelinejs(path)).events] == [
        "korean-war-ends",
        "fifth-brigade-zimbabwe",
    ]


# -- import: the real files ----------------------------------------------------------------

EXPECTED = {  # file: number of events imported, or None when refused
    "contrib_women_in_computing.json": 10,
    "examples_houston_timeline3.json": 18,
    "examples_twain_marktwain.json": 17,
    "static_welcome_welcome.json": 17,
    "template_cosmo.json": None,
    "template_eras.json": 20,
}


def test_all_the_real_files_are_known_here() -> None:
    assert set(REAL_FILES) == set(EXPECTED)


@pytest.mark.parametrize("name", REAL_FILES)
def test_each_real_file_imports_or_is_refused_clearly(name: str) -> None:
    result = real(name)
    if EXPECTED[name] is None:
        assert result.timeline is None
        assert result.problems and all(len(p.message) > 30 for p in result.problems)
    else:
        assert len(imported(result).events) == EXPECTED[name]
    assert all(isinstance(note, str) and note for note in result.unmapped)


def test_women_in_computing() -> None:
    result = real("contrib_women_in_computing.json")
    t = imported(result)
    assert t.title == "Women in Computing"
    ada = t.events[0]
    assert (ada.id, ada.title) == ("ada-lovelace", "Ada Lovelace")
    assert (ada.start, ada.end) == (parse_iso("1815-12-10"), parse_iso("1852-11-27"))
    assert ada.summary.startswith("Women have been programming since before it was a thing.")
    assert "<" not in ada.summary
    eniac = t.events[2]
    assert eniac.title == "...And the women who made it work"
    # month given, day "" → a month; year only → a year
    assert (eniac.start.iso(), eniac.end) == ("1943-07", parse_iso("1946"))
    # a blockquote given as media is a quote, its <cite> the source
    edith = t.event("edith-clarke-bucking-the-trend")
    assert edith is not None
    (quote,) = edith.quotes
    assert quote.text.startswith("There is no demand for women engineers")
    source = t.source(quote.source)
    assert source is not None and source.title.startswith("Edith Clarke, first female professor")
    assert "slides 1, 3–10: media (images, videos, maps, links, captions) not kept" in (
        result.unmapped
    )


def test_houston_headline_html_becomes_plain_text() -> None:
    t = imported(real("examples_houston_timeline3.json"))
    assert t.title == "Whitney Houston 1963 - 2012"  # "Whitney Houston<br/> 1963 - 2012"
    assert t.events[-1].title == "Whitney Houston 1963-2012"
    assert t.events[-1].start == parse_iso("2012-02-11")
    assert t.events[1].start.precision is Precision.YEAR


def test_twain_times_of_day_locations_and_untitled_slides_are_noted() -> None:
    result = real("examples_twain_marktwain.json")
    t = imported(result)
    assert t.title == "examples_twain_marktwain"  # no headline on the title slide: file name
    assert t.events[3].title == "a Youtube video"  # no headline: the media caption
    assert t.events[1].start == parse_iso("2000-01-05")  # the time 6:45:56 dropped
    assert "slides 2–16: times of day not kept" in result.unmapped
    assert "slides 2–4, 7–15: map locations not kept" in result.unmapped
    assert len({e.id for e in t.events}) == 17


def test_eras_are_imported_and_written_back() -> None:
    """TimelineJS's own eras template: its three eras become the timeline's eras, and an
    export writes them as it had them."""
    result = real("template_eras.json")
    t = imported(result)
    assert [(e.name, e.start.iso(), e.end.iso() if e.end else None) for e in t.eras] == [
        ("Era Test 650-700", "0650", "0700"),
        ("Era Test 600-650", "0600", "0650"),
        ("Era Test 700-720", "0700", "0720"),
    ]
    assert not any("era" in line for line in result.unmapped)
    assert t.events[0].start.iso() == "0602"  # a year before 1000 is fine
    assert t.events[2].title == "Muhammad Migrates from Mecca to Medina"
    original = json.loads((TIMELINEJS_SAMPLES / "template_eras.json").read_text("utf-8"))
    assert to_timelinejs(t, t.events)["eras"] == original["eras"]


def test_an_ongoing_era_ends_at_the_last_date_of_the_events_it_is_exported_with() -> None:
    bundled = load_timeline(DATASET)
    eras = {e["text"]["headline"]: e for e in to_timelinejs(bundled, bundled.events)["eras"]}
    war = eras["Russia's full-scale war against Ukraine"]
    assert war["start_date"] == {"year": "2022", "month": "2", "day": "24"}
    assert war["end_date"] == {"year": "2024", "month": "11", "day": "18"}  # the last event
    assert eras["Korean War"]["end_date"] == {"year": "1953", "month": "7", "day": "27"}


def test_an_era_that_cannot_be_dated_is_noted_and_left_out() -> None:
    data = {
        "events": [{"start_date": {"year": "2000"}, "text": {"headline": "E"}}],
        "eras": [
            {"start_date": {"year": "2001"}, "end_date": {"year": "1999"},
             "text": {"headline": "Backwards"}},
            {"text": {"headline": "Undated"}},
            "not an era",
        ],
    }  # fmt: skip
    result = from_timelinejs(data)
    assert imported(result).eras == []
    assert "era 1 (“Backwards”): it ends before it starts: not imported" in result.unmapped
    assert "era 2 (“Undated”): no start date: not imported" in result.unmapped
    assert "era 3: not an object: not imported" in result.unmapped


def test_cosmo_billions_of_years_are_refused_with_a_clear_message() -> None:
    result = real("template_cosmo.json")
    assert result.timeline is None
    (problem,) = result.problems
    assert problem.message == (
        "no event could be imported: all 7 slides have years this app cannot show (it shows "
        "years 1–9998; slide 1 (“The Big Bang”) is in year -13800000000)"
    )
    assert (
        "slide 7 (“oldest known depiction of a wheeled vehicle”): start_date year -3500 is "
        "outside the years this app can show (1–9998): not imported"
    ) in result.unmapped


def test_the_older_wrapped_shape_is_read() -> None:
    result = real("static_welcome_welcome.json")
    t = imported(result)
    assert result.unmapped[0].startswith('older TimelineJS shape {"timeline": {"slides": ...}}')
    assert t.events[0].title == "Welcome to TimelineJS"
    blockquote = t.event("blockquote")
    assert blockquote is not None
    (quote,) = blockquote.quotes
    assert quote.text.startswith("“You have brains in your head.")
    assert t.source(quote.source) == Source("dr-seuss", "Dr. Seuss")  # the media credit
    # escaped markup in the text is text, not a quote
    assert "<blockquote>“Just use html blockquotes" in blockquote.summary


# -- import: shapes and mistakes -----------------------------------------------------------


def test_a_timelinejs_2_file_is_converted() -> None:
    data = {
        "timeline": {
            "headline": "Old <i>style</i>",
            "type": "default",
            "text": "<p>Intro</p>",
            "date": [
                {
                    "startDate": "2011,12,10",
                    "endDate": "2011,12,11",
                    "headline": "Day",
                    "text": "<p>One</p><blockquote>Said so</blockquote>",
                    "tag": "Group A",
                    "asset": {"media": "http://x.example/a.jpg", "credit": "", "caption": ""},
                },
                {"startDate": "1999", "headline": "Year", "tag": "Group A"},
                {"startDate": "2001,7", "headline": "Month"},
            ],
            "era": [{"startDate": "2000", "endDate": "2012", "headline": "An era"}],
        }
    }
    result = from_timelinejs(data)
    t = imported(result)
    assert t.title == "Old style"
    day, year, month = t.events
    assert (day.start.iso(), day.end.iso() if day.end else None) == ("2011-12-10", "2011-12-11")
    assert day.summary == "One"
    assert day.actors == year.actors == ("group-a",)
    assert [a.name for a in t.actors] == ["Group A"]
    assert t.source(day.quotes[0].source) == Source("old-style", "Old style")  # the file
    assert (year.start.iso(), month.start.iso()) == ("1999", "2001-07")
    assert result.unmapped[0].startswith("TimelineJS 2 file: converted")
    assert [(e.name, e.start.iso(), e.end.iso() if e.end else None) for e in t.eras] == [
        ("An era", "2000", "2012")
    ]  # TimelineJS 2's eras too


def test_a_decade_display_date_makes_a_decade() -> None:
    data = {
        "events": [
            {"start_date": {"year": 1983}, "display_date": "1980s", "text": {"headline": "A"}},
            {
                "start_date": {"year": "1983"},
                "display_date": "Spring '83",
                "text": {"headline": "B"},
            },
        ]
    }
    result = from_timelinejs(data, name="decades")
    a, b = imported(result).events
    assert a.start.iso() == "1980s"
    assert b.start.iso() == "1983"
    assert "slide 2: custom date labels (display_date) not kept" in result.unmapped


def test_broken_slides_are_problems_and_nothing_is_imported() -> None:
    data = {
        "events": [
            {"start_date": {"year": "2016", "month": "13"}, "text": {"headline": "Bad month"}},
            {"start_date": {"year": "2016", "month": "2", "day": "30"}},
            {"start_date": {"year": "20x6"}, "text": {"headline": "Typo"}},
            {"start_date": {"year": 2020}, "end_date": {"year": 2019}, "text": {"headline": "B"}},
            {"start_date": {"year": "2020", "day": "3"}},
            "not a slide",
            {"start_date": {"year": 2020}, "text": {"headline": "Fine"}},
        ]
    }
    result = from_timelinejs(data)
    assert result.timeline is None
    assert [f"{p.where}: {p.message}" for p in result.problems] == [
        "slide 1 (“Bad month”): start_date: there is no month 13",
        "slide 2: start_date: '2016-02-30' is not a date: February 2016 has no day 30 (it has 29)",
        "slide 3 (“Typo”): start_date: year '20x6' is not a whole number",
        "slide 4 (“B”): end_date: 2019 is before the start 2020",
        "slide 5: start_date: has a day (3) but no month",
        "slide 6: must be an object, not a string",
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "not a TimelineJS file"),
        ({"slides": []}, "not a TimelineJS file"),
        ({"events": {}}, "must be a list, not an object"),
        ({"events": []}, "no event could be imported: the file has no slides"),
        ({"timeline": {"headline": "x"}}, 'a TimelineJS 2 file needs a "date" or "slides"'),
        (
            {"title": {"text": {"headline": "Only a title"}}, "events": [{"text": {}}]},
            "no event could be imported: no slide has a start date",
        ),
    ],
)
def test_files_that_are_not_timelines_are_refused_clearly(data: Any, message: str) -> None:
    result = from_timelinejs(data)
    assert result.timeline is None
    assert message in result.problems[0].message


def test_slides_without_dates_are_skipped_and_ids_stay_unique() -> None:
    data = {
        "events": [
            {"text": {"headline": "No date"}},
            {"start_date": {"year": "2001"}, "text": {"headline": "Same"}, "unique_id": "u"},
            {"start_date": {"year": "2002"}, "text": {"headline": "Same"}, "unique_id": "u"},
            {"start_date": {"year": "2003"}, "text": {"headline": "Same"}},
            {"start_date": {"year": "2004"}, "text": {"headline": "Same"}},
        ]
    }
    result = from_timelinejs(data)
    t = imported(result)
    assert [e.id for e in t.events] == ["u", "u-2", "same", "same-2"]
    assert "slide 1: no start date: not imported" in result.unmapped
    assert "slide 3: unique_id already used by an earlier slide: given a new id" in result.unmapped


def test_what_was_not_kept_or_converted_is_also_said_in_short() -> None:
    """For a status line: each kind once, with how many slides (the notes say which)."""
    twain = real("examples_twain_marktwain.json")
    assert twain.left_out == [
        "the title slide's text and media", "media (16 slides)", "times of day (15 slides)",
        "map locations (12 slides)", "backgrounds (6 slides)",
    ]  # fmt: skip
    assert twain.converted == ["titles made from the text (4 slides)"]
    assert real("static_welcome_welcome.json").converted == ["the older TimelineJS shape"]
    data = {
        "events": [
            {"text": {"headline": "No date"}},
            {"start_date": {"year": "2001"}, "unique_id": "u", "text": {"headline": "A"}},
            {"start_date": {"year": "2002"}, "unique_id": "u", "text": {"headline": "B"}},
            {"start_date": {"year": "-20000"}, "text": {"headline": "Far"}},
        ],
        "eras": [{"text": {"headline": "Undated"}}, "not an era"],
        "extra": 1,
    }  # fmt: skip
    result = from_timelinejs(data)
    assert result.left_out == [
        "'extra'", "1 slide without a start date", "1 slide in years it cannot show",
        "2 eras it cannot date",
    ]  # fmt: skip
    assert result.converted == ["new ids for ids used twice (1 slide)"]


def test_open_timeline_reads_a_timeline_and_imports_a_timelinejs_file(tmp_path: Path) -> None:
    """One path where a timeline is expected (the command line's FILE): a TimelineJS file
    is imported as read_timelinejs does, one that does not import raises its problems."""
    from timeline_app.core.fileformat import LoadError
    from timeline_app.interop.timelinejs import NotImported, open_timeline

    assert open_timeline(DATASET).imported is None
    opened = open_timeline(REAL / "template_eras.json")
    assert opened.imported == real("template_eras.json")
    assert opened.timeline == opened.imported.timeline
    with pytest.raises(NotImported) as refused:
        open_timeline(REAL / "template_cosmo.json")
    assert refused.value.path == str(REAL / "template_cosmo.json")
    assert "no event could be imported" in refused.value.problems[0].message
    assert len(refused.value.notes) == 8  # the title slide, and each slide not imported
    other = tmp_path / "other.json"
    other.write_text('{"events": 3}', encoding="utf-8")
    with pytest.raises(LoadError) as not_a_timeline:
        open_timeline(other)
    assert not isinstance(not_a_timeline.value, NotImported)


def test_read_timelinejs_reports_json_syntax_errors(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"events": [\n  {"start_date": }\n]}', "utf-8")
    (problem,) = read_timelinejs(path).problems
    assert (problem.line, problem.column) == (2, 18)
    assert problem.message.startswith("JSON syntax error")
    assert read_timelinejs(tmp_path / "missing.json").problems[0].message.startswith("cannot read")


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
_field = st.one_of(
    _json,
    st.integers(-1, 10_000),
    st.integers(-1, 10_000).map(str),
    st.sampled_from(["", "1980s", "<blockquote>q<cite>c</cite></blockquote>", "<![x", "<p>a"]),
)
_date_obj = st.fixed_dictionaries(
    {}, optional={"year": _field, "month": _field, "day": _field, "hour": _field}
)
_slide = st.fixed_dictionaries(
    {},
    optional={
        "start_date": _date_obj | _field,
        "end_date": _date_obj | _field,
        "text": st.fixed_dictionaries({}, optional={"headline": _field, "text": _field}) | _field,
        "media": st.fixed_dictionaries({}, optional={"url": _field, "credit": _field}) | _field,
        "group": _field,
        "unique_id": _field,
        "display_date": _field,
        "background": _field,
    },
)


_dated_slide = st.builds(
    lambda slide, year: {**slide, "start_date": {"year": year}}, _slide, st.integers(1, 9998)
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        _json,
        st.fixed_dictionaries(
            {"events": st.lists(_dated_slide | _slide | _json, max_size=4)},
            optional={"title": _slide | _json, "eras": _json},
        ),
        st.fixed_dictionaries({"timeline": st.fixed_dictionaries({"date": st.lists(_json)})}),
    )
)
def test_import_never_raises_and_returns_a_valid_timeline_or_problems(data: Any) -> None:
    result = from_timelinejs(data)
    if result.timeline is None:
        assert result.problems
    else:
        assert result.problems == []
        t = timeline_from_data(timeline_to_data(result.timeline))
        assert t.events and replace(t, extra={}) == replace(result.timeline, extra={})


def test_export_writes_only_well_formed_links_that_cannot_break_out_of_an_attribute() -> None:
    # TimelineJS embeds media.url in its own <iframe src='…'>: a ' must not end that attribute
    hostile = "https://example.org/a'onload='alert(1)'\"><script>x</script>"
    t = Timeline(
        "T",
        sources=[Source("s", "S", url=hostile), Source("f", "F", url="file:///etc/passwd")],
    )
    events = [
        Event("a", "A", parse_iso("2024"), quotes=(Quote("s", "x"),)),
        Event("b", "B", parse_iso("2024"), quotes=(Quote("f", "y"),)),
    ]
    data = to_timelinejs(t, events)
    url = data["events"][0]["media"]["url"]
    assert url == ("https://example.org/a%27onload=%27alert(1)%27%22%3E%3Cscript%3Ex%3C/script%3E")
    assert not set("'\"<> `") & set(url)
    assert "media" not in data["events"][1]  # not an http(s) link: never written
    assert "%27onload" in data["title"]["text"]["text"] and "file:" not in json.dumps(data)


def test_facts_with_awkward_names_come_back_exactly() -> None:
    names = ['Hamas "military wing"', "A · B", "Korea, North", '"Q"', "plain"]
    t = Timeline("T", actors=[Actor(f"a{i}", n) for i, n in enumerate(names)])
    event = Event("e", "E", parse_iso("2020"), actors=tuple(a.id for a in t.actors),
                  tags=("x · y", 'say "hi"'), status=Status.DISPUTED)  # fmt: skip
    back = imported(from_timelinejs(to_timelinejs(t, [event])))
    got = back.events[0]
    assert [a.name for a in back.actors] == names
    assert got.tags == ("x · y", 'say "hi"') and got.status is Status.DISPUTED


def test_a_date_from_elsewhere_in_the_words_of_earlier_exports_comes_back() -> None:
    from timeline_app.interop.timelinejs.importer import _facts

    for words in ("established elsewhere", "from another source"):
        _text, facts = _facts(f'<p class="timeline-app-facts">Status: alleged · Date: {words}</p>')
        assert facts.date_basis is DateBasis.ELSEWHERE
