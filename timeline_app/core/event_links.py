"""An event's links as its detail pane and the link keys show them: each link read from
the event's end ("Led to → …" from the earlier event, "In response to ← …" from the later
one), with who says so, in the time order of the other events.  Pure, no Qt."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .model import Link, LinkBasis, LinkType
from .references import SYMMETRIC

# how a link reads from its "from" end and from its "to" end
_WORDS = {
    LinkType.LED_TO: ("Led to", "In response to"),
    LinkType.PART_OF: ("Part of", "Includes"),
    LinkType.SAME_INCIDENT: ("The same incident as", "The same incident as"),
    LinkType.CONTRADICTS: ("Contradicts", "Contradicts"),
}
ANALYST_WORDS = "analyst's inference"  # never published as fact


@dataclass(frozen=True, slots=True)
class LinkEntry:
    """One link of an event, read from that event."""

    link: Link
    other_id: str  # the event at the other end
    words: str  # "Led to", "In response to"...
    arrow: str  # "→" forward, "←" back, "↔" either way

    @property
    def inferred(self) -> bool:
        """The timeline's author judges it: no quote states it."""
        return self.link.basis is LinkBasis.ANALYST


def link_words(link: Link, event_id: str) -> tuple[str, str]:
    """How ``link`` reads from ``event_id``'s end: its words and its arrow."""
    outward, inward = _WORDS[link.type]
    if link.type in SYMMETRIC:
        return outward, "↔"
    return (outward, "→") if link.from_id == event_id else (inward, "←")


#: The links the event form adds, in its order, each as (type, backward): read from the
#: event being edited; a backward link ("In response to ←") is stored from the other event.
FORM_CHOICES = (
    (LinkType.LED_TO, False),
    (LinkType.LED_TO, True),
    (LinkType.PART_OF, False),
    (LinkType.SAME_INCIDENT, False),
    (LinkType.CONTRADICTS, False),
)


def choice_words(kind: LinkType, backward: bool = False) -> str:
    """How a link the form adds reads from the event being edited: "Led to →",
    "In response to ←", "The same incident as ↔"..."""
    ends = ("other", "this") if backward else ("this", "other")
    words, arrow = link_words(Link("", *ends, kind, LinkBasis.ANALYST), "this")
    return f"{words} {arrow}"


def links_of(
    links: Sequence[Link], event_id: str, order: Callable[[str], object] | None = None
) -> list[LinkEntry]:
    """The links from or to ``event_id``, each read from it; ``order(other event id)``
    sorts them (the other events' time order, say), else they keep the file's order."""
    out = []
    for link in links:
        if event_id not in (link.from_id, link.to_id) or link.from_id == link.to_id:
            continue
        other = link.to_id if link.from_id == event_id else link.from_id
        words, arrow = link_words(link, event_id)
        out.append(LinkEntry(link, other, words, arrow))
    if order is not None:
        out.sort(key=lambda entry: order(entry.other_id))  # type: ignore[arg-type, return-value]
    return out


def linked_step(
    entries: Sequence[LinkEntry], forward: bool = True, came_from: str | None = None
) -> str | None:
    """Where a link key goes from an event whose links are ``entries`` (in time order):
    forward along a link from it (what it led to, what it is part of, or the same
    incident), back along a link to it; the first such event other than the one the key
    came from, if there is another; None when there is none."""
    ahead = [e.other_id for e in entries if e.arrow in (("→", "↔") if forward else ("←", "↔"))]
    ids = list(dict.fromkeys(ahead))
    others = [i for i in ids if i != came_from]
    chosen = others or ids
    return chosen[0] if chosen else None
