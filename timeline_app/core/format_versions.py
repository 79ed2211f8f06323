"""Which version of the file format a timeline can be written in.

Format 2 adds evidence fields, links, eras and review marks.  A timeline read from a
version 1 file is written in version 1 until the user agrees to the upgrade; it can only
stay in version 1 while it holds nothing of format 2, and it can only move to version 2
when no field it kept from the old file (a field format 1 did not know) has a name that
format 2 gives a meaning.
"""

from __future__ import annotations

from collections.abc import Iterator

from .file_records import EVENT_KEYS_2, QUOTE_KEYS_2, SOURCE_KEYS_2, TOP_KEYS_2
from .model import FORMAT_VERSION, UNGRADED, UNJUDGED, Quote, Stance, Timeline


class FormatVersionError(ValueError):
    """The timeline cannot be written in the version asked for; ``places`` say why."""

    def __init__(self, version: int, places: list[str], why: str) -> None:
        shown = ", ".join(places[:5]) + (f" and {len(places) - 5} more" if len(places) > 5 else "")
        super().__init__(f"cannot be written in format {version}: {why} ({shown})")
        self.version = version
        self.places = places


def _quote_is_plain(q: Quote) -> bool:
    return q.credibility == UNJUDGED and q.stance is Stance.SUPPORTS and not q.note


def format_2_places(t: Timeline) -> list[str]:
    """Where ``t`` holds what only format 2 can hold ("sources[0] (s1).reliability")."""
    return list(_format_2_places(t))


def _format_2_places(t: Timeline) -> Iterator[str]:
    for i, s in enumerate(t.sources):
        where = f"sources[{i}] ({s.id})"
        if s.kind is not None:
            yield f"{where}.kind"
        if s.reliability != UNGRADED:
            yield f"{where}.reliability"
        for key in ("reliability_reason", "derived_from", "licence", "notes", "excerpt"):
            if getattr(s, key):
                yield f"{where}.{key}"
    for i, e in enumerate(t.events):
        if e.dismissed:
            yield f"events[{i}] ({e.id}).dismissed"
        for j, q in enumerate(e.quotes):
            if not _quote_is_plain(q):
                yield f"events[{i}] ({e.id}).quotes[{j}]"
    for key in TOP_KEYS_2:
        if getattr(t, key):
            yield key


def format_2_clashes(t: Timeline) -> list[str]:
    """Fields kept from a version 1 file (unknown to format 1) that format 2 would read as
    its own: the timeline cannot move to format 2 while it has them."""
    found = [k for k in TOP_KEYS_2 if k in t.extra]
    for i, s in enumerate(t.sources):
        found += [f"sources[{i}] ({s.id}).{k}" for k in SOURCE_KEYS_2 if k in s.extra]
    for i, e in enumerate(t.events):
        if e.extra:
            found += [f"events[{i}] ({e.id}).{k}" for k in EVENT_KEYS_2 if k in e.extra]
        for j, q in enumerate(e.quotes):
            if q.extra:
                where = f"events[{i}] ({e.id}).quotes[{j}]"
                found += [f"{where}.{k}" for k in QUOTE_KEYS_2 if k in q.extra]
    return found


def check_version(t: Timeline, version: int) -> None:
    """Raise :class:`FormatVersionError` unless ``t`` can be written in ``version``."""
    if not 1 <= version <= FORMAT_VERSION:
        raise FormatVersionError(version, [], f"this app writes formats 1 to {FORMAT_VERSION}")
    if version < 2 and (places := format_2_places(t)):
        raise FormatVersionError(version, places, "it holds what only format 2 can hold")
    if version >= 2 and t.version < 2 and (places := format_2_clashes(t)):
        why = "fields kept from a format 1 file have names format 2 gives a meaning"
        raise FormatVersionError(version, places, why)


def version_to_keep(t: Timeline) -> int:
    """The version a copy of ``t`` is written in when nobody has been asked (a recovery
    copy): the version of its file, unless it now holds what only format 2 can."""
    if t.version < FORMAT_VERSION and format_2_places(t):
        return FORMAT_VERSION
    return t.version
