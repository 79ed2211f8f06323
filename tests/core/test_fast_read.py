"""The quick way in (msgspec) reads what the checking reader (the standard json module)
reads, record for record, or leaves the file to it: it never accepts a file the checking
reader refuses, nor builds anything else from one it accepts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_loader_grammar import KNOWN_FIELDS, document, json_values, records, with_field

from timeline_app.core.bundled import bundled_dataset
from timeline_app.core.fast_read import fast_timeline
from timeline_app.core.file_read import LoadError, load_timeline, timeline_from_data
from timeline_app.core.jsonio import read_json_bytes
from timeline_app.core.model import Timeline

BOUNDED = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# the ways a file may be written: the app's, compact, escaped, and keys spaced from colons
WRITERS = {
    "app": lambda d: json.dumps(d, ensure_ascii=False, indent=2),
    "compact": lambda d: json.dumps(d, ensure_ascii=False, separators=(",", ":")),
    "ascii": lambda d: json.dumps(d),
    "spaced": lambda d: json.dumps(d, separators=(", ", " : ")),
}


def checked(text: str) -> Timeline | LoadError:
    """What the checking reader makes of the file's bytes."""
    try:
        return timeline_from_data(read_json_bytes(text.encode("utf-8", "surrogatepass")))
    except LoadError as exc:
        return exc


def agree(text: str) -> Timeline | None:
    """The fast reader's answer, after holding it to the checking reader's."""
    fast = fast_timeline(text.encode("utf-8", "surrogatepass"))
    slow = checked(text)
    if fast is not None:
        assert not isinstance(slow, LoadError), slow.problems
        assert fast == slow
        assert (fast.title, fast.extra) == (slow.title, slow.extra)
    return fast


@BOUNDED
@given(st.lists(records, max_size=4), st.sampled_from(sorted(WRITERS)))
def test_any_events_are_read_alike_or_left_to_the_checking_reader(
    events: list[Any], writer: str
) -> None:
    doc = document()
    doc["events"] = events
    agree(WRITERS[writer](doc))


texts = st.text(max_size=12) | st.sampled_from(["", " ", 'say "so": now', "\\", "a\\", "é\u2028"])
maybe = st.none() | st.just("")
valid_events = st.fixed_dictionaries(
    {"title": texts.filter(str.strip), "start": st.sampled_from(["1953", "2024-11", "1980s"])},
    optional={
        "end": maybe | st.sampled_from(["2024-11-01", "2030"]),
        "status": st.none() | st.sampled_from(["reported", "alleged", "confirmed", "x"]),
        "date_basis": st.none() | st.sampled_from(["source", "elsewhere"]),
        "actors": st.none() | st.lists(st.sampled_from(["nk", "nk", "zz"]), max_size=2),
        "tags": st.none() | st.lists(texts, max_size=2),
        "summary": maybe | texts,
        "notes": maybe | texts,
        "quotes": st.none()
        | st.lists(
            st.fixed_dictionaries({"source": st.sampled_from(["art", "art", "zz"]), "text": texts}),
            max_size=2,
        ),
    },
)


@BOUNDED
@given(st.lists(valid_events, max_size=5), st.sampled_from(sorted(WRITERS)))
def test_mostly_valid_files_are_read_alike_the_quick_way(
    events: list[dict[str, Any]], writer: str
) -> None:
    doc = document()
    doc["events"] = [{"id": f"e{i}", **e} for i, e in enumerate(events)]
    agree(WRITERS[writer](doc))


@BOUNDED
@given(st.sampled_from(KNOWN_FIELDS), json_values, st.sampled_from(sorted(WRITERS)))
def test_any_known_field_of_any_value_is_read_alike_or_left(
    field: tuple[tuple[Any, ...], str], value: Any, writer: str
) -> None:
    agree(WRITERS[writer](with_field(field, value)))


@BOUNDED
@given(st.dictionaries(st.text(max_size=6), json_values, max_size=3))
def test_fields_the_app_does_not_know_at_the_top_are_kept(extra: dict[str, Any]) -> None:
    doc = {**document(), **extra}
    agree(WRITERS["app"](doc))


def test_a_valid_file_is_read_the_quick_way() -> None:
    """Else the speed is only on paper: the bundled file, and one with unknown fields at
    its top (as the benchmark files have), take the quick way."""
    text = bundled_dataset().read_text(encoding="utf-8")
    assert agree(text) is not None
    assert agree(WRITERS["app"]({**document(), "generator": {"name": "x", "n": [1, 2]}}))
    assert agree("\ufeff" + text) is not None  # a byte order mark is no reason to slow down
    # a quote mark and a colon inside a text (a note quoting "last month": ...) is no key
    quoting = {**document(), "title": 'It says "last month": October; "a\\": b'}
    assert agree(WRITERS["app"](quoting)) is not None


