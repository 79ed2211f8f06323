"""How far apart two colours look: CIELAB, CIEDE2000, colour-vision deficiency, contrast.

Pure maths on "#rrggbb" strings, for the actor palette and its tests.

* :func:`delta_e` is CIEDE2000 (Sharma, Wu & Dalal 2005) between sRGB colours (D65).
* :func:`as_seen_with` simulates protanopia and deuteranopia with the matrices of Machado,
  Oliveira & Fernandes (2009) at severity 1.0, applied to linear RGB.
* :func:`contrast` is the WCAG 2 contrast ratio of two colours' relative luminances.
"""

from __future__ import annotations

import math

Rgb = tuple[float, float, float]  # linear RGB, 0..1

_MACHADO = {
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
}
DEFICIENCIES = tuple(_MACHADO)


def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _encoded(c: float) -> float:
    c = min(max(c, 0.0), 1.0)
    return 12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055


def linear_rgb(color: str) -> Rgb:
    """The linear RGB of "#rrggbb"."""
    r, g, b = (int(color[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return _linear(r), _linear(g), _linear(b)


def hex_of(rgb: Rgb) -> str:
    """ "#rrggbb" of a linear RGB colour (clipped to the gamut)."""
    return "#" + "".join(f"{round(_encoded(c) * 255):02X}" for c in rgb)


def luminance(color: str) -> float:
    """WCAG relative luminance of "#rrggbb"."""
    r, g, b = linear_rgb(color)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def as_seen_with(color: str, deficiency: str) -> str:
    """How "#rrggbb" looks with ``deficiency`` ("protanopia" or "deuteranopia")."""
    m = _MACHADO[deficiency]
    rgb = linear_rgb(color)
    seen = tuple(sum(m[i][j] * rgb[j] for j in range(3)) for i in range(3))
    return hex_of((seen[0], seen[1], seen[2]))


def lab(color: str) -> tuple[float, float, float]:
    """CIELAB (D65) of "#rrggbb"."""
    r, g, b = linear_rgb(color)
    x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def delta_e(a: str, b: str) -> float:
    """CIEDE2000 colour difference of two "#rrggbb" colours."""
    return delta_e_lab(lab(a), lab(b))


def delta_e_lab(one: tuple[float, float, float], other: tuple[float, float, float]) -> float:
    """CIEDE2000 colour difference of two CIELAB colours."""
    l1, a1, b1 = one
    l2, a2, b2 = other
    c1, c2 = math.hypot(a1, b1), math.hypot(a2, b2)
    c_bar7 = ((c1 + c2) / 2) ** 7
    g = 0.5 * (1 - math.sqrt(c_bar7 / (c_bar7 + 25**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360 if c1p else 0.0
    h2p = math.degrees(math.atan2(b2, a2p)) % 360 if c2p else 0.0
    dl, dc = l2 - l1, c2p - c1p
    if c1p * c2p == 0:
        dh = 0.0
    elif abs(h2p - h1p) <= 180:
        dh = h2p - h1p
    else:
        dh = h2p - h1p - 360 if h2p > h1p else h2p - h1p + 360
    dhh = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    l_bar, c_bar = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        h_bar = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        h_bar = (h1p + h2p) / 2
    else:
        h_bar = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(h_bar - 30))
        + 0.24 * math.cos(math.radians(2 * h_bar))
        + 0.32 * math.cos(math.radians(3 * h_bar + 6))
        - 0.20 * math.cos(math.radians(4 * h_bar - 63))
    )
    d_theta = 30 * math.exp(-(((h_bar - 275) / 25) ** 2))
    r_c = 2 * math.sqrt(c_bar**7 / (c_bar**7 + 25**7))
    s_l = 1 + 0.015 * (l_bar - 50) ** 2 / math.sqrt(20 + (l_bar - 50) ** 2)
    s_c = 1 + 0.045 * c_bar
    s_h = 1 + 0.015 * c_bar * t
    r_t = -math.sin(math.radians(2 * d_theta)) * r_c
    return math.sqrt(
        (dl / s_l) ** 2 + (dc / s_c) ** 2 + (dhh / s_h) ** 2 + r_t * (dc / s_c) * (dhh / s_h)
    )
