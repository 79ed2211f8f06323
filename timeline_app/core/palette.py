"""Actor colours: a colour-blind-safe palette, with a colour set in the file taking precedence.

The first eight are Okabe & Ito's palette (distinguishable with the common colour-vision
deficiencies); beyond them come Paul Tol's "muted" colours.  Colour is never the only cue:
lanes and chips also carry the actor's name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .model import Actor

_COLOR_SYNTAX = re.compile(r"#[0-9a-fA-F]{6}")


def is_color(text: str) -> bool:
    """True when ``text`` is a colour as the file writes one: "#rrggbb"."""
    return bool(_COLOR_SYNTAX.fullmatch(text))


OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
TOL_MUTED = ("#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677",
             "#882255", "#AA4499")  # fmt: skip
PALETTE = OKABE_ITO[:7] + TOL_MUTED  # black reads as text, not as a category


def actor_colors(actors: Sequence[Actor]) -> dict[str, str]:
    """``{actor id: "#rrggbb"}``: the file's colour, else the next palette colour not taken."""
    taken = {a.color.upper() for a in actors if a.color}
    free = [c for c in PALETTE if c.upper() not in taken] or list(PALETTE)
    out: dict[str, str] = {}
    k = 0
    for a in actors:
        if a.color:
            out[a.id] = a.color
        else:
            out[a.id] = free[k % len(free)]
            k += 1
    return out
