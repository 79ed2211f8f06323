"""Bytes to JSON data, or located problems: the one reader of every JSON file the app opens
(timelines, TimelineJS files, recovery files).

A file is untrusted input.  What Python's ``json`` module would let through or turn into a
traceback is a :class:`~timeline_app.core.problems.LoadError` here, with its line and
column or its place in the document:

* text that is not UTF-8 (UTF-16 and UTF-32 are named: editors on Windows write them);
* syntax errors, nesting deep enough to exhaust Python's recursion, numbers Python refuses;
* ``NaN`` and ``Infinity``, which are not JSON and could not be written back, and numbers
  too large for a float (``1e400``), which Python would read as infinity;
* lone surrogates (``"\\ud800"``): not text, so nothing could save them again;
* duplicate keys in an object (Python keeps the last silently): refused with their place.

Integers of any size are kept: those longer than Python converts (4,300 digits) are read as
:class:`LargeInteger` and written back digit for digit by :func:`dumps`.
"""

from __future__ import annotations

import json
import json.decoder
import json.scanner
import math
import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import msgspec

from .encodings import has_bom, wide_encoding
from .problems import LoadError, Problem

_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_HIGH = re.compile(r"[\ud800-\udbff]")
_ANY_SURROGATE = re.compile(r"[\ud800-\udfff]")


class _NotANumber:
    """Stands for NaN or Infinity while finding where they are."""


def json_head(data: bytes) -> str:
    """Why these first bytes of a file cannot start a JSON object or array ("" when they
    can, or when the decoder will name the file's encoding): checked before a big file is
    read whole."""
    if has_bom(data):
        return ""
    stripped = data.removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\r\n")
    if not stripped or stripped[:1] in (b"{", b"["):
        return ""
    if len(stripped) > 1 and (stripped[0] == 0) != (stripped[1] == 0):
        return ""  # UTF-16 without a byte order mark: the decoder names it
    return f"is not a JSON document: it starts with {stripped[:1]!r}"


