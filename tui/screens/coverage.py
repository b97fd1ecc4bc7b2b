"""The coverage matrix (`C`): which source speaks to which dispute, for which sides, and
which it leaves out (issue 14).

Rows are the disputes, columns the declared sources, both in the casebook's order; a cell
holds one ● per side whose positions in that dispute cite that source (the side's colour,
as the app colours sides), or `·` where the source says nothing. The sides of a cell are
`claims.framing.coverage`'s, so they are those of `contested framing --format json`.
Under the grid, the cell under the cursor in words. `enter` goes to the evidence: the main
screen's dispute with that quote's card under the cursor; a cell with several quotes asks
which (`tui.screens.evidence_choice`). The matrix is built by a worker (a tenth of a second
at 5,000 disputes × 1,000 sources) and kept for the casebook loaded, with the cursor's
place, so `C` again opens where the user left it.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static

from claims.formats import plural
from claims.framing import coverage
from claims.model import Casebook
from tui.render import side_colour
from tui.screens.whole_casebook import WholeCasebookScreen
from tui.session import Session
from tui.threads import Gone, on_ui
from tui.widgets.coverage_grid import EMPTY_MARK, SIDE_MARK, CoverageGrid, Matrix, one_line
from tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from tui.app import ContestedApp
    from tui.screens.main import MainScreen

#: Per main screen: the matrix of its session, and the cursor's (dispute id, source id).
_KEPT: WeakKeyDictionary[MainScreen, tuple[Session, Matrix]] = WeakKeyDictionary()
_PLACE: WeakKeyDictionary[MainScreen, tuple[str, str]] = WeakKeyDictionary()


def build(casebook: Casebook) -> Matrix:
    """The matrix of `casebook`: `coverage` (only the cells where a source speaks) for the
    sides, and one walk over the evidence for the quotes behind each cell. Evidence citing
    an undeclared source has no column. Blocking: 0.1–0.2 s at 20,000 quotes."""
    disputes = list(casebook.disputes)
    sources = list(casebook.sources)
    row_of = {d.id: i for i, d in enumerate(disputes)}
    column_of = {s: i for i, s in enumerate(sources)}
    sides = {
        (row_of[c.dispute], column_of[c.source]): c.sides
        for c in coverage(casebook, sources, absent=False)
    }
    evidence: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for row, dispute in enumerate(disputes):
        for p, position in enumerate(dispute.positions):
            for e, cited in enumerate(position.evidence):
                column = column_of.get(cited.source)
                if column is not None:
                    evidence.setdefault((row, column), []).append((p, e))
    used = {s for cell in sides.values() for s in cell}
    colours = {s: side_colour(casebook, s) for s in [*casebook.sides, *sorted(used)]}
    labels = {s.id: s.label for s in casebook.sides.values()}
    labels.update({s: f"{s} (unknown side)" for s in used - labels.keys()})
    return Matrix(disputes, sources, sides, evidence, colours, labels)


def over_main(app: ContestedApp, kind: type[Screen[None]]) -> MainScreen | None:
    """The main screen, once every screen over it is closed (the source view, help, a
    dialog: the comparison and the matrix open over the main screen, whose source view
    they open themselves); None when the casebook is not loaded yet (said) or when a
    `kind` screen is already on top."""
    main = app.main_screen
    if main is None or main.session is None:
        app.notify("The casebook is not loaded yet.", timeout=3)
        return None
    if isinstance(app.screen, kind):
        return None
    while len(app.screen_stack) > 1 and app.screen is not main:
        app.pop_screen()
    return main


def open_coverage(app: ContestedApp) -> None:
    """`C`: push the coverage screen over the main screen (once the casebook is loaded)."""
    main = over_main(app, CoverageScreen)
    if main is not None:
        app.push_screen(CoverageScreen(main))


class CoverageScreen(WholeCasebookScreen[Matrix]):
    """The matrix of the main screen's casebook (see the module)."""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="coverage.back")]
    DEFAULT_CSS = """
    CoverageScreen #coverage-about { padding: 0 1; color: $text-muted; }
    CoverageScreen #coverage-cell {
        height: 3; padding: 0 1; background: $panel; text-wrap: nowrap; text-overflow: ellipsis;
    }
    CoverageScreen #coverage-legend { height: auto; max-height: 3; padding: 0 1; }
    """

    SUBTITLE = "Coverage: disputes × sources"
    kept = _KEPT
    build = staticmethod(build)

    def __init__(self, main: MainScreen) -> None:
        super().__init__(main)
        self.matrix: Matrix | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Building the coverage matrix…", id="coverage-about", markup=False)
        yield CoverageGrid(id="coverage-grid")
        yield Static("", id="coverage-cell", markup=False)
        yield Static("", id="coverage-legend", markup=False)
        yield KeyBar()

    def focus_first(self) -> None:
        self.query_one(CoverageGrid).focus()

    def show_built(self, matrix: Matrix) -> None:
        self.matrix = matrix
        row = column = 0
        place = _PLACE.get(self.main)
        if place is not None:
            rows = (i for i, d in enumerate(matrix.disputes) if d.id == place[0])
            row = next(rows, 0)
            column = matrix.sources.index(place[1]) if place[1] in matrix.sources else 0
        grid = self.query_one(CoverageGrid)
        grid.show(matrix, row, column)
        cells = len(matrix.disputes) * len(matrix.sources)
        about = (
            f"{plural(len(matrix.disputes), 'dispute')} × {plural(len(matrix.sources), 'source')}"
            f" · {len(matrix.sides)} of {cells} cells cited · ● a side, {EMPTY_MARK} left out"
        )
        self.query_one("#coverage-about", Static).update(Content(about))
        self.query_one("#coverage-legend", Static).update(self.legend(matrix))
        self.describe(grid.row, grid.column)

    def legend(self, matrix: Matrix) -> Content:
        """The sides' marks, in the casebook's order of sides (then unknown ones)."""
        parts: list[str | tuple[str, str]] = [("sides: ", "dim")]
        for side, label in matrix.labels.items():
            parts += [(SIDE_MARK, matrix.colours[side]), " ", one_line(label), "  "]
        return Content.assemble(*parts)

    @on(CoverageGrid.Moved)
    def moved(self, event: CoverageGrid.Moved) -> None:
        self.describe(event.row, event.column)

    def describe(self, row: int, column: int) -> None:
        """The cell under the cursor in words: source and dispute, then who it speaks for."""
        matrix = self.matrix
        if matrix is None or not matrix.disputes or not matrix.sources:
            return
        dispute, source_id = matrix.disputes[row], matrix.sources[column]
        _PLACE[self.main] = (dispute.id, source_id)
        source = self.session.casebook.sources.get(source_id)
        title = source.title if source is not None else source_id
        first: list[str | tuple[str, str]] = [
            ("source  ", "dim"), (one_line(source_id) + " ", "bold"), one_line(title), "\n",
            ("dispute ", "dim"), (one_line(dispute.id) + " ", "bold"), one_line(dispute.question),
        ]  # fmt: skip
        quotes = matrix.evidence.get((row, column), [])
        sides = matrix.sides.get((row, column), ())
        second: list[str | tuple[str, str]] = []
        if not sides:
            second.append(("says nothing in this dispute (left out)", "dim"))
        else:
            second.append("speaks for ")
            for at, side in enumerate(sides):
                count = sum(dispute.positions[p].side == side for p, _ in quotes)
                second += [", " if at else "", (SIDE_MARK, matrix.colours[side]), " "]
                second += [one_line(matrix.labels.get(side, side)), f" ({plural(count, 'quote')})"]
        line = Content.assemble(*first, "\n", *second)
        self.query_one("#coverage-cell", Static).update(line, layout=False)  # fixed height

    @on(CoverageGrid.Chosen)
    def chosen(self, event: CoverageGrid.Chosen) -> None:
        matrix = self.matrix
        if matrix is None:
            return
        dispute = matrix.disputes[event.row]
        quotes = matrix.evidence.get((event.row, event.column), [])
        if not quotes:
            source = one_line(matrix.sources[event.column])
            said = f"{source} says nothing in {one_line(dispute.id)}: no evidence to go to."
            self.notify(said, timeout=3, markup=False)
            return
        if len(quotes) == 1:
            self.go(dispute.id, *quotes[0])
            return
        from tui.screens.evidence_choice import EvidenceChoice

        def picked(choice: tuple[int, int] | None) -> None:
            if choice is not None:
                self.go(dispute.id, *choice)

        self.app.push_screen(EvidenceChoice(self.session, dispute, quotes), callback=picked)

    def go(self, dispute_id: str, position: int, evidence: int) -> None:
        """To the main screen, the dispute shown and the quote's card under the cursor
        (anchored first by a worker when it is not yet)."""
        session = self.main.session
        dispute = session.casebook.dispute(dispute_id) if session is not None else None
        if session is None or dispute is None:
            self.notify("That dispute is no longer in the casebook.", timeout=3)
            return
        if session.is_anchored(dispute):
            self.land(session, dispute_id, position, evidence)
        else:
            self.query_one("#coverage-about", Static).update(Content("Anchoring its quotes…"))
            self.anchor_and_land(session, dispute_id, position, evidence)

    @work(thread=True, exclusive=True, group="coverage-go", description="anchoring")
    def anchor_and_land(
        self, session: Session, dispute_id: str, position: int, evidence: int
    ) -> None:
        dispute = session.casebook.dispute(dispute_id)
        if dispute is None:
            return
        session.prepare(dispute)
        with contextlib.suppress(Gone):
            on_ui(self, self.land, session, dispute_id, position, evidence)

    def land(self, session: Session, dispute_id: str, position: int, evidence: int) -> None:
        if session is not self.main.session or self.app.screen is not self:
            return
        from tui.widgets.dispute_view import DisputeView

        main = self.main
        while len(self.app.screen_stack) > 1 and self.app.screen_stack[-1] is not main:
            self.app.pop_screen()  # this screen (and a choice of quotes, if any)
        main.goto_dispute(dispute_id)
        view = main.query_one(DisputeView)
        cards = [(c.position, c.evidence) for c in view.cards]
        if (position, evidence) in cards:
            view.focus_card(cards.index((position, evidence)))
