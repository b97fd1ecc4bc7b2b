"""Pick another source of the casebook (the source view's `s`, to read two side by side).

`SourcePicker` lists the casebook's sources but one, in the casebook's order: the title,
then the outlet, the date published and how many pieces of evidence cite it; typing
filters them (every word typed must be in the source's id, title, outlet, author, kind or
date, case ignored). It lists at most `MOST` at once and counts the matches, so 1,000
sources filter as fast as ten. Dismissed with the source's id, or None (escape). Every
text shown comes from the casebook: through `claims.text.steady`, never markup.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from claims import Casebook
from claims.formats import plural
from claims.text import steady

MOST = 200  # sources listed at once; typing narrows them


@dataclass(frozen=True)
class Choice:
    """One source as the picker lists it: its id, its label (title, then outlet, date and
    citations on a second line) and the lower-cased text a filter searches."""

    id: str
    label: Content
    haystack: str


def choices(casebook: Casebook, leave_out: str) -> list[Choice]:
    """Every source of `casebook` but `leave_out`, in the casebook's order, each with the
    number of pieces of evidence citing it (counted in the YAML: no anchoring needed)."""
    counts = Counter(e.source for d in casebook.disputes for p in d.positions for e in p.evidence)
    out = []
    for source_id, source in casebook.sources.items():
        if source_id == leave_out:
            continue
        published = source.published.isoformat() if source.published else None
        meta = [m for m in (source.outlet, published) if m]
        meta += [plural(counts.get(source_id, 0), "citation"), source_id]
        label = Content.assemble(
            (steady(" ".join(source.title.split()) or source_id), "bold"),
            "\n  ",
            (steady(" · ".join(meta)), "$text-muted"),
        )
        words = [source_id, source.title, source.outlet, source.author, source.kind, published]
        out.append(Choice(source_id, label, " ".join(w for w in words if w).casefold()))
    return out


def matching(found: Sequence[Choice], query: str) -> list[Choice]:
    """The choices holding every word of `query` (case ignored), in their order."""
    words = query.casefold().split()
    return [c for c in found if all(w in c.haystack for w in words)]


class SourcePicker(ModalScreen[str | None]):
    """Pick the second source (see the module)."""

    DEFAULT_CSS = """
    SourcePicker { align: center middle; }
    SourcePicker > Vertical {
        width: 90%; max-width: 110; height: auto; max-height: 90%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    SourcePicker .side-picker-about { color: $text-muted; margin-bottom: 1; }
    SourcePicker OptionList { height: auto; max-height: 16; border: none; padding: 0; }
    SourcePicker > Vertical > Input { margin-bottom: 1; background: $primary 30%; }
    """
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", id="side.pick-cancel"),
        Binding("down", "move(1)", "Down", show=False, id="side.pick-down"),
        Binding("up", "move(-1)", "Up", show=False, id="side.pick-up"),
    ]

    def __init__(self, found: Sequence[Choice], beside: Content) -> None:
        """`found`: the sources to offer (`choices`); `beside`: the first source's title."""
        super().__init__()
        self.found = list(found)
        self.beside = beside

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = Content("Side by side: which source?")
            box.border_subtitle = Content("type to filter · enter: open · esc: cancel")
            yield Static(
                Content.assemble("Beside ", self.beside.stylize("italic")),
                classes="side-picker-about",
            )
            yield Input(placeholder="filter titles, outlets, dates…", compact=True)
            listing = OptionList(id="side-sources", compact=True)
            # never focused: a press would focus it and its `:focus` border push its lines a
            # row down before the click is read (a click on a title chose the one above)
            listing.can_focus = False
            yield listing

    def on_mount(self) -> None:
        self.fill("")
        self.query_one(Input).focus()

    def fill(self, query: str) -> None:
        """List the sources matching `query` (all of them when it is empty)."""
        found = matching(self.found, query)
        listing = self.query_one(OptionList)
        listing.clear_options()
        listing.add_options([Option(c.label, c.id) for c in found[:MOST]])
        if found:
            listing.highlighted = 0
        box = self.query_one(Vertical)
        count = (
            f"{len(found)} of {len(self.found)}" if query.strip() else plural(len(found), "source")
        )
        shown = f", the first {MOST} listed" if len(found) > MOST else ""
        box.border_title = Content(f"Side by side: which source? ({count}{shown})")
        if not found:
            listing.add_option(Option(Content.styled("No source matches.", "dim"), disabled=True))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.fill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        listing = self.query_one(OptionList)
        if listing.highlighted is not None:
            option = listing.get_option_at_index(listing.highlighted)
            if not option.disabled:
                self.dismiss(option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_move(self, step: int) -> None:
        listing = self.query_one(OptionList)
        count = listing.option_count
        if count:
            listing.highlighted = ((listing.highlighted or 0) + step) % count
