"""Where the command line writes: data to stdout, messages to stderr, each with control
characters escaped (a name holding "\\x1b[2J" cannot clear the terminal)."""

from __future__ import annotations

import sys

from .. import APP_NAME
from ..core.problems import shown

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def say(message: str) -> None:
    """A message for the person at the terminal: ``timeline-app: message`` on stderr."""
    print(shown(f"{APP_NAME}: {message}"), file=sys.stderr)


def data(line: str) -> None:
    """A line of the result (a report), on stdout."""
    print(shown(line))
