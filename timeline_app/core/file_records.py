"""The records of a timeline file's data, read with every problem placed.

The checking reader's rules, one home for each: which fields each version of the format
knows (:data:`GRAMMARS`), and how each record is read from plain JSON data into a
:class:`~timeline_app.core.model` record, every problem collected with where it is
(``events[3] (aleppo-2016).start: ...``).  Both readers use them: the checking one
(:mod:`~timeline_app.core.file_read`) for a whole document, the quick one
(:mod:`~timeline_app.core.fast_read`) for the short lists of a big file.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from .dates import DateError, TimelineDate, end_before_start, parse_iso
from .fingerprints import HASH_LENGTH, is_hash
from .jsonio import depth_over, kind_of
from .model import (
    CREDIBILITIES,
    FORMAT_VERSION,
    MAX_NESTING,
    RELIABILITIES,
    UNGRADED,
    UNJUDGED,
    Actor,
    DateBasis,
    Era,
    Event,
    Link,
    LinkBasis,
    LinkType,
    ProposalMark,
    Quote,
    QuoteMark,
    Source,
    SourceKind,
    Stance,
    Status,
)
from .palette import color_problem
from .problems import LoadError, Problem
from .references import SYMMETRIC, derived_cycle, repeated_links

T = TypeVar("T")

TOP_KEYS = ("format", "version", "title", "sources", "actors", "events")
SOURCE_KEYS = (
    "id", "title", "author", "publication", "published", "url", "archive_url", "accessed",
    "text_file",
)  # fmt: skip
ACTOR_KEYS = ("id", "name", "color")
QUOTE_KEYS = ("source", "text")
EVENT_KEYS = (
    "id", "title", "start", "end", "status", "date_basis", "actors", "tags", "summary",
    "quotes", "notes",
)  # fmt: skip
# what format 2 adds (in a version 1 file these are fields the app does not know: kept)
TOP_KEYS_2 = ("links", "eras", "review")
SOURCE_KEYS_2 = (
    "kind", "reliability", "reliability_reason", "derived_from", "licence", "notes", "excerpt",
)  # fmt: skip
QUOTE_KEYS_2 = ("credibility", "stance", "note")
EVENT_KEYS_2 = ("dismissed",)
LINK_KEYS = ("id", "from", "to", "type", "label", "basis", "quote", "notes")
ERA_KEYS = ("id", "name", "start", "end", "color", "notes")
MARK_KEYS = ("source", "hash")
PROPOSAL_KEYS = ("offset", "length", "hash")


@dataclass(frozen=True, slots=True)
class Grammar:
    """The fields a version of the format knows, record by record."""

    version: int
    top: frozenset[str]
    source: frozenset[str]
    actor: frozenset[str]
    quote: frozenset[str]
    event: frozenset[str]


GRAMMARS = {
    1: Grammar(
        1,
        frozenset(TOP_KEYS),
        frozenset(SOURCE_KEYS),
        frozenset(ACTOR_KEYS),
        frozenset(QUOTE_KEYS),
        frozenset(EVENT_KEYS),
    ),
    2: Grammar(
        2,
        frozenset(TOP_KEYS + TOP_KEYS_2),
        frozenset(SOURCE_KEYS + SOURCE_KEYS_2),
        frozenset(ACTOR_KEYS),
        frozenset(QUOTE_KEYS + QUOTE_KEYS_2),
        frozenset(EVENT_KEYS + EVENT_KEYS_2),
    ),
}
assert max(GRAMMARS) == FORMAT_VERSION


@dataclass(slots=True)
class Checker:
    """Collects problems while reading plain JSON data into records."""

    problems: list[Problem] = field(default_factory=list)

    def error(self, where: str, message: str) -> None:
        self.problems.append(Problem(where, message))

    def obj(self, value: Any, where: str) -> Mapping[str, Any] | None:
        if isinstance(value, dict):
            return value
        self.error(where, f"must be an object, not {kind_of(value)}")
        return None

    def text(self, d: Mapping[str, Any], key: str, where: str, required: bool = False) -> str:
        value = d.get(key)
        if value is None:
            if required:
                self.error(f"{where}.{key}", "is required")
            return ""
        if not isinstance(value, str):
            self.error(f"{where}.{key}", f"must be a string, not {kind_of(value)}")
            return ""
        if required and not value.strip():
            self.error(f"{where}.{key}", "must not be empty")
        return value

    def date(
        self, d: Mapping[str, Any], key: str, where: str, required: bool = False
    ) -> TimelineDate | None:
        value = d.get(key)
        if value is None or (value == "" and not required):
            if required:
                self.error(f"{where}.{key}", "is required")
            return None
        if not isinstance(value, str):
            self.error(f"{where}.{key}", f"must be a date string, not {kind_of(value)}")
            return None
        try:
            return parse_iso(value)
        except DateError as exc:
            self.error(f"{where}.{key}", str(exc))
            return None

    def strings(self, d: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
        """A list of strings; absent or null is an empty list, anything else an error."""
        value = d.get(key)
        if value is None:
            return ()
        if not isinstance(value, list):
            self.error(f"{where}.{key}", f"must be a list of strings, not {kind_of(value)}")
            return ()
        if not all(isinstance(v, str) for v in value):
            self.error(f"{where}.{key}", "must be a list of strings")
            return ()
        return tuple(value)

    def items(self, d: Mapping[str, Any], key: str, where: str = "") -> list[Any]:
        """A list; absent or null is an empty list, anything else an error."""
        value = d.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(f"{where}.{key}" if where else key, f"must be a list, not {kind_of(value)}")
            return []
        return value

    def records(self, root: Mapping[str, Any], key: str) -> Iterator[tuple[Mapping[str, Any], str]]:
        """Each object in the list ``root[key]``, with where it is ("sources[2] (s3)")."""
        for i, raw in enumerate(self.items(root, key)):
            d = self.obj(raw, f"{key}[{i}]")
            if d is not None:
                yield d, _place(key, i, d)

    def extra(self, d: Mapping[str, Any], known: frozenset[str], where: str) -> Mapping[str, Any]:
        """The fields the app does not know (kept and written back), unless too deep."""
        extra = extra_fields(d, known)
        for key, value in extra.items():
            if depth_over(value, MAX_NESTING):
                prefix = f"{where}." if where else ""
                self.error(f"{prefix}{key}", f"is nested more than {MAX_NESTING} levels deep")
        return extra

    def flag(self, d: Mapping[str, Any], key: str, where: str) -> bool:
        value = d.get(key)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.error(f"{where}.{key}", f"must be true or false, not {kind_of(value)}")
            return False
        return value

    def whole(self, d: Mapping[str, Any], key: str, where: str, least: int, most: int) -> int:
        """A whole number from ``least`` to ``most`` (required; -1 when it is not)."""
        value = d.get(key)
        within = f"a whole number from {least}" + (f" to {most}" if most < 2**63 - 1 else " up")
        if value is None:
            self.error(f"{where}.{key}", f"is required ({within})")
        elif not isinstance(value, int) or isinstance(value, bool):
            self.error(f"{where}.{key}", f"must be {within}, not {kind_of(value)}")
        elif not least <= value <= most:
            self.error(f"{where}.{key}", f"{value} is not {within}")
        else:
            return value
        return -1

    def enum(
        self,
        d: Mapping[str, Any],
        key: str,
        where: str,
        kind: type[T],
        default: T,
        required: bool = False,
    ) -> T:
        value = d.get(key)
        if value is None:
            if required:
                choices = ", ".join(m.value for m in kind)  # type: ignore[attr-defined]
                self.error(f"{where}.{key}", f"is required (one of: {choices})")
            return default
        choices = ", ".join(m.value for m in kind)  # type: ignore[attr-defined]
        if not isinstance(value, str):
            self.error(f"{where}.{key}", f"must be one of: {choices} (not {kind_of(value)})")
            return default
        try:
            return kind(value)  # type: ignore[call-arg]
        except ValueError:
            self.error(f"{where}.{key}", f"{value!r} is not one of: {choices}")
            return default


NO_EXTRA: Mapping[str, Any] = {}  # shared (never mutated): most records have no extras


def extra_fields(d: Mapping[str, Any], known: frozenset[str]) -> Mapping[str, Any]:
    if d.keys() <= known:
        return NO_EXTRA
    return {k: v for k, v in d.items() if k not in known}


def unique_ids(c: Checker, kind: str, ids: Iterator[tuple[int, str]]) -> set[str]:
    seen: dict[str, int] = {}
    for i, ident in ids:
        if not ident:
            continue
        if ident in seen:
            c.error(f"{kind}[{i}] ({ident}).id", f"duplicate id (also {kind}[{seen[ident]}])")
        else:
            seen[ident] = i
    return set(seen)


def file_version(root: Mapping[str, Any]) -> int:
    """The format version of a document's data, or :class:`LoadError` at once for a
    version this app cannot read: a newer file is never half-read."""
    version = root.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise LoadError([Problem("version", f"must be a whole number ({FORMAT_VERSION})")])
    if version < 1:
        message = f"{version} is not a version of this format: write {FORMAT_VERSION}"
        raise LoadError([Problem("version", message)])
    if version > FORMAT_VERSION:
        message = (
            f"this file is in format {version}, newer than this app reads (format "
            f"{FORMAT_VERSION}): open it with a newer version of timeline-app"
        )
        raise LoadError([Problem("version", message)])
    return version


def read_sources(c: Checker, root: Mapping[str, Any], g: Grammar) -> list[Source]:
    """The document's sources (their ids unique, their ``derived_from`` known and with no
    cycle); each problem goes to ``c``."""
    sources: list[Source] = []
    places: list[str] = []
    for d, where in c.records(root, "sources"):
        evidence: dict[str, Any] = {}
        if g.version > 1:
            reliability = c.text(d, "reliability", where)
            graded = len(reliability) == 1 and reliability in RELIABILITIES
            if reliability and not graded:
                choices = ", ".join(RELIABILITIES)
                c.error(f"{where}.reliability", f"{reliability!r} is not one of: {choices}")
            evidence = {
                "kind": c.enum(d, "kind", where, SourceKind, None),
                "reliability": reliability if graded else UNGRADED,
                "reliability_reason": c.text(d, "reliability_reason", where),
                "derived_from": c.strings(d, "derived_from", where),
                "licence": c.text(d, "licence", where),
                "notes": c.text(d, "notes", where),
                "excerpt": c.flag(d, "excerpt", where),
            }
        sources.append(
            Source(
                id=c.text(d, "id", where, required=True),
                title=c.text(d, "title", where, required=True),
                author=c.text(d, "author", where),
                publication=c.text(d, "publication", where),
                published=c.date(d, "published", where),
                url=c.text(d, "url", where),
                archive_url=c.text(d, "archive_url", where),
                accessed=c.date(d, "accessed", where),
                text_file=c.text(d, "text_file", where),
                extra=c.extra(d, g.source, where),
                **evidence,
            )
        )
        places.append(where)
    ids = unique_ids(c, "sources", ((i, s.id) for i, s in enumerate(sources)))
    derived: dict[str, tuple[str, ...]] = {}
    for s, where in zip(sources, places, strict=True):
        for other in s.derived_from:
            if other not in ids:
                c.error(f"{where}.derived_from", f"unknown source id {other!r}")
        derived.setdefault(s.id, s.derived_from)
    cycle = derived_cycle(derived)
    if cycle is not None:
        where = places[next(i for i, s in enumerate(sources) if s.id == cycle[0])]
        c.error(f"{where}.derived_from", "a source cannot derive from itself: " + " → ".join(cycle))
    return sources


def read_actors(c: Checker, root: Mapping[str, Any], g: Grammar) -> list[Actor]:
    actors: list[Actor] = []
    for d, where in c.records(root, "actors"):
        actors.append(
            Actor(
                id=c.text(d, "id", where, required=True),
                name=c.text(d, "name", where, required=True),
                color=_color(c, d, where),
                extra=c.extra(d, g.actor, where),
            )
        )
    unique_ids(c, "actors", ((i, a.id) for i, a in enumerate(actors)))
    return actors


def _color(c: Checker, d: Mapping[str, Any], where: str) -> str:
    color = c.text(d, "color", where)
    if problem := color_problem(color):
        c.error(f"{where}.color", problem)
    return color


def read_format_2(
    c: Checker, root: Mapping[str, Any], g: Grammar, event_ids: set[str], source_ids: set[str]
) -> tuple[list[Link], list[Era], dict[str, tuple[ProposalMark, ...]]]:
    """The links, eras and review of a format 2 document (none in format 1)."""
    if g.version < 2:
        return [], [], {}
    links: list[Link] = []
    places: list[str] = []
    for d, where in c.records(root, "links"):
        link = _link(c, d, where, event_ids, source_ids, g)
        if link is not None:
            links.append(link)
            places.append(where)
    unique_ids(c, "links", _raw_ids(root, "links"))
    for i, j in repeated_links(links):
        c.error(places[i], f"the same link as {places[j]}")
    eras: list[Era] = []
    for d, where in c.records(root, "eras"):
        start = c.date(d, "start", where, required=True)
        end = c.date(d, "end", where)
        if problem := end_before_start(start, end):
            c.error(f"{where}.end", problem)
        era_id = c.text(d, "id", where, required=True)
        name = c.text(d, "name", where, required=True)
        color = _color(c, d, where)
        notes = c.text(d, "notes", where)
        extra = c.extra(d, _ERA_KEYSET, where)
        if start is not None:
            eras.append(Era(era_id, name, start, end, color, notes, extra))
    unique_ids(c, "eras", _raw_ids(root, "eras"))
    return links, eras, _review(c, root, source_ids)


def _raw_ids(root: Mapping[str, Any], key: str) -> Iterator[tuple[int, str]]:
    """Each record's id with its place in the file (a record with other problems too)."""
    records = root.get(key)
    if isinstance(records, list):
        for i, d in enumerate(records):
            if isinstance(d, dict) and isinstance(d.get("id"), str):
                yield i, d["id"]


