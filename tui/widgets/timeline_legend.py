"""The timeline's legend and the words for its zoom (`tui.screens.timeline`).

The legend explains every glyph the chart can draw: ◆ the event, ■ a publication, a count
(2–9, `+` for 10 or more), and the shape of each side that has a mark in the chart (only
those), in its colour. It wraps, entry by entry, to as many lines as the width needs; a side
is named by its label when the whole legend then fits in two lines, else by its id."""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content

from claims.formats import plural
from tui.widgets.coverage_grid import one_line
from tui.widgets.timeline_chart import EVENT_MARK, Chart
from tui.widgets.timeline_rows import PUBLISHED_MARK

#: Zoom levels (days a column) said in words, as the docs do.
WORDS = {7.0: "1 week", 14.0: "2 weeks", 30.0: "1 month", 61.0: "2 months",
         122.0: "4 months", 365.0: "1 year", 730.0: "2 years", 1461.0: "4 years"}  # fmt: skip

Entry = list[tuple[str, str]]


def zoom_words(days_per_column: float) -> str:
    """ "4 columns a day", "2 days a column", "2 months a column", "4 years a column"."""
    if days_per_column < 1:
        return f"{round(1 / days_per_column)} columns a day"
    words = WORDS.get(days_per_column) or plural(round(days_per_column), "day")
    return f"{words} a column"


def sides_drawn(chart: Chart) -> list[str]:
    """The sides with a mark in the chart (a dated citation's), in the chart's order."""
    used = {
        side
        for event in chart.rows
        for citation in event.citations
        if citation.published is not None
        for side in citation.sides
    }
    return [side for side in chart.shapes if side in used]


def legend(chart: Chart, width: int) -> Content:
    """The legend in lines of at most `width` cells (an entry longer than that: alone on
    its line, cut by the widget), entries two spaces apart."""
    marks: list[Entry] = [
        [(EVENT_MARK, "bold"), (" event", "")],
        [(PUBLISHED_MARK, "bold"), (" published", "")],
        [("2", "bold reverse"), (" sources in one column, ", ""), ("+", "bold reverse"),
         (" 10 or more", "")],
    ]  # fmt: skip
    sides = sides_drawn(chart)

    def side_entries(names: dict[str, str]) -> list[Entry]:
        out: list[Entry] = []
        for n, side in enumerate(sides):
            glyph = (chart.shapes.get(side, "?"), f"bold {chart.colours.get(side, 'red')}")
            out.append([*([("sides: ", "dim")] if n == 0 else []), glyph, (" " + names[side], "")])
        return out

    labelled = [*marks, *side_entries({s: one_line(chart.labels.get(s, s)) for s in sides})]
    lines = _wrap(labelled, width)
    if len(lines) > 2:
        lines = _wrap([*marks, *side_entries({s: one_line(s) for s in sides})], width)
    parts: list[tuple[str, str]] = []
    for n, line in enumerate(lines):
        if n:
            parts.append(("\n", ""))
        for k, entry in enumerate(line):
            parts += [*([("  ", "")] if k else []), *entry]
    return Content.assemble(*parts)


def _wrap(entries: list[Entry], width: int) -> list[list[Entry]]:
    lines: list[list[Entry]] = []
    used = 0
    for entry in entries:
        size = sum(cell_len(text) for text, _ in entry)
        if lines and used + 2 + size <= width:
            lines[-1].append(entry)
            used += 2 + size
        else:
            lines.append([entry])
            used = size
    return lines