@pytest.mark.parametrize(
    "text",
    [
        # a key twice in one object (the checking reader refuses it, with its place)
        '{"format": "timeline-app", "version": 1, "title": "A", "title": "B"}',
        '{"format":"timeline-app","version":1,"events":[{"id":"e","id":"f","title":"E",'
        '"start":"2024"}]}',
        # ... also when a key spaced from its colon would make the count come out even
        '{"format":"timeline-app","version":1,"title" :"A","events":[{"id":"e","title":"E",'
        '"title":"F","start":"2024"}]}',
        # ... or when texts hold quote marks before colons, or keys end in a backslash
        r'{"format":"timeline-app","version":1,"title":"say \"x\": \\\"y\": z",'
        r'"events":[{"id":"e","k\\":1,"title":"E","title":"F","start":"2024"}]}',
        r'{"format":"timeline-app","version":1,"k\\":1,"events":[{"id":"e","title":"E",'
        r'"title":"F","start":"2024"}]}',
        r'{"format":"timeline-app","version":2,"sources":[{"id":"s","title":"S","k\\":1}],'
        r'"events":[{"id":"e","title":"E","title":"F","start":"2024"}]}',
        # not JSON, or not data the format can hold
        '{"format": "timeline-app", "version": 1, "title": NaN}',
        '{"format": "timeline-app", "version": 1, "x": 1e400}',
        '{"format": "timeline-app", "version": 1, "title": "\\ud800"}',
        '{"format": "timeline-app", "version": 1, "title": "a\\udc00\\ud83d"}',
        '{"format": "timeline-app", "version": 1, "\\ud800": 1}',
        '{"format": "timeline-app", "version": 1, "title": "tab\there"}',
        '{"format": "timeline-app", "version": 1.0}',
        '{"format": "timeline-app", "version": true}',
        '{"format": "timeline-app", "version": 1}  x',
        '{"format": "timeline-app", "version": 3}',
        # nested deeper than any reader goes, in a known field and in an unknown one
        '{"format": "timeline-app", "version": 1, "events": ' + "[" * 50000 + "]" * 50000 + "}",
        '{"format": "timeline-app", "version": 1, "x": ' + "[" * 50000 + "]" * 50000 + "}",
    ],
)
def test_what_the_checking_reader_refuses_is_never_read_the_quick_way(text: str) -> None:
    """(and nothing makes the quick reader raise)"""
    assert fast_timeline(text.encode("utf-8", "surrogatepass")) is None
    assert isinstance(checked(text), LoadError)


def test_a_surrogate_pair_is_read_alike_and_an_unescaped_half_refused() -> None:
    pair = '{"format": "timeline-app", "version": 1, "title": "\\ud83d\\ude00 x"}'
    assert agree(pair) is not None and agree(pair).title == "\U0001f600 x"  # type: ignore[union-attr]
    raw = b'{"format": "timeline-app", "version": 1, "title": "\xed\xa0\x80"}'
    assert fast_timeline(raw) is None


def test_an_event_field_the_app_does_not_know_is_kept(tmp_path: Path) -> None:
    doc = document()
    doc["events"][0]["x_confidence"] = {"level": 3}
    path = tmp_path / "t.json"
    path.write_text(WRITERS["app"](doc), encoding="utf-8")
    assert load_timeline(path).events[0].extra == {"x_confidence": {"level": 3}}


def test_a_duplicate_key_in_a_big_file_is_refused_with_its_place(tmp_path: Path) -> None:
    doc = document()
    doc["events"] = [{"id": f"e{i}", "title": f"E {i}", "start": "2024-11-01"} for i in range(2000)]
    text = WRITERS["app"](doc).replace('"id": "e1500",', '"id": "e1500", "title": "again",')
    path = tmp_path / "t.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        load_timeline(path)
    (problem,) = caught.value.problems
    assert "appears twice" in problem.message and "e1500" in problem.where


def test_a_file_decoded_with_a_record_in_doubt_is_read_again_by_the_checking_reader(
    tmp_path: Path,
) -> None:
    """The quick way lets go of the bytes before it makes the records: when one is in
    doubt, the file is read again and its problem is said with its place."""
    doc = document()
    doc["events"][0]["actors"] = ["nk", "nobody"]
    path = tmp_path / "t.json"
    path.write_text(WRITERS["app"](doc), encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        load_timeline(path)
    (problem,) = caught.value.problems
    assert problem.where == "events[0] (e).actors" and "'nobody'" in problem.message


def test_what_is_decoded_does_not_hold_on_to_the_files_bytes() -> None:
    """The loader lets go of a big file's bytes before it builds the records (100,000
    events: 80 MB); a msgspec.Raw is a view of the whole input and would keep them."""
    import msgspec

    from timeline_app.core.fast_read import fast_decode

    data = document()
    decoded = fast_decode(json.dumps(data, indent=2).encode())
    assert decoded is not None and decoded.parts["sources"] == data["sources"]
    doc = decoded.doc
    assert not any(isinstance(getattr(doc, f), msgspec.Raw) for f in doc.__struct_fields__)
