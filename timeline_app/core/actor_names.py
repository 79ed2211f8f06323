"""The one rule that turns a name someone typed (in the event form, a CSV cell, a TimelineJS
group, the command line) into an actor of the timeline.

A name matches an actor whose name is the same once case, accents and spacing are ignored
("Seoul" is "Séoul", "north  korea" is "North Korea"), or, failing that, whose id it is.
A name that matches none makes a new actor, once, with an id made from the name.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher

from .model import Actor, IdMaker, fold


def name_key(name: str) -> str:
    """What two actor names must share to be the same actor."""
    return " ".join(fold(name).split())


def split_names(text: str) -> list[str]:
    """ "North Korea, Russia; Iran" -> ["North Korea", "Russia", "Iran"]: spacing tidied,
    the same name twice kept once.  A name holding a comma or semicolon is written in
    double quotes (``"Korea, North", Russia``), as :func:`join_names` writes it."""
    out: list[str] = []
    seen: set[str] = set()
    for part in _parts(text):
        name = " ".join(part.split())
        if name and name_key(name) not in seen:
            seen.add(name_key(name))
            out.append(name)
    return out


SEPARATORS = ",;"


def join_names(names: Iterable[str], separators: str = SEPARATORS) -> str:
    """Names as one line that :func:`split_names` reads back exactly: "A, B"; a name that
    holds a separator (or starts with a double quote) in double quotes, a double quote in
    it doubled, as in a CSV cell (``"Korea, North"``, ``Hamas "military wing"`` as is)."""

    def quoted(name: str) -> str:
        if name.startswith('"') or any(c in name for c in separators):
            return '"' + name.replace('"', '""') + '"'
        return name

    return ", ".join(quoted(n) for n in names)


def _parts(text: str, separators: str = SEPARATORS) -> list[str]:
    """``text`` cut at the separators outside double quotes; a quote opens only at the
    start of a name (elsewhere it is a character of the name), ``""`` in quotes is one."""
    parts: list[str] = []
    current: list[str] = []
    quoted = at_start = False
    at_start = True
    i = 0
    while i < len(text):
        ch = text[i]
        if quoted:
            if ch == '"' and text[i + 1 : i + 2] == '"':
                current.append('"')
                i += 1
            elif ch == '"':
                quoted = False
            else:
                current.append(ch)
        elif ch in separators:
            parts.append("".join(current))
            current, at_start = [], True
        elif ch == '"' and at_start:
            quoted, at_start = True, False
        else:
            at_start = at_start and ch.isspace()
            current.append(ch)
        i += 1
    parts.append("".join(current))
    return parts


def closest_name(name: str, names: Sequence[str]) -> int:
    """The index of the name in ``names`` most like ``name`` (case, accents and spacing
    ignored: "N. Korea" is closest to "North Korea"); 0 when ``names`` is empty."""
    key = name_key(name)
    scores = [SequenceMatcher(None, key, name_key(other)).ratio() for other in names]
    return max(range(len(names)), key=scores.__getitem__, default=0)


class ActorNames:
    """Resolves names against a timeline's actors, making new actors where none matches."""

    def __init__(self, actors: Iterable[Actor]) -> None:
        self._by_name: dict[str, Actor] = {}
        self._by_id: dict[str, Actor] = {}
        for actor in actors:
            self._by_name.setdefault(name_key(actor.name), actor)
            self._by_id.setdefault(name_key(actor.id), actor)
        self._ids = IdMaker(a.id for a in self._by_id.values())
        self.new: list[Actor] = []  # made by actor(), in order

    def find(self, name: str) -> Actor | None:
        """The actor ``name`` means, or None."""
        key = name_key(name)
        return self._by_name.get(key) or self._by_id.get(key)

    def ids(self, names: Iterable[str]) -> tuple[str, ...]:
        """The ids of the actors ``names`` mean (new ones made), each once, in order."""
        return tuple(dict.fromkeys(self.actor(name).id for name in names))

    def actor(self, name: str) -> Actor:
        """The actor ``name`` means, or a new one (made once per name, see :attr:`new`)."""
        found = self.find(name)
        if found is None:
            clean = " ".join(name.split())
            found = Actor(self._ids.make(clean), clean)
            self._by_name[name_key(clean)] = found
            self.new.append(found)
        return found
