"""The coverage matrix in the app (issue 14): `C` opens it, each cell's marks are the sides
of `contested framing --format json`'s coverage, `enter` goes to the evidence (the main
screen's dispute, that quote's card under the cursor), hostile names show literally; and
in a real terminal (tmux), `C`, a move and `enter`."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import RunCli, make_casebook
from textual.pilot import Pilot
from tmux_support import CONTESTED, Terminal, flatten, needs_tmux
from tui_support import settled

from tui.app import ContestedApp, create_app
from tui.screens.coverage import CoverageScreen
from tui.screens.evidence_choice import EvidenceChoice
from tui.screens.main import MainScreen
from tui.widgets.coverage_grid import EMPTY_MARK, SIDE_MARK, CoverageGrid
from tui.widgets.dispute_view import DisputeView

HOSTILE_DISPUTE = "d.1"
HOSTILE_QUESTION = "Who [@click=app.quit]fired[/] first?"
HOSTILE_SOURCE = "odd_1"
HOSTILE_TITLE = "Odd [bold]title[/bold]"
WIRE = (
    "The ministry said the strike was reportedly aimed at a depot near the river.\n\n"
    "According to people familiar with the matter, the depot was destroyed. Critics "
    "claimed the raid was a brutal sham.\n\n"
    "Clearly, the ministry denied any role, and two men were arrested on Friday.\n"
)
ODD = "Witnesses told reporters that the building was hit at dawn by a drone.\n"
RU = "Министерство заявило, что удар был нанесён по складу.\n"
CASEBOOK = f"""\
title: "Framing [b]test[/b]"
sides:
  gov: {{label: "Gov [@click=app.quit]x[/]", colour: "#e03131"}}
  opp: {{label: Opposition, colour: "#1971c2"}}
sources:
  wire: {{file: sources/wire.txt, title: "Wire [/] report"}}
  "{HOSTILE_SOURCE}": {{file: sources/odd.txt, title: "{HOSTILE_TITLE}"}}
  ru: {{file: sources/ru.txt, title: Russian paper, language: ru}}
disputes:
  - id: "{HOSTILE_DISPUTE}"
    question: "{HOSTILE_QUESTION}"
    positions:
      - side: gov
        holder: Ministry
        claim: The strike hit a depot.
        evidence:
          - {{source: wire, quote: the strike was reportedly aimed at a depot}}
          - {{source: wire, quote: the ministry denied any role}}
      - side: opp
        holder: "Opp [red]x[/red]"
        claim: A building was hit.
        evidence:
          - {{source: "{HOSTILE_SOURCE}", quote: the building was hit at dawn}}
          - {{source: wire, quote: Critics claimed the raid was a brutal sham}}
  - id: d2
    question: Was the depot destroyed?
    positions:
      - side: gov
        holder: Ministry
        claim: It was not.
        evidence:
          - {{source: ru, quote: Министерство заявило}}
      - side: opp
        holder: Critic
        claim: It was.
        evidence:
          - {{source: ru, quote: удар был нанесён по складу}}
