"""Long work that says how far it has got and can be stopped: a ``Progress`` callback is
told ``(done, total)`` now and then and returns False to stop; the work then raises
:class:`Cancelled` and changes nothing."""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int], bool]


class Cancelled(Exception):
    """A long piece of work was stopped because its result is no longer wanted."""
