"""Two pieces of evidence aligned word by word (`claims.anchoring.variants`), in two columns.

A Line-API widget (`ScrollView.render_line`), laid out once per width (`lay_out`): a
header over each column (the holder in the side's colour, the source's title and the ¶
cited), a legend (each kind's symbol, name and count of words), then the aligned rows. A
run of words both sides share is plain text on both sides, wrapped within its column; each
difference is a row of its own with both sides, coloured by kind AND marked by a symbol in
the gutter between the columns (`~` variant, `≠` substitution, `+` inserted, `−` deleted)
and a text style (italic, bold, underlined, struck out), so no difference is told by colour
alone. `n`/`N` go to the next/previous difference (round the end), `←`/`→` (`h`/`l`) or a
click on a column choose the side `enter` (or a second click on its header) opens the
source of, at its quote (as `enter` on a card: it posts `DisputeView.Open`). Embedded in
the main screen for a `kind: variants` dispute it also steps through the pairs of positions
(`[`/`]`), `c` goes to the cards (`to_cards`) and `n`/`N` say which difference on the
screen's status line (`say`).
Every text is the casebook's or a source's: `claims.text.steady`, never markup.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import zip_longest

from textual.actions import SkipAction
from textual.binding import Binding
from textual.content import Content
from textual.events import Click
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from claims.anchoring.variants import Alignment, Kind
from claims.formats import plural
from tui.render import on_colour
from tui.widgets.coverage_grid import SIDE_MARK, one_line
from tui.widgets.dispute_layout import Cited
from tui.widgets.strips import content_strip

#: Each difference's symbol in the gutter, its name in the legend, its style on both sides.
SYMBOL = {Kind.VARIANT: "~", Kind.SUBSTITUTION: "≠", Kind.INSERTION: "+", Kind.DELETION: "−"}
NAME = {
    Kind.VARIANT: "variant",
    Kind.SUBSTITUTION: "substitution",
    Kind.INSERTION: "inserted",
    Kind.DELETION: "deleted",
}
STYLE = {
    Kind.VARIANT: "italic $text-warning on $warning 15%",
    Kind.SUBSTITUTION: "bold $foreground on #b04fc2 40%",  # magenta, as `contested compare`
    Kind.INSERTION: "bold underline $text-success on $success 15%",
    Kind.DELETION: "strike $text-error on $error 15%",
}
GUTTER = 3  # cells between the columns: " ~ "
MIN_COLUMN = 8  # the narrowest column: narrower, the lines are wider than the view
CURSOR = ".aligned-view--cursor"  # the current difference's lines
CHOSEN = ".aligned-view--chosen"  # the header of the side `enter` opens


@dataclass(frozen=True)
class Column:
    """One side of a comparison: what its header says and what `enter` opens. `where` is
    the citation of the paragraph (", ¶3", ", p. 2 ¶3"; "" when the quote was not found),
    `dispute` the dispute's id when the two sides come from different disputes, `note` what
    to say under the citation (a quote not found: its own words are compared)."""

    cited: Cited
    holder: str
    colour: str
    title: str
    where: str
    dispute: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Pair:
    """Two pieces of evidence aligned: `alignment.a` is the left's text, `.b` the right's."""

    left: Column
    right: Column
    alignment: Alignment


@dataclass(frozen=True)
class AlignedLaid:
    """A pair laid out for `asked` cells: the lines' `width` (wider when `asked` is too
    narrow for two columns), its lines, the columns' header lines [`top`, `head`), the lines
    [top, bottom) of each difference (in order) with its kind, the columns' width and the
    cell where the right column starts."""

    asked: int
    width: int
    lines: list[Content]
    top: int
    head: int
    differences: list[tuple[int, int, Kind]]
    column: int
    right: int


def legend(alignment: Alignment) -> Content:
    """Each kind's symbol (in its style), name and number of words: "~ variant 2 · …"."""
    counts = alignment.counts()
    parts: list[str | tuple[str, str]] = []
    for kind in (Kind.VARIANT, Kind.SUBSTITUTION, Kind.INSERTION, Kind.DELETION):
        if parts:
            parts.append(("  ", ""))
        parts += [(SYMBOL[kind], STYLE[kind]), " ", NAME[kind], (f" {counts.get(kind, 0)}", "dim")]
    same = counts.get(Kind.SAME, 0)
    parts.append((f"  · {plural(same, 'word')} the same", "dim"))
    return Content.assemble(*parts)


