"""The benchmark suite: every measure against its floor, one table.

    python -m benchmarks.run [--sizes S,M,L] [--runs 5] [--smoke] [--write]

See benchmarks/README.md for what each row means. In short:

- check: `contested check DIR` (the console script next to sys.executable), process start
  to exit, against `benchmarks/floor_check.py` (libyaml + str.find, nothing else);
- first dispute: `contested DIR` in tmux, from launch until the first dispute's question
  (`Question 0001`) and the serial word of each position's first quote are all on the
  screen, against `benchmarks/floor_app.py` (Header, Static, Footer) until its marker
  shows;
- keys (down, enter, escape), filter and peak RSS: one session of `contested DIR` at the
  largest size asked for (L in a full run), driven with `send-keys`, read with
  `capture-pane`;
- export html at the largest size: the whole casebook against `check` (both processes),
  and one dispute in-process (`benchmarks.export`);
- framing at the largest size: `contested framing` (text and JSON) against `check`
  (`benchmarks.framing`); the lens on one 50-paragraph source in the app, from `f` to the
  lens on the screen, against a line's scroll of the same view (`benchmarks.lens`);
- PDF sources (not with --smoke): a 300-page report read against pdfminer.six's own
  `extract_text`, and `check` citing it with the cache warm against the same casebook with
  a .txt source (`benchmarks.pdf`);
- compare: two 5,000-word texts aligned word by word against rapidfuzz's opcodes on the
  same words (`benchmarks.compare`); timeline at the largest size: the model built against
  one pass over the evidence, `contested timeline --format json` against loading the
  casebook (`benchmarks.timeline`); and (not with --smoke) `t` to the timeline on the
  screen in tmux, against a line's scroll of it (`benchmarks.timeline_app`).

Article extraction from web pages (issue 11: precision/recall/F1 on the public benchmark's
181 pages, and check at L with HTML sources against an lxml + str.find floor) is measured
apart, by `python -m benchmarks.extraction [--write]`, into its own section of RESULTS.md.

Every measure is the median of `--runs` runs after one warm-up run. The exit status is
non-zero only when something crashed (a check that fails on a generated casebook, a
program that died with an error, a harness error), never on a missed target.

This module is the entry point (options, the order of the measures, the rows of the
table); the pieces live beside it: `harness` (paths, targets, options, `Series`, `Row`),
`manifest` (what the screen must show), `measures` (check, start, keys, filter, RSS) and
`report` (the rows against their targets, the table, RESULTS.md and the README block).
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import shlex
import signal
import sys
import time
import traceback

from benchmarks import compare as compare_bench
from benchmarks import export as export_bench
from benchmarks import framing as framing_bench
from benchmarks import fuzzy, generate, review_keys
from benchmarks import lens as lens_bench
from benchmarks import pdf as pdf_bench
from benchmarks import review as review_bench
from benchmarks import timeline as timeline_bench
from benchmarks import timeline_app as timeline_app_bench
from benchmarks.floor_app import MARKER as FLOOR_MARKER
from benchmarks.harness import (
    APP_ENV,
    CHECK_RATIO,
    CONTESTED,
    FILTER_MS,
    HERE,
    KEY_MS,
    REPO,
    RESULTS,
    RSS_MB,
    START_RATIO,
    Crash,
    Options,
    Row,
    Series,
    log,
    secs,
)
from benchmarks.manifest import Manifest
from benchmarks.measures import (
    measure_check,
    measure_floor_keys,
    measure_interactive,
    measure_start,
)
from benchmarks.report import absolute_row, growth_row, machine, ratio_row, render, write_results
from benchmarks.tmux import Tmux

# -- main ----------------------------------------------------------------------------------


def parse(argv: list[str] | None) -> tuple[Options, bool]:
    p = argparse.ArgumentParser(
        prog="python -m benchmarks.run",
        description="Benchmark contested against its floors and print one table.",
    )
    p.add_argument("--sizes", default="S,M,L", help="comma-separated sizes (default S,M,L)")
    p.add_argument("--runs", type=int, default=5, help="timed runs per measure (default 5)")
    p.add_argument(
        "--smoke",
        action="store_true",
        help="size S, 3 runs, short timeouts: the CI smoke test (< 60 s)",
    )
    p.add_argument(
        "--write",
        action="store_true",
        help="write benchmarks/RESULTS.md (and the README's headline block)",
    )
    p.add_argument(
        "--start-timeout",
        type=float,
        default=60.0,
        help="seconds to wait for a program's first screen (default 60)",
    )
    p.add_argument(
        "--key-timeout",
        type=float,
        default=10.0,
        help="seconds to wait for the screen after a key (default 10)",
    )
    p.add_argument("--next-keys", default="Down", help="tmux keys for 'next dispute'")
    p.add_argument(
        "--open-keys",
        default="Enter Enter",
        help="tmux keys for 'open source' from the list; only the last one is "
        "timed (default 'Enter Enter': focus the first quote, open its source)",
    )
    p.add_argument(
        "--back-keys",
        default="Escape",
        help="tmux keys for 'back' from the source; the last one is timed",
    )
    p.add_argument(
        "--after-back-keys",
        default="Escape",
        help="untimed keys that give the list focus again after 'back'",
    )
    p.add_argument("--filter-keys", default="/", help="tmux keys that open the filter")
    p.add_argument(
        "--source-detector",
        default="neighbour",
        help="how to see the source view: neighbour (a paragraph next to the "
        "quoted one is on screen), title (the source's title), regex:PATTERN",
    )
    p.add_argument(
        "--filter-detector",
        default="only",
        choices=("only", "first"),
        help="only: the target's `Question NNNN` is on screen and no other "
        "dispute's but the one shown; first: the first `Question NNNN` on screen "
        "is the target",
    )
    p.add_argument("-v", "--verbose", action="store_true", help="progress on stderr")
    a = p.parse_args(argv)
    sizes = ["S"] if a.smoke else [s.strip().upper() for s in a.sizes.split(",") if s.strip()]
    for s in sizes:
        if s not in generate.SIZES:
            p.error(f"unknown size {s!r}; choose from {', '.join(generate.SIZES)}")
    sizes = [s for s in generate.SIZES if s in sizes]
    runs = 3 if a.smoke else a.runs
    if runs < 1:
        p.error("--runs must be at least 1")
    options = Options(
        sizes=sizes,
        runs=runs,
        smoke=a.smoke,
        start_timeout=min(a.start_timeout, 15.0) if a.smoke else a.start_timeout,
        key_timeout=min(a.key_timeout, 5.0) if a.smoke else a.key_timeout,
        next_keys=a.next_keys.split(),
        open_keys=a.open_keys.split(),
        back_keys=a.back_keys.split(),
        after_back_keys=a.after_back_keys.split(),
        filter_keys=a.filter_keys.split(),
        source_detector=a.source_detector,
        filter_detector=a.filter_detector,
        verbose=a.verbose,
    )
    return options, a.write


def compile_bytecode() -> None:
    """Byte-compile contested's own packages, as `pip install` does and as the first run
    would, were it not that PYTHONDONTWRITEBYTECODE (set on some machines, CI among them)
    forbids it and makes every timed run compile every module from source again. Textual,
    Rich and the floors' other imports come compiled from their wheels."""
    for package in ("claims", "tui"):
        compileall.compile_dir(REPO / package, quiet=1)


