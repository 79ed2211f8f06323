"""timeline-app: a desktop timeline viewer for evidence-backed timelines built from articles."""

from __future__ import annotations

from functools import cache

APP_NAME = "timeline-app"
APP_DISPLAY_NAME = "Timeline"
ORGANIZATION = "timeline-app"
APP_ID = "io.github.timeline_app.TimelineApp"
LICENSE = "GPL-3.0-or-later"


@cache
def version() -> str:
    """The installed version (read when first asked for: importing ``importlib.metadata``
    costs 30 ms of every start, and only --version and the About box say it)."""
    from importlib import metadata

    try:
        return metadata.version("timeline-app")
    except metadata.PackageNotFoundError:  # running from a checkout that is not installed
        return "0.0.0+checkout"


def __getattr__(name: str) -> str:
    if name == "__version__":
        return version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
