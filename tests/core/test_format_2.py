"""File format 2: every field it adds is read, written back byte for byte, and every
misuse reported with its place; version 1 files read as before and upgrade only when
asked; a newer version is refused whole."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from test_loader_grammar import HASH, document

from timeline_app.core.fast_read import fast_timeline
from timeline_app.core.fileformat import (
    LoadError,
    load_timeline,
    save_timeline,
    timeline_from_data,
    timeline_to_text,
)
from timeline_app.core.fingerprints import is_hash, pair_mark, proposal_mark, text_hash
from timeline_app.core.format_versions import (
    FormatVersionError,
    format_2_clashes,
    format_2_places,
    version_to_keep,
)
from timeline_app.core.model import (
    FORMAT_VERSION,
    LinkBasis,
    LinkType,
    Quote,
    SourceKind,
    Stance,
    replace,
)
from timeline_app.core.references import derived_cycle

Edit = Callable[[dict[str, Any]], None]


def _set(path: tuple[Any, ...], value: Any) -> Edit:
    def edit(d: dict[str, Any]) -> None:
        target: Any = d
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return edit


def _delete(path: tuple[Any, ...]) -> Edit:
    def edit(d: dict[str, Any]) -> None:
        target: Any = d
        for step in path[:-1]:
            target = target[step]
        del target[path[-1]]

    return edit


SOURCE = ("sources", 0)
QUOTE = ("events", 0, "quotes", 0)
MARK = ("events", 0, "dismissed", 0, 0)
LINK = ("links", 0)
ERA = ("eras", 0)
PROPOSAL = ("review", "art", 0)

# (what goes wrong, where it is reported, words of the message)
MISUSES: list[tuple[Edit, str, str]] = [
    # sources
    (_set((*SOURCE, "kind"), "blog"), "sources[0] (art).kind", "'blog' is not one of: news"),
    (_set((*SOURCE, "kind"), 3), "sources[0] (art).kind", "must be one of"),
    (_set((*SOURCE, "reliability"), "G"), "sources[0] (art).reliability", "not one of: A, B"),
    (_set((*SOURCE, "reliability"), "AB"), "sources[0] (art).reliability", "not one of"),
    (_set((*SOURCE, "reliability"), "b"), "sources[0] (art).reliability", "not one of"),
    (_set((*SOURCE, "reliability"), 1), "sources[0] (art).reliability", "must be a string"),
    (_set((*SOURCE, "reliability_reason"), []), "sources[0] (art).reliability_reason", "string"),
    (_set((*SOURCE, "licence"), 1), "sources[0] (art).licence", "must be a string"),
    (_set((*SOURCE, "notes"), {}), "sources[0] (art).notes", "must be a string"),
    (_set((*SOURCE, "excerpt"), "yes"), "sources[0] (art).excerpt", "must be true or false"),
    (_set((*SOURCE, "excerpt"), 1), "sources[0] (art).excerpt", "must be true or false"),
    (_set((*SOURCE, "derived_from"), "copy"), "sources[0] (art).derived_from", "must be a list"),
    (_set((*SOURCE, "derived_from"), ["nyt"]), "sources[0] (art).derived_from", "unknown source"),
    (_set((*SOURCE, "derived_from"), ["art"]), "sources[0] (art).derived_from", "art → art"),
    (
        _set((*SOURCE, "derived_from"), ["copy"]),  # copy is derived from art: a cycle
        "sources[0] (art).derived_from",
        "art → copy → art",
    ),
    # quotes (of events and of links alike)
    (_set((*QUOTE, "credibility"), 0), "events[0] (e).quotes[0].credibility", "from 1 to 6"),
    (_set((*QUOTE, "credibility"), 7), "events[0] (e).quotes[0].credibility", "7 is not"),
    (_set((*QUOTE, "credibility"), "2"), "events[0] (e).quotes[0].credibility", "not a string"),
    (_set((*QUOTE, "credibility"), True), "events[0] (e).quotes[0].credibility", "not true/false"),
    (_set((*QUOTE, "credibility"), 2.5), "events[0] (e).quotes[0].credibility", "not a number"),
    (_set((*QUOTE, "stance"), "neutral"), "events[0] (e).quotes[0].stance", "not one of"),
    (_set((*QUOTE, "note"), 1), "events[0] (e).quotes[0].note", "must be a string"),
    (_set((*LINK, "quote", "stance"), "x"), "links[0] (l1).quote.stance", "not one of"),
    (_set((*LINK, "quote", "source"), "nyt"), "links[0] (l1).quote.source", "unknown source"),
    (_delete((*LINK, "quote", "text")), "links[0] (l1).quote.text", "is required"),
    # dismissed contradictions
    (_set(("events", 0, "dismissed"), {}), "events[0] (e).dismissed", "must be a list"),
    (_set(("events", 0, "dismissed", 0), [{}]), "events[0] (e).dismissed[0]", "a pair"),
    (_set(("events", 0, "dismissed", 0), "x"), "events[0] (e).dismissed[0]", "a pair"),
    (_set(MARK, "x"), "events[0] (e).dismissed[0][0]", "must be an object"),
    (_delete((*MARK, "hash")), "events[0] (e).dismissed[0][0].hash", "16 hexadecimal"),
    (_set((*MARK, "hash"), "xyz"), "events[0] (e).dismissed[0][0].hash", "16 hexadecimal"),
    (_set((*MARK, "hash"), HASH.upper()), "events[0] (e).dismissed[0][0].hash", "hexadecimal"),
    (_set((*MARK, "source"), " "), "events[0] (e).dismissed[0][0].source", "must not be empty"),
    (_set((*MARK, "page"), 3), "events[0] (e).dismissed[0][0].page", "is not a field here"),
    # links
    (_set((*LINK, "from"), "nowhere"), "links[0] (l1).from", "unknown event id 'nowhere'"),
    (_set((*LINK, "to"), "nowhere"), "links[0] (l1).to", "unknown event id 'nowhere'"),
    (_set((*LINK, "to"), "e"), "links[0] (l1).to", "two different events"),
    (_delete((*LINK, "from")), "links[0] (l1).from", "is required"),
    (_delete((*LINK, "type")), "links[0] (l1).type", "is required (one of: led_to"),
    (_set((*LINK, "type"), "caused"), "links[0] (l1).type", "'caused' is not one of"),
    (_delete((*LINK, "basis")), "links[0] (l1).basis", "is required (one of: source"),
    (_set((*LINK, "basis"), "gut"), "links[0] (l1).basis", "not one of"),
    (_delete((*LINK, "quote")), "links[0] (l1).quote", 'required when the basis is "source"'),
    (_set((*LINK, "quote"), "so"), "links[0] (l1).quote", "must be an object"),
    (_set((*LINK, "label"), 1), "links[0] (l1).label", "must be a string"),
    (_delete((*LINK, "id")), "links[0].id", "is required"),
    (
        lambda d: d["links"].append(dict(d["links"][0])),
        "links[1] (l1).id",
        "duplicate id (also links[0])",
    ),
    # the same link twice (another id): the type on the same pair; either way round for
    # a type that reads the same both ways
    (
        lambda d: d["links"].append({**d["links"][0], "id": "l2"}),
        "links[1] (l2)",
        "the same link as links[0] (l1)",
    ),
    (
        lambda d: d["links"].extend(
            [
                {"id": "s1", "from": "e", "to": "f", "type": "same_incident", "basis": "analyst"},
                {"id": "s2", "from": "f", "to": "e", "type": "same_incident", "basis": "analyst"},
            ]
        ),
        "links[2] (s2)",
        "the same link as links[1] (s1)",
    ),
    (_set(("links",), {}), "links", "must be a list"),
    (_set(("links", 0), "l1"), "links[0]", "must be an object"),
    # eras
    (_set((*ERA, "end"), "2020"), "eras[0] (war).end", "before"),
    (_delete((*ERA, "start")), "eras[0] (war).start", "is required"),
    (_set((*ERA, "start"), "someday"), "eras[0] (war).start", ""),
    (_delete((*ERA, "name")), "eras[0] (war).name", "is required"),
    (_set((*ERA, "color"), "red"), "eras[0] (war).color", "is not a colour"),
    (_set((*ERA, "notes"), 1), "eras[0] (war).notes", "must be a string"),
    (lambda d: d["eras"].append(dict(d["eras"][0])), "eras[1] (war).id", "duplicate id"),
    # review
    (_set(("review",), []), "review", "must be an object"),
    (_set(("review", "nyt"), []), "review.nyt", "unknown source id 'nyt'"),
    (_set(("review", "art"), {}), "review.art", "must be a list"),
    (_set(PROPOSAL, 3), "review.art[0]", "must be an object"),
    (_set((*PROPOSAL, "offset"), -1), "review.art[0].offset", "-1 is not a whole number from 0"),
    (_set((*PROPOSAL, "offset"), "3"), "review.art[0].offset", "not a string"),
    (_delete((*PROPOSAL, "length")), "review.art[0].length", "is required"),
    (_set((*PROPOSAL, "length"), 0), "review.art[0].length", "0 is not a whole number from 1"),
    (_set((*PROPOSAL, "hash"), 12), "review.art[0].hash", "16 hexadecimal digits, not 12"),
    (_set((*PROPOSAL, "page"), 1), "review.art[0].page", "is not a field here"),
]


@pytest.mark.parametrize(("edit", "where", "words"), MISUSES)
def test_each_misuse_is_reported_with_its_place(edit: Edit, where: str, words: str) -> None:
    data = document()
    edit(data)
    with pytest.raises(LoadError) as caught:
        timeline_from_data(data)
    found = [p for p in caught.value.problems if p.where == where]
    assert found, [str(p) for p in caught.value.problems]
    assert words in found[0].message, found[0]
    # the quick reader never reads what the checking reader refuses
    assert fast_timeline(json.dumps(data).encode()) is None


def test_every_field_of_format_2_is_read() -> None:
    t = timeline_from_data(document())
    art, derived = t.sources
    assert (art.kind, art.reliability, art.excerpt) == (SourceKind.NEWS, "B", True)
    assert (art.reliability_reason, art.licence, art.notes) == ("a known outlet", "CC BY", "n")
    assert derived.derived_from == ("art",)
    assert derived.reliability == "F" and derived.kind is None  # absent: ungraded, not said
    (quote,) = t.events[0].quotes
    assert (quote.credibility, quote.stance) == (2, Stance.CONTRADICTS)
    assert quote.note == "a later estimate"
    ((a, b),) = t.events[0].dismissed
    assert (a.source, b.source, a.hash) == ("art", "copy", HASH)
    (link,) = t.links
    assert (link.from_id, link.to_id, link.type, link.basis) == (
        "e", "f", LinkType.LED_TO, LinkBasis.SOURCE,
    )  # fmt: skip
    assert link.quote == Quote("art", "so") and link.label == "then"
    (era,) = t.eras
    assert (era.name, era.start.iso(), era.end and era.end.iso(), era.color) == (
        "War", "2022-02-24", "2025", "#445566",
    )  # fmt: skip
    ((mark,),) = t.review.values()
    assert (mark.offset, mark.length, mark.hash) == (3, 9, HASH)
    assert t.version == 2


def test_the_quick_reader_reads_format_2_as_the_checking_reader_does() -> None:
    data = document()
    quick = fast_timeline(json.dumps(data, indent=2).encode())
    assert quick is not None and quick == timeline_from_data(data)


def test_round_trips_are_byte_identical(tmp_path: Path) -> None:
    data = document()
    text = timeline_to_text(timeline_from_data(data))
    assert json.loads(text) == data  # every field written, in the file's order
    path = tmp_path / "t.json"
    path.write_text(text, encoding="utf-8")
    save_timeline(load_timeline(path), path)
    assert path.read_text(encoding="utf-8") == text


def test_defaults_are_not_written() -> None:
    data = document()
    data["sources"][0].update(reliability="F", excerpt=False, derived_from=[], kind=None)
    data["events"][0]["quotes"][0].update(credibility=6, stance="supports", note="")
    data["events"][0]["dismissed"] = []
    data.update(eras=[], review={})
    written = json.loads(timeline_to_text(timeline_from_data(data)))
    assert written["sources"][0].keys() == {
        "id", "title", "text_file", "reliability_reason", "licence", "notes",
    }  # fmt: skip
    assert written["events"][0]["quotes"] == [{"source": "art", "text": "quoted"}]
    assert "dismissed" not in written["events"][0]
    assert "eras" not in written and "review" not in written


def test_a_file_with_no_evidence_fields_is_as_short_as_in_format_1() -> None:
    v1 = document(version=1)
    one = timeline_to_text(timeline_from_data(v1))
    two = timeline_to_text(timeline_from_data({**v1, "version": 2}))
    assert two == one.replace('"version": 1', '"version": 2')


def test_a_newer_version_is_refused_naming_both_and_nothing_else_is_read() -> None:
    data = document()
    data["version"] = 3
    data["events"][0]["start"] = "not a date"
    with pytest.raises(LoadError) as caught:
        timeline_from_data(data)
    (problem,) = caught.value.problems
    assert problem.where == "version"
    assert f"format 3, newer than this app reads (format {FORMAT_VERSION})" in problem.message


def test_a_version_1_file_reads_as_before_keeping_format_2_names_as_its_own_fields() -> None:
    data = document(version=1)
    data["links"] = "a field of some other tool"
    data["events"][0]["quotes"][0]["stance"] = 12
    data["sources"][0]["kind"] = ["x"]
    t = timeline_from_data(copy.deepcopy(data))
    assert t.version == 1 and t.links == []
    assert t.extra == {"links": "a field of some other tool"}
    assert t.events[0].quotes[0].extra == {"stance": 12}
    assert json.loads(timeline_to_text(t)) == data  # written back in format 1, unchanged
    assert fast_timeline(json.dumps(data).encode()) is None  # left to the checking reader
    # such a file cannot move to format 2: the names would change their meaning
    assert format_2_clashes(t) == [
        "links", "sources[0] (art).kind", "events[0] (e).quotes[0].stance",
    ]  # fmt: skip
    with pytest.raises(FormatVersionError):
        timeline_to_text(t, version=2)


def test_a_version_1_file_is_written_in_version_1_until_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.json"
    text = json.dumps(document(version=1), indent=2, ensure_ascii=False) + "\n"
    path.write_text(text, encoding="utf-8")
    t = load_timeline(path)
    assert t.version == 1
    save_timeline(t, path)
    assert path.read_text(encoding="utf-8") == text  # byte for byte
    save_timeline(t, path, version=2)
    upgraded = load_timeline(path)
    assert upgraded.version == 2
    assert replace(upgraded, version=1) == t


def test_what_only_format_2_holds_cannot_be_written_in_format_1() -> None:
    t = timeline_from_data(document())
    places = format_2_places(t)
    assert "sources[0] (art).reliability" in places and "links" in places
    assert "events[0] (e).quotes[0]" in places and "events[0] (e).dismissed" in places
    with pytest.raises(FormatVersionError) as caught:
        timeline_to_text(t, version=1)
    assert "only format 2 can hold" in str(caught.value)
    old = replace(t, version=1)
    assert version_to_keep(old) == 2  # a recovery copy keeps it all
    plain = timeline_from_data(document(version=1))
    assert format_2_places(plain) == [] and version_to_keep(plain) == 1


def test_a_quote_is_known_by_its_words_whatever_their_spacing_or_quote_marks() -> None:
    assert text_hash("he said “no”") == text_hash('he  said\n"no"')
    assert text_hash("he said no") != text_hash("he said yes")
    assert is_hash(text_hash("x")) and not is_hash("x")
    a, b = Quote("art", "one"), Quote("bbc", "two")
    assert pair_mark(a, b) == pair_mark(b, a)
    mark = proposal_mark("It began in 2016. Then", 0, 17)
    assert (mark.offset, mark.length, mark.hash) == (0, 17, text_hash("It began in 2016."))


@pytest.mark.parametrize(
    ("derived", "cycle"),
    [
        ({"a": ["b"], "b": []}, None),
        ({"a": ["a"]}, ["a", "a"]),
        ({"a": ["b"], "b": ["c"], "c": ["a"]}, ["a", "b", "c", "a"]),
        ({"a": ["b", "c"], "b": ["c"], "c": []}, None),  # shared, not a cycle
        ({"x": ["a"], "a": ["b"], "b": ["a"]}, ["a", "b", "a"]),
        ({"a": ["zz"]}, None),  # unknown ids are the reader's to report
    ],
)
def test_derived_from_cycles_are_found(
    derived: dict[str, list[str]], cycle: list[str] | None
) -> None:
    assert derived_cycle(derived) == cycle


def test_a_repeated_link_or_era_id_is_reported_where_it_is_in_the_file() -> None:
    data = document()
    era = data["eras"][0]
    data["eras"] = [{"id": "x", "name": "No start"}, {**era, "id": "x"}, {**era, "id": "x"}]
    link = data["links"][0]
    data["links"] = [link, {**link, "to": "nowhere"}]  # the repeat has a problem of its own
    with pytest.raises(LoadError) as caught:
        timeline_from_data(data)
    found = {(p.where, p.message) for p in caught.value.problems}
    assert ("eras[1] (x).id", "duplicate id (also eras[0])") in found
    assert ("eras[2] (x).id", "duplicate id (also eras[0])") in found
    assert ("links[1] (l1).id", "duplicate id (also links[0])") in found


def test_a_symmetric_link_is_read_from_its_first_id_and_a_led_to_keeps_its_way() -> None:
    data = document()
    data["links"] = [
        {"id": "s", "from": "f", "to": "e", "type": "contradicts", "basis": "analyst"},
        {"id": "b", "from": "f", "to": "e", "type": "led_to", "basis": "analyst"},
    ]
    for read in (timeline_from_data(data), fast_timeline(json.dumps(data).encode())):
        assert read is not None
        (s, b) = read.links
        assert (s.from_id, s.to_id) == ("e", "f")  # stored from before to: written so
        assert (b.from_id, b.to_id) == ("f", "e")
        assert json.loads(timeline_to_text(read))["links"][0]["from"] == "e"
