"""The timeline screen at L: from the `t` key leaving tmux to the timeline on the screen
(issue 16: within 200 ms; 5,000 disputes, 1,000 sources).

    python -m benchmarks.timeline_app [--size L] [--runs 11] [--launches 3]

`contested DIR` in a 160×48 tmux session, once its check is done ("errors" in the status
line). `t` is timed until the timeline is on the pane: its about line ("5,000 disputes:
5000 dated (1 Jan 2024 – …") and a row's event mark (◆) in the same capture. The first
`t` of a launch builds the timeline (`claims.timeline.build_timeline` in a worker, then
the first screenful drawn):
timed once per launch, over `--launches` launches. Then `escape` and `t` again, `--runs`
times: the timeline kept for the casebook loaded (drawing only). `+` (zoom in) and `-` are
timed until the pane changes. The floor, in the same session: a row's move in the timeline
(`j`/`k`: the status line names the next dispute), timed until the pane changes.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from benchmarks.harness import APP_ENV, CONTESTED, REPO, Row, Series
from benchmarks.tmux import Tmux

TIMELINE_MS = 200.0
ABOUT = " dated ("


def _shown(screen: str) -> bool:
    return ABOUT in screen and "◆" in screen


def _launch(tmux: Tmux, directory: Path, timeout: float) -> tuple[str | None, str]:
    """A new app on `directory`, its check done: (target, "") or (None, why not)."""
    target, started = tmux.launch([str(CONTESTED), str(directory)], APP_ENV)
    ready = tmux.wait(target, lambda s: "errors" in s, started, timeout)
    if not ready.ok:
        return None, f"the app never showed its status ({ready.status} {ready.detail})"
    tmux.settle(target, quiet=1.0, limit=30.0)
    return target, ""


def measure(
    directory: Path, runs: int, launches: int, timeout: float = 300.0
) -> tuple[Series, Series, Series, Series]:
    """(first `t` of a launch, `t` again, zoom in/out, floor: a line's scroll), seconds."""
    first, again, zoom, floor = Series(), Series(), Series(), Series()
    with Tmux(REPO) as tmux:
        target = ""
        for launch in range(launches):
            launched, why = _launch(tmux, directory, timeout)
            if launched is None:
                first.status, first.detail = "error", why
                return first, again, zoom, floor
            target = launched
            since = tmux.send(target, "t")
            shown = tmux.wait(target, _shown, since, 30.0)
            if not shown.ok:
                first.status, first.detail = shown.status, "the timeline never showed"
                return first, again, zoom, floor
            first.times.append(shown.seconds)  # type: ignore[arg-type]
            if launch < launches - 1:
                tmux.stop(target)
        tmux.settle(target, quiet=0.5, limit=10.0)
        for run in range(runs + 1):
            since = tmux.send(target, "Escape")
            gone = tmux.wait(target, lambda s: ABOUT not in s, since, 10.0)
            if not gone.ok:
                again.status, again.detail = gone.status, "escape never left the timeline"
                break
            time.sleep(0.1)
            since = tmux.send(target, "t")
            shown = tmux.wait(target, _shown, since, 10.0)
            if not shown.ok:
                again.status, again.detail = shown.status, "the timeline never showed again"
                break
            if run:
                again.times.append(shown.seconds)  # type: ignore[arg-type]
            time.sleep(0.1)
        tmux.send(target, "End")  # the last row, then a page up twice: on the top row in sight
        tmux.send(target, "PageUp")
        tmux.send(target, "PageUp")
        for series, keys in ((zoom, ("+", "-")), (floor, ("k", "k"))):
            tmux.settle(target, quiet=0.3, limit=5.0)
            for run in range(runs + 1):
                before = tmux.capture(target)
                since = tmux.send(target, keys[run % 2])
                moved = tmux.wait(target, lambda s, b=before: s != b, since, 10.0)
                if not moved.ok:
                    series.status, series.detail = moved.status, "the pane never changed"
                    break
                if run:
                    series.times.append(moved.seconds)  # type: ignore[arg-type]
                time.sleep(0.1)
        tmux.stop(target)
    return first, again, zoom, floor


def rows(directory: Path, size: str, runs: int, launches: int = 3) -> list[Row]:
    """The table's rows for the casebook of `size` in `directory`."""
    from benchmarks.report import absolute_row

    first, again, zoom, floor = measure(directory, runs, launches)
    floor_name = "floor: a line's scroll of the timeline"
    return [
        absolute_row(
            f"timeline on screen at {size}, first `t` ({floor_name})", first, floor, TIMELINE_MS
        ),
        absolute_row(
            f"timeline on screen at {size}, `t` again ({floor_name})", again, floor, TIMELINE_MS
        ),
        absolute_row(f"timeline zoom `+`/`-` at {size} ({floor_name})", zoom, floor, TIMELINE_MS),
    ]


def main(argv: list[str] | None = None) -> int:
    from benchmarks import generate

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--size", default="L")
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--launches", type=int, default=3)
    options = parser.parse_args(argv)
    directory = generate.ensure(options.size)
    for row in rows(directory, options.size, options.runs, options.launches):
        print(" | ".join((row.measure, row.value, row.floor, row.ratio, row.target, row.result)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
