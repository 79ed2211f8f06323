from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.core.dates import Precision, parse_iso
from timeline_app.core.fileformat import load_timeline, timeline_from_data, timeline_to_data
from timeline_app.core.model import Actor, Event, Quote, Source, Status, Timeline, replace
from timeline_app.core.store import TimelineStore
from timeline_app.interop.csv_io import (
    COLUMNS,
    CsvImport,
    csv_import_change,
    events_to_csv,
    neutralise,
    read_csv,
    restore,
    write_csv,
)

DATASET = Path(__file__).resolve().parents[2] / "events" / "north-korean-troops.json"
HEADER = ",".join(COLUMNS)


@pytest.fixture(scope="module")
def bundled() -> Timeline:
    return load_timeline(DATASET)


def small() -> Timeline:
    return Timeline(
        "Small",
        sources=[Source("art", "An article"), Source("other", "Another article")],
        actors=[Actor("nk", "North Korea"), Actor("ru", "Russia")],
        events=[Event("armistice", "Armistice", parse_iso("1953"), actors=("nk",))],
    )


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def messages(imported: CsvImport) -> list[str]:
    return [f"{p.where}: {p.message}" for p in imported.problems]


def test_the_bundled_dataset_round_trips_through_csv(bundled: Timeline) -> None:
    text = events_to_csv(bundled, bundled.events)
    # import into the same timeline without its events (an import never overwrites)
    imported = read_csv(text, replace(bundled, events=[]))
    assert imported.problems == []
    assert imported.new_actors == []  # every name is an actor of the timeline
    in_file = json.loads(DATASET.read_text(encoding="utf-8"))["events"]
    assert len(imported.events) == len(bundled.events) == len(in_file)
    for got, want in zip(imported.events, bundled.events, strict=True):
        # every field a CSV holds; what it cannot hold (see csv_io) is `extra` (fields other
        # tools add to events and quotes), which the bundled dataset does not use, and a
        # quote's credibility, stance and note (one of its quotes contradicts, with a note)
        plain = tuple(Quote(q.source, q.text, q.extra) for q in want.quotes)
        assert got.id == want.id
        assert got.title == want.title
        assert (got.start, got.end) == (want.start, want.end)
        assert got.start.precision is want.start.precision
        assert got.status is want.status
        assert got.date_basis is want.date_basis
        assert got.actors == want.actors
        assert got.tags == want.tags
        assert got.summary == want.summary
        assert got.quotes == plain  # each quote's source and words, in their order
        assert got.notes == want.notes
        assert got == replace(want, extra={}, quotes=plain)


def test_the_csv_is_a_plain_spreadsheet_table(bundled: Timeline) -> None:
    text = events_to_csv(bundled, bundled.events)
    assert text.startswith(HEADER + "\r\n")
    assert text.count("\r\n") >= len(bundled.events) + 1  # a header, a row per event
    table = {r[0]: dict(zip(COLUMNS, r, strict=True)) for r in rows(text)[1:]}
    brigade = table["fifth-brigade-zimbabwe"]
    assert (brigade["start"], brigade["precision"]) == ("1980s", "decade")
    assert brigade["actors"] == "North Korea; Zimbabwe; Robert Mugabe"
    assert brigade["tags"] == "foreign-combat-experience; zimbabwe; history"
    assert brigade["quotes"].startswith("ramani-north-korean-troops: The North Korean-trained")
    assert brigade["sources"].startswith("North Korean troops in Ukraine may soon face")
    span = table["us-estimates-north-korean-troops"]
    assert (span["start"], span["end"], span["precision"]) == ("2024-10-28", "2024-10-31", "day")
    assert table["ukraine-mobilisation-law"]["start"] == "2024-04"
    assert table["korean-war-ends"]["start"] == "1953"
    assert table["aleppo-north-korean-aid"]["status"] == "alleged"
    assert table["choe-lavrov-meeting"]["date_basis"] == "elsewhere"


def test_several_quotes_are_separated_by_a_blank_line_and_come_back_apart() -> None:
    t = small()
    quotes = (Quote("art", "first passage"), Quote("other", "second\n\npassage: with a colon"))
    event = Event("e", "E", parse_iso("2020"), quotes=quotes)
    text = events_to_csv(t, [event])
    cell = rows(text)[1][COLUMNS.index("quotes")]
    assert cell == "art: first passage\n\nother: second\n\npassage: with a colon"
    assert rows(text)[1][COLUMNS.index("sources")] == "An article; Another article"
    (back,) = read_csv(text, replace(t, events=[])).events
    assert back.quotes == quotes


