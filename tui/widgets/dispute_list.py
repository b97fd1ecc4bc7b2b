"""The list of disputes: fixed-height rows drawn line by line, so 5,000 cost what 20 do.

A Line-API widget (`ScrollView.render_line`): only the visible rows are ever rendered,
and filling or filtering the list just swaps a Python list. Each row is the question
and a dim line of positions and tags. Every row of a list is as tall as every other: the
questions get as many lines (up to MAX_QUESTION_LINES) as the list's longest question
(or QUESTION_CELLS, if shorter) takes at the list's width, are cut with an ellipsis past
them, and their wrapped lines hang under their text, not under their mark.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.binding import Binding
from textual.content import Content
from textual.events import Click, Resize
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style

from claims import Dispute
from claims.status import State
from tui.render import dispute_row
from tui.widgets.strips import content_strip

QUESTION_CELLS = 100  # questions are given lines enough to show up to this many cells
MAX_QUESTION_LINES = 3


class DisputeList(ScrollView, can_focus=True):
    """Disputes in casebook order (or filtered); moving the cursor announces the dispute."""

    BINDINGS = [
        Binding("down,j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("up,k", "cursor_up", "Up", show=False, id="list.up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="list.page_down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="list.page_up"),
        Binding("home", "jump(0)", "First", show=False, id="list.first"),
        Binding("end", "jump(-1)", "Last", show=False, id="list.last"),
        Binding("enter,right,l", "choose", "Evidence", show=False, id="list.choose"),
    ]
    COMPONENT_CLASSES = {"dispute-list--cursor", "dispute-list--meta"}

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    class Highlighted(Message):
        """The cursor is on a dispute (None: the list is empty)."""

        def __init__(self, dispute_id: str | None) -> None:
            self.dispute_id = dispute_id
            super().__init__()

    class Chosen(Message):
        """The user pressed enter on a dispute: go to its evidence."""

        def __init__(self, dispute_id: str) -> None:
            self.dispute_id = dispute_id
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[Dispute] = []
        self.states: dict[str, State] | None = None
        self._index: dict[str, int] = {}
        self._strips: dict[tuple[int, bool], list[Strip]] = {}
        self._announced: str | None = None
        self._longest = 0  # characters in the longest question listed
        #: A dispute's review mark, before its meta line (`tui.review_actions.Desk.mark`).
        self.review_mark: Callable[[Dispute], Content | None] = lambda dispute: None

    # -- contents ---------------------------------------------------------------------------

    def fill(
        self, disputes: list[Dispute], states: dict[str, State] | None, keep: str | None = None
    ) -> None:
        """Show `disputes`, the cursor on the dispute `keep` names if it is listed, else on
        the same dispute as before if it is still listed, else on the first.

        `states` gives each dispute's state after the check (`claims.status`; None: not
        checked yet), which its mark shows: ✗ errors, ≈ drift, ◐ one-sided.
        """
        before = self.highlighted_id
        self.rows = disputes
        self.states = states
        self._index = {d.id: i for i, d in enumerate(disputes)}
        self._longest = max((len(d.question) for d in disputes), default=0)
        self._strips.clear()
        self._resize_virtual()
        self.cursor = self._index.get(keep or "", self._index.get(before or "", 0))

    def clear(self) -> None:
        self.fill([], None)

    def remark(self, dispute_id: str | None = None) -> None:
        """Draw a dispute's row again (None: every row): its review mark changed."""
        row = self._index.get(dispute_id) if dispute_id is not None else None
        if dispute_id is not None and row is None:
            return  # not listed
        if row is None:
            self._strips.clear()
            self.refresh()
            return
        self._strips.pop((row, True), None)
        self._strips.pop((row, False), None)
        self.refresh_lines(row * self.row_height, self.row_height)

    def select(self, dispute_id: str | None) -> None:
        """Put the cursor on the dispute with this id if it is listed, else on the first."""
        self.cursor = self._index.get(dispute_id, 0) if dispute_id else 0

    @property
    def highlighted_id(self) -> str | None:
        if 0 <= self.cursor < len(self.rows):
            return self.rows[self.cursor].id
        return None

    @property
    def option_count(self) -> int:
        return len(self.rows)

    @property
    def highlighted(self) -> int:
        return self.cursor

    @highlighted.setter
    def highlighted(self, index: int) -> None:
        self.cursor = index

    # -- movement ---------------------------------------------------------------------------

    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, len(self.rows) - 1))

    def watch_cursor(self, old: int, new: int) -> None:
        for row in {old, new}:
            self._strips.pop((row, True), None)
            self._strips.pop((row, False), None)
        before = self.scroll_offset
        self._cursor_in_view()
        rows = [] if self.scroll_offset != before else sorted({old, new})
        dispute_id = self.highlighted_id
        if dispute_id == self._announced:
            self._repaint(rows)
            return
        self._announced = dispute_id
        # The screen shows the dispute, then the list repaints, in one turn of the screen's
        # queue: so the new cursor and the new dispute reach the terminal in the same frame.
        # (Bubbling up through the containers, or repainting first, lets a frame with only
        # the list's half of the change slip in between.)
        self.screen.post_message(self.Highlighted(dispute_id))
        self.screen.call_next(self._repaint, rows)

    def _repaint(self, rows: list[int]) -> None:
        """Repaint these rows (all of the list if none are named)."""
        if not rows:
            self.refresh()
        for row in rows:
            self.refresh_lines(row * self.row_height, self.row_height)

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_page(self, direction: int) -> None:
        self.cursor += direction * max(1, self.size.height // self.row_height - 1)

    def action_jump(self, index: int) -> None:
        self.cursor = index if index >= 0 else len(self.rows) - 1

    def action_choose(self) -> None:
        if self.highlighted_id is not None:
            self.post_message(self.Chosen(self.highlighted_id))

    def on_click(self, event: Click) -> None:
        row = (event.y + int(self.scroll_offset.y)) // self.row_height
        if 0 <= row < len(self.rows):
            self.cursor = row
        self.focus()

    # -- drawing ----------------------------------------------------------------------------

    @property
    def row_height(self) -> int:
        """Lines per row: the question's (see QUESTION_CELLS) and the meta line."""
        return question_lines(self.scrollable_content_region.width, self._longest) + 1

    def _resize_virtual(self) -> None:
        # As wide as the text, not the widget: no horizontal scrollbar under the rows.
        self.virtual_size = Size(0, len(self.rows) * self.row_height)

    def on_resize(self, event: Resize) -> None:
        self._strips.clear()
        self._resize_virtual()
        # shorter (the problems panel opened, the window shrank): the current row stays in view
        self.call_after_refresh(self._cursor_in_view)

    def _cursor_in_view(self) -> None:
        height = self.row_height
        region = Region(0, self.cursor * height, max(self.size.width, 1), height)
        self.scroll_to_region(region, animate=False, force=True)

    def on_focus(self) -> None:
        self._strips.clear()
        self.refresh()

    def on_blur(self) -> None:
        self._strips.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()  # the theme changed: rows drawn in the old colours are stale

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = y + int(self.scroll_offset.y)
        row, part = divmod(line, self.row_height)
        if not 0 <= row < len(self.rows) or width <= 0:
            return Strip.blank(width, self.rich_style)
        return self._row(row, width)[part]

    def _row(self, row: int, width: int) -> list[Strip]:
        selected = row == self.cursor
        strips = self._strips.get((row, selected))
        if strips is not None and strips[0].cell_length == width:
            return strips
        dispute = self.rows[row]
        state = None if self.states is None else self.states.get(dispute.id, State.OK)
        title, meta = dispute_row(dispute, state)
        mark = self.review_mark(dispute)
        if mark is not None:  # "  ✓ reviewed · 3 positions, 2 sides"
            meta = Content.assemble("  ", mark, (" ·", "dim"), meta[1:])
        lines = hanging(title, len(title.plain) - len(dispute.question), width,
                        self.row_height - 1)  # fmt: skip
        lines.append(meta.truncate(width, ellipsis=True))
        base = self.visual_style
        if selected:
            base += Style.from_styles(self.get_component_styles("dispute-list--cursor"))
        strips = [content_strip(self, line, width, base) for line in lines]
        self._strips[(row, selected)] = strips
        return strips


def question_lines(width: int, longest: int = QUESTION_CELLS) -> int:
    """How many lines a row gives its question at `width` cells, when the longest
    question listed is `longest` characters: enough for that many (QUESTION_CELLS at
    most), at least 1, at most MAX_QUESTION_LINES."""
    text = max(width - 2, 1)  # less the mark
    return max(1, min(MAX_QUESTION_LINES, -(-min(longest, QUESTION_CELLS) // text)))


def hanging(title: Content, indent: int, width: int, count: int) -> list[Content]:
    """`title` (a mark of `indent` characters, then text) as exactly `count` lines of at
    most `width` cells: the text wrapped beside the mark, its later lines indented by
    `indent` so they hang under the text; the last line ends in "…" if text is left over."""
    indent = max(0, min(indent, width - 4, len(title.plain)))
    mark, text = title[:indent], title[indent:]
    wrapped = text.wrap(max(width - indent, 1))
    lines = [(mark if i == 0 else Content(" " * indent)) + line for i, line in enumerate(wrapped)]
    if len(lines) > count:
        lines = lines[:count]
        lines[-1] = lines[-1].truncate(width - 1).append("…")
    while len(lines) < count:
        lines.append(Content(""))
    return lines
