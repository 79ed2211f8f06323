"""Reading a file that a timeline or a user names: regular files only, never waiting on
the file, and never more than a size limit.

A file name in a timeline is untrusted input.  A named pipe (FIFO) opened for reading waits
for a writer that may never come, and ``/dev/zero`` never ends: :func:`read_regular_file`
opens without waiting (``O_NONBLOCK``), checks the open file itself (``fstat``, so nothing
can be swapped in between the check and the read) and reads at most ``limit`` bytes.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .wording import plural

MB = 1024 * 1024
TEXT_LIMIT = 20 * MB  # a source text: a long article is well under 1 MB
DOCUMENT_LIMIT = 2048 * MB  # a timeline, TimelineJS or CSV file (a million events is ~1 GB)
# a file is hashed this much at a time: each piece is one release of the interpreter, so a
# thread that hashes beside one that decodes takes it back 20 times for 80 MB, not 80 (which
# made reading 100,000 events about 0.1 s slower)
DIGEST_PIECE = 4 * MB
HEAD_BYTES = 4096  # what a head check sees
_PROC_FD = Path("/proc/self/fd")


class RefusedFile(OSError):
    """A file that is not read: it is not a regular file, or it is too big.  Its text says
    why, without the file's name ("is a named pipe (FIFO), not a regular file")."""


def size_words(size: float) -> str:
    """``"25.3 MB"``, ``"412 KB"``, ``"90 bytes"``."""
    if size >= MB:
        return f"{size / MB:,.1f} MB"
    if size >= 1024:
        return f"{size / 1024:,.0f} KB"
    return plural(int(size), "byte")


def kind_of(mode: int) -> str:
    """What a file that is not regular is, in words."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def refusal(mode: int, size: int, limit: int) -> str:
    """Why a file of this mode and size is not read ("" when it may be)."""
    if not stat.S_ISREG(mode):
        return f"is {kind_of(mode)}, not a regular file"
    if size > limit:
        return f"is {size_words(size)}: files over {size_words(limit)} are not read"
    return ""


def check_regular_file(path: str | os.PathLike[str], limit: int) -> str:
    """Why ``path`` would not be read, without opening it ("" when it would be).

    Raises OSError when it cannot be looked at (missing, no permission)."""
    info = os.stat(path)
    return refusal(info.st_mode, info.st_size, limit)


def _open_regular(
    path: str | os.PathLike[str], limit: int, inside: Path | None = None
) -> tuple[int, os.stat_result]:
    """A descriptor open on ``path`` and what fstat says of it, or RefusedFile (closed):
    opened without waiting (a FIFO cannot block the open), checked on what was opened."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    flags |= getattr(os, "O_BINARY", 0)
    if inside is not None:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    try:
        if inside is not None and _PROC_FD.is_dir():
            opened = Path(os.readlink(_PROC_FD / str(fd)))
            real_inside = Path(os.path.realpath(inside))
            if real_inside not in opened.parents:
                raise RefusedFile("leads outside the timeline's folder")
        info = os.fstat(fd)
        why = refusal(info.st_mode, info.st_size, limit)
        if why:
            raise RefusedFile(why)
    except BaseException:
        os.close(fd)
        raise
    return fd, info


def read_regular_file(
    path: str | os.PathLike[str],
    limit: int,
    inside: Path | None = None,
    head: Callable[[bytes], str] | None = None,
) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes.

    ``inside``: the file must be in that folder or below it, checked on the file actually
    opened (where the system can tell, through /proc), so a link swapped in after the path
    was checked is refused, not followed.  ``head``: a check of the first bytes (say why
    they cannot start such a file, or "") run before the rest is read, so a huge file of
    the wrong kind costs no memory.

    Raises :class:`RefusedFile` for anything else (a FIFO, a device, a folder, a file too
    big, or one that grows past the limit while read) and OSError when it cannot be read.
    """
    fd, info = _open_regular(path, limit, inside)
    with open(fd, "rb") as f:  # closes fd
        if head is not None:
            why = head(f.read(HEAD_BYTES))
            if why:
                raise RefusedFile(why)
            f.seek(0)  # then read the whole in one piece: no second copy of a big file
        data = f.read(info.st_size + 1)  # one byte more: did it grow?
        if len(data) > info.st_size:
            data += f.read(limit + 1 - len(data))
    if len(data) > limit:
        raise RefusedFile(f"grew past {size_words(limit)} while it was read")
    return data


def fingerprinter() -> hashlib._Hash:
    """An empty :func:`fingerprint`, to be fed pieces as they come (``update``) and read
    at the end (``digest``)."""
    return hashlib.sha256()


def fingerprint(chunks: Iterable[bytes]) -> bytes:
    """What the app remembers of a file's content to notice a change: the SHA-256 of the
    concatenated ``chunks`` (the interpreter is free while a big chunk is hashed, so a
    thread can take it beside one that reads or writes the file)."""
    digest = fingerprinter()
    for chunk in chunks:
        digest.update(chunk)
    return digest.digest()


def digest_regular_file(path: str | os.PathLike[str], limit: int) -> bytes:
    """The :func:`fingerprint` of a regular file of at most ``limit`` bytes, read
    :data:`DIGEST_PIECE` at a time: no copy of a big file in memory.  Refuses as
    :func:`read_regular_file` does."""
    fd, _info = _open_regular(path, limit)
    with open(fd, "rb") as f:  # closes fd

        def pieces() -> Iterator[bytes]:
            read = 0
            while chunk := f.read(DIGEST_PIECE):
                read += len(chunk)
                if read > limit:
                    raise RefusedFile(f"grew past {size_words(limit)} while it was read")
                yield chunk

        return fingerprint(pieces())
