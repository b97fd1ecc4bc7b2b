"""`contested framing` at one size: the whole casebook against `check` (issue 14).

    python -m benchmarks.framing [--size L] [--runs 5]

`contested framing DIR` (text for people, every source profiled, the coverage of every
dispute) and `contested framing DIR --format json` (every cue's span written out), each
against `contested check DIR`: processes from start to exit, output to /dev/null,
interleaved with check (one warm-up each), so a busy machine slows both alike. Target:
framing ≤ 1.5× check.
"""

from __future__ import annotations

import sys
from pathlib import Path

from benchmarks.harness import CONTESTED, Row, Series, secs
from benchmarks.measures import _timed

RATIO = 1.5


def measure(directory: Path, runs: int, extra: list[str]) -> tuple[Series, Series]:
    """(framing with `extra` arguments, check) of the casebook in `directory`, interleaved."""
    framing_argv = [str(CONTESTED), "framing", str(directory), *extra]
    check_argv = [str(CONTESTED), "check", str(directory)]
    framing, check = Series(), Series()
    for run in range(runs + 1):
        check_time = _timed(check_argv)
        framing_time = _timed(framing_argv)
        if run:
            check.times.append(check_time)
            framing.times.append(framing_time)
    return framing, check


def rows(directory: Path, size: str, runs: int) -> list[Row]:
    """The table's rows for the casebook of `size` in `directory`."""
    from benchmarks.report import ratio_row

    out = []
    for label, extra in (("", []), (" --format json", ["--format", "json"])):
        framing, check = measure(directory, runs, extra)
        name = f"framing {size}{label} (floor: check {size})"
        out.append(ratio_row(name, framing, check, RATIO, secs))
    return out


def main(argv: list[str] | None = None) -> int:
    from benchmarks.report import standalone

    return standalone(rows, __doc__, 5, argv)


if __name__ == "__main__":
    sys.exit(main())
