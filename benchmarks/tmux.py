"""A real terminal for the benchmarks: tmux on a private socket, read by polling the pane.

One `Tmux` is one tmux server on its own socket (`tmux -L bench-<pid>`, no user config),
killed in `close()` whatever happened. Programs run in detached sessions of 160×48 with
TERM=xterm-256color; `remain-on-exit` keeps a pane whose program ended, so the harness can
tell "exited" (and its status) from "still starting".

Times are `time.perf_counter()` seconds. A screen is read with `capture-pane -p` (plain text,
no styles), about every 5 ms; one read costs about 2 ms, so a reported time is good to
about ±5 ms.
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import signal
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

WIDTH, HEIGHT = 160, 48
POLL = 0.005  # seconds between two reads of the screen
DEAD_CHECK = 0.1  # seconds between two checks that the program still runs
TERM_ENV = {"TERM": "xterm-256color", "COLORTERM": "truecolor"}


@dataclass(frozen=True)
class Waited:
    """How a wait ended: `seconds` when the screen matched, else why not."""

    seconds: float | None
    status: str = "ok"  # ok | timeout | exited | crashed
    detail: str = ""
    screen: str = ""

    @property
    def ok(self) -> bool:
        return self.seconds is not None


class TmuxError(RuntimeError):
    pass


class Tmux:
    def __init__(self, cwd: Path) -> None:
        self.socket = f"bench-{os.getpid()}"
        self.cwd = cwd
        self.env = {k: v for k, v in os.environ.items() if k not in ("TMUX", "TMUX_PANE")}
        self.env.update(TERM_ENV)
        self._count = 0
        self._started = False
        self._socket_path = ""

    # -- server ------------------------------------------------------------------------

    def __enter__(self) -> Tmux:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self) -> None:
        """Start the server with an idle session, so it outlives the measured ones."""
        self._tmux(
            "-f", "/dev/null", "new-session", "-d", "-s", "idle", "-x", str(WIDTH),
            "-y", str(HEIGHT), "sleep 86400",
        )  # fmt: skip
        self._started = True
        self._socket_path = self._tmux("display-message", "-p", "#{socket_path}").strip()
        self._tmux("set-option", "-g", "remain-on-exit", "on")
        self._tmux("set-option", "-g", "status", "off")
        self._tmux("set-option", "-g", "history-limit", "0")

    def close(self) -> None:
        if self._started:
            self._started = False
            subprocess.run(
                ["tmux", "-L", self.socket, "kill-server"],
                env=self.env,
                capture_output=True,
                check=False,
            )
            if self._socket_path:  # tmux leaves its socket file behind
                Path(self._socket_path).unlink(missing_ok=True)

    def _tmux(self, *args: str, check: bool = True) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, *args], env=self.env, capture_output=True, text=True
        )
        if check and done.returncode != 0:
            raise TmuxError(f"tmux {' '.join(args)}: {done.stderr.strip()}")
        return done.stdout

    # -- programs ----------------------------------------------------------------------

    def launch(self, argv: Sequence[str], env: dict[str, str] | None = None) -> tuple[str, float]:
        """Start `argv` in a new 160×48 session; return (target, perf_counter at launch)."""
        self._count += 1
        name = f"run{self._count}"
        assignments = [f"{k}={v}" for k, v in {**TERM_ENV, **(env or {})}.items()]
        command = "exec env " + shlex.join([*assignments, *argv])
        started = time.perf_counter()
        self._tmux(
            "new-session", "-d", "-s", name, "-x", str(WIDTH), "-y", str(HEIGHT),
            "-c", str(self.cwd), command,
        )  # fmt: skip
        return f"{name}:0.0", started

    def pane_pid(self, target: str) -> int | None:
        out = self._tmux("display-message", "-p", "-t", target, "#{pane_pid}", check=False)
        return int(out) if out.strip().isdigit() else None

    def dead(self, target: str) -> tuple[bool, str]:
        """Whether the program in `target` ended, and how ("" while it runs, or if it was 0)."""
        out = self._tmux(
            "display-message", "-p", "-t", target,
            "#{pane_dead}|#{pane_dead_status}|#{pane_dead_signal}",
            check=False,
        ).strip()  # fmt: skip
        if not out:
            return True, "the session is gone"
        dead, status, sig = [*out.split("|"), "", ""][:3]
        if dead != "1":
            return False, ""
        if sig:
            return True, f"killed by signal {sig}"
        if status and status != "0":
            return True, f"exit status {status}"
        return True, ""

    def stop(self, target: str) -> None:
        """Kill the session of `target` and make sure its program is gone."""
        pid = self.pane_pid(target)
        dead, _ = self.dead(target)
        self._tmux("kill-session", "-t", target.split(":")[0], check=False)
        if pid is None or dead:
            return
        deadline = time.perf_counter() + 3
        while Path(f"/proc/{pid}").exists() and time.perf_counter() < deadline:
            time.sleep(0.01)
        if Path(f"/proc/{pid}").exists():
            with contextlib.suppress(ProcessLookupError):  # it ignored SIGHUP: end it
                os.kill(pid, signal.SIGKILL)

    # -- screen and keys ---------------------------------------------------------------

    def capture(self, target: str) -> str:
        return self._tmux("capture-pane", "-p", "-t", target, check=False)

    def send(self, target: str, *keys: str) -> float:
        """Send tmux key names (`Down`, `Enter`, `Escape`, `C-u`); return when they left."""
        started = time.perf_counter()
        self._tmux("send-keys", "-t", target, *keys)
        return started

    def type(self, target: str, text: str) -> float:
        """Send `text` literally, every character a key press."""
        started = time.perf_counter()
        self._tmux("send-keys", "-t", target, "-l", text)
        return started

    def wait(
        self,
        target: str,
        matches: Callable[[str], bool],
        since: float,
        timeout: float,
    ) -> Waited:
        """Poll the screen until `matches(screen)`; seconds from `since` to that screen."""
        deadline = since + timeout
        next_dead_check = time.perf_counter() + DEAD_CHECK
        screen = ""
        while True:
            before = time.perf_counter()
            screen = self.capture(target)
            after = time.perf_counter()
            if matches(screen):
                return Waited((before + after) / 2 - since, screen=screen)
            if after >= deadline:
                return Waited(None, "timeout", f"after {timeout:.0f} s", screen)
            if after >= next_dead_check:
                next_dead_check = after + DEAD_CHECK
                dead, how = self.dead(target)
                if dead:
                    screen = self.capture(target)
                    if matches(screen):
                        return Waited(time.perf_counter() - since, screen=screen)
                    if how:
                        return Waited(None, "crashed", how, screen)
                    return Waited(None, "exited", "exit status 0", screen)
            time.sleep(POLL)

    def settle(self, target: str, quiet: float = 0.15, limit: float = 3.0) -> str:
        """Wait until the screen has not changed for `quiet` seconds (at most `limit`)."""
        start = time.perf_counter()
        last = self.capture(target)
        changed = time.perf_counter()
        while time.perf_counter() - start < limit:
            time.sleep(POLL)
            screen = self.capture(target)
            now = time.perf_counter()
            if screen != last:
                last, changed = screen, now
            elif now - changed >= quiet:
                break
        return last


MARKER = re.compile(r"Question (\d{4})")


def markers(screen: str) -> list[int]:
    """The dispute numbers (`Question NNNN`) visible on `screen`, in reading order."""
    return [int(m) for m in MARKER.findall(screen)]


def peak_rss_kib(pid: int) -> int | None:
    """VmHWM (peak resident set) of `pid` and its descendants: the largest, in KiB."""
    best: int | None = None
    for p in [pid, *_descendants(pid)]:
        try:
            status = Path(f"/proc/{p}/status").read_text()
        except OSError:
            continue
        found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
        if found:
            best = max(best or 0, int(found.group(1)))
    return best


def _descendants(pid: int) -> list[int]:
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children = (task / "children").read_text().split()
        except OSError:
            continue
        for child in map(int, children):
            out += [child, *_descendants(child)]
    return out
