"""The published page in a real browser (Chromium): offline, filters, search, the detail
panel, fragments, a hostile title, the narrow layout, accessibility (axe), and the page's
JavaScript axis and label rows against Python's (golden vectors)."""

from __future__ import annotations

import math
import os
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from conftest import Opened, assert_offline
from golden import axis_vectors, label_vectors
from paths import DATASET, EVENTS

from timeline_app.core.dates import parse_iso
from timeline_app.core.fileformat import load_timeline
from timeline_app.core.filters import FilterState
from timeline_app.core.model import Event, Quote, Source, Timeline, chronological, replace
from timeline_app.core.store import TimelineStore
from timeline_app.interop.web import folder_texts, write_web_page

HOSTILE = "</script><script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
SCREENSHOTS = os.environ.get("WEB_SCREENSHOTS", "")  # a folder to keep them in


@pytest.fixture(scope="module")
def bundled() -> Timeline:
    return load_timeline(DATASET)


@pytest.fixture(scope="module")
def page_file(bundled: Timeline, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("web") / "bundled.html"
    write_web_page(out, bundled, bundled.events, file_name=DATASET.name)
    return out


def expected(timeline: Timeline, state: FilterState) -> list[str]:
    """The titles the app's own filter shows (on the published fields: no notes)."""
    published = replace(timeline, events=[replace(e, notes="") for e in timeline.events])
    store = TimelineStore(published)
    store.set_filter(state.normalised([a.id for a in timeline.actors]))
    return [e.title for e in chronological(store.shown_events())]


def test_the_bundled_page_opens_offline_with_every_title(
    open_page: Any, page_file: Path, bundled: Timeline
) -> None:
    opened: Opened = open_page(page_file)
    assert opened.errors == []
    assert sorted(opened.visible_titles()) == sorted(e.title for e in bundled.events)
    text = opened.page.text_content("body") or ""
    assert all(e.title in text for e in bundled.events)
    assert opened.page.title() == bundled.title
    assert opened.page.get_attribute("html", "lang") == "en"
    assert opened.page.get_attribute("#canvas", "aria-hidden") == "true"
    assert opened.page.get_attribute("#detail", "aria-live") == "polite"
    assert opened.page.eval_on_selector_all("#events time", "ts => ts.every(t => t.dateTime)")
    assert_offline(opened)


def test_only_north_korea_leaves_its_events(
    open_page: Any, page_file: Path, bundled: Timeline
) -> None:
    opened: Opened = open_page(page_file)
    page = opened.page
    page.click("#actors-none")
    assert opened.visible_titles() == []
    page.get_by_label("North Korea").check()
    assert opened.visible_titles() == expected(bundled, FilterState(frozenset({"north-korea"})))
    assert "Showing" in page.inner_text("#shown")
    assert opened.errors == []
    assert_offline(opened)


def test_the_search_finds_kursk_and_hides_the_rest(
    open_page: Any, page_file: Path, bundled: Timeline
) -> None:
    opened: Opened = open_page(page_file)
    opened.page.fill("#search", "Kursk")
    titles = opened.visible_titles()
    assert titles == expected(bundled, FilterState(text="Kursk"))
    assert 0 < len(titles) < len(bundled.events)
    assert_offline(opened)


def test_clicking_an_event_shows_its_quotes_and_their_attribution(
    open_page: Any, page_file: Path, bundled: Timeline
) -> None:
    opened: Opened = open_page(page_file)
    event = next(e for e in bundled.events if e.id == "korean-war-ends")
    opened.page.click(f"#event-{event.id} h3 a")
    detail = opened.page.locator("#detail")
    assert detail.locator("h3").inner_text() == event.title
    quotes = detail.locator("blockquote").all_inner_texts()
    assert [q.strip() for q in quotes] == [q.text for q in event.quotes]
    source = bundled.source(event.quotes[0].source)
    assert source is not None
    assert source.attribution() in detail.locator("cite").all_inner_texts()
    # "show in article" without the texts: the quote with its attribution
    detail.get_by_role("button", name="Show in article").first.click()
    assert source.title in opened.page.inner_text("#article")
    assert "not published with this page" in opened.page.inner_text("#article")
    assert opened.errors == []
    assert_offline(opened)


def test_the_timeline_canvas_opens_an_event(open_page: Any, page_file: Path) -> None:
    opened: Opened = open_page(page_file)
    page = opened.page
    box = page.locator("#canvas").bounding_box()
    assert box is not None
    # the first marker on the track: the first strongly coloured pixel of its row
    found = page.evaluate(
        """() => {
            const c = document.getElementById('canvas'), x = c.getContext('2d');
            const r = window.devicePixelRatio || 1, y = Math.round((c.height / r - 52) * r);
            const row = x.getImageData(0, y, c.width, 1).data;
            for (let i = 0; i < c.width; i++) {
                const [R, G, B, A] = row.slice(i * 4, i * 4 + 4);
                if (A > 200 && Math.abs(R - G) > 60) return i / r;
            }
            return -1;
        }"""
    )
    assert found >= 0
    page.mouse.click(box["x"] + found + 2, box["y"] + box["height"] - 52)
    assert page.locator("#detail h3").count() == 1
    assert page.url.split("#")[1].startswith("event-")


def test_a_fragment_opens_its_event(open_page: Any, page_file: Path, bundled: Timeline) -> None:
    event = bundled.events[3]
    opened: Opened = open_page(page_file, fragment=f"#event-{event.id}")
    assert opened.page.locator("#detail h3").inner_text() == event.title
    assert opened.page.get_attribute(f"#event-{event.id}", "aria-current") == "true"


def test_a_hostile_title_stays_text(open_page: Any, tmp_path: Path) -> None:
    source = Source("s", f"Paper {IMG}", url="javascript:alert(1)")
    events = [
        Event("e1", HOSTILE, parse_iso("2024-01-02"), quotes=(Quote("s", f"q {IMG}"),)),
        Event("e2", IMG, parse_iso("2024-03-05"), summary=HOSTILE),
    ]
    timeline = Timeline(f"T {HOSTILE}", [source], [], events)
    out = tmp_path / "hostile.html"
    write_web_page(out, timeline, events, file_name="x.json")
    opened: Opened = open_page(out)
    page = opened.page
    assert sorted(opened.visible_titles()) == sorted([HOSTILE, IMG])
    page.click("#event-e1 h3 a")
    assert IMG in page.inner_text("#detail")
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert page.evaluate("document.scripts.length") == 2
    assert page.evaluate("document.querySelectorAll('a[href^=javascript]').length") == 0
    assert opened.dialogs == [] and opened.errors == []
    assert_offline(opened)


def test_at_375_pixels_the_list_is_the_layout_without_sideways_scrolling(
    open_page: Any, page_file: Path
) -> None:
    opened: Opened = open_page(page_file, width=375)
    page = opened.page
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert page.is_visible("#events") and not page.is_visible("#canvas")
    page.click("#events li h3 a")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    if SCREENSHOTS:
        page.screenshot(path=str(Path(SCREENSHOTS) / "web-page-375.png"))


def test_every_control_is_reached_with_tab_and_shows_a_focus_outline(
    open_page: Any, page_file: Path
) -> None:
    opened: Opened = open_page(page_file)
    page = opened.page
    seen: list[str] = []
    for _ in range(80):  # once round the page (a date field takes a Tab for each part)
        page.keyboard.press("Tab")
        info = page.evaluate(
            """() => { const e = document.activeElement;
                return [e.id || e.outerHTML.slice(0, 120),
                        getComputedStyle(e).outlineStyle]; }"""
        )
        if info[0].startswith("<body") or (seen and info[0] == seen[0]):
            break
        seen.append(info[0])
        assert info[1] != "none", info
    for control in ("search", "zoom-in", "zoom-out", "earlier", "later", "fit", "lanes",
                    "actors-all", "clear"):  # fmt: skip
        assert control in seen


def test_zoom_pan_and_lanes_keep_the_page_working(open_page: Any, page_file: Path) -> None:
    opened: Opened = open_page(page_file)
    page = opened.page
    for button in ("#zoom-in", "#zoom-in", "#earlier", "#later", "#zoom-out", "#fit"):
        page.click(button)
    page.check("#lanes")
    page.mouse.move(600, 300)
    page.mouse.wheel(0, -300)
    page.keyboard.press("0")
    assert page.evaluate("document.getElementById('canvas').height") > 400
    assert opened.errors == []
    if SCREENSHOTS:
        page.emulate_media(reduced_motion="reduce")  # (no smooth scrolling)
        page.uncheck("#lanes")
        page.click("#event-kursk-deployment h3 a") if page.locator(
            "#event-kursk-deployment"
        ).count() else page.click("#events li:nth-child(8) h3 a")
        page.wait_for_function("window.scrollY > 0")  # (scrolled to the item: back to the top)
        page.evaluate("window.scrollTo({top: 0, behavior: 'instant'})")
        page.wait_for_function("window.scrollY === 0")
        page.screenshot(path=str(Path(SCREENSHOTS) / "web-page-1280.png"))


def test_axe_finds_no_serious_or_critical_violation(open_page: Any, page_file: Path) -> None:
    from axe_playwright_python.sync_playwright import Axe

    for width in (1280, 375):
        opened: Opened = open_page(page_file, width=width)
        opened.page.click("#events li:nth-child(2) h3 a")
        results = Axe().run(opened.page)
        bad = [
            (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert bad == [], bad


def test_the_pages_axis_and_label_rows_are_pythons(open_page: Any, page_file: Path) -> None:
    opened: Opened = open_page(page_file)
    axes, rows = axis_vectors(), label_vectors()
    got = opened.page.evaluate(
        """([axes, rows]) => {
            const A = window.TimelineAxis, W = {' ': 3.25, 's': 5.75};
            for (const c of '0123456789') W[c] = 6.5;
            const measure = t => {
                let s = 0;
                for (const c of t) s += (c in W) ? W[c] : 7.25;
                return s;
            };
            const conv = t => ({t: t.t, x: t.x, label: t.label, label_x: t.labelX,
                                pinned: t.pinned});
            return [
                axes.map(c => {
                    const ax = A.computeAxis(new A.TimeScale(c.breaks, c.break_width),
                                             new A.Viewport(c.u0, c.u1, c.width), measure);
                    return {major: ax.major.map(conv), minor: ax.minor.map(conv),
                            units: [ax.majorUnit, ax.minorUnit, ax.minorStep]};
                }),
                rows.map(c => A.stackLabels(c.items, c.rows)),
            ];
        }""",
        [axes, rows],
    )
    for case, axis in zip(axes, got[0], strict=True):
        assert axis["units"] == [case["major_unit"], case["minor_unit"], case["minor_step"]]
        for tier in ("major", "minor"):
            assert len(axis[tier]) == len(case[tier]), case
            for mine, theirs in zip(axis[tier], case[tier], strict=True):
                assert mine["label"] == theirs["label"] and mine["pinned"] == theirs["pinned"]
                for key in ("t", "x", "label_x"):
                    assert math.isclose(mine[key], theirs[key], abs_tol=1e-9), (case, key)
    for case, placed in zip(rows, got[1], strict=True):
        assert placed["placed"] == case["placed"]
        assert placed["clusters"] == case["clusters"]


def test_the_texts_are_shown_in_their_article_when_published(
    open_page: Any, bundled: Timeline, tmp_path: Path
) -> None:
    out = tmp_path / "texts.html"
    write_web_page(out, bundled, bundled.events, file_name=DATASET.name, include={"texts"},
                   text_of=folder_texts(bundled, EVENTS))  # fmt: skip
    opened: Opened = open_page(out)
    event = next(e for e in bundled.events if e.id == "korean-war-ends")
    opened.page.click(f"#event-{event.id} h3 a")
    opened.page.locator("#detail").get_by_role("button", name="Show in article").first.click()
    assert opened.page.inner_text("#article mark") == event.quotes[0].text
    assert opened.errors == []


def test_a_date_the_analyst_established_says_so_in_the_detail_list_and_print(
    open_page: Any, page_file: Path
) -> None:
    opened: Opened = open_page(page_file)
    page = opened.page
    words = "date established elsewhere by the analyst"
    assert words in page.inner_text("#event-russia-invades-ukraine")
    assert words not in page.inner_text("#event-korean-war-ends")
    page.click("#event-russia-invades-ukraine h3 a")
    assert words in page.inner_text("#detail .when")
    page.click("#event-korean-war-ends h3 a")
    assert "date as the quoted source gives it" in page.inner_text("#detail .when")
    page.emulate_media(media="print")
    assert page.is_visible("#event-russia-invades-ukraine .basis")


BOLD_WIDTH = """([title, badge]) => {
    const c = document.createElement('canvas').getContext('2d');
    c.font = "bold 13px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
    const bold = c.measureText(title).width;
    c.font = "13px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
    return bold + c.measureText(badge).width;
}"""


def test_the_selected_label_drawn_bold_has_room_for_its_bold_words_and_badge(
    open_page: Any, page_file: Path, bundled: Timeline
) -> None:
    opened: Opened = open_page(page_file)
    page = opened.page
    events = chronological(bundled.events)
    for index in (len(events) - 1, len(events) - 2):  # long titles near the right edge
        page.click(f"#event-{events[index].id} h3 a")
        drawn = page.evaluate("window.TimelineAxis.drawn()")
        label = next(b for b in drawn["labels"] if b["i"] == index)
        need = page.evaluate(BOLD_WIDTH, [events[index].title, "⚠"])
        assert label["x1"] - label["x0"] >= need  # words and badge, measured bold
        assert label["x1"] <= drawn["width"]  # nothing clipped at the right edge


GUTTER_INK = """() => {  // the strongly drawn pixels in each lane's gutter, right of its name
    const d = window.TimelineAxis.drawn(), c = document.getElementById('canvas');
    const r = window.devicePixelRatio || 1, x = c.getContext('2d');
    let ink = 0;
    for (const lane of d.lanes) {
        const x0 = Math.ceil((lane.x1 + 3) * r), x1 = Math.floor(d.left * r) - 1;
        const y0 = Math.ceil((lane.top + 2) * r), y1 = Math.floor((lane.bottom - 2) * r);
        const px = x.getImageData(x0, y0, x1 - x0, y1 - y0).data;
        for (let i = 3; i < px.length; i += 4) if (px[i] > 40) ink++;
    }
    return ink;
}"""


def test_lanes_keep_labels_and_pills_out_of_the_names_and_apart(
    open_page: Any, page_file: Path
) -> None:
    opened: Opened = open_page(page_file)
    page = opened.page
    page.check("#lanes")
    for step in ("", "#zoom-in", "#later", "#later", "#zoom-in", "#earlier"):
        if step:
            page.click(step)
            page.wait_for_timeout(200)  # (a zoom is animated over a few frames)
        drawn = page.evaluate("window.TimelineAxis.drawn()")
        assert len(drawn["lanes"]) > 5
        assert page.evaluate(GUTTER_INK) == 0, step  # nothing drawn into the lane names
        for lane in range(len(drawn["lanes"])):
            pills = sorted((p["x0"], p["x1"]) for p in drawn["pills"] if p["lane"] == lane)
            for (_a0, a1), (b0, _b1) in pairwise(pills):
                assert a1 <= b0, (step, pills)  # no pill over another
            assert all(drawn["left"] <= a and b <= drawn["width"] for a, b in pills)
    assert opened.errors == []


IN_VIEW = """(ids) => {
    const d = window.TimelineAxis.drawn();
    return ids.map(i => d.marks.some(m => m.i === i && m.x >= d.left && m.x <= d.width));
}"""


def test_zoom_in_from_fit_all_zooms_on_the_events_not_on_empty_time(
    open_page: Any, page_file: Path, bundled: Timeline
) -> None:
    opened: Opened = open_page(page_file)
    page = opened.page
    page.emulate_media(reduced_motion="reduce")
    events = chronological(bundled.events)
    middle = len(events) // 2
    page.click("#fit")
    page.click("#zoom-in")
    assert page.evaluate(IN_VIEW, [middle]) == [True]  # the middle event shown stays in view
    page.click(f"#event-{events[0].id} h3 a")  # the first, far left, across the empty years
    page.click("#fit")
    page.click("#zoom-in")
    page.click("#zoom-in")
    assert page.evaluate(IN_VIEW, [0]) == [True]  # zoomed on the selected event


PRINTED = """() => {
    const li = document.querySelector('#events li[aria-current]');
    const link = document.querySelector('#events a[href^="http"]');
    const status = document.querySelector('#events .status');
    return {
        outline: getComputedStyle(li).outlineStyle,
        visibility: getComputedStyle(li).contentVisibility,
        fg: getComputedStyle(document.body).color,
        bg: getComputedStyle(document.body).backgroundColor,
        status: getComputedStyle(status).color,
        after: getComputedStyle(link, '::after').content,
        href: link.href,
    };
}"""


def test_print_in_dark_mode_is_black_on_white_with_every_item_and_the_links_spelled_out(
    open_page: Any, page_file: Path
) -> None:
    opened: Opened = open_page(page_file)
    page = opened.page
    page.click("#events li:nth-child(3) h3 a")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print", color_scheme="dark")
    printed = page.evaluate(PRINTED)
    assert printed["outline"] == "none"
    assert printed["visibility"] == "visible"  # (not skipped as off screen)
    assert (printed["fg"], printed["bg"]) == ("rgb(0, 0, 0)", "rgb(255, 255, 255)")
    assert printed["status"] == "rgb(138, 69, 0)"  # the light scheme's, readable on paper
    assert printed["href"] in printed["after"]  # the address after the link


def test_on_a_wide_screen_the_filter_heading_never_folds_the_filters_away(
    open_page: Any, page_file: Path
) -> None:
    opened: Opened = open_page(page_file)
    page = opened.page
    page.focus("#filter-box summary")  # (taken out of the Tab order: focused directly)
    page.keyboard.press("Enter")
    page.keyboard.press("Space")
    page.click("#filter-box summary", force=True)
    assert page.evaluate("document.getElementById('filter-box').open")
    assert page.is_visible("#search")
    page.reload()
    page.wait_for_function("window.__timelineReady !== undefined")
    for _ in range(4):  # Tab from the top of the page to the filters, then Enter
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('#filter-box') !== null"):
            break
    page.keyboard.press("Enter")
    assert page.is_visible("#search")
    narrow: Opened = open_page(page_file, width=375)  # below 600 px it folds, and opens
    assert not narrow.page.is_visible("#search")
    narrow.page.focus("#filter-box summary")
    narrow.page.keyboard.press("Enter")
    assert narrow.page.is_visible("#search")


def test_a_malformed_fragment_opens_nothing_and_breaks_nothing(
    open_page: Any, page_file: Path, bundled: Timeline
) -> None:
    opened: Opened = open_page(page_file, fragment="#event-%E0%A4%A")  # ready, or it times out
    page = opened.page
    assert page.locator("#detail h3").count() == 0
    page.evaluate("location.hash = '#event-%E0%A4%A'")  # on hashchange too
    page.evaluate("location.hash = '#%'")
    page.evaluate("location.hash = '#event-constructor'")  # no id the page did not publish
    event = chronological(bundled.events)[2]
    page.evaluate(f"location.hash = '#event-{event.id}'")
    page.wait_for_function("document.querySelector('#detail h3') !== null")
    assert page.inner_text("#detail h3") == event.title
    assert opened.errors == []


def test_the_reason_for_a_grade_is_a_note_shown_as_text_when_published(
    open_page: Any, page_file: Path, bundled: Timeline, tmp_path: Path
) -> None:
    event = next(e for e in bundled.events if e.id == "korean-war-ends")
    source = bundled.source(event.quotes[0].source)
    assert source is not None and source.reliability_reason
    opened: Opened = open_page(page_file)  # by default: not published
    opened.page.click(f"#event-{event.id} h3 a")
    assert source.reliability_reason not in opened.page.content()
    out = tmp_path / "notes.html"
    write_web_page(out, bundled, bundled.events, file_name=DATASET.name, include={"notes"})
    with_notes: Opened = open_page(out)
    with_notes.page.click(f"#event-{event.id} h3 a")
    assert source.reliability_reason in with_notes.page.inner_text("#detail")  # seen, not hovered


LEGEND_ACTORS = (
    "() => [...document.querySelectorAll('#legend .entry.actor')].map(e => e.textContent)"
)


def test_the_legend_names_the_actors_whose_colours_the_shown_events_are_drawn_in(
    open_page: Any, page_file: Path, bundled: Timeline
) -> None:
    opened: Opened = open_page(page_file)
    page = opened.page
    names = {a.id: a.name for a in bundled.actors}
    order = [a.name for a in bundled.actors]
    firsts = {names[e.actors[0]] for e in bundled.events if e.actors}
    assert page.evaluate(LEGEND_ACTORS) == [n for n in order if n in firsts]
    page.check("#lanes")  # each lane in its actor's colour: every actor
    every = {names[a] for e in bundled.events for a in e.actors}
    assert page.evaluate(LEGEND_ACTORS) == [n for n in order if n in every]
    page.fill("#search", "Kursk")  # and only those of the events the filters leave
    kursk = expected(bundled, FilterState(text="Kursk"))
    left = {names[a] for e in bundled.events if e.title in kursk for a in e.actors}
    assert page.evaluate(LEGEND_ACTORS) == [n for n in order if n in left]
    assert len(left) < len(every)


OUTLINE_INSIDE = """() => {  // each actor's check box, focused: its whole outline inside the list
    const list = document.getElementById('actors'), out = [];
    for (const box of list.querySelectorAll('input')) {
        box.focus();
        const s = getComputedStyle(box), r = box.getBoundingClientRect();
        const room = parseFloat(s.outlineWidth) + parseFloat(s.outlineOffset);
        const l = list.getBoundingClientRect();
        const y0 = l.top + list.clientTop, y1 = y0 + list.clientHeight;
        const visible = r.bottom > y0 && r.top < y1;  // (scrolled into view by focus)
        if (visible && (r.left - room < l.left + list.clientLeft - 0.5
                        || r.top - room < y0 - 0.5 || r.bottom + room > y1 + 0.5))
            out.push(box.value);
    }
    return out;
}"""


def test_a_focused_actor_check_box_shows_its_whole_outline(open_page: Any, page_file: Path) -> None:
    opened: Opened = open_page(page_file)
    assert opened.page.evaluate(OUTLINE_INSIDE) == []


LEADER_INK = """() => {  // pixels of a leader's colour inside the labels' words at Fit all
    const d = window.TimelineAxis.drawn(), c = document.getElementById('canvas');
    const r = window.devicePixelRatio || 1, x = c.getContext('2d');
    let crossed = 0;
    for (const b of d.labels) {
        const px = x.getImageData(Math.ceil((b.x0 + 4) * r), Math.ceil((b.y0 + 3) * r),
                                  Math.floor((b.words - b.x0 - 4) * r), Math.floor(12 * r)).data;
        for (let i = 0; i < px.length; i += 4) {
            const [R, G, B, A] = px.slice(i, i + 4);
            if (A > 200 && Math.max(R, G, B) - Math.min(R, G, B) > 80) crossed++;
        }
    }
    return crossed;
}"""


def test_at_fit_all_no_leader_line_crosses_a_labels_words(open_page: Any, page_file: Path) -> None:
    opened: Opened = open_page(page_file)
    page = opened.page
    page.click("#fit")
    assert len(page.evaluate("window.TimelineAxis.drawn()")["labels"]) > 5
    assert page.evaluate(LEADER_INK) == 0  # (words are grey or black; leaders coloured)
