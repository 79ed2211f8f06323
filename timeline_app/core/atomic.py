"""Writing a file so that a crash leaves either the old or the new version, never half.

The bytes go to a hidden temporary file in the same folder (``.NAME.XXXXXXXX.tmp``), which is
flushed, fsynced and renamed over the target.  A process killed mid-write leaves such a
temporary file behind: each write removes those of that naming in its folder that are older
than an hour (a younger one may be another instance's save in progress).
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

STALE_SECONDS = 3600
# tempfile.mkstemp's names: 8 characters of [a-z0-9_] between the prefix and the suffix
_OUR_TEMP = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")


def atomic_write(path: str | os.PathLike[str], data: bytes, mode: int | None = None) -> None:
    """Replace ``path`` with ``data`` atomically (see :func:`atomic_write_chunks`)."""
    atomic_write_chunks(path, (data,), mode)


def atomic_write_chunks(
    path: str | os.PathLike[str],
    chunks: Iterable[bytes],
    mode: int | None = None,
    commit: Callable[[Callable[[], None]], bool] | None = None,
) -> bool:
    """Replace ``path`` with the concatenated ``chunks`` so a crash leaves either the old or
    the new file.  Writes through a symlink to its target.

    ``mode``: the new file's permissions; by default an existing file keeps its own and a new
    one gets the usual ``0o666`` less the umask.  ``commit``, when given, is handed the
    function that renames the written file over the target and decides whether to call it
    (for instance under a lock, if the result is still wanted); when it returns False nothing
    replaces the target and this returns False.  Raises OSError (the target is then
    untouched) or whatever ``chunks`` raises.
    """
    target = Path(os.path.realpath(path))
    if mode is None:
        try:
            mode = stat.S_IMODE(target.stat().st_mode)
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
    remove_stale_temporaries(target.parent)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            for chunk in chunks:
                f.write(chunk)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)

        def rename() -> None:
            os.replace(tmp, target)

        if commit is None:
            rename()
        elif not commit(rename):
            os.unlink(tmp)
            return False
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable where the OS allows
        dfd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    return True


def remove_stale_temporaries(folder: Path, now: float | None = None) -> list[Path]:
    """Delete this module's temporary files in ``folder`` older than an hour (left by a
    process killed while saving); the ones removed.  Never raises."""
    removed: list[Path] = []
    limit = (time.time() if now is None else now) - STALE_SECONDS
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not _OUR_TEMP.fullmatch(entry.name):
            continue
        try:
            if entry.is_file(follow_symlinks=False) and entry.stat().st_mtime < limit:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def free_name(folder: Path, rel: Path) -> Path:
    """``rel``, or ``stem-2.ext``, ``stem-3.ext``...: the first name not taken in ``folder``."""
    n = 2
    candidate = rel
    while os.path.lexists(folder / candidate):
        candidate = rel.with_name(f"{rel.stem}-{n}{rel.suffix}")
        n += 1
    return candidate
