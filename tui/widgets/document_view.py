"""A whole source document, drawn line by line: numbered paragraphs, cited ones marked.

A Line-API widget (`ScrollView.render_line`): the paragraphs are wrapped once per width
(a gutter with the ¶ number and citation marks on each paragraph's first line, a blank
line between paragraphs) and only the visible lines are ever rendered, so opening a
long source costs what opening a short one does. The cursor is a cited paragraph: it is
drawn on a raised background with an accent bar, `n`/`N` move it, `enter` announces it.
Opened at a place (a quote, or the closest text to one), the view scrolls to the place's
own wrapped line, a few lines below the top, and marks its lines in the bar column. Given
several places (an ambiguous quote's), `n`/`N` step through them instead. Text can be
selected with the mouse (the gutter is left out); a paragraph's wrapped lines are copied
as one line.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from textual.binding import Binding
from textual.content import Content
from textual.events import Click
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip
from textual.style import Style

from claims.model import Span
from claims.text import BREAK
from tui.widgets.selectable import SelectableLines

GUTTER = 10  # cells for "¶N" and the marks, with a space before the text (wider if needed)
BAR = "▌"  # drawn left of the gutter on the cursor paragraph's lines
MARK = "█"  # drawn there instead on the lines of the place gone to (a quote, say)
CONTEXT_LINES = 3  # lines shown above a place in a paragraph too tall to show whole
MIN_TEXT = 2  # the narrowest text column, so that wrapping always makes progress
GUTTER_STYLE = ".document-view--gutter"  # the gutter column's colour, from the stylesheet
# For the passages (theme variables: a component class's background is lost in a span):
PLACE_STYLE = "bold underline $text on $warning"  # the places an ambiguous quote stands in
CLOSEST_STYLE = "italic underline $text on $error 50%"  # the text closest to a quote not found


@dataclass(frozen=True)
class Passage:
    """One paragraph as the view shows it: its number, its gutter and its text; `note`
    (e.g. who cites it) is drawn on lines of its own under the text, and never copied."""

    number: int
    gutter: Content
    body: Content
    cited: bool
    note: Content | None = None
    #: A line of its own above the paragraph, cut to the text's width and never copied
    #: (a PDF's page boundary), and a second gutter line (its printed page): `tui.pages`.
    rule: Content | None = None
    gutter_below: Content | None = None


class Layout:
    """The document wrapped to one width, paragraph by paragraph, as far as asked.

    A line is (paragraph number, or 0 for the blank line between paragraphs; gutter; text).
    Each paragraph's gutter is on its first line; the text is wrapped to what is left.
    """

    def __init__(self, passages: list[Passage], width: int, gutter: int) -> None:
        self.width = width
        self.lines: list[tuple[int, Content, Content]] = []
        self.tops: dict[int, int] = {}
        self.heights: dict[int, int] = {}
        self.notes: set[int] = set()  # the lines of the passages' notes: shown, never copied
        self._bodies: dict[int, str] = {}
        self._passages = passages
        self._done = 0
        self._gutter = gutter
        self._indent = Content.styled(" " * gutter, GUTTER_STYLE)
        self._text_width = max(MIN_TEXT, width - len(BAR) - gutter)

    @property
    def complete(self) -> bool:
        return self._done == len(self._passages)

    def reach(self, number: int, then: int = 0) -> None:
        """Lay out paragraphs up to `number`, then at least `then` more lines."""
        while not self.complete and (number not in self.tops or self._after(number) < then):
            self._add(self._passages[self._done])

    def reach_line(self, line: int) -> None:
        """Lay out paragraphs until line `line` is laid out (or none are left)."""
        while not self.complete and len(self.lines) <= line:
            self._add(self._passages[self._done])

    def finish(self) -> None:
        """Lay out every paragraph left."""
        while not self.complete:
            self._add(self._passages[self._done])

    def rows(self, span: Span) -> range:
        """The lines that `span` (offsets into its paragraph's text) is drawn on: found by
        following the wrapped lines through the text (a line is a piece of it, less the
        spaces it was broken at; a line that cannot be found, as with a tab, is assumed
        to start where the one before it ended)."""
        self.reach(span.paragraph)
        top, height = self.tops.get(span.paragraph), self.heights.get(span.paragraph, 0)
        if top is None:
            return range(0)
        text, at, starts = self._bodies[span.paragraph], 0, []
        for _number, _gutter, line in self.lines[top : top + height]:
            found = text.find(line.plain, at) if line.plain else -1
            at = found if found >= 0 else at
            starts.append(at)
            at += len(line.plain)
        first = max(bisect_right(starts, span.start) - 1, 0)
        last = max(bisect_right(starts, max(span.start, span.end - 1)) - 1, first)
        return range(top + first, top + last + 1)

    def restyle(self, passage: Passage) -> None:
        """Draw a laid-out paragraph again in other styles (search matches): the same text,
        so the same lines, and nothing moves. A paragraph not laid out yet is left to be."""
        top = self.tops.get(passage.number)
        if top is None:
            return
        for row, text in enumerate(passage.body.wrap(self._text_width)):
            number, gutter, _text = self.lines[top + row]
            self.lines[top + row] = (number, gutter, text)

    def _after(self, number: int) -> int:
        return len(self.lines) - self.tops[number] - self.heights[number]

    def _add(self, passage: Passage) -> None:
        if self.lines:
            self.lines.append((0, Content(), Content()))
        if passage.rule is not None:  # shown, never copied, not part of the paragraph
            self.notes.add(len(self.lines))
            self.lines.append((0, self._indent, passage.rule.truncate(self._text_width)))
        top = self.tops[passage.number] = len(self.lines)
        self._bodies[passage.number] = passage.body.plain
        gutters = [self._cell(g) for g in (passage.gutter, passage.gutter_below) if g is not None]
        for row, text in enumerate(passage.body.wrap(self._text_width)):
            self.lines.append((passage.number, self._row(gutters, row), text))
        for text in passage.note.wrap(self._text_width) if passage.note else ():
            self.notes.add(len(self.lines))
            self.lines.append((passage.number, self._row(gutters, len(self.lines) - top), text))
        while len(self.lines) - top < len(gutters):  # the gutter's lines outnumber the text's
            self.notes.add(len(self.lines))
            self.lines.append((passage.number, gutters[len(self.lines) - top], Content()))
        self.heights[passage.number] = len(self.lines) - top
        self._done += 1

    def _cell(self, gutter: Content) -> Content:
        return gutter.pad_right(self._gutter - gutter.cell_length).stylize_before(GUTTER_STYLE)

    def _row(self, gutters: list[Content], row: int) -> Content:
        return gutters[row] if row < len(gutters) else self._indent


class DocumentView(SelectableLines, ScrollView, can_focus=True):
    """The paragraphs of a document; the cursor moves between the cited ones (or between
    the places given, an ambiguous quote's)."""

    BINDINGS = [
        Binding("n", "next_place", "Next place", id="source.next-place"),
        Binding("N", "previous_place", "Previous place", id="source.previous-place"),
        Binding("n", "next_cited", "Next cited", id="source.next"),
        Binding("N", "previous_cited", "Previous cited", id="source.previous"),
        Binding("enter", "choose", "Who cites this", id="source.citing"),
        Binding("j,down", "scroll_down", "Down", show=False, id="source.down"),
        Binding("k,up", "scroll_up", "Up", show=False, id="source.up"),
    ]
    COMPONENT_CLASSES = {"document-view--cursor", "document-view--bar", "document-view--gutter"}

    cursor: reactive[int] = reactive(0, init=False)
    """The number of the current cited paragraph (0: none yet)."""
    lens_steps = False  # True while the framing lens's n/N step through cues (tui.lens)

    class Chosen(Message):
        """The user pressed enter on a paragraph: show who cites it."""

        def __init__(self, number: int, view: DocumentView | None = None) -> None:
            self.number, self.view = number, view  # ¶ (1-based); the view it is in
            super().__init__()

    class Stepped(Message):
        """The view went to another of its places (`index` into `places`)."""

        def __init__(self, index: int) -> None:
            self.index = index
            super().__init__()

    def __init__(self, passages: list[Passage], start: int, *, id: str | None = None) -> None:
        """Show `passages` (in order) and go to paragraph `start` once laid out."""
        super().__init__(id=id)
        self._strips: dict[tuple[int, bool, bool], Strip] = {}
        self.show(passages, start)

    def show(
        self,
        passages: list[Passage],
        start: int,
        *,
        target: Span | None = None,
        places: Sequence[Span] = (),
    ) -> None:
        """Show other `passages` (another document), at paragraph `start`; or at `target`
        (a place in a paragraph); or, given `places`, at the first of them, `n`/`N` then
        stepping through them rather than through the cited paragraphs."""
        self.passages = passages
        self.place = 0  # the paragraph last gone to, cited or not
        self.places = list(places)
        self.place_index = 0
        self.target: Span | None = None  # the place gone to, its lines marked
        self._marked = range(0)
        self.set_reactive(DocumentView.cursor, 0)
        self._numbers = [p.number for p in passages]
        self._cited = [p.number for p in passages if p.cited]
        gutters = [g for p in passages for g in (p.gutter, p.gutter_below) if g is not None]
        self._gutter = max([GUTTER, *(g.cell_length + 1 for g in gutters)])
        self._layout: Layout | None = None
        self._strips.clear()
        target = self.places[0] if self.places else target
        if target is not None:
            self.go_to_place(target)
        else:
            self.go_to(start)
        self.refresh_bindings()  # n/N step through places, or through cited paragraphs
        if self.size.width:  # shown before at this size: lay out and centre before the frame
            self._laid_out(self.scrollable_content_region.width)
        self.refresh()

    # -- where the reader is ----------------------------------------------------------------

    @property
    def current(self) -> int:
        """The cursor, or before any cited paragraph is reached, the paragraph gone to."""
        return self.cursor or self.place

    def go_to(self, number: int) -> None:
        """Centre paragraph `number` (kept within the document); if it is cited, it becomes
        the cursor."""
        if not self._numbers:
            return
        number = min(max(number, self._numbers[0]), self._numbers[-1])
        self.place = number
        if number in self._cited:
            self.cursor = number
        self._centre(number)

    def go_to_place(self, span: Span) -> None:
        """Go to a place in a paragraph (which becomes the cursor, cited or not), scrolled
        so that its lines are in sight, and mark them."""
        if span.paragraph not in self._numbers:
            self.go_to(span.paragraph)
            return
        self.target = span
        self._mark()
        self.place = self.cursor = span.paragraph
        self._centre(span.paragraph)
        self.refresh()

    def step_place(self, step: int) -> bool:
        """Go to the next (`step` 1) or previous (-1) of `places`; False past either end."""
        index = self.place_index + step
        if not 0 <= index < len(self.places):
            return False
        self.place_index = index
        self.go_to_place(self.places[index])
        self.post_message(self.Stepped(index))
        return True

    def next_cited(self) -> bool:
        """Go to the next cited paragraph; False if there is none after the current one."""
        later = bisect_right(self._cited, self.current)
        if later == len(self._cited):
            return False
        self.go_to(self._cited[later])
        return True

    def previous_cited(self) -> bool:
        """Go to the previous cited paragraph; False if there is none before the current one."""
        earlier = bisect_left(self._cited, self.current)
        if earlier == 0:
            return False
        self.go_to(self._cited[earlier - 1])
        return True

    def paragraph_top(self, number: int) -> int:
        """The line paragraph `number` starts on at the current width (0 before layout)."""
        if self._layout is None:
            return 0
        self._reach(number)
        return self._layout.tops.get(number, 0)

    def _centre(self, number: int) -> None:
        """Scroll so that the paragraph is in the middle (its top, if it is taller); and
        if the place gone to is in it but not then in sight, so that the place's first
        line is a few lines below the top."""
        layout = self._layout
        if layout is None:
            return  # the first layout centres the current paragraph
        self._reach(number)
        if number not in layout.tops:
            return
        height = self.scrollable_content_region.height
        spare = height - layout.heights[number]
        y = layout.tops[number] - max(0, spare // 2)
        rows = self._marked if self.target and self.target.paragraph == number else range(0)
        if rows and not (y <= rows[0] and rows[-1] < y + height):
            y = rows[0] - max(0, min(CONTEXT_LINES, (height - len(rows)) // 2))
            self._reach_line(y + height)
        self.scroll_to(y=max(0, y), animate=False, force=True)

    def _mark(self) -> None:
        """Find the lines of the place gone to, at the current width."""
        if self._layout is not None and self.target is not None:
            self._marked = self._layout.rows(self.target)
            self._sized()
        else:
            self._marked = range(0)

    def watch_cursor(self) -> None:
        self.refresh()

    # -- actions ----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`n`/`N` step through the places, if there are any, else the cited paragraphs
        (unless the framing lens has them: `lens_steps`, `tui.lens`)."""
        if self.lens_steps and action.endswith(("_place", "_cited")):
            return False
        if action in ("next_place", "previous_place"):
            return bool(self.places)
        if action in ("next_cited", "previous_cited"):
            return not self.places
        return True

    def action_next_place(self) -> None:
        if not self.step_place(1):
            self.notify("That is the last place.", timeout=2)

    def action_previous_place(self) -> None:
        if not self.step_place(-1):
            self.notify("That is the first place.", timeout=2)

    def action_next_cited(self) -> None:
        if not self.next_cited():
            self.notify("No cited paragraph after this one.", timeout=2)

    def action_previous_cited(self) -> None:
        if not self.previous_cited():
            self.notify("No cited paragraph before this one.", timeout=2)

    def action_choose(self) -> None:
        self.post_message(self.Chosen(self.current, self))

    # The scroll keys land at once (Textual's own animate `home`/`end` for up to a second).
    def action_scroll_home(self) -> None:
        self.scroll_home(animate=False, immediate=True)

    def action_scroll_end(self) -> None:
        self._finish()  # the whole document laid out, so the end is its end
        self.scroll_end(animate=False, immediate=True)

    def action_scroll_up(self) -> None:
        self.scroll_up(animate=False, immediate=True)

    def action_scroll_down(self) -> None:
        self.scroll_down(animate=False, immediate=True)

    def action_page_up(self) -> None:
        self.scroll_page_up(animate=False)

    def action_page_down(self) -> None:
        self.scroll_page_down(animate=False)

    def on_click(self, event: Click) -> None:
        """A click on a cited paragraph makes it the cursor (without scrolling)."""
        offset = event.get_content_offset(self)
        if offset is None or self._layout is None:
            return
        index = offset.y + self.scroll_offset.y
        if 0 <= index < len(self._layout.lines):
            number = self._layout.lines[index][0]
            if number in self._cited:
                self.place = self.cursor = number

    # -- drawing ----------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        layout = self._laid_out(width)
        index = y + self.scroll_offset.y
        if not 0 <= index < len(layout.lines):
            return Strip.blank(width, self.rich_style)
        number, gutter, text = layout.lines[index]
        on_cursor = number != 0 and number == self.cursor
        marked = index in self._marked
        selection = self.text_selection
        chosen = self._selected(selection, index) if selection is not None else None
        key = (index, on_cursor, marked)
        strip = self._strips.get(key) if chosen is None else None
        if strip is None:
            base = self.visual_style
            if on_cursor:
                base += Style.from_styles(self.get_component_styles("document-view--cursor"))
            if marked:
                bar: str | tuple[str, str] = (MARK, ".document-view--bar")
            else:
                bar = (BAR, ".document-view--bar") if on_cursor else " " * len(BAR)
            line = Content.assemble(bar, gutter, text)
            strip = self.selectable_strip(line, width, base, index, chosen)
            if chosen is None:
                self._strips[key] = strip
        return self.mapped(strip, index)

    # -- selecting text ---------------------------------------------------------------------

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The selected text, without the gutter or the passages' notes ("cited by: …"):
        a paragraph's wrapped lines joined into one, paragraphs apart by a blank line."""
        if self._layout is None:
            return None
        lines = self._layout.lines
        first = selection.start.y if selection.start else 0
        last = min(selection.end.y if selection.end else len(lines) - 1, len(lines) - 1)
        text = ""
        for y in range(first, last + 1):
            if y in self._layout.notes:
                continue
            number, _gutter, body = lines[y]
            chosen = self._selected(selection, y)
            low = len(BAR) + self._gutter  # where the text begins on every line
            piece = body.plain[chosen[0] - low : chosen[1] - low] if chosen else ""
            joint = " " if y > first and number and number == lines[y - 1][0] else "\n"
            text = text + joint + piece.strip() if y > first else piece.strip()
        return text.strip("\n").replace(BREAK, ""), "\n"  # `steady`'s stand-ins, not copied

    def _selected(self, selection: Selection, y: int) -> tuple[int, int] | None:
        """The characters [start, end) of line `y` that are selected, the gutter left out."""
        span = selection.get_span(y)
        if span is None or self._layout is None or not 0 <= y < len(self._layout.lines):
            return None
        if y in self._layout.notes:
            return None
        _number, _gutter, body = self._layout.lines[y]
        low = len(BAR) + self._gutter
        high = low + len(body.plain)
        start, end = max(span[0], low), high if span[1] == -1 else min(span[1], high)
        return (start, end) if start < end else None

    # -- layout -----------------------------------------------------------------------------

    def _laid_out(self, width: int) -> Layout:
        """The layout for `width`, begun when the view is first drawn at that width.

        Laying out here rather than on the resize event (which arrives after the first
        frame) means the very first frame already shows the current paragraph, centred
        (and after a resize, centred again). That frame needs the paragraphs up to the
        current one and a screenful after it; the rest are laid out right after it is drawn.
        """
        if self._layout is None or self._layout.width != width:
            self._layout = Layout(self.passages, width, self._gutter)
            self._strips.clear()
            self._layout.reach(self.current, self.scrollable_content_region.height)
            self._mark()
            self._sized()
            self._centre(self.current)
            if not self._layout.complete:
                self.call_after_refresh(self._finish)
        return self._layout

    def _reach(self, number: int) -> None:
        """Make sure paragraph `number` is laid out (and the virtual size follows)."""
        if self._layout is not None and number not in self._layout.tops:
            self._layout.reach(number)
            self._sized()

    def _reach_line(self, line: int) -> None:
        """Make sure line `line` is laid out (unless the document ends before it)."""
        if self._layout is not None and len(self._layout.lines) <= line:
            self._layout.reach_line(line)
            self._sized()

    def _finish(self) -> None:
        if self._layout is not None and not self._layout.complete:
            self._layout.finish()
            self._sized()

    def _sized(self) -> None:
        if self._layout is not None:
            self.virtual_size = Size(self._layout.width, len(self._layout.lines))
