"""A dispute laid out to a width: the lines to draw, and where each evidence card is.

Pure layout, no widget: the question, then one column per position (side, holder and
claim, then a card per quote), side by side when each column gets at least MIN_COLUMN
cells, else one under the other. Every line comes out exactly `width` cells wide, so the
view only has to render it. Styles starting with a dot are the view's component classes.
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
    """Where a card is drawn: lines [top, bottom), cells [left, right)."""

    top: int
    bottom: int
    left: int
    right: int

    def holds(self, x: int, y: int) -> bool:
        return self.top <= y < self.bottom and self.left <= x < self.right


@dataclass(frozen=True)
class Laid:
    """A dispute laid out for `width` (lines are never narrower than a card can be): its
    lines and, in reading order, its cards' boxes and columns (for left/right)."""

    width: int
    lines: list[Content]
    boxes: list[CardBox]
    columns: list[int]


def stacked(width: int, columns: int) -> bool:
    return width < MIN_COLUMN * max(columns, 1)


def lay_out(heading: Content, plans: list[ColumnPlan], width: int, cursor: int | None) -> Laid:
    """Lay out a dispute; the card at index `cursor` (if any) is drawn as focused."""
    asked, width = width, max(width, MIN_TEXT + 4)
    lines = [line.pad_right(width - line.cell_length) for line in heading.wrap(width)]
    if plans:
        lines.append(Content(" " * width))
    boxes: list[CardBox] = []
    columns: list[int] = []
    if not plans:
        pass
    elif stacked(width, len(plans)):
        for index, plan in enumerate(plans):
            column, column_boxes = _column(plan, width, len(boxes), cursor)
            boxes += [_moved(box, len(lines), 0) for box in column_boxes]
            columns += [index] * len(column_boxes)
            lines += column
    else:
        count = len(plans)
        base, extra = divmod(width - GAP * (count - 1), count)
        built, left = [], 0
        for index, plan in enumerate(plans):
            inner = base + (index < extra)
            column, column_boxes = _column(plan, inner, len(boxes), cursor)
            boxes += [_moved(box, len(lines), left) for box in column_boxes]
            columns += [index] * len(column_boxes)
            built.append((column, inner))
            left += inner + GAP
        gap = Content(" " * GAP)
        for row in zip_longest(*(column for column, _ in built)):
            parts = [
                line if line is not None else Content(" " * inner)
                for line, (_, inner) in zip(row, built, strict=True)
            ]
            lines.append(gap.join(parts))
    return Laid(asked, lines, boxes, columns)


def _moved(box: CardBox, down: int, right: int) -> CardBox:
    return CardBox(box.top + down, box.bottom + down, box.left + right, box.right + right)


def _column(
    plan: ColumnPlan, width: int, first: int, cursor: int | None
) -> tuple[list[Content], list[CardBox]]:
    """One position's lines at `width`; its cards are numbered from `first`."""
    lines = [_fit(line, width) for line in plan.head.wrap(width)]
    lines.append(_blank(width))
    boxes = []
    for offset, card in enumerate(plan.cards):
        top = len(lines)
        lines += _card(card, width, first + offset == cursor)
        boxes.append(CardBox(top, len(lines), 0, width))
        lines.append(_blank(width))
    if not plan.cards:
        lines += [_fit(Content.styled("No evidence cited.", EMPTY), width), _blank(width)]
    return lines, boxes


def _card(card: CardPlan, width: int, focused: bool) -> list[Content]:
    """A card: a bar in the side's colour (a red box if the quote is missing), the text
    with a cell of padding each side, and the right edge marking focus or drift."""
    text_width = max(MIN_TEXT, width - 4)
    body = [_fit(line, text_width) for line in card.body.wrap(text_width)]
    if card.kind == "missing":
        rule = "─" * (text_width + 2)
        edge = ("│", "$error")
        lines = [Content.styled(f"╭{rule}╮", "$error")]
        lines += [Content.assemble(edge, " ", line, " ", edge) for line in body]
        lines.append(Content.styled(f"╰{rule}╯", "$error"))
        if focused:
            lines = [line.stylize_before(FOCUS) for line in lines]
        return lines
    left = ("▌", card.colour)
    if focused:
        right: tuple[str, str] = ("▐", FOCUS_BAR)
    elif card.kind == "drifted":
        right = ("╎", "$warning")
    else:
        right = (" ", "")
    lines = [Content.assemble(left, " ", line, " ", right) for line in body]
    return [line.stylize_before(FOCUS) for line in lines] if focused else lines


def _fit(line: Content, width: int) -> Content:
    """`line` padded (or cut) to exactly `width` cells."""
    if line.cell_length > width:
        return line.truncate(width)
    return line.pad_right(width - line.cell_length)


def _blank(width: int) -> Content:
    return Content(" " * width)
