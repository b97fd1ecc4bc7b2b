"""The framing comparison's table: cue categories as rows, sources as columns.

Each cell is "rate (count)": cues of that category per 1,000 words of the source (as
`contested framing --format json` gives it, 2 decimals) and how many. Above the rows, per
source its id (with a ■ in the source's colour, the colour of its bars) and its language
and words. A source whose language has no framing lists says so ("no lists" in every
cell, the whole message in the bars and the cell line), never zeros; one not read yet
shows "…". Only the columns that fit are drawn: the window follows the cursor (left/right,
home/end), and pinned sources (`space`) stay at the left, so two outlets far apart in a
casebook of a thousand sources sit side by side.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widget import Widget

from claims.framing import CATEGORIES, Profile
from tui.widgets.coverage_grid import fit, one_line

#: The colours of sources (bars, swatches), by the source's place in the casebook, cycling
#: (Tableau 10: told apart by most readers, colour-blind ones included, on dark and light).
PALETTE = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
    "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
)  # fmt: skip
ATTRIBUTION_ROW = "attribution named/unnamed"
ROWS = (*CATEGORIES, ATTRIBUTION_ROW)
LABEL_CELLS = 26
COLUMN_CELLS = 14  # a source's column (its id cut to 11 cells) when not every one fits
WIDEST_COLUMN_CELLS = 35  # ... widened up to this to show whole ids when every one fits
MORE_CELLS = 7  # " +999 →": how many sources are not in sight
PENDING = "…"
#: How the message of a source with no `language:` whose text is not English starts.
NO_LANGUAGE = "no `language:`"


def cell_text(state: Profile | str | None, row: int) -> str:
    """The text of a cell: `state` is the source's profile, why it has none (a message),
    or None (not profiled yet); `row` indexes `ROWS`."""
    if state is None:
        return PENDING
    if isinstance(state, str):
        if state.startswith("no framing lists"):
            return "no lists"
        return "no language" if state.startswith(NO_LANGUAGE) else "unreadable"
    if ROWS[row] == ATTRIBUTION_ROW:
        return f"{state.named} / {state.unnamed}"
    category = ROWS[row]
    if category not in state.rates:
        return "—"
    return f"{state.rates[category]:.2f} ({state.counts[category]})"


class FramingGrid(Widget, can_focus=True):
    """The table (see the module). `columns` are the source ids in the order shown (the
    screen puts pinned ones first); `states[source id]` a `Profile`, a message, or absent."""

    BINDINGS = [
        Binding("down,j", "move(1, 0)", "Down", show=False, id="framing.down"),
        Binding("up,k", "move(-1, 0)", "Up", show=False, id="framing.up"),
        Binding("right,l", "move(0, 1)", "Next source", show=False, id="framing.right"),
        Binding("left,h", "move(0, -1)", "Previous source", show=False, id="framing.left"),
        Binding("home", "edge(0)", "First source", show=False, id="framing.first"),
        Binding("end", "edge(1)", "Last source", show=False, id="framing.last"),
        Binding("pagedown", "page(1)", "Next sources", show=False, id="framing.page-right"),
        Binding("pageup", "page(-1)", "Previous sources", show=False, id="framing.page-left"),
    ]
    DEFAULT_CSS = """
    FramingGrid { height: auto; max-height: 1fr; padding: 0 1; }
    """

    class Moved(Message):
        """The cursor moved (or the columns changed)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.columns: list[str] = []
        self.pinned: list[str] = []
        self.states: dict[str, Profile | str] = {}
        self.colours: dict[str, str] = {}
        self.languages: dict[str, str] = {}  # each source's language (`language_of`)
        self.row = 0
        self.column = 0
        self.first = 0  # the first unpinned column shown

    def set_columns(self, columns: Sequence[str], pinned: Sequence[str]) -> None:
        """Show `columns` (every source, pinned ones first) with `pinned` marked."""
        at = self.columns[self.column] if self.columns else None
        self.columns, self.pinned = list(columns), list(pinned)
        self.column = self.columns.index(at) if at in self.columns else 0
        self._into_view()
        self.refresh(layout=True)
        self.post_message(self.Moved())

    @property
    def column_cells(self) -> int:
        """Cells of each source's column: `COLUMN_CELLS`, widened (up to
        `WIDEST_COLUMN_CELLS`) to show the longest id whole when every column still fits."""
        room = self.size.width - 2 - LABEL_CELLS - MORE_CELLS
        if not self.columns or len(self.columns) * COLUMN_CELLS > room:
            return COLUMN_CELLS
        longest = max(cell_len(one_line(c)) for c in self.columns) + 3
        return max(COLUMN_CELLS, min(WIDEST_COLUMN_CELLS, longest, room // len(self.columns)))

    @property
    def fitting(self) -> int:
        """How many columns fit beside the labels (at least one)."""
        room = self.size.width - 2 - LABEL_CELLS - MORE_CELLS
        return max(1, room // self.column_cells)

    def shown(self) -> list[int]:
        """The indices (into `columns`) of the columns drawn: the pinned, then a window."""
        pins = min(len(self.pinned), self.fitting - 1) if len(self.columns) > 1 else 0
        room = max(1, self.fitting - pins)
        start = max(len(self.pinned), self.first)
        return list(range(pins)) + list(range(start, min(len(self.columns), start + room)))

    def _into_view(self) -> None:
        if self.column < len(self.pinned):
            return
        pins = min(len(self.pinned), self.fitting - 1) if len(self.columns) > 1 else 0
        room = max(1, self.fitting - pins)
        self.first = max(self.first, len(self.pinned))
        if self.column < self.first:
            self.first = self.column
        elif self.column >= self.first + room:
            self.first = self.column - room + 1

    def on_resize(self) -> None:
        self._into_view()
        self.post_message(self.Moved())

    def action_move(self, rows: int, columns: int) -> None:
        if not self.columns:
            return
        self.row = max(0, min(len(ROWS) - 1, self.row + rows))
        self.column = max(0, min(len(self.columns) - 1, self.column + columns))
        self._into_view()
        self.refresh()
        self.post_message(self.Moved())

    def action_edge(self, end: int) -> None:
        self.action_move(0, (len(self.columns) - 1) * end - self.column)

    def action_page(self, pages: int) -> None:
        self.action_move(0, pages * max(1, self.fitting - len(self.pinned)))

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return 2 + len(ROWS)

    def render(self) -> Content:
        if not self.columns:
            return Content("No sources declared: nothing to compare.")
        shown = self.shown()
        cells = self.column_cells
        heads: list[str | tuple[str, str]] = [(fit("per 1,000 words (count)", LABEL_CELLS), "dim")]
        about: list[str | tuple[str, str]] = [(fit("language · words", LABEL_CELLS), "dim")]
        for index in shown:
            source_id = self.columns[index]
            mark = "▪" if source_id in self.pinned else " "
            style = "bold reverse" if index == self.column else "bold"
            heads += [("■", self.colours.get(source_id, "")), mark]
            heads += [(fit(one_line(source_id), cells - 3), style), " "]
            state = self.states.get(source_id)
            if isinstance(state, Profile):
                assumed = "?" if state.language_assumed else ""  # the cell line says it
                words = f"{one_line(state.language)}{assumed} · {state.words:,}"
            elif isinstance(state, str) and state.startswith(NO_LANGUAGE):
                words = "? · —"
            else:
                words = PENDING if state is None else f"{self.languages.get(source_id, '?')} · —"
            about.append((fit(words, cells - 1).strip().rjust(cells - 1) + " ", "dim"))
        lines = [Content.assemble(*heads), Content.assemble(*about)]
        for row, name in enumerate(ROWS):
            on_row = row == self.row
            parts: list[str | tuple[str, str]] = [
                (fit(name, LABEL_CELLS), "bold" if on_row else "")
            ]
            for index in shown:
                state = self.states.get(self.columns[index])
                text = fit(cell_text(state, row), cells - 1).strip()
                quiet = not isinstance(state, Profile)
                style = "reverse" if on_row and index == self.column else ("dim" if quiet else "")
                parts += [" " * (cells - 1 - cell_len(text)), (text, style), " "]
            lines.append(Content.assemble(*parts))
        more = len(self.columns) - len(shown)
        if more > 0:
            lines[0] = Content.assemble(lines[0], (f"+{more} →"[:MORE_CELLS], "dim"))
        return Content("\n").join(lines)
