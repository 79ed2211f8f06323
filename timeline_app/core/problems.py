"""What is wrong with a file: located problems, and the error that carries them."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

# control characters, bidirectional controls and surrogates: a message shows them escaped, so
# an id holding "\x1b[2J" cannot clear the terminal it is printed to, nor reorder a line
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def shown(text: str) -> str:
    """``text`` with control, bidi-control and surrogate characters written as escapes."""
    return _UNSAFE.sub(_escape, text)


def _escape(m: re.Match[str]) -> str:
    ch = m.group()
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a file: where (a path into the document) and what."""

    where: str
    message: str
    line: int = 0
    column: int = 0
    warning: bool = False

    def format(self, filename: str) -> str:
        """``FILE:LINE:COL: [where: ]message`` when the line is known, else
        ``FILE: where: message``."""
        prefix = "warning: " if self.warning else ""
        where = f"{shown(self.where)}: " if self.where else ""
        text = f"{prefix}{where}{shown(self.message)}"
        if self.line:
            return f"{shown(filename)}:{self.line}:{self.column}: {text}"
        return f"{shown(filename)}: {text}"


class LoadError(Exception):
    """A file that could not be loaded, with every problem found in it."""

    def __init__(self, problems: list[Problem], path: str | os.PathLike[str] = "") -> None:
        self.problems = problems
        self.path = str(path)
        super().__init__("\n".join(p.format(self.path or "<timeline>") for p in problems))


def failure_reason(exc: BaseException) -> str:
    """Why reading or writing failed, in words ("No such file or directory", "is a named
    pipe (FIFO), not a regular file", "some text is not valid Unicode...")."""
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    if isinstance(exc, UnicodeError):
        return "some text is not valid Unicode (a lone surrogate?)"
    return f"{type(exc).__name__}: {exc}"
