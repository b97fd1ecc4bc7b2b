"""Check at size L with HTML sources (issue 11), cold and warm cache, against its floor.

    python -m benchmarks.check_html [--size L] [--runs 3] [--off]

On the HTML casebook of `benchmarks/generate_html.py`, interleaved in one run, each the
median of `--runs` runs after one warm-up run of each:

- floor: `benchmarks/floor_check_html.py` (lxml parses each page, `str.find` each quote);
- cold cache: `contested check` with `CONTESTED_CACHE_DIR` a fresh empty folder, so every
  page is parsed, judged and its reading written to the cache;
- warm cache: `contested check` again on the folder the cold run filled;
- with `--off`: `contested check` with `CONTESTED_CACHE_DIR=off` (no cache at all).

The cache folders are temporary ones of this script's, never the user's cache, and are
removed at the end. Wall-clock seconds are the measure; CPU seconds (user + system, of the
process and its children) are printed beside them, as a loaded machine inflates wall time.
Exits non-zero only if a run fails.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET = 1.5


def _run(argv: list[str], cache: str) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run of `argv` with CONTESTED_CACHE_DIR=`cache`."""
    env = {**os.environ, "CONTESTED_CACHE_DIR": cache}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{argv} exited {done.returncode}: {done.stderr[-2000:]!r}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def measure(size: str = "L", runs: int = 3, off: bool = False) -> dict[str, tuple[float, float]]:
    """Median (wall, CPU) seconds by row name ("floor", "cold cache", "warm cache", and
    "cache off" with `off`) on the HTML casebook of `size`."""
    from benchmarks import generate_html

    directory = generate_html.ensure(size)
    check = [str(Path(sys.executable).parent / "contested"), "check", str(directory)]
    floor = [sys.executable, str(HERE / "floor_check_html.py"), str(directory)]
    times: dict[str, list[tuple[float, float]]] = {"floor": [], "cold cache": [], "warm cache": []}
    if off:
        times["cache off"] = []
    scratch = Path(tempfile.mkdtemp(prefix="contested-bench-cache-"))
    try:
        for run in range(runs + 1):
            cache = scratch / f"run-{run}"  # a new empty folder: cold is cold
            results = {
                "floor": _run(floor, str(cache)),
                "cold cache": _run(check, str(cache)),
                "warm cache": _run(check, str(cache)),
            }
            if off:
                results["cache off"] = _run(check, "off")
            shutil.rmtree(cache, ignore_errors=True)
            if run:  # run 0 is the warm-up
                for name, value in results.items():
                    times[name].append(value)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return {
        name: (statistics.median(w for w, _ in values), statistics.median(c for _, c in values))
        for name, values in times.items()
    }


def table(size: str, results: dict[str, tuple[float, float]]) -> str:
    """The rows as a Markdown table: each check against the floor of the same run."""
    floor_wall, floor_cpu = results["floor"]
    lines = [
        "| measure | value (CPU) | floor (CPU) | ratio (CPU) | target |",
        "|---|---|---|---|---|",
    ]
    for name, (wall, cpu) in results.items():
        if name == "floor":
            continue
        ratio = wall / floor_wall
        mark = "pass" if ratio <= TARGET else "FAIL"
        lines.append(
            f"| check {size}, HTML sources, {name} | {wall:.2f} s ({cpu:.2f} s) | "
            f"{floor_wall:.2f} s ({floor_cpu:.2f} s) lxml + str.find | "
            f"{ratio:.1f}× ({cpu / floor_cpu:.1f}×) | {TARGET:g}× {mark} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="L")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--off", action="store_true", help="a row with the cache off too")
    options = parser.parse_args(argv)
    if options.runs < 1:
        parser.error("--runs must be at least 1")
    results = measure(options.size.upper(), options.runs, options.off)
    print(table(options.size.upper(), results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
