"""`contested export --format html` at one size: the whole casebook against `check`, and
one dispute in-process.

    python -m benchmarks.export [--size L] [--runs 5]

- whole casebook: `contested export DIR --format html -o FILE` and `contested check DIR`,
  each a process from start to exit, interleaved (one warm-up each), so a busy machine
  slows both alike; the target is export ≤ 2× check (issue 13).
- one dispute: what the app's "Export dispute…" does once the casebook is loaded: `select`
  one dispute (a different one each run, so nothing is anchored yet; its sources read as
  the app has them, through a fresh `Documents` and the process's document cache), render
  it, write it atomically. Target < 200 ms.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from benchmarks.harness import CONTESTED, Row, Series, secs
from benchmarks.measures import _timed

WHOLE_RATIO = 2.0
ONE_MS = 200.0


def measure_whole(directory: Path, runs: int, out: Path) -> tuple[Series, Series]:
    """(export html, check) of the casebook in `directory`, interleaved."""
    export_argv = [str(CONTESTED), "export", str(directory), "--format", "html", "-o", str(out)]
    check_argv = [str(CONTESTED), "check", str(directory)]
    export, check = Series(), Series()
    for run in range(runs + 1):
        check_time = _timed(check_argv)
        export_time = _timed(export_argv)
        if run:
            check.times.append(check_time)
            export.times.append(export_time)
    return export, check


def measure_one(directory: Path, runs: int, out: Path) -> Series:
    """One dispute exported as html in-process, the casebook loaded once."""
    from claims.documents import Documents
    from claims.export import exporters, select, write
    from claims.loader import load

    casebook = load(directory / "casebook.yaml").casebook
    html = exporters()["html"]
    one = Series()
    for run in range(runs + 1):
        dispute = casebook.disputes[(run * 997 + 13) % len(casebook.disputes)]
        started = time.perf_counter()
        selection = select(casebook, [dispute.id], Documents(casebook))
        write(out, html.render(casebook, selection))
        elapsed = time.perf_counter() - started
        if run:
            one.times.append(elapsed)
    return one


def rows(directory: Path, size: str, runs: int) -> list[Row]:
    """The table's two rows for the casebook of `size` in `directory`."""
    from benchmarks.report import absolute_row, ratio_row

    with tempfile.TemporaryDirectory(prefix="contested-export-bench-") as folder:
        out = Path(folder) / "export.html"
        export, check = measure_whole(directory, runs, out)
        one = measure_one(directory, max(runs, 11), out)
    whole = ratio_row(f"export html {size} (floor: check {size})", export, check, WHOLE_RATIO, secs)
    return [whole, absolute_row(f"export html {size}, one dispute (in-process)", one, None, ONE_MS)]


def main(argv: list[str] | None = None) -> int:
    from benchmarks.report import standalone

    return standalone(rows, __doc__, 5, argv)


if __name__ == "__main__":
    sys.exit(main())
