"""Which disputes cite a paragraph: pick one to go there."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from claims import Dispute
from claims.text import steady


class CitingScreen(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "dismiss(None)", "Close", id="citing.close")]

    def __init__(self, paragraph: int, disputes: list[Dispute], label: str | None = None) -> None:
        """The `disputes` citing paragraph `paragraph` (1-based), named `label` as the app
        cites it ("¶7", a PDF's "p. 2 ¶3 (¶7)"; default "¶N")."""
        super().__init__()
        self.paragraph = paragraph
        self.disputes = disputes
        self.label = label or f"¶{paragraph}"

    def compose(self) -> ComposeResult:
        with Vertical(id="citing"):
            options = OptionList(
                *[
                    Option(
                        Content.assemble((steady(d.question), "bold"), "\n", (steady(d.id), "dim")),
                        d.id,
                    )
                    for d in self.disputes
                ],
                id="citing-list",
            )
            options.border_title = Content(f"Disputes citing {steady(self.label)} (enter: go)")
            yield options

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
