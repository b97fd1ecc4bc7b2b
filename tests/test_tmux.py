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
        self.run("new-session", "-d", "-x", str(width), "-y", str(height),
                 f"env {env} {' '.join(command)}")  # fmt: skip

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