def run(options: Options) -> tuple[list[Row], list[str]]:
    """Every measure; the table's rows and notes. Raises `Crash` on a crash."""
    rows: list[Row] = []
    notes: list[str] = []
    dirs = {}
    for size in options.sizes:
        log(options, f"casebook {size}")
        dirs[size] = generate.ensure(size)
    compile_bytecode()

    checks: dict[str, tuple[Series, Series]] = {}
    for size in options.sizes:
        log(options, f"check {size}")
        checks[size] = measure_check(dirs[size], options.runs)

    log(options, "fuzzy anchoring (5 MB source)")
    anchoring_rows = [Row(*row) for row in fuzzy.rows(1 if options.smoke else options.runs)]

    starts: dict[str, Series] = {}
    with Tmux(REPO) as tmux:
        log(options, "start floor")
        start_floor = measure_start(
            tmux,
            [sys.executable, str(HERE / "floor_app.py")],
            lambda s: FLOOR_MARKER in s,
            options.runs,
            options.start_timeout,
        )
        for size in options.sizes:
            log(options, f"first dispute {size}")
            manifest = Manifest(dirs[size])
            starts[size] = measure_start(
                tmux,
                [str(CONTESTED), str(dirs[size])],
                manifest.shown(1),
                options.runs,
                options.start_timeout,
                APP_ENV,
            )
        log(options, "key floor")
        key_floor = measure_floor_keys(tmux, options.runs, options.key_timeout)
        at = options.sizes[-1]
        log(options, f"interactive {at}")
        interactive = measure_interactive(tmux, dirs[at], Manifest(dirs[at]), options)

    for size in options.sizes:
        check, floor = checks[size]
        target = CHECK_RATIO if size in ("M", "L") else None
        rows.append(ratio_row(f"check {size}", check, floor, target, secs))
    rows.extend(anchoring_rows)
    if "M" in checks and "L" in checks:
        rows.append(
            growth_row(
                "check growth M→L", checks["M"][0], checks["L"][0], checks["M"][1], checks["L"][1]
            )
        )
    for size in options.sizes:
        rows.append(
            ratio_row(
                f"first dispute on screen {size}",
                starts[size],
                start_floor,
                START_RATIO.get(size),
                secs,
            )
        )
    if "M" in starts and "L" in starts:
        rows.append(growth_row("start growth M→L", starts["M"], starts["L"], None, None))
    rows.append(absolute_row(f"key down {at}", interactive.down, key_floor["down"], KEY_MS))
    rows.append(absolute_row(f"key enter {at}", interactive.enter, key_floor["enter"], KEY_MS))
    rows.append(absolute_row(f"key escape {at}", interactive.escape, key_floor["escape"], KEY_MS))
    word = interactive.word or "?"
    rows.append(
        absolute_row(
            f"filter {at}, per key ('{word}' typed at once)",
            interactive.filter_word,
            None,
            FILTER_MS,
        )
    )
    last = interactive.number
    rows.append(
        absolute_row(
            f"filter {at}, narrowing key ('{last[:-1]}' → '{last}')",
            interactive.filter_last,
            None,
            FILTER_MS,
        )
    )
    if interactive.rss_kib is not None:
        mb = interactive.rss_kib / 1024
        rows.append(
            Row(
                f"peak RSS {at}",
                f"{mb:.0f} MB",
                target=f"≤ {RSS_MB:g} MB",
                result="pass" if mb <= RSS_MB else "FAIL",
            )
        )
    else:
        rows.append(
            Row(f"peak RSS {at}", "n/a (app not running)", target=f"≤ {RSS_MB:g} MB", result="n/a")
        )
    log(options, f"review save {at}")
    rows.append(review_bench.row(dirs[at], at, max(options.runs, 11)))
    log(options, f"review keypress {at}")
    rows.append(review_keys.row(dirs[at], at, max(options.runs, 11)))
    log(options, f"export html {at}")
    rows.extend(export_bench.rows(dirs[at], at, options.runs))
    log(options, f"framing {at}")
    rows.extend(framing_bench.rows(dirs[at], at, options.runs))
    if not options.smoke:
        log(options, "PDF: 300-page read and warm check")
        rows.extend(pdf_bench.rows(min(options.runs, 3)))
    log(options, f"framing lens {at}")
    rows.extend(lens_bench.rows(dirs[at], at, max(options.runs, 11)))
    log(options, "compare: two 5,000-word texts aligned")
    rows.extend(compare_bench.rows(max(options.runs, 11)))
    log(options, f"timeline {at}")
    rows.extend(timeline_bench.rows(dirs[at], at, options.runs))
    if not options.smoke:  # three app launches in tmux: kept out of CI's smoke run
        log(options, f"timeline in the app {at}")
        rows.extend(timeline_app_bench.rows(dirs[at], at, max(options.runs, 11)))
    if interactive.note:
        notes.append(f"interactive session at {at}: {interactive.note}")
    if at != "L":
        notes.append(f"key, filter and RSS rows are at {at}; their targets are for L")

    crashed = [r for r in rows if r.result in ("crashed", "error")]
    if crashed:
        notes.append("crashed: " + "; ".join(f"{r.measure}: {r.value}" for r in crashed))
    return rows, notes


def main(argv: list[str] | None = None) -> int:
    options, write = parse(argv)
    # A SIGTERM (CI's timeout, say) unwinds like an exception, so the tmux server is killed.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    command = "python -m benchmarks.run" + (
        " " + shlex.join(sys.argv[1:] if argv is None else argv)
        if (sys.argv[1:] if argv is None else argv)
        else ""
    )
    began = time.perf_counter()
    date = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    info = machine()
    try:
        rows, notes = run(options)
    except Crash as exc:
        print(f"benchmarks: crashed: {exc}", file=sys.stderr)
        return 1
    except Exception:
        traceback.print_exc()
        return 1
    table = render(rows)
    print(table)
    for note in notes:
        print(f"note: {note}")
    print(
        f"({time.perf_counter() - began:.0f} s; {options.runs} runs after a warm-up; "
        + ", ".join(f"{k} {v}" for k, v in info.items())
        + ")"
    )
    if write:
        write_results(table, notes, command, info, date)
        print(f"wrote {RESULTS.relative_to(REPO)}")
    return 1 if any(r.result in ("crashed", "error") for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
