"""The framing comparison (`F`) and the coverage matrix (`C`) on screen at L (issue 14).

    python -m benchmarks.framing_app [--size L] [--runs 3]

The app is started on the casebook of SIZE in a 160×48 tmux pane, once per run; once its
check is done, each run times, from the key leaving tmux to the screen showing it:

- `C` the first time (the matrix of 5,000 disputes × 1,000 sources built by a worker and
  drawn), then `escape` and `C` again (the matrix kept);
- `F` (the first window of sources profiled, every cell a number: 8 sources at 160
  columns);
- after the first `C`, `Right` ten times on the grid, each to the cell line naming the next
  source (target: the app's key target, 50 ms).

Floors, measured in the same run, in-process: building the matrix's data with no widget
(`tui.screens.coverage.build`, the garbage collector paused as the screen does), and
profiling the 8 sources of the first window (`claims.framing.profile`, their documents read
and the cue cache warm, the lists compiled afresh as a fresh app's first `F` must: what the
screen's worker does). Target: 500 ms each on screen.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

from benchmarks.harness import APP_ENV, CONTESTED, KEY_MS, REPO, Row, Series
from benchmarks.tmux import Tmux

LIMIT_MS = 500.0
CELL = re.compile(r"^\s*source\s+(src-\w+)", re.MULTILINE)
WINDOW = 8  # sources in sight at 160 columns (`tui.widgets.framing_grid`)


def _coverage_shown(screen: str) -> bool:
    return "cells cited" in screen and "src-" in screen and "dispute \\ source" in screen


def _comparison_shown(screen: str) -> bool:
    return (
        "language · words" in screen
        and screen.count("en · ") >= WINDOW
        and "…" not in (screen.split("language · words", 1)[1].split("\n", 1)[0])
    )


def measure_app(directory: Path, runs: int, timeout: float = 300.0) -> dict[str, Series]:
    """Seconds from the key to the screen: {"coverage", "coverage again", "comparison"}."""
    out = {name: Series() for name in ("coverage", "coverage again", "comparison", "key")}
    with Tmux(REPO) as tmux:
        for _ in range(runs):
            target, started = tmux.launch([str(CONTESTED), str(directory)], dict(APP_ENV))
            ready = tmux.wait(target, lambda s: "errors" in s and "reviewed" in s, started, timeout)
            if not ready.ok:
                for series in out.values():
                    series.status, series.detail = ready.status, "the app never finished its check"
                return out
            tmux.settle(target, quiet=1.0, limit=30.0)
            for name, key, shown in (
                ("coverage", "C", _coverage_shown),
                ("coverage again", "C", _coverage_shown),
                ("comparison", "F", _comparison_shown),
            ):
                since = tmux.send(target, key)
                waited = tmux.wait(target, shown, since, 30.0)
                if not waited.ok:
                    out[name].status, out[name].detail = waited.status, f"{key} never showed"
                    break
                out[name].times.append(waited.seconds)  # type: ignore[arg-type]
                tmux.settle(target, quiet=0.3, limit=10.0)
                if name == "coverage":
                    _keys(tmux, target, out["key"])
                tmux.send(target, "Escape")
                tmux.settle(target, quiet=0.5, limit=10.0)
            tmux.stop(target)
    return out


def _cell(screen: str) -> str:
    """The source id the coverage screen's cell line names ("source  src-aaab …")."""
    found = CELL.search(screen)
    return found[1] if found else ""


def _keys(tmux: Tmux, target: str, series: Series, presses: int = 10) -> None:
    """`Right` `presses` times on the coverage grid, each timed to the cell line naming
    the next source."""
    for _ in range(presses):
        before = _cell(tmux.capture(target))
        since = tmux.send(target, "Right")
        waited = tmux.wait(target, lambda s, b=before: _cell(s) not in ("", b), since, 10.0)
        if not waited.ok:
            series.status, series.detail = waited.status, "the cursor never moved"
            return
        series.times.append(waited.seconds)  # type: ignore[arg-type]
        time.sleep(0.05)


def measure_floors(directory: Path, runs: int) -> dict[str, Series]:
    """The in-process floors: {"matrix", "profiles"} (see the module)."""
    from claims.documents import Documents
    from claims.framing import profile
    from claims.framing.cache import CueCache
    from claims.framing.lists import lists_for, vader_loaded
    from claims.gcpause import paused_gc
    from claims.loader import load
    from tui.screens.coverage import build

    casebook = load(directory).casebook
    documents = Documents(casebook)
    window = list(casebook.sources)[:WINDOW]
    read = {s: documents.get(s) for s in window}
    out = {"matrix": Series(), "profiles": Series()}
    for run in range(runs + 1):
        started = time.perf_counter()
        with paused_gc():
            build(casebook)
        if run:
            out["matrix"].times.append(time.perf_counter() - started)
        cache = CueCache()
        lists_for.cache_clear()  # a fresh app reads VADER and compiles the lists on its first F
        vader_loaded.cache_clear()
        re.purge()
        started = time.perf_counter()
        for source_id in window:
            document = read[source_id]
            assert document is not None
            profile(casebook.sources[source_id], document, casebook, cache)
        if run:  # the first run warms the cue cache, as `contested framing` had
            out["profiles"].times.append(time.perf_counter() - started)
        cache.save()
    return out


def rows(directory: Path, size: str, runs: int) -> list[Row]:
    """The table's rows for the casebook of `size` in `directory`."""
    from benchmarks.report import absolute_row

    floors = measure_floors(directory, max(runs, 5))
    app = measure_app(directory, runs)
    return [
        absolute_row(f"coverage screen on screen at {size} (floor: matrix data, no widget)",
                     app["coverage"], floors["matrix"], LIMIT_MS),
        absolute_row(f"coverage screen again at {size}, matrix kept (floor: matrix data)",
                     app["coverage again"], floors["matrix"], LIMIT_MS),
        absolute_row(f"comparison screen at {size}, {WINDOW} sources (floor: their profiles)",
                     app["comparison"], floors["profiles"], LIMIT_MS),
        absolute_row(f"coverage grid: right-arrow key at {size} (no floor: bare-Textual key "
                     "floor in the main table)", app["key"], None, KEY_MS),
    ]  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    from benchmarks.report import standalone

    return standalone(rows, __doc__, 3, argv)


if __name__ == "__main__":
    sys.exit(main())
