"""The older shapes of TimelineJS files, read as TimelineJS 3: version 2
(``{"timeline": {"headline": ..., "date": [...]}}``, dates as "2011,12,10", ``asset``,
``tag``)."""

from __future__ import annotations

from typing import Any

from .dates import INTEGER


def _obj(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def tjs2_date(value: Any) -> Any:
    """A TimelineJS 2 date ("2011,12,10", "2011", 2011) as a TimelineJS 3 date object."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return {"year": value}
    if not isinstance(value, str):
        return value
    text = value.strip()
    if "," in text:
        parts = [p.strip() for p in text.split(",")]  # a time may follow: ignored
        return dict(zip(("year", "month", "day"), parts, strict=False))
    return {"year": text} if INTEGER.fullmatch(text) else text


def tjs2_slide(d: Any) -> Any:
    if not isinstance(d, dict):
        return d
    asset = _obj(d.get("asset"))
    slide: dict[str, Any] = {
        "start_date": tjs2_date(d.get("startDate")),
        "text": {"headline": d.get("headline"), "text": d.get("text")},
    }
    if d.get("endDate"):
        slide["end_date"] = tjs2_date(d.get("endDate"))
    if asset:
        slide["media"] = {
            "url": asset.get("media"),
            "credit": asset.get("credit"),
            "caption": asset.get("caption"),
        }
    if d.get("tag"):
        slide["group"] = d.get("tag")
    return slide