def decode_json_bytes(raw: bytes) -> str:
    """The text of a JSON file (UTF-8, a BOM allowed), or LoadError naming its encoding."""
    wide = wide_encoding(raw)
    if wide is not None:
        raise LoadError([Problem("", f"the file is {wide} text: save it as UTF-8")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, column = _line_column(raw, exc.start)
        byte = raw[exc.start]
        raise LoadError(
            [Problem("", f"not UTF-8 text (byte 0x{byte:02X} cannot start or continue a "
                     "character): save the file as UTF-8", line, column)]
        ) from None  # fmt: skip


@dataclass(frozen=True, slots=True)
class LargeInteger:
    """An integer too long for Python to convert safely, kept as its digits."""

    digits: str


_INT_DIGITS = 4000  # Python refuses to convert more than 4,300 (a quadratic conversion)


def _int(digits: str) -> int | LargeInteger:
    return int(digits) if len(digits) <= _INT_DIGITS else LargeInteger(digits)


class _DuplicateKey(ValueError):
    pass


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """Each object as a dict, refusing a key that appears twice (checked at C speed)."""
    d = dict(pairs)
    if len(d) != len(pairs):
        raise _DuplicateKey
    return d


class _HugeNumber(ValueError):
    pass


def _float(digits: str) -> float:
    """A float, refusing one too large to be anything but infinity (``1e400``)."""
    value = float(digits)
    if math.isinf(value):
        raise _HugeNumber(digits)
    return value


def _loads(text: str, **hooks: Any) -> Any:
    """``json.loads`` with the app's rules; integers too long for Python are read again
    as :class:`LargeInteger` (only when there is one: the hook costs time)."""
    try:
        return json.loads(
            text,
            parse_constant=_refuse_constant,
            parse_float=_float,
            object_pairs_hook=_object,
            **hooks,
        )
    except ValueError as exc:
        if "parse_int" in hooks or "integer string conversion" not in str(exc):
            raise
        return _loads(text, parse_int=_int)


def may_hold_surrogates(raw: bytes) -> bool:
    """Whether JSON bytes escape a surrogate anywhere (a quick search, before parsing)."""
    return _SURROGATE_ESCAPE.search(raw) is not None


def parse_json_text(text: str, surrogates: bool | None = None) -> Any:
    """Parse JSON text into plain data (``surrogates``: what :func:`may_hold_surrogates`
    said of its bytes, when known).  Raises LoadError with located problems."""
    try:
        data = _loads(text)
    except json.JSONDecodeError as exc:
        raise LoadError([_syntax_problem(exc)]) from None
    except (_ConstantError, _HugeNumber):
        raise LoadError([_constant_problem(text)]) from None
    except _DuplicateKey:
        raise LoadError([_duplicate_problem(text)]) from None
    except RecursionError:
        raise LoadError([Problem("", "the document is nested too deeply to read")]) from None
    except ValueError as exc:  # e.g. an integer of more digits than Python converts
        raise LoadError([Problem("", f"a value cannot be read: {exc}")]) from None
    if surrogates is None:
        surrogates = may_hold_surrogates(text.encode("utf-8", "surrogatepass"))
    if surrogates:
        problem = _surrogate_problem(data, text)
        if problem is not None:
            raise LoadError([problem])
    return data


def dumps(data: Any, indent: int | None = None, plain: bool = False) -> str:
    """JSON text as the app writes it: UTF-8 characters as they are, integers of any size
    digit for digit, and never NaN or Infinity (a ValueError instead of a file the reader
    would refuse).  ``plain``: as for :func:`dumps_utf8`."""
    if plain and (quick := quick_utf8(data, indent)) is not None:
        return quick.decode("utf-8")
    separators = (",", ": ") if indent is not None else (",", ":")
    large: list[LargeInteger] = []

    def default(value: Any) -> Any:
        if isinstance(value, LargeInteger):
            large.append(value)
            return f"\0{_NONCE}:{value.digits}"  # replaced by the digits below
        raise TypeError(f"{type(value).__name__} is not JSON")

    text = json.dumps(
        data,
        ensure_ascii=False,
        indent=indent,
        allow_nan=False,
        separators=separators,
        default=default,
    )
    if large:
        text = re.sub(rf'"\\u0000{_NONCE}:(-?[0-9]+)"', r"\1", text)
    return text


def dumps_utf8(data: Any, indent: int | None = None, plain: bool = False) -> bytes:
    """:func:`dumps` as UTF-8 bytes (raises UnicodeEncodeError for a lone surrogate).

    ``plain``: the caller knows that ``data`` holds no float and no :class:`LargeInteger`
    (only strings, integers, true/false, null, lists and objects), which msgspec, in C,
    then encodes into the same bytes (100,000 events: 0.3 s, where the standard library's
    indented encoder takes 4.7 s)."""
    if plain and (quick := quick_utf8(data, indent)) is not None:
        return quick
    return dumps(data, indent).encode("utf-8")


def quick_utf8(data: Any, indent: int | None) -> bytes | None:
    """Plain data (msgspec structs allowed) encoded by msgspec as :func:`dumps_utf8`
    writes it; None when it is not plain after all, or not text (the standard library
    then says what is wrong)."""
    try:
        encoded = msgspec.json.encode(data)
        return encoded if indent is None else msgspec.json.format(encoded, indent=indent)
    except (TypeError, ValueError, msgspec.EncodeError):
        return None


_NONCE = secrets.token_hex(8)  # no string of the data can make the placeholder


def holds_floats(value: Any) -> bool:
    """Whether ``value`` holds a float or a :class:`LargeInteger` anywhere (then it is not
    plain data for :func:`dumps`)."""
    return any(isinstance(v, (float, LargeInteger)) for _where, v in walk(value))


def read_json_bytes(raw: bytes) -> Any:
    """Decode and parse a JSON file's bytes.  Raises LoadError with located problems."""
    return parse_json_text(decode_json_bytes(raw), may_hold_surrogates(raw))


# -- finding what went wrong -----------------------------------------------------------------


class _Duplicated(dict[str, Any]):
    """An object in which a key appears twice (while finding where)."""

    key = ""


def _syntax_problem(exc: json.JSONDecodeError) -> Problem:
    return Problem("", f"JSON syntax error: {exc.msg}", exc.lineno, exc.colno)


def _duplicate_problem(text: str) -> Problem:
    """Where the first key that appears twice in one object is: a second, slower parse that
    knows where each object starts (only when there is one)."""
    found: list[tuple[str, int]] = []
    memo: dict[str, str] = {}
    decoder = json.JSONDecoder(parse_constant=lambda _name: None, parse_int=_int)

    def parse_object(s_and_end: tuple[str, int], *args: Any, **kwargs: Any) -> Any:
        s, start = s_and_end
        pairs, end = json.decoder.JSONObject(  # type: ignore[attr-defined]
            s_and_end, decoder.strict, scanner, None, list, memo
        )
        keys = [k for k, _ in pairs]
        if len(set(keys)) == len(keys):
            return dict(pairs), end
        seen: set[str] = set()
        key = next(k for k in keys if k in seen or seen.add(k))  # type: ignore[func-returns-value]
        found.append((key, _second_key(s, start, end, key)))
        marked = _Duplicated(pairs)
        marked.key = key
        return marked, end

    # the pure-Python scanner, told to parse objects as above (json's own extension points)
    setattr(decoder, "parse_object", parse_object)  # noqa: B010
    scanner = json.scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
    setattr(decoder, "scan_once", scanner)  # noqa: B010
    try:
        data = decoder.decode(text)
    except RecursionError:  # deeper than the pure-Python scanner goes: no place, still said
        return Problem("", "a key appears twice in one object")
    except json.JSONDecodeError as exc:  # broken further on: that is the first thing to fix
        return _syntax_problem(exc)
    where = next((w for w, v in walk(data) if isinstance(v, _Duplicated)), "")
    key, offset = found[0] if found else ("", 0)
    line = text.count("\n", 0, offset) + 1
    column = offset - text.rfind("\n", 0, offset)
    message = f"the key {json.dumps(key, ensure_ascii=False)} appears twice in this object"
    return Problem(where or "document", message, line, column)


_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]]')


