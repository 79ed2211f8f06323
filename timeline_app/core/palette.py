"""Actor colours and marker shapes: a colour-blind-safe palette for each background, with
a colour set in the file taking precedence.

Colour is never the only cue: lanes and chips also carry the actor's name, and from the
13th actor on, markers take a shape as well.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .model import Actor

_COLOR_SYNTAX = re.compile(r"#[0-9a-fA-F]{6}")


def is_color(text: str) -> bool:
    """True when ``text`` is a colour as the file writes one: "#rrggbb"."""
    return bool(_COLOR_SYNTAX.fullmatch(text))


def color_problem(text: str) -> str:
    """What is wrong with a colour given in a file or a form ("" when it is empty, for no
    colour of its own, or a colour as the file writes one)."""
    return "" if not text or is_color(text) else f'{text!r} is not a colour: write "#rrggbb"'


#: Actor colours on the light background and, slot by slot in the same family, on the dark
#: one.  In each, any two of the twelve differ by CIEDE2000 20 or more, and by 10 or more as
#: seen with protanopia or with deuteranopia (Machado et al. 2009); each keeps a 3:1
#: contrast with its background (#FFFFFF, #1E1E1E).  A search over the sRGB cube found no
#: twelve that hold all of this against both backgrounds at once (its best reached 0.87 of
#: the bounds), hence two sets, found by that search; the rules are checked in
#: tests/core/test_palette.py with core.color_metrics.
LIGHT_PALETTE = ("#C83C28", "#50A064", "#003C50", "#288CF0", "#A0288C", "#502828",
                 "#503C00", "#506450", "#5050F0", "#B48C14", "#14A0B4", "#F050A0")  # fmt: skip
DARK_PALETTE = ("#DC2864", "#287864", "#DCC8B4", "#00A0F0", "#F0B4F0", "#B45014",
                "#B48C00", "#78788C", "#A028F0", "#B4C864", "#64B4B4", "#C88C8C")  # fmt: skip
PALETTE = LIGHT_PALETTE
#: From the 13th actor on, markers also take a shape (not the hollow look of a status):
#: every (colour, shape) pair is another actor's up to 48 actors.
SHAPES = ("circle", "square", "triangle", "diamond")
DISTINCT = len(PALETTE) * len(SHAPES)


@dataclass(frozen=True, slots=True)
class ActorStyle:
    """How an actor's events are drawn: a colour on each background, a marker shape."""

    light: str
    dark: str
    shape: str = "circle"

    def color(self, dark: bool = False) -> str:
        return self.dark if dark else self.light


def actor_styles(actors: Sequence[Actor]) -> dict[str, ActorStyle]:
    """``{actor id: style}``: the file's colour (on both backgrounds, as a circle), else
    the next palette slot (colour, then shape) that no file colour took, in file order."""
    taken = {a.color.upper() for a in actors if a.color}
    slots = [(k, s) for s in range(len(SHAPES)) for k in range(len(PALETTE))]
    free = [(k, s) for k, s in slots if s or PALETTE[k].upper() not in taken] or slots
    out: dict[str, ActorStyle] = {}
    n = 0
    for a in actors:
        if a.color:
            out[a.id] = ActorStyle(a.color, a.color)
        else:
            k, s = free[n % len(free)]
            out[a.id] = ActorStyle(LIGHT_PALETTE[k], DARK_PALETTE[k], SHAPES[s])
            n += 1
    return out


def actor_colors(actors: Sequence[Actor], dark: bool = False) -> dict[str, str]:
    """``{actor id: "#rrggbb"}`` on the light (or the dark) background."""
    return {i: style.color(dark) for i, style in actor_styles(actors).items()}
