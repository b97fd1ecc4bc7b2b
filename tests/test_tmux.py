"""The installed `contested`, in a real terminal (tmux): a quote shows in its source paragraph."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

from tmux_support import CONTESTED, Terminal, flatten, needs_tmux

from claims.bundled import bundled_casebook

pytestmark = needs_tmux


def test_quote_shows_in_its_source_paragraph_in_a_real_terminal() -> None:
    assert CONTESTED.exists(), "install the project first (see README)"
    term = Terminal([str(CONTESTED)])
    try:
        main = term.wait_for("How did the Safarov brothers die?")
        term.wait_for("heart failure")
        assert "\x1b" not in main
        term.keys("Tab")
        term.keys("Enter")
        quote = "While Russian experts cited the cause of death as heart failure"
        source = term.wait_for("Next cited", "¶6", quote)
        assert "cited by: cause-of-death" in flatten(source)
        term.keys("Escape")
        # back where we were: the main screen, the card we opened (and its quote) on screen
        back = term.wait_for("Filter", "Open source", "heart failure")
        assert "Next cited" not in back
        # an arrow key is an escape sequence: the app's own input loop must read it whole
        term.keys("Escape")  # from the card to the list: the card's key leaves the key bar
        term.wait_for("Filter", absent=("Open source",))
        term.keys("Down")
        term.wait_for("who-killed-them ·")
        term.keys("q")
    finally:
        term.close()


def text_of(line: str, start: int = 0, end: int | None = None) -> str:
    """The words of `line[start:end]`, bars and scrollbars left out."""
    return " ".join(re.sub("[\u2580-\u259f]", " ", line[start:end]).split())


def test_dragging_over_a_card_selects_and_copies_and_does_not_open_the_source() -> None:
    term = Terminal([str(CONTESTED), str(bundled_casebook())])  # no "no casebook here" note
    try:
        screen = term.wait_for("How did the Safarov brothers die?", "heart failure", "warning")
        lines = screen.splitlines()
        x, y = term.find("While Russian", screen)  # on the first card
        # to the end of the first word on the card's next line
        bar = lines[y].rindex("▌", 0, x)  # the card's bar
        after = re.match(r"▌ (\S+)", lines[y + 1][bar:])
        assert after is not None
        end_x = bar + after.end(1) - 1
        term.drag((x, y), (end_x, y + 1))
        term.keys("C-c")
        copied = term.clipboard()
        screen = term.screen()
        assert "Next cited" not in screen  # still the main screen: no source opened
        assert "Filter" in screen
        # the card's wrapped lines come out as one, the bar and the other columns left out
        rest_of_line = re.split(r"\s{3,}|▌", lines[y][x:])[0].strip()
        assert copied == rest_of_line + " " + after[1]
        assert copied.startswith("While Russian experts")
        # a plain click (pressed and released on one cell, nothing selected) still opens it
        term.click(x + 3, y)
        term.wait_for("Next cited", "¶6")
        term.keys("q")
    finally:
        term.close()


def test_copying_across_paragraphs_of_a_source_leaves_out_who_cites_them() -> None:
    term = Terminal([str(CONTESTED), str(bundled_casebook())])  # no "no casebook here" note
    try:
        term.wait_for("How did the Safarov brothers die?", "heart failure", "warning")
        term.keys("Tab", "Enter")
        screen = term.wait_for("Next cited", "cited by: cause-of-death", "Ziyoddin and Husayn")
        _x, note = term.find("cited by: cause-of-death", screen)  # under ¶6, before ¶7
        lines = screen.splitlines()
        text = lines[note + 2].index("Ziyoddin and Husayn")  # where the text column begins
        # from the start of ¶6's last two lines, over who cites it, to the end of ¶7's first
        end = (len(lines[note + 2].rstrip()) - 1, note + 2)
        term.drag((text, note - 2), end)
        term.keys("C-c")
        copied = term.clipboard()
        assert "cited by" not in copied
        assert "¶" not in copied
        six = text_of(lines[note - 2], text) + " " + text_of(lines[note - 1], text)
        assert copied == six + "\n\n" + text_of(lines[note + 2], text)
        assert "to death.\n\nZiyoddin and Husayn Safarov sustained" in copied
        assert "Next cited" in term.screen()
        term.keys("q")
    finally:
        term.close()


def test_a_drag_with_no_motion_before_the_press_selects_from_the_press() -> None:
    """A terminal sends no motion before a press when the pointer was already in place:
    the selection must start where the button went down, not at the top of the view."""
    term = Terminal([str(CONTESTED), str(bundled_casebook())], width=160, height=48)
    try:
        term.wait_for("How did the Safarov brothers die?", "heart failure", "warning")
        # the source view first: no pointer has been over any view yet
        term.keys("Tab", "Enter")
        screen = term.wait_for("Next cited", "cited by: cause-of-death", "Ziyoddin and Husayn")
        x, y = term.find("Ziyoddin and Husayn", screen)
        term.drag((x, y), (x + len("Ziyoddin and Husayn") - 1, y), hover=False)
        term.keys("C-c")
        assert term.clipboard() == "Ziyoddin and Husayn"
        term.run("delete-buffer")
        term.keys("Escape")  # the drag's selection cleared, as the keys' is: still reading
        term.wait_for("Next cited", "esc Back", absent=("Clear selection",))
        term.keys("Escape")  # nothing selected: back
        # a card: its view had not seen the pointer either
        screen = term.wait_for("Filter", "Open source", "heart failure", absent=("Next cited",))
        x, y = term.find("While Russian", screen)
        term.drag((x, y), (x + len("While Russian") - 1, y), hover=False)
        term.keys("C-c")
        assert term.clipboard() == "While Russian"
        assert "Next cited" not in term.screen()  # the drag opened nothing
        term.keys("q")
    finally:
        term.close()


def test_e_with_an_editor_that_cannot_run_leaves_the_app_working(tmp_path: Path) -> None:
    """A `$VISUAL` that names no program, or one that cannot be started, is told on the
    app's own screen; the terminal is the app's again (keys work, `q` quits)."""
    garbage = tmp_path / "garbage-editor"
    garbage.write_bytes(b"\x7fELF\x00not a program")  # found, executable, cannot be run
    garbage.chmod(0o755)
    for visual, said in (("/nonexistent/ed", "/nonexistent/ed"), (str(garbage), "Exec format")):
        command = ["env", "-u", "EDITOR", f"VISUAL={visual}", str(CONTESTED)]
        term = Terminal([*command, str(bundled_casebook())], width=160, height=48)
        try:
            term.wait_for("How did the Safarov brothers die?", "heart failure", "warning")
            term.keys("Tab")
            term.wait_for("Open source")
            term.keys("e")
            term.wait_for("Cannot run", said)
            term.keys("Escape")  # the app reads keys again: back to the list, then down it
            term.wait_for("Filter", absent=("Open source",))
            term.keys("Down")
            term.wait_for("who-killed-them ·")
            term.keys("q")
            deadline = time.monotonic() + 10
            while term.run("list-panes") and time.monotonic() < deadline:
                time.sleep(0.05)
            assert not term.run("list-panes"), "the app did not quit:\n" + term.screen()
        finally:
            term.close()


def test_help_at_80x24_is_a_whole_box_over_the_problems_panel(tmp_path: Path) -> None:
    """Help at 80×24, the problems panel open under it: the box has all four corners, and
    nothing of the screen behind it (the panel) shows between them."""
    root = tmp_path / "casebook"
    shutil.copytree(bundled_casebook(), root)
    source = root / "sources" / "tortured-in-baku.txt"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("heart failure", "a stroke"), encoding="utf-8")
    term = Terminal([str(CONTESTED), str(root)], width=80, height=24)
    try:
        term.wait_for("Problems:", "error")  # the panel opens by itself for an error
        term.keys("?")
        screen = term.wait_for("Keys (escape: close)", "Marks in the list")
        lines = screen.splitlines()
        left, top = term.find("╭", screen)
        right = lines[top].index("╮")
        corners = (y for y in range(top + 1, len(lines)) if lines[y][left : left + 1] == "╰")
        bottom = next(corners, None)
        assert bottom is not None, "the help box has no bottom border:\n" + screen
        assert lines[bottom][right] == "╯"
        inside = "\n".join(line[left : right + 1] for line in lines[top : bottom + 1])
        assert "Problems:" not in inside
        term.keys("Escape")
        term.wait_for("Problems:", absent=("Marks in the list",))
        term.keys("q")
    finally:
        term.close()
