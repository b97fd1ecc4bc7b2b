"""A dispute laid out to a width: the lines to draw, and where each evidence card is.

Pure layout, no widget: the question, then one column per position (side, holder and
claim, then a card per quote), side by side when each column gets at least MIN_COLUMN
cells, else one under the other. A line is a row of parts, one per column (one part for
the question, or when stacked), each exactly as wide as its column. The focused card is
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


def stacked(width: int, columns: int) -> bool:
    return width < MIN_COLUMN * max(columns, 1)


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
        count = len(plans)
        base, extra = divmod(width - GAP * (count - 1), count)
        built, left = [], 0
        for index, plan in enumerate(plans):
            inner = base + (index < extra)
            column, column_boxes = _column(plan, inner)
            boxes += [_moved(box, len(lines), left, index) for box in column_boxes]
            columns += [index] * len(column_boxes)
            built.append((column, _blank(inner)))
            left += inner + GAP
        for row in zip_longest(*(column for column, _ in built)):
            lines.append(
                tuple(
                    line if line is not None else blank
                    for line, (_, blank) in zip(row, built, strict=True)
                )
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
