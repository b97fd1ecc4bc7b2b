"""Help, generated from the bindings that are really active where the user pressed `?`."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from claims.status import State
from tui.render import state_mark

INTRO = (
    "contested puts conflicting accounts side by side. Each position's evidence shows the "
    "quote highlighted inside its paragraph; enter on a quote opens the whole source there. "
    "≈ marks a quote found only approximately, its card showing what differs (the quote's "
    "words struck out, the source's underlined); ✗ one that was not found. In the source, "
    "an ambiguous quote's places are all marked and n/N step through them; a quote not "
    "found opens at the closest text, which is not a match. On a position's card, v rates "
    "it (1–9 directly) and n writes its note; m marks the dispute reviewed and u undoes, "
    "step by step; verdicts are saved to review.yaml at once. "
    "In a source, f turns the framing lens on: every framing cue (hedge, booster, "
    "attribution, denial, unnamed source, loaded word, agentless passive, direct quote) "
    "highlighted by category and counted in the legend, n/N stepping through them in "
    "reading order; p opens the source's profile, where enter on a category shows only its "
    "cues (n/N through them, f every category) and the foot line explains it with its "
    "known false positives. Keys can be remapped (see below)."
)


#: The comparing views, shown after the list's marks (the intro fills 80×24 already).
VIEWS = (
    "On a card, c compares its quote with another word by word: ~ variant spellings, "
    "≠ substitutions, + insertions, − deletions; n/N step through the differences. A "
    "dispute whose positions are renderings of one statement (kind: variants) opens "
    "aligned; c shows its cards, c then enter the aligned view again. In a source, s opens "
    "a second source beside it: tab switches columns, = brings the right one to the "
    "paragraph citing the same dispute as the left's current one. t opens the timeline: "
    "disputes by event date, sources by published date, each citation a mark joined to "
    "its event so the lag shows; +/- zoom, enter opens the dispute or the quote. "
    "Keys can be remapped by binding id in ~/.config/contested/keymap.toml; the keys this "
    "text names are the defaults (the list below shows the keys in force)."
)


#: The list's marks, what each means (`claims.status` decides a dispute's state).
LEGEND = [
    (State.ERRORS, "errors: e.g. a quote not found, or ambiguous"),
    (State.DRIFT, "drift, warnings only: e.g. a quote found roughly"),
    (State.ONE_SIDED, "one-sided: fewer than two positions"),
]


def legend() -> list[str | tuple[str, str]]:
    """The marks of the dispute list, explained: one line each."""
    rows: list[str | tuple[str, str]] = [("Marks in the list", "bold"), "\n"]
    for state, meaning in LEGEND:
        mark, style = state_mark(state)
        rows += [(f"{mark:>12}", style), "  ", meaning, "\n"]
    rows += [(f"{'·':>12}", "dim"), "  ", "not checked yet", "\n"]
    rows += [(f"{'✓ reviewed':>12}", "bold $success"), "  ", "the dispute is marked reviewed", "\n"]
    rows += [(f"{'2/3 rated':>12}", "$accent"), "  ", "some of its positions rated", "\n\n"]
    return rows


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Close", id="help.close")]

    def __init__(self, bindings: dict[str, ActiveBinding]) -> None:
        super().__init__()
        self.bindings = bindings

    def compose(self) -> ComposeResult:
        rows: list[str | tuple[str, str]] = [(INTRO, "italic"), "\n\n", *legend()]
        rows += [(VIEWS, "italic"), "\n\n"]
        rows += [("Keys", "bold"), "\n"]
        # one row per action, with every key bound to it (`bindings` has one entry a key)
        keys: dict[tuple[str, str], tuple[Binding, list[str]]] = {}
        ours_first = sorted(self.bindings.values(), key=lambda a: a.binding.id is None)
        for active in ours_first:
            binding = active.binding
            description = binding.description or binding.action
            if not description:
                continue
            _first, shown = keys.setdefault((binding.action, description), (binding, []))
            key = self.app.get_key_display(binding)
            if key not in shown:
                shown.append(key)
        for (_action, description), (binding, shown) in keys.items():
            rows += [(f"{' '.join(shown):>12}", "bold $accent"), "  ", description]
            if binding.id:
                rows.append((f"  [{binding.id}]", "dim"))
            rows.append("\n")
        with VerticalScroll(id="help") as box:
            box.border_title = Content("Keys (escape: close)")
            yield Static(Content.assemble(*rows), id="help-text")