_LINK_KEYSET = frozenset(LINK_KEYS)
_ERA_KEYSET = frozenset(ERA_KEYS)


def _link(
    c: Checker,
    d: Mapping[str, Any],
    where: str,
    event_ids: set[str],
    source_ids: set[str],
    g: Grammar,
) -> Link | None:
    n_before = len(c.problems)
    ends = []
    for key in ("from", "to"):
        ident = c.text(d, key, where, required=True)
        if ident and ident not in event_ids:
            c.error(f"{where}.{key}", f"unknown event id {ident!r}")
        ends.append(ident)
    if ends[0] and ends[0] == ends[1]:
        c.error(f"{where}.to", "a link joins two different events")
    kind = c.enum(d, "type", where, LinkType, LinkType.LED_TO, required=True)
    basis = c.enum(d, "basis", where, LinkBasis, LinkBasis.ANALYST, required=True)
    quote = None
    raw_quote = d.get("quote")
    if raw_quote is not None:
        q = c.obj(raw_quote, f"{where}.quote")
        if q is not None:
            quote = _quote(c, q, f"{where}.quote", source_ids, g)
    elif basis is LinkBasis.SOURCE:
        c.error(f"{where}.quote", 'is required when the basis is "source"')
    if kind in SYMMETRIC:  # the same both ways: stored from the first id
        ends.sort()
    link = Link(
        id=c.text(d, "id", where, required=True),
        from_id=ends[0],
        to_id=ends[1],
        type=kind,
        basis=basis,
        label=c.text(d, "label", where),
        quote=quote,
        notes=c.text(d, "notes", where),
        extra=c.extra(d, _LINK_KEYSET, where),
    )
    return link if len(c.problems) == n_before else None


