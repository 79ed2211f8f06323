"""Before a save or an export writes a file: the extension added to a typed name, and one
question before replacing a file the user did not name exactly, or a read-only one."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import QWidget

from ..core.file_names import is_read_only, with_extension
from .prompts import Prompts


def may_replace(
    prompts: Prompts, parent: QWidget | None, path: Path, unasked: bool = False
) -> bool:
    """True when ``path`` may be written: it does not exist, or the user agrees to replace
    it when it is read-only or when ``unasked`` (the save dialog did not ask about it)."""
    read_only = is_read_only(path)
    if not read_only and not (unasked and path.exists()):
        return True
    if unasked:
        state = " and is read-only" if read_only else ""
        text = f"“{path.name}” already exists in {path.parent}{state}. Replace it?"
    else:
        text = f"“{path.name}” is read-only. Replace it anyway? It stays read-only."
    return prompts.confirm(parent, "Replace file?", text, "Replace")


def save_target(
    prompts: Prompts, parent: QWidget | None, typed: str, suffixes: Sequence[str], default: str
) -> Path | None:
    """The file a name typed in a save dialog leads to (``default`` appended when it has
    none of ``suffixes``), or None when the user chose not to replace what is there.

    The save dialog asked about the name as typed; a file that only the added extension
    leads to is asked about here, and so is a read-only one."""
    path = with_extension(Path(typed), suffixes, default)
    return path if may_replace(prompts, parent, path, unasked=path != Path(typed)) else None
