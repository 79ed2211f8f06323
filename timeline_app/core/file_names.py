"""How a name typed in a save dialog becomes the file written, and which files are
read-only."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path


def with_extension(typed: Path, suffixes: Sequence[str], default: str) -> Path:
    """``typed`` if its name ends in one of ``suffixes`` (any case), else with ``default``
    appended ("notes" -> "notes.json", "report.v2" -> "report.v2.json")."""
    name = typed.name.lower()
    if any(name.endswith(suffix.lower()) for suffix in suffixes):
        return typed
    return typed.with_name(typed.name + default)


def is_read_only(path: Path) -> bool:
    """True when ``path`` exists and is read-only: no write permission for anyone, or none
    for this user (root may write anything: the permission bits still say "read-only")."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not mode & 0o222 or not os.access(path, os.W_OK)
