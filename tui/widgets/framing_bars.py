"""Terminal bars of one cue category's rate across sources (the framing comparison's).

One line a source: its id, a bar in the source's colour drawn with eighth blocks (so a
rate a tenth of another's looks a tenth as long), and "rate (count)". Bars are scaled to
the largest rate shown, which the title says; a source with no rate shows why instead of
a bar (e.g. "no framing lists for 'ru'"), never a zero-length bar that reads as zero.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from textual.content import Content
from textual.widgets import Static

from tui.widgets.coverage_grid import fit, one_line
from tui.widgets.rate_bars import bar

LABEL_CELLS = 16  # a bar's label (its source id, cut) ...
WIDEST_LABEL_CELLS = 33  # ... widened to show ids whole when the bars keep half the width
NUMBER_CELLS = 15


def bars(title: str, rows: Sequence[tuple[str, float | str, str, str]], width: int) -> Content:
    """`title`, then one line per (label, value or why not, colour, "rate (count)") row;
    bars scaled to the largest value, in `width` cells in all."""
    values = [v for _, v, _, _ in rows if not isinstance(v, str)]
    top = max(values, default=0.0)
    longest = max((cell_len(one_line(label)) + 1 for label, *_ in rows), default=0)
    cells = max(LABEL_CELLS, min(WIDEST_LABEL_CELLS, longest))
    if width - cells - NUMBER_CELLS - 2 < width // 2:
        cells = LABEL_CELLS
    room = max(1, width - cells - NUMBER_CELLS - 2)
    lines = [Content.assemble((title, "bold"), (f"  (longest bar: {top:.2f})", "dim"))]
    for label, value, colour, number in rows:
        head = fit(one_line(label), cells - 1) + " "
        if isinstance(value, str):
            lines.append(Content.assemble(head, (one_line(value), "italic $text-muted")))
            continue
        drawn = bar(value, top, room)
        lines.append(Content.assemble(head, (drawn, colour), " " * (room - len(drawn) + 1), number))
    return Content("\n").join(lines)


class FramingBars(Static):
    """The bars under the comparison table; `show` draws them."""

    DEFAULT_CSS = """
    FramingBars { height: 1fr; padding: 0 1; border-top: solid $panel-lighten-2; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self._drawn: tuple[str, Sequence[tuple[str, float | str, str, str]]] = ("", ())

    def show(self, title: str, rows: Sequence[tuple[str, float | str, str, str]]) -> None:
        """Draw `bars(title, rows)` at this widget's width."""
        self._drawn = (title, rows)
        self.update(bars(title, rows, self.size.width - 2 if self.size.width else 78))

    def on_resize(self) -> None:
        if self._drawn[0]:
            self.show(*self._drawn)
