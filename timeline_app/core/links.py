"""The link policy: which addresses the app stores, makes clickable or writes out.

Only ``http`` and ``https`` links with a site name are links.  Anything else
(``javascript:``, ``file:``, ``data:``...) is refused when typed and never made clickable
when it comes from a file.  A link that is written into another format (TimelineJS, HTML)
is first made well formed: characters that could end an attribute or a string around it
(quote marks, angle brackets, backticks, backslashes) are percent-encoded.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import quote, urlsplit, urlunsplit

from .model import Source
from .problems import Problem

URL_SCHEMES = ("http", "https")
# what stays as it is in a well-formed link: RFC 3986's reserved and unreserved characters
# (letters, digits and "_.-~" always stay) and "%" of existing escapes, but not "'"
_KEEP = "/:?#[]@!$&()*+,;=%"
_STRAY_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")  # a "%" that starts no escape


def url_problem(url: str) -> str:
    """Why ``url`` is not an acceptable link ("" when it is, or when it is empty)."""
    text = url.strip()
    if not text:
        return ""
    if any(ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in text):
        return "a link cannot contain spaces or control characters"
    try:
        parts = urlsplit(text)
    except ValueError as exc:
        return f"not a link ({exc})"
    if parts.scheme.lower() not in URL_SCHEMES:
        return "only http:// and https:// links are accepted"
    if not parts.netloc or not parts.hostname:
        return "the link has no site name after “//”"
    try:
        parts.port  # noqa: B018 (raises for a port that is not a number)
    except ValueError:
        return "the port after the site name is not a number"
    return ""


def web_url(url: str) -> str:
    """``url`` as a well-formed http(s) link, or "" when it is not an acceptable link.

    Quote marks and other characters that could break out of an attribute are
    percent-encoded; a site name in another script is written in its ASCII form."""
    text = url.strip()
    if not text or url_problem(text):
        return ""
    parts = urlsplit(text)
    netloc = parts.netloc
    if not netloc.isascii():
        try:
            netloc = netloc.encode("idna").decode("ascii")
        except UnicodeError:
            return ""
    netloc = quote(_STRAY_PERCENT.sub("%25", netloc), safe=":@[]%")
    return urlunsplit(
        (
            parts.scheme.lower(),
            netloc,
            quote(_STRAY_PERCENT.sub("%25", parts.path), safe=_KEEP),
            quote(_STRAY_PERCENT.sub("%25", parts.query), safe=_KEEP),
            quote(_STRAY_PERCENT.sub("%25", parts.fragment), safe=_KEEP),
        )
    )


#: A source's link fields and how a message names them.
LINK_FIELDS = (("url", "link"), ("archive_url", "archive link"))


def refused_links(sources: Sequence[Source]) -> list[tuple[int, Source, str, str]]:
    """Every link of these sources that is not written out (never clickable, never
    published: :func:`web_url` gives ""): ``(index, source, field, why)``."""
    out = []
    for i, source in enumerate(sources):
        for field, _label in LINK_FIELDS:
            url = getattr(source, field)
            if url.strip() and not web_url(url):
                why = url_problem(url) or "its site name cannot be written in ASCII"
                out.append((i, source, field, why))
    return out


def link_warnings(sources: Sequence[Source]) -> list[Problem]:
    """A warning for every source link that is refused (``--validate``)."""
    labels = dict(LINK_FIELDS)
    return [
        Problem(
            f"sources[{i}] ({source.id}).{field}",
            f"the {labels[field]} is never made clickable nor published: {why}",
            warning=True,
        )
        for i, source, field, why in refused_links(sources)
    ]
