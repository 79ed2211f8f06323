from __future__ import annotations

import random

from timeline_app.core.dates import parse_iso
from timeline_app.core.model import Event, fold
from timeline_app.core.search import SLICE, SearchText

WORDS = ["kursk", "troops", "Pyongyang", "séoul", "missile", "ab", "ba", "a"]


def events(n: int, seed: int = 1) -> list[Event]:
    rng = random.Random(seed)
    return [
        Event(
            f"e{i}",
            " ".join(rng.choices(WORDS, k=3)),
            parse_iso("2024"),
            summary=" ".join(rng.choices(WORDS, k=2)),
        )
        for i in range(n)
    ]


def brute(evs: list[Event], words: list[str]) -> list[int]:
    texts = [fold(f"{e.title}\n{e.summary}") for e in evs]
    return [p for p, t in enumerate(texts) if all(w in t for w in words)]


def test_matching_agrees_with_testing_every_event() -> None:
    evs = events(400)
    search = SearchText(evs)
    for query in (["kursk"], ["seoul"], ["ab"], ["a", "troops"], ["missile", "kursk"], ["zzz"]):
        assert search.matching(query, {}, None) == brute(evs, query)
        within = list(range(0, 400, 3))
        want = [p for p in brute(evs, query) if p in set(within)]
        assert search.matching(query, {}, within) == want
        assert search.matching(query, {}, within[:10]) == [p for p in want if p in within[:10]]


def test_a_match_never_spans_two_events_and_preparing_in_slices_gives_the_same() -> None:
    evs = [
        Event("x", "ends with ku", parse_iso("2024")),
        Event("y", "rsk begins", parse_iso("2024")),
    ]
    assert SearchText(evs).matching(["kursk"], {}, None) == []
    many = events(SLICE * 2 + 10)
    sliced = SearchText(many)
    steps = 0
    while not sliced.prepare({}, budget=1):
        steps += 1
    assert steps == 2  # three slices, one per step
    assert sliced.matching(["troops"], {}, None) == brute(many, ["troops"])
    assert sliced.matching(["a"], {}, None) == brute(many, ["a"])
    last = len(many) - 1
    assert sliced.text(last).strip() == fold(f"{many[last].title}\n{many[last].summary}")


def test_a_narrower_search_reads_only_the_events_still_in_across_slices() -> None:
    many = events(SLICE * 2 + 10, seed=2)
    search = SearchText(many)
    within = list(range(3, len(many), 7))  # in every slice, none at a slice's start
    for query in (["troops"], ["a", "kursk"], ["zzz"], ["ab", "ba"]):
        want = [p for p in brute(many, query) if p % 7 == 3]
        assert search.matching(query, {}, within) == want
    assert search.matching(["a"], {}, []) == []
    last = [len(many) - 1]
    assert search.matching(["a"], {}, last) == [p for p in brute(many, ["a"]) if p in last]