def test_formulas_are_neutralised_and_come_back_exactly() -> None:
    t = small()
    tricky = Event(
        "tricky",
        '=HYPERLINK("http://evil.example","click")',
        parse_iso("2020"),
        summary="-5 soldiers, then +3",
        notes="@mention",
        tags=("=1+1",),
    )
    quoted = Event("quoted", "'=already quoted", parse_iso("2021"), summary="'plain")
    text = events_to_csv(t, [tricky, quoted])
    first, second = (dict(zip(COLUMNS, r, strict=True)) for r in rows(text)[1:])
    assert first["title"] == '\'=HYPERLINK("http://evil.example","click")'
    assert first["summary"] == "'-5 soldiers, then +3"
    assert first["notes"] == "'@mention"
    assert first["tags"] == "'=1+1"
    assert not any(cell.startswith(("=", "+", "-", "@")) for r in rows(text) for cell in r)
    assert second["title"] == "''=already quoted"
    back = read_csv(text, replace(t, events=[])).events
    assert back == [tricky, quoted]


def test_write_csv_has_a_byte_order_mark_and_reads_back(bundled: Timeline, tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    write_csv(path, bundled, bundled.events[:3])
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf" + HEADER.encode())
    assert "Ukraine’s intensity" in raw.decode("utf-8-sig")
    assert [p.name for p in tmp_path.iterdir()] == ["events.csv"]  # no temporary file left
    for source in (path, str(path)):
        imported = read_csv(source, replace(bundled, events=[]))
        assert imported.problems == []
        assert [e.id for e in imported.events] == [e.id for e in bundled.events[:3]]


def test_a_broken_row_is_reported_with_its_row_number_and_nothing_is_imported() -> None:
    text = (
        "title,start,actors\r\n"
        "Good,2016,Wagner Group\r\n"
        "Bad month,2016-13,Russia\r\n"
        "Also good,1 Nov 2024,\r\n"
    )
    imported = read_csv(text, small())
    assert imported.events == []
    assert imported.new_actors == []  # nothing is created for an import that does not happen
    (problem,) = imported.problems
    assert problem.where == "row 3"  # the header is row 1, as a spreadsheet shows it
    assert problem.message.startswith("start: '2016-13' is not a date: there is no month 13")
    assert problem.format("events.csv").startswith("events.csv: row 3: start: '2016-13'")
    with pytest.raises(ValueError):
        csv_import_change(small(), imported)


def test_every_problem_of_every_row_is_reported_at_once() -> None:
    text = (
        "id,title,start,end,status,date_basis,quotes\r\n"
        "armistice,Again,1953,,,,\r\n"
        ",,2020,,,,\r\n"
        "x,Backwards,2020,2019,,,\r\n"
        "y,Rumour,2020,,rumoured,,\r\n"
        "z,Basis,2020,,,guessed,\r\n"
        "x,Twice,2021,,,,\r\n"
        'q,Quote,2020,,,,"nowhere: a passage"\r\n'
        "d,No date,,,,,\r\n"
        "w,Wrong,2 March,,,,\r\n"
    )
    found = messages(read_csv(text, small()))
    expected = [
        "row 2: id: 'armistice' is already an event in this timeline",
        "row 3: title: is required",
        "row 4: end: 2019 is before the start 2020",
        "row 5: status: 'rumoured' is not one of: reported, alleged, disputed, denied",
        "row 6: date_basis: 'guessed' is not one of: source, elsewhere",
        "row 7: id: duplicate id 'x' (also row 4)",
        "row 8: quotes: 'nowhere: a passage' does not start with the id of a source",
        "row 9: start: is required",
        "row 10: start: '2 March' has no four-digit year",
    ]
    for e in expected:
        assert any(f.startswith(e) for f in found), (e, found)
    assert len(found) == len(expected)


def test_new_actors_are_collected_once_each_and_known_names_are_matched() -> None:
    text = (
        "title,start,actors\r\n"
        "Deployment,2024-10,North Korea; Wagner Group\r\n"
        "Talks,2024-11,russia; wagner group; Kim Jong Un\r\n"
        "Again,2024-12,Kim Jong Un\r\n"
    )
    t = small()
    t.actors.append(Actor("wagner-group-2", "Someone else"))
    imported = read_csv(text, t)
    assert imported.problems == []
    assert [(a.id, a.name) for a in imported.new_actors] == [
        ("wagner-group", "Wagner Group"),
        ("kim-jong-un", "Kim Jong Un"),
    ]
    assert [e.actors for e in imported.events] == [
        ("nk", "wagner-group"),
        ("ru", "wagner-group", "kim-jong-un"),
        ("kim-jong-un",),
    ]


def test_a_name_spelled_without_its_accents_is_the_same_actor_not_a_second_one() -> None:
    t = small()
    t.actors.append(Actor("seoul", "Séoul"))
    imported = read_csv("title,start,actors\r\nVisit,2024-11,Seoul;  north   KOREA\r\n", t)
    assert imported.new_actors == []
    assert imported.events[0].actors == ("seoul", "nk")


def test_missing_ids_are_made_from_titles_without_clashing() -> None:
    text = (
        "title,start,id\r\n"
        "Armistice,1953-07-27,\r\n"  # "armistice" is taken by the timeline
        "Talks,2024,\r\n"  # "talks" is taken by a later row
        "Later,2025,talks\r\n"
        "Talks,2026,\r\n"
    )
    imported = read_csv(text, small())
    assert imported.problems == []
    assert [e.id for e in imported.events] == ["armistice-2", "talks-2", "talks", "talks-3"]


def test_dates_may_be_typed_as_free_text() -> None:
    text = "title,start,end\r\nA,1 Nov 2024,\r\nB,the 1980s,1987\r\nC,November 2024,\r\n"
    a, b, c = read_csv(text, small()).events
    assert a.start == parse_iso("2024-11-01") and a.start.precision is Precision.DAY
    assert (b.start.iso(), b.end) == ("1980s", parse_iso("1987"))
    assert c.start.iso() == "2024-11"


def test_columns_unknown_missing_or_in_any_order() -> None:
    text = "\ufeffStart,Title,Colour,status\r\n2020,Reordered,red,Alleged\r\n"
    imported = read_csv(text, small())
    assert [e.title for e in imported.events] == ["Reordered"]
    assert imported.events[0].status is Status.ALLEGED
    (warning,) = imported.problems
    assert warning.warning and warning.where == "row 1"
    assert "unknown column 'colour' ignored" in warning.message

    missing = read_csv("title,end\r\nA,2020\r\n", small())
    assert missing.events == []
    assert messages(missing) == ["row 1: the required column 'start' is missing"]


def test_a_quote_without_a_source_id_belongs_to_the_only_source() -> None:
    one_source = replace(small(), sources=[Source("art", "An article")])
    text = 'title,start,quotes\r\nA,2020,"a passage, verbatim"\r\n'
    (event,) = read_csv(text, one_source).events
    assert event.quotes == (Quote("art", "a passage, verbatim"),)
    refused = read_csv(text, small())  # two sources: which one?
    assert refused.events == []
    assert "does not start with the id of a source" in messages(refused)[0]


def test_a_file_that_is_not_utf8_is_read_as_windows_1252_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes("title,start\r\nCaf\u00e9 talks,2020\r\n".encode("cp1252"))
    imported = read_csv(path, small())
    assert [e.title for e in imported.events] == ["Café talks"]
    assert imported.problems[0].warning and "Windows-1252" in imported.problems[0].message
    assert read_csv(tmp_path / "missing.csv", small()).problems[0].message.startswith("cannot read")


def test_the_import_is_one_change_that_undo_removes_entirely(bundled: Timeline) -> None:
    text = (
        "title,start,actors,quotes\r\n"
        'Wagner arrives,2024-11-05,Wagner Group; Russia,"ramani-north-korean-troops: '
        'North Korean troops"\r\n'
        "Second,2024-11-06,Wagner Group,\r\n"
        "Third,2024-11,,\r\n"
    )
    store = TimelineStore(bundled)
    imported = read_csv(text, store.timeline)
    assert imported.ok and len(imported.events) == 3
    change = csv_import_change(store.timeline, imported)
    assert change.description == "Import 3 events from CSV"
    before_events, before_actors = list(store.timeline.events), list(store.timeline.actors)

    change = store.apply(change)
    ids = [e.id for e in store.timeline.events]
    n = len(before_events)
    assert ids[:n] == [e.id for e in before_events]  # the timeline's own, first
    assert ids[n:] == ["wagner-arrives", "second", "third"]
    assert store.timeline.actors[-1] == Actor("wagner-group", "Wagner Group")
    assert store.position_of("wagner-arrives") is not None
    # the result is a valid timeline file: actors and sources exist, ids unique
    timeline_from_data(timeline_to_data(store.timeline))

    store.apply(change.inverted())
    assert store.timeline.events == before_events
    assert store.timeline.actors == before_actors
    assert store.position_of("wagner-arrives") is None


def test_text_that_the_csv_module_cannot_read_is_a_problem_not_a_crash() -> None:
    huge = 'title,start\r\nA,2020\r\n"' + "x" * 200_000 + '",2021\r\n'
    imported = read_csv(huge, small())
    assert imported.events == []
    assert messages(imported) == [
        "row 3: not readable as CSV: field larger than field limit (131072)"
    ]


@pytest.mark.parametrize("cell", [" =1+1", "\n=1+1", "＝1+1", "\xa0=1", "  @SUM(A1)", "＋1", "﹦1"])
def test_formulas_behind_spaces_or_in_full_width_are_neutralised_too(cell: str) -> None:
    assert neutralise(cell) == "'" + cell
    assert restore(neutralise(cell)) == cell


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list(" \t\r\n\xa0=+-@'＝＋a1")), max_size=6))
def test_a_neutralised_cell_never_starts_a_formula_and_comes_back_exactly(cell: str) -> None:
    import unicodedata

    written = neutralise(cell)
    assert restore(written) == cell
    if not written.startswith("'"):  # unguarded: nothing a spreadsheet would run
        head = written.lstrip()[:1]
        assert unicodedata.normalize("NFKC", head) not in ("=", "+", "-", "@")
        assert not written.startswith(("\t", "\r"))


