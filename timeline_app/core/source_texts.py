"""The texts of a timeline's sources: the one place that names, reads and writes text files.

A source's ``text_file`` is a path relative to the timeline's folder (the folder of the
timeline file, symlinks resolved).  A timeline is untrusted input, so a text file must
resolve, symlinks followed, to a regular file inside that folder or a sub-folder of it, of at
most :data:`~timeline_app.core.safe_read.TEXT_LIMIT` bytes.  Anything else (an absolute path,
``../`` out of the folder, a symlink pointing outside, a named pipe, a device) is a
:class:`Refusal`: never read, never copied, never written.  ``--validate`` reports it as an
error; the window offers to copy such a text into the folder (:func:`copy_in_change`).

Texts are read lazily and cached.  A text typed or pasted by the user but not yet saved is
held in memory (``set_text``), takes precedence over the file, and is written into the
folder on save (:func:`write_pending_texts`), never through a path that leads out of it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path, PurePosixPath, PureWindowsPath

from .atomic import atomic_write, free_name
from .model import Event, Quote, Source, Timeline
from .problems import Problem, failure_reason
from .quotes import Match, NormalisedText, find_quote
from .safe_read import TEXT_LIMIT, check_regular_file, read_regular_file
from .store import Change


def timeline_folder(path: str | os.PathLike[str]) -> Path:
    """The folder a timeline's texts are named from: its file's, symlinks resolved."""
    return Path(os.path.realpath(path)).parent


class RefusalKind(str, Enum):
    NAME = "name"  # absolute, or not a file name at all
    OUTSIDE = "outside"  # resolves out of the timeline's folder
    SPECIAL = "special"  # inside, but a FIFO, a device, a folder, or too big


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a source's text file is not read, and where it leads."""

    kind: RefusalKind
    message: str
    target: Path | None = None  # the resolved path, when there is one

    @property
    def copyable(self) -> bool:
        """A file elsewhere on disk, which the user may choose to copy into the folder."""
        return self.kind is not RefusalKind.SPECIAL and self.target is not None


def refusal(folder: Path, text_file: str, limit: int = TEXT_LIMIT) -> Refusal | None:
    """Why ``text_file`` (named from ``folder``) must not be read, or None when it may be
    (a missing file is not refused: reading it says it is missing).  Never opens it."""
    if "\0" in text_file:
        return Refusal(RefusalKind.NAME, "contains a NUL character, which no file name can")
    if PurePosixPath(text_file).is_absolute() or PureWindowsPath(text_file).drive:
        local = Path(text_file).is_absolute()  # the path means a file on this system
        return Refusal(
            RefusalKind.NAME,
            "is an absolute path: a text file is named relative to the timeline's folder",
            Path(os.path.realpath(text_file)) if local else None,
        )
    real_folder = Path(os.path.realpath(folder))
    target = Path(os.path.realpath(real_folder / text_file))
    if target == real_folder or real_folder not in target.parents:
        return Refusal(
            RefusalKind.OUTSIDE,
            f"leads outside the timeline's folder (to {target})",
            target,
        )
    try:
        why = check_regular_file(target, limit)
    except OSError:
        return None  # missing or unreadable: said when it is read
    return Refusal(RefusalKind.SPECIAL, why, target) if why else None


def text_file_problems(timeline: Timeline, folder: Path) -> list[Problem]:
    """An error for every source whose text file is refused (see :func:`refusal`)."""
    problems = []
    for i, source in enumerate(timeline.sources):
        if source.text_file:
            refused = refusal(folder, source.text_file)
            if refused is not None:
                where = f"sources[{i}] ({source.id}).text_file"
                problems.append(Problem(where, f"“{source.text_file}” {refused.message}"))
    return problems


