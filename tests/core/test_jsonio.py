"""The one JSON reader turns hostile bytes into located problems, never a traceback."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.core.dates import parse_iso
from timeline_app.core.file_write import timeline_to_text
from timeline_app.core.jsonio import (
    LargeInteger,
    depth_over,
    dumps,
    holds_floats,
    read_json_bytes,
    walk,
)
from timeline_app.core.model import Event, Timeline
from timeline_app.core.problems import LoadError, Problem


def problem(raw: bytes) -> Problem:
    with pytest.raises(LoadError) as info:
        read_json_bytes(raw)
    (only,) = info.value.problems
    return only


def test_valid_json_with_a_bom_and_proper_surrogate_pairs_reads() -> None:
    data = read_json_bytes(b'\xef\xbb\xbf{"a": "\\ud83d\\ude00 \xc3\xa9", "b": [1, 2.5]}')
    assert data == {"a": "😀 é", "b": [1, 2.5]}


def test_an_escaped_lone_surrogate_is_refused_with_its_place() -> None:
    raw = b'{"events": [{"id": "e1", "title": "ok"},\n {"id": "e2", "title": "x\\ud800y"}]}'
    p = problem(raw)
    assert p.where == "events[1] (e2).title"
    assert "lone surrogate" in p.message
    assert (p.line, p.column) == (2, 26)  # the backslash of "\\ud800"


def test_a_lone_low_surrogate_and_one_in_a_key_are_refused() -> None:
    assert "lone surrogate" in problem(b'{"a": "\\udc00"}').message
    assert problem(b'{"x": {"\\ud800": 1}}').where == "x"


def test_an_escaped_backslash_before_u_d800_is_plain_text() -> None:
    assert read_json_bytes(b'{"a": "\\\\ud800"}') == {"a": "\\ud800"}


def test_raw_surrogate_bytes_are_not_utf8() -> None:
    p = problem(b'{"a": "\xed\xa0\x80"}')
    assert "not UTF-8" in p.message and (p.line, p.column) == (1, 8)


@pytest.mark.parametrize(
    ("encoding", "name"),
    [("utf-16", "UTF-16"), ("utf-16-le", "UTF-16 (little-endian)"),
     ("utf-16-be", "UTF-16 (big-endian)"), ("utf-32", "UTF-32")],
)  # fmt: skip
def test_utf16_and_utf32_are_named(encoding: str, name: str) -> None:
    assert name in problem('{"a": 1}'.encode(encoding)).message


def test_deep_nesting_is_a_problem_not_a_recursion_error() -> None:
    assert "nested too deeply" in problem(b"[" * 100_000 + b"]" * 100_000).message


def test_nan_and_infinity_are_refused_with_their_place() -> None:
    p = problem(b'{"events": [{"id": "x", "weight": NaN}]}')
    assert p.where == "events[0] (x).weight" and "NaN" in p.message
    assert "NaN" in problem(b"[-Infinity]").message


def test_a_syntax_error_has_its_line_and_column() -> None:
    p = problem(b'{\n  "title": ,\n}')
    assert (p.line, p.column) == (2, 12) and p.message.startswith("JSON syntax error")


def test_walk_and_depth() -> None:
    data: Any = {"a": [{"id": "q", "b": 1}]}
    assert ("a[0] (q).b", 1) in list(walk(data))
    deep: Any = []
    for _ in range(10):
        deep = [deep]
    assert depth_over(deep, 10) and not depth_over(deep, 11)
    assert not depth_over(json.loads("[[1]]"), 2)


def test_a_number_too_large_for_a_float_is_refused_not_read_as_infinity() -> None:
    p = problem(b'{"events": [{"id": "x", "weight": 1e400}]}')
    assert p.where == "events[0] (x).weight" and "too large" in p.message
    assert "too large" in problem(b"[" + b"1" * 400 + b".0]").message
    assert read_json_bytes(b"[1e300, 123456789012345678901234567890]")[0] == 1e300


def test_the_writer_never_writes_nan_or_infinity() -> None:
    from timeline_app.core.jsonio import dumps

    with pytest.raises(ValueError):
        dumps({"x": float("inf")})


def test_a_file_that_does_not_start_like_json_is_refused_before_it_is_read_whole(
    tmp_path: Any,
) -> None:
    from timeline_app.core.jsonio import json_head
    from timeline_app.core.safe_read import RefusedFile, read_regular_file

    zeros = tmp_path / "zeros.json"
    with open(zeros, "wb") as f:
        f.truncate(600 * 1024 * 1024)  # sparse: 600 MB of zeros, nothing on disk
    with pytest.raises(RefusedFile, match="is not a JSON document"):
        read_regular_file(zeros, 2**31, head=json_head)
    assert json_head(b"\xef\xbb\xbf \n {") == ""
    assert json_head('{"a": 1}'.encode("utf-16")) == ""  # named by the decoder later


def test_a_key_twice_in_one_object_is_refused_with_its_place() -> None:
    p = problem(b'{"events": [{"id": "e1", "title": "a",\n   "title": "b"}]}')
    assert p.where == "events[0] (e1)" and 'the key "title" appears twice' in p.message
    assert (p.line, p.column) == (2, 4)  # the second "title"
    nested = problem(b'{"a": {"x": 1, "a": 2}, "b": 3, "a": 4}')  # not the inner "a"
    assert nested.where == "document" and (nested.line, nested.column) == (1, 33)


def test_integers_of_any_size_are_kept_and_written_back_digit_for_digit() -> None:
    from timeline_app.core.jsonio import LargeInteger, dumps

    digits = "1" + "234567890" * 600  # 5,401 digits: more than Python converts
    data = read_json_bytes(f'{{"x_id": {digits}, "y": [-{digits}, 12]}}'.encode())
    assert data["x_id"] == LargeInteger(digits) and data["y"][1] == 12
    assert dumps(data) == f'{{"x_id":{digits},"y":[-{digits},12]}}'
    assert f'"x_id": {digits},' in dumps(data, indent=2)
    assert (
        dumps({"s": "\\u0000 looks like a placeholder"})
        == '{"s":"\\\\u0000 looks like a placeholder"}'
    )


plain_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(2**70), 2**70),
        st.text(),
        st.sampled_from(["\x00\x1f\x7f", "\u2028\u2029", '"\\/', "é中😀", "\b\f\n\r\t"]),
    ),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4)
    ),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None)
@given(plain_values, st.sampled_from([None, 2]))
def test_plain_data_is_written_byte_for_byte_as_the_standard_library_writes_it(
    data: Any, indent: int | None
) -> None:
    """The quick encoder may never change a file the app saves: same bytes, same diff."""
    assert dumps(data, indent, plain=True) == dumps(data, indent)


def test_data_that_is_not_plain_after_all_is_still_written_right() -> None:
    assert dumps({"s": "\ud800"}, plain=True) == dumps({"s": "\ud800"})  # no text: said later
    assert holds_floats({"a": [1, {"b": 2.5}]}) and not holds_floats({"a": [1, "2.5"]})
    assert holds_floats([LargeInteger("1" * 5000)])


def test_an_integer_too_long_to_convert_is_saved_digit_for_digit() -> None:
    event = Event("e", "E", parse_iso("2024"), extra={"x_id": LargeInteger("7" * 5000)})
    assert f'"x_id": {"7" * 5000}' in timeline_to_text(Timeline("T", events=[event]))


def test_a_float_in_a_field_the_app_does_not_know_is_saved_as_it_was_read() -> None:
    """msgspec would write 1e16 where the file (and Python) say 1e+16: such a timeline is
    written by the standard library."""
    event = Event("e", "E", parse_iso("2024"), extra={"x_weight": 1e16})
    text = timeline_to_text(Timeline("T", events=[event], extra={"n": 3}))
    assert '"x_weight": 1e+16' in text
