"""A dispute laid out to a width: the lines to draw, and where each evidence card is.

Pure layout, no widget: the question, then one column per position (side, holder and
claim, then a card per quote), laid out in a grid (`grid_shape`): as many positions side
by side as the width gives each at least MIN_COLUMN cells, the rows of the grid balanced
(four positions that do not fit in one row make 2×2, not 3 and 1), and one position under
the other only when two do not fit. A line is a row of parts, one per column of its grid
row (one part for the question, for the blank line between grid rows, or when stacked),
each exactly as wide as its column. The focused card is
not laid out: the view restyles that card's part of its lines as it draws them
(`focused`), so moving the cursor or the focus lays nothing out again. Styles starting
with a dot are the view's component classes.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import zip_longest

from textual.content import Content

from claims import Anchor

MIN_COLUMN = 30  # narrower than this, positions stack
GAP = 1  # cells between two columns
MIN_TEXT = 4  # the narrowest text in a card, so that wrapping always makes progress

FOCUS = ".dispute-view--focus"  # the cursor card's background, while the view has focus
FOCUS_BAR = ".dispute-view--bar"  # the bar on the cursor card's right edge
EMPTY = ".dispute-view--empty"  # "No evidence cited."


@dataclass(frozen=True)
class Cited:
    """What an evidence card points at."""

    dispute: str
    position: int
    evidence: int
    source: str
    anchor: Anchor | None


@dataclass(frozen=True)
class CardPlan:
    """What one evidence card shows: `kind` is "", "drifted" or "missing"."""

    body: Content
    cited: Cited
    kind: str
    colour: str


@dataclass(frozen=True)
class ColumnPlan:
    """What one position's column shows."""

    head: Content
    cards: list[CardPlan]


@dataclass(frozen=True)
class CardBox:
    """Where a card is drawn: lines [top, bottom), cells [left, right); which part of
    those lines it is, and whether it is a missing quote's box."""

    top: int
    bottom: int
    left: int
    right: int
    part: int = 0
    missing: bool = False

    def holds(self, x: int, y: int) -> bool:
        return self.top <= y < self.bottom and self.left <= x < self.right


@dataclass(frozen=True)
class Laid:
    """A dispute laid out for `width` (lines are never narrower than a card can be): its
    lines and, in reading order, its cards' boxes and columns (for left/right)."""

    width: int
    lines: list[tuple[Content, ...]]
    boxes: list[CardBox]
    columns: list[int]


def grid_shape(width: int, count: int) -> int:
    """How many of `count` positions go side by side in each row of the grid at `width`
    cells: the most that give each column at least MIN_COLUMN cells (gaps included), then
    as few as keep the same number of rows (so the rows are balanced: 4 in rows of 3
    would be 3 and 1, so they go 2 and 2). 1 means stacked; always between 1 and `count`
    (1 when `count` is 0)."""
    if count <= 1:
        return 1
    fit = max(1, min(count, (width + GAP) // (MIN_COLUMN + GAP)))
    rows = -(-count // fit)
    return -(-count // rows)


def stacked(width: int, columns: int) -> bool:
    """Whether `columns` positions are laid out one under the other at `width`."""
    return grid_shape(width, columns) == 1


def lay_out(heading: Content, plans: list[ColumnPlan], width: int) -> Laid:
    """Lay out a dispute at `width`."""
    asked, width = width, max(width, MIN_TEXT + 4)
    lines: list[tuple[Content, ...]] = [(_fit(line, width),) for line in heading.wrap(width)]
    if plans:
        lines.append((_blank(width),))
    boxes: list[CardBox] = []
    columns: list[int] = []
    if not plans:
        pass
    elif stacked(width, len(plans)):
        for index, plan in enumerate(plans):
            column, column_boxes = _column(plan, width)
            boxes += [_moved(box, len(lines), 0, 0) for box in column_boxes]
            columns += [index] * len(column_boxes)
            lines += [(line,) for line in column]
    else:
        across = grid_shape(width, len(plans))
        base, extra = divmod(width - GAP * (across - 1), across)
        inners = [base + (index < extra) for index in range(across)]
        for first in range(0, len(plans), across):  # a row of the grid (each column ends
            built, left = [], 0  # in a blank line, parting the rows)
            for part, plan in enumerate(plans[first : first + across]):
                inner = inners[part]
                column, column_boxes = _column(plan, inner)
                boxes += [_moved(box, len(lines), left, part) for box in column_boxes]
                columns += [first + part] * len(column_boxes)
                built.append(column)
                left += inner + GAP
            for row in zip_longest(*built):
                lines.append(
                    tuple(
                        line if line is not None else _blank(inners[part])
                        for part, line in enumerate(row)
                    )
                    + tuple(_blank(inner) for inner in inners[len(row) :])
                )
    return Laid(asked, lines, boxes, columns)


def focused(part: Content, box: CardBox) -> Content:
    """A card's part of a line, drawn as the focused card: raised, with a bar on its
    right edge (a missing quote's box keeps its red edge)."""
    if not box.missing:
        part = part[:-1] + Content.styled("▐", FOCUS_BAR)
    return part.stylize_before(FOCUS)


def _moved(box: CardBox, down: int, right: int, part: int) -> CardBox:
    return CardBox(
        box.top + down, box.bottom + down, box.left + right, box.right + right, part, box.missing
    )


def _column(plan: ColumnPlan, width: int) -> tuple[list[Content], list[CardBox]]:
    """One position's lines at `width`, and where its cards are in them."""
    lines = [_fit(line, width) for line in plan.head.wrap(width)]
    lines.append(_blank(width))
    boxes = []
    for card in plan.cards:
        top = len(lines)
        lines += _card(card, width)
        boxes.append(CardBox(top, len(lines), 0, width, missing=card.kind == "missing"))
        lines.append(_blank(width))
    if not plan.cards:
        lines += [_fit(Content.styled("No evidence cited.", EMPTY), width), _blank(width)]
    return lines, boxes


def _card(card: CardPlan, width: int) -> list[Content]:
    """A card: a bar in the side's colour (a red box if the quote is missing), the text
    with a cell of padding each side, and a right edge that marks drift."""
    text_width = max(MIN_TEXT, width - 4)
    body = [_fit(line, text_width) for line in card.body.wrap(text_width)]
    if card.kind == "missing":
        rule = "─" * (text_width + 2)
        edge = ("│", "$error")
        lines = [Content.styled(f"╭{rule}╮", "$error")]
        lines += [Content.assemble(edge, " ", line, " ", edge) for line in body]
        lines.append(Content.styled(f"╰{rule}╯", "$error"))
        return lines
    right = ("╎", "$warning") if card.kind == "drifted" else (" ", "")
    return [Content.assemble(("▌", card.colour), " ", line, " ", right) for line in body]


def _fit(line: Content, width: int) -> Content:
    """`line` padded (or cut) to exactly `width` cells."""
    if line.cell_length > width:
        return line.truncate(width)
    return line.pad_right(width - line.cell_length)


def _blank(width: int) -> Content:
    return Content(" " * width)