def _second_key(text: str, start: int, end: int, key: str) -> int:
    """Where ``key`` appears the second time as a key of the object whose text, just after
    its ``{``, is ``text[start:end]`` (not inside the objects it holds): the offset of its
    opening quote."""
    depth, count = 1, 0
    for m in _TOKEN.finditer(text, start, end):
        token = m.group()
        if token in "{[":
            depth += 1
        elif token in "}]":
            depth -= 1
        elif (
            depth == 1
            and text[m.end() : m.end() + 40].lstrip().startswith(":")
            and json.loads(token) == key
        ):
            count += 1
            if count == 2:
                return m.start()
    return max(start - 1, 0)


class _ConstantError(ValueError):
    pass


def _refuse_constant(name: str) -> Any:
    raise _ConstantError(name)


def _constant_problem(text: str) -> Problem:
    """Where the first NaN, Infinity or number too large for a float is (a second parse,
    only when there is one)."""

    def huge(digits: str) -> float | _NotANumber:
        value = float(digits)
        return _NotANumber() if math.isinf(value) else value

    data = json.loads(text, parse_constant=lambda _name: _NotANumber(), parse_float=huge)
    message = "is NaN, Infinity or a number too large to keep: write a number or null"
    for where, value in walk(data):
        if isinstance(value, _NotANumber):
            return Problem(where, message)
    return Problem("", message)


def _surrogate_problem(data: Any, text: str) -> Problem | None:
    """The first string (or key) holding half of a surrogate pair, with its place."""
    for where, value in walk(data, keys=True):
        if isinstance(value, str) and _ANY_SURROGATE.search(value) and _lone(value):
            line, column = _first_lone_escape(text)
            return Problem(
                where,
                "contains a lone surrogate (a \\ud800-\\udfff escape without its pair), "
                "which is not text",
                line,
                column,
            )
    return None


def _lone(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _first_lone_escape(text: str) -> tuple[int, int]:
    """Line and column of the first escaped lone surrogate in JSON text ((0, 0): not found)."""
    pattern = re.compile(r"\\u([dD][89a-fA-F][0-9a-fA-F]{2})(\\u[dD][c-fC-F][0-9a-fA-F]{2})?")
    for m in pattern.finditer(text):
        i = m.start() - 1
        while i >= 0 and text[i] == "\\":
            i -= 1
        if (m.start() - 1 - i) % 2:
            continue  # "\\ud800": an escaped backslash, then plain letters
        high = 0xD800 <= int(m.group(1), 16) <= 0xDBFF
        if high and m.group(2):
            continue  # a proper pair
        before = _unescape(text[max(m.start() - 6, 0) : m.start()])
        if not high and _HIGH.fullmatch(before):
            continue  # the low half of a pair
        raw_line = text.count("\n", 0, m.start()) + 1
        return raw_line, m.start() - text.rfind("\n", 0, m.start())
    return 0, 0


def _unescape(escape: str) -> str:
    try:
        return chr(int(escape[2:], 16)) if escape.startswith("\\u") else ""
    except ValueError:
        return ""


def _line_column(raw: bytes, offset: int) -> tuple[int, int]:
    line = raw.count(b"\n", 0, offset) + 1
    return line, offset - raw.rfind(b"\n", 0, offset)


def kind_of(value: Any) -> str:
    """What a JSON value is, in words: "an object", "a list", "a number"..."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, float, LargeInteger)):
        return "a number"
    if value is None:
        return "null"
    return "a string" if isinstance(value, str) else type(value).__name__


def walk(data: Any, keys: bool = False) -> Iterator[tuple[str, Any]]:
    """Every value in ``data`` with its place (``events[3] (aleppo-2016).title``), depth
    first, without recursion; with ``keys``, object keys too (at their object's place)."""
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        where, value = stack.pop()
        yield where, value
        if isinstance(value, dict):
            items = list(value.items())
            for key, child in reversed(items):
                if keys:
                    stack.append((where or "document", key))
                stack.append((f"{where}.{key}" if where else str(key), child))
        elif isinstance(value, list):
            for i in range(len(value) - 1, -1, -1):
                child = value[i]
                ident = child.get("id") if isinstance(child, dict) else None
                label = f" ({ident})" if isinstance(ident, str) and ident else ""
                stack.append((f"{where}[{i}]{label}", child))


def depth_over(value: Any, limit: int) -> bool:
    """True when ``value`` nests lists and objects more than ``limit`` levels deep."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (dict, list)):
            if depth >= limit:
                return True
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return False
