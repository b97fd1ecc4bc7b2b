"""Comparing in a real terminal (tmux): the brothers' names open aligned, `c` shows the
cards, `c` and a typed word pick the AzTV speech's other rendering, and the aligned view
is on screen with the substitution marked; `escape` comes back to the cards."""

from __future__ import annotations

from pathlib import Path

from tmux_support import CONTESTED, Terminal, flatten, needs_tmux
from tui_support import copy_bundled

pytestmark = needs_tmux


def test_the_aligned_views_in_a_real_terminal(tmp_path: Path) -> None:
    assert CONTESTED.exists(), "install the project first (see README)"
    root = copy_bundled(tmp_path)
    term = Terminal([str(CONTESTED), str(root)], width=120, height=40)
    try:
        term.wait_for("How did the Safarov brothers die?", "0 errors")
        term.keys("/")
        term.wait_for("filter: words")
        term.keys(*"transliteration")
        term.wait_for("1 of 26")
        term.keys("Enter")
        screen = term.wait_for("Ziyouddin", "Ziyoddin", "variant 2")
        assert "Ziyouddin ~ Ziyoddin" in flatten(screen)  # one row, the variant's mark between
        term.keys("Enter")  # into the aligned view
        term.wait_for("Next difference", "c Cards")
        term.keys("c")  # its cards
        term.wait_for("Copy quote", "Author, 1 July piece", absent=("variant 2",))
        term.keys("c")
        term.wait_for("Back to the aligned view", "Compare with")
        term.keys(*"harshly")
        term.wait_for("2 of ", "quotes · enter: compare", "more harshly")
        term.keys("Enter")
        screen = term.wait_for("Compare: word by word", "≠ substitution", "n/N: next")
        assert "\x1b" not in screen
        term.keys("n")
        screen = term.wait_for("difference 1 of ")
        assert "≠" in screen
        term.keys("Escape")
        term.wait_for("Copy quote", "Author, 1 July piece", absent=("Compare: word",))
        term.keys("q")
    finally:
        term.close()