"""


def framing_casebook(tmp_path: Path) -> Path:
    """Three sources (one in Russian, which has no framing lists; one with a hostile title),
    two disputes (one with a hostile question); sides and a holder with hostile names."""
    return make_casebook(
        tmp_path / "framing",
        CASEBOOK,
        {"sources/wire.txt": WIRE, "sources/odd.txt": ODD, "sources/ru.txt": RU},
    )


def app_on(root: Path) -> ContestedApp:
    return create_app(root, keymap_file=Path("/nonexistent"))


async def open_coverage(pilot: Pilot[None]) -> CoverageGrid:
    await settled(pilot)
    await pilot.press("C")
    await settled(pilot)
    assert isinstance(pilot.app.screen, CoverageScreen)
    grid = pilot.app.screen.query_one(CoverageGrid)
    assert grid.matrix is not None
    return grid


def cell_marks(grid: CoverageGrid, row: int, column: int) -> list[tuple[str, str | None]]:
    """The marks drawn in a cell, as (glyph, colour "#rrggbb" or None), read off the line
    the grid draws for its row."""
    grid.scroll_to(x=0, y=0, animate=False, immediate=True)
    strip = grid.render_line(row + 1)  # the header is line 0
    at = grid.label_width + sum(grid._widths[:column])
    out: list[tuple[str, str | None]] = []
    x = 0
    for segment in strip:
        for char in segment.text:
            if at <= x < at + grid._widths[column] - 1 and char.strip():
                colour = segment.style.color if segment.style else None
                out.append((char, colour.triplet.hex if colour and colour.triplet else None))
            x += 1
    return out


async def test_c_opens_the_matrix_and_each_cell_is_the_json_coverage(
    tmp_path: Path, run_cli: RunCli
) -> None:
    root = framing_casebook(tmp_path)
    code, out, _ = run_cli("framing", root, "--format", "json")
    assert code == 1  # the Russian source has no lists: said, the others profiled
    expected = {(c["dispute"], c["source"]): c["sides"] for c in json.loads(out)["coverage"]}
    colours = {"gov": "#e03131", "opp": "#1971c2"}
    async with app_on(root).run_test(size=(120, 40)) as pilot:
        grid = await open_coverage(pilot)
        matrix = grid.matrix
        assert matrix is not None
        assert [d.id for d in matrix.disputes] == [HOSTILE_DISPUTE, "d2"]
        assert list(matrix.sources) == ["wire", HOSTILE_SOURCE, "ru"]
        for row, dispute in enumerate(matrix.disputes):
            for column, source in enumerate(matrix.sources):
                sides = expected[(dispute.id, source)]
                marks = cell_marks(grid, row, column)
                if sides:
                    assert marks == [(SIDE_MARK, colours[s]) for s in sides], (dispute.id, source)
                else:
                    assert [m[0] for m in marks] == [EMPTY_MARK], (dispute.id, source)
        assert expected[(HOSTILE_DISPUTE, "wire")] == ["gov", "opp"]
        assert expected[("d2", "wire")] == []


async def test_enter_on_a_cell_with_one_quote_lands_on_its_card(tmp_path: Path) -> None:
    async with app_on(framing_casebook(tmp_path)).run_test(size=(120, 40)) as pilot:
        grid = await open_coverage(pilot)
        await pilot.press("l")  # the hostile source: one quote in the first dispute
        assert (grid.row, grid.column) == (0, 1)
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(pilot.app.screen, MainScreen)
        view = pilot.app.screen.query_one(DisputeView)
        assert view.dispute is not None
        assert view.dispute.id == HOSTILE_DISPUTE
        card = view.cards[view.cursor]
        assert (card.position, card.evidence, card.source) == (1, 0, HOSTILE_SOURCE)
        assert view.has_focus


async def test_a_cell_with_several_quotes_asks_which_and_goes_there(tmp_path: Path) -> None:
    async with app_on(framing_casebook(tmp_path)).run_test(size=(120, 40)) as pilot:
        await open_coverage(pilot)
        await pilot.press("enter")  # wire in the first dispute: three quotes, two sides
        await settled(pilot)
        assert isinstance(pilot.app.screen, EvidenceChoice)
        await pilot.press("down", "down", "enter")  # the third: the opposition's
        await settled(pilot)
        view = pilot.app.screen.query_one(DisputeView)
        card = view.cards[view.cursor]
        assert (card.position, card.evidence, card.source) == (1, 1, "wire")


async def test_an_empty_cell_says_so_and_stays(tmp_path: Path) -> None:
    async with app_on(framing_casebook(tmp_path)).run_test(size=(120, 40)) as pilot:
        grid = await open_coverage(pilot)
        await pilot.press("j", "enter")  # wire in d2: not cited
        await settled(pilot)
        assert (grid.row, grid.column) == (1, 0)
        assert isinstance(pilot.app.screen, CoverageScreen)
        said = [n.message for n in pilot.app._notifications]
        assert any("says nothing in d2" in m for m in said)
        await pilot.press("n")  # the next cited cell, row by row: ru in d2
        assert (grid.row, grid.column) == (1, 2)


async def test_hostile_names_show_literally_and_do_nothing(tmp_path: Path) -> None:
    async with app_on(framing_casebook(tmp_path)).run_test(size=(160, 40)) as pilot:
        grid = await open_coverage(pilot)
        await pilot.press("l")
        header = grid.render_line(0).text
        assert HOSTILE_SOURCE in header
        about = str(pilot.app.screen.query_one("#coverage-cell").render())
        assert HOSTILE_TITLE in about
        assert HOSTILE_QUESTION in about
        legend = str(pilot.app.screen.query_one("#coverage-legend").render())
        assert "Gov [@click=app.quit]x[/]" in legend
        row = grid.render_line(1).text
        assert "d.1 Who [@click=app.quit]fired[/]" in row
        assert pilot.app.is_running  # nothing clicked "app.quit"


async def test_escape_goes_back_and_c_again_keeps_the_place(tmp_path: Path) -> None:
    async with app_on(framing_casebook(tmp_path)).run_test(size=(120, 40)) as pilot:
        grid = await open_coverage(pilot)
        await pilot.press("j", "l", "l")
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, MainScreen)
        grid = await open_coverage(pilot)
        assert (grid.row, grid.column) == (1, 2)


@needs_tmux
def test_c_then_moving_and_enter_in_a_real_terminal(tmp_path: Path) -> None:
    root = framing_casebook(tmp_path)
    term = Terminal([str(CONTESTED), str(root)], width=120, height=40)
    try:
        term.wait_for("Who [@click=app.quit]fired[/] first?", "errors")
        term.keys("C")
        term.wait_for("dispute \\ source", "wire", "odd_1", "speaks for")
        term.keys("Right")
        screen = term.wait_for("source odd_1 Odd [bold]title[/bold]")
        assert "\x1b" not in screen
        term.keys("Enter")
        main = term.wait_for("Witnesses told reporters that the", "Open source",
                             absent=("dispute \\ source",))  # fmt: skip
        assert "Opp [red]x[/red]" in flatten(main)
        term.keys("Enter")  # the card under the cursor is that quote: enter opens its source
        term.wait_for("Next cited", "¶1", "Odd [bold]title[/bold]")
        term.keys("q")
    finally:
        term.close()


async def test_c_from_the_source_view_lands_on_the_main_screen(tmp_path: Path) -> None:
    from tui.screens.source import SourceScreen

    async with app_on(framing_casebook(tmp_path)).run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("tab", "enter")  # the first card's source
        await settled(pilot)
        assert isinstance(pilot.app.screen, SourceScreen)
        grid = await open_coverage(pilot)
        assert isinstance(pilot.app.screen_stack[-2], MainScreen)  # the source view closed
        await pilot.press("l", "enter")
        await settled(pilot)
        assert isinstance(pilot.app.screen, MainScreen)
        view = pilot.app.screen.query_one(DisputeView)
        assert view.cards[view.cursor].source == HOSTILE_SOURCE
        assert grid.column == 1


async def test_a_casebook_without_sources_or_disputes_says_so(tmp_path: Path) -> None:
    empty = make_casebook(tmp_path / "none", "title: None\ndisputes: []\n")
    async with app_on(empty).run_test(size=(100, 30)) as pilot:
        grid = await open_coverage(pilot)
        await pilot.press("l", "j", "n", "end", "enter")
        assert grid.render_line(0).text.strip() == "No sources declared: nothing to cover."
        await pilot.press("escape", "F", "enter", "space", "p")
        await settled(pilot)
        assert pilot.app.is_running
    lone = make_casebook(tmp_path / "lone", "title: Lone\nsources:\n  a: {file: a.txt, title: A}\n"
                         "disputes: []\n", {"a.txt": "He said so.\n"})  # fmt: skip
    async with app_on(lone).run_test(size=(100, 30)) as pilot:
        grid = await open_coverage(pilot)
        await pilot.press("l", "n", "enter")
        assert "no disputes yet" in grid.render_line(0).text
