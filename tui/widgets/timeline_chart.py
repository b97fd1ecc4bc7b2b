"""The timeline chart: one time axis, the sources' publication dates along the top, then one
row per dispute, its event date and the dates of the sources citing it (issue 16).

A Line-API widget (`ScrollView.render_line`): only the lines and the columns in sight are
drawn, so 5,000 disputes cost what a screenful costs. Three header lines stay put: the
sources (■ at each `published:` date, a digit where several share a column, their ids
where there is room), the tick labels, the axis. Under them a row per `Event` (the dated by
date, then the undated): the id and question in a fixed label column, ◆ at the event date
("no date" when it has none), and for each citing source its sides' marks at its
publication date, joined to ◆ by a line so the lag reads at a glance. A side's mark has its
colour and its own shape (given by the `Chart`), so colour is never the only cue; a
source speaking for several sides draws one mark per side, side by side, from its date's
column on (as far as the next mark leaves room); several sources in one column: their
count (2–9, `+` for 10 or more). ◆ is never overdrawn: the sources in the event's own
column start the column after it. When nothing is dated, the undated rows are drawn under
the message saying so ("no date" each), the cursor on them.

Dates map to columns with `claims.timeline.scale.Scale` (the same axis as the CLI's and the
HTML export's). The cursor is a row and a stop (`timeline_rows.stops`): the event's ◆ (or
"no date"), the sources sharing ◆'s column (drawn from the column after it), or a column of
citations. ↑/↓ (j/k) move a row (to its ◆), ←/→ (h/l) the next mark on the row, or scroll
time when there is none; page keys a screenful; home/end the first/last row; `+`/`-` zoom
keeping the cursor's date where it is on the screen (blank room after the span's end lets
it stay there near the end); `enter` (or a click on the cursor's
mark) posts `Chosen` with the citations under the cursor (none: the event itself); a click
on a row's label selects the row, on the cursor's row's label opens the event.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from dataclasses import dataclass, field

from textual.binding import Binding
from textual.content import Content
from textual.events import Click
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from claims.formats import plural
from claims.timeline import Citation, Event, Timeline
from claims.timeline.scale import LONGEST_LABEL, Scale
from tui.widgets.coverage_grid import fit, one_line
from tui.widgets.strips import content_strip
from tui.widgets.timeline_rows import (
    MARGIN,
    Stop,
    axis_ticks,
    count_cell,
    marks,
    put,
    runs,
    sources_cells,
    stops,
)

EVENT_MARK = "◆"
NO_DATE = "no date"
LINK = "─"
AXIS, TICK = "─", "┬"
HEADER = 3  # lines: the sources, the tick labels, the axis
WHOLE_AXIS = 20_000  # columns: up to this, the axis's ticks are found once per zoom
STRIPS_KEPT = 4000
CURSOR = "on $accent-darken-2"


@dataclass
class Chart:
    """What the chart shows: the `timeline`, and for each side id its `colours` ("#rrggbb"),
    `shapes` (one glyph each: `tui.screens.timeline.SHAPES`) and `labels`. `rows` are
    the dated events, then the undated."""

    timeline: Timeline
    colours: dict[str, str]
    shapes: dict[str, str]
    labels: dict[str, str]
    rows: list[Event] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.rows = [*self.timeline.events, *self.timeline.undated]


class TimelineChart(ScrollView, can_focus=True):
    """The chart (see the module); `show` gives it a `Chart`."""

    BINDINGS = [
        Binding("enter", "choose", "Open", id="timeline.open"),
        Binding("plus,equals_sign", "zoom(1)", "Zoom in", id="timeline.zoom-in"),
        Binding("minus", "zoom(-1)", "Zoom out", id="timeline.zoom-out"),
        Binding("down,j", "move(1)", "Down", show=False, id="timeline.down"),
        Binding("up,k", "move(-1)", "Up", show=False, id="timeline.up"),
        Binding("right,l", "step(1)", "Next mark", show=False, id="timeline.right"),
        Binding("left,h", "step(-1)", "Previous mark", show=False, id="timeline.left"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="timeline.page-down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="timeline.page-up"),
        Binding("home", "edge(0)", "First row", show=False, id="timeline.first"),
        Binding("end", "edge(1)", "Last row", show=False, id="timeline.last"),
    ]
    DEFAULT_CSS = """
    TimelineChart { height: 1fr; scrollbar-gutter: stable; }
    """

    class Moved(Message):
        """The cursor moved, or the scale changed (read them off the widget)."""

    class Chosen(Message):
        """`enter` on `row`: the `citations` under the cursor (empty: the event's ◆)."""

        def __init__(self, row: int, citations: tuple[Citation, ...]) -> None:
            self.row, self.citations = row, citations
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.chart: Chart | None = None
        self.scale: Scale | None = None
        self.row = 0
        self.column = -1  # the cursor's mark: a column of the scale, -1 "no date"
        self.shared = False  # on the sources in the ◆'s column (drawn after it), not on ◆
        self._pubs: list[int] = []  # each dated publication's column, in date order
        self._pub_labels: list[tuple[str, str]] = []  # ... its (id, "id (outlet)")
        self._ticks: list[tuple[int, str]] = []  # (column, label)
        #: Whether `_ticks` are the whole axis's (up to `WHOLE_AXIS` columns), else those of
        #: the (first column, width) in `_tick_window`, found again when the view moves.
        self._whole_axis = True
        self._tick_window: tuple[int, int] | None = None
        self._strips: dict[tuple[int, int, int, Stop | None, float], Strip] = {}
        self._strips_style: object = None
        self._tail = MARGIN  # cells after the last date: more when a zoom keeps a date in place

    # -- what is shown ----------------------------------------------------------------------

    def show(self, chart: Chart, row: int = 0, day: dt.date | None = None,
             days_per_column: float | None = None) -> None:  # fmt: skip
        """Show `chart`, the cursor on `row` (clamped) at the mark of `day` (default: the
        row's event), at `days_per_column` (default: the finest zoom fitting every date)."""
        self.chart = chart
        self.scale = None
        self._tail = MARGIN
        timeline = chart.timeline
        if timeline.start is not None and timeline.end is not None:
            if days_per_column is None:
                # before the first layout: the terminal's width less the scrollbar
                room = self.room if self.size.width else self._room_of(self.app.size.width - 2)
                self.scale = Scale.fit(timeline.start, timeline.end, max(1, room - MARGIN))
            else:
                self.scale = Scale(timeline.start, timeline.end, days_per_column)
        self._rescaled()
        self.row = max(0, min(row, len(chart.rows) - 1))
        self.column, self.shared = self._row_column(day), False
        self.call_after_refresh(self._into_view)
        self.post_message(self.Moved())

    @staticmethod
    def _label_of(width: int) -> int:
        return max(14, min(36, width * 3 // 10))

    @classmethod
    def _room_of(cls, width: int) -> int:
        return max(0, width - cls._label_of(width))

    @property
    def label_width(self) -> int:
        """Cells of the disputes' column: 30% of the width, 14 to 36."""
        return self._label_of(self.scrollable_content_region.width)

    @property
    def room(self) -> int:
        """Cells of the chart beside the label column."""
        return self._room_of(self.scrollable_content_region.width)

    def _rescaled(self) -> None:
        """After a new scale: the publications' and ticks' columns, the virtual size."""
        self._strips.clear()
        scale, chart = self.scale, self.chart
        if scale is not None and chart is not None:
            dated = [p for p in chart.timeline.publications if p.published is not None]
            self._pubs = [scale.column(p.published) for p in dated if p.published is not None]
            self._pub_labels = [
                (one_line(p.source), one_line(f"{p.source} ({p.outlet})" if p.outlet else p.source))
                for p in dated
            ]
            self._whole_axis, self._tick_window = scale.width <= WHOLE_AXIS, None
            self._ticks = axis_ticks(scale) if self._whole_axis else []
            width = self.label_width + int(scale.width) + max(MARGIN, self._tail)
        else:
            self._pubs, self._ticks = [], []
            width = self.label_width + len(NO_DATE)
        rows = len(chart.rows) if chart is not None else 0
        self.virtual_size = Size(width, rows + HEADER)
        self.refresh()

    def on_resize(self) -> None:
        self._tail = MARGIN
        self._rescaled()
        self.call_after_refresh(self._into_view)

    def _row_column(self, day: dt.date | None) -> int:
        """The column of `day`'s mark on the cursor's row; the row's event when it has no
        mark there."""
        columns = self.columns()
        if day is not None and self.scale is not None:
            wanted = self.scale.column(day)
            if wanted in columns:
                return wanted
        return columns[0] if columns else -1

    def event(self) -> Event | None:
        """The cursor's event, or None when there is none."""
        chart = self.chart
        return chart.rows[self.row] if chart is not None and chart.rows else None

    def columns(self, row: int | None = None) -> list[int]:
        """The columns of the marks on `row` (default: the cursor's), in order; the event's
        is among them (-1 for "no date")."""
        chart = self.chart
        if chart is None or not chart.rows:
            return []
        event = chart.rows[self.row if row is None else row]
        if self.scale is None:
            return [-1]  # nothing dated: every row's "no date"
        return list(marks(event, self.scale))

    def stops(self, row: int | None = None) -> list[Stop]:
        """The cursor's stops on `row` (default: the cursor's): `timeline_rows.stops`."""
        chart = self.chart
        if chart is None or not chart.rows:
            return []
        return stops(chart.rows[self.row if row is None else row], self.scale)

    def under_cursor(self) -> tuple[Citation, ...]:
        """The citations in the cursor's mark: none on the event's ◆ (even with sources in
        its column: they are the next stop, `shared`) or on "no date"."""
        event = self.event()
        if event is None or self.scale is None:
            return ()
        on_event = event.date is not None and self.scale.column(event.date) == self.column
        if on_event and not self.shared:
            return ()
        return tuple(marks(event, self.scale).get(self.column, ()))

    def cursor_day(self) -> dt.date | None:
        """The date of the cursor's mark: the event's (in its column), else the first
        citation's under it; None on "no date"."""
        event = self.event()
        if event is None:
            return None
        if event.date is not None and self.scale and self.scale.column(event.date) == self.column:
            return event.date  # the ◆'s column, even with a source in it
        under = self.under_cursor()
        if under and under[0].published is not None:
            return under[0].published
        return event.date

    # -- moving -----------------------------------------------------------------------------

    def go(self, row: int, column: int | None = None, shared: bool = False) -> None:
        """The cursor to `row` (clamped), at the stop (`column`, `shared`) (default, or
        when the row has no such stop: its event's)."""
        chart = self.chart
        if chart is None or not chart.rows:
            return
        self.row = max(0, min(row, len(chart.rows) - 1))
        columns = self.columns()
        self.column = column if column in columns else (columns[0] if columns else -1)
        self.shared = shared and (self.column, True) in self.stops()
        self._into_view()
        self.refresh()
        self.post_message(self.Moved())

    def _into_view(self) -> None:
        """Scroll so the cursor's row and mark are in sight (a mark: with a few cells of
        room beside it)."""
        if self.event() is None:
            return
        height = self.scrollable_content_region.height - HEADER
        y = self.scroll_y
        if self.row < y:
            y = self.row
        elif height > 0 and self.row >= y + height:
            y = self.row - height + 1
        x, room = int(self.scroll_x), self.room
        if self.column >= 0 and room > 0:
            pad = min(8, room // 4)
            if self.column < x + pad:
                x = max(0, self.column - pad)
            elif self.column >= x + room - pad:
                x = self.column - room + pad + 1
        self.scroll_to(x=x, y=y, animate=False, immediate=True, force=True)

    def action_move(self, rows: int) -> None:
        self.go(self.row + rows)

    def action_page(self, pages: int) -> None:
        height = max(1, self.scrollable_content_region.height - HEADER - 1)
        self.go(self.row + pages * height)

    def action_edge(self, end: int) -> None:
        if self.chart is not None:
            self.go((len(self.chart.rows) - 1) * end)

    def action_step(self, step: int) -> None:
        """The next (1) or previous (-1) mark on the row; past the last, time scrolls a
        quarter of the chart's width that way."""
        here, row_stops = (self.column, self.shared), self.stops()
        if not row_stops:
            return
        at = row_stops.index(here) if here in row_stops else 0
        if 0 <= at + step < len(row_stops):
            self.go(self.row, *row_stops[at + step])
        else:
            shift = step * max(1, self.room // 4)
            x = max(0, int(self.scroll_x) + shift)
            self.scroll_to(x=x, animate=False, immediate=True, force=True)

    def action_zoom(self, steps: int) -> None:
        """Zoom in (1) or out (-1) a level, the cursor's date kept where it is on the screen
        (or the middle of the view when the cursor has no date)."""
        scale = self.scale
        if scale is None:
            return
        day = self.cursor_day()
        if day is None or self.column < 0:
            day = scale.day_at(self.scroll_x + self.room / 2)
            where = self.room / 2
        else:
            where = scale.column(day) - self.scroll_x
        zoomed = scale.zoomed(steps)
        if zoomed.days_per_unit == scale.days_per_unit:
            self.notify("Zoomed in all the way." if steps > 0 else "Zoomed out all the way.",
                        timeout=2)  # fmt: skip
            return
        self.scale = zoomed
        x = max(0, int(zoomed.column(day) - where))
        # near the span's end: blank room after it, so the date can stay where it was
        self._tail = x + self.room - int(zoomed.width)
        self._rescaled()
        shared = self.shared
        self.column = self._row_column(day if self.column >= 0 else None)
        self.shared = shared and (self.column, True) in self.stops()
        self.scroll_to(x=x, animate=False, immediate=True, force=True)
        self.post_message(self.Moved())

    def action_choose(self) -> None:
        if self.event() is not None:
            self.post_message(self.Chosen(self.row, self.under_cursor()))

    def on_click(self, event: Click) -> None:
        """A click selects the row (the stop drawn within two cells of it, else the
        event's); a click on the cursor's own mark chooses it, and on the label of the
        cursor's row, the event (as `enter` on ◆)."""
        chart = self.chart
        if chart is None or event.y < HEADER:
            return
        row = int(self.scroll_y) + event.y - HEADER
        if not 0 <= row < len(chart.rows):
            return
        if event.x < self.label_width:  # the id and question
            if row == self.row:
                self.go(row)  # on its ◆ (or "no date")
                self.action_choose()
            else:
                self.go(row)
            return
        stop: Stop | None = None
        if self.scale is not None:
            at = int(self.scroll_x) + event.x - self.label_width
            near = [s for s in self.stops(row) if s[0] >= 0 and abs(s[0] + s[1] - at) <= 2]
            stop = min(near, key=lambda s: abs(s[0] + s[1] - at)) if near else None
        if row == self.row and stop == (self.column, self.shared):
            self.action_choose()
        elif stop is None:
            self.go(row)
        else:
            self.go(row, *stop)

    # -- drawing ----------------------------------------------------------------------------

    def _sources_line(self, x0: int, room: int) -> list[tuple[str, str]]:
        """The publications in sight: ■ (or a count) at each column, then ids where room."""
        return sources_cells(self._pubs, self._pub_labels, x0, room)

    def _ticks_lines(self, x0: int, room: int) -> tuple[list[tuple[str, str]], ...]:
        scale = self.scale
        if not self._whole_axis and self._tick_window != (x0, room) and scale is not None:
            # a long axis (10,000 years by days: millions of ticks): those in sight only
            since, until = scale.day_at(x0 - LONGEST_LABEL), scale.day_at(x0 + room)
            self._ticks, self._tick_window = axis_ticks(scale, since, until), (x0, room)
        labels: list[tuple[str, str]] = [(" ", "")] * room
        axis: list[tuple[str, str]] = [(AXIS, "$text-muted")] * room
        first = bisect_left(self._ticks, (x0, ""))  # a label cut on the left: not shown
        for column, label in self._ticks[first:]:
            if column >= x0 + room:
                break
            if column == self._ticks[first][0] and scale is not None and label[-1:].isalpha():
                label += f" {scale.day_at(column).year}"  # the first in sight: with its year
            put(labels, column - x0, label, "")
            if 0 <= column - x0 < room:
                axis[column - x0] = (TICK, "$text-muted")
        return labels, axis

    def _row_cells(self, row: int, x0: int, room: int) -> list[tuple[str, str]]:
        chart, scale = self.chart, self.scale
        assert chart is not None
        event = chart.rows[row]
        cells: list[tuple[str, str]] = [(" ", "")] * room
        by_column = marks(event, scale) if scale is not None else {-1: []}
        dated = [c for c in by_column if c >= 0]
        if event.date is not None and len(dated) > 1:  # the lag: ◆ joined to the sources
            for c in range(max(dated[0], x0), min(dated[-1] + 1, x0 + room)):
                cells[c - x0] = (LINK, "$text-muted")
        order = list(by_column)
        event_column = scale.column(event.date) if scale and event.date is not None else None
        for n, column in enumerate(order):
            citations = by_column[column]
            if column < 0:
                continue
            at = column
            if column == event_column:  # ◆ stays; its column's sources from the next one
                put(cells, column - x0, EVENT_MARK, "bold")
                at = column + 1
            limit = order[n + 1] if n + 1 < len(order) else column + 1 + MARGIN
            if not citations or at >= limit:
                continue
            if len(citations) > 1:
                put(cells, at - x0, count_cell(len(citations)), "bold reverse")
            else:
                for k, side in enumerate(citations[0].sides[: limit - at]):
                    glyph = chart.shapes.get(side, "?")
                    put(cells, at - x0 + k, glyph, f"bold {chart.colours.get(side, 'red')}")
        if event.date is None:  # over any mark in its cells: the label is always read
            put(cells, 0, NO_DATE + " ", "italic $text-muted")
        if row == self.row:
            if self.column < 0:
                for k in range(min(len(NO_DATE), room)):
                    cells[k] = (cells[k][0], f"{cells[k][1]} {CURSOR}")
            elif 0 <= self.column + self.shared - x0 < room:  # shared: the cell after ◆
                glyph, style = cells[self.column + self.shared - x0]
                cells[self.column + self.shared - x0] = (glyph, f"{style} {CURSOR}")
        return cells

    def _label(self, row: int) -> tuple[str, str]:
        assert self.chart is not None
        event = self.chart.rows[row]
        text = fit(one_line(f"{event.dispute}  {event.question}"), self.label_width - 1) + " "
        return text, "bold $accent" if row == self.row else ""

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.visual_style
        chart = self.chart
        if chart is None:
            return Strip.blank(width, base.rich_style)
        if self.scale is None and y < HEADER:
            lines = [
                "No dispute or source in this casebook has a date: nothing to place in time.",
                "Give disputes a `date:` (the event's) and sources a `published:` (YYYY-MM-DD).",
            ]
            text = lines[y] if y < len(lines) else ""
            return content_strip(self, Content(text), width, base)
        x0, room, lw = int(self.scroll_x), self.room, self.label_width
        if y < HEADER:
            if y == 0:
                left, cells = ("sources", "dim"), self._sources_line(x0, room)
            else:
                labels, axis = self._ticks_lines(x0, room)
                cells = labels if y == 1 else axis
                left = ("" if y == 1 else plural(len(chart.rows), "dispute"), "dim")
            line = Content.assemble((fit(left[0], lw), left[1]), *runs(cells))
            return content_strip(self, line, width, base)
        row = int(self.scroll_y) + y - HEADER
        if not 0 <= row < len(chart.rows):
            return Strip.blank(width, base.rich_style)
        if base is not self._strips_style or len(self._strips) > STRIPS_KEPT:
            self._strips.clear()
            self._strips_style = base
        zoom = self.scale.days_per_unit if self.scale is not None else 0.0
        key = (row, x0, width, (self.column, self.shared) if row == self.row else None, zoom)
        strip = self._strips.get(key)
        if strip is None:
            line = Content.assemble(self._label(row), *runs(self._row_cells(row, x0, room)))
            strip = self._strips[key] = content_strip(self, line, width, base)
        return strip
