"""Which quote: a coverage cell backed by several quotes asks which one to go to."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from claims.model import Dispute
from tui.render import side_colour
from tui.session import Session
from tui.widgets.coverage_grid import SIDE_MARK, one_line

QUOTE_CHARACTERS = 160  # of a quote shown in its option (then "…")


class EvidenceChoice(ModalScreen[tuple[int, int] | None]):
    """A list of the quotes `quotes` ((position, evidence), 0-based) of `dispute`; dismissed
    with the one chosen, or None (escape)."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Close", id="evidence-choice.close")]
    DEFAULT_CSS = """
    EvidenceChoice { align: center middle; }
    EvidenceChoice > Vertical { width: 80%; max-width: 100; height: auto; max-height: 80%; }
    EvidenceChoice OptionList { height: auto; max-height: 100%; border: round $accent; }
    """

    def __init__(self, session: Session, dispute: Dispute, quotes: list[tuple[int, int]]) -> None:
        super().__init__()
        self.session, self.dispute, self.quotes = session, dispute, quotes

    def compose(self) -> ComposeResult:
        casebook = self.session.casebook
        options = []
        for p, e in self.quotes:
            position = self.dispute.positions[p]
            side = casebook.sides.get(position.side)
            label = side.label if side is not None else f"{position.side} (unknown side)"
            quote = one_line(position.evidence[e].quote)
            if len(quote) > QUOTE_CHARACTERS:
                quote = quote[: QUOTE_CHARACTERS - 1] + "…"
            text = Content.assemble(
                (SIDE_MARK, side_colour(casebook, position.side)), " ",
                (one_line(position.holder), "bold"), (" · " + one_line(label), "dim"), "\n",
                f"“{quote}”",
            )  # fmt: skip
            options.append(Option(text, f"{p}:{e}"))
        with Vertical():
            listing = OptionList(*options, id="evidence-choice-list")
            listing.border_title = Content(
                f"{len(self.quotes)} quotes in {one_line(self.dispute.id)} (enter: go)"
            )
            yield listing

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        position, evidence = (event.option.id or "0:0").split(":")
        self.dismiss((int(position), int(evidence)))