def _review(
    c: Checker, root: Mapping[str, Any], source_ids: set[str]
) -> dict[str, tuple[ProposalMark, ...]]:
    raw = root.get("review")
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        c.error("review", f"must be an object (source id -> rejected passages), not {kind_of(raw)}")
        return {}
    review: dict[str, tuple[ProposalMark, ...]] = {}
    for source_id, items in raw.items():
        where = f"review.{source_id}"
        if source_id not in source_ids:
            c.error(where, f"unknown source id {source_id!r}")
        if not isinstance(items, list):
            c.error(where, f"must be a list, not {kind_of(items)}")
            continue
        marks = []
        for j, item in enumerate(items):
            d = _strict(c, item, f"{where}[{j}]", _PROPOSAL_KEYSET)
            if d is None:
                continue
            offset = c.whole(d, "offset", f"{where}[{j}]", 0, 2**63 - 1)
            length = c.whole(d, "length", f"{where}[{j}]", 1, 2**63 - 1)
            digest = _hash(c, d, f"{where}[{j}]")
            if offset >= 0 and length >= 1 and digest:
                marks.append(ProposalMark(offset, length, digest))
        if marks:
            review[source_id] = tuple(marks)
    return review


_PROPOSAL_KEYSET = frozenset(PROPOSAL_KEYS)
_MARK_KEYSET = frozenset(MARK_KEYS)


