"""One undoable edit of a timeline: which events leave, which arrive, and the actors,
sources, title, links, eras, review marks and source texts before and after.  A change
knows its inverse, so undo is applying the inverse; the store applies a whole change,
the Qt layer wraps changes in ``QUndoCommand``\\ s and never edits records itself."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .model import Actor, Era, Event, Link, ProposalMark, Source

Review = Mapping[str, tuple[ProposalMark, ...]]


@dataclass(frozen=True, slots=True)
class Change:
    """One undoable edit.  ``removed`` events leave (by id), ``added`` arrive."""

    description: str
    removed: tuple[Event, ...] = ()
    added: tuple[Event, ...] = ()
    actors: tuple[tuple[Actor, ...], tuple[Actor, ...]] | None = None
    sources: tuple[tuple[Source, ...], tuple[Source, ...]] | None = None
    title: tuple[str, str] | None = None
    links: tuple[tuple[Link, ...], tuple[Link, ...]] | None = None
    eras: tuple[tuple[Era, ...], tuple[Era, ...]] | None = None
    review: tuple[Review, Review] | None = None
    texts: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    # where in the file's order an arriving event goes (id -> index; others go last), and
    # where the leaving ones were (filled in by the store as it applies the change), so
    # undo puts a deleted event back in its place
    added_at: dict[str, int] = field(default_factory=dict)
    removed_at: dict[str, int] = field(default_factory=dict)

    def inverted(self) -> Change:
        def flip(pair: tuple[object, object] | None) -> object:
            return None if pair is None else (pair[1], pair[0])

        return Change(
            self.description,
            removed=self.added,
            added=self.removed,
            actors=flip(self.actors),  # type: ignore[arg-type]
            sources=flip(self.sources),  # type: ignore[arg-type]
            title=flip(self.title),  # type: ignore[arg-type]
            links=flip(self.links),  # type: ignore[arg-type]
            eras=flip(self.eras),  # type: ignore[arg-type]
            review=flip(self.review),  # type: ignore[arg-type]
            texts={k: (v[1], v[0]) for k, v in self.texts.items()},
            added_at=self.removed_at,
            removed_at=self.added_at,
        )

    @property
    def touches_events(self) -> bool:
        return bool(self.removed or self.added)
