"""A source's framing profile: what `contested framing --source ID` counts, as bars.

The source's title and details, its words and language; per category, the cues per 1,000
words as a bar, with the count; named against unnamed attribution; whose words the
casebook quotes from it (per holder and per side). Every number leads to its spans: enter
on a category (or on named/unnamed attribution) opens the source view with the lens on
those cues only, at the first (`n`/`N` then step through them; `f` shows every category);
enter on a voice or a side goes to the paragraph of its first quote. The line at the
foot explains the category under the cursor, with an example and its known false
positives (`claims.framing.explain`, the texts of docs/framing.md).

`show_profile(app, session, source_id)` opens it from anywhere (the source view's `p`,
the comparison screen): the choice is carried out by `tui.lens.open_in_source`. Untrusted
text (titles, holders, side labels) goes in through `claims.text.steady`.
"""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static

from claims.formats import plural
from claims.framing import HEURISTIC, NoFramingLists, Profile
from claims.framing.explain import EXPLAINED, plain_example
from claims.sources.metadata import fill
from claims.text import steady
from tui.lens import LensRequest, attributions, framing_of, is_kept, open_in_source
from tui.render import side_colour
from tui.threads import Gone, on_ui
from tui.widgets.key_bar import KeyBar
from tui.widgets.lens import LOOKS, swatch
from tui.widgets.rate_bars import BarRow, RateBars

NAMED_COLOUR, UNNAMED_COLOUR = LOOKS["attribution-neutral"][0], LOOKS["unnamed-source"][0]


