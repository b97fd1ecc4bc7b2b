"""SVG snapshots of the framing comparison, the coverage matrix and its choice of quotes,
at 80×24 and 160×48 (issue 14); and the comparison of a casebook with a source whose
language has no framing lists.

Review changed snapshots with `pytest --snapshot-update` and look at them (rsvg-convert to
PNG) before committing: they are the record of what users see.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_coverage_app import framing_casebook
from tui_support import settled

from tui.app import create_app

SIZES = [(80, 24), (160, 48)]


async def _comparison(pilot) -> None:  # type: ignore[no-untyped-def]
    await settled(pilot)
    await pilot.press("F")
    await settled(pilot)


async def _comparison_row(pilot) -> None:  # type: ignore[no-untyped-def]
    """The cursor on `loaded`, in the second source: its bars."""
    await _comparison(pilot)
    await pilot.press(*"jjjjjjj", "l")
    await settled(pilot)


async def _coverage(pilot) -> None:  # type: ignore[no-untyped-def]
    await settled(pilot)
    await pilot.press("C")
    await settled(pilot)
    await pilot.press("j", "l")
    await pilot.pause()


async def _choice(pilot) -> None:  # type: ignore[no-untyped-def]
    await settled(pilot)
    await pilot.press("C")
    await settled(pilot)
    await pilot.press("j", "enter")
    await settled(pilot)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize(
    "flow", [_comparison, _comparison_row, _coverage, _choice], ids=lambda f: f.__name__[1:]
)
def test_framing_screens(snap_compare, flow, size) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(create_app(keymap_file=Path("/nonexistent")), terminal_size=size,
                        run_before=flow)  # fmt: skip


def test_comparison_without_lists(snap_compare, tmp_path) -> None:  # type: ignore[no-untyped-def]
    root = framing_casebook(tmp_path)
    app = create_app(root, keymap_file=Path("/nonexistent"))
    assert snap_compare(app, terminal_size=(100, 30), run_before=_comparison_row)
