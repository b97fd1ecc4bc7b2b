"""The rating picker: the casebook's scale, one key per rating (1..9), in its colours.

Dismissed with the rating's id, with "" to clear the position's rating (`x`), or with
None (escape: nothing changes). Labels and ids come from the casebook: shown through
`claims.text.steady`, never as markup.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from claims.review import Rating, Scale
from claims.text import steady
from tui.render import on_colour

CLEAR = ""  # what the picker gives back for "no rating"


def rating_style(rating: Rating) -> str:
    """How a rating's badge is drawn: its colour as the background (reverse if it has none)."""
    return on_colour(rating.colour) if rating.colour else "bold reverse"


def badge(rating: Rating) -> Content:
    """A rating as a badge, " Label ", in its colour (the label as plain text)."""
    return Content.assemble((f" {steady(rating.label)} ", rating_style(rating)))


class RatingPicker(ModalScreen[str | None]):
    """Pick a rating for one position: 1..9 (or the cursor and enter), x clears it."""

    DEFAULT_CSS = """
    RatingPicker { align: center middle; }
    #rating-picker {
        width: auto; min-width: 40; max-width: 80%; height: auto; max-height: 90%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    #rating-about { color: $text-muted; margin-bottom: 1; }
    #rating-list { height: auto; max-height: 20; border: none; padding: 0; }
    """
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", id="rating.cancel"),
        Binding("x,delete", "clear", "Clear rating", id="rating.clear"),
    ]

    def __init__(self, scale: Scale, current: str | None, about: Content) -> None:
        """`about`: which position is rated (built from casebook text by the caller, steady)."""
        super().__init__()
        self.scale = scale
        self.current = current
        self.about = about

    def compose(self) -> ComposeResult:
        options = []
        for number, rating in enumerate(self.scale.ratings, 1):
            key = f"{number} " if number <= 9 else "  "
            mark = "  ← now" if rating.id == self.current else ""
            name = (f"  {steady(rating.id)}", "dim")
            label = Content.assemble((key, "bold"), badge(rating), name, (mark, "italic"))
            options.append(Option(label, rating.id))
        with Vertical(id="rating-picker") as box:
            box.border_title = Content("Rate (1–9 or enter; x: clear; escape: cancel)")
            yield Static(self.about, id="rating-about")
            yield OptionList(*options, id="rating-list")

    def on_mount(self) -> None:
        listing = self.query_one(OptionList)
        ids = [r.id for r in self.scale.ratings]
        listing.highlighted = ids.index(self.current) if self.current in ids else 0
        listing.focus()

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character in "123456789":
            number = int(event.character)
            if number <= len(self.scale.ratings):
                event.stop()
                self.dismiss(self.scale.ratings[number - 1].id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_clear(self) -> None:
        self.dismiss(CLEAR)
