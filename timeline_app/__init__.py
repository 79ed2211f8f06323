"""timeline-app: a desktop timeline viewer for evidence-backed timelines built from articles."""

from __future__ import annotations

from importlib import metadata

APP_NAME = "timeline-app"
APP_DISPLAY_NAME = "Timeline"
ORGANIZATION = "timeline-app"
APP_ID = "io.github.timeline_app.TimelineApp"
LICENSE = "GPL-3.0-or-later"

try:
    __version__ = metadata.version("timeline-app")
except metadata.PackageNotFoundError:  # running from a checkout that is not installed
    __version__ = "0.0.0+checkout"
