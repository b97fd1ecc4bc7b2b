"""The selected dispute: its question, then its positions as columns (or stacked)."""

from __future__ import annotations

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


class PositionColumn(Vertical):
    """One position: side, holder, claim, then its evidence cards."""


class DisputeView(VerticalScroll):
    """Shows one dispute; `show` rebuilds it, `relayout` picks columns or stacking."""

    can_focus = False

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.dispute: Dispute | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="dispute-heading", markup=False)
        yield Vertical(id="positions")

    def show(self, session: Session, dispute: Dispute | None) -> None:
        self.dispute = dispute
        heading = self.query_one("#dispute-heading", Static)
        positions = self.query_one("#positions", Vertical)
        positions.remove_children()
        if dispute is None:
            heading.update("No dispute matches.")
            return
        heading.update(dispute_heading(dispute))
        anchors = {(a.position, a.evidence): a for a in session.anchors(dispute)}
        casebook = session.casebook
        columns = []
        for p_index, position in enumerate(dispute.positions):
            colour = side_colour(casebook, position.side)
            cards: list[Static] = [Static(position_heading(casebook, position), classes="head")]
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
                card = EvidenceCard(body + "\n" + cite + note, cited, classes=classes)
                card.styles.border_left = ("outer", colour)
                cards.append(card)
            if not position.evidence:
                cards.append(Static("No evidence cited.", classes="empty", markup=False))
            columns.append(PositionColumn(*cards))
        positions.mount_all(columns)
        self.relayout()
        self.scroll_home(animate=False)

    def show_message(self, message: Content) -> None:
        """Show a message instead of a dispute (e.g. why the casebook cannot be read)."""
        self.dispute = None
        self.query_one("#positions", Vertical).remove_children()
        self.query_one("#dispute-heading", Static).update(message)

    def relayout(self) -> None:
        count = len(self.dispute.positions) if self.dispute else 1
        self.set_class(self.size.width < MIN_COLUMN * max(count, 1), "-stacked")

    def on_resize(self) -> None:
        self.relayout()

    def first_card(self) -> EvidenceCard | None:
        cards = self.query(EvidenceCard)
        return cards.first() if cards else None
