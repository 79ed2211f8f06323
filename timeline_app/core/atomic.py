"""Writing a file so that a crash leaves either the old or the new version, never half.

The bytes go to a hidden temporary file in the same folder
(``.NAME.XXXXXXXX.timeline-app.tmp``), which is flushed, fsynced and renamed over the
target.  A process killed mid-write leaves such a temporary file behind: each write removes
those of that naming in its folder that are older than an hour (a younger one may be another
instance's save in progress).  The naming is the app's own, so no file of the user's matches.

A source text is written with ``inside=`` its timeline's folder: then nothing on the way is
followed out of that folder.  Where the system allows (Linux), the folder the file goes in
is opened once and checked to be inside, and the temporary file is created and renamed
relative to that open folder, so a link swapped in meanwhile cannot redirect the write; the
target itself is replaced, never written through, when it is a link.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
import time
from collections.abc import Callable, Iterable
from pathlib import Path

STALE_SECONDS = 3600
TEMP_SUFFIX = ".timeline-app.tmp"
_OUR_TEMP = re.compile(r"\..+\.[0-9a-f]{8}" + re.escape(TEMP_SUFFIX))
_DIR_FDS = {os.open, os.rename, os.unlink, os.chmod} <= os.supports_dir_fd  # os.replace too
_PROC_FD = Path("/proc/self/fd")


class OutsideFolder(OSError):
    """A write that would have left the folder it was confined to."""


def atomic_write(
    path: str | os.PathLike[str], data: bytes, mode: int | None = None, inside: Path | None = None
) -> None:
    """Replace ``path`` with ``data`` atomically (see :func:`atomic_write_chunks`)."""
    atomic_write_chunks(path, (data,), mode, inside=inside)


def atomic_write_chunks(
    path: str | os.PathLike[str],
    chunks: Iterable[bytes],
    mode: int | None = None,
    commit: Callable[[Callable[[], None]], bool] | None = None,
    inside: Path | None = None,
) -> bool:
    """Replace ``path`` with the concatenated ``chunks`` so a crash leaves either the old or
    the new file.

    Without ``inside``, writes through a symlink to its target (a timeline kept as a link
    stays one).  With ``inside`` (a folder), the file must be in that folder or below it:
    no link is followed out of it, and a link at ``path`` is replaced, not followed (raises
    :class:`OutsideFolder` otherwise).

    ``mode``: the new file's permissions; by default an existing file keeps its own and a new
    one gets the usual ``0o666`` less the umask.  ``commit``, when given, is handed the
    function that renames the written file over the target and decides whether to call it
    (for instance under a lock, if the result is still wanted); when it returns False nothing
    replaces the target and this returns False.  Raises OSError (the target is then
    untouched) or whatever ``chunks`` raises.
    """
    if inside is None:
        target = Path(os.path.realpath(path))
    else:
        target = Path(os.path.realpath(Path(path).parent)) / Path(path).name
        _check_inside(target.parent, inside)
    if mode is None:
        try:
            mode = stat.S_IMODE(target.stat().st_mode)
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
    remove_stale_temporaries(target.parent)
    name = f".{target.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    flags |= getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
    folder_fd = _open_folder(target.parent, inside)
    tmp = name if folder_fd is not None else str(target.parent / name)
    final = target.name if folder_fd is not None else str(target)
    try:
        fd = os.open(tmp, flags, 0o600, dir_fd=folder_fd)
        try:
            with os.fdopen(fd, "wb") as f:
                for chunk in chunks:
                    f.write(chunk)
                f.flush()
                os.fsync(f.fileno())
            os.chmod(tmp, mode, dir_fd=folder_fd)

            def rename() -> None:
                os.replace(tmp, final, src_dir_fd=folder_fd, dst_dir_fd=folder_fd)

            if commit is None:
                rename()
            elif not commit(rename):
                os.unlink(tmp, dir_fd=folder_fd)
                return False
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp, dir_fd=folder_fd)
            raise
        with contextlib.suppress(OSError):  # make the rename itself durable where it can
            dfd = folder_fd if folder_fd is not None else os.open(target.parent, os.O_RDONLY)
            try:
                os.fsync(dfd)
            finally:
                if folder_fd is None:
                    os.close(dfd)
    finally:
        if folder_fd is not None:
            os.close(folder_fd)
    return True


def _check_inside(folder: Path, inside: Path) -> None:
    real_inside = Path(os.path.realpath(inside))
    if folder != real_inside and real_inside not in folder.parents:
        raise OutsideFolder(f"{folder} is outside {real_inside}")


def _open_folder(folder: Path, inside: Path | None) -> int | None:
    """The folder opened, for writes relative to it, when confined to ``inside`` and the
    system allows it; checked (through /proc) to be the folder inside, not a link swapped
    in since it was resolved."""
    if inside is None or not _DIR_FDS or not _PROC_FD.is_dir():
        return None
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | os.O_NOFOLLOW)
    try:
        _check_inside(Path(os.readlink(_PROC_FD / str(fd))), inside)
    except BaseException:
        os.close(fd)
        raise
    return fd


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
