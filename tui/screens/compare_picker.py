"""Compare with which evidence (`c` on a card): a list of the casebook's other evidence.

This dispute's evidence comes first, grouped by position (the side's colour, the holder,
the source and its ¶), then every other dispute's, each under its question, in the
casebook's order. Typing filters: every word typed must occur (case-insensitively) in the
quote, the holder, the question or the dispute's id. Only the first `MOST` matches are
listed as options, so 20,000 quotes filter and draw as fast as 200 (a filter is one
substring test per quote: a few milliseconds at 20,000). `enter` chooses, `escape` cancels;
the screen is dismissed with the chosen evidence as (dispute id, position, evidence),
0-based indices, or None. On a `kind: variants` dispute's cards the first option is
"Back to the aligned view" (`ALIGNED`), so `c` `enter` goes back to it. Every text shown
comes from the casebook: through `claims.text.steady`, never markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from claims import Casebook, Dispute
from claims.citation import cited_label
from tui.render import side_colour
from tui.session import Session
from tui.widgets.coverage_grid import SIDE_MARK, one_line

MOST = 200  # options listed at once (headers included); typing narrows them
QUOTE_CHARACTERS = 160  # of a quote shown in its option (then "…")
LEAD_CHARACTERS = 30  # shown before the word typed, when a quote is cut around it
TITLE_CHARACTERS = 40  # of a source's title
HEADER = "\x00"  # the start of a header option's id (never an evidence's id)
ALIGNED = "aligned"  # what the picker is dismissed with for "Back to the aligned view"

PICKER_CSS = """
ComparePicker { align: center middle; }
ComparePicker > Vertical {
    width: 90%; max-width: 120; height: auto; max-height: 90%;
    border: round $accent; background: $surface; padding: 0 1;
}
ComparePicker > Vertical > Input { margin-bottom: 1; background: $primary 30%; }
ComparePicker OptionList {
    height: auto; max-height: 24; border: none; padding: 0;
    scrollbar-gutter: stable;  /* one width from the start */
    text-wrap: nowrap; text-overflow: ellipsis;  /* each line of an option one line, "…" */
}
"""


@dataclass(frozen=True, slots=True)
class Entry:
    """One piece of evidence the picker can list: `position`/`evidence` 0-based; `words`
    is what a filter searches (quote, holder, question, id; case-folded)."""

    dispute: Dispute
    position: int
    evidence: int
    words: str


def entries(casebook: Casebook, dispute_id: str, position: int, evidence: int) -> list[Entry]:
    """Every piece of evidence of `casebook` but the one at (`dispute_id`, `position`,
    `evidence`): that dispute's first, in its order, then the other disputes' in the
    casebook's order. About 30 ms for 20,000 quotes."""
    here = casebook.dispute(dispute_id)
    disputes = ([here] if here is not None else []) + [
        d for d in casebook.disputes if d.id != dispute_id
    ]
    found: list[Entry] = []
    for dispute in disputes:
        about = f"{dispute.question}\n{dispute.id}"
        for p, held in enumerate(dispute.positions):
            for e, cited in enumerate(held.evidence):
                if dispute.id == dispute_id and (p, e) == (position, evidence):
                    continue
                words = f"{cited.quote}\n{held.holder}\n{about}".casefold()
                found.append(Entry(dispute, p, e, words))
    return found


def matching(found: list[Entry], query: str) -> list[Entry]:
    """The entries holding every word of `query` (all of them when it has none)."""
    words = query.casefold().split()
    if not words:
        return found
    return [entry for entry in found if all(word in entry.words for word in words)]


