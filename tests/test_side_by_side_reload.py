"""Side by side keeps both columns' places on a reload (session 22, fault F3): after `=`
put the right column's ¶11 level with the left's ¶6, a change to either source on disk
showed the left where it was but the right about 15 lines higher (its scroll stopped at
the end of its fresh, half-done layout). On a copy of the bundled example."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_side_by_side import in_sight, side_by_side, until
from test_side_by_side_faults import calm, open_tortured
from tui_support import copy_bundled

import tui.screens.main
from tui.app import create_app
from tui.widgets.document_view import DocumentView


def place(view: DocumentView) -> tuple[int, int]:
    """The view's current paragraph and the row (0-based, from the top) it starts on."""
    return view.current, view.paragraph_top(view.current) - int(view.scroll_y)


@pytest.mark.parametrize("size", [(120, 36), (200, 50)])
@pytest.mark.parametrize("changed", ["azerbaijan-pushes-back.txt", "tortured-in-baku.txt"])
async def test_a_reload_keeps_each_column_on_its_paragraph_at_its_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, changed: str, size: tuple[int, int]
) -> None:
    monkeypatch.setattr(tui.screens.main, "POLL_SECONDS", 0.05)
    root = copy_bundled(tmp_path)
    app = create_app(root / "casebook.yaml", keymap_file=Path("/nonexistent"))
    async with app.run_test(size=size) as pilot:
        await open_tortured(pilot)
        screen = await side_by_side(pilot)
        left, right = screen.views
        await pilot.press("equals_sign")
        await pilot.pause()
        before = place(left), place(right)
        assert (before[0][0], before[1][0]) == (6, 11)
        assert before[0][1] == before[1][1]  # level: both start on the same row
        seen = in_sight(left), in_sight(right)
        shown = right.passages, left.passages
        source = root / "sources" / changed
        source.write_text(source.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        await until(pilot, lambda: right.passages is not shown[0])
        await until(pilot, lambda: left.passages is not shown[1])
        await calm(pilot)
        for _ in range(3):
            await pilot.pause()
        assert app.screen is screen
        assert (place(left), place(right)) == before  # each on its paragraph, same row
        assert (in_sight(left), in_sight(right)) == seen
