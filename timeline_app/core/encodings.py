"""Naming a text file's encoding when it is not UTF-8: editors on Windows write UTF-16 (and
sometimes UTF-32), which a reader should name rather than call "not UTF-8 (byte 0)"."""

from __future__ import annotations

_BOMS = (
    (b"\x00\x00\xfe\xff", "UTF-32 (big-endian)"),
    (b"\xff\xfe\x00\x00", "UTF-32 (little-endian)"),
    (b"\xfe\xff", "UTF-16 (big-endian)"),
    (b"\xff\xfe", "UTF-16 (little-endian)"),
)


def wide_encoding(raw: bytes) -> str | None:
    """ "UTF-16 (little-endian)" and the like, by the byte order mark or, without one, by
    the zero byte beside each ASCII character; None for anything else."""
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return name
    head = raw[:4]
    if len(head) >= 2 and head[0] == 0 and head[1] != 0:
        return "UTF-16 (big-endian)"
    if len(head) >= 2 and head[0] != 0 and head[1] == 0:
        return "UTF-16 (little-endian)"
    return None


def has_bom(raw: bytes) -> bool:
    """Whether ``raw`` starts with a UTF-16 or UTF-32 byte order mark."""
    return any(raw.startswith(bom) for bom, _name in _BOMS)


_CODECS = {
    "UTF-32 (big-endian)": "utf-32-be",
    "UTF-32 (little-endian)": "utf-32-le",
    "UTF-16 (big-endian)": "utf-16-be",
    "UTF-16 (little-endian)": "utf-16-le",
}


def codec(wide: str) -> str:
    """The Python codec for a name :func:`wide_encoding` gives (the text then starts with
    U+FEFF when the file had a byte order mark: strip it)."""
    return _CODECS[wide]


def decode_text(raw: bytes) -> str:
    """A text file's text: UTF-8 (a byte order mark allowed), or UTF-16/32 when it is
    that.  Raises UnicodeDecodeError for anything else."""
    wide = wide_encoding(raw)
    return raw.decode(codec(wide) if wide else "utf-8-sig").removeprefix("\ufeff")
