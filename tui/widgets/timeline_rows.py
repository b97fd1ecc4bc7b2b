"""Drawing helpers of the timeline chart (`tui.widgets.timeline_chart`): a row's marks by
column and its cursor's stops, the sources line, the axis' ticks, a count as one cell,
cells written and joined into runs of one style."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left

from rich.cells import cell_len

from claims.timeline import Citation, Event
from claims.timeline.scale import LONGEST_LABEL, Scale
from tui.widgets.coverage_grid import fit

PUBLISHED_MARK = "■"
ARROW = "←"  # before a count's ids in the sources line: they are that count's
MARGIN = 6  # cells after the last date: room for a source's marks of several sides

#: A cursor's stop on a row: (column, shared). `shared` is True for the sources in the
#: event's own column, drawn from the column after ◆ (◆ itself is the stop (column, False)).
Stop = tuple[int, bool]


def marks(event: Event, scale: Scale) -> dict[int, list[Citation]]:
    """The row's marks by column: the event's own column (an empty list unless a source
    shares it) and each dated citation's, in column order; an undated event has `-1` for
    its "no date"."""
    out: dict[int, list[Citation]] = {-1 if event.date is None else scale.column(event.date): []}
    for citation in event.citations:
        if citation.published is not None:
            out.setdefault(scale.column(citation.published), []).append(citation)
    return dict(sorted(out.items()))


def stops(event: Event, scale: Scale | None) -> list[Stop]:
    """The cursor's stops on the row, left to right (see `Stop`): ◆ (or "no date", column
    -1), each column of citations; the sources sharing ◆'s column are a stop of their own
    after it when they are drawn (the next mark leaves them room), so `enter` on ◆ always
    opens the dispute. Without a scale (nothing dated): [(-1, False)]."""
    if scale is None:
        return [(-1, False)]
    by_column = marks(event, scale)
    event_column = scale.column(event.date) if event.date is not None else None
    order = list(by_column)
    out: list[Stop] = []
    for n, column in enumerate(order):
        out.append((column, False))
        limit = order[n + 1] if n + 1 < len(order) else column + 1 + MARGIN
        if column == event_column and by_column[column] and column + 1 < limit:
            out.append((column, True))
    return out


def sources_cells(
    pubs: list[int], labels: list[tuple[str, str]], x0: int, room: int
) -> list[tuple[str, str]]:
    """The sources line's `room` cells from column `x0`: ■ (or a count) at each column of
    `pubs` (each dated publication's column, in date order), then ids where there is room
    (`labels`: each one's (id, "id (outlet)"))."""
    cells: list[tuple[str, str]] = [(" ", "")] * room
    first = bisect_left(pubs, x0 - MARGIN)
    groups: dict[int, list[int]] = {}
    for at in range(first, len(pubs)):
        column = pubs[at]
        if column >= x0 + room:
            break
        groups.setdefault(column, []).append(at)
    order = sorted(groups)
    free = x0  # the first cell no mark or label of an earlier group uses
    for n, column in enumerate(order):
        members = groups[column]
        mark = PUBLISHED_MARK if len(members) == 1 else count_cell(len(members))
        put(cells, column - x0, mark, "bold")
        right = (order[n + 1] - 1 if n + 1 < len(order) else x0 + room) - (column + 2)
        whole = labels[members[0]][1] if len(members) == 1 else ""
        ids = ", ".join(labels[m][0] for m in members)
        # a count's ids point at it: "2 ← a, b", or before it "a, b → 2"
        label, before = (f"{ARROW} {ids}", f"{ids} →") if len(members) > 1 else (ids, ids)
        if whole and cell_len(whole) <= right:
            label = whole  # with its outlet: there is room
        width = cell_len(label)
        if width <= right or (right >= 3 and cell_len(before) > column - 1 - free):
            put(cells, column - x0 + 2, fit(label, min(width, right)), "$text-muted")
            free = column + 2 + min(width, right) + 1
        elif cell_len(before) <= column - 1 - free:  # no room after the mark: before it
            put(cells, column - x0 - 1 - cell_len(before), before, "$text-muted")
            free = column + 2
        else:
            free = column + 2
    return cells


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
