"""How a name typed in a save dialog becomes the file written, which files are read-only,
and which a timeline's exports must never replace (its own file and source texts)."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path

from .model import SLUG_LENGTH, Timeline
from .source_texts import timeline_folder


def with_extension(typed: Path, suffixes: Sequence[str], default: str) -> Path:
    """``typed`` if its name ends in one of ``suffixes`` (any case), else with ``default``
    appended ("notes" -> "notes.json", "report.v2" -> "report.v2.json")."""
    name = typed.name.lower()
    if any(name.endswith(suffix.lower()) for suffix in suffixes):
        return typed
    return typed.with_name(typed.name + default)


def timeline_file_name(title: str) -> str:
    """The name proposed for a timeline's first save: its title's words in lower case,
    in any script, joined by hyphens and cut after a word ("North Korea's Troops" ->
    "north-koreas-troops.json", "Война в Украине" -> "война-в-украине.json")."""
    words = _WORDS.findall(title.replace("'", "").replace("’", "").lower())
    name = ""
    for word in words:
        longer = f"{name}-{word}" if name else word
        if len(longer) > SLUG_LENGTH and name:
            break
        name = longer[:SLUG_LENGTH]
    return f"{name or 'timeline'}.json"


_WORDS = re.compile(r"[^\W_]+")  # letters and digits of any script


def format_copy_path(path: Path, version: int) -> Path:
    """Where a copy of ``path`` in an older format goes, beside it and replacing nothing
    (nor ``path`` itself): "kursk.json" -> "kursk (format 1).json", then "kursk (format
    1) 2.json"..."""
    base = f"{path.stem} (format {version})"
    candidate = path.with_name(base + path.suffix)
    n = 2
    while candidate.exists() or candidate.is_symlink() or candidate == path:
        candidate = path.with_name(f"{base} {n}{path.suffix}")
        n += 1
    return candidate


def imported_file_name(source: Path) -> Path:
    """Where a timeline imported from ``source`` (a TimelineJS file) is proposed to be
    saved first: beside it, named after it, neither it nor any file already there
    ("eras.json" -> "eras-timeline.json", "kursk.timelinejs.json" -> "kursk-timeline.json",
    then "kursk-timeline 2.json"...)."""
    name = source.name
    for suffix in (".json", ".timelinejs"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    base = f"{name or 'imported'}-timeline"
    candidate = source.with_name(f"{base}.json")
    n = 2
    while candidate.exists() or candidate.is_symlink() or candidate == source:
        candidate = source.with_name(f"{base} {n}.json")
        n += 1
    return candidate


def is_read_only(path: Path) -> bool:
    """True when ``path`` exists and is read-only: no write permission for anyone, or none
    for this user (root may write anything: the permission bits still say "read-only")."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not mode & 0o222 or not os.access(path, os.W_OK)


def own_file(
    out: Path,
    timeline_path: Path | None,
    timeline: Timeline,
    itself: str = "the timeline file itself",
) -> str | None:
    """What of the timeline's own ``out`` is, however it is reached (a link, ``..``):
    ``itself`` (the file the timeline was read from) or "the text of the source “…”";
    None for any other file."""
    target = os.path.realpath(out)
    if timeline_path is None:
        return None
    if target == os.path.realpath(timeline_path):
        return itself
    folder = timeline_folder(timeline_path)
    for s in timeline.sources:
        if s.text_file and target == os.path.realpath(folder / s.text_file):
            return f"the text of the source “{s.title}”"
    return None
