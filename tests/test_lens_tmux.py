"""The framing lens in a real terminal (tmux): `f` draws the cues in colour with the
legend, `n` goes to a cue and names it, `f` again gives back the very same screen."""

from __future__ import annotations

import re
import time

from tmux_support import CONTESTED, Terminal, flatten, needs_tmux

pytestmark = needs_tmux

BACKGROUND = re.compile(r"\x1b\[[0-9;]*48;(?:2;\d+;\d+;\d+|5;\d+)[0-9;]*m")


def settled(term: Terminal, quiet: float = 0.5) -> str:
    """The pane with its colours once it has not changed for `quiet` seconds (the source
    view lays out the rest of the text after its first frame, and the scrollbar follows)."""
    last, since = term.run("capture-pane", "-p", "-e"), time.monotonic()
    deadline = since + 10
    while time.monotonic() - since < quiet and time.monotonic() < deadline:
        time.sleep(0.05)
        screen = term.run("capture-pane", "-p", "-e")
        if screen != last:
            last, since = screen, time.monotonic()
    return last


def test_f_and_n_show_the_cues_in_a_real_terminal() -> None:
    assert CONTESTED.exists(), "install the project first (see README)"
    term = Terminal([str(CONTESTED)], width=120, height=40)
    try:
        term.wait_for("How did the Safarov brothers die?")
        term.keys("Tab")
        term.keys("Enter")
        term.wait_for("Next cited", "¶6")
        before = settled(term)
        term.keys("f")
        lens = term.wait_for("Framing lens", "hedge", "loaded")
        assert "\x1b" not in lens
        coloured = term.run("capture-pane", "-p", "-e")
        assert len(set(BACKGROUND.findall(coloured))) > len(set(BACKGROUND.findall(before)))
        term.keys("f")  # off: the very same screen as before, colours and all
        term.wait_for("Next cited", absent=("Framing lens",))
        deadline = time.monotonic() + 5
        while term.run("capture-pane", "-p", "-e") != before and time.monotonic() < deadline:
            time.sleep(0.05)
        assert term.run("capture-pane", "-p", "-e") == before
        term.keys("f")
        term.wait_for("Framing lens")
        term.keys("n")
        screen = flatten(term.wait_for("cue ", " of 85 ·"))
        label = re.search(r"cue (\d+) of 85 · (\S+) : (.+?) hedge", screen)
        assert label is not None, screen
        term.keys("n")
        term.wait_for(f"cue {int(label.group(1)) + 1} of 85 ·")
        term.keys("f")
        term.wait_for("Next cited", absent=("Framing lens",))
        term.keys("q")
    finally:
        term.close()
