"""The framing comparison in the app (issue 14): `F` opens it, its numbers are those of
`contested framing --format json`, a source whose language has no lists says so (never
zeros), `enter` opens the source with the lens on the category at its first cue, `p` the
source's profile, `space` pins a source to the left; the palette offers both screens."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import RunCli
from test_coverage_app import HOSTILE_SOURCE, HOSTILE_TITLE, app_on, framing_casebook
from textual.pilot import Pilot
from tui_support import settled

from claims.framing import CATEGORIES
from tui.screens.framing_compare import ComparisonScreen
from tui.widgets.framing_bars import FramingBars
from tui.widgets.framing_grid import LABEL_CELLS, ROWS, FramingGrid


async def open_comparison(pilot: Pilot[None]) -> FramingGrid:
    await settled(pilot)
    await pilot.press("F")
    await settled(pilot)
    assert isinstance(pilot.app.screen, ComparisonScreen)
    return pilot.app.screen.query_one(FramingGrid)


def cells(grid: FramingGrid) -> dict[tuple[str, str], str]:
    """What the table shows: (source id, row name) -> the cell's text, read off the lines
    it draws (labels, then columns of fixed width)."""
    lines = grid.render().plain.splitlines()
    out: dict[tuple[str, str], str] = {}
    for place, index in enumerate(grid.shown()):
        source = grid.columns[index]
        width = grid.column_cells
        at = LABEL_CELLS + place * width
        out[(source, "about")] = lines[1][at : at + width].strip()
        for row, name in enumerate(ROWS):
            out[(source, name)] = lines[2 + row][at : at + width].strip()
    return out


async def test_f_shows_the_numbers_of_the_json_and_no_lists_never_as_zeros(
    tmp_path: Path, run_cli: RunCli
) -> None:
    root = framing_casebook(tmp_path)
    code, out, err = run_cli("framing", root, "--format", "json")
    assert code == 1
    assert "no framing lists for 'ru'" in err
    profiles = {p["source"]: p for p in json.loads(out)["sources"] if "error" not in p}
    assert set(profiles) == {"wire", HOSTILE_SOURCE}
    async with app_on(root).run_test(size=(160, 40)) as pilot:
        grid = await open_comparison(pilot)
        assert grid.columns == ["wire", HOSTILE_SOURCE, "ru"]
        shown = cells(grid)
        for source, p in profiles.items():
            assumed = "?" * p["language_assumed"]  # no `language:`: the cell line says so
            assert shown[(source, "about")] == f"en{assumed} · {p['words']:,}"
            for category in CATEGORIES:
                count = sum(c["category"] == category for c in p["cues"])
                rate = p["rates"][category]
                assert shown[(source, category)] == f"{rate:.2f} ({count})", (source, category)
        assert shown[("wire", "hedge")] != "0.00 (0)"  # "reportedly": a case that tells
        for category in CATEGORIES:
            assert shown[("ru", category)] == "no lists"
        bars = str(pilot.app.screen.query_one(FramingBars).render())
        assert "no framing lists for 'ru'" in bars
        await pilot.press("l", "l")
        cell_line = str(pilot.app.screen.query_one("#framing-cell").render())
        assert "no framing lists for 'ru'" in cell_line
        assert "0.00" not in cell_line


async def test_enter_opens_the_source_with_the_lens_on_that_category(tmp_path: Path) -> None:
    from tui.screens.source import SourceScreen

    async with app_on(framing_casebook(tmp_path)).run_test(size=(120, 40)) as pilot:
        grid = await open_comparison(pilot)
        assert ROWS[grid.row] == "hedge"
        await pilot.press("enter")
        await settled(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, SourceScreen)
        assert screen.source_id == "wire"
        state = screen.lens_state()
        assert state.on
        assert state.focus == "hedge"
        assert [c.text for c in state.shown] == ["reportedly"]
        assert screen.current() == 1  # at the first (and only) hedge's paragraph
        await pilot.press("escape")
        await settled(pilot)
        assert isinstance(pilot.app.screen, ComparisonScreen)


async def test_p_opens_the_profile_and_space_pins_a_source(tmp_path: Path) -> None:
    from tui.screens.framing_profile import FramingProfileScreen

    async with app_on(framing_casebook(tmp_path)).run_test(size=(120, 40)) as pilot:
        grid = await open_comparison(pilot)
        await pilot.press("l", "l", "space")  # pin the Russian paper
        assert grid.columns[0] == "ru"
        assert grid.pinned == ["ru"]
        assert grid.columns[grid.column] == "ru"
        await pilot.press("l", "p")
        await settled(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, FramingProfileScreen)
        assert screen.source_id == "wire"


async def test_hostile_titles_show_literally(tmp_path: Path) -> None:
    async with app_on(framing_casebook(tmp_path)).run_test(size=(120, 40)) as pilot:
        await open_comparison(pilot)
        await pilot.press("l")
        cell_line = str(pilot.app.screen.query_one("#framing-cell").render())
        assert HOSTILE_TITLE in cell_line
        assert pilot.app.is_running


async def test_the_palette_opens_both_screens(tmp_path: Path) -> None:
    from tui.screens.coverage import CoverageScreen

    async with app_on(framing_casebook(tmp_path)).run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("ctrl+p", *"coverage")
        await pilot.pause(0.3)
        await pilot.app.workers.wait_for_complete()
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(pilot.app.screen, CoverageScreen)
        await pilot.press("escape", "ctrl+p", *"framing compare")
        await pilot.pause(0.3)
        await pilot.app.workers.wait_for_complete()
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(pilot.app.screen, ComparisonScreen)


def test_the_new_keys_can_be_remapped(tmp_path: Path) -> None:
    from tui.keymap import binding_ids, read_keymap

    ids = binding_ids()
    for binding in ("app.framing", "app.coverage", "coverage.open", "coverage.next",
                    "framing.open", "framing.pin", "framing.profile"):  # fmt: skip
        assert binding in ids
    keymap = tmp_path / "keymap.toml"
    keymap.write_text('"app.coverage" = "ctrl+o"\n"framing.pin" = "x"\n', encoding="utf-8")
    usable, said = read_keymap(keymap, ids)
    assert usable == {"app.coverage": "ctrl+o", "framing.pin": "x"}
    assert said is None


async def test_enter_on_the_attribution_row_steps_through_named_and_unnamed(
    tmp_path: Path,
) -> None:
    from tui.screens.source import SourceScreen

    async with app_on(framing_casebook(tmp_path)).run_test(size=(120, 40)) as pilot:
        grid = await open_comparison(pilot)
        await pilot.press("end", "home", *["j"] * (len(ROWS) - 1))
        assert ROWS[grid.row] == "attribution named/unnamed"
        await pilot.press("enter")
        await settled(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, SourceScreen)
        state = screen.lens_state()
        shown = [c.text for c in state.shown]
        assert "said" in shown  # named: "The ministry said"
        assert any("people familiar" in t for t in shown)  # unnamed
        assert len(shown) == 4  # 2 named, 2 unnamed: the table's "2 / 2"
