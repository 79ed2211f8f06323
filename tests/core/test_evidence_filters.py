"""Filters by evidence: by support, by the least grade of a quoted source, by source; in
words, saved and read back, and kept up to date as sources are graded."""

from __future__ import annotations

from timeline_app.core.change import Change
from timeline_app.core.dates import parse_iso
from timeline_app.core.evidence import Support
from timeline_app.core.filters import FilterState, asked_filter, narrows
from timeline_app.core.model import Event, Quote, Source, Stance, Timeline, replace
from timeline_app.core.store import TimelineStore

SOURCES = [
    Source("wire", "Wire story", reliability="B", text_file="wire.txt"),
    Source("paper", "The Paper", publication="Paper", reliability="D", text_file="p.txt"),
    Source("blog", "A blog", reliability="E"),
]
EVENTS = [
    Event("both", "Both", parse_iso("2020"), quotes=(Quote("wire", "a"), Quote("paper", "b"))),
    Event("wire-only", "Wire only", parse_iso("2021"), quotes=(Quote("wire", "c"),)),
    Event("blog-only", "Blog only", parse_iso("2022"), quotes=(Quote("blog", "d"),)),
    Event("disputed", "Disputed", parse_iso("2023"),
          quotes=(Quote("wire", "e"), Quote("blog", "f", stance=Stance.CONTRADICTS))),
    Event("bare", "Bare", parse_iso("2024")),
]  # fmt: skip
TIMELINE = Timeline("Weighed", sources=SOURCES, events=EVENTS)


def shown(store: TimelineStore) -> list[str]:
    return [store.event_at(p).id for p in store.visible.positions]


def test_by_support() -> None:
    store = TimelineStore(TIMELINE)
    store.set_filter(FilterState(support=frozenset({Support.CORROBORATED, Support.CONTESTED})))
    assert shown(store) == ["both", "disputed"]
    store.set_filter(FilterState(support=frozenset({Support.UNSOURCED})))
    assert shown(store) == ["bare"]
    store.set_filter(FilterState(support=frozenset(Support)))  # every support: no filter
    assert store.filter == FilterState() and len(shown(store)) == 5


def test_by_the_least_grade_and_by_source() -> None:
    store = TimelineStore(TIMELINE)
    store.set_filter(FilterState(min_grade="B"))
    assert shown(store) == ["both", "wire-only", "disputed"]
    store.set_filter(FilterState(min_grade="D"))
    assert shown(store) == ["both", "wire-only", "disputed"]
    store.set_filter(FilterState(sources=frozenset({"blog"})))
    assert shown(store) == ["blog-only", "disputed"]
    store.set_filter(FilterState(sources=frozenset({"blog"}), text="disp"))
    assert shown(store) == ["disputed"]


def test_grading_a_source_refilters_and_undo_restores() -> None:
    store = TimelineStore(TIMELINE)
    store.set_filter(FilterState(min_grade="C"))
    assert shown(store) == ["both", "wire-only", "disputed"]
    graded = tuple(replace(s, reliability="A") if s.id == "blog" else s for s in SOURCES)
    change = store.apply(Change("Grade", sources=(tuple(SOURCES), graded)))
    assert shown(store) == ["both", "wire-only", "blog-only", "disputed"]
    store.apply(change.inverted())
    assert shown(store) == ["both", "wire-only", "disputed"]


def test_a_source_without_text_cannot_corroborate_until_its_text_is_held() -> None:
    lone = Timeline("t", sources=[SOURCES[0], Source("notes", "Notes")],
                    events=[Event("e", "E", parse_iso("2020"),
                                  quotes=(Quote("notes", "x"), Quote("wire", "y")))])  # fmt: skip
    store = TimelineStore(lone)
    store.set_filter(FilterState(support=frozenset({Support.CORROBORATED})))
    assert shown(store) == ["e"]  # the wire story has its text: one verified source
    wireless = tuple(replace(s, text_file="") for s in lone.sources)
    store.apply(Change("No text", sources=(tuple(lone.sources), wireless)))
    assert shown(store) == []
    store.apply(Change("Paste", texts={"notes": (None, "x")}))
    assert shown(store) == ["e"]


def test_the_filter_in_words_and_saved() -> None:
    state = FilterState(
        support=frozenset({Support.CONTESTED, Support.CORROBORATED}),
        min_grade="B",
        sources=frozenset({"wire", "paper"}),
    )
    assert state.describe(TIMELINE) == (
        "corroborated or contested · sources graded B or better · "
        "quoting “Wire story” or “The Paper”"
    )
    assert FilterState.from_dict(state.to_dict()) == state
    assert FilterState.from_dict({"support": ["x", "single"], "min_grade": "Z"}) == FilterState(
        support=frozenset({Support.SINGLE})
    )
    assert not narrows(FilterState(text="a"), replace(state, text="ab"))
    assert narrows(replace(state, text="a"), replace(state, text="ab"))


def test_the_command_line_names_sources_by_id_or_title() -> None:
    state, unknown = asked_filter(
        TIMELINE, sources=["wire", "  the   PAPER ", "nowhere"], support=[Support.SINGLE],
        min_grade="c",
    )  # fmt: skip
    assert unknown == ["nowhere"]
    assert state.sources == {"wire", "paper"} and state.min_grade == "C"
    assert state.support == {Support.SINGLE}
    assert asked_filter(TIMELINE, min_grade="F")[0] == FilterState()  # F: any source
