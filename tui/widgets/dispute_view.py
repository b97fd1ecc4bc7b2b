"""The selected dispute: its question, then its positions as columns (or stacked)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from claims import Dispute
from tui.render import (
    citation,
    dispute_heading,
    evidence_body,
    missing_body,
    position_heading,
    side_colour,
)
from tui.session import Session
from tui.widgets.evidence_card import Cited, EvidenceCard

MIN_COLUMN = 30  # narrower than this, positions stack


@dataclass(frozen=True)
class CardPlan:
    """What one evidence card will show."""

    body: Content
    cited: Cited
    classes: str
    colour: str


@dataclass(frozen=True)
class ColumnPlan:
    """What one position's column will show."""

    head: Content
    cards: list[CardPlan]


class PositionColumn(Vertical):
    """One position: side, holder, claim, then its evidence cards.

    `apply` updates the widgets already there and mounts or removes only the difference:
    moving through disputes then costs a few content updates, not a new widget tree.
    """

    def __init__(self, plan: ColumnPlan) -> None:
        self.head = Static(plan.head, classes="head")
        cards: list[Static] = [_card(card) for card in plan.cards] or [_no_evidence()]
        super().__init__(self.head, *cards)

    async def apply(self, plan: ColumnPlan) -> None:
        self.head.update(plan.head)
        cards = list(self.query_children(EvidenceCard))
        empty = list(self.query_children(".empty"))
        for index, card_plan in enumerate(plan.cards):
            if index < len(cards):
                cards[index].show(card_plan.body, card_plan.cited, card_plan.classes)
                cards[index].styles.border_left = ("outer", card_plan.colour)
            else:
                await self.mount(_card(card_plan))
        for extra in cards[len(plan.cards) :]:
            await extra.remove()
        if plan.cards and empty:
            await empty[0].remove()
        elif not plan.cards and not empty:
            await self.mount(_no_evidence())


def _card(plan: CardPlan) -> EvidenceCard:
    card = EvidenceCard(plan.body, plan.cited, plan.classes)
    card.styles.border_left = ("outer", plan.colour)
    return card


def _no_evidence() -> Static:
    return Static("No evidence cited.", classes="empty", markup=False)


class DisputeView(VerticalScroll):
    """Shows one dispute; `show` rebuilds it, `relayout` picks columns or stacking."""

    can_focus = False

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.dispute: Dispute | None = None
        self._shown = True
        self._after_shown: list[Callable[[], None]] = []
        self._pending: tuple[Content, list[ColumnPlan]] | None = None
        self._swapping = False

    def compose(self) -> ComposeResult:
        yield Static(id="dispute-heading", markup=False)
        yield Vertical(id="positions")

    def show(self, session: Session, dispute: Dispute | None) -> None:
        """Show `dispute` (None: say nothing matches). The swap happens in one frame; when
        keys repeat, a swap not yet on screen is dropped for the newer one."""
        self.dispute = dispute
        if dispute is None:
            self._swap(Content("No dispute matches."), [])
            return
        self._swap(dispute_heading(dispute), self._columns(session, dispute))

    def _swap(self, heading: Content, plans: list[ColumnPlan]) -> None:
        """Show `plans` next. One swap runs at a time and none is cancelled half-way (that
        could leave widgets half-mounted); a newer request replaces one still waiting."""
        self._shown = False
        self._pending = (heading, plans)
        if not self._swapping:
            self._swapping = True
            self.run_worker(self._drain(), group="swap")

    async def _drain(self) -> None:
        try:
            while self._pending is not None:
                heading, plans = self._pending
                self._pending = None
                await self._replace(heading, plans)
        finally:
            self._swapping = False
        self._shown = True
        callbacks, self._after_shown = self._after_shown, []
        for callback in callbacks:
            callback()

    async def _replace(self, heading: Content, plans: list[ColumnPlan]) -> None:
        positions = self.query_one("#positions", Vertical)
        columns = list(positions.query_children(PositionColumn))
        with self.app.batch_update():
            self.query_one("#dispute-heading", Static).update(heading)
            for index, plan in enumerate(plans):
                if index < len(columns):
                    await columns[index].apply(plan)
                else:  # built whole, then mounted: nothing is mounted into an unmounted widget
                    columns.append(PositionColumn(plan))
                    await positions.mount(columns[-1])
            for extra in columns[len(plans) :]:
                await extra.remove()
            self.relayout()
            self.scroll_home(animate=False)

    def when_shown(self, callback: Callable[[], None]) -> None:
        """Call `callback` once the dispute being shown is on screen (now, if it is)."""
        if self._shown:
            callback()
        else:
            self._after_shown.append(callback)

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
                if anchor is not None and anchor.paragraph is not None and document is not None:
                    body = evidence_body(document.paragraph(anchor.paragraph), anchor, colour)
                    classes = "-drifted" if anchor.method == "fuzzy" else ""
                else:
                    body, classes = missing_body(evidence.quote, anchor), "-missing"
                cite = citation(source, evidence.source, anchor)
                note = f"\nNote: {evidence.note}" if evidence.note else ""
                cards.append(CardPlan(body + "\n" + cite + note, cited, classes, colour))
            columns.append(ColumnPlan(position_heading(casebook, position), cards))
        return columns

    def show_message(self, message: Content) -> None:
        """Show a message instead of a dispute (e.g. why the casebook cannot be read)."""
        self.dispute = None
        self._swap(message, [])

    def relayout(self) -> None:
        count = len(self.dispute.positions) if self.dispute else 1
        self.set_class(self.size.width < MIN_COLUMN * max(count, 1), "-stacked")

    def on_resize(self) -> None:
        self.relayout()

    def first_card(self) -> EvidenceCard | None:
        cards = self.query(EvidenceCard)
        return cards.first() if cards else None
