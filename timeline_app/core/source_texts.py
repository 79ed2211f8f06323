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

import itertools
import os
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path, PurePosixPath, PureWindowsPath

from .atomic import atomic_write
from .change import Change
from .encodings import decode_text
from .model import Event, Quote, Source, Timeline, replace
from .problems import Problem, failure_reason
from .quotes import Match, NormalisedText, as_in_source, find_quote
from .safe_read import TEXT_LIMIT, check_regular_file, read_regular_file
from .wording import plural


def timeline_folder(path: str | os.PathLike[str]) -> Path:
    """The folder a timeline's texts are named from: its file's, symlinks resolved."""
    return Path(os.path.realpath(path)).parent


_EPOCHS = itertools.count(1)


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
    """The texts of one timeline's sources: read from its folder, or held in memory.

    A save may have to write a source's text under another name than its record says (that
    name leads out of the folder, or another file has it): the records behind the undo
    stack are never changed for that.  This object remembers the name used instead
    (:meth:`rename`, :meth:`file_name`), for as long as the record keeps the name it had.
    """

    def __init__(self, base_dir: Path | None) -> None:
        self.base_dir = Path(os.path.realpath(base_dir)) if base_dir is not None else None
        self._files: dict[str, NormalisedText | None] = {}
        self._failures: dict[str, str] = {}  # file name -> why it was not or could not be read
        self._pending: dict[str, NormalisedText] = {}
        self._names: dict[str, tuple[str, str]] = {}  # source id -> (record's name, file used)
        # which reading is current: new for every SourceTexts and every move (a new folder, a
        # save), never seen twice in a run, so a text read for another one is never kept
        self.epoch = next(_EPOCHS)

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
        self.epoch = next(_EPOCHS)
        self._files.clear()
        self._failures.clear()

    # -- names -------------------------------------------------------------------------
    def file_name(self, source: Source) -> str:
        """The file the source's text is in, relative to the folder ("" for none)."""
        renamed = self._names.get(source.id)
        if renamed is not None and renamed[0] == source.text_file:
            return renamed[1]
        return source.text_file

    def rename(self, timeline: Timeline, names: dict[str, str]) -> None:
        """Remember that a save wrote these sources' texts (id -> file name) under other
        names than ``timeline``'s records say."""
        for source in timeline.sources:
            if source.id in names:
                if names[source.id] == source.text_file:
                    self._names.pop(source.id, None)
                else:
                    self._names[source.id] = (source.text_file, names[source.id])

    def as_saved(self, timeline: Timeline) -> Timeline:
        """``timeline`` with each source naming the file its text is really in (what a
        saved or recovered copy of the file says)."""
        sources = [
            s if self.file_name(s) == s.text_file else replace(s, text_file=self.file_name(s))
            for s in timeline.sources
        ]
        return timeline if sources == timeline.sources else replace(timeline, sources=sources)

    # -- reading -----------------------------------------------------------------------
    def refusal(self, source: Source) -> Refusal | None:
        """Why the source's text file is not read (None: it is, or there is none)."""
        name = self.file_name(source)
        if not name or self.base_dir is None:
            return None
        return refusal(self.base_dir, name)

    def normalised(self, source: Source) -> NormalisedText | None:
        if source.id in self._pending:
            return self._pending[source.id]
        return self._file(source)

    def file_text(self, source: Source) -> str | None:
        """The text in the source's file, whatever is held in memory."""
        n = self._file(source)
        return n.original if n is not None else None

    def _file(self, source: Source) -> NormalisedText | None:
        key = self.file_name(source)
        if not key or self.base_dir is None:
            return None
        if key not in self._files:
            refused = self.refusal(source)
            if refused is not None:
                self._files[key] = None
                self._failures[key] = f"was not read: it {refused.message}"
            else:
                self.install(self.epoch, key, read_text_file(self.base_dir, key))
        return self._files[key]

    # -- reading ahead (a thread reads, the owner installs) ------------------------------
    def is_read(self, source: Source) -> bool:
        """Whether the source's text is in memory (or known to be unreadable, or there is
        none): looking it up then costs nothing."""
        key = self.file_name(source)
        if source.id in self._pending or not key or self.base_dir is None or key in self._files:
            return True
        return self.refusal(source) is not None  # refused: nothing to wait for

    def unread(self, sources: Iterable[Source]) -> list[str]:
        """The text files of ``sources`` not read yet (refused ones are not read at all)."""
        keys = []
        for source in sources:
            key = self.file_name(source)
            if key and key not in keys and not self.is_read(source) and not self.refusal(source):
                keys.append(key)
        return keys

    def install(self, epoch: int, key: str, result: NormalisedText | str) -> None:
        """Keep what :func:`read_text_file` gave for ``key`` when it was asked at ``epoch``
        (ignored when the texts moved or were saved since, or the file was read meanwhile)."""
        if epoch != self.epoch or self._files.get(key) is not None:
            return
        if isinstance(result, str):
            self._files[key] = None
            self._failures[key] = result
        else:
            self._files[key] = result
            self._failures.pop(key, None)

    def has_text(self, source: Source) -> bool:
        """Whether the source has a text its quotes can be checked against: held in
        memory, or a file named (read or not; one that cannot be read says so when a
        quote is checked).  Quotes from a source without one are unverified."""
        return source.id in self._pending or bool(self.file_name(source))

    def checkable(self, sources: Iterable[Source]) -> Callable[[str], bool]:
        """:meth:`has_text` by source id, for ``sources`` (an unknown id has none)."""
        by_id = {s.id: s for s in sources}

        def has_text(source_id: str) -> bool:
            found = by_id.get(source_id)
            return found is not None and self.has_text(found)

        return has_text

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
            name = self.file_name(source)
            if not name:
                return None, f"the source “{source.title}” has no text to check against"
            why = self._failures.get(name, "cannot be read")
            return None, f"the text of “{source.title}” ({name}) {why}"
        match = find_quote(quote.text, text)
        if match is None:
            return None, f"not found in “{source.title}”"
        return match, ""


