"""SVG snapshots of the timeline (issue 16) on the bundled casebook, at 80×24 and 160×48
and in the light theme. Review them with `pytest --snapshot-update` and look at the report:
they are the record of what users see."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_snapshots import SIZES
from tui_support import settled

from tui.app import create_app


async def _timeline(pilot) -> None:  # type: ignore[no-untyped-def]
    """`t`, then the cursor down to cause-of-death (27 Jun 2025) and on its first source."""
    await settled(pilot)
    await pilot.press("t")
    await settled(pilot)
    await pilot.press("j", "j", "j", "j", "l")
    await pilot.pause()


async def _zoomed(pilot) -> None:  # type: ignore[no-untyped-def]
    """The same, zoomed in twice: a day a column at 80, two at 160."""
    await _timeline(pilot)
    await pilot.press("plus", "plus")
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("flow", [_timeline, _zoomed], ids=lambda f: f.__name__[1:])
def test_timeline_screens(snap_compare, flow, size) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(create_app(keymap_file=Path("/nonexistent")), terminal_size=size,
                        run_before=flow)  # fmt: skip


def test_timeline_light_theme(snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def light(pilot) -> None:  # type: ignore[no-untyped-def]
        pilot.app.theme = "textual-light"
        await _zoomed(pilot)

    app = create_app(keymap_file=Path("/nonexistent"))
    assert snap_compare(app, terminal_size=(160, 48), run_before=light)
