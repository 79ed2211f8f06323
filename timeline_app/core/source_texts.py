"""The texts of a timeline's sources, read from beside the timeline file, and quote checks.

Texts are read lazily and cached.  A text typed or pasted by the user but not yet saved
is held in memory (``set_text``) and takes precedence over the file.
"""

from __future__ import annotations

from pathlib import Path

from .fileformat import Problem
from .model import Event, Quote, Source, Timeline
from .quotes import Match, NormalisedText, find_quote


class SourceTexts:
    def __init__(self, base_dir: Path | None) -> None:
        self.base_dir = base_dir
        self._files: dict[str, NormalisedText | None] = {}
        self._pending: dict[str, NormalisedText] = {}

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
        self.base_dir = base_dir
        self._files.clear()

    def path(self, source: Source) -> Path | None:
        if not source.text_file or self.base_dir is None:
            return None
        return self.base_dir / source.text_file

    def normalised(self, source: Source) -> NormalisedText | None:
        if source.id in self._pending:
            return self._pending[source.id]
        return self._file(source)

    def file_text(self, source: Source) -> str | None:
        """The text in the source's file, whatever is held in memory."""
        n = self._file(source)
        return n.original if n is not None else None

    def _file(self, source: Source) -> NormalisedText | None:
        path = self.path(source)
        if path is None:
            return None
        key = str(path)
        if key not in self._files:
            try:
                self._files[key] = NormalisedText(path.read_text(encoding="utf-8-sig"))
            except (OSError, UnicodeDecodeError):
                self._files[key] = None
        return self._files[key]

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
            if not source.text_file:
                return None, f"the source “{source.title}” has no text to check against"
            return None, f"the text of “{source.title}” ({source.text_file}) cannot be read"
        match = find_quote(quote.text, text)
        if match is None:
            return None, f"not found in “{source.title}”"
        return match, ""


def check_quotes(timeline: Timeline, texts: SourceTexts) -> list[Problem]:
    """A warning for every quote not found in its source's text."""
    problems = []
    for i, event in enumerate(timeline.events):
        for j, quote in enumerate(event.quotes):
            match, reason = texts.find(timeline, quote)
            if match is None:
                problems.append(Problem(_where(i, event, j), f"quote {reason}", warning=True))
    return problems


def _where(i: int, event: Event, j: int) -> str:
    return f"events[{i}] ({event.id}).quotes[{j}]"
