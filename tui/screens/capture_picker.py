"""Where a selected passage goes (`a` in the source view): the dispute, then the position.

`DisputePicker`: the casebook's disputes, searched as one types (fuzzy, over questions and
ids), the ones used most recently first, then those already citing the source, then the
rest; "New dispute…" on top. `PositionPicker`: the dispute's positions (side, holder,
claim), then "New position…". Each is dismissed with what was picked (`NEW` for the new
one) or None (escape). The forms for a new position and a new dispute are in
`tui.screens.capture_form`. Every text shown comes from the casebook or a source: through
`claims.text.steady`, never markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.fuzzy import Matcher
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from claims import Casebook, Dispute
from claims.text import steady
from tui.render import side_colour

NEW = "\x00new"  # the option id of "New dispute…" / "New position…" (never a dispute id)
MOST = 200  # disputes listed at once; typing narrows them

PICKER_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{
    width: 90%; max-width: 110; height: auto; max-height: 90%;
    border: round $accent; background: $surface; padding: 0 1;
}}
{name} .capture-about {{ color: $text-muted; margin-bottom: 1; max-height: 5; }}
{name} OptionList {{ height: auto; max-height: 16; border: none; padding: 0; }}
{name} > Vertical > Input {{ margin-bottom: 1; background: $primary 30%; }}
"""


def about(quote: str, where: str) -> Content:
    """What is being added: the quote (cut at 200 characters) and where it is from."""
    text = " ".join(quote.split())
    if len(text) > 200:
        text = text[:199] + "…"
    return Content.assemble(("“", "dim"), (steady(text), "italic"), ("” ", "dim"), steady(where))


def ordered(
    disputes: Sequence[Dispute], recent: Sequence[str], citing: Sequence[str]
) -> list[Dispute]:
    """`disputes` with the `recent` ids first (most recent first), then those `citing`
    the source, then the rest, each group in the casebook's order."""
    rank = {d: i for i, d in enumerate(recent)}
    cites = set(citing)
    return sorted(
        disputes,
        key=lambda d: (0, rank[d.id]) if d.id in rank else (1 if d.id in cites else 2, 0),
    )


class DisputePicker(ModalScreen[str | None]):
    """Pick the dispute the passage goes to (see the module)."""

    DEFAULT_CSS = PICKER_CSS.format(name="DisputePicker")
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", id="capture.cancel"),
        Binding("ctrl+n", "new", "New dispute", id="capture.new-dispute"),
        Binding("down", "move(1)", "Down", show=False, id="capture.down"),
        Binding("up", "move(-1)", "Up", show=False, id="capture.up"),
    ]

    def __init__(self, disputes: Sequence[Dispute], recent: set[str], about: Content) -> None:
        """`disputes` in the order to list them (`ordered`); `recent`: ids marked so."""
        super().__init__()
        self.disputes = list(disputes)
        self.recent = recent
        self.about = about

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = Content("Add as evidence: which dispute?")
            box.border_subtitle = Content(
                "type to search · enter: pick · ctrl+n: new dispute · esc: cancel"
            )
            yield Static(self.about, classes="capture-about")
            yield Input(placeholder="search questions and ids…", compact=True, id="capture-search")
            yield OptionList(id="capture-disputes")

    def on_mount(self) -> None:
        self.fill("")
        self.query_one(Input).focus()

    def fill(self, query: str) -> None:
        """List the disputes matching `query` (all of them when it is empty), best first."""
        listing = self.query_one(OptionList)
        listing.clear_options()
        found = self.disputes
        if query.strip():
            matcher = Matcher(query)
            scored = [
                (max(matcher.match(d.question), matcher.match(d.id)), i, d)
                for i, d in enumerate(found)
            ]
            found = [d for score, _i, d in sorted(scored, key=lambda s: (-s[0], s[1])) if score]
        new = Content.assemble(("+ New dispute…", "bold $accent"), ("  ctrl+n", "dim"))
        options = [Option(new, NEW)]
        options += [Option(self.label(d), d.id) for d in found[:MOST]]
        listing.add_options(options)
        listing.highlighted = 1 if len(options) > 1 else 0

    def label(self, dispute: Dispute) -> Content:
        mark = ("  · recent", "italic $accent") if dispute.id in self.recent else ("", "")
        return Content.assemble(
            (steady(dispute.question), "bold"), (f"  {steady(dispute.id)}", "dim"), mark
        )

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.fill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        listing = self.query_one(OptionList)
        if listing.highlighted is not None:
            option = listing.get_option_at_index(listing.highlighted)
            self.dismiss(option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_new(self) -> None:
        """`ctrl+n`: a new dispute, wherever the highlight is."""
        self.dismiss(NEW)

    def action_move(self, step: int) -> None:
        listing = self.query_one(OptionList)
        count = listing.option_count
        if count:
            listing.highlighted = ((listing.highlighted or 0) + step) % count


class PositionPicker(ModalScreen[str | None]):
    """Pick the position of `dispute` the passage goes to: dismissed with the position's
    index (as text: "0", "1", …), `NEW`, or None (escape: back to the disputes)."""

    DEFAULT_CSS = PICKER_CSS.format(name="PositionPicker")
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Back", id="capture.back"),
        Binding("ctrl+n", "new", "New position", id="capture.new-position"),
    ]

    def __init__(self, casebook: Casebook, dispute: Dispute, about: Content) -> None:
        super().__init__()
        self.casebook = casebook
        self.dispute = dispute
        self.about = about

    def compose(self) -> ComposeResult:
        options = []
        sides = self.casebook.sides
        for index, position in enumerate(self.dispute.positions):
            side = sides.get(position.side)
            label = side.label if side is not None else position.side
            colour = side_colour(self.casebook, position.side)
            count = len(position.evidence)
            options.append(
                Option(
                    Content.assemble(
                        ("■ ", colour),
                        (steady(label), "bold"),
                        " · ",
                        (steady(position.holder), "bold"),
                        (f"  ({count} quote{'' if count == 1 else 's'})", "dim"),
                        "\n  ",
                        (steady(" ".join(position.claim.split())), "italic"),
                    ),
                    str(index),
                )
            )
        new = Content.assemble(("+ New position…", "bold $accent"), ("  ctrl+n", "dim"))
        options.append(Option(new, NEW))
        with Vertical() as box:
            box.border_title = Content.assemble(
                "Which position? ", (steady(self.dispute.question), "italic")
            )
            box.border_subtitle = Content(
                "enter: add here · ctrl+n: new position · esc: back to the disputes"
            )
            yield Static(self.about, classes="capture-about")
            yield OptionList(*options, id="capture-positions")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def action_new(self) -> None:
        """`ctrl+n`: a new position, wherever the highlight is."""
        self.dismiss(NEW)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)
