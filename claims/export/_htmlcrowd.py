"""Where the HTML timeline's marks go when they crowd (`claims.export._htmltimeline`): the
sources' squares in lanes along the top (`lanes_of`) and counts of those with no room
(`counted`); a row's marks side by side (`spread`). All positions are px along the drawing,
marks (citations) 9 px wide, squares 8 px. Session 22's F2: twelve sources published on one
day were drawn on top of one another, one side's marks hidden under the other's."""

from __future__ import annotations

import math
from collections.abc import Sequence

from claims.timeline import Citation

LANES = 6  # lanes of sources' squares along the top
NEAR = 10  # px: a mark nearer its ◆ than this is drawn beside it, not under it
GAP = 10  # px between the centres of two marks of a row side by side (each 9 px wide)
CROWD = 6  # marks side by side in a row at most; more: `CROWD - 1` and a "+N" count


def lanes_of(xs: Sequence[float]) -> list[int]:
    """A lane (0-based) for each of the squares at `xs` (sorted): the first lane whose last
    square is 10 px or more to the left; -1 when all `LANES` are taken there (`counted`)."""
    last: list[float] = []
    out = []
    for px in xs:
        lane = next((n for n, at in enumerate(last) if px - at >= 10), None)
        if lane is None and len(last) < LANES:
            lane = len(last)
            last.append(px)
        if lane is not None:
            last[lane] = px
        out.append(-1 if lane is None else lane)
    return out


def counted(xs: Sequence[float], lanes: Sequence[int]) -> list[tuple[float, list[int]]]:
    """The squares with no lane (`lanes_of`' -1), in counts: (where the count stands, in px,
    the indexes of its squares), a square within 30 px of the count before it (a count's
    width) joining it."""
    out: list[tuple[float, list[int]]] = []
    for index, (px, lane) in enumerate(zip(xs, lanes, strict=True)):
        if lane >= 0:
            continue
        if out and px - out[-1][0] < 30:
            out[-1][1].append(index)
        else:
            out.append((px, [index]))
    return out


def spread(
    marks: Sequence[tuple[float, Citation]], ex: float
) -> list[tuple[float, list[Citation]]]:
    """Where a row's marks stand: [(x in px, [its citation])], or for a count,
    (x, [the citations it stands for]). `marks` are (x of the date, citation), by date.
    Marks less than `GAP` px apart make a crowd, drawn side by side `GAP` px apart from
    the first one's date on (or after the crowd before it), never within `NEAR` of the ◆
    at `ex` (the same day: beside it, before it if published before the event); a crowd
    of more than `CROWD` is its first `CROWD - 1` marks, taken from each side in turn, and
    a count of the rest."""
    crowds: list[list[tuple[float, Citation]]] = []
    for px, citation in sorted(marks, key=lambda m: m[0]):
        if crowds and px - crowds[-1][-1][0] < GAP:
            crowds[-1].append((px, citation))
        else:
            crowds.append([(px, citation)])
    out: list[tuple[float, list[Citation]]] = []
    last = -math.inf  # the centre of the last mark placed
    for crowd in crowds:
        shown = [[c] for _px, c in _by_side(crowd)]
        if len(shown) > CROWD:
            shown[CROWD - 1 :] = [[c for (c,) in shown[CROWD - 1 :]]]
        want, early = crowd[0][0], (crowd[0][1].lag_days or 0) < 0
        for group in shown:
            cx = max(want, last + GAP + (6 if len(group) > 1 else 0))
            if abs(cx - ex) < NEAR:
                cx = ex - NEAR if early and ex - NEAR >= last + GAP else ex + NEAR
            out.append((cx, group))
            last, early = cx, False
    return out


def _by_side(crowd: list[tuple[float, Citation]]) -> list[tuple[float, Citation]]:
    """`crowd` taken from each side in turn (by its first side, in order met): A1 B1 A2 B2…,
    so that a count of the rest never hides one side whole."""
    sides: dict[str, list[tuple[float, Citation]]] = {}
    for mark in crowd:
        sides.setdefault(mark[1].sides[0] if mark[1].sides else "", []).append(mark)
    turns = [list(reversed(v)) for v in sides.values()]
    out = []
    while any(turns):
        out += [turn.pop() for turn in turns if turn]
    return out
