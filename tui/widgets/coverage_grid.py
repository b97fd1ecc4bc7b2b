"""The coverage matrix: disputes as rows, sources as columns, each cell the sides a source
speaks for in a dispute (one ● a side, in the side's colour) or `·` where it says nothing.

A Line-API widget (`ScrollView.render_line`): only the lines and the columns in sight are
drawn, so 5,000 disputes × 1,000 sources cost what a screenful costs. The first line (the
sources' ids) and the first columns (the disputes' ids and questions) stay put while the
cells scroll under them, horizontally by whole columns. The cursor is a cell: arrows or
h/j/k/l move it, page keys move a screenful, home/end go to the row's first/last source,
`n`/`N` to the next/previous cell where a source speaks; `enter` (or a click on the cell
under the cursor) posts `Chosen`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from rich.cells import cell_len, set_cell_size
from textual.binding import Binding
from textual.content import Content
from textual.events import Click
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from claims.model import Dispute
from claims.text import steady
from tui.widgets.strips import content_strip

SIDE_MARK = "●"
EMPTY_MARK = "–"  # a source that says nothing in a dispute: explicit, and quiet
ID_CELLS = 12  # a source id is cut to this many cells in the header (when not all fit)
WIDEST_ID_CELLS = 32  # ... and to this many when every column fits whole in the width
HEADER = 1  # lines of the header (the sources' ids)
STRIPS_KEPT = 4000  # lines kept drawn (a few screenfuls at every scroll offset)
CURSOR = "on $accent-darken-2"  # the cursor's cell: its marks keep their colours


def one_line(text: str) -> str:
    """Casebook text for one cell: white space runs (newlines too) as one space, `steady`."""
    return steady(" ".join(text.split()))


def fit(text: str, width: int) -> str:
    """`text` (already `one_line`) cut to `width` cells with "…", or padded with spaces."""
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)


@dataclass
class Matrix:
    """What the grid shows: `disputes` (rows) and `sources` (column ids), in the casebook's
    order; `sides[(row, column)]` the side ids a source speaks for in a dispute (only the
    cells where it speaks); `evidence[(row, column)]` the (position, evidence) indices,
    0-based, of the quotes behind a cell; `colours` and `labels` of the sides."""

    disputes: Sequence[Dispute]
    sources: Sequence[str]
    sides: dict[tuple[int, int], tuple[str, ...]]
    evidence: dict[tuple[int, int], list[tuple[int, int]]]
    colours: dict[str, str]
    labels: dict[str, str]
    spoken: list[tuple[int, int]] = field(default_factory=list)  # the keys of `sides`, sorted

    def __post_init__(self) -> None:
        self.spoken = sorted(self.sides)


class CoverageGrid(ScrollView, can_focus=True):
    """The matrix (see the module); `show` gives it a `Matrix`."""

    BINDINGS = [
        Binding("enter", "choose", "Go to evidence", id="coverage.open"),
        Binding("down,j", "move(1, 0)", "Down", show=False, id="coverage.down"),
        Binding("up,k", "move(-1, 0)", "Up", show=False, id="coverage.up"),
        Binding("right,l", "move(0, 1)", "Right", show=False, id="coverage.right"),
        Binding("left,h", "move(0, -1)", "Left", show=False, id="coverage.left"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="coverage.page-down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="coverage.page-up"),
        Binding("home", "edge(0)", "First source", show=False, id="coverage.first"),
        Binding("end", "edge(1)", "Last source", show=False, id="coverage.last"),
        Binding("n", "spoken(1)", "Next cited", id="coverage.next"),
        Binding("N", "spoken(-1)", "Previous cited", show=False, id="coverage.previous"),
    ]
    DEFAULT_CSS = """
    CoverageGrid { height: 1fr; scrollbar-gutter: stable; }
    """

    class Moved(Message):
        """The cursor moved to (row, column)."""

        def __init__(self, row: int, column: int) -> None:
            self.row, self.column = row, column
            super().__init__()

    class Chosen(Message):
        """`enter` on the cell (row, column)."""

        def __init__(self, row: int, column: int) -> None:
            self.row, self.column = row, column
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.matrix: Matrix | None = None
        self.row = 0
        self.column = 0
        self._ids: list[str] = []  # the sources' ids, one line, cut
        self._widths: list[int] = []  # cells of each column, its gap included
        self._most: list[int] = []  # the most sides in a cell of each column
        self._lefts: list[int] = [0]  # where each column starts, in cells; then the total
        self._labels: dict[int, str] = {}  # a row's label, made when first drawn
        #: Lines drawn: (row, first column, room, cursor's column on that row or -1) -> strip
        self._strips: dict[tuple[int, int, int, int], Strip] = {}
        self._strips_style: object = None

    # -- what is shown ----------------------------------------------------------------------

    def show(self, matrix: Matrix, row: int = 0, column: int = 0) -> None:
        """Show `matrix`, the cursor at (row, column) (clamped)."""
        self.matrix = matrix
        self._ids = [one_line(s) for s in matrix.sources]
        most: dict[int, int] = {}
        for (_, c), sides in matrix.sides.items():
            most[c] = max(most.get(c, 0), len(sides))
        self._most = [most.get(c, 0) for c in range(len(self._ids))]
        self._layout()
        self._labels.clear()
        self._strips.clear()
        self.row = max(0, min(row, len(matrix.disputes) - 1))
        self.column = max(0, min(column, len(matrix.sources) - 1))
        self._resize()
        self.call_after_refresh(self._into_view)

    def _layout(self) -> None:
        """Each column's cells: its id whole (up to `WIDEST_ID_CELLS`) when every column
        fits so in the width beside the labels (a few sources), else cut to `ID_CELLS`; at
        least as wide as its most sides."""
        room = self.scrollable_content_region.width - self.label_width
        cap = WIDEST_ID_CELLS
        if len(self._ids) * (ID_CELLS + 1) >= room:  # many sources: no need to measure
            cap = ID_CELLS
        for _ in range(2):
            self._widths = [
                max(1, min(cell_len(i), cap), m) + 1
                for i, m in zip(self._ids, self._most, strict=True)
            ]
            if cap == ID_CELLS or sum(self._widths) <= room:
                break
            cap = ID_CELLS
        self._lefts = [0]
        for width in self._widths:
            self._lefts.append(self._lefts[-1] + width)

    @property
    def label_width(self) -> int:
        """Cells of the disputes' column: 30% of the width, 14 to 40."""
        return max(14, min(40, self.scrollable_content_region.width * 3 // 10))

    def _resize(self) -> None:
        if self.matrix is not None:
            width = self.label_width + self._lefts[-1]
            self.virtual_size = Size(width, len(self.matrix.disputes) + HEADER)
        self.refresh()

    def on_resize(self) -> None:
        self._labels.clear()
        self._strips.clear()
        if self.matrix is not None:
            self._layout()
        self._resize()
        self.call_after_refresh(self._into_view)

    def cell(self) -> tuple[int, int] | None:
        """The (row, column) under the cursor, or None when there is nothing."""
        matrix = self.matrix
        if matrix is None or not matrix.disputes or not matrix.sources:
            return None
        return self.row, self.column

    # -- moving -----------------------------------------------------------------------------

    def go(self, row: int, column: int) -> None:
        """Put the cursor on (row, column) (clamped), scrolled into view."""
        matrix = self.matrix
        if matrix is None or not matrix.disputes or not matrix.sources:
            return
        self.row = max(0, min(row, len(matrix.disputes) - 1))
        self.column = max(0, min(column, len(matrix.sources) - 1))
        self._into_view()
        self.refresh()
        self.post_message(self.Moved(self.row, self.column))

    def _into_view(self) -> None:
        """Scroll so the cursor's cell is in sight (columns: whole ones)."""
        if self.cell() is None:
            return
        height = self.scrollable_content_region.height - HEADER
        y = self.scroll_y
        if self.row < y:
            y = self.row
        elif height > 0 and self.row >= y + height:
            y = self.row - height + 1
        room = self.scrollable_content_region.width - self.label_width
        left, right = self._lefts[self.column], self._lefts[self.column + 1]
        x = self._lefts[self._first_column()]
        if left < x:
            x = left
        elif right > x + room:
            first = self._first_column()
            while first < self.column and right - self._lefts[first] > room:
                first += 1
            x = self._lefts[first]
        self.scroll_to(x=x, y=y, animate=False, immediate=True)

    def _first_column(self) -> int:
        """The first column in sight: the one the horizontal scroll offset falls in."""
        return max(0, bisect_right(self._lefts, int(self.scroll_x)) - 1)

    def action_move(self, rows: int, columns: int) -> None:
        self.go(self.row + rows, self.column + columns)

    def action_page(self, pages: int) -> None:
        height = max(1, self.scrollable_content_region.height - HEADER - 1)
        self.go(self.row + pages * height, self.column)

    def action_edge(self, end: int) -> None:
        if self.matrix is not None:
            self.go(self.row, (len(self.matrix.sources) - 1) * end)

    def action_spoken(self, step: int) -> None:
        """The next (step 1) or previous (-1) cell where a source speaks, row by row."""
        matrix = self.matrix
        if matrix is None or not matrix.spoken:
            return
        here = (self.row, self.column)
        spoken = matrix.spoken
        if step > 0:
            at = bisect_right(spoken, here)
            target = spoken[at % len(spoken)]
        else:
            at = bisect_right(spoken, (here[0], here[1] - 1)) - 1
            target = spoken[at]  # -1: the last one, round the end
        self.go(*target)

    def action_choose(self) -> None:
        if self.cell() is not None:
            self.post_message(self.Chosen(self.row, self.column))

    def on_click(self, event: Click) -> None:
        """A click puts the cursor on the cell; a click on the cursor's cell chooses it."""
        matrix = self.matrix
        if matrix is None:
            return
        x, y = event.x, event.y
        if y < HEADER or x < self.label_width:
            return
        row = int(self.scroll_y) + y - HEADER
        at = self._lefts[self._first_column()] + x - self.label_width
        column = bisect_right(self._lefts, at) - 1
        if not (0 <= row < len(matrix.disputes) and 0 <= column < len(matrix.sources)):
            return
        if (row, column) == (self.row, self.column):
            self.action_choose()
        else:
            self.go(row, column)

    # -- drawing ----------------------------------------------------------------------------

    def _label(self, row: int, width: int) -> str:
        label = self._labels.get(row)
        if label is None:
            assert self.matrix is not None
            dispute = self.matrix.disputes[row]
            label = fit(one_line(f"{dispute.id}  {dispute.question}"), width - 1) + " "
            self._labels[row] = label
        return label

    def _header(self, first: int, room: int) -> Content:
        parts: list[str | tuple[str, str]] = [(fit("dispute \\ source", self.label_width), "dim")]
        used, column = 0, first
        while column < len(self._ids) and used < room:
            width = self._widths[column]
            text = fit(self._ids[column], width - 1)
            parts.append((text, "bold reverse" if column == self.column else "bold"))
            parts.append(" ")
            used += width
            column += 1
        return Content.assemble(*parts)

    def _row(self, row: int, first: int, room: int) -> Content:
        assert self.matrix is not None
        matrix = self.matrix
        on_row = row == self.row
        label = self._label(row, self.label_width)
        parts: list[str | tuple[str, str]] = [(label, "bold $accent" if on_row else "")]
        used, column = 0, first
        while column < len(self._ids) and used < room:
            width = self._widths[column]
            sides = matrix.sides.get((row, column))
            cursor = on_row and column == self.column
            if sides:
                for side in sides:
                    colour = matrix.colours.get(side, "#ff5555")
                    parts.append((SIDE_MARK, f"{colour} {CURSOR}" if cursor else colour))
                pad = width - 1 - len(sides)
            else:
                parts.append((EMPTY_MARK, f"$text-muted {CURSOR}" if cursor else "$text-muted"))
                pad = width - 2
            parts.append((" " * max(pad, 0), CURSOR if cursor else ""))
            parts.append(" ")
            used += width
            column += 1
        return Content.assemble(*parts)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.visual_style
        matrix = self.matrix
        if matrix is None or not matrix.sources:
            text = "" if matrix is None or y else "No sources declared: nothing to cover."
            return content_strip(self, Content(text), width, base)
        if not matrix.disputes:
            text = "This casebook has no disputes yet: no coverage to show." if y == 0 else ""
            return content_strip(self, Content(text), width, base)
        first = self._first_column()
        room = max(0, width - self.label_width)
        if y < HEADER:
            return content_strip(self, self._header(first, room), width, base)
        row = int(self.scroll_y) + y - HEADER
        if not 0 <= row < len(matrix.disputes):
            return Strip.blank(width, base.rich_style)
        if base is not self._strips_style or len(self._strips) > STRIPS_KEPT:
            self._strips.clear()  # the theme changed, or enough lines kept
            self._strips_style = base
        key = (row, first, room, self.column if row == self.row else -1)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._strips[key] = content_strip(
                self, self._row(row, first, room), width, base
            )
        return strip
