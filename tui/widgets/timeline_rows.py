"""Drawing helpers of the timeline chart (`tui.widgets.timeline_chart`): the axis' ticks,
a count as one cell, cells written and joined into runs of one style."""

from __future__ import annotations

import datetime as dt

from rich.cells import cell_len

from claims.timeline.scale import LONGEST_LABEL, Scale


def axis_ticks(
    scale: Scale, first: dt.date | None = None, last: dt.date | None = None
) -> list[tuple[int, str]]:
    """The axis' (column, label) pairs: `Scale.ticks` with room for the longest label; when
    none falls in the span (a coarse zoom: 20-year ticks over a few months), the first tick
    of a finer grain (1 unit apart, then any), so the axis always names where it is. With
    `first`/`last`, only the ticks of those dates (a long span zoomed in: those in sight)."""
    for gap in (LONGEST_LABEL + 1, 1, 0):
        ticks = scale.ticks(gap, first, last)
        if ticks:
            chosen = ticks if gap == LONGEST_LABEL + 1 else ticks[:1]
            return [(int(t.offset), t.label) for t in chosen]
    return []


def count_cell(n: int) -> str:
    """A count as one cell: 2–9, then "+"."""
    return str(n) if n < 10 else "+"


def put(cells: list[tuple[str, str]], at: int, text: str, style: str) -> None:
    """Write `text` into `cells` from cell `at`, what falls outside cut: a wide character
    takes its cell and an empty one after it, a zero-width one joins the cell before."""
    for char in text:
        width = cell_len(char)
        if width == 0:
            if 0 < at <= len(cells):
                cells[at - 1] = (cells[at - 1][0] + char, cells[at - 1][1])
            continue
        if at >= 0 and at + width <= len(cells):
            cells[at] = (char, style)
            if width == 2:
                cells[at + 1] = ("", style)
        at += width


def runs(cells: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Neighbouring cells of one style joined: the parts of a `Content.assemble`."""
    out: list[tuple[str, str]] = []
    for char, style in cells:
        if out and out[-1][1] == style:
            out[-1] = (out[-1][0] + char, style)
        else:
            out.append((char, style))
    return out
