from __future__ import annotations

import copy
import json
from collections import Counter
from pathlib import Path

import pytest
from core_helpers import applied

from timeline_app.core.dates import parse_iso
from timeline_app.core.fileformat import load_timeline
from timeline_app.core.links import url_problem
from timeline_app.core.model import Quote, Source, Timeline, replace
from timeline_app.core.source_edits import (
    SourceEditError,
    add_source_change,
    citing_events,
    edit_source_change,
    new_source_id,
    quote_counts,
    remove_source_change,
    text_file_for,
)
from timeline_app.core.source_texts import SourceTexts
from timeline_app.core.store import TimelineStore

RAMANI = "ramani-north-korean-troops"
DATASET = Path(__file__).resolve().parents[2] / "events" / "north-korean-troops.json"


@pytest.fixture(scope="module")
def original() -> Timeline:
    return load_timeline(DATASET)


@pytest.mark.parametrize(
    ("url", "problem"),
    [("", ""), ("https://example.org/a?b=c", ""), ("HTTP://EXAMPLE.ORG", ""),
     ("  https://example.org  ", ""),
     ("javascript:alert(1)", "only http:// and https://"), ("file:///etc/passwd", "only http"),
     ("example.org/page", "only http"), ("https://", "no site name"),
     ("https://exa mple.org", "spaces"), ("http://[::1", "not a link")],
)  # fmt: skip
def test_only_http_links_are_accepted(url: str, problem: str) -> None:
    if problem:
        assert problem in url_problem(url)
    else:
        assert url_problem(url) == ""


def test_new_ids_and_text_files_are_unique(original: Timeline) -> None:
    assert new_source_id(original, "Seoul's view: “firmer action”!") == "seouls-view-firmer-action"
    taken = replace(original.sources[0], id="x", text_file="b.txt")
    timeline = replace(original, sources=[*original.sources, taken])
    assert new_source_id(timeline, "X") == "x-2"
    assert text_file_for(timeline, "a") == "a.txt"
    assert text_file_for(timeline, "b") == "b-2.txt"
    assert text_file_for(timeline, "x") == "x.txt"  # its own name is not taken


def test_add_source_with_text_holds_the_text_and_undo_forgets_it(original: Timeline) -> None:
    source = Source(id="seoul", title="Seoul's view", author="A. Writer")
    change = add_source_change(original, source, "Seoul sees it differently.")
    after = applied(original, change)
    assert after.sources[:-1] == original.sources
    added = after.sources[-1]
    assert added.id == "seoul" and added.text_file == "seoul.txt"  # given a text file
    assert change.texts == {"seoul": (None, "Seoul sees it differently.")}
    assert change.inverted().texts == {"seoul": ("Seoul sees it differently.", None)}

    texts = SourceTexts(None)
    for source_id, (_, text) in change.texts.items():
        texts.set_text(source_id, text)
    match, reason = texts.find(after, Quote("seoul", "sees it  differently"))
    assert match is not None, reason


def test_add_source_without_text_has_no_text_file(original: Timeline) -> None:
    change = add_source_change(original, Source(id="bare", title="Bare"))
    assert change.texts == {}
    assert applied(original, change).sources[-1].text_file == ""


@pytest.mark.parametrize(
    ("source", "message"),
    [(Source(id=RAMANI, title="Again"), "taken"), (Source(id="", title="No id"), "empty"),
     (Source(id="t", title="  "), "needs a title"),
     (Source(id="u", title="U", url="javascript:alert(1)"), "link 'javascript:alert"),
     (Source(id="v", title="V", archive_url="ftp://x.org"), "archive link")],
)  # fmt: skip
def test_add_source_refuses_bad_records(original: Timeline, source: Source, message: str) -> None:
    with pytest.raises(SourceEditError, match=message):
        add_source_change(original, source)


def test_edit_source_replaces_it_in_place_and_undo_restores_the_old_text(
    original: Timeline,
) -> None:
    old = original.sources[0]
    edited = replace(old, title="New title", published=parse_iso("2024-11-08"), url="https://a.b")
    change = edit_source_change(original, edited, "new text", pending_before=None)
    after = applied(original, change)
    assert after.sources == [edited, *original.sources[1:]]  # the others as they were
    assert change.texts == {RAMANI: (None, "new text")}  # undo forgets the held text
    again = edit_source_change(after, edited, "newer", pending_before="new text")
    assert again.inverted().texts == {RAMANI: ("newer", "new text")}


def test_edit_source_without_text_leaves_the_text_alone(original: Timeline) -> None:
    old = original.sources[0]
    change = edit_source_change(original, replace(old, author="Samuel Ramani"))
    assert change.texts == {}
    assert applied(original, change).sources[0].text_file == old.text_file


