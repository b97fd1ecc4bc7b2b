"""The list of disputes: one line each, in casebook order, filterable."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from claims import Dispute
from tui.render import dispute_option


class DisputeList(OptionList):
    """Disputes as options whose ids are the dispute ids; highlighting one shows it."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("k", "cursor_up", "Up", show=False, id="list.up"),
    ]

    def fill(self, disputes: list[Dispute], problems: dict[str, int] | None) -> None:
        """Show `disputes`; `problems` counts anchoring problems (None: not checked yet)."""
        keep = self.highlighted_option.id if self.highlighted_option else None
        self.clear_options()
        self.add_options(
            Option(dispute_option(d, None if problems is None else problems.get(d.id, 0)), d.id)
            for d in disputes
        )
        if disputes:
            self.select(keep if keep is not None else disputes[0].id)

    def select(self, dispute_id: str | None) -> None:
        """Highlight the dispute with this id if it is listed, else the first."""
        try:
            index = self.get_option_index(dispute_id) if dispute_id else 0
        except Exception:  # not in the (filtered) list
            index = 0
        if self.option_count:
            self.highlighted = index
