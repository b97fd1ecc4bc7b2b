"""SVG snapshots of two sources side by side (issue 16) at 80×24 and 160×48: the picker of
the second source, the two seed op-eds side by side (opened from the family's card, at
pushes-back's ¶11), and after `=` (the right column on a paragraph citing the same
dispute, the status line naming it); and at 60×20, too narrow for two columns. On a copy
of the bundled example.

Review changed snapshots with `pytest --snapshot-update` and look at the report.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_snapshots import SIZES, still_cursors
from tui_support import copy_bundled, settled

from tui.app import create_app


async def _picker(pilot) -> None:  # type: ignore[no-untyped-def]
    """pushes-back's source opened from the first dispute's third card, then `s`."""
    await settled(pilot)
    await pilot.press("tab", "l", "l", "enter")
    await settled(pilot)
    await pilot.press("s")
    await still_cursors(pilot)


async def _side(pilot) -> None:  # type: ignore[no-untyped-def]
    await _picker(pilot)
    await pilot.press("enter")
    await settled(pilot)


async def _matched(pilot) -> None:  # type: ignore[no-untyped-def]
    await _side(pilot)
    await pilot.press("equals_sign")
    await settled(pilot)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("flow", [_picker, _side, _matched], ids=lambda f: f.__name__[1:])
def test_side_by_side_screens(snap_compare, flow, size, tmp_path) -> None:  # type: ignore[no-untyped-def]
    casebook = copy_bundled(tmp_path) / "casebook.yaml"
    app = create_app(casebook, keymap_file=Path("/nonexistent"))
    assert snap_compare(app, terminal_size=size, run_before=flow)


def test_side_by_side_too_narrow(snap_compare, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """At 60×20, narrower than two columns need: the line saying so in their place."""
    casebook = copy_bundled(tmp_path) / "casebook.yaml"
    app = create_app(casebook, keymap_file=Path("/nonexistent"))
    assert snap_compare(app, terminal_size=(60, 20), run_before=_side)
