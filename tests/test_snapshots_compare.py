"""SVG snapshots of comparing evidence word by word (issue 16), at 80×24 and 160×48: a
`kind: variants` dispute aligned in the main screen, the "compare with…" picker, and the
AzTV speech's two renderings aligned with the cursor on a difference; the last in the
light theme too. Review them with `pytest --snapshot-update` and look at the report: they
are the record of what users see."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_snapshots import SIZES
from tui_support import settled

from tui.app import create_app


async def _variants(pilot) -> None:  # type: ignore[no-untyped-def]
    """The brothers' names: aligned in place of the cards, the view focused."""
    await settled(pilot)
    pilot.app.main_screen.goto_dispute("brothers-names")
    await settled(pilot)
    await pilot.press("enter", "n")
    await pilot.pause()


async def _picker(pilot) -> None:  # type: ignore[no-untyped-def]
    """`c` on the AzTV speech's first card (the dispute's cards, `c` from its aligned view),
    then `c`: the picker, with "sever" typed."""
    await settled(pilot)
    pilot.app.main_screen.goto_dispute("aztv-1937-wording")
    await settled(pilot)
    await pilot.press("enter", "c", "c", *"sever")
    await pilot.pause()


async def _aligned(pilot) -> None:  # type: ignore[no-untyped-def]
    """The picker's choice (the second rendering) aligned, at the second difference."""
    await _picker(pilot)
    await pilot.press("enter")
    await settled(pilot)
    await pilot.press("n", "n")
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("flow", [_variants, _picker, _aligned], ids=lambda f: f.__name__[1:])
def test_compare_screens(snap_compare, flow, size) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(create_app(keymap_file=Path("/nonexistent")), terminal_size=size,
                        run_before=flow)  # fmt: skip


def test_compare_light_theme(snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def light(pilot) -> None:  # type: ignore[no-untyped-def]
        pilot.app.theme = "textual-light"
        await _aligned(pilot)

    app = create_app(keymap_file=Path("/nonexistent"))
    assert snap_compare(app, terminal_size=(160, 48), run_before=light)
