"""Files named by a timeline or a user are read only if regular, never waited on, bounded."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from guard import within

from timeline_app.core.safe_read import RefusedFile, read_regular_file, size_words


def test_a_regular_file_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 1000)
    assert read_regular_file(path, 1000) == b"x" * 1000


def test_a_file_over_the_limit_is_refused_with_its_size(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 3 * 1024 * 1024)
    with pytest.raises(RefusedFile, match=r"is 3\.0 MB: files over 1\.0 MB are not read"):
        read_regular_file(path, 1024 * 1024)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_named_pipe_is_refused_at_once_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # nobody ever writes to it: an open for reading would wait forever
    with pytest.raises(RefusedFile, match=r"named pipe \(FIFO\), not a regular file"):
        within(5, lambda: read_regular_file(fifo, 1000))


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_device_is_refused_not_read_until_memory_runs_out(tmp_path: Path) -> None:
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    with pytest.raises(RefusedFile, match="character device"):
        within(5, lambda: read_regular_file(link, 10**12))


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(RefusedFile, match="a folder"):
        read_regular_file(tmp_path, 1000)


def test_a_missing_file_is_an_ordinary_os_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_regular_file(tmp_path / "missing", 1000)


def test_sizes_in_words() -> None:
    assert size_words(90) == "90 bytes"
    assert size_words(1) == "1 byte"
    assert size_words(2048) == "2 KB"
    assert size_words(25.3 * 1024 * 1024) == "25.3 MB"


def test_a_file_is_fingerprinted_a_piece_at_a_time_and_a_pipe_is_refused(tmp_path: Path) -> None:
    import hashlib

    from timeline_app.core.safe_read import MB, RefusedFile, digest_regular_file

    big = tmp_path / "big.json"
    big.write_bytes(b"x" * (3 * MB + 17))
    assert digest_regular_file(big, 10 * MB) == hashlib.sha256(big.read_bytes()).digest()
    with pytest.raises(RefusedFile):
        digest_regular_file(big, 2 * MB)
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "fifo"
        os.mkfifo(fifo)
        with pytest.raises(RefusedFile):
            digest_regular_file(fifo, 10 * MB)  # at once: never waits for a writer
