"""What every part of the benchmark suite shares: where things are, the targets, the
options of a run, a measure's timed runs (`Series`), a row of the table (`Row`), and how
times are written."""

from __future__ import annotations

import statistics
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
RESULTS = HERE / "RESULTS.md"
README = HERE / "README.md"
BIN = Path(sys.executable).parent
CONTESTED = BIN / "contested"
#: The app runs with its default key bindings, whatever the user's keymap says.
APP_ENV = {"CONTESTED_KEYMAP": "/nonexistent/contested-benchmark-keymap.toml"}

# Targets, from issue 4.
CHECK_RATIO = 1.5
START_RATIO = {"S": 1.3, "L": 2.5}
KEY_MS = 50.0
FILTER_MS = 100.0
RSS_MB = 400.0
GROWTH = 12.0


# -- results -------------------------------------------------------------------------------


@dataclass
class Row:
    measure: str
    value: str
    floor: str = "—"
    ratio: str = "—"
    target: str = "—"
    result: str = "info"  # pass | FAIL | info | timeout | exited | crashed | n/a | error


@dataclass
class Series:
    """The timed runs of one measure (seconds), or why there are none."""

    times: list[float] = field(default_factory=list)
    status: str = "ok"
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.status == "ok" and bool(self.times)

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    def why(self) -> str:
        if self.status == "ok" and not self.times:
            return "no timed run"
        return f"{self.status}" + (f" ({self.detail})" if self.detail else "")


@dataclass
class Options:
    sizes: list[str]
    runs: int
    smoke: bool
    start_timeout: float
    key_timeout: float
    next_keys: list[str]
    open_keys: list[str]
    back_keys: list[str]
    after_back_keys: list[str]
    filter_keys: list[str]
    source_detector: str
    filter_detector: str
    verbose: bool


def log(options: Options, message: str) -> None:
    if options.verbose:
        print(message, file=sys.stderr, flush=True)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def secs(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


class Crash(Exception):
    """Something that must fail the run (and CI): not a missed target."""
