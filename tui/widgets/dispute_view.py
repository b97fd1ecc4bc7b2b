"""The selected dispute: its question, then its positions side by side, each quote a card.

A Line-API widget (`ScrollView.render_line`): the dispute is laid out once per width
(`dispute_layout`) and only the visible lines are rendered. Going to another dispute
swaps the lines and repaints this one widget in the next frame; nothing is mounted,
removed or relaid out. The cursor is a card: up/down (j/k) step through the quotes,
left/right (h/l) jump between positions (left of the first goes back to the list), and
`enter` (or a click) opens the source there; `y` copies the quote with its citation and `e`
opens its YAML in the user's editor (`tui.card_actions`); `v` (a picker) or 1–9 rate the
card's position, `n` writes its note (`tui.review_actions`). Text can be selected with the
mouse, within the column where the drag began; a copied quote comes out as one line of text.
`c` compares the card with other evidence (`tui.screens.compare`). A `kind: variants`
dispute is shown aligned word by word instead, in the `AlignedView` beside this view (this
one hidden; `c` there shows the cards, and `c` `enter` on the cards the aligned view again).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.actions import SkipAction
from textual.binding import Binding
from textual.content import Content
from textual.events import Click, MouseDown
from textual.geometry import Offset, Region, Size
from textual.message import Message
from textual.screen import ModalScreen
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip

from claims import Dispute, Method, Position
from claims.text import BREAK, steady
from tui import card_actions, review_actions
from tui.render import (
    anchor_note,
    citation,
    differences,
    dispute_heading,
    evidence_body,
    missing_body,
    position_heading,
    side_colour,
    steady_content,
)
from tui.session import Session
from tui.widgets.aligned_view import AlignedView
from tui.widgets.dispute_layout import (
    GAP,
    CardBox,
    CardPlan,
    Cited,
    ColumnPlan,
    Laid,
    focused,
    lay_out,
)
from tui.widgets.selectable import SelectableLines


def anchoring(dispute: Dispute) -> Content:
    """What the view shows while a worker anchors `dispute`."""
    return Content.assemble(dispute_heading(dispute), "\n\n", ("Anchoring quotes…", "dim"))


def aligned_heading(dispute: Dispute) -> Content:
    """Over a variants dispute's aligned view: the question, and that `c` shows the cards."""
    said = "renderings of one statement, aligned word by word · c: the cards"
    return Content.assemble(dispute_heading(dispute), "\n", (said, "dim italic"))


CARD_ACTIONS = frozenset({"open", "copy_quote", "edit", "compare"})  # act on the card


