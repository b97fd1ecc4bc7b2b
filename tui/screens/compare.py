"""Compare two pieces of evidence word by word (`c` on a card, issue 16).

`c` on an evidence card opens `tui.screens.compare_picker` (the other evidence: this
dispute's first, then every other dispute's); the one chosen opens `CompareScreen`: the
card's evidence on the left, the chosen on the right, aligned by
`claims.anchoring.variants.align_variants` and drawn by `tui.widgets.aligned_view`.
`escape` goes back to the card, exactly where it was. A `kind: variants` dispute shows
the same view in the main screen in place of its cards (`variant_pairs`, used by
`tui.widgets.dispute_view`).

What is aligned is each piece of evidence's text as the source has it where the quote was
found (the words a reader sees highlighted there), else the quote as the casebook gives it;
the header of each column says whose it is, from which source and which ¶.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static
from textual.worker import get_current_worker

from claims import Anchor, Dispute
from claims.anchoring.variants import align_variants
from claims.citation import cited_label
from claims.documents import GaveUp
from claims.sources.metadata import fill
from tui.render import side_colour
from tui.session import Session
from tui.threads import Gone, on_ui
from tui.widgets.aligned_view import AlignedView, Column, Pair, difference_said
from tui.widgets.coverage_grid import one_line
from tui.widgets.dispute_layout import Cited
from tui.widgets.dispute_view import DisputeView
from tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from tui.screens.main import MainScreen

#: A piece of evidence: (dispute id, position, evidence), 0-based indices.
Address = tuple[str, int, int]
#: How often the comparison looks for a reloaded casebook (the main screen's session),
#: in seconds: one identity test each time.
RELOAD_SECONDS = 0.25


def _anchor(session: Session, dispute: Dispute, position: int, evidence: int) -> Anchor | None:
    for anchor in session.anchors(dispute):
        if (anchor.position, anchor.evidence) == (position, evidence):
            return anchor
    return None


def column_of(
    session: Session, dispute: Dispute, position: int, evidence: int
) -> tuple[Column, str]:
    """One side of a comparison and the text to align: the source's words where the quote
    was found, else the quote. `dispute` must be anchored (`Session.prepare`)."""
    held = dispute.positions[position]
    cited = held.evidence[evidence]
    anchor = _anchor(session, dispute, position, evidence)
    document = session.document(cited.source)
    source = session.casebook.sources.get(cited.source)
    text, where, note = cited.quote, "", None
    if anchor is not None and anchor.paragraph is not None and document is not None:
        paragraph = document.paragraph(anchor.paragraph)
        if anchor.start is not None and anchor.end is not None:
            text = paragraph.text[anchor.start : anchor.end]
        where = ", " + cited_label(document.paragraphs, anchor.paragraph)
    elif anchor is None or anchor.paragraph is None:  # the reasons `claims.compare` gives
        if source is None:
            note = f"the quote as written: source {cited.source!r} is not declared"
        elif document is None:
            note = f"the quote as written: source {cited.source!r} cannot be read"
        else:
            note = "the quote as written: not found in the source"
    column = Column(
        Cited(dispute.id, position, evidence, cited.source, anchor),
        held.holder,
        side_colour(session.casebook, held.side),
        fill(source).title if source is not None else cited.source,  # as the cards do
        where,
        note=note,
    )
    return column, text


def pair_of(session: Session, left: Address, right: Address) -> Pair | None:
    """`left` and `right` aligned (their disputes anchored); None if either is gone."""
    sides = []
    for dispute_id, position, evidence in (left, right):
        dispute = session.casebook.dispute(dispute_id)
        if dispute is None or not session.is_anchored(dispute):
            return None
        if position >= len(dispute.positions):
            return None
        if evidence >= len(dispute.positions[position].evidence):
            return None
        sides.append(column_of(session, dispute, position, evidence))
    (a, a_text), (b, b_text) = sides
    if left[0] != right[0]:  # from two disputes: each header names its own
        a = _in_dispute(a)
        b = _in_dispute(b)
    return Pair(a, b, align_variants(a_text, b_text))


def _in_dispute(column: Column) -> Column:
    return replace(column, dispute=column.cited.dispute)


def variant_pairs(session: Session, dispute: Dispute) -> list[Pair]:
    """A `kind: variants` dispute's positions' first evidence aligned: the first position
    (with evidence) against each of the others in turn. Empty when fewer than two positions
    have evidence. `dispute` must be anchored."""
    firsts = [(dispute.id, p, 0) for p, held in enumerate(dispute.positions) if held.evidence]
    pairs = []
    for other in firsts[1:]:
        pair = pair_of(session, firsts[0], other)
        if pair is not None:
            pairs.append(pair)
    return pairs


# -- `c` on a card ---------------------------------------------------------------------------


def compare_card(view: DisputeView, back: Callable[[], None] | None = None) -> None:
    """`c` on the focused card of `view`: the picker, then the comparison. `back`: what
    "Back to the aligned view" does (offered first when given)."""
    session, dispute = view.session, view.dispute
    if session is None or dispute is None or not view.cards:
        return
    cited = view.cards[view.cursor]
    here: Address = (dispute.id, cited.position, cited.evidence)
    from tui.screens.compare_picker import ALIGNED, ComparePicker

    def chosen(choice: Address | str | None) -> None:
        main = view.app.main_screen  # type: ignore[attr-defined]
        if choice == ALIGNED and back is not None:
            back()
        elif isinstance(choice, tuple) and main is not None:
            open_comparison(main, session, here, choice)

    picker = ComparePicker(session, *here, aligned=back is not None)
    view.app.push_screen(picker, callback=chosen)


def same_evidence(before: Session, after: Session, address: Address) -> Address | None:
    """`address` (read in `before`'s casebook) in `after`'s: the same dispute, the position
    with the same key (its `id:`, else its holder) and the same evidence number; None when
    any of them is gone."""
    dispute_id, position, evidence = address
    was, now = before.casebook.dispute(dispute_id), after.casebook.dispute(dispute_id)
    if was is None or now is None or position >= len(was.positions):
        return None
    key = was.positions[position].key
    for index, held in enumerate(now.positions):
        if held.key == key:
            return (dispute_id, index, evidence) if evidence < len(held.evidence) else None
    return None


def open_comparison(main: MainScreen, session: Session, left: Address, right: Address) -> None:
    """Push the comparison of `left` with `right` over the main screen; when a dispute is not
    anchored yet, a worker anchors it first (the status line says so meanwhile)."""
    screen = CompareScreen(main, session, left, right)
    main.app.push_screen(screen)


class CompareScreen(Screen[None]):
    """Two pieces of evidence aligned (see the module)."""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="compare.back")]
    DEFAULT_CSS = """
    CompareScreen AlignedView { height: 1fr; padding: 0 1; }
    CompareScreen #compare-status {
        height: 1; padding: 0 1; background: $panel; color: $text-muted;
        text-wrap: nowrap; text-overflow: ellipsis;
    }
    """

    def __init__(self, main: MainScreen, session: Session, left: Address, right: Address) -> None:
        super().__init__()
        self.main, self.session = main, session
        self.left, self.right = left, right

    def compose(self) -> ComposeResult:
        yield Header()
        yield AlignedView(id="compare-view")
        yield Static("Anchoring the quotes…", id="compare-status", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = "Compare: word by word"
        self.query_one(AlignedView).focus()
        if not self.show_pair():
            self.anchor_quotes(self.session)
        self.set_interval(RELOAD_SECONDS, self.follow_reload)

    # -- after a reload ---------------------------------------------------------------------

    def follow_reload(self) -> None:
        """Once the main screen holds a newer, complete casebook (a reload): the same two
        pieces of evidence (the same position, by its `id:` else its holder, and number)
        aligned anew from it, or, when either is gone, this screen closed saying so."""
        session = self.main.session
        if session is None or session is self.session or not session.loaded.complete:
            return
        left = same_evidence(self.session, session, self.left)
        right = same_evidence(self.session, session, self.right)
        self.session = session
        if left is None or right is None:
            self.close_gone()
            return
        self.left, self.right = left, right
        if not self.show_pair():
            self.say_text("Anchoring the quotes…")
            self.anchor_quotes(session)

    def close_gone(self) -> None:
        while self in self.app.screen_stack:
            self.app.pop_screen()
        self.app.notify(
            "The evidence compared is no longer in the casebook.",
            title="Comparison closed",
            severity="error",
            markup=False,
        )

    def show_pair(self) -> bool:
        """Show the pair if both disputes are anchored; False if not yet."""
        pair = pair_of(self.session, self.left, self.right)
        if pair is None:
            return False
        self.query_one(AlignedView).show([pair])
        self.say(None, len(self.query_one(AlignedView).differences))
        return True

    @work(thread=True, exclusive=True, group="compare", description="anchoring")
    def anchor_quotes(self, session: Session) -> None:
        worker = get_current_worker()
        try:
            for dispute_id in dict.fromkeys((self.left[0], self.right[0])):
                dispute = session.casebook.dispute(dispute_id)
                if dispute is not None:
                    session.prepare(dispute, lambda: worker.is_cancelled)
            with contextlib.suppress(Gone):
                on_ui(self, self.anchored, session)
        except GaveUp:
            pass

    def anchored(self, session: Session) -> None:
        if session is self.session and not self.show_pair():
            self.close_gone()

    def say(self, index: int | None, total: int) -> None:
        view = self.query_one(AlignedView)
        if total == 0:
            text = "No differences: the two read the same."
        elif index is None:
            text = f"{total} difference{'s' * (total != 1)} · n/N: next/previous"
        else:
            text = difference_said(index, total, view.differences[index][2])
        self.say_text(text)

    def say_text(self, text: str) -> None:
        self.query_one("#compare-status", Static).update(Content(one_line(text)))

    @on(AlignedView.Moved)
    def moved(self, event: AlignedView.Moved) -> None:
        self.say(event.index, event.total)

    @on(DisputeView.Open)
    def open_side(self, event: DisputeView.Open) -> None:
        """`enter`: the source of the side chosen, at its quote (as from its card), once a
        worker has read it and anchored the disputes citing it, if it had to."""
        event.stop()
        source = event.cited.source
        if self.session.source_ready(source):
            self.main.open_evidence(event)
        else:
            self.say_text("Opening the source…")
            self.prepare_source(self.session, event)

    @work(thread=True, exclusive=True, group="compare-open", description="reading")
    def prepare_source(self, session: Session, event: DisputeView.Open) -> None:
        worker = get_current_worker()
        try:
            session.prepare_source(event.cited.source, lambda: worker.is_cancelled)
            with contextlib.suppress(Gone):
                on_ui(self, self.source_prepared, session, event)
        except GaveUp:
            pass

    def source_prepared(self, session: Session, event: DisputeView.Open) -> None:
        view = self.query_one(AlignedView)
        self.say(view.cursor, len(view.differences))
        if session is self.main.session and self.app.screen is self:  # not reloaded, not left
            self.main.open_evidence(event)
