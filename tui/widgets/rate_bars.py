"""Horizontal bars drawn in the terminal: one row a label, a bar in its colour, a note.

`RateBars` takes a list of rows (label, value, colour) — a value of None makes the row a
heading (its label alone, bold) — and draws each value as a bar of eighth-cell blocks
(`▏▎▍▌▋▊▉█`), all against one scale: the largest value, or `scale` when given, so that
several `RateBars` (one per category, a row per source, say) can be compared side by side.
A note after each bar says the number (by default the value, two decimals). With
`selectable` (the default), up/down (j/k) move a cursor over the rows that are not headings
(past the last row, the next widget is focused) and enter posts `RateBars.Chosen` with the
row's index; `RateBars.Moved` says where the
cursor went. Labels given as `str` are untrusted text (`claims.text.steady`); a `Content`
label is drawn as it is (e.g. a category's swatch).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from claims.text import steady

EIGHTHS = " ▏▎▍▌▋▊▉"
FULL = "█"
CURSOR = "▶ "  # before the row under the cursor (while the bars have the focus)
MIN_BAR = 10  # cells the bar keeps however narrow the widget
LABEL_SHARE, LABEL_MIN = 0.4, 12  # labels longer than this share of the width are cut (…)


class BarRow(NamedTuple):
    """One row: `label`, `value` (None: a heading), `colour` ("#rrggbb" or a theme
    variable such as "$accent"), and `note` (shown after the bar; "" for the value)."""

    label: str | Content
    value: float | None
    colour: str = "$accent"
    note: str = ""


def bar(value: float, scale: float, width: int) -> str:
    """`value` of `scale` as blocks filling up to `width` cells (eighths of a cell): at
    least one eighth for a value above zero, so a rare cue is not drawn as none."""
    if scale <= 0 or value <= 0 or width <= 0:
        return ""
    eighths = max(1, round(min(value / scale, 1.0) * width * 8))
    whole, part = divmod(eighths, 8)
    return FULL * whole + (EIGHTHS[part] if part else "")


def _label(label: str | Content) -> Content:
    return label if isinstance(label, Content) else Content(steady(label))


class RateBars(Widget, can_focus=True):
    """Rows of bars (see the module)."""

    DEFAULT_CSS = """
    RateBars { height: auto; padding: 0 1; }
    RateBars:focus { background: $boost; }
    """
    BINDINGS = [
        Binding("down,j", "move(1)", "Down", show=False, id="bars.down"),
        Binding("up,k", "move(-1)", "Up", show=False, id="bars.up"),
        Binding("enter", "choose", "Show", id="bars.choose"),
    ]

    cursor: reactive[int] = reactive(-1)

    class Chosen(Message):
        """Enter on row `index` of `bars`."""

        def __init__(self, bars: RateBars, index: int) -> None:
            self.bars, self.index = bars, index
            super().__init__()

    class Moved(Message):
        """The cursor went to row `index` of `bars`."""

        def __init__(self, bars: RateBars, index: int) -> None:
            self.bars, self.index = bars, index
            super().__init__()

    def __init__(
        self,
        rows: Sequence[BarRow | tuple[str | Content, float | None, str]],
        *,
        scale: float | None = None,
        selectable: bool = True,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.can_focus = selectable
        self.scale = scale
        self.rows: list[BarRow] = []
        self.show(rows)

    def show(self, rows: Sequence[BarRow | tuple[str | Content, float | None, str]]) -> None:
        """Draw other rows (the cursor on the first that is not a heading)."""
        self.rows = [r if isinstance(r, BarRow) else BarRow(*r) for r in rows]
        chosen = [i for i, r in enumerate(self.rows) if r.value is not None]
        self.set_reactive(RateBars.cursor, chosen[0] if chosen else -1)
        self.refresh(layout=True)

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return len(self.rows)

    def render(self) -> Content:
        rows = self.rows
        values = [r.value for r in rows if r.value is not None]
        scale = self.scale if self.scale is not None else max(values, default=0.0)
        notes = [r.note or f"{r.value:.2f}" if r.value is not None else "" for r in rows]
        most = max(LABEL_MIN, int(self.content_region.width * LABEL_SHARE))
        label_width = min(most, max((_label(r.label).cell_length for r in rows), default=0))
        note_width = max((len(n) for n in notes), default=0)
        width = max(MIN_BAR, self.content_region.width - label_width - note_width - 4)
        lines = []
        for index, (row, note) in enumerate(zip(rows, notes, strict=True)):
            label = _label(row.label)
            if label.cell_length > label_width and row.value is not None:
                label = label.truncate(label_width - 1) + "…"
            if row.value is None:
                lines.append(Content.assemble("  ", label.stylize_before("bold")))
                continue
            blocks = bar(row.value, scale, width)
            here = self.can_focus and self.has_focus and index == self.cursor
            line = Content.assemble(
                (CURSOR, "bold $accent") if here else " " * len(CURSOR),
                label.pad_right(label_width - label.cell_length),
                " ",
                (blocks, row.colour),
                " " * (width - len(blocks) + 1),
                note.rjust(note_width),
            )
            if here:
                line = line.stylize("underline", len(CURSOR), len(CURSOR) + label_width)
            lines.append(line)
        return Content("\n").join(lines)

    def on_focus(self) -> None:
        self.refresh()
        if self.cursor >= 0:
            self.post_message(self.Moved(self, self.cursor))

    def on_blur(self) -> None:
        self.refresh()

    def watch_cursor(self) -> None:
        self.refresh()

    def action_move(self, step: int) -> None:
        chosen = [i for i, r in enumerate(self.rows) if r.value is not None]
        if not chosen:
            return
        at = (chosen.index(self.cursor) if self.cursor in chosen else 0) + step
        if not 0 <= at < len(chosen):  # past the first or last row: the next widget
            (self.screen.focus_next if step > 0 else self.screen.focus_previous)()
            return
        self.cursor = chosen[at]
        self.post_message(self.Moved(self, self.cursor))

    def action_choose(self) -> None:
        if self.cursor >= 0:
            self.post_message(self.Chosen(self, self.cursor))
