"""Selecting in the source view at L (issue 15): from the key leaving tmux to the selection
drawn, against the plain cursor move in the same view, same run.

    python -m benchmarks.capture_keys [--size L] [--runs 21]

The app is started on the casebook of SIZE in a 160×48 tmux session (nothing is written:
selecting writes nothing), the first dispute's first card is opened in its source (`tab`,
`enter`). The floor is `j` and `k` pressed in turn (the view moved a line down and up:
the plain move of the reader's place, every line redrawn; `n`/`N` need a second cited
paragraph, which a generated source may not have), each timed until the pane changes.
Then `v` starts a selection and `w` and `b` are pressed in turn (a word more, a word
less), each timed until the pane shows the new selection (it changed, and the selection
bar says "… selected").
Target: within 1.5× the floor (a selection key costs what a cursor key does), and 50 ms.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from benchmarks.harness import APP_ENV, CONTESTED, KEY_MS, REPO, Row, Series
from benchmarks.tmux import Tmux

RATIO = 1.5  # the selection key against the cursor key


def _presses(tmux: Tmux, target: str, keys: tuple[str, str], runs: int, selected: bool) -> Series:
    """`keys` pressed in turn `runs` + 1 times (the first not counted), each timed until
    the pane differs from before it (and, if `selected`, still shows a selection)."""
    series = Series()
    for run in range(runs + 1):
        before = tmux.settle(target, quiet=0.1, limit=2.0)
        since = tmux.send(target, keys[run % 2])

        def changed(screen: str, before: str = before) -> bool:
            return screen != before and (not selected or " selected" in screen)

        shown = tmux.wait(target, changed, since, 10.0)
        if not shown.ok:
            series.status, series.detail = shown.status, f"{keys[run % 2]} changed nothing"
            return series
        if run:
            series.times.append(shown.seconds)  # type: ignore[arg-type]
        time.sleep(0.05)
    return series


def measure(directory: Path, runs: int, timeout: float = 300.0) -> tuple[Series, Series]:
    """(selection key to selection drawn, cursor key to cursor drawn), seconds."""
    selecting, floor = Series(), Series()
    with Tmux(REPO) as tmux:
        target, started = tmux.launch([str(CONTESTED), str(directory)], dict(APP_ENV))
        ready = tmux.wait(target, lambda s: "errors" in s, started, timeout)
        if not ready.ok:
            selecting.status, selecting.detail = ready.status, "the app never showed its status"
            return selecting, floor
        tmux.settle(target, quiet=1.0, limit=30.0)
        since = tmux.send(target, "Tab", "Enter")
        opened = tmux.wait(target, lambda s: "Next cited" in s, since, 60.0)
        if not opened.ok:
            selecting.status, selecting.detail = opened.status, "the source never opened"
            return selecting, floor
        floor = _presses(tmux, target, ("j", "k"), runs, selected=False)
        since = tmux.send(target, "v")
        if not tmux.wait(target, lambda s: " selected" in s, since, 10.0).ok:
            selecting.status, selecting.detail = "timeout", "v selected nothing"
            return selecting, floor
        selecting = _presses(tmux, target, ("w", "b"), runs, selected=True)
        tmux.stop(target)
    return selecting, floor


def rows(directory: Path, size: str, runs: int) -> list[Row]:
    """The table's rows for the casebook of `size` in `directory`."""
    from benchmarks.report import absolute_row, ratio_row

    def fmt(seconds: float) -> str:
        return f"{seconds * 1000:.0f} ms"

    selecting, floor = measure(directory, runs)
    return [
        ratio_row(
            f"capture: selection key (w/b) at {size}, drawn (floor: j/k line move)",
            selecting,
            floor,
            RATIO,
            fmt,
        ),
        absolute_row(f"capture: selection key at {size}, drawn", selecting, floor, KEY_MS),
    ]


def main(argv: list[str] | None = None) -> int:
    from benchmarks import generate
    from benchmarks.report import render

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--size", default="L")
    parser.add_argument("--runs", type=int, default=21)
    options = parser.parse_args(argv)
    print(render(rows(generate.ensure(options.size), options.size, options.runs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