class FramingProfileScreen(Screen[LensRequest | None]):
    """One source's framing profile (see the module). Dismissed with what to show in the
    source view (`tui.lens.LensRequest`), or None."""

    BINDINGS = [Binding("escape", "back", "Back", id="profile.back")]
    DEFAULT_CSS = """
    FramingProfileScreen #profile-heading { padding: 0 1; border-bottom: solid $panel-lighten-2; }
    FramingProfileScreen .profile-title { padding: 1 1 0 1; color: $text-muted; }
    FramingProfileScreen #profile-help {
        height: auto; max-height: 6; padding: 0 1; border-top: solid $panel-lighten-2;
    }
    """

    def __init__(self, session: Any, source_id: str) -> None:
        """The profile of `source_id`, a read source of `session` (`tui.session.Session`)."""
        super().__init__()
        self.session = session
        self.source_id = source_id
        self.profile: Profile | None = None
        self.rows: dict[str, list[LensRequest | str | None]] = {}  # per RateBars id

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self._heading(None), id="profile-heading", markup=False)
        with VerticalScroll(id="profile-body"):
            yield Static("Cues per 1,000 words (count)", classes="profile-title")
            yield RateBars([], id="profile-rates")
            yield Static("Attribution: named and unnamed (count)", classes="profile-title")
            yield RateBars([], id="profile-attribution")
            yield Static("Voices: words the casebook quotes", classes="profile-title")
            yield RateBars([], id="profile-voices")
        yield Static(id="profile-help", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = "framing profile"
        if is_kept(self.session, self.source_id):
            self._show(framing_of(self.session, self.source_id))
        else:
            self.query_one("#profile-help", Static).update("Finding the cues…")
            self._find()

    @work(thread=True, exclusive=True, group="profile")
    def _find(self) -> None:
        try:
            found = framing_of(self.session, self.source_id, True)
            on_ui(self, self._show, found)
        except (Gone, LookupError):
            pass

    # -- what it shows ------------------------------------------------------------------------

    def _heading(self, found: Profile | NoFramingLists | None) -> Content:
        source = self.session.casebook.sources.get(self.source_id)
        if source is None:
            return Content(steady(self.source_id))
        source = fill(source)
        meta = [m for m in (source.outlet, source.author) if m]
        if source.published:
            meta.append(source.published.isoformat())
        parts: list[str | tuple[str, str]] = [(steady(source.title), "bold"), "\n"]
        if meta:
            parts += [(steady(" · ".join(meta)), "dim"), "\n"]
        if isinstance(found, Profile):
            parts.append(f"{plural(found.words, 'word')} · language {steady(found.language)}")
            if found.language_assumed:
                parts.append((" (assumed: no `language:`)", "$warning"))
            parts.append(f" · {plural(len(found.cues), 'cue')}")
        elif isinstance(found, NoFramingLists):
            parts.append((steady(str(found)), "bold $warning"))
        return Content.assemble(*parts)

    def _show(self, found: Profile | NoFramingLists) -> None:
        self.query_one("#profile-heading", Static).update(self._heading(found))
        if isinstance(found, NoFramingLists):
            self.query_one("#profile-help", Static).update("No cues without lists.")
            return
        self.profile = found
        source = self.source_id
        rates: list[BarRow] = []
        rate_rows: list[LensRequest | str | None] = []
        for category, count in found.counts.items():
            cues = tuple(c for c in found.cues if c.category == category)
            label = Content.assemble(swatch(category), "*" if category in HEURISTIC else " ")
            rate = found.rates[category]
            rates.append(BarRow(label, rate, LOOKS[category][0], f"{rate:.2f} ({count})"))
            rate_rows.append(LensRequest(source, cues, category) if cues else category)
        named, unnamed = attributions(found)
        attribution = [
            BarRow("named", len(named), NAMED_COLOUR, str(len(named))),
            BarRow("unnamed", len(unnamed), UNNAMED_COLOUR, str(len(unnamed))),
        ]
        attribution_rows: list[LensRequest | str | None] = [
            LensRequest(source, tuple(named), "named attribution") if named else "named",
            LensRequest(source, tuple(unnamed), "unnamed-source") if unnamed else "unnamed",
        ]
        voices, voice_rows = self._voices(found)
        self.rows = {
            "profile-rates": rate_rows,
            "profile-attribution": attribution_rows,
            "profile-voices": voice_rows,
        }
        self.query_one("#profile-rates", RateBars).show(rates)
        self.query_one("#profile-attribution", RateBars).show(attribution)
        self.query_one("#profile-voices", RateBars).show(voices)
        self.query_one("#profile-rates", RateBars).focus()
        self._explain("profile-rates", 0)

    def _voices(self, found: Profile) -> tuple[list[BarRow], list[LensRequest | str | None]]:
        casebook = self.session.casebook
        rows: list[BarRow] = []
        requests: list[LensRequest | str | None] = []
        if not found.voices:
            return [BarRow("no evidence of the casebook quotes this source", None)], [None]
        for voice in found.voices:
            side = casebook.sides.get(voice.side)
            label = f"{voice.holder} [{side.label if side else voice.side}]"
            colour = side_colour(casebook, voice.side)
            rows.append(BarRow(label, voice.quoted_words, colour, f"{voice.quoted_words} words"))
            at = next((p for p in voice.paragraphs if p), None)
            requests.append(LensRequest(self.source_id, paragraph=at) if at else "voice")
        rows.append(BarRow("per side", None))
        requests.append(None)
        for side_id, words in found.sides.items():
            side = casebook.sides.get(side_id)
            label = side.label if side else side_id
            rows.append(BarRow(label, words, side_colour(casebook, side_id), f"{words} words"))
            at = next(
                (p for v in found.voices if v.side == side_id for p in v.paragraphs if p), None
            )
            requests.append(LensRequest(self.source_id, paragraph=at) if at else "voice")
        return rows, requests

    # -- keys ---------------------------------------------------------------------------------

    def _explain(self, bars: str, index: int) -> None:
        """The foot line for row `index` of the bars `bars`."""
        rows = self.rows.get(bars, [])
        row = rows[index] if 0 <= index < len(rows) else None
        category = row.label if isinstance(row, LensRequest) else row
        help_line = self.query_one("#profile-help", Static)
        if bars == "profile-rates" and category in EXPLAINED:
            what, example, misses = EXPLAINED[category]
            parts: list[str | tuple[str, str]] = [swatch(category), f" {what}"]
            parts.append(" (heuristic)" if category in HEURISTIC else "")
            parts.append(". e.g. ")
            parts += [(text, "bold") if cue else text for text, cue in plain_example(example)]
            parts += ["\n", ("Known false positives and misses: ", "$text-muted"), misses]
            parts.append(("\nenter: these cues in the source (n/N step, f every category)", "dim"))
            help_line.update(Content.assemble(*parts))
        elif bars == "profile-attribution":
            help_line.update(
                Content.assemble(
                    "Named: attribution cues (said, claimed, confirmed, denied…) outside any "
                    "unnamed-source span; unnamed: unnamed-source cues ",
                    '("sources said", "according to those close to").',
                    ("\nenter: these cues in the source", "dim"),
                )
            )
        else:
            help_line.update(
                Content.assemble(
                    "Words of the casebook's evidence quotes citing this source, per position "
                    "holder and per side.",
                    ("\nenter: the paragraph of the first quote", "dim"),
                )
            )

    @on(RateBars.Moved)
    def moved(self, event: RateBars.Moved) -> None:
        self._explain(event.bars.id or "", event.index)

    @on(RateBars.Chosen)
    def chosen(self, event: RateBars.Chosen) -> None:
        rows = self.rows.get(event.bars.id or "", [])
        row = rows[event.index] if 0 <= event.index < len(rows) else None
        if isinstance(row, LensRequest):
            self.dismiss(row)
        elif row is not None:
            self.notify(f"No {row} here to show.", timeout=2, markup=False)

    def action_back(self) -> None:
        self.dismiss(None)


def show_profile(app: App[Any], session: Any, source_id: str) -> None:
    """Open the profile of `source_id` (a read source of `session`) over the current screen;
    what is chosen in it is shown in the source view (`tui.lens.open_in_source`)."""

    def chosen(request: LensRequest | None) -> None:
        if request is not None:
            open_in_source(app, session, request)

    app.push_screen(FramingProfileScreen(session, source_id), callback=chosen)
