"""The extraction benchmark's scorer (benchmarks/extraction/evaluate.py) and its gold files:
the matching rules of issue 19's rule 7, and gold quotes that are where they say."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

import pytest
from paths import REPO

from timeline_app.core.dates import parse_iso

EXTRACTION = REPO / "benchmarks" / "extraction"


def evaluate_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("benchmarks_evaluate", EXTRACTION / "evaluate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


ev = evaluate_module()
Span = ev.Span


def test_spans_match_when_they_share_half_of_the_shorter_one() -> None:
    gold = Span(100, 40)
    assert ev.overlaps(Span(120, 200), gold)  # shares 20 of the shorter 40: exactly half
    assert not ev.overlaps(Span(121, 200), gold)  # 19: less than half
    assert ev.overlaps(Span(0, 400), gold)  # a whole sentence holding the gold clause
    assert ev.overlaps(Span(110, 5), gold)  # a short proposal inside it
    assert not ev.overlaps(Span(140, 10), gold)  # touching is not sharing
    assert not ev.overlaps(Span(100, 0), Span(100, 0))


def test_matching_is_one_to_one_and_finds_the_most_pairs() -> None:
    gold = [Span(0, 100), Span(100, 100)]
    # one long proposal covering both golds matches one of them, not two
    assert len(ev.match([Span(0, 200)], gold)) == 1
    # two proposals on the same gold event: one is matched, the other is a false positive
    assert ev.match([Span(0, 90), Span(10, 80)], [Span(0, 100)]) in ([(0, 0)], [(1, 0)])
    # the first proposal prefers gold 0 (larger overlap) but must yield it to the second,
    # which matches nothing else: both are matched
    assert ev.match([Span(40, 120), Span(0, 50)], gold) == [(0, 1), (1, 0)]


def test_scores_are_micro_averaged_and_dates_compared_as_day_intervals() -> None:
    decade = ev.days_of("1980s", None)
    assert decade == (parse_iso("1980-01-01").start, parse_iso("1989-12-31").end)
    assert ev.days_of("1953", None) != ev.days_of("1953-07-27", None)  # precision counts
    assert ev.days_of("2022-02-24", "2024-10-30") == (
        parse_iso("2022-02-24").start, parse_iso("2024-10-30").end,
    )  # fmt: skip
    gold = [Span(0, 10, decade), Span(20, 10, None), Span(40, 10, decade)]
    first = ev.score([Span(0, 10, decade), Span(20, 10, None), Span(60, 5)], gold)
    assert (first.proposed, first.gold, first.matched, first.dated) == (3, 3, 2, 2)
    second = ev.score([Span(0, 10, ev.days_of("1985", None))], [Span(0, 10, decade)])
    total = ev.Score()
    total.add(first)
    total.add(second)
    assert (total.precision, total.recall) == (3 / 4, 3 / 4)
    assert total.date_accuracy == 2 / 3
    assert "| **overall (micro)** | 4 | 4 | 3 | 0.75 | 0.75 | 0.67 |" in ev.table([], total)


@pytest.mark.parametrize("name", ["main", "heldout"])
def test_gold_quotes_are_at_their_offsets_and_dates_are_the_apps_forms(name: str) -> None:
    texts = ev.load_gold(ev.SETS[name])
    assert len(texts) >= 5
    import json

    for gold in texts:
        text = gold.text()
        data = json.loads((ev.SETS[name] / f"{gold.name}.json").read_text(encoding="utf-8"))
        for event in data["events"]:
            assert text[event["offset"] : event["offset"] + event["length"]] == event["quote"]
            assert event["status"] in {"reported", "alleged", "disputed", "denied"}
            if event["start"] is None:
                assert event["needs_date"]
            else:
                assert parse_iso(event["start"]).precision.label == event["precision"]


def test_set_heldout_reports_the_held_out_texts_not_the_tuned_ones(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert ev.main(["--set", "heldout", "--runs", "1"]) == 0
    out = capsys.readouterr().out
    held_out = {g.name for g in ev.load_gold(ev.SETS["heldout"])}
    tuned = {g.name for g in ev.load_gold()}
    assert held_out and not held_out & tuned  # no text is in both sets
    assert all(f"| {name} |" in out for name in held_out)
    assert not any(f"| {name} |" in out for name in tuned)
    assert "| **overall (micro)** |" in out and "Speed:" in out
