"""The framing comparison (`F`): how the sources frame the events, side by side (issue 14).

Sources are columns, cue categories rows, each cell "rate (count)" as `contested framing
--format json` gives them (rates per 1,000 words); under the table, bars of the cursor's
category across the sources shown, each in its source's colour. Counts of spans, never a
score. A casebook of a thousand sources is shown a window at a time: left/right (and
pageup/pagedown, home/end) move through the sources, `space` pins the source under the
cursor to the left, so two outlets far apart sit side by side; only the sources in sight
(and the pinned) are profiled, by a worker, and the profiles are kept for the casebook
loaded. `enter` opens the source view with the framing lens on the cursor's category, at
its first cue (`tui.lens.open_in_source`; `n`/`N` then step through them), `p` the source's
framing profile (`tui.screens.framing_profile`); `escape` from either comes back here.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static
from textual.worker import get_current_worker

from claims.documents import GaveUp
from claims.formats import plural
from claims.framing import Cue, NoFramingLists, Profile, language_of, profile
from claims.framing.cache import CueCache
from claims.gcpause import paused_gc
from tui.session import Session
from tui.threads import Gone, on_ui
from tui.widgets.coverage_grid import one_line
from tui.widgets.framing_bars import FramingBars
from tui.widgets.framing_grid import ATTRIBUTION_ROW, PALETTE, ROWS, FramingGrid, cell_text
from tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from tui.app import ContestedApp
    from tui.screens.main import MainScreen

#: Per main screen: the profiles made for its session (id -> Profile, or why there is none),
#: and the sources pinned.
_KEPT: WeakKeyDictionary[MainScreen, tuple[Session, dict[str, Profile | str]]] = WeakKeyDictionary()
_PINNED: WeakKeyDictionary[MainScreen, list[str]] = WeakKeyDictionary()


def open_comparison(app: ContestedApp) -> None:
    """`F`: push the comparison over the main screen (once the casebook is loaded)."""
    from tui.screens.coverage import over_main

    main = over_main(app, ComparisonScreen)
    if main is not None:
        app.push_screen(ComparisonScreen(main))


def why_not(exc: NoFramingLists) -> str:
    """What a source without lists says: "no framing lists for 'ru'" (the rest of the
    message, where lists exist, goes to the cell line)."""
    return str(exc)


class ComparisonScreen(Screen[None]):
    """The comparison of the main screen's casebook (see the module)."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="framing.back"),
        Binding("enter", "open", "Open at cue", id="framing.open"),
        Binding("space", "pin", "Pin source", id="framing.pin"),
        Binding("p", "profile", "Profile", id="framing.profile"),
    ]
    DEFAULT_CSS = """
    ComparisonScreen #framing-about { padding: 0 1; color: $text-muted; }
    ComparisonScreen #framing-cell {
        height: 2; padding: 0 1; background: $panel; text-wrap: nowrap; text-overflow: ellipsis;
    }
    """

    def __init__(self, main: MainScreen) -> None:
        super().__init__()
        self.main = main
        assert main.session is not None
        self.session: Session = main.session
        kept = _KEPT.get(main)
        if kept is None or kept[0] is not self.session:
            kept = (self.session, {})
            _KEPT[main] = kept
        self.states = kept[1]
        self.pinned = [s for s in _PINNED.get(main, []) if s in self.session.casebook.sources]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="framing-about", markup=False)
        yield FramingGrid(id="framing-grid")
        yield Static("", id="framing-cell", markup=False)
        yield FramingBars(id="framing-bars")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = "Framing: sources side by side"
        casebook = self.session.casebook
        grid = self.query_one(FramingGrid)
        grid.states = self.states
        grid.colours = {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(casebook.sources)}
        grid.languages = {
            s: one_line(language_of(v, casebook)) for s, v in casebook.sources.items()
        }
        count = len(casebook.sources)
        about = (
            f"{plural(count, 'source')} · counts of spans, never a score · "
            "space pins a source to the left"
        )
        self.query_one("#framing-about", Static).update(Content(about))
        self.order_columns()
        grid.focus()
        self.set_interval(1.0, self.follow_reload)

    def follow_reload(self) -> None:
        """After a reload of the whole casebook, profiles of the new one (same columns)."""
        session = self.main.session
        if session is not None and session is not self.session and session.loaded.complete:
            self.session, self.states = session, {}
            _KEPT[self.main] = (session, self.states)
            grid = self.query_one(FramingGrid)
            grid.states = self.states
            self.pinned = [s for s in self.pinned if s in session.casebook.sources]
            self.order_columns()

    def order_columns(self) -> None:
        """The columns: pinned sources first, then the others in the casebook's order."""
        rest = [s for s in self.session.casebook.sources if s not in self.pinned]
        self.query_one(FramingGrid).set_columns([*self.pinned, *rest], self.pinned)

    # -- profiling what is in sight --------------------------------------------------------

    @on(FramingGrid.Moved)
    def moved(self) -> None:
        grid = self.query_one(FramingGrid)
        wanted = [grid.columns[i] for i in grid.shown()]
        missing = [s for s in wanted if s not in self.states]
        if missing:
            self.profile_sources(self.session, missing)
        self.redraw()

    @work(thread=True, exclusive=True, group="framing-profiles", description="profiles")
    def profile_sources(self, session: Session, source_ids: list[str]) -> None:
        """Profile `source_ids` (reading them first), telling the screen after each."""
        worker = get_current_worker()
        cache = CueCache()
        try:
            with paused_gc():  # many small objects, no cycles (`claims.gcpause`)
                self._profile_each(session, source_ids, cache, lambda: worker.is_cancelled)
        except (Gone, GaveUp):
            pass
        finally:
            cache.save()

    def _profile_each(
        self, session: Session, source_ids: list[str], cache: CueCache, gone: Callable[[], bool]
    ) -> None:
        casebook = session.casebook
        for source_id in source_ids:
            if gone():
                return
            if source_id in self.states:
                continue
            document = session.documents.get(source_id, gone)
            if document is None:
                problem = session.documents.problems.get(source_id)
                state: Profile | str = problem.message if problem else "source unreadable"
            else:
                try:
                    state = profile(casebook.sources[source_id], document, casebook, cache)
                except NoFramingLists as exc:
                    state = why_not(exc)
            self.states[source_id] = state
            on_ui(self, self.redraw)

    # -- drawing ---------------------------------------------------------------------------

    def redraw(self) -> None:
        grid = self.query_one(FramingGrid)
        grid.refresh()
        if not grid.columns:
            return
        row = ROWS[grid.row]
        title = (
            f"{row}: cues per 1,000 words"
            if row != ATTRIBUTION_ROW
            else "attribution: named, per 1,000 words"
        )
        rows: list[tuple[str, float | str, str, str]] = []
        for index in grid.shown():
            source_id = grid.columns[index]
            state = self.states.get(source_id)
            colour = grid.colours.get(source_id, "")
            if state is None:
                rows.append((source_id, "profiling…", colour, ""))
            elif isinstance(state, str):
                rows.append((source_id, state, colour, ""))
            elif row == ATTRIBUTION_ROW:
                named = round(state.named * 1000 / state.words, 2) if state.words else 0.0
                rows.append((source_id, named, colour, f"{state.named} / {state.unnamed}"))
            else:
                rate = state.rates.get(row)
                if rate is None:
                    rows.append((source_id, f"no {row} list for {state.language!r}", colour, ""))
                else:
                    rows.append((source_id, rate, colour, cell_text(state, grid.row)))
        self.query_one(FramingBars).show(title, rows)
        self.describe(grid)

    def describe(self, grid: FramingGrid) -> None:
        """The cell under the cursor in words: the source's title, language and words, and
        the cell's rate and count (or why there are none)."""
        source_id = grid.columns[grid.column]
        source = self.session.casebook.sources.get(source_id)
        title = source.title if source is not None else source_id
        state = self.states.get(source_id)
        first: list[str | tuple[str, str]] = [(one_line(source_id) + " ", "bold"), one_line(title)]
        if isinstance(state, Profile):
            said = state.language + (" assumed: no `language:`" * state.language_assumed)
            first.append((f"  {said} · {state.words:,} words", "dim"))
        row = ROWS[grid.row]
        if state is None:
            second: list[str | tuple[str, str]] = [("profiling…", "dim")]
        elif isinstance(state, str):
            second = [(one_line(state), "italic")]
        elif row == ATTRIBUTION_ROW:
            second = [f"{state.named} named and {state.unnamed} unnamed attributions"]
        else:
            count = state.counts.get(row, 0)
            rate = state.rates.get(row, 0.0)
            second = [f"{row}: {plural(count, 'cue')}, {rate:.2f} per 1,000 words"]
            if count:
                second.append(("  · enter: open the source at the first one", "dim"))
        line = Content.assemble(*first, "\n", *second)
        self.query_one("#framing-cell", Static).update(line, layout=False)  # fixed height

    # -- keys ------------------------------------------------------------------------------

    def action_pin(self) -> None:
        grid = self.query_one(FramingGrid)
        if not grid.columns:
            return
        source_id = grid.columns[grid.column]
        if source_id in self.pinned:
            self.pinned.remove(source_id)
        else:
            self.pinned.append(source_id)
        _PINNED[self.main] = list(self.pinned)
        self.order_columns()

    def _cursor(self) -> tuple[str, Profile | str | None, str]:
        grid = self.query_one(FramingGrid)
        source_id = grid.columns[grid.column]
        return source_id, self.states.get(source_id), ROWS[grid.row]

    def action_open(self) -> None:
        """The source with the lens on the cursor's category, at its first cue (`tui.lens`;
        the attribution row: named and unnamed attributions); a source without such cues
        opens at its top."""
        if not self.query_one(FramingGrid).columns:
            return
        source_id, state, row = self._cursor()
        if isinstance(state, str):
            self.notify(one_line(state), title="Not profiled", timeout=4, markup=False)
            return
        cues: tuple[Cue, ...] = ()
        if state is not None and row == ATTRIBUTION_ROW:
            from tui.lens import attributions

            named, unnamed = attributions(state)
            cues = tuple(sorted([*named, *unnamed], key=lambda c: (c.paragraph, c.start)))
        elif state is not None:
            cues = tuple(c for c in state.cues if c.category == row)
        self.when_read(source_id, partial(self.open_at, source_id, cues, row))

    def action_profile(self) -> None:
        """`p`: the profile of the source under the cursor (`tui.screens.framing_profile`)."""
        if self.query_one(FramingGrid).columns:
            from tui.screens.framing_profile import show_profile

            source_id = self._cursor()[0]
            self.when_read(source_id, partial(show_profile, self.app, self.session, source_id))

    def when_read(self, source_id: str, then: Callable[[], None]) -> None:
        """`then()` once the source is read and its quotes anchored (a worker reads it)."""
        if self.session.source_ready(source_id):
            then()
        else:
            self.prepare(self.session, source_id, then)

    @work(thread=True, exclusive=True, group="framing-open", description="opening")
    def prepare(self, session: Session, source_id: str, then: Callable[[], None]) -> None:
        worker = get_current_worker()
        try:
            session.prepare_source(source_id, lambda: worker.is_cancelled)
            on_ui(self, self.prepared, session, then)
        except (Gone, GaveUp):
            pass

    def prepared(self, session: Session, then: Callable[[], None]) -> None:
        if session is self.main.session and self.app.screen is self:  # not reloaded, not left
            then()

    def open_at(self, source_id: str, cues: tuple[Cue, ...], category: str) -> None:
        from tui.lens import LensRequest, open_in_source

        if cues:
            request = LensRequest(source_id, cues=cues, label=category)
        else:
            request = LensRequest(source_id)
        open_in_source(self.app, self.session, request)