def _strict(c: Checker, value: Any, where: str, known: frozenset[str]) -> Mapping[str, Any] | None:
    """An object of the app's own making: a field it does not know is an error."""
    d = c.obj(value, where)
    if d is None:
        return None
    for key in d.keys() - known:
        c.error(f"{where}.{key}", f"is not a field here (only {', '.join(sorted(known))})")
    return d


def _hash(c: Checker, d: Mapping[str, Any], where: str) -> str:
    value = d.get("hash")
    if not is_hash(value):
        shown = "nothing" if value is None else repr(value)
        c.error(f"{where}.hash", f"must be {HASH_LENGTH} hexadecimal digits, not {shown}")
        return ""
    return str(value)


def _place(key: str, i: int, d: Mapping[str, Any]) -> str:
    """Where a record is, for a problem: "events[3] (kursk)", or "events[3]" without an id."""
    ident = d.get("id")
    return f"{key}[{i}]" + (f" ({ident})" if isinstance(ident, str) and ident else "")


def _quote(c: Checker, q: Mapping[str, Any], where: str, source_ids: set[str], g: Grammar) -> Quote:
    source = c.text(q, "source", where, required=True)
    if source and source not in source_ids:
        c.error(f"{where}.source", f"unknown source id {source!r}")
    text = c.text(q, "text", where, required=True)
    extra = c.extra(q, g.quote, where)
    if g.version < 2:
        return Quote(source, text, extra)
    credibility = UNJUDGED
    if q.get("credibility") is not None:
        credibility = c.whole(q, "credibility", where, CREDIBILITIES[0], CREDIBILITIES[-1])
    return Quote(
        source,
        text,
        extra,
        credibility if credibility in CREDIBILITIES else UNJUDGED,
        c.enum(q, "stance", where, Stance, Stance.SUPPORTS),
        c.text(q, "note", where),
    )


