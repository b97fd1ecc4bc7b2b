"""The timeline (issue 16, part 3) at one size: the model, the CLI's JSON and the HTML
export's SVG, each against a floor measured in the same run.

    python -m benchmarks.timeline [--size L] [--runs 5]

- build: `claims.timeline.build_timeline` on a casebook loaded once (in-process), what the
  app's `t` does before it draws. Floor: one pass over every evidence of every dispute,
  looking up its source's `published:` and its position's side (what any timeline must
  read). Target ≤ 50 ms at L (the screen must be up within 200 ms of the key).
- json: `contested timeline DIR --format json` as a process, start to exit, against a
  process that only loads the casebook (`claims.loader.load`), interleaved, one warm-up
  each. Target ≤ 2× the floor.
- svg: the HTML report's timeline section (`claims.export._htmltimeline.section`, every
  dispute, no quote links) in-process, against `build_timeline` alone: for information.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from benchmarks.harness import CONTESTED, Row, Series, ms, secs
from benchmarks.measures import _timed

BUILD_MS = 50.0
JSON_RATIO = 2.0
LOAD_ONLY = (
    "import sys; from pathlib import Path; from claims.loader import load; load(Path(sys.argv[1]))"
)


def _floor_pass(casebook: object) -> int:
    """One pass over every evidence: its source's date and its position's side."""
    sources = casebook.sources  # type: ignore[attr-defined]
    seen = 0
    for dispute in casebook.disputes:  # type: ignore[attr-defined]
        for position in dispute.positions:
            side = position.side
            for evidence in position.evidence:
                source = sources.get(evidence.source)
                if source is not None and source.published is not None and side:
                    seen += 1
    return seen


def measure_build(directory: Path, runs: int) -> tuple[Series, Series, Series]:
    """(build_timeline, floor: one pass over the evidence, the SVG section), the casebook
    loaded once; the build and its floor interleaved, the SVG timed after them (its
    megabytes of text would otherwise be freed inside the next build's time)."""
    from claims.export._htmlsection import Section
    from claims.export._htmltimeline import section
    from claims.export.html import esc
    from claims.loader import load
    from claims.timeline import build_timeline

    casebook = load(directory).casebook
    build, floor, svg = Series(), Series(), Series()
    for run in range(runs + 1):
        started = time.perf_counter()
        _floor_pass(casebook)
        floor_time = time.perf_counter() - started
        started = time.perf_counter()
        built = build_timeline(casebook)
        build_time = time.perf_counter() - started
        del built
        if run:
            build.times.append(build_time)
            floor.times.append(floor_time)
    for run in range(max(runs // 4, 3) + 1):
        started = time.perf_counter()
        report = Section(
            casebook, casebook.disputes, [], esc, lambda s: None, lambda d: "d", lambda r: "q",
            lambda c: True,
        )  # fmt: skip
        drawn = section(report)
        svg_time = time.perf_counter() - started
        del drawn
        if run:
            svg.times.append(svg_time)
    return build, floor, svg


def measure_json(directory: Path, runs: int) -> tuple[Series, Series]:
    """(`contested timeline DIR --format json`, a process loading the casebook), each a
    process from start to exit, interleaved, one warm-up each."""
    json_argv = [str(CONTESTED), "timeline", str(directory), "--format", "json"]
    load_argv = [sys.executable, "-c", LOAD_ONLY, str(directory)]
    timeline, floor = Series(), Series()
    for run in range(runs + 1):
        floor_time = _timed(load_argv)
        json_time = _timed(json_argv)
        if run:
            floor.times.append(floor_time)
            timeline.times.append(json_time)
    return timeline, floor


def rows(directory: Path, size: str, runs: int) -> list[Row]:
    """The table's rows for the casebook of `size` in `directory`."""
    from benchmarks.report import absolute_row, ratio_row

    build, floor, svg = measure_build(directory, max(runs, 21))
    json_out, load_floor = measure_json(directory, runs)
    return [
        absolute_row(
            f"timeline build {size} (floor: one pass over the evidence)", build, floor, BUILD_MS
        ),
        ratio_row(
            f"timeline --format json {size} (floor: load {size})",
            json_out,
            load_floor,
            JSON_RATIO,
            secs,
        ),
        ratio_row(f"timeline SVG {size}, in-process (floor: build)", svg, build, None, ms),
    ]


def main(argv: list[str] | None = None) -> int:
    from benchmarks.report import standalone

    return standalone(rows, __doc__, 5, argv)


if __name__ == "__main__":
    sys.exit(main())
