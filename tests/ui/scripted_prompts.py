"""A stand-in for the app's prompts in tests: every question fails the test unless the test
answered it (``monkeypatch.setattr(prompts, "confirm", lambda *a, **k: True)``), so no test
can hang on a modal dialog."""

from __future__ import annotations

import pytest

from timeline_app.ui.prompts import QtPrompts

QUESTIONS = [
    name
    for name in dir(QtPrompts)
    if not name.startswith("_") and callable(getattr(QtPrompts, name))
]


class ScriptedPrompts:
    """Has every method :class:`~timeline_app.ui.prompts.QtPrompts` has; each fails the
    test until the test replaces it with an answer."""

    def __init__(self) -> None:
        for name in QUESTIONS:
            setattr(self, name, self._unanswered(name))

    @staticmethod
    def _unanswered(name: str) -> object:
        def unanswered(*args: object, **kwargs: object) -> None:
            pytest.fail(f"the app asked a question the test did not answer: {name}{args!r}")

        return unanswered
