"""A real terminal for the tests: the app run in a tmux server of its own, read back with
`capture-pane`, driven with keys and SGR mouse sequences, its copies read from tmux's paste
buffer. (Pilot skips parts of Textual's event handling; a terminal does not.)"""

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

needs_tmux = pytest.mark.skipif(
    TMUX is None and not os.environ.get("CI"), reason="tmux is not installed (CI installs it)"
)


def flatten(screen: str) -> str:
    """The screen's words in order: wrapping, focus bars and scrollbars taken out."""
    return " ".join(re.sub("[\u2580-\u259f]", " ", screen).split())


class Terminal:
    """A tmux server of its own, running `command` in a `width`×`height` window."""

    def __init__(
        self,
        command: list[str],
        width: int = 120,
        height: int = 40,
        cwd: Path | None = None,
    ) -> None:
        assert TMUX, "tmux is required in CI"
        self.socket = f"contested-test-{uuid.uuid4().hex[:8]}"
        env = " ".join(f"{k}={v}" for k, v in {"TERM": "xterm-256color"}.items())
        # tmux's environment may hold COLUMNS and LINES of another size, which Textual takes
        where = ("-c", str(cwd)) if cwd else ()
        self.run("new-session", "-d", "-x", str(width), "-y", str(height), *where,
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

    def drag(self, start: tuple[int, int], end: tuple[int, int], hover: bool = True) -> None:
        """The pointer moved over `start` (unless not `hover`: already there, the terminal
        sends no motion first), pressed, moved to `end` (inclusive) and released."""
        if hover:
            self.mouse(35, *start)  # a pointer usually moves over the text before pressing
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