class DisputeView(SelectableLines, ScrollView, can_focus=True):
    """One dispute; `show` replaces it. Focused, it has a card cursor."""

    BINDINGS = [
        Binding("enter", "open", "Open source", id="evidence.open"),
        Binding("down,j", "card(1)", "Next quote", show=False, id="evidence.next"),
        Binding("up,k", "card(-1)", "Previous quote", show=False, id="evidence.previous"),
        Binding("right,l", "column(1)", "Next position", show=False, id="evidence.right"),
        Binding("left,h", "column(-1)", "Previous position", show=False, id="evidence.left"),
        Binding("y", "copy_quote", "Copy quote", id="evidence.copy"),
        Binding("e", "edit", "Edit", id="evidence.edit"),
        Binding("c", "compare", "Compare", id="evidence.compare"),
        Binding("v", "rate", "Rate", id="review.rate"),
        Binding("n", "note", "Note", id="review.note"),
        *[
            Binding(f"{n}", f"rate_with({n})", f"Rate {n}", show=False, id=f"review.rating{n}")
            for n in range(1, 10)
        ],
    ]
    COMPONENT_CLASSES = {"dispute-view--focus", "dispute-view--bar", "dispute-view--empty"}

    class Open(Message):
        """Open the source of a card, at its quote."""

        def __init__(self, cited: Cited) -> None:
            self.cited = cited
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.dispute: Dispute | None = None
        self.session: Session | None = None  # what `y` cites from
        self.cursor = 0
        self._heading = Content()
        self._plans: list[ColumnPlan] = []
        self._laid: Laid | None = None
        self._strips: dict[tuple[int, int], Strip] = {}  # (line, focused card or -1)
        self._gap = Content(" " * GAP)
        self._strips_style: object = None
        self._after_drawn: list[Callable[[], None]] = []
        self._shown_width = 0  # the content's width when last shown
        self._pressed_at: Offset | None = None  # where the mouse button went down (screen)
        #: A position's review under its heading (`tui.review_actions.Desk.badge`).
        self.review_badge: Callable[[Dispute, Position], Content | None] = lambda d, p: None
        #: `kind: variants` disputes the user switched to the cards with `c` (ids).
        self.as_cards: set[str] = set()

    # -- what is shown ------------------------------------------------------------------------

    @property
    def cards(self) -> list[Cited]:
        """The cards shown, in reading order (position by position)."""
        return [card.cited for plan in self._plans for card in plan.cards]

    def show(self, session: Session, dispute: Dispute | None) -> None:
        """Show `dispute` (None: say nothing matches). Showing the same dispute again (after
        a reload) keeps the cursor and the scroll; another one starts at the top."""
        same = dispute is not None and self.dispute is not None and dispute.id == self.dispute.id
        self.dispute, self.session = dispute, session
        if dispute is None:
            hint = getattr(self.screen, "filter_hint", "")  # a filter word naming nothing
            said = "No dispute matches." + (f"\n\n{hint}" if hint else "")
            self._replace(Content(said), [], same)
        else:
            self._replace(dispute_heading(dispute), self._columns(session, dispute), same)
        self._show_aligned(session, dispute, same)

    # -- a `kind: variants` dispute: aligned in place of the cards ----------------------------

    def _aligned(self) -> AlignedView | None:
        """The aligned view beside this one (the main screen's), if there is one."""
        if self.parent is None:
            return None
        found = self.parent.query_children(AlignedView)
        return found.first() if found else None

    def _show_aligned(self, session: Session | None, dispute: Dispute | None, same: bool) -> None:
        """A `kind: variants` dispute (not switched to its cards) in the aligned view beside,
        this view hidden; anything else here, the aligned view hidden (`tui.screens.compare`:
        the first position's first evidence against each other position's in turn)."""
        aligned = self._aligned()
        if aligned is None:
            return
        pairs = []
        wanted = dispute is not None and dispute.variants and dispute.id not in self.as_cards
        if session is not None and dispute is not None and wanted:
            from tui.screens.compare import variant_pairs

            pairs = variant_pairs(session, dispute)
        focused = self.has_focus or aligned.has_focus
        if pairs and dispute is not None:
            aligned.to_cards = self.toggle_aligned
            aligned.say = getattr(self.screen, "note", None)  # the main screen's status line
            aligned.show(pairs, aligned.pair if same else 0, aligned_heading(dispute))
        aligned.display, self.display = bool(pairs), not pairs
        if focused:
            (aligned if pairs else self).focus()

    @property
    def is_aligned(self) -> bool:
        """Whether the aligned view stands in for this one (a variants dispute)."""
        aligned = self._aligned()
        return aligned is not None and bool(aligned.display) and not self.display

    def action_compare(self) -> None:
        """`c`: compare the card with other evidence (`tui.screens.compare`); on a variants
        dispute's cards the picker offers the aligned view back first."""
        dispute = self.dispute
        if dispute is None or self.session is None:
            raise SkipAction()
        from tui.screens.compare import compare_card

        back = self.aligned_again if dispute.variants and self._aligned() else None
        compare_card(self, back)

    def toggle_aligned(self) -> None:
        """A variants dispute's aligned view (`c` there) or its cards, in turn."""
        dispute, session = self.dispute, self.session
        if dispute is None or session is None or not dispute.variants:
            return
        self.as_cards ^= {dispute.id}
        was = self.is_aligned
        self._show_aligned(session, dispute, True)
        if was == self.is_aligned:
            self.notify("Fewer than two positions with evidence: nothing to align.")

    def aligned_again(self) -> None:
        """ "Back to the aligned view" (the picker's first option on a variants dispute)."""
        if self.dispute is not None and self.dispute.id in self.as_cards:
            self.toggle_aligned()
        aligned = self._aligned()
        if aligned is not None and self.is_aligned:
            aligned.focus()

    def reshow(self) -> None:
        """Lay the dispute shown out again (its reviews changed), keeping cursor and scroll."""
        if self.session is not None and self.dispute is not None:
            self.show(self.session, self.dispute)

    def show_message(self, message: Content) -> None:
        """Show a message instead of a dispute (e.g. why the casebook cannot be read); its
        text is made `steady`, as all casebook text here is."""
        self.dispute = None
        self._replace(steady_content(message), [], False)
        self._show_aligned(self.session, None, False)

    def _replace(self, heading: Content, plans: list[ColumnPlan], same: bool) -> None:
        self._heading, self._plans = heading, plans
        self.cursor = min(self.cursor, max(len(self.cards) - 1, 0)) if same else 0
        self._invalidate()
        if not same:
            self.scroll_to(y=0, animate=False, immediate=True)

    def _columns(self, session: Session, dispute: Dispute) -> list[ColumnPlan]:
        anchors = {(a.position, a.evidence): a for a in session.anchors(dispute)}
        casebook = session.casebook
        columns = []
        for p_index, position in enumerate(dispute.positions):
            colour = side_colour(casebook, position.side)
            cards: list[CardPlan] = []
            for e_index, evidence in enumerate(position.evidence):
                anchor = anchors.get((p_index, e_index))
                cited = Cited(dispute.id, p_index, e_index, evidence.source, anchor)
                document = session.document(evidence.source)
                source = casebook.sources.get(evidence.source)
                cite = citation(source, evidence.source, anchor, document)
                if anchor is not None and anchor.paragraph is not None and document is not None:
                    paragraph = document.paragraph(anchor.paragraph)
                    body = evidence_body(paragraph, anchor, colour) + "\n" + cite
                    drifted = anchor.method is Method.FUZZY
                    if drifted:
                        body += "\n" + differences(evidence.quote, paragraph, anchor)
                    if anchor.note:
                        body += "\n" + anchor_note(anchor)
                    kind = "drifted" if drifted or anchor.note else ""
                else:
                    body = missing_body(evidence.quote, anchor, document) + "\n" + cite
                    kind = "missing"
                if evidence.note:
                    body += "\nNote: " + steady(evidence.note)
                cards.append(CardPlan(body, cited, kind, colour))
            heading = position_heading(casebook, position)
            verdict = self.review_badge(dispute, position)
            columns.append(ColumnPlan(heading + "\n" + verdict if verdict else heading, cards))
        return columns

    # -- the card cursor ----------------------------------------------------------------------

    def focus_card(self, index: int) -> None:
        """Focus the view with the cursor on card `index`, scrolled into sight (the aligned
        view, when it stands in for this one)."""
        aligned = self._aligned()
        if aligned is not None and self.is_aligned:
            aligned.focus()
        elif 0 <= index < len(self.cards):
            self._move_to(index)
            self.focus()

    def card_region(self, index: int) -> Region:
        """Where card `index` is drawn, in the view's content (scroll) coordinates."""
        box = self._layout().boxes[index]
        return Region(box.left, box.top, box.right - box.left, box.bottom - box.top)

    def _move_to(self, index: int) -> None:
        self._repaint_card()
        self.cursor = index
        self._repaint_card()
        self.scroll_to_region(self.card_region(index), animate=False, immediate=True)

    def _focus_box(self) -> CardBox | None:
        """The box of the card drawn as focused, if any."""
        if not self.has_focus or not self.cards:
            return None
        return self._layout().boxes[self.cursor]

    def _repaint_card(self) -> None:
        """Redraw the lines of the cursor's card (it gains or loses the focused look)."""
        if self._laid is not None and self.cards:
            box = self._laid.boxes[self.cursor]
            self.refresh_lines(box.top, box.bottom - box.top)

    def action_card(self, step: int) -> None:
        if not self.cards:
            self.scroll_relative(y=step, animate=False)
            return
        self._move_to(min(max(self.cursor + step, 0), len(self.cards) - 1))

    def action_column(self, step: int) -> None:
        if not self.cards:
            raise SkipAction()
        columns = self._layout().columns
        here = columns[self.cursor]
        beside = [i for i, column in enumerate(columns) if column == here + step]
        if not beside:  # past the first or last position: let the screen have the key
            raise SkipAction()
        top = self._layout().boxes[self.cursor].top  # the card beside nearest the cursor's line
        self._move_to(min(beside, key=lambda i: abs(self._layout().boxes[i].top - top)))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The card keys (`enter`, `y`, `e`, `c`) are neither offered nor bound while no
        position of the dispute cites evidence: no card to act on."""
        return bool(self.cards) or action not in CARD_ACTIONS

    def action_open(self) -> None:
        if self.cards:
            self.post_message(self.Open(self.cards[self.cursor]))

    def action_copy_quote(self) -> None:
        card_actions.copy_quote(self)

    def action_edit(self) -> None:
        card_actions.edit_card(self)

    def action_rate(self) -> None:
        review_actions.desk_of(self).rate(self)

    def action_rate_with(self, number: int) -> None:
        review_actions.desk_of(self).rate_with(self, number)

    def action_note(self) -> None:
        review_actions.desk_of(self).edit_note(self)

    def on_mouse_down(self, event: MouseDown) -> None:
        self._pressed_at = event.screen_offset

    def on_click(self, event: Click) -> None:
        """A click on a card focuses it and opens its source. Not the end of a drag: Textual
        makes any button release over the widget it was pressed on a click, so a press here
        and a release elsewhere (text selected) must not open the source."""
        pressed_at, self._pressed_at = self._pressed_at, None
        if pressed_at != event.screen_offset or self.text_selection is not None:
            return
        offset = event.get_content_offset(self)
        if offset is None:
            return
        x, y = offset.x + self.scroll_offset.x, offset.y + self.scroll_offset.y
        for index, box in enumerate(self._layout().boxes):
            if box.holds(x, y):
                self.focus_card(index)
                self.action_open()
                return

    def watch_has_focus(self, has_focus: bool) -> None:
        super().watch_has_focus(has_focus)
        self._repaint_card()  # the cursor's card looks focused only while the view has focus

    # -- drawing ------------------------------------------------------------------------------

    def _invalidate(self) -> None:
        self._laid = None
        self._strips.clear()
        if self.size.width or self._shown_width:  # lay out now: the new virtual size is
            self._layout()  # then known to the next frame (and to a scroll asked for at once)
            if not self.size.width:  # hidden: its scrollbars as they will be, or Textual
                self._refresh_scrollbars()  # refuses a scroll asked for before it is shown
        self.refresh()

    def _layout(self) -> Laid:
        # hidden (the aligned view in its place), the width it had: shown again, its scroll
        # offset can be set before it is laid out anew (a reload's place given back)
        width = self.scrollable_content_region.width or self._shown_width
        self._shown_width = width
        if self._laid is None or self._laid.width != width:
            self._laid = lay_out(self._heading, self._plans, width)
            self._strips.clear()
            self.virtual_size = Size(self._laid.width, len(self._laid.lines))
        return self._laid

    def after_drawn(self, callback: Callable[[], None]) -> None:
        """Call `callback` once this view has next been drawn (after that frame is out); at
        once when another screen covers it (a reload from the source view: nothing is drawn)."""
        stack = self.app.screen_stack
        above = stack[stack.index(self.screen) + 1 :] if self.screen in stack else []
        if any(not isinstance(s, ModalScreen) for s in above) or not self.display:
            callback()
            return
        self._after_drawn.append(callback)
        self.refresh()

    def _drawn(self) -> None:
        callbacks, self._after_drawn = self._after_drawn, []
        for callback in callbacks:
            callback()

    def render_line(self, y: int) -> Strip:
        if self._after_drawn and y == 0:
            self.call_later(self._drawn)  # runs once the frame being drawn has been written
        width = self.scrollable_content_region.width
        laid = self._layout()
        index = y + self.scroll_offset.y
        if not 0 <= index < len(laid.lines):
            return Strip.blank(width, self.rich_style)
        box = self._focus_box()
        on_focus = box is not None and box.top <= index < box.bottom
        base = self.visual_style
        if base is not self._strips_style:  # the theme or the styles changed
            self._strips.clear()
            self._strips_style = base
        selection = self.text_selection
        chosen = self._selected(selection, index) if selection is not None else None
        key = (index, self.cursor if on_focus else -1)
        strip = self._strips.get(key) if chosen is None else None
        if strip is None:
            parts = laid.lines[index]
            if on_focus and box is not None:
                parts = tuple(focused(p, box) if i == box.part else p for i, p in enumerate(parts))
            strip = self.selectable_strip(self._gap.join(parts), width, base, index, chosen)
            if chosen is None:
                self._strips[key] = strip
        return self.mapped(strip, index)

    # -- selecting text -----------------------------------------------------------------------

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The selected text: a card's wrapped lines joined into one, cards and paragraphs
        on lines of their own, and nothing from the other columns."""
        laid = self._layout()
        first = selection.start.y if selection.start else 0
        last = selection.end.y if selection.end else len(laid.lines) - 1
        text, previous = "", None
        for y in range(first, min(last, len(laid.lines) - 1) + 1):
            chosen = self._selected(selection, y)
            piece = self._gap.join(laid.lines[y]).plain[slice(*chosen)].strip() if chosen else ""
            card = self._card_at(self._selection_part(selection), y)
            joint = " " if card is not None and card == previous and text and piece else "\n"
            text = text + joint + piece if y > first else piece
            previous = card
        return text.strip("\n").replace(BREAK, ""), "\n"  # `steady`'s stand-ins, not copied

    def _selected(self, selection: Selection, y: int) -> tuple[int, int] | None:
        """The characters [start, end) of line `y` that are selected: within the column the
        selection began in and, inside a card, only its text (not its edges)."""
        span = selection.get_span(y)
        if span is None:
            return None
        low, high = self._text_range(self._selection_part(selection), y)
        start, end = max(span[0], low), high if span[1] == -1 else min(span[1], high)
        return (start, end) if start < end else None

    def _selection_part(self, selection: Selection) -> int | None:
        """Which part (column) of its line the selection began in (None: all of them)."""
        laid = self._layout()
        if selection.start is None or not 0 <= selection.start.y < len(laid.lines):
            return None
        left = 0
        parts = laid.lines[selection.start.y]
        for index, part in enumerate(parts):
            left += len(part.plain) + GAP
            if selection.start.x < left:
                return index
        return len(parts) - 1

    def _text_range(self, part: int | None, y: int) -> tuple[int, int]:
        """Characters of line `y` that part `part` covers, less a card's edges."""
        laid = self._layout()
        if not 0 <= y < len(laid.lines):
            return 0, 0
        parts = laid.lines[y]
        if part is None:
            return 0, len(self._gap.join(parts).plain)
        if part >= len(parts):
            return 0, 0
        low = sum(len(p.plain) + GAP for p in parts[:part])
        high = low + len(parts[part].plain)
        if self._card_at(part, y) is not None:
            low, high = low + 2, high - 2  # the bar and padding; the padding and right edge
        return low, high

    def _card_at(self, part: int | None, y: int) -> int | None:
        """The card drawn on line `y` in part `part`, if there is one."""
        for index, box in enumerate(self._layout().boxes):
            if box.part == part and box.top <= y < box.bottom:
                return index
        return None
