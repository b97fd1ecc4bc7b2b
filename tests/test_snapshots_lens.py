"""SVG snapshots of the framing lens in the source view and of the source profile, at
80×24 and 160×48 (issue 14). Review them with `pytest --snapshot-update` and look at the
report: they are the record of what users see."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_snapshots import SIZES
from tui_support import settled

from tui.app import create_app


async def _source(pilot) -> None:  # type: ignore[no-untyped-def]
    """The bundled op-ed "pushes-back" at ¶3 (a cited paragraph)."""
    await settled(pilot)
    pilot.app.main_screen.open_source("pushes-back", 3)
    await settled(pilot)


async def _lens(pilot) -> None:  # type: ignore[no-untyped-def]
    """The lens on, at the second cue from ¶3."""
    await _source(pilot)
    await pilot.press("f", "n", "n")
    await pilot.pause()


async def _profile(pilot) -> None:  # type: ignore[no-untyped-def]
    await _source(pilot)
    await pilot.press("p")
    await settled(pilot)
    await pilot.pause(0.3)  # the source view's worker (its cues) done, the focus scrolled to
    await settled(pilot)


async def _profile_category(pilot) -> None:  # type: ignore[no-untyped-def]
    """From the profile, enter on "loaded": the lens on loaded words only, at the first."""
    await _profile(pilot)
    await pilot.press(*["down"] * 7, "enter")
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("flow", [_lens, _profile, _profile_category], ids=lambda f: f.__name__[1:])
def test_lens_screens(snap_compare, flow, size) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(create_app(keymap_file=Path("/nonexistent")), terminal_size=size,
                        run_before=flow)  # fmt: skip


def test_lens_light_theme(snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def light(pilot) -> None:  # type: ignore[no-untyped-def]
        pilot.app.theme = "textual-light"
        await _lens(pilot)

    app = create_app(keymap_file=Path("/nonexistent"))
    assert snap_compare(app, terminal_size=(160, 48), run_before=light)