def cut(quote: str, words: list[str]) -> str:
    """`quote` cut to at most `QUOTE_CHARACTERS` characters at word boundaries, with "…"
    where it was cut: its start, or when the first of `words` (case-folded) that it holds
    lies past that, a stretch starting a few words before it (so the word typed is in
    sight at the start of the line, which the picker cuts at its width)."""
    if len(quote) <= QUOTE_CHARACTERS:
        return quote
    folded = quote.casefold()
    at = min((i for w in words if (i := folded.find(w)) >= 0), default=0)
    longest = max((len(w) for w in words), default=0)
    if at + longest < QUOTE_CHARACTERS - 1:
        return clip(quote, QUOTE_CHARACTERS)
    start = max(0, at - LEAD_CHARACTERS)
    if start > 0 and not quote[start - 1].isspace():  # not mid-word: from the next word
        space = quote.find(" ", start, at)
        start = space + 1 if space >= 0 else at
    rest = quote[start:]
    if len(rest) + 1 <= QUOTE_CHARACTERS:
        return "…" + rest
    return "…" + clip(rest, QUOTE_CHARACTERS - 1, keep=at - start + longest)


def clip(text: str, limit: int, keep: int = 0) -> str:
    """`text` cut to at most `limit` characters, "…" included, at the last space (when
    that keeps at least `keep` characters and half of `limit`), else mid-word."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    space = head.rfind(" ")
    if space >= max(keep, limit // 2):
        head = head[:space]
    return head.rstrip() + "…"


class ComparePicker(ModalScreen[tuple[str, int, int] | str | None]):
    """Pick the evidence to compare the card at (`dispute_id`, `position`, `evidence`)
    with (see the module); `aligned`: offer "Back to the aligned view" first."""

    DEFAULT_CSS = PICKER_CSS
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", id="compare.cancel"),
        Binding("down", "move(1)", "Down", show=False, id="compare.down"),
        Binding("up", "move(-1)", "Up", show=False, id="compare.up"),
    ]

    def __init__(
        self, session: Session, dispute_id: str, position: int, evidence: int, aligned: bool
    ) -> None:
        super().__init__()
        self.aligned = aligned
        self.session = session
        self.dispute_id = dispute_id
        self.found = entries(session.casebook, dispute_id, position, evidence)
        self.shown: list[Entry] = []
        self.words: list[str] = []  # the filter's words (case-folded)

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = Content("Compare with…")
            yield Input(
                placeholder="type to filter: quote, holder or question words…",
                compact=True,
                id="compare-search",
            )
            listing = OptionList(id="compare-options", compact=True)
            # Never focused (typing stays in the filter; the screen's up/down move it): a
            # press on a focusable OptionList focuses it, its `:focus` border then pushes
            # its lines a row down before the click is read, which chose the option above.
            listing.can_focus = False
            yield listing

    def on_mount(self) -> None:
        self.fill("")
        self.query_one(Input).focus()

    def fill(self, query: str) -> None:
        """List the evidence matching `query`: at most `MOST` options, with a header over
        each dispute (and, in this dispute, over each position)."""
        listing = self.query_one(OptionList)
        found = matching(self.found, query)
        self.words = query.casefold().split()
        options: list[Option] = []
        if self.aligned and not query.split():
            back = Content.assemble(("↩ Back to the aligned view", "bold $accent"), ("  c", "dim"))
            options.append(Option(back, ALIGNED))
        shown: list[Entry] = []
        last: tuple[str, int] | None = None
        for entry in found:
            if len(options) >= MOST:
                break
            group = (
                entry.dispute.id,
                entry.position if entry.dispute.id == self.dispute_id else -1,
            )
            if last is None or group[0] != last[0]:
                options.append(self.dispute_header(entry.dispute, len(options)))
            if group[1] >= 0 and group != last:
                options.append(self.position_header(entry, len(options)))
            last = group
            options.append(Option(self.label(entry), str(len(shown))))
            shown.append(entry)
        more = len(found) - len(shown)
        if more > 0:
            said = f"… {more:,} more: type to narrow"
            options.append(Option(Content.styled(said, "dim italic"), HEADER, disabled=True))
        elif not found:
            options.append(
                Option(Content.styled("No evidence matches.", "dim"), HEADER, disabled=True)
            )
        self.shown = shown
        with listing.prevent(OptionList.OptionHighlighted):
            listing.clear_options()
            listing.add_options(options)
        first = next((i for i, o in enumerate(options) if not o.disabled), None)
        listing.highlighted = first
        box = self.query_one(Vertical)
        box.border_subtitle = Content(
            f"{len(found):,} of {len(self.found):,} quotes · enter: compare · esc: cancel"
        )

    def dispute_header(self, dispute: Dispute, at: int) -> Option:
        here = dispute.id == self.dispute_id
        text = Content.assemble(
            ("This dispute: " if here else "", "bold $accent"),
            (one_line(dispute.question), "bold"),
            (" · " + one_line(dispute.id), "dim"),
        )
        return Option(text, f"{HEADER}{at}", disabled=True)

    def position_header(self, entry: Entry, at: int) -> Option:
        casebook = self.session.casebook
        held = entry.dispute.positions[entry.position]
        side = casebook.sides.get(held.side)
        label = side.label if side is not None else f"{held.side} (unknown side)"
        text = Content.assemble(
            "  ",
            (SIDE_MARK, side_colour(casebook, held.side)),
            " ",
            (one_line(held.holder), "bold"),
            (" · " + one_line(label), "dim"),
        )
        return Option(text, f"{HEADER}{at}", disabled=True)

    def label(self, entry: Entry) -> Content:
        """An option: (side mark and holder, when not under its position's header), ¶
        and source (cut at `TITLE_CHARACTERS`), then the quote (at `QUOTE_CHARACTERS`)."""
        casebook = self.session.casebook
        held = entry.dispute.positions[entry.position]
        cited = held.evidence[entry.evidence]
        source = casebook.sources.get(cited.source)
        title = one_line(source.title if source is not None else cited.source)
        title = clip(title, TITLE_CHARACTERS)
        quote = cut(one_line(cited.quote), self.words)
        head: list[str | tuple[str, str]] = ["    "]
        if entry.dispute.id != self.dispute_id:
            colour = side_colour(casebook, held.side)
            head += [(SIDE_MARK, colour), " ", (one_line(held.holder), "bold"), " · "]
        head += [(self.where(entry), "bold"), (title, "italic dim")]
        return Content.assemble(*head, "\n    ", ("“", "dim"), quote, ("”", "dim"))

    def where(self, entry: Entry) -> str:
        """The ¶ the quote was found in ("¶N ", its dispute anchored already), else its
        `paragraph:` hint ("¶N? "), else nothing."""
        session = self.session
        if session.is_anchored(entry.dispute):
            for anchor in session.anchors(entry.dispute):
                if (anchor.position, anchor.evidence) == (entry.position, entry.evidence):
                    if anchor.paragraph is None:
                        break
                    source = entry.dispute.positions[entry.position].evidence[entry.evidence]
                    document = session.document(source.source)
                    paragraphs = document.paragraphs if document is not None else None
                    return cited_label(paragraphs, anchor.paragraph) + " "
        hint = entry.dispute.positions[entry.position].evidence[entry.evidence].paragraph
        return f"¶{hint}? " if hint else ""

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.fill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.choose(self.query_one(OptionList).highlighted)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.choose(event.option_index)

    def choose(self, index: int | None) -> None:
        listing = self.query_one(OptionList)
        if index is None or not 0 <= index < listing.option_count:
            return
        option = listing.get_option_at_index(index)
        if option.disabled or option.id is None or option.id.startswith(HEADER):
            return
        if option.id == ALIGNED:
            self.dismiss(ALIGNED)
            return
        entry = self.shown[int(option.id)]
        self.dismiss((entry.dispute.id, entry.position, entry.evidence))

    def action_move(self, step: int) -> None:
        listing = self.query_one(OptionList)
        if step > 0:
            listing.action_cursor_down()
        else:
            listing.action_cursor_up()