@pytest.mark.parametrize(
    ("encoding", "separator", "said"),
    [
        ("utf-8", ";", "read as semicolon-separated values"),
        ("utf-8", "\t", "read as tab-separated values"),
        ("utf-16", "\t", "read as UTF-16 (little-endian) text"),  # Excel's "Unicode text"
        ("utf-16-be", ",", "read as UTF-16 (big-endian) text"),
        ("utf-32", ",", "read as UTF-32 (little-endian) text"),
    ],
)
def test_csv_from_other_spreadsheet_settings_is_read_and_said_how(
    tmp_path: Path, encoding: str, separator: str, said: str
) -> None:
    rows_ = [["title", "start", "actors"], ["Séoul protests", "2024-11-01", "South Korea"]]
    path = tmp_path / "other.csv"
    path.write_bytes("\r\n".join(separator.join(r) for r in rows_).encode(encoding))
    result = read_csv(path, small())
    assert [e.title for e in result.events] == ["Séoul protests"]
    assert result.errors == [] and said in [p.message for p in result.problems if p.warning]


def test_a_cell_of_several_lines_in_the_last_row_is_no_quote_left_open() -> None:
    text = 'title,start,summary\r\nFine,2020,"two\r\nlines"\r\n'
    result = read_csv(text, small())
    assert result.errors == [] and result.events[0].summary == "two\r\nlines"


