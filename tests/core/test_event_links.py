"""An event's links read from its end, the link keys' steps, link quotes checked as any
quote, and the bundled dataset's links and eras (issue 18)."""

from __future__ import annotations

from pathlib import Path

from paths import DATASET

from timeline_app.core.dates import parse_iso
from timeline_app.core.event_links import ANALYST_WORDS, linked_step, links_of
from timeline_app.core.fileformat import load_timeline
from timeline_app.core.model import Link, LinkBasis, LinkType, Quote, replace
from timeline_app.core.source_texts import SourceTexts, check_quotes

A = LinkBasis.ANALYST
LINKS = [
    Link("1", "a", "b", LinkType.LED_TO, A),
    Link("2", "c", "b", LinkType.PART_OF, A),
    Link("3", "b", "d", LinkType.SAME_INCIDENT, A),
    Link("4", "e", "f", LinkType.LED_TO, A),
]


def test_a_link_reads_from_each_end_of_it() -> None:
    entries = links_of(LINKS, "b")
    assert [(e.words, e.arrow, e.other_id) for e in entries] == [
        ("In response to", "←", "a"),
        ("Includes", "←", "c"),
        ("The same incident as", "↔", "d"),
    ]
    assert [(e.words, e.arrow) for e in links_of(LINKS, "a")] == [("Led to", "→")]
    assert [(e.words, e.arrow) for e in links_of(LINKS, "d")] == [("The same incident as", "↔")]
    assert links_of(LINKS, "nowhere") == []
    assert all(e.inferred for e in entries) and ANALYST_WORDS == "analyst's inference"
    order = {"a": 3, "c": 1, "d": 2}
    assert [e.other_id for e in links_of(LINKS, "b", order.__getitem__)] == ["c", "d", "a"]


def test_the_link_keys_go_forward_and_back_and_not_straight_back() -> None:
    chain = [Link("1", "a", "b", LinkType.LED_TO, A), Link("2", "b", "c", LinkType.LED_TO, A)]
    assert linked_step(links_of(chain, "a")) == "b"
    assert linked_step(links_of(chain, "b")) == "c"
    assert linked_step(links_of(chain, "b"), forward=False) == "a"
    assert linked_step(links_of(chain, "c")) is None
    both = [*chain, Link("3", "b", "x", LinkType.SAME_INCIDENT, A)]
    # "x" is either way: forward from b after coming from x, c comes first in file order
    assert linked_step(links_of(both, "b"), came_from="c") == "x"
    assert linked_step(links_of(both, "b"), forward=False, came_from="a") == "x"
    assert linked_step(links_of([chain[0]], "b"), forward=False, came_from="a") == "a"


def test_a_links_quote_is_checked_as_any_quote(tmp_path: Path) -> None:
    bundled = load_timeline(DATASET)
    texts = SourceTexts(DATASET.parent)
    assert check_quotes(bundled, texts) == []  # every link quote is in its source
    source = bundled.links[0].quote
    assert source is not None
    wrong = replace(bundled.links[0], quote=Quote(source.source, "words the article never says"))
    problems = check_quotes(replace(bundled, links=[wrong, *bundled.links[1:]]), texts)
    assert [(p.where, p.warning) for p in problems] == [(f"links[0] ({wrong.id}).quote", True)]


def test_the_bundled_dataset_links_its_events_and_nests_its_eras() -> None:
    t = load_timeline(DATASET)
    ids = {e.id for e in t.events}
    pairs = {(k.from_id, k.to_id, k.type) for k in t.links}
    assert (
        "ukraine-kursk-offensive",
        "north-korean-troops-move-into-kursk",
        LinkType.LED_TO,
    ) in pairs
    assert ("ukraine-mobilisation-law", "ukraine-plans-160000-draft", LinkType.LED_TO) in pairs
    for link in t.links:
        assert {link.from_id, link.to_id} <= ids
        if link.basis is LinkBasis.SOURCE:
            assert link.quote is not None
        else:
            assert link.notes.strip()  # an inference says what it rests on
    eras = {e.id: e for e in t.eras}
    korea, cold = eras["korean-war"], eras["cold-war"]
    assert cold.start.start <= korea.start.start and korea.end and cold.end
    assert korea.end.end <= cold.end.end  # nested
    assert eras["full-scale-war"].end is None  # ongoing
    assert eras["full-scale-war"].start == parse_iso("2022-02-24")