def _dismissed(
    c: Checker, d: Mapping[str, Any], where: str
) -> tuple[tuple[QuoteMark, QuoteMark], ...]:
    pairs = []
    for j, raw in enumerate(c.items(d, "dismissed", where)):
        pwhere = f"{where}.dismissed[{j}]"
        if not isinstance(raw, list) or len(raw) != 2:
            c.error(pwhere, "must be a pair of quote marks ([{source, hash}, {source, hash}])")
            continue
        marks = []
        for k, item in enumerate(raw):
            m = _strict(c, item, f"{pwhere}[{k}]", _MARK_KEYSET)
            if m is None:
                continue
            source = c.text(m, "source", f"{pwhere}[{k}]", required=True)
            digest = _hash(c, m, f"{pwhere}[{k}]")
            if source.strip() and digest:
                marks.append(QuoteMark(source, digest))
        if len(marks) == 2:
            pairs.append((marks[0], marks[1]))
    return tuple(pairs)


def read_event(
    c: Checker,
    i: int,
    raw: Any,
    actor_ids: set[str],
    source_ids: set[str],
    g: Grammar,
) -> Event | None:
    d = c.obj(raw, f"events[{i}]")
    if d is None:
        return None
    where = _place("events", i, d)
    n_before = len(c.problems)
    start = c.date(d, "start", where, required=True)
    end = c.date(d, "end", where)
    if problem := end_before_start(start, end):
        c.error(f"{where}.end", problem)
    actors = c.strings(d, "actors", where)
    for a in actors:
        if a not in actor_ids:
            c.error(f"{where}.actors", f"unknown actor id {a!r}")
    quotes: list[Quote] = []
    for j, qraw in enumerate(c.items(d, "quotes", where)):
        q = c.obj(qraw, f"{where}.quotes[{j}]")
        if q is not None:
            quotes.append(_quote(c, q, f"{where}.quotes[{j}]", source_ids, g))
    event_id = c.text(d, "id", where, required=True)
    title = c.text(d, "title", where, required=True)
    status = c.enum(d, "status", where, Status, Status.REPORTED)
    basis = c.enum(d, "date_basis", where, DateBasis, DateBasis.SOURCE)
    tags = c.strings(d, "tags", where)
    summary = c.text(d, "summary", where)
    notes = c.text(d, "notes", where)
    dismissed = _dismissed(c, d, where) if g.version > 1 else ()
    extra = c.extra(d, g.event, where)
    if start is None or len(c.problems) > n_before:
        return None  # the problems are reported; nothing is built
    return Event(
        id=event_id,
        title=title,
        start=start,
        end=end,
        actors=actors,
        status=status,
        date_basis=basis,
        tags=tags,
        summary=summary,
        quotes=tuple(quotes),
        notes=notes,
        extra=extra,
        dismissed=dismissed,
    )