def test_a_quote_never_closed_is_said_where_it_opens() -> None:
    text = 'title,start\r\nFine,2020\r\n"Broken,2021\r\nLater,2022\r\n'
    result = read_csv(text, small())
    [problem] = result.errors
    assert problem.where == "row 3" and "never closed" in problem.message
    assert result.events == []


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16-le", "utf-16-be"])
def test_a_stray_quote_mark_in_a_cell_is_no_quote_left_open(tmp_path: Path, encoding: str) -> None:
    text = 'title,start,summary\r\nA 12" gun,2020,x\r\nB −一,2021,"line1\nline2"\r\n'
    path = tmp_path / "stray.csv"
    path.write_bytes(("\ufeff" + text).encode(encoding))
    result = read_csv(path, small())
    assert result.errors == []
    assert [e.title for e in result.events] == ['A 12" gun', "B −一"]


def test_a_byte_no_encoding_reads_is_said_where_it_is_in_the_file(tmp_path: Path) -> None:
    head = ("title,start\r\n" + "Event,2020\r\n" * 3000).encode()
    path = tmp_path / "bad.csv"
    path.write_bytes(head + b"\x81 neither UTF-8 nor Windows-1252\r\n")
    [problem] = read_csv(path, small()).errors
    assert problem.message == f"not UTF-8 text (byte {len(head)})"


def test_each_rows_support_and_grades_are_written_and_ignored_on_import() -> None:
    from timeline_app.core.model import Stance
    from timeline_app.interop.csv_io import events_to_csv, read_csv

    sources = [
        Source("wire", "Wire", publication="Wire", reliability="B", text_file="w.txt"),
        Source("paper", "Paper", publication="Paper", reliability="C", text_file="p.txt"),
    ]
    both = Event("both", "Both", parse_iso("2024"),
                 quotes=(Quote("wire", "a", credibility=2), Quote("paper", "b")))  # fmt: skip
    against = Event("against", "Against", parse_iso("2024"),
                    quotes=(Quote("paper", "c", stance=Stance.CONTRADICTS),))  # fmt: skip
    timeline = Timeline("t", sources=sources, events=[both, against])
    text = events_to_csv(timeline, timeline.events)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["support"], r["grades"]) for r in rows] == [
        ("corroborated", "B2; C6"), ("contested", "C6"),
    ]  # fmt: skip
    imported = read_csv(text, timeline, update=True)
    assert imported.problems == [] and len(imported.events) == 2
