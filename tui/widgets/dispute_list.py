"""The list of disputes: fixed-height rows drawn line by line, so 5,000 cost what 20 do.

A Line-API widget (`ScrollView.render_line`): only the visible rows are ever rendered,
and filling or filtering the list just swaps a Python list. Each row is the question
(wrapped to one or two lines, cut with an ellipsis) and a dim line of positions and tags.
"""

from __future__ import annotations

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
from tui.render import dispute_row
from tui.widgets.strips import content_strip

NARROW = 60  # below this width a row gives the question two lines


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
        self.problems: dict[str, int] | None = None
        self._index: dict[str, int] = {}
        self._strips: dict[tuple[int, bool], list[Strip]] = {}
        self._announced: str | None = None

    # -- contents ---------------------------------------------------------------------------

    def fill(self, disputes: list[Dispute], problems: dict[str, int] | None) -> None:
        """Show `disputes`, keeping the cursor on the same dispute if it is still listed.

        `problems` counts each dispute's anchoring problems (None: not checked yet).
        """
        keep = self.highlighted_id
        self.rows = disputes
        self.problems = problems
        self._index = {d.id: i for i, d in enumerate(disputes)}
        self._strips.clear()
        self._resize_virtual()
        self.cursor = self._index.get(keep, 0) if keep else 0

    def clear(self) -> None:
        self.fill([], None)

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
        height = self.row_height
        before = self.scroll_offset
        self.scroll_to_region(
            Region(0, new * height, max(self.size.width, 1), height), animate=False, force=True
        )
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
        return 3 if self.size.width < NARROW else 2

    def _resize_virtual(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.rows) * self.row_height)

    def on_resize(self, event: Resize) -> None:
        self._strips.clear()
        self._resize_virtual()

    def on_focus(self) -> None:
        self._strips.clear()
        self.refresh()

    def on_blur(self) -> None:
        self._strips.clear()
        self.refresh()

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
        count = None if self.problems is None else self.problems.get(dispute.id, 0)
        title, meta = dispute_row(dispute, count)
        lines = title.wrap(width)
        lines = lines[: self.row_height - 1]
        if len(title.wrap(width)) > len(lines):
            lines[-1] = lines[-1].truncate(width - 1).append("…")
        while len(lines) < self.row_height - 1:
            lines.append(Content(""))
        lines.append(meta.truncate(width, ellipsis=True))
        base = self.visual_style
        if selected:
            base += Style.from_styles(self.get_component_styles("dispute-list--cursor"))
        strips = [content_strip(self, line, width, base) for line in lines]
        self._strips[(row, selected)] = strips
        return strips
