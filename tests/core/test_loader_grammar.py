"""One grammar for a timeline file: the fast loader (for the common, well-formed record) and
the checking loader (which finds and places every problem) never disagree, and no JSON
value makes the loader raise anything but LoadError."""

from __future__ import annotations

import contextlib
import copy
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from paths import DATASET

from timeline_app.core.file_read import LoadError, _fast_event, timeline_from_data
from timeline_app.core.file_records import (
    EVENT_KEYS,
    EVENT_KEYS_2,
    GRAMMARS,
    LINK_KEYS,
    QUOTE_KEYS,
    QUOTE_KEYS_2,
    SOURCE_KEYS,
    SOURCE_KEYS_2,
    TOP_KEYS,
    TOP_KEYS_2,
    Checker,
    read_event,
)
from timeline_app.core.problems import Problem

ACTORS, SOURCES = {"nk", "ru"}, {"art"}
HASH = "0123456789abcdef"
BOUNDED = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-2, 2), st.floats(allow_nan=False), st.just(""),
    st.just("  "), st.text(max_size=4), st.integers(0, 7),
    st.sampled_from(["1953", "2024-11-01", "1980s", "2016-13", "2024-11", "reported", "alleged",
                     "source", "elsewhere", "nk", "ru", "art", "zz", "x", "supports",
                     "contradicts", HASH, HASH.upper()]),
)  # fmt: skip
values = st.one_of(
    scalars,
    st.lists(st.sampled_from(["nk", "ru", "zz", "", 1, None]), max_size=3),
    st.just({}),
    st.just([]),
    st.dictionaries(st.sampled_from(["a", "b"]), scalars, max_size=2),
)
quotes = st.lists(
    st.one_of(
        scalars,
        st.fixed_dictionaries(
            {}, optional={**{k: values for k in QUOTE_KEYS + QUOTE_KEYS_2}, "x_page": values}
        ),
    ),
    max_size=3,
)
marks = st.fixed_dictionaries(
    {}, optional={"source": values, "hash": st.just(HASH) | values, "x": values}
)
dismissed = values | st.lists(st.lists(marks, min_size=1, max_size=3) | values, max_size=2)
records = st.one_of(
    values,
    st.fixed_dictionaries(
        {},
        optional={
            **{k: values for k in EVENT_KEYS},
            "quotes": quotes | values,
            "dismissed": dismissed,
            "x": values,
        },
    ),
    # mostly valid: one field at a time goes wrong
    st.fixed_dictionaries(
        {"id": st.just("e"), "title": st.just("E"), "start": st.just("2024-11-01")},
        optional={
            **{k: values for k in EVENT_KEYS if k not in ("id", "title", "start")},
            "quotes": quotes,
            "dismissed": dismissed,
        },
    ),
)


@BOUNDED
@given(records, st.sampled_from(sorted(GRAMMARS)))
def test_the_fast_path_returns_nothing_or_exactly_what_the_checking_path_returns(
    raw: Any, version: int
) -> None:
    g = GRAMMARS[version]
    fast = _fast_event(copy.deepcopy(raw), ACTORS, SOURCES, g)
    checker = Checker()
    checked = read_event(checker, 0, copy.deepcopy(raw), ACTORS, SOURCES, g)
    if fast is not None:
        assert checker.problems == [], (raw, checker.problems)
        assert checked == fast


def test_the_cases_that_once_disagreed() -> None:
    base = {"id": "e", "title": "E", "start": "2024"}
    cases: list[tuple[str, Any]] = [
        ("actors", ""), ("actors", 0), ("actors", False), ("quotes", ""), ("tags", {}),
        ("status", []), ("date_basis", {}), ("quotes", 0),
    ]  # fmt: skip
    for field, value in cases:
        raw = {**base, field: value}
        assert _fast_event(raw, ACTORS, SOURCES, GRAMMARS[2]) is None
        checker = Checker()
        assert read_event(checker, 3, raw, ACTORS, SOURCES, GRAMMARS[2]) is None
        (problem,) = checker.problems
        assert problem.where == f"events[3] (e).{field}", problem