def exact_quote(texts: SourceTexts, timeline: Timeline, quote: Quote) -> Quote:
    """``quote`` as its source writes it, when found there (quote marks as in the source,
    spacing as typed); else as it is."""
    match, _why = texts.find(timeline, quote)
    source = timeline.source(quote.source)
    text = texts.text(source) if match is not None and source is not None else None
    if match is None or text is None:
        return quote
    exact = as_in_source(quote.text, text[match.start : match.end])
    return quote if exact == quote.text else replace(quote, text=exact)


def read_text_file(base_dir: Path, key: str) -> NormalisedText | str:
    """A source's text file (``key``, inside ``base_dir``) read and normalised, or why it
    cannot be (no Qt, no shared state: a thread may call it)."""
    try:
        target = Path(os.path.realpath(base_dir / key))
        raw = read_regular_file(target, TEXT_LIMIT, inside=base_dir)
        return NormalisedText(decode_text(raw))
    except OSError as exc:
        return f"cannot be read: {failure_reason(exc)}"
    except UnicodeDecodeError:
        return "cannot be read: it is not UTF-8 (nor UTF-16) text"


def check_quotes(timeline: Timeline, texts: SourceTexts) -> list[Problem]:
    """A warning for every quote not found in its source's text, an event's or a link's
    (quotes of a source whose text file is refused are not checked: that source is an
    error of its own)."""
    problems = []
    refused = {s.id for s in timeline.sources if texts.refusal(s) is not None}
    for i, event in enumerate(timeline.events):
        for j, quote in enumerate(event.quotes):
            if quote.source in refused:
                continue
            match, why = texts.find(timeline, quote)
            if match is None:
                problems.append(Problem(_where(i, event, j), f"quote {why}", warning=True))
    for k, link in enumerate(timeline.links):  # a link's quote is checked as any quote
        said = link.quote
        if said is None or said.source in refused:
            continue
        match, why = texts.find(timeline, said)
        if match is None:
            problems.append(Problem(f"links[{k}] ({link.id}).quote", f"quote {why}", warning=True))
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
    file within the size limit.  A source with a text typed in the app keeps that text: it
    only gets its new name inside the folder."""
    sources = list(timeline.sources)
    new_texts: dict[str, tuple[str | None, str | None]] = {}
    moved = 0
    failed: list[str] = []
    pending = texts.pending()
    for i, source in enumerate(sources):
        if source.id not in source_ids:
            continue
        refused = texts.refusal(source)
        if refused is None or not refused.copyable:
            continue
        assert refused.target is not None
        if source.id not in pending:
            try:
                content = decode_text(read_regular_file(refused.target, TEXT_LIMIT))
            except OSError as exc:
                failed.append(f"“{source.title}” ({refused.target}): {failure_reason(exc)}")
                continue
            except UnicodeDecodeError:
                failed.append(f"“{source.title}” ({refused.target}): not UTF-8 (nor UTF-16) text")
                continue
            new_texts[source.id] = (None, content)
        renamed = replace(source, text_file="")
        partial = replace(timeline, sources=[*sources[:i], renamed, *sources[i + 1 :]])
        sources[i] = replace(source, text_file=text_file_for(partial, source.id))
        moved += 1
    if not moved:
        return None, failed
    change = Change(
        f"Copy {plural(moved, 'source text')} into the timeline's folder",
        sources=(tuple(timeline.sources), tuple(sources)),
        texts=new_texts,
    )
    return change, failed


def _writable_name(
    folder: Path, text_file: str, keep: Callable[[Path], bool], avoid: set[Path]
) -> Path:
    """A name, relative to ``folder``, that a text may be written to: ``text_file`` when it
    stays inside the folder and is either free or a regular file ``keep`` accepts; else the
    first free name beside it (or, for a name leading out, at the top of the folder).

    Never a link (neither followed nor replaced), never a file in ``avoid`` (the timeline
    file itself, and texts written in the same save)."""
    rel = Path(text_file)
    if refusal(folder, text_file) is not None:
        rel = Path(PureWindowsPath(text_file.replace("\0", "")).name or "source.txt")

    def usable(candidate: Path, existing_ok: bool) -> bool:
        path = folder / candidate
        if Path(os.path.realpath(path)) in avoid:
            return False
        if not os.path.lexists(path):
            return True
        return (
            existing_ok
            and not os.path.islink(path)
            and refusal(folder, candidate.as_posix()) is None
            and keep(candidate)
        )

    if usable(rel, existing_ok=True):
        return rel
    n = 2
    while not usable(candidate := rel.with_name(f"{rel.stem}-{n}{rel.suffix}"), False):
        n += 1
    return candidate


def write_pending_texts(
    timeline: Timeline,
    pending: dict[str, str],
    folder: Path,
    ours: Collection[str] = (),
    timeline_file: Path | None = None,
) -> dict[str, str]:
    """Write the texts held in memory into ``folder`` (the timeline's, resolved); the names
    they were written under where they differ from their source's ``text_file`` (source
    id -> name).

    A text goes to its source's ``text_file`` only when that stays inside the folder and is
    one of ``ours`` (the names the timeline already used there) or is free; otherwise to the
    first free name beside it, so no other file (nor the timeline file, ``timeline_file``,
    nor another source's text) is ever replaced, and no link is followed.  Raises OSError."""
    avoid = {Path(os.path.realpath(timeline_file))} if timeline_file is not None else set()
    # the files other sources' texts are in (``timeline`` names them as saved) stay theirs
    avoid |= {
        Path(os.path.realpath(folder / s.text_file))
        for s in timeline.sources
        if s.text_file and s.id not in pending and refusal(folder, s.text_file) is None
    }
    names: dict[str, str] = {}
    for source in timeline.sources:
        text = pending.get(source.id)
        if text is not None and source.text_file:
            rel = _writable_name(folder, source.text_file, lambda r: r.as_posix() in ours, avoid)
            (folder / rel).parent.mkdir(parents=True, exist_ok=True)
            atomic_write(folder / rel, text.encode("utf-8"), inside=folder)
            avoid.add(Path(os.path.realpath(folder / rel)))
            if rel.as_posix() != source.text_file:
                names[source.id] = rel.as_posix()
    return names


def carry_texts(
    timeline: Timeline,
    old_folder: Path,
    new_folder: Path,
    skip: Collection[str] = (),
    timeline_file: Path | None = None,
) -> dict[str, str]:
    """Save As into another folder: copy each source's text file from the old folder into
    the new one, so quotes still resolve; the names used where they differ from the
    source's ``text_file`` (source id -> name).

    Sources in ``skip`` (whose texts typed in the app were just written) are left alone.
    Only texts that may be read (inside the old folder, regular, within the limit) are
    copied; a refused text file is left as it is, never read.  A file of the same name with
    other content in the new folder is kept, and the copy goes beside it.  Raises OSError."""
    old_folder = Path(os.path.realpath(old_folder))
    new_folder = Path(os.path.realpath(new_folder))
    names: dict[str, str] = {}
    if old_folder == new_folder:
        return names
    avoid = {Path(os.path.realpath(timeline_file))} if timeline_file is not None else set()
    for source in timeline.sources:
        refused = refusal(old_folder, source.text_file) if source.text_file else None
        if source.text_file and source.id not in skip and refused is None:
            target = Path(os.path.realpath(old_folder / source.text_file))
            try:
                content = read_regular_file(target, TEXT_LIMIT, inside=old_folder)
            except OSError:
                content = None  # missing: nothing to carry
            if content is not None:
                same = content

                def keep(rel: Path, same: bytes = same) -> bool:
                    return _same_bytes(new_folder, rel, same)

                rel = _writable_name(new_folder, source.text_file, keep, avoid)
                dst = new_folder / rel
                if not os.path.lexists(dst):
                    dst.parent.mkdir(parents=True, exist_ok=True)
                    atomic_write(dst, content, inside=new_folder)
                avoid.add(Path(os.path.realpath(dst)))
                if rel.as_posix() != source.text_file:
                    names[source.id] = rel.as_posix()
    return names


def with_names(timeline: Timeline, names: dict[str, str]) -> Timeline:
    """``timeline`` with these sources' ``text_file`` replaced (source id -> name)."""
    if not names:
        return timeline
    sources = [replace(s, text_file=names[s.id]) if s.id in names else s for s in timeline.sources]
    return replace(timeline, sources=sources)


def _same_bytes(folder: Path, rel: Path, content: bytes) -> bool:
    target = Path(os.path.realpath(folder / rel))
    try:
        return read_regular_file(target, len(content), inside=folder) == content
    except OSError:
        return False
