"""Capturing evidence in a real terminal (issue 15's must-show): on a copy made by
`contested init --example`, kept in git, open a source, select a sentence with the keys,
`a`, add it to an existing position and then (another sentence) to a new dispute; `git
diff` shows only inserted lines and `contested check` exits 0. And a mouse drag (SGR
sequences) selecting words, copied with `y` with its citation."""

from __future__ import annotations

import re
import subprocess
import time
from pathlib import Path

from capture_support import FIRST, SENTENCE, example, git
from tmux_support import CONTESTED, Terminal, needs_tmux

pytestmark = needs_tmux


def test_keyboard_capture_to_a_position_and_a_new_dispute(tmp_path: Path) -> None:
    folder = example(tmp_path)
    term = Terminal([str(CONTESTED), str(folder)], width=120, height=40, cwd=folder)
    try:
        term.wait_for("How did the Safarov brothers die?", "heart failure", "warning")
        term.keys("Tab", "Enter")  # the first card's source, at its quote
        term.wait_for("Next cited", "Azerbaijani specialists found")
        term.keys(")", ")", "o", ")")  # the quote's sentence, on to the next's end, its start
        term.wait_for("¶6 · 11 words selected")
        term.keys("a")
        term.wait_for("which dispute?")
        term.keys("-l", "who killed")
        term.wait_for("Were the brothers killed by Russian security forces")
        term.keys("Enter")
        term.wait_for("Which position?", "Author, 1 July piece")
        term.keys("Down", "Enter")
        term.wait_for("Added to who-killed-them · Author, 1 July piece")
        # another sentence, to a new dispute: `v` at the quote, `)` to its sentence's end
        term.keys("v", ")")
        term.wait_for("¶6 · 19 words selected")
        term.keys("a")
        term.wait_for("which dispute?", "New dispute")
        term.keys("Up", "Enter")
        term.wait_for("suggested from the question")
        term.keys("-l", "What did the two examinations find?")
        term.wait_for("two-examinations-find")  # the id suggested from the question (its slug)
        term.keys("Enter", "Enter")  # to the id, then past the file and side to the holder
        time.sleep(0.3)  # the focus lands (typing faster than that is not a person's)
        term.keys("-l", "Author, 2 July piece")
        term.wait_for("Author, 2 July piece")
        term.keys("Enter")
        time.sleep(0.3)
        term.keys("-l", "The examinations disagree.")
        term.wait_for("The examinations disagree.")
        term.keys("Enter")
        # the form gone, the paragraph cited by the new dispute too (the app reloaded)
        term.wait_for(
            "cited by: cause-of-death, who-killed-them,",
            "two-examinations-find",
            absent=("enter: next field",),
        )
        term.keys("q")
    finally:
        term.close()
    diff = git(folder, "diff", "--unified=0")
    changed = [line for line in diff.splitlines() if line[:1] in "+-"]
    changed = [line for line in changed if not line.startswith(("+++", "---"))]
    assert changed
    assert all(line.startswith("+") for line in changed), diff  # only inserted lines
    assert any(SENTENCE in line for line in changed)
    assert any(FIRST in line for line in changed)
    assert any(line.endswith("two-examinations-find") and "id:" in line for line in changed)
    done = subprocess.run([str(CONTESTED), "check", str(folder)], capture_output=True,
                          text=True)  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_mouse_drag_selects_words_and_y_copies_them_with_the_citation(
    tmp_path: Path,
) -> None:
    folder = example(tmp_path)
    term = Terminal([str(CONTESTED), str(folder)], width=120, height=40, cwd=folder)
    try:
        term.wait_for("How did the Safarov brothers die?", "heart failure", "warning")
        term.keys("Tab", "Enter")
        screen = term.wait_for("Next cited", "Azerbaijani specialists found")
        x, y = term.find("specialists found widespread", screen)
        # from inside "specialists" to inside "widespread": whole words are taken
        term.drag((x + 3, y), (x + len("specialists found wide") - 1, y))
        term.wait_for("3 words selected")
        term.keys("y")
        copied = term.clipboard()
        assert copied.startswith("“specialists found widespread” — Russians were tortured")
        assert copied.endswith(", 2025-07-02, ¶6")
        term.keys("q")
    finally:
        term.close()


def reversed_text(line: str) -> str:
    """The characters of a `capture-pane -e` line drawn in reverse video, runs joined by
    "|"."""
    out, reverse, at = [], False, 0
    for match in re.finditer(r"\x1b\[([0-9;]*)m|(.)", line):
        if match.group(2) is not None:
            out.append(match.group(2) if reverse else "|")
            continue
        codes = [int(c) if c else 0 for c in match.group(1).split(";")]
        while at < len(codes):
            code = codes[at]
            if code in (38, 48, 58):  # a colour: 5;n or 2;r;g;b follows
                at += 2 if codes[at + 1 : at + 2] == [5] else 4
            elif code in (0, 27):
                reverse = False
            elif code == 7:
                reverse = True
            at += 1
        at = 0
    return "|".join(part for part in "".join(out).split("|") if part)


def test_a_drag_is_drawn_whole_words_and_its_keys_shown_once_let_go(tmp_path: Path) -> None:
    folder = example(tmp_path)
    term = Terminal([str(CONTESTED), str(folder)], width=120, height=40, cwd=folder)
    try:
        term.wait_for("How did the Safarov brothers die?", "heart failure", "warning")
        term.keys("Tab", "Enter")
        screen = term.wait_for("Next cited", "Azerbaijani specialists found")
        x, y = term.find("specialists found widespread", screen)
        term.drag((x + 3, y), (x + len("specialists found wide") - 1, y))
        term.wait_for("3 words selected")
        # no key pressed: the words counted are the words drawn, and the key bar says
        # what can be done with them
        term.wait_for("a Add as evidence", timeout=3)
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline:
            drawn = reversed_text(term.run("capture-pane", "-p", "-e").splitlines()[y])
            if drawn == "specialists found widespread":
                break
            time.sleep(0.05)
        assert drawn == "specialists found widespread"
        term.keys("q")
    finally:
        term.close()
