"""A timeline's events brought into another: one undoable change, nothing duplicated that
was already there, every reference still pointing at the right record."""

from __future__ import annotations

import copy

from paths import DATASET

from timeline_app.core.dates import parse_iso
from timeline_app.core.fileformat import load_timeline, timeline_from_text, timeline_to_text
from timeline_app.core.model import Actor, Event, Quote, Source, Timeline, replace
from timeline_app.core.store import TimelineStore
from timeline_app.core.timeline_merge import merge_change


def test_an_import_into_a_timeline_reuses_its_actors_and_sources_and_undoes_whole() -> None:
    current = load_timeline(DATASET)
    before = copy.deepcopy(current)
    article = current.sources[0]
    incoming = Timeline(
        "From TimelineJS",
        sources=[replace(article, id="src-1"), Source("src-2", "Another article")],
        actors=[Actor("a1", "north  KOREA"), Actor("a2", "Belarus", color="#123456")],
        events=[
            Event(current.events[0].id, "Same id, another event", parse_iso("2023"),
                  actors=("a1", "a2"), quotes=(Quote("src-1", "x"), Quote("src-2", "y"))),
            Event("brand-new", "Brand new", parse_iso("2024-12"), actors=("a2",)),
        ],
    )  # fmt: skip
    change = merge_change(current, incoming)
    store = TimelineStore(current)
    applied = store.apply(change)
    after = store.timeline
    assert timeline_from_text(timeline_to_text(after)) == after  # a valid file
    assert [a.name for a in after.actors][-1:] == ["Belarus"]  # one new actor, its colour
    assert after.actors[-1].color == "#123456" and len(after.actors) == len(before.actors) + 1
    # the same article is reused, the other one added after the current sources
    assert [s.title for s in after.sources] == [s.title for s in before.sources] + [
        "Another article"
    ]
    first, second = after.events[-2:]
    assert first.id != current.events[0].id and second.id == "brand-new"
    assert first.actors == ("north-korea", after.actors[-1].id)
    assert [q.source for q in first.quotes] == [article.id, after.sources[-1].id]
    store.apply(applied.inverted())
    assert store.timeline == before


def test_a_merged_source_still_derives_from_the_right_source() -> None:
    current = load_timeline(DATASET)
    article = current.sources[0]
    incoming = Timeline(
        "Other",
        sources=[
            replace(article, id="src-1"),  # the same article: merged into the current one
            Source(article.id, "A wire story"),  # its id is taken: it gets another
            Source("src-3", "A rewrite", derived_from=("src-1", article.id)),
        ],
        events=[Event("e", "E", parse_iso("2024"), quotes=(Quote("src-3", "x"),))],
    )
    store = TimelineStore(current)
    store.apply(merge_change(current, incoming))
    after = store.timeline
    rewrite = next(s for s in after.sources if s.title == "A rewrite")
    wire = next(s for s in after.sources if s.title == "A wire story")
    assert rewrite.derived_from == (article.id, wire.id) and wire.id != article.id
    assert timeline_from_text(timeline_to_text(after)) == after  # no dangling reference


def test_two_incoming_sources_that_become_one_do_not_derive_from_themselves() -> None:
    from timeline_app.core.fingerprints import pair_mark

    current = load_timeline(DATASET)
    a = Source("a", "Same story", "A. Writer")
    b = Source("b", "Same story", "A. Writer", derived_from=("a",))
    qa, qb = Quote("a", "one"), Quote("b", "two")
    event = Event("e", "E", parse_iso("2024"), quotes=(qa, qb), dismissed=(pair_mark(qa, qb),))
    store = TimelineStore(current)
    store.apply(merge_change(current, Timeline("Other", sources=[a, b], events=[event])))
    after = store.timeline
    merged = next(s for s in after.sources if s.title == "Same story")
    assert merged.derived_from == ()
    (imported,) = [e for e in after.events if e.title == "E"]
    ((m1, m2),) = imported.dismissed
    assert m1.source == m2.source == merged.id  # the marks follow the sources' new ids
    assert timeline_from_text(timeline_to_text(after)) == after
