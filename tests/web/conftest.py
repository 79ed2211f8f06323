"""A real browser for the published page: Debian's Chromium driven by Playwright for
Python.  Without them the tests skip, except in CI (``CI=true``), where they fail.  Every
page opens with every request that is not ``file:``, ``data:``, ``blob:`` or ``about:``
blocked and recorded: the tests assert that none was attempted."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync",
]  # fmt: skip
ALLOWED = ("file:", "data:", "blob:", "about:")


def _unavailable(why: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"the browser tests must run in CI: {why}")
    pytest.skip(why)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright for Python is not installed")
    if not CHROMIUM.exists():
        _unavailable(f"no Chromium at {CHROMIUM}")
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@dataclass
class Opened:
    page: Any
    requests: list[str] = field(default_factory=list)  # every URL asked for
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # console errors and uncaught exceptions
    dialogs: list[str] = field(default_factory=list)  # alert() and the like

    def visible_titles(self) -> list[str]:
        return list(self.page.eval_on_selector_all(
            "#events li:not([hidden]) h3", "els => els.map(e => e.textContent)"))  # fmt: skip


@pytest.fixture
def open_page(browser: Any) -> Iterator[Any]:
    contexts: list[Any] = []

    def opening(path: Path, width: int = 1280, fragment: str = "") -> Opened:
        context = browser.new_context(viewport={"width": width, "height": 800})
        contexts.append(context)
        page = context.new_page()
        opened = Opened(page)

        def route(r: Any) -> None:
            url = r.request.url
            if url.startswith(ALLOWED):
                r.continue_()
            else:
                opened.blocked.append(url)
                r.abort()

        context.route("**/*", route)
        page.on("request", lambda req: opened.requests.append(req.url))
        page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda exc: opened.errors.append(str(exc)))

        def dialog(d: Any) -> None:
            opened.dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", dialog)
        page.goto(path.as_uri() + fragment)
        page.wait_for_function("window.__timelineReady !== undefined")
        return opened

    yield opening
    for context in contexts:
        context.close()


def assert_offline(opened: Opened) -> None:
    assert opened.blocked == []
    assert [u for u in opened.requests if not u.startswith(ALLOWED)] == []
