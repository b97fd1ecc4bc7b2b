"""SVG snapshots of capturing evidence (issue 15) at 80×24 and 160×48: a sentence selected
in the source view, the dispute and position pickers, the new-position form (its side
dropdown open too) and the new-dispute form, and the question asked on a conflict. On a
copy of the bundled example; nothing is written.

Review changed snapshots with `pytest --snapshot-update` and look at the report.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_snapshots import SIZES, still_cursors
from textual.content import Content
from tui_support import copy_bundled, settled

from tui.app import create_app
from tui.screens.capture_conflict import CaptureConflictScreen


async def _selected(pilot) -> None:  # type: ignore[no-untyped-def]
    """The first card's source, the sentence of the quote it opened at selected (`)`)."""
    await settled(pilot)
    await pilot.press("tab", "enter")
    await pilot.pause()
    await pilot.press("right_parenthesis")
    await pilot.pause()


async def _disputes(pilot) -> None:  # type: ignore[no-untyped-def]
    await _selected(pilot)
    await pilot.press("a")
    await pilot.pause()
    await pilot.press(*"brothers")
    await still_cursors(pilot)


async def _positions(pilot) -> None:  # type: ignore[no-untyped-def]
    await _disputes(pilot)
    await pilot.press("enter")
    await pilot.pause()


async def _new_position(pilot) -> None:  # type: ignore[no-untyped-def]
    await _positions(pilot)
    await pilot.press("end", "enter")
    await pilot.pause()
    await pilot.press(*"Author")
    await still_cursors(pilot)


async def _side_choices(pilot) -> None:  # type: ignore[no-untyped-def]
    """The new-position form's side dropdown open: within the dialog, not spilling out."""
    await _new_position(pilot)
    await pilot.press("shift+tab", "enter")
    await still_cursors(pilot)


async def _new_dispute(pilot) -> None:  # type: ignore[no-untyped-def]
    await _selected(pilot)
    await pilot.press("a")
    await pilot.pause()
    await pilot.press("up", "enter")
    await pilot.pause()
    await pilot.press(*"Were the brothers tortured?")
    await still_cursors(pilot)


async def _conflict(pilot) -> None:  # type: ignore[no-untyped-def]
    await _selected(pilot)
    message = Content.assemble(
        "deaths.yaml changed on disk since it was read\n\n",
        ("Nothing was written. ", "bold"),
        "Reload the casebook from disk and try again?",
    )
    pilot.app.push_screen(CaptureConflictScreen(message))
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize(
    "flow",
    [_selected, _disputes, _positions, _new_position, _side_choices, _new_dispute, _conflict],
    ids=lambda f: f.__name__[1:],
)
def test_capture_screens(snap_compare, flow, size, tmp_path) -> None:  # type: ignore[no-untyped-def]
    casebook = copy_bundled(tmp_path) / "casebook.yaml"  # the example itself is never added to
    app = create_app(casebook, keymap_file=Path("/nonexistent"))
    assert snap_compare(app, terminal_size=size, run_before=flow)
