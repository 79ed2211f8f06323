"""The timeline file format (JSON, version 1), documented in ``events/README.md``: what to
import to read one (:mod:`~timeline_app.core.file_read`) or write one
(:mod:`~timeline_app.core.file_write`)."""

from __future__ import annotations

from .atomic import atomic_write
from .file_read import (
    EVENT_KEYS,
    NotATimelineFile,
    load_timeline,
    timeline_from_data,
    timeline_from_text,
)
from .file_write import (
    EVENT_SLICE,
    event_to_data,
    iter_compact_json,
    save_timeline,
    timeline_to_data,
    timeline_to_text,
)
from .model import MAX_NESTING
from .problems import LoadError, Problem
from .progress import Cancelled

__all__ = [
    "EVENT_KEYS",
    "EVENT_SLICE",
    "MAX_NESTING",
    "Cancelled",
    "LoadError",
    "NotATimelineFile",
    "Problem",
    "atomic_write",
    "event_to_data",
    "iter_compact_json",
    "load_timeline",
    "save_timeline",
    "timeline_from_data",
    "timeline_from_text",
    "timeline_to_data",
    "timeline_to_text",
]