def document(version: int = 2) -> dict[str, Any]:
    """A valid document: in version 2, with a field of every kind format 2 adds."""
    if version == 1:
        return {
            "format": "timeline-app",
            "version": 1,
            "title": "T",
            "sources": [{"id": "art", "title": "A", "text_file": "a.txt"}],
            "actors": [{"id": "nk", "name": "North Korea", "color": "#112233"}],
            "events": [
                {"id": "e", "title": "E", "start": "2024-11-01", "status": "reported",
                 "date_basis": "source", "actors": ["nk"],
                 "quotes": [{"source": "art", "text": "quoted"}]},
            ],
        }  # fmt: skip
    mark = {"source": "art", "hash": HASH}
    return {
        "format": "timeline-app",
        "version": 2,
        "title": "T",
        "sources": [
            {"id": "art", "title": "A", "text_file": "a.txt", "kind": "news",
             "reliability": "B", "reliability_reason": "a known outlet", "licence": "CC BY",
             "notes": "n", "excerpt": True},
            {"id": "copy", "title": "C", "derived_from": ["art"]},
        ],
        "actors": [{"id": "nk", "name": "North Korea", "color": "#112233"}],
        "events": [
            {"id": "e", "title": "E", "start": "2024-11-01", "status": "reported",
             "date_basis": "source", "actors": ["nk"],
             "quotes": [{"source": "art", "text": "quoted", "credibility": 2,
                         "stance": "contradicts", "note": "a later estimate"}],
             "dismissed": [[mark, {"source": "copy", "hash": HASH}]]},
            {"id": "f", "title": "F", "start": "2024-12", "status": "alleged",
             "date_basis": "source", "quotes": []},
        ],
        "links": [
            {"id": "l1", "from": "e", "to": "f", "type": "led_to", "label": "then",
             "basis": "source", "quote": {"source": "art", "text": "so"}, "notes": "n"},
        ],
        "eras": [{"id": "war", "name": "War", "start": "2022-02-24", "end": "2025",
                  "color": "#445566", "notes": "n"}],
        "review": {"art": [{"offset": 3, "length": 9, "hash": HASH}]},
    }  # fmt: skip


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text()),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


@BOUNDED
@given(json_values)
def test_any_json_value_is_a_timeline_or_a_load_error(data: Any) -> None:
    with contextlib.suppress(LoadError):
        timeline_from_data(data)


def _paths(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(data, dict):
        for k, v in data.items():
            found += _paths(v, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            found += _paths(v, (*path, i))
    return found


@BOUNDED
@given(st.data(), json_values)
def test_any_part_of_a_valid_file_replaced_by_any_value_is_a_load_error_at_worst(
    data: st.DataObject, value: Any
) -> None:
    doc = document()
    path = data.draw(st.sampled_from(_paths(doc)[1:]))
    target = doc
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    with contextlib.suppress(LoadError):
        timeline_from_data(doc)


KNOWN_FIELDS = (
    [((), k) for k in TOP_KEYS + TOP_KEYS_2]
    + [(("sources", 0), k) for k in SOURCE_KEYS + SOURCE_KEYS_2]
    + [(("actors", 0), k) for k in ("id", "name", "color")]
    + [(("events", 0), k) for k in EVENT_KEYS + EVENT_KEYS_2]
    + [(("events", 0, "quotes", 0), k) for k in QUOTE_KEYS + QUOTE_KEYS_2]
    + [(("events", 0, "dismissed", 0, 0), k) for k in ("source", "hash")]
    + [(("links", 0), k) for k in LINK_KEYS]
    + [(("links", 0, "quote"), k) for k in QUOTE_KEYS + QUOTE_KEYS_2]
    + [(("eras", 0), k) for k in ("id", "name", "start", "end", "color", "notes")]
    + [(("review",), "art")]
    + [(("review", "art", 0), k) for k in ("offset", "length", "hash")]
)


@BOUNDED
@given(st.sampled_from(KNOWN_FIELDS), json_values)
def test_any_known_field_of_any_value_is_a_timeline_or_a_load_error(
    field: tuple[tuple[Any, ...], str], value: Any
) -> None:
    with contextlib.suppress(LoadError):
        timeline_from_data(with_field(field, value))


def with_field(field: tuple[tuple[Any, ...], str], value: Any) -> dict[str, Any]:
    """The valid document with one known field (its place, its key) set to ``value``."""
    doc = document()
    target: Any = doc
    for step in field[0]:
        target = target[step]
    target[field[1]] = value
    return doc


LIST_FIELDS = [((), "sources"), ((), "actors"), ((), "events"), (("events", 0), "actors"),
               (("events", 0), "tags"), (("events", 0), "quotes"), ((), "links"), ((), "eras"),
               (("sources", 0), "derived_from"), (("events", 0), "dismissed")]  # fmt: skip


@pytest.mark.parametrize(("path", "key"), LIST_FIELDS)
@pytest.mark.parametrize("value", ["", 0, False, {}, None, []])
def test_a_list_field_is_a_list_left_out_or_an_error_with_its_place(
    path: tuple[Any, ...], key: str, value: Any
) -> None:
    """events/README.md's grammar: a list field may be null or [] (then empty, as when left
    out); "", 0, false or {} in its place is an error that names where it is."""
    data = json.loads(DATASET.read_text(encoding="utf-8"))
    target = data
    for step in path:
        target = target[step]
    target[key] = value
    if not path:
        place = key
    elif path[0] == "events":
        place = f"events[0] (korean-war-ends).{key}"
    else:
        place = f"sources[0] ({data['sources'][0]['id']}).{key}"
    try:
        timeline_from_data(data)
        problems: list[Problem] = []
    except LoadError as exc:
        problems = list(exc.problems)
    at_field = [p for p in problems if p.where == place]
    if value is None or value == []:
        assert not at_field, at_field  # (emptied lists may leave references dangling)
    else:
        assert at_field and "must be a list" in at_field[0].message, problems
