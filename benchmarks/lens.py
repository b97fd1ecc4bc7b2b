"""The framing lens on one 50-paragraph source at L: from the `f` key leaving tmux to the
lens on the screen (issue 14: within 30 ms).

    python -m benchmarks.lens [--size L] [--runs 21]

`contested DIR` in a 160×48 tmux session; the first dispute's first card, `enter` on it:
the source view on that source (every source at L has 50 paragraphs of 60–80 words, some
200 cues). Then `f` is pressed in turn on and off: each "on" is timed until the legend
("Framing lens") is on the pane (the highlighted paragraphs are drawn in the same frame),
each "off" until it is gone. The cues are found in a worker once the source is shown (as
the app does for any source), so these presses time drawing the lens, not finding cues;
finding them is timed apart, in-process (`profile` of that source, lists compiled, no
cache: what `f` costs when pressed before the worker is done). The floor, in the same
session: the source view's own redraw without the lens, `j`/`k` (scroll a line) timed
until the pane changes.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from benchmarks.harness import APP_ENV, CONTESTED, REPO, Row, Series
from benchmarks.tmux import Tmux

LENS_MS = 30.0
LEGEND = "Framing lens"


def _document_lines(screen: str) -> str:
    """The part of the pane that scrolls (the lines holding ¶ marks and text, roughly)."""
    return "\n".join(screen.splitlines()[4:-6])


def measure(directory: Path, runs: int, timeout: float = 300.0) -> tuple[Series, Series, Series]:
    """(lens on, lens off, floor: a scroll of the source view), seconds."""
    on, off, floor = Series(), Series(), Series()
    with Tmux(REPO) as tmux:
        target, started = tmux.launch([str(CONTESTED), str(directory)], APP_ENV)
        ready = tmux.wait(target, lambda s: "errors" in s, started, timeout)
        if not ready.ok:
            on.status, on.detail = ready.status, "the app never showed its status"
            return on, off, floor
        tmux.settle(target, quiet=1.0, limit=30.0)
        tmux.send(target, "Enter")
        tmux.settle(target, quiet=0.5, limit=10.0)
        since = tmux.send(target, "Enter")
        opened = tmux.wait(target, lambda s: "cited by" in s, since, 30.0)
        if not opened.ok:
            on.status, on.detail = opened.status, "the source view never showed"
            return on, off, floor
        tmux.settle(target, quiet=1.0, limit=10.0)  # the worker finds the cues meanwhile
        for run in range(runs + 1):
            since = tmux.send(target, "f")
            shown = tmux.wait(target, lambda s: LEGEND in s, since, 10.0)
            if not shown.ok:
                on.status, on.detail = shown.status, "the lens never showed"
                break
            time.sleep(0.1)
            since = tmux.send(target, "f")
            gone = tmux.wait(target, lambda s: LEGEND not in s, since, 10.0)
            if not gone.ok:
                off.status, off.detail = gone.status, "the lens never went"
                break
            if run:
                on.times.append(shown.seconds)  # type: ignore[arg-type]
                off.times.append(gone.seconds)  # type: ignore[arg-type]
            time.sleep(0.1)
        for run in range(runs + 1):
            before = _document_lines(tmux.capture(target))
            since = tmux.send(target, "j" if run % 2 == 0 else "k")
            moved = tmux.wait(target, lambda s, b=before: _document_lines(s) != b, since, 10.0)
            if not moved.ok:
                floor.status, floor.detail = moved.status, "the view never scrolled"
                break
            if run:
                floor.times.append(moved.seconds)  # type: ignore[arg-type]
            time.sleep(0.1)
        tmux.stop(target)
    return on, off, floor


def finding(directory: Path, runs: int) -> Series:
    """`claims.framing.profile` of the first dispute's first cited source, in-process, the
    lists compiled first, no cue cache (seconds)."""
    from claims.documents import Documents
    from claims.framing import profile
    from claims.loader import load

    casebook = load(directory).casebook
    source_id = casebook.disputes[0].positions[0].evidence[0].source
    document = Documents(casebook).get(source_id)
    out = Series()
    if document is None:
        out.status, out.detail = "error", f"source {source_id} unreadable"
        return out
    for run in range(runs + 1):
        started = time.perf_counter()
        profile(casebook.sources[source_id], document, casebook)
        if run:
            out.times.append(time.perf_counter() - started)
    return out


def rows(directory: Path, size: str, runs: int) -> list[Row]:
    """The table's rows for the casebook of `size` in `directory`."""
    from benchmarks.report import absolute_row

    on, off, floor = measure(directory, runs)
    found = finding(directory, runs)
    floor_name = "floor: a line's scroll of the source view"
    on_name = f"lens on, one 50-paragraph source at {size} ({floor_name})"
    found_name = f"finding one source's cues at {size} (in-process, no cache)"
    return [
        absolute_row(on_name, on, floor, LENS_MS),
        absolute_row(f"lens off at {size} ({floor_name})", off, floor, LENS_MS),
        absolute_row(found_name, found, None, LENS_MS),
    ]


def main(argv: list[str] | None = None) -> int:
    from benchmarks import generate

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--size", default="L")
    parser.add_argument("--runs", type=int, default=21)
    options = parser.parse_args(argv)
    for row in rows(generate.ensure(options.size), options.size, options.runs):
        print(" | ".join((row.measure, row.value, row.floor, row.ratio, row.target, row.result)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
