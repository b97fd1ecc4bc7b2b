"""Two faults found while building capture (issue 15), each failing on the code before:

- a reload while a source is open (the app's own after a capture, or a file saved in an
  editor) waited 2 s per part of the casebook for the main screen to be drawn, which it
  is not under the source view: the capture showed seconds late;
- a selection over a quote (a mouse drag, or `v`) was drawn in the screen's selection
  colour at half strength blended over the quote's side colour: red became a slightly
  other red (#ff6b6b to #bf5f6a), hard to tell from the quote itself.
"""

from __future__ import annotations

import time
from pathlib import Path

from textual.geometry import Offset
from textual.selection import Selection
from tui_support import copy_bundled, settled

from tui.app import create_app
from tui.screens.source import SourceScreen
from tui.widgets.document_view import DocumentView


async def test_a_reload_under_the_source_view_is_shown_within_a_second(tmp_path: Path) -> None:
    root = copy_bundled(tmp_path)
    app = create_app(root / "casebook.yaml")
    async with app.run_test(size=(120, 36)) as pilot:
        await settled(pilot)
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)
        main = app.main_screen
        assert main is not None
        old = main.session
        started = time.monotonic()
        main.action_reload()
        while not (main.session is not old and main.session and main.session.report):
            assert time.monotonic() - started < 1.0, "the reload took over a second"
            await pilot.pause(0.02)


async def test_a_selection_over_a_quote_is_drawn_unlike_the_quote() -> None:
    app = create_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settled(pilot)
        await pilot.press("tab", "enter")  # at ¶6, its quote highlighted in a side colour
        await pilot.pause()
        view = app.screen.query_one(DocumentView)
        layout = view._layout
        assert layout is not None
        quote = "While Russian"
        row = next(y for y in range(len(layout.lines)) if quote in layout.lines[y][2].plain)
        y = row - view.scroll_offset.y
        before = [s for s in view.render_line(y) if quote in s.text]
        assert before
        x = 1 + view._gutter + layout.lines[row][2].plain.index(quote)
        app.screen.selections = {view: Selection(Offset(x, row), Offset(x + len(quote), row))}
        await pilot.pause()
        after = [s for s in view.render_line(y) if quote in s.text]
        assert after
        drawn_before, drawn_after = before[0].style, after[0].style
        assert drawn_before is not None
        assert drawn_after is not None
        assert drawn_after.reverse or drawn_after.bgcolor != drawn_before.bgcolor
        # and it is not a blend that leaves it looking like the quote: reverse video
        assert drawn_after.reverse
