"""Where the columns of two sources side by side stand (`tui.screens.side_by_side`): the
paragraph `=` matches from (`current_paragraph`), the paragraphs it may go to (`matches`),
and scrolling a column at once to a row (`put_at_row`) or a line (`put_at_line`), its
layout laid out far enough first. Rows and lines are 0-based, paragraphs 1-based."""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable

from claims.model import Anchor, Casebook, Dispute
from tui.session import Citation
from tui.widgets.document_view import DocumentView


def current_paragraph(view: DocumentView, cited_numbers: list[int]) -> int | None:
    """The paragraph `=` matches from (1-based), of the cited ones (`cited_numbers`, in
    order): the view's cursor (the cited paragraph it was opened at or gone to with `n`/`N`,
    a click or an earlier `=`) if any of its lines is in sight; else the first cited
    paragraph with a line in sight; else the cited paragraph nearest the view's top line
    (the earlier on a tie). None if no paragraph is cited."""
    if not cited_numbers:
        return None
    layout = view._layout
    if layout is None:
        return view.cursor if view.cursor in cited_numbers else cited_numbers[0]
    top = int(view.scroll_y)
    bottom = top + view.scrollable_content_region.height  # exclusive
    layout.reach_line(bottom)

    def lines(number: int) -> range:
        layout.reach(number)
        start = layout.tops.get(number, 0)
        return range(start, start + layout.heights.get(number, 0))

    def in_sight(number: int) -> bool:
        rows = lines(number)
        return rows.start < bottom and rows.stop > top

    if view.cursor in cited_numbers and in_sight(view.cursor):
        return view.cursor
    y = top
    while y < len(layout.lines) - 1 and layout.lines[y][0] == 0:  # between paragraphs
        y += 1
    first_in_sight = layout.lines[y][0] if y < len(layout.lines) else cited_numbers[-1]
    at = bisect_left(cited_numbers, first_in_sight)
    for number in cited_numbers[at:]:
        if lines(number).start >= bottom:
            break
        if in_sight(number):
            return number

    def distance(number: int) -> int:
        rows = lines(number)
        return rows.start - top if rows.start >= top else top - (rows.stop - 1)

    near = cited_numbers[max(at - 1, 0) : at + 1]  # the cited paragraphs either side of the top
    return min(near, key=lambda n: (distance(n), n))


def in_sight(view: DocumentView, number: int) -> bool:
    """Whether a line of paragraph `number` (1-based) is on `view` now (False before its
    layout)."""
    top, height = view.paragraph_top(number), paragraph_height(view, number)
    y = int(view.scroll_y)
    return height > 0 and top < y + view.scrollable_content_region.height and top + height > y


def paragraph_height(view: DocumentView, number: int) -> int:
    """How many lines paragraph `number` takes on `view` (0 before its layout)."""
    view.paragraph_top(number)  # laid out as far as that
    return view._layout.heights.get(number, 0) if view._layout is not None else 0


def put_at_row(view: DocumentView, number: int, row: int) -> int:
    """Scroll `view` at once so that paragraph `number` starts `row` lines below its top
    line (0-based; kept within the view, so the paragraph is in sight; as far as the
    document's length allows). Returns the row it starts on now."""
    top, height = view.paragraph_top(number), view.scrollable_content_region.height
    y = max(0, top - min(max(0, row), max(0, height - 1)))
    view.scroll_to(y=y, animate=False, force=True, immediate=True)
    return top - int(view.scroll_y)


def matches(disputes: list[str], by_paragraph: dict[int, list[Citation]]) -> list[tuple[int, str]]:
    """The paragraphs (1-based) of a source citing any of `disputes`, with the dispute
    matched: for each dispute in the order given, its paragraphs in order, each paragraph
    listed once (with the first dispute it matched)."""
    citing: dict[str, list[int]] = defaultdict(list)
    for number in sorted(by_paragraph):
        for dispute in dict.fromkeys(c.dispute.id for c in by_paragraph[number]):
            citing[dispute].append(number)
    out: dict[int, str] = {}
    for dispute in disputes:
        for number in citing.get(dispute, []):
            out.setdefault(number, dispute)
    return list(out.items())


def put_at_line(view: DocumentView, y: int) -> None:
    """Scroll `view` so that its line `y` (0-based) is its top line, as far as the
    document's length allows: at once, and again after the next refresh (after the scrolls
    that showing a document and going to a paragraph leave for then, which would else win).
    The layout is first laid out a screenful past `y`: a view shown anew is laid out only
    as far as the paragraph it was opened at, and a scroll past that would stop at its end
    (the right column losing its place on a reload, session 22's F3)."""

    def scroll() -> None:
        layout = view._layout
        height = view.scrollable_content_region.height
        if layout is not None and len(layout.lines) <= y + height:
            view._reach_line(y + height)
        view.scroll_to(y=max(0, y), animate=False, force=True, immediate=True)

    scroll()
    view.call_after_refresh(scroll)


def unplaced(
    anchors: Callable[[Dispute], list[Anchor]],
    casebook: Casebook,
    disputes: list[str],
    source_id: str,
) -> tuple[str, Anchor] | None:
    """The first of `disputes` (ids, in the order given) whose evidence quotes `source_id`
    but whose quote was not placed there (ambiguous: `Anchor.candidates` lists its
    paragraphs; or not found), with that quote's anchor (from `anchors`, a session's);
    None if no such quote. An ambiguous quote is preferred over one not found."""
    by_id = {d.id: d for d in casebook.disputes}
    missed: list[tuple[str, Anchor]] = []
    for dispute_id in disputes:
        dispute = by_id.get(dispute_id)
        if dispute is None:
            continue
        missed += [(dispute_id, a) for a in anchors(dispute) if a.source == source_id
                   and not a.found]  # fmt: skip
    ambiguous = [m for m in missed if m[1].candidates]
    chosen = ambiguous or missed
    return chosen[0] if chosen else None
