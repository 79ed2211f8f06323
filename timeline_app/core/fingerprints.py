"""Marks that know a quote or a passage again by its words, wherever it has moved: a
dismissed contradiction (a pair of quotes) and a rejected proposal (a passage of a source
text) are remembered by these, so reordering quotes or reopening the file keeps them."""

from __future__ import annotations

import hashlib
import re

from .model import ProposalMark, Quote, QuoteMark
from .quotes import normalise

HASH_LENGTH = 16  # hexadecimal digits: 64 bits
_HASH = re.compile(rf"[0-9a-f]{{{HASH_LENGTH}}}")


def text_hash(text: str) -> str:
    """The hash of a text's words: whitespace and the shape of quote marks do not count
    (as they do not when a quote is checked against its source)."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()[:HASH_LENGTH]


def is_hash(value: object) -> bool:
    """Whether ``value`` is written as :func:`text_hash` writes a hash."""
    return isinstance(value, str) and _HASH.fullmatch(value) is not None


def quote_mark(quote: Quote) -> QuoteMark:
    return QuoteMark(quote.source, text_hash(quote.text))


def pair_mark(a: Quote, b: Quote) -> tuple[QuoteMark, QuoteMark]:
    """A pair of quotes, in one order whichever way round they are given."""
    first, second = sorted((quote_mark(a), quote_mark(b)), key=lambda m: (m.source, m.hash))
    return first, second


def proposal_mark(text: str, offset: int, length: int) -> ProposalMark:
    """The passage ``text[offset:offset + length]`` of a source text."""
    return ProposalMark(offset, length, text_hash(text[offset : offset + length]))