class SourceTexts:
    def __init__(self, base_dir: Path | None) -> None:
        self.base_dir = Path(os.path.realpath(base_dir)) if base_dir is not None else None
        self._files: dict[str, NormalisedText | None] = {}
        self._failures: dict[str, str] = {}  # text_file -> why it was not or could not be read
        self._pending: dict[str, NormalisedText] = {}

    def set_text(self, source_id: str, text: str | None) -> None:
        """Hold a text in memory for a source (None forgets it)."""
        if text is None:
            self._pending.pop(source_id, None)
        else:
            self._pending[source_id] = NormalisedText(text)

    def pending(self) -> dict[str, str]:
        """Texts held in memory, to be written beside the file on save."""
        return {k: v.original for k, v in self._pending.items()}

    def rebase(self, base_dir: Path | None) -> None:
        self.base_dir = Path(os.path.realpath(base_dir)) if base_dir is not None else None
        self._files.clear()
        self._failures.clear()

    def refusal(self, source: Source) -> Refusal | None:
        """Why the source's text file is not read (None: it is, or there is none)."""
        if not source.text_file or self.base_dir is None:
            return None
        return refusal(self.base_dir, source.text_file)

    def normalised(self, source: Source) -> NormalisedText | None:
        if source.id in self._pending:
            return self._pending[source.id]
        return self._file(source)

    def file_text(self, source: Source) -> str | None:
        """The text in the source's file, whatever is held in memory."""
        n = self._file(source)
        return n.original if n is not None else None

    def _file(self, source: Source) -> NormalisedText | None:
        if not source.text_file or self.base_dir is None:
            return None
        key = source.text_file
        if key not in self._files:
            self._files[key] = None
            refused = self.refusal(source)
            if refused is not None:
                self._failures[key] = f"was not read: it {refused.message}"
            else:
                try:
                    raw = read_regular_file(self.base_dir / key, TEXT_LIMIT)
                    self._files[key] = NormalisedText(raw.decode("utf-8-sig"))
                except OSError as exc:
                    self._failures[key] = f"cannot be read: {failure_reason(exc)}"
                except UnicodeDecodeError:
                    self._failures[key] = "cannot be read: it is not UTF-8 text"
        return self._files[key]

    def text(self, source: Source) -> str | None:
        n = self.normalised(source)
        return n.original if n is not None else None

    def find(self, timeline: Timeline, quote: Quote) -> tuple[Match | None, str]:
        """Where a quote stands in its source, and a reason when it cannot be found."""
        source = timeline.source(quote.source)
        if source is None:
            return None, f"unknown source {quote.source!r}"
        text = self.normalised(source)
        if text is None:
            if not source.text_file:
                return None, f"the source “{source.title}” has no text to check against"
            why = self._failures.get(source.text_file, "cannot be read")
            return None, f"the text of “{source.title}” ({source.text_file}) {why}"
        match = find_quote(quote.text, text)
        if match is None:
            return None, f"not found in “{source.title}”"
        return match, ""


def check_quotes(timeline: Timeline, texts: SourceTexts) -> list[Problem]:
    """A warning for every quote not found in its source's text (quotes of a source whose
    text file is refused are not checked: that source is an error of its own)."""
    problems = []
    refused = {s.id for s in timeline.sources if texts.refusal(s) is not None}
    for i, event in enumerate(timeline.events):
        for j, quote in enumerate(event.quotes):
            if quote.source in refused:
                continue
            match, why = texts.find(timeline, quote)
            if match is None:
                problems.append(Problem(_where(i, event, j), f"quote {why}", warning=True))
    return problems


def _where(i: int, event: Event, j: int) -> str:
    return f"events[{i}] ({event.id}).quotes[{j}]"


# -- bringing texts in, writing them, carrying them along ---------------------------------


def text_file_for(timeline: Timeline, source_id: str) -> str:
    """``<id>.txt``, or ``<id>-2.txt``… when another source already uses that name."""
    taken = {s.text_file.casefold() for s in timeline.sources if s.id != source_id}
    name = f"{source_id}.txt"
    n = 2
    while name.casefold() in taken:
        name = f"{source_id}-{n}.txt"
        n += 1
    return name


