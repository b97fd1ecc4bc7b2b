"""The installed `contested`, in a real terminal (tmux): a quote shows in its source paragraph."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from claims.bundled import bundled_casebook

CONTESTED = Path(sys.executable).parent / "contested"
TMUX = shutil.which("tmux")

pytestmark = pytest.mark.skipif(
    TMUX is None and not os.environ.get("CI"), reason="tmux is not installed (CI installs it)"
)


def flatten(screen: str) -> str:
    """The screen's words in order: wrapping, focus bars and scrollbars taken out."""
    return " ".join(re.sub("[\u2580-\u259f]", " ", screen).split())


class Terminal:
    def __init__(self, command: list[str], width: int = 120, height: int = 40) -> None:
        assert TMUX, "tmux is required in CI"
        self.socket = f"contested-test-{uuid.uuid4().hex[:8]}"
        env = " ".join(f"{k}={v}" for k, v in {"TERM": "xterm-256color"}.items())
        # tmux's environment may hold COLUMNS and LINES of another size, which Textual takes
        self.run("new-session", "-d", "-x", str(width), "-y", str(height),
                 f"env -u COLUMNS -u LINES {env} {' '.join(command)}")  # fmt: skip
        self.run("set-option", "-s", "set-clipboard", "on")  # the app's OSC 52 copies: a buffer

    def run(self, *args: str) -> str:
        done = subprocess.run(
            [TMUX or "tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=10
        )
        return done.stdout

    def screen(self) -> str:
        return self.run("capture-pane", "-p")

    def wait_for(self, *texts: str, absent: tuple[str, ...] = (), timeout: float = 20.0) -> str:
        """The screen once every one of `texts` is on it and none of `absent` (the screen
        may draw in parts)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            flat = flatten(screen)
            if all(text in flat for text in texts) and not any(t in flat for t in absent):
                return screen
            time.sleep(0.05)
        raise AssertionError(f"{texts!r} never showed; the screen was:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        self.run("send-keys", *keys)

    def find(self, text: str, screen: str | None = None) -> tuple[int, int]:
        """Where `text` first starts on the screen (or on `screen`, one captured before):
        (column, row), 0-based."""
        screen = self.screen() if screen is None else screen
        for y, line in enumerate(screen.splitlines()):
            if text in line:
                return line.index(text), y
        raise AssertionError(f"{text!r} is not on the screen:\n{screen}")

    def mouse(self, button: int, x: int, y: int, release: bool = False) -> None:
        """What the terminal sends for a mouse event at (x, y), 0-based, in SGR encoding
        (1-based, `M` press or motion, `m` release): 0 the left button, 32 motion with it
        held, 35 motion with no button."""
        self.run("send-keys", "-l", f"\x1b[<{button};{x + 1};{y + 1}{'m' if release else 'M'}")

    def drag(self, start: tuple[int, int], end: tuple[int, int]) -> None:
        """The pointer moved over `start`, pressed, moved to `end` (inclusive) and released."""
        self.mouse(35, *start)  # a real pointer moves over the text before pressing
        time.sleep(0.1)
        self.mouse(0, *start)
        steps = 4
        for step in range(1, steps + 1):
            self.mouse(32, start[0] + (end[0] - start[0]) * step // steps,
                       start[1] + (end[1] - start[1]) * step // steps)  # fmt: skip
        self.mouse(0, *end, release=True)

    def click(self, x: int, y: int) -> None:
        self.mouse(35, x, y)
        time.sleep(0.1)
        self.mouse(0, x, y)
        self.mouse(0, x, y, release=True)

    def clipboard(self, timeout: float = 10.0) -> str:
        """What the app last copied: it sends it in an OSC 52 sequence, which tmux keeps in
        a paste buffer (`set-clipboard on`)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.run("list-buffers"):
                return self.run("show-buffer")
            time.sleep(0.05)
        raise AssertionError(f"nothing was copied; the screen was:\n{self.screen()}")

    def close(self) -> None:
        self.run("kill-server")


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