def difference_said(index: int, total: int, kind: Kind) -> str:
    """What the status line says of difference `index` (0-based) of `total`:
    "difference 2 of 12 · ~ variant"."""
    return f"difference {index + 1} of {total} · {SYMBOL[kind]} {NAME[kind]}"


def _header(column: Column) -> Content:
    parts: list[str | tuple[str, str]] = [
        (SIDE_MARK + " ", column.colour), (one_line(column.holder), on_colour(column.colour)),
        "\n", (one_line(column.title), "italic"), (one_line(column.where), "bold"),
    ]  # fmt: skip
    if column.note is not None:
        parts += ["\n", (one_line(column.note), "italic $text-warning")]
    if column.dispute is not None:
        parts += ["\n", ("in " + one_line(column.dispute), "dim")]
    return Content.assemble(*parts)


def _fit(line: Content, width: int) -> Content:
    if line.cell_length > width:
        return line.truncate(width)
    return line.pad_right(width - line.cell_length)


def _cells(text: str, style: str, width: int) -> list[Content]:
    """`text` (white space runs as one space) wrapped to `width`, each line `width` wide."""
    content = Content.styled(one_line(text), style) if text.strip() else Content("")
    return [_fit(line, width) for line in content.wrap(width)] if content.plain else []


def lay_out(pair: Pair, width: int, heading: Content | None = None) -> AlignedLaid:
    """`pair` laid out for `width` cells (see the module), under `heading` (wrapped to the
    width) if given. A line is one `Content` of 1 + column + GUTTER + column cells: the
    first cell is the cursor's bar."""
    column = max(MIN_COLUMN, (width - 1 - GUTTER) // 2)
    total = 1 + 2 * column + GUTTER
    blank = Content(" " * column)
    gap = Content(" " * GUTTER)

    def line(left: Content, middle: Content, right: Content) -> Content:
        return Content.assemble(" ", left, middle, right)

    lines = []
    if heading is not None:
        lines += [Content.assemble(" ", x) for x in heading.wrap(total - 1)]
        lines.append(Content(" " * total))
    top = len(lines)
    heads = [_fit(x, column) for x in _header(pair.left).wrap(column)]
    rights = [_fit(x, column) for x in _header(pair.right).wrap(column)]
    lines += [line(a or blank, gap, b or blank) for a, b in zip_longest(heads, rights)]
    head = len(lines)
    lines.append(Content(" " * total))
    lines += [Content.assemble(" ", x) for x in legend(pair.alignment).wrap(total - 1)]
    lines.append(Content.styled("─" * total, "dim"))
    alignment = pair.alignment
    differences: list[tuple[int, int, Kind]] = []
    for row in alignment.rows:
        style = "" if row.kind is Kind.SAME else STYLE[row.kind]
        left = _cells(alignment.a[row.a_start : row.a_end], style, column)
        right = _cells(alignment.b[row.b_start : row.b_end], style, column)
        if not left and not right:
            continue
        at = len(lines)
        mark = Content(" " * GUTTER)
        if row.kind is not Kind.SAME:
            mark = Content.assemble(" ", (SYMBOL[row.kind], STYLE[row.kind]), " ")
            differences.append((at, at + max(len(left), len(right)), row.kind))
        for number, (a, b) in enumerate(zip_longest(left, right)):
            lines.append(line(a or blank, mark if number == 0 else gap, b or blank))
    if not alignment.rows:
        lines.append(Content.styled(" Nothing to align: both quotes are empty.", "dim"))
    return AlignedLaid(width, total, lines, top, head, differences, column, 1 + column + GUTTER)


class AlignedView(ScrollView, can_focus=True):
    """A `Pair` aligned (see the module); `show` replaces it."""

    BINDINGS = [
        Binding("n", "difference(1)", "Next difference", id="compare.next"),
        Binding("N", "difference(-1)", "Previous difference", id="compare.previous"),
        Binding("enter", "open", "Open source", id="compare.open"),
        Binding("left,h", "side(0)", "Left side", show=False, id="compare.left"),
        Binding("right,l", "side(1)", "Right side", show=False, id="compare.right"),
        Binding("down,j", "scroll_down", "Down", show=False, id="compare.down-line"),
        Binding("up,k", "scroll_up", "Up", show=False, id="compare.up-line"),
        Binding("right_square_bracket", "pair(1)", "Next pair", id="compare.next-pair"),
        Binding("left_square_bracket", "pair(-1)", "Previous pair", id="compare.previous-pair"),
        Binding("c", "cards", "Cards", id="compare.cards"),
    ]
    COMPONENT_CLASSES = {"aligned-view--cursor", "aligned-view--chosen"}
    DEFAULT_CSS = """
    AlignedView#aligned { width: 1fr; padding: 0 1; display: none; }
    AlignedView > .aligned-view--cursor { background: $foreground 8%; color: $foreground; }
    AlignedView > .aligned-view--chosen { background: $boost; color: $foreground; }
    """

    class Moved(Message):
        """The current difference changed: `index` of `total` (0-based), its kind."""

        def __init__(self, view: AlignedView, index: int | None, total: int) -> None:
            self.view, self.index, self.total = view, index, total
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.pairs: list[Pair] = []
        self.pair = 0  # which of `pairs` is shown
        self.cursor: int | None = None  # the current difference (None: none chosen yet)
        self.side = 0  # the side `enter` opens: 0 left, 1 right
        self.heading: Content | None = None  # over the columns (a dispute's question)
        #: What `c` does (the main screen's variants dispute: its cards); None: nothing.
        self.to_cards: Callable[[], None] | None = None
        self._header_clicked: int | None = None  # the side whose header was last clicked
        #: Where `n`/`N` say which difference is current (`difference_said`) when no screen
        #: handles `Moved` (the main screen's status line); None: only `Moved` is posted.
        self.say: Callable[[str], None] | None = None
        self._laid: AlignedLaid | None = None
        self._strips: dict[tuple[int, bool, int, int], Strip] = {}
        self._strips_style: object = None

    # -- what is shown ------------------------------------------------------------------------

    @property
    def shown(self) -> Pair | None:
        return self.pairs[self.pair] if self.pairs else None

    def show(self, pairs: list[Pair], pair: int = 0, heading: Content | None = None) -> None:
        """Show `pairs[pair]` (stepped through with `[`/`]`) under `heading` (if any), at
        the top, no difference chosen yet, the left side chosen."""
        self.pairs, self.pair = pairs, min(max(pair, 0), max(len(pairs) - 1, 0))
        self.heading = heading
        self.cursor, self.side, self._header_clicked = None, 0, None
        self._invalidate()
        self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh_bindings()

    def _heading(self) -> Content | None:
        """`heading`, and which pair this is when there are several."""
        if len(self.pairs) < 2:
            return self.heading
        count = f"pair {self.pair + 1} of {len(self.pairs)} (]/[: next/previous)"
        said = Content.styled(count, "dim")
        return said if self.heading is None else Content.assemble(self.heading, "\n", said)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "pair":
            return len(self.pairs) > 1
        if action == "cards":
            return self.to_cards is not None
        return True

    @property
    def differences(self) -> list[tuple[int, int, Kind]]:
        return self._layout().differences if self.pairs else []

    def _invalidate(self) -> None:
        self._laid = None
        self._strips.clear()
        if self.size.width:
            self._layout()
        self.refresh()

    def _layout(self) -> AlignedLaid:
        width = self.scrollable_content_region.width
        if self._laid is None or self._laid.asked != width:
            pair = self.shown
            if pair is None:
                self._laid = AlignedLaid(width, width, [], 0, 0, [], 0, 0)
            else:
                self._laid = lay_out(pair, width, self._heading())
            self._strips.clear()
            self.virtual_size = Size(self._laid.width, len(self._laid.lines))
        return self._laid

    # -- keys ---------------------------------------------------------------------------------

    def action_difference(self, step: int) -> None:
        """The next (`step` 1) or previous (-1) difference, round the end."""
        differences = self.differences
        if not differences:
            self.notify("No differences: the two read the same.", timeout=2)
            return
        if self.cursor is None:
            at = 0 if step > 0 else len(differences) - 1
        else:
            at = (self.cursor + step) % len(differences)
        self._repaint_cursor()
        self.cursor = at
        self._repaint_cursor()
        top, bottom, _kind = differences[at]
        height = max(self.scrollable_content_region.height, 1)
        self.scroll_to_region(Region(0, top, 1, bottom - top), animate=False, immediate=True)
        if bottom <= height:  # near the top: the headers in sight too
            self.scroll_to(y=0, animate=False, immediate=True)
        self.post_message(self.Moved(self, at, len(differences)))
        if self.say is not None:
            self.say(difference_said(at, len(differences), differences[at][2]))

    def _repaint_cursor(self) -> None:
        if self.cursor is not None and self._laid is not None:
            top, bottom, _kind = self._laid.differences[self.cursor]
            self.refresh_lines(top, bottom - top)

    def action_side(self, side: int) -> None:
        if side == self.side:
            if side == 0:
                raise SkipAction()  # left of the left side: the screen's (back to the list)
            return
        self._choose(side)

    def _choose(self, side: int) -> None:
        self.side, self._header_clicked = side, None
        if self._laid is not None:
            self.refresh_lines(self._laid.top, self._laid.head - self._laid.top)

    def on_click(self, event: Click) -> None:
        """A click on a column chooses its side (as `←`/`→`); on a side's header, chooses
        it, and a second click there opens its source (as `enter`)."""
        laid, at = self._laid, event.get_content_offset(self)
        if laid is None or at is None or self.shown is None:
            return
        x, y = at.x + self.scroll_offset.x, at.y + self.scroll_offset.y
        if not laid.top <= y < len(laid.lines):
            return
        side = 0 if x < laid.right - GUTTER else 1 if x >= laid.right else None
        if side is None:  # the gutter between the columns
            return
        if not laid.top <= y < laid.head:
            self._choose(side)
        elif self._header_clicked == side:
            self._header_clicked = None
            self.action_open()
        else:
            self._choose(side)
            self._header_clicked = side

    def action_open(self) -> None:
        pair = self.shown
        if pair is not None:
            from tui.widgets.dispute_view import DisputeView

            self.post_message(DisputeView.Open((pair.left, pair.right)[self.side].cited))

    def action_pair(self, step: int) -> None:
        if len(self.pairs) > 1:
            self.show(self.pairs, (self.pair + step) % len(self.pairs), self.heading)

    def action_cards(self) -> None:
        if self.to_cards is not None:
            self.to_cards()

    def watch_has_focus(self, has_focus: bool) -> None:
        super().watch_has_focus(has_focus)
        if self._laid is not None:  # the chosen side shows only with focus
            self.refresh_lines(self._laid.top, self._laid.head - self._laid.top)

    # -- drawing ------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        laid = self._layout()
        index = y + self.scroll_offset.y
        if not 0 <= index < len(laid.lines):
            return Strip.blank(width, self.rich_style)
        base = self.visual_style
        if base is not self._strips_style:  # the theme or the styles changed
            self._strips.clear()
            self._strips_style = base
        cursor = self.cursor
        current = cursor is not None and cursor < len(laid.differences)
        top, bottom, _ = laid.differences[cursor] if cursor is not None and current else (0, 0, 0)
        on_cursor = top <= index < bottom
        chosen = self.side if laid.top <= index < laid.head and self.has_focus else -1
        key = (index, on_cursor, chosen, self.scroll_offset.x)
        strip = self._strips.get(key)
        if strip is None:
            line = laid.lines[index]
            if on_cursor:
                line = Content.styled("▌", "$accent") + line[1:]
                line = line.stylize_before(CURSOR)
            if chosen >= 0:  # a bar before the chosen side's header, which is raised
                start = 1 if chosen == 0 else laid.right
                line = line.stylize_before(CHOSEN, start, start + laid.column)
                bar = Content.styled("▌", "$accent")
                line = line[: start - 1] + bar + line[start:]
            strip = content_strip(self, line, max(width, laid.width), base)
            strip = strip.crop(self.scroll_offset.x, self.scroll_offset.x + width)
            self._strips[key] = strip
        return strip
