"""Timelines to and from TimelineJS (Knight Lab) JSON: :mod:`.export` writes TimelineJS 3,
:mod:`.importer` reads TimelineJS 3, its older wrapped shape and TimelineJS 2
(:mod:`.shapes`), with its date objects (:mod:`.dates`)."""

from .export import to_timelinejs, write_timelinejs
from .importer import (
    DEFAULT_TITLE,
    NotImported,
    Opened,
    TjsImport,
    from_timelinejs,
    imported_what,
    in_short,
    open_timeline,
    read_timelinejs,
)

__all__ = [
    "DEFAULT_TITLE",
    "NotImported",
    "Opened",
    "TjsImport",
    "from_timelinejs",
    "imported_what",
    "in_short",
    "open_timeline",
    "read_timelinejs",
    "to_timelinejs",
    "write_timelinejs",
]
