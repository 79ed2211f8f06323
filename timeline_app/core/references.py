"""How a timeline's records point at one another (format 2): a link at its two events, a
source at the sources it is derived from.  One home for the rules the reader checks and
the edits keep: no reference to a record that is not there, no source derived from
itself, however far round."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence

from .model import Link, LinkType, Source, replace

#: Link types that read the same both ways: stored with ``from`` before ``to``.
SYMMETRIC = frozenset({LinkType.SAME_INCIDENT, LinkType.CONTRADICTS})


def link_ends(link: Link) -> tuple[str, str]:
    """The link's ends as stored: a symmetric link's in order (``from`` < ``to``)."""
    a, b = link.from_id, link.to_id
    return (b, a) if link.type in SYMMETRIC and b < a else (a, b)


def same_link_key(link: Link) -> tuple[LinkType, str, str]:
    """What makes two links the same: the type on the same ordered pair of events
    (unordered for a symmetric type)."""
    return (link.type, *link_ends(link))


def repeated_links(links: Sequence[Link]) -> list[tuple[int, int]]:
    """(i, j) for each link i that repeats an earlier link j."""
    first: dict[tuple[LinkType, str, str], int] = {}
    out = []
    for i, link in enumerate(links):
        key = same_link_key(link)
        if key in first:
            out.append((i, first[key]))
        else:
            first[key] = i
    return out


def derived_cycle(derived: Mapping[str, Sequence[str]]) -> list[str] | None:
    """A cycle of ``derived_from`` (source id -> the ids it draws on) as the ids round it,
    first one repeated at the end (``["a", "b", "a"]``), or None.  Ids that are not keys
    are left alone (the reader reports them as unknown)."""
    done: set[str] = set()
    for root in derived:
        if root in done:
            continue
        path: list[str] = []
        on_path: dict[str, int] = {}
        stack: list[tuple[str, int]] = [(root, 0)]
        while stack:
            ident, i = stack.pop()
            if i == 0:
                on_path[ident] = len(path)
                path.append(ident)
            parents = derived.get(ident, ())
            if i < len(parents):
                stack.append((ident, i + 1))
                parent = parents[i]
                if parent in on_path:
                    return [*path[on_path[parent] :], parent]
                if parent in derived and parent not in done:
                    stack.append((parent, 0))
                continue
            done.add(ident)
            del on_path[ident]
            path.pop()
    return None


def links_touching(links: Iterable[Link], event_ids: Collection[str]) -> list[Link]:
    """The links from or to any of ``event_ids``: they go when those events go."""
    return [k for k in links if k.from_id in event_ids or k.to_id in event_ids]


def without_source(sources: Iterable[Source], source_id: str) -> list[Source]:
    """``sources`` less ``source_id``, and no longer derived from it."""
    out = []
    for s in sources:
        if s.id == source_id:
            continue
        if source_id in s.derived_from:
            s = replace(s, derived_from=tuple(d for d in s.derived_from if d != source_id))
        out.append(s)
    return out


def derived_from_it(sources: Iterable[Source], source_id: str) -> set[str]:
    """The sources that derive from ``source_id``, however far round: it cannot derive
    from any of them (nor from itself)."""
    children: dict[str, list[str]] = {}
    for s in sources:
        for parent in s.derived_from:
            children.setdefault(parent, []).append(s.id)
    found: set[str] = set()
    todo = [source_id]
    while todo:
        for child in children.get(todo.pop(), ()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found
