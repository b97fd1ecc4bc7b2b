"""SVG snapshots of every screen at 80×24 and 160×48 (and the main screen at 200×60), and
of the main, source and help screens in the light theme.

Review changed snapshots with `pytest --snapshot-update` and look at the report before
committing them: they are the record of what users see.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_tui_anchors import anchors_casebook
from textual.widgets import Input
from tui_support import copy_bundled, hostile_casebook, settled

from tui.app import create_app

SIZES = [(80, 24), (160, 48)]


async def still_cursors(pilot) -> None:  # type: ignore[no-untyped-def]
    """Stop cursors blinking: a blink makes the picture depend on timing."""
    for box in pilot.app.screen.query(Input):
        box.cursor_blink = False
    await pilot.pause(0.3)


async def _main(pilot) -> None:  # type: ignore[no-untyped-def]
    await settled(pilot)


async def _card(pilot) -> None:  # type: ignore[no-untyped-def]
    """The dispute view focused: enter from the list, then the next position's card."""
    await settled(pilot)
    await pilot.press("enter", "l")
    await pilot.pause()


async def _source(pilot) -> None:  # type: ignore[no-untyped-def]
    await settled(pilot)
    await pilot.press("tab", "enter")
    await pilot.pause()


async def _citing(pilot) -> None:  # type: ignore[no-untyped-def]
    await _source(pilot)
    await pilot.press("enter")
    await pilot.pause()


async def _help(pilot) -> None:  # type: ignore[no-untyped-def]
    await settled(pilot)
    await pilot.press("question_mark")
    await pilot.pause()


async def _filter(pilot) -> None:  # type: ignore[no-untyped-def]
    await settled(pilot)
    await pilot.press("slash", *"plane")
    await still_cursors(pilot)


async def _palette(pilot) -> None:  # type: ignore[no-untyped-def]
    await settled(pilot)
    await pilot.press("ctrl+p", *"sputnik")
    await pilot.pause(0.3)
    await pilot.app.workers.wait_for_complete()  # the palette searches in a worker
    await still_cursors(pilot)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize(
    "flow", [_main, _card, _source, _citing, _help, _filter, _palette], ids=lambda f: f.__name__[1:]
)
def test_bundled_screens(snap_compare, flow, size) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(create_app(keymap_file=Path("/nonexistent")), terminal_size=size,
                        run_before=flow)  # fmt: skip


def test_main_uses_the_width(snap_compare) -> None:  # type: ignore[no-untyped-def]
    app = create_app(keymap_file=Path("/nonexistent"))
    assert snap_compare(app, terminal_size=(200, 60), run_before=_main)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_casebook_with_problems(snap_compare, tmp_path, size) -> None:  # type: ignore[no-untyped-def]
    root = copy_bundled(tmp_path)
    deaths = root / "disputes" / "deaths.yaml"
    deaths.write_text(
        deaths.read_text(encoding="utf-8").replace("heart failure", "cardiac arrest"),
        encoding="utf-8",
    )
    app = create_app(root, keymap_file=Path("/nonexistent"))
    assert snap_compare(app, terminal_size=size, run_before=_main)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_hostile_text(snap_compare, tmp_path, size) -> None:  # type: ignore[no-untyped-def]
    app = create_app(hostile_casebook(tmp_path), keymap_file=Path("/nonexistent"))
    assert snap_compare(app, terminal_size=size, run_before=_source)


async def _drifted_card(pilot) -> None:  # type: ignore[no-untyped-def]
    """The first card focused: a quote found only fuzzily, what differs spelled out."""
    await settled(pilot)
    await pilot.press("enter")
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_drifted_card(snap_compare, tmp_path, size) -> None:  # type: ignore[no-untyped-def]
    app = create_app(anchors_casebook(tmp_path, "drift"), keymap_file=Path("/nonexistent"))
    assert snap_compare(app, terminal_size=size, run_before=_drifted_card)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_source_of_an_ambiguous_quote(snap_compare, tmp_path, size) -> None:  # type: ignore[no-untyped-def]
    """Every place the quote stands in marked; the view at the second (`n`)."""
    app = create_app(anchors_casebook(tmp_path, "ambiguous"), keymap_file=Path("/nonexistent"))

    async def flow(pilot) -> None:  # type: ignore[no-untyped-def]
        await _source(pilot)
        await pilot.press("n")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=flow)


async def _four(pilot) -> None:  # type: ignore[no-untyped-def]
    """The main screen on a dispute with four positions (a 2×2 grid at 160 columns)."""
    await settled(pilot)
    await pilot.press("down")
    await settled(pilot)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_four_positions(snap_compare, size) -> None:  # type: ignore[no-untyped-def]
    app = create_app(keymap_file=Path("/nonexistent"))
    assert snap_compare(app, terminal_size=size, run_before=_four)


@pytest.mark.parametrize("flow", [_four, _source, _help], ids=lambda f: f.__name__[1:])
def test_light_theme(snap_compare, flow) -> None:  # type: ignore[no-untyped-def]
    """Every widget in the light theme's colours, switched to after the app started."""
    app = create_app(keymap_file=Path("/nonexistent"))

    async def lit(pilot) -> None:  # type: ignore[no-untyped-def]
        await settled(pilot)
        pilot.app.theme = "textual-light"
        await flow(pilot)

    assert snap_compare(app, terminal_size=(160, 48), run_before=lit)
