"""Two sources side by side in a real terminal (tmux), driven with SGR mouse sequences: the
wheel over the right column scrolls that column only, and a click there gives it the focus
(the keys then scroll it, not the left)."""

from __future__ import annotations

import time

from tmux_support import CONTESTED, Terminal, needs_tmux

pytestmark = needs_tmux

WIDTH, HEIGHT = 120, 40
WHEEL_DOWN = 65  # SGR mouse: 64 wheel up, 65 wheel down


def steady(term: Terminal, quiet: float = 0.5) -> str:
    """The pane once it has not changed for `quiet` seconds."""
    last, since = term.screen(), time.monotonic()
    deadline = since + 10
    while time.monotonic() - since < quiet and time.monotonic() < deadline:
        time.sleep(0.05)
        screen = term.screen()
        if screen != last:
            last, since = screen, time.monotonic()
    return last


def columns(screen: str, split: int) -> tuple[list[str], list[str]]:
    """The text rows of each column (below the two heading lines, above the status line),
    cut at `split`, the column where the right column's border stands."""
    rows = screen.splitlines()[3 : HEIGHT - 3]
    return [r[: split - 1] for r in rows], [r[split + 1 :] for r in rows]


def test_wheel_and_click_in_the_right_column_move_only_that_column() -> None:
    assert CONTESTED.exists(), "install the project first (see README)"
    term = Terminal([str(CONTESTED)], width=WIDTH, height=HEIGHT)
    try:
        term.wait_for("How did the Safarov brothers die?")
        term.keys("Tab", "l", "l", "Enter")  # the family's card: pushes-back's source
        term.wait_for("Next cited", "According to those close to the family")
        term.keys("s")
        term.wait_for("which source?", "33 citations")
        term.keys("Enter")
        term.wait_for("side by side", "Same dispute", "Russians were tortured in Baku")
        before = steady(term)
        split, _ = term.find("Russians were tortured", before)
        split -= 2  # the heading's padding, then the border
        left, right = columns(before, split)
        x, y = split + 30, HEIGHT // 2
        for _ in range(3):
            term.mouse(WHEEL_DOWN, x, y)
        wheeled = steady(term)
        left_after, right_after = columns(wheeled, split)
        assert right_after != right, "the wheel did not scroll the right column"
        assert left_after == left, "the wheel over the right column moved the left one"
        term.click(x, y)  # the right column takes the focus: the keys scroll it now
        clicked = steady(term)
        term.keys("j", "j", "j", "j")
        keyed = steady(term)
        left_keyed, right_keyed = columns(keyed, split)
        assert right_keyed != columns(clicked, split)[1], "j did not scroll the clicked column"
        assert left_keyed == left, "j scrolled the left column after a click on the right"
        term.keys("Tab")  # and back: now j scrolls the left one
        term.keys("j", "j")
        tabbed = steady(term)
        assert columns(tabbed, split)[0] != left
        assert columns(tabbed, split)[1] == right_keyed
        term.keys("Escape")
        term.wait_for("Next cited", absent=("Same dispute",))
        term.keys("q")
    finally:
        term.close()


def test_a_click_on_the_left_then_enter_lists_the_left_paragraphs_disputes() -> None:
    """F1 in a real terminal: tortured-in-baku on the left (its ¶6 cites cause-of-death and
    who-killed-them), pushes-back on the right (its ¶6 cites brothers-citizenship); the
    focus on the right, a click on the left's ¶6, then `enter`: the left ¶6's disputes."""
    term = Terminal([str(CONTESTED)], width=WIDTH, height=HEIGHT)
    try:
        term.wait_for("How did the Safarov brothers die?")
        term.keys("Enter")  # the first dispute's cards
        term.wait_for("Russian forensic experts")
        steady(term)
        term.keys("Enter")  # the first card: tortured-in-baku at its ¶6
        term.wait_for("Next cited", "Russians were tortured")
        term.keys("s")
        term.wait_for("which source?")
        term.keys("Enter")
        term.wait_for("side by side", "Same dispute")
        term.keys("Tab")  # the focus on the right column
        shown = steady(term)
        x, y = term.find("¶6", shown)
        assert x < WIDTH // 2, "the left column's ¶6 is in sight"
        term.click(x + 12, y)  # on its text
        steady(term)
        term.keys("Enter")
        shown = term.wait_for("Disputes citing ¶6").splitlines()
        top = next(i for i, row in enumerate(shown) if "Disputes citing ¶6" in row)
        left_edge = shown[top].index("╭")
        box = []  # the list's rows, between its borders (the columns show behind it)
        for row in shown[top + 1 :]:
            if row[left_edge : left_edge + 1] != "│":
                break
            box.append(row[left_edge + 1 : row.index("│", left_edge + 1)])
        listed = "\n".join(box)
        assert "cause-of-death" in listed
        assert "who-killed-them" in listed
        assert "brothers-citizenship" not in listed
        term.keys("Escape", "Escape", "Escape", "q")
    finally:
        term.close()


def test_a_reload_keeps_the_right_column_level_with_the_left() -> None:
    """F3 (session 22) in a real terminal: `=` puts pushes-back's ¶11 level with
    tortured-in-baku's ¶6; a paragraph then inserted at the top of pushes-back's file: the
    right column shows the same text on the same rows (now ¶12), as the left does; it
    jumped about 15 lines up."""
    import re
    import tempfile
    from pathlib import Path

    from tui_support import copy_bundled

    def text_of(rows: list[str]) -> list[str]:  # no ¶ numbers, cursor bars or scrollbars
        return [re.sub("[\u2580-\u259f]", " ", re.sub(r"¶\d+", "¶", r)).rstrip() for r in rows]

    with tempfile.TemporaryDirectory() as folder:
        root = copy_bundled(Path(folder))
        term = Terminal([str(CONTESTED), str(root)], width=WIDTH, height=HEIGHT)
        try:
            term.wait_for("How did the Safarov brothers die?")
            term.keys("Enter")  # the first dispute's cards
            term.wait_for("Russian forensic experts")
            steady(term)
            term.keys("Enter")  # the first card: tortured-in-baku at its ¶6
            term.wait_for("Next cited", "Russians were tortured")
            term.keys("s")
            term.wait_for("which source?")
            term.keys("Enter")  # pushes-back
            term.wait_for("side by side", "Same dispute")
            term.keys("=")
            term.wait_for("¶6 ↔ ¶11")
            before = steady(term)
            split = before.splitlines()[1].index("▏")
            left, right = columns(before, split + 1)
            assert any("¶11 " in row for row in right)
            source = root / "sources" / "azerbaijan-pushes-back.txt"
            text = source.read_text(encoding="utf-8")
            source.write_text("A new first paragraph.\n" + text, encoding="utf-8")
            term.wait_for("¶12 ◆◆◆+2 That morning")
            after = steady(term, quiet=1.0)
            left_after, right_after = columns(after, split + 1)
            assert text_of(left_after) == text_of(left), "the left column moved"
            assert text_of(right_after) == text_of(right), "the right column lost its place"
            assert [r.index("¶12 ") for r in right_after if "¶12 " in r] == [
                r.index("¶11 ") for r in right if "¶11 " in r
            ]
            term.keys("Escape", "Escape", "q")
        finally:
            term.close()
