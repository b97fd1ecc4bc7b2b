"""Side colours: the ones a casebook gives, and defaults for the sides that give none.

A default must not be mistaken for a colour the casebook chose (nor for another default):
each side without a colour gets the first colour of PALETTE that is not `near` any colour
already taken, the casebook's own first. Colours are "#rrggbb" strings throughout.
"""

from __future__ import annotations

import colorsys

#: Defaults, in the order they are given: each at least NEAR_HUE degrees of hue from every
#: other (the grey aside), readable on dark and light backgrounds.
PALETTE = (
    "#e74c3c",  # red
    "#2e86de",  # blue
    "#4caf50",  # green
    "#f39c12",  # orange
    "#8e44ad",  # purple
    "#16a085",  # teal
    "#e84393",  # pink
    "#8bc34a",  # lime
    "#6c5ce7",  # violet
    "#7f8c8d",  # grey
)
NEAR_HUE = 30.0  # degrees: two colours whose hues are closer than this look alike
GREY = 0.2  # saturation or value under this: a grey (its hue says nothing)


def _hsv(colour: str) -> tuple[float, float, float]:
    """Hue in degrees [0, 360), saturation and value in [0, 1], of "#rrggbb".

    Raises ValueError if `colour` is not "#rrggbb"."""
    text = colour.strip().lstrip("#")
    if len(text) != 6:
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    r, g, b = (int(text[i : i + 2], 16) / 255 for i in (0, 2, 4))
    hue, saturation, value = colorsys.rgb_to_hsv(r, g, b)
    return hue * 360, saturation, value


def near(one: str, other: str) -> bool:
    """Whether two "#rrggbb" colours would be taken for the same side's: both greys
    (saturation or value under GREY), or both not grey with hues under NEAR_HUE degrees
    apart (around the circle: 350° is near 5°). A colour that is not "#rrggbb" is near
    nothing."""
    try:
        h1, s1, v1 = _hsv(one)
        h2, s2, v2 = _hsv(other)
    except ValueError:
        return False
    grey1, grey2 = min(s1, v1) < GREY, min(s2, v2) < GREY
    if grey1 or grey2:
        return grey1 and grey2
    apart = abs(h1 - h2) % 360
    return min(apart, 360 - apart) < NEAR_HUE


def side_colours(given: list[str | None]) -> list[str]:
    """A colour for each side, in order: the casebook's own where given (kept as is),
    else the first PALETTE colour near none already taken (the given ones, then the
    defaults handed out before). When every PALETTE colour is near one taken, the one
    farthest in hue from all taken is used (the first of equals), so colours repeat
    only when a casebook has more sides than PALETTE has colours."""
    taken = [colour for colour in given if colour is not None]
    result: list[str] = []
    for colour in given:
        if colour is None:
            colour = next((c for c in PALETTE if not any(near(c, t) for t in taken)), None)
            if colour is None:
                colour = max(PALETTE, key=lambda c: (_distance(c, taken), -PALETTE.index(c)))
            taken.append(colour)
        result.append(colour)
    return result


def _distance(colour: str, taken: list[str]) -> float:
    """How far `colour` is from the nearest of `taken`: degrees of hue, or -1 for a
    colour used already."""
    if colour in taken:
        return -1.0
    hue = _hsv(colour)[0]
    gaps = [abs(hue - _hsv(t)[0]) % 360 for t in taken]
    return min((min(g, 360 - g) for g in gaps), default=360.0)