def copy_in_change(
    timeline: Timeline, texts: SourceTexts, source_ids: Collection[str]
) -> tuple[Change | None, list[str]]:
    """One undoable change giving each of these sources (whose text files lie outside the
    timeline's folder) a text file inside it, with the outside text as its content (written
    on save); and a line for each text that could not be copied, with the reason.

    The outside file is read only here, after the user agreed, and only if it is a regular
    file within the size limit."""
    sources = list(timeline.sources)
    new_texts: dict[str, tuple[str | None, str | None]] = {}
    failed: list[str] = []
    for i, source in enumerate(sources):
        if source.id not in source_ids:
            continue
        refused = texts.refusal(source)
        if refused is None or not refused.copyable:
            continue
        assert refused.target is not None
        try:
            content = read_regular_file(refused.target, TEXT_LIMIT).decode("utf-8-sig")
        except OSError as exc:
            failed.append(f"“{source.title}” ({refused.target}): {failure_reason(exc)}")
            continue
        except UnicodeDecodeError:
            failed.append(f"“{source.title}” ({refused.target}): it is not UTF-8 text")
            continue
        renamed = replace(source, text_file="")
        partial = replace(timeline, sources=[*sources[:i], renamed, *sources[i + 1 :]])
        sources[i] = replace(source, text_file=text_file_for(partial, source.id))
        new_texts[source.id] = (texts.pending().get(source.id), content)
    if not new_texts:
        return None, failed
    n = len(new_texts)
    change = Change(
        f"Copy {n} source text{'s' * (n != 1)} into the timeline's folder",
        sources=(tuple(timeline.sources), tuple(sources)),
        texts=new_texts,
    )
    return change, failed


def _writable_name(
    folder: Path, text_file: str, keep: Callable[[Path], bool] = lambda _rel: False
) -> Path:
    """A name, relative to ``folder``, that a text may be written to: ``text_file`` when it
    stays inside the folder and is either free or a regular file ``keep`` accepts; else the
    first free name beside it (or, for a name leading out, at the top of the folder)."""
    rel = Path(text_file)
    if refusal(folder, text_file) is not None:
        rel = Path(PureWindowsPath(text_file.replace("\0", "")).name or "source.txt")
    if os.path.lexists(folder / rel) and (
        refusal(folder, rel.as_posix()) is not None or not keep(rel)
    ):
        rel = free_name(folder, rel)  # never through a link out, never over another file
    return rel


def write_pending_texts(
    timeline: Timeline,
    pending: dict[str, str],
    folder: Path,
    ours: Collection[str] = (),
    write: Callable[[Path, bytes], None] = atomic_write,
) -> Timeline:
    """Write the texts held in memory into ``folder`` (the timeline's, resolved) and return
    the timeline with each source's ``text_file`` as written.

    A text goes to its source's ``text_file`` only when that stays inside the folder and is
    one of ``ours`` (the names the timeline already used there) or is free; otherwise to the
    first free name beside it, so no other file is ever replaced.  Raises OSError."""
    sources = []
    for source in timeline.sources:
        text = pending.get(source.id)
        if text is not None and source.text_file:
            rel = _writable_name(folder, source.text_file, lambda r: r.as_posix() in ours)
            (folder / rel).parent.mkdir(parents=True, exist_ok=True)
            write(folder / rel, text.encode("utf-8"))
            if rel.as_posix() != source.text_file:
                source = replace(source, text_file=rel.as_posix())
        sources.append(source)
    return timeline if sources == timeline.sources else replace(timeline, sources=sources)


def carry_texts(timeline: Timeline, old_folder: Path, new_folder: Path) -> Timeline:
    """Save As into another folder: copy each source's text file from the old folder into
    the new one, so quotes still resolve, and return the timeline with the names used.

    Only texts that may be read (inside the old folder, regular, within the limit) are
    copied; a refused text file is left as it is, never read.  A file of the same name with
    other content in the new folder is kept, and the copy goes beside it.  Raises OSError."""
    if Path(os.path.realpath(old_folder)) == Path(os.path.realpath(new_folder)):
        return timeline
    sources = []
    for source in timeline.sources:
        if source.text_file and refusal(old_folder, source.text_file) is None:
            try:
                content = read_regular_file(old_folder / source.text_file, TEXT_LIMIT)
            except OSError:
                content = None  # missing: nothing to carry
            if content is not None:
                same = content

                def keep(rel: Path, same: bytes = same) -> bool:
                    return _same_bytes(new_folder / rel, same)

                rel = _writable_name(new_folder, source.text_file, keep)
                dst = new_folder / rel
                if not os.path.lexists(dst):
                    dst.parent.mkdir(parents=True, exist_ok=True)
                    atomic_write(dst, content)
                if rel.as_posix() != source.text_file:
                    source = replace(source, text_file=rel.as_posix())
        sources.append(source)
    return timeline if sources == timeline.sources else replace(timeline, sources=sources)


def _same_bytes(path: Path, content: bytes) -> bool:
    try:
        return read_regular_file(path, len(content)) == content
    except OSError:
        return False