def test_editing_in_a_text_gives_the_source_a_text_file(original: Timeline) -> None:
    timeline = applied(original, add_source_change(original, Source(id="bare", title="Bare")))
    change = edit_source_change(timeline, timeline.sources[-1], "now some text")
    after = applied(timeline, change)
    assert after.sources[-1].text_file == "bare.txt"


def test_edit_source_refuses_an_unknown_source_or_bad_link(original: Timeline) -> None:
    with pytest.raises(SourceEditError, match="no source"):
        edit_source_change(original, Source(id="nobody", title="N"))
    with pytest.raises(SourceEditError, match="only http"):
        edit_source_change(original, replace(original.sources[0], url="javascript:x"))


def test_a_cited_source_cannot_be_removed(original: Timeline) -> None:
    events = json.loads(DATASET.read_text(encoding="utf-8"))["events"]
    cited = Counter(q["source"] for e in events for q in e["quotes"])
    assert quote_counts(original) == cited and set(cited) == {s.id for s in original.sources}
    assert cited[RAMANI] == 13
    citing = [e for e in events if any(q["source"] == RAMANI for q in e["quotes"])]
    assert len(citing_events(original, RAMANI)) == len(citing) == 13
    with pytest.raises(SourceEditError, match=r"cited by 13 quotes in 13 events \(“Korean War"):
        remove_source_change(original, RAMANI)
    for source in original.sources:  # every source of the bundled file is cited
        with pytest.raises(SourceEditError, match="cited by"):
            remove_source_change(original, source.id)


def test_removing_an_uncited_source_drops_its_held_text_until_undo(original: Timeline) -> None:
    store = TimelineStore(copy.deepcopy(original))
    store.apply(add_source_change(original, Source(id="spare", title="Spare"), "held"))
    change = remove_source_change(store.timeline, "spare", pending_before="held")
    assert change.texts == {"spare": ("held", None)}
    after = applied(store.timeline, change)
    assert after.sources == original.sources
    with pytest.raises(SourceEditError, match="no source"):
        remove_source_change(original, "spare")


def test_the_store_applies_a_whole_change_source_texts_included() -> None:
    store = TimelineStore(Timeline("T"))
    change = add_source_change(store.timeline, Source("notes", "Notes"), "pasted text")
    change = store.apply(change)
    source = store.timeline.source("notes")
    assert source is not None and store.texts.text(source) == "pasted text"
    assert store.texts.pending() == {"notes": "pasted text"}
    store.apply(change.inverted())
    assert store.timeline.source("notes") is None and store.texts.pending() == {}


def test_the_form_fields_make_a_source_an_edit_keeps_its_id_and_file() -> None:
    from timeline_app.core.source_edits import source_from_fields

    t = Timeline("T", sources=[Source("art", "An article", text_file="a.txt", extra={"x": 1})])
    fields = Source("", "  A   new  title ", author=" Jo  Bloggs ", url=" https://x.org ")
    new = source_from_fields(t, fields, None, has_text=True)
    assert (new.id, new.title, new.author, new.url) == (
        "a-new-title", "A new title", "Jo Bloggs", "https://x.org",
    )  # fmt: skip
    assert new.text_file == "a-new-title.txt"
    edited = source_from_fields(t, fields, t.sources[0], has_text=True)
    assert (edited.id, edited.text_file, edited.extra) == ("art", "a.txt", {"x": 1})


def test_removing_a_source_leaves_no_reference_to_it(original: Timeline) -> None:
    """Sources derived from it no longer say so and its review marks go: the file stays
    valid, and undo restores both."""
    from timeline_app.core.model import ProposalMark

    lone = Source("wire", "A wire report")
    derived = Source("paper", "A paper", derived_from=("wire", RAMANI))
    t = replace(
        original,
        sources=[*original.sources, lone, derived],
        review={"wire": (ProposalMark(0, 4, "0123456789abcdef"),)},
    )
    after = applied(t, remove_source_change(t, "wire"))
    assert after.source("paper").derived_from == (RAMANI,)  # type: ignore[union-attr]
    assert after.review == {} and after.source("wire") is None


def test_a_source_quoted_by_a_link_is_not_removed(original: Timeline) -> None:
    from timeline_app.core.model import Link, LinkBasis, LinkType

    lone = Source("wire", "A wire report")
    a, b = original.events[0].id, original.events[1].id
    link = Link("l", a, b, LinkType.LED_TO, LinkBasis.SOURCE, quote=Quote("wire", "so"))
    t = replace(original, sources=[*original.sources, lone], links=[link])
    with pytest.raises(SourceEditError, match="quoted by 1 link between events"):
        remove_source_change(t, "wire")
