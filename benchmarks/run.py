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
  `capture-pane`.

Every measure is the median of `--runs` runs after one warm-up run. The exit status is
non-zero only when something crashed (a check that fails on a generated casebook, a
program that died with an error, a harness error), never on a missed target.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import json
import os
import platform
import shlex
import signal
import statistics
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from benchmarks import fuzzy, generate
from benchmarks.floor_app import MARKER as FLOOR_MARKER
from benchmarks.tmux import Tmux, Waited, markers, peak_rss_kib

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


# -- check ---------------------------------------------------------------------------------


class Crash(Exception):
    """Something that must fail the run (and CI): not a missed target."""


def _timed(argv: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(argv, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise Crash(f"{shlex.join(argv)} exited {done.returncode}: {done.stderr.decode()[-2000:]}")
    return elapsed


def measure_check(directory: Path, runs: int) -> tuple[Series, Series]:
    """(contested check, check floor) on `directory`, interleaved, one warm-up each."""
    check_argv = [str(CONTESTED), "check", str(directory)]
    floor_argv = [sys.executable, str(HERE / "floor_check.py"), str(directory)]
    check, floor = Series(), Series()
    for run in range(runs + 1):
        floor_time = _timed(floor_argv)
        check_time = _timed(check_argv)
        if run:  # run 0 is the warm-up
            floor.times.append(floor_time)
            check.times.append(check_time)
    return check, floor


# -- what the screen must show --------------------------------------------------------------


class Manifest:
    """What benchmarks/generate.py wrote down about a casebook: what to look for on screen."""

    def __init__(self, directory: Path) -> None:
        data = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
        self.count: int = data["count"]
        self.filter_target: int = data["filter"]
        self.disputes: dict[int, dict] = {int(k): v for k, v in data["disputes"].items()}  # type: ignore[type-arg]

    def shown(self, index: int) -> Callable[[str], bool]:
        """The dispute view of dispute `index`: its question, and the first quote of each
        position (by its serial word, which a line break cannot split), visible."""
        dispute = self.disputes[index]
        words = [dispute["marker"], *(p["quotes"][0]["serial"] for p in dispute["positions"])]
        return lambda screen: all(word in screen for word in words)

    def source(self, index: int, detector: str) -> Callable[[str], bool]:
        """The source view opened from dispute `index` (see --source-detector)."""
        quotes = [q for p in self.disputes[index]["positions"] for q in p["quotes"]]
        if detector == "neighbour":
            own = {q["serial"] for q in quotes}  # shown in the dispute view too
            words = {w for q in quotes for w in q["neighbours"]} - own
            return lambda screen: any(w in screen for w in words)
        if detector == "title":
            titles = {q["title"] for q in quotes}
            return lambda screen: any(t in screen for t in titles)
        if detector.startswith("regex:"):
            import re

            pattern = re.compile(detector[len("regex:") :])
            return lambda screen: pattern.search(screen) is not None
        raise SystemExit(f"unknown --source-detector {detector!r}")

    def narrowed(self, prefix: str, allowed: set[int]) -> Callable[[str], bool]:
        """The list filtered by `prefix` of a dispute number: only disputes holding it."""
        expected = {i for i in range(1, self.count + 1) if prefix in f"{i:04d}"}
        ok = expected | allowed

        def matches(screen: str) -> bool:
            seen = set(markers(screen))
            return bool(seen & (expected - allowed)) and seen <= ok

        return matches

    def back(self, index: int, detector: str) -> Callable[[str], bool]:
        """The dispute view of `index` again, and the source view gone."""
        shown, source = self.shown(index), self.source(index, detector)
        return lambda screen: shown(screen) and not source(screen)

    def filtered(self, allowed: set[int], detector: str) -> Callable[[str], bool]:
        """The list filtered down to the target (see --filter-detector)."""
        target = self.filter_target
        if detector == "only":
            ok = allowed | {target}
            return lambda screen: target in (seen := set(markers(screen))) and seen <= ok
        if detector == "first":
            return lambda screen: markers(screen)[:1] == [target]
        raise SystemExit(f"unknown --filter-detector {detector!r}")


# -- start ---------------------------------------------------------------------------------


def measure_start(
    tmux: Tmux,
    argv: list[str],
    matches: Callable[[str], bool],
    runs: int,
    timeout: float,
    env: dict[str, str] | None = None,
) -> Series:
    """Launch `argv` runs+1 times; time each until `matches` the screen (first is warm-up)."""
    series = Series()
    for run in range(runs + 1):
        target, started = tmux.launch(argv, env)
        try:
            waited = tmux.wait(target, matches, started, timeout)
        finally:
            tmux.stop(target)
        if not waited.ok:
            series.status, series.detail = waited.status, waited.detail
            if waited.status == "crashed":
                series.detail += ": " + _last_lines(waited.screen)
            return series
        if run:
            series.times.append(waited.seconds)  # type: ignore[arg-type]
    return series


def full_list(screen: str) -> bool:
    """The dispute list unfiltered (or nearly): three disputes or more on screen."""
    return len(set(markers(screen))) >= 3


def _last_lines(screen: str, n: int = 6) -> str:
    lines = [line.rstrip() for line in screen.splitlines() if line.strip()]
    return " | ".join(lines[-n:])


# -- keys ----------------------------------------------------------------------------------


def _press(
    tmux: Tmux, target: str, keys: list[str], matches: Callable[[str], bool], timeout: float
) -> Waited:
    """Send all but the last key (and let the screen settle), then time the last one."""
    for key in keys[:-1]:
        tmux.send(target, key)
        tmux.settle(target)
    tmux.settle(target)
    started = tmux.send(target, keys[-1])
    return tmux.wait(target, matches, started, timeout)


def _shows(text: str) -> Callable[[str], bool]:
    return lambda screen: text in screen


def measure_floor_keys(tmux: Tmux, runs: int, timeout: float) -> dict[str, Series]:
    """Key latencies of the bare Textual floor app: down, enter, escape."""
    out = {key: Series() for key in ("down", "enter", "escape")}
    target, started = tmux.launch([sys.executable, str(HERE / "floor_app.py")])
    try:
        ready = tmux.wait(target, lambda s: FLOOR_MARKER in s, started, timeout)
        if not ready.ok:
            for series in out.values():
                series.status, series.detail = ready.status, ready.detail
            return out
        presses = 0
        for run in range(runs + 1):
            for key, tmux_key in (("down", "Down"), ("enter", "Enter"), ("escape", "Escape")):
                presses += 1
                waited = _press(
                    tmux, target, [tmux_key], _shows(f"floor: {key} {presses}"), timeout
                )
                if not waited.ok:
                    out[key].status, out[key].detail = waited.status, waited.detail
                elif run:
                    out[key].times.append(waited.seconds)  # type: ignore[arg-type]
    finally:
        tmux.stop(target)
    return out


@dataclass
class Interactive:
    down: Series
    enter: Series
    escape: Series
    filter_word: Series  # per keystroke
    filter_last: Series
    rss_kib: int | None
    note: str = ""
    word: str = ""
    number: str = "?"


def measure_interactive(
    tmux: Tmux, directory: Path, manifest: Manifest, options: Options
) -> Interactive:
    """One session of the app: down/enter/escape, the filter, then its peak RSS."""
    runs, timeout = options.runs, options.key_timeout
    down, enter, escape = Series(), Series(), Series()
    word_series, last_series = Series(), Series()
    result = Interactive(down, enter, escape, word_series, last_series, None)
    all_series = (down, enter, escape, word_series, last_series)

    def give_up(waited: Waited | Series, which: tuple[Series, ...] = all_series) -> None:
        if isinstance(waited, Waited) and waited.screen:
            log(options, f"  gave up ({waited.status}); the screen was:\n{waited.screen}")
        for series in which:
            if series.status == "ok":
                series.status, series.detail = waited.status, waited.detail
                if waited.status == "crashed" and isinstance(waited, Waited):
                    series.detail += ": " + _last_lines(waited.screen)

    target, started = tmux.launch([str(CONTESTED), str(directory)], APP_ENV)
    try:
        first = tmux.wait(target, manifest.shown(1), started, options.start_timeout)
        if not first.ok:
            give_up(first)
            result.note = f"the first dispute never showed: {first.status}"
            return result
        # Let the app finish whatever it does after the first paint (a background check
        # with progress, say): a screen quiet for a second, or 30 s at most.
        tmux.settle(target, quiet=1.0, limit=30.0)
        current = 1
        # down, enter, escape: runs+1 rounds, the first a warm-up. When opening or going
        # back fails, later rounds still time `down`.
        opening = True
        needed = runs + 2
        if manifest.count < needed or max(manifest.disputes) < needed:
            give_up(Series(status="n/a", detail="casebook too small"), (down, enter, escape))
        else:
            for run in range(runs + 1):
                log(options, f"  keys round {run} at dispute {current}")
                waited = _press(
                    tmux, target, options.next_keys, manifest.shown(current + 1), timeout
                )
                if not waited.ok:
                    give_up(waited, (down, enter, escape))
                    break
                current += 1
                if run:
                    down.times.append(waited.seconds)  # type: ignore[arg-type]
                if not opening:
                    continue
                waited = _press(
                    tmux,
                    target,
                    options.open_keys,
                    manifest.source(current, options.source_detector),
                    timeout,
                )
                if waited.ok:
                    if run:
                        enter.times.append(waited.seconds)  # type: ignore[arg-type]
                    waited = _press(
                        tmux,
                        target,
                        options.back_keys,
                        manifest.back(current, options.source_detector),
                        timeout,
                    )
                    if waited.ok and run:
                        escape.times.append(waited.seconds)  # type: ignore[arg-type]
                    if not waited.ok:
                        give_up(waited, (escape,))
                        opening = False
                else:
                    give_up(waited, (enter, escape))
                    opening = False
                    for key in options.back_keys:  # try to get back to the dispute
                        tmux.send(target, key)
                        tmux.settle(target)
                for key in options.after_back_keys:
                    tmux.send(target, key)
                    tmux.settle(target)
                if waited.status == "crashed":
                    break
        # The filter. Each timing starts from an open, empty filter over the whole list
        # (the back keys close and clear it, then the filter keys open it again): the
        # target's unique place word typed at once (time / its length = per key), and the
        # key that narrows "432" (11 matches at L) to "4321" (one).
        target_index = manifest.filter_target
        word = manifest.disputes[target_index]["place"].lower()
        number = f"{target_index:04d}"
        result.word, result.number = word, number
        allowed = {1, current}
        matches = manifest.filtered(allowed, options.filter_detector)
        narrowed = manifest.narrowed(number[:-1], allowed)

        def open_filter() -> Waited:
            for key in options.back_keys:
                tmux.send(target, key)
            time.sleep(0.2)  # a lone ESC is an escape key only after ESCDELAY (100 ms)
            reset = tmux.wait(target, full_list, time.perf_counter(), timeout)
            if reset.ok:
                # Typing before the filter has focus would send the letters to the list
                # (`r` reloads, `q` quits): wait for the filter to show, then for quiet.
                before = tmux.capture(target)
                for key in options.filter_keys:
                    tmux.send(target, key)
                tmux.wait(target, lambda s: s != before, time.perf_counter(), timeout)
                tmux.settle(target, quiet=0.3, limit=10.0)
            return reset

        for run in range(runs + 1):
            log(options, f"  filter round {run}")
            if word_series.status == "ok":
                waited = open_filter()
                if waited.ok:
                    started_typing = tmux.type(target, word)
                    waited = tmux.wait(target, matches, started_typing, timeout)
                    if waited.ok and run:
                        word_series.times.append(waited.seconds / len(word))  # type: ignore[operator]
                if not waited.ok:
                    give_up(waited, (word_series,))
            if last_series.status == "ok":
                waited = open_filter()
                if waited.ok:
                    tmux.type(target, number[:-1])
                    waited = tmux.wait(target, narrowed, time.perf_counter(), timeout)
                if waited.ok:
                    tmux.settle(target, quiet=0.3, limit=10.0)
                    started_key = tmux.type(target, number[-1])
                    waited = tmux.wait(target, matches, started_key, timeout)
                    if waited.ok and run:
                        last_series.times.append(waited.seconds)  # type: ignore[arg-type]
                if not waited.ok:
                    give_up(waited, (last_series,))
            if "crashed" in (word_series.status, last_series.status):
                break
            if word_series.status != "ok" and last_series.status != "ok":
                break
        for key in options.back_keys:
            tmux.send(target, key)
        pid = tmux.pane_pid(target)
        dead, _ = tmux.dead(target)
        if pid is not None and not dead:
            result.rss_kib = peak_rss_kib(pid)
    finally:
        tmux.stop(target)
    return result


# -- the table -----------------------------------------------------------------------------


def ratio_row(
    name: str, value: Series, floor: Series, target: float | None, fmt: Callable[[float], str]
) -> Row:
    if not floor.ok:
        return Row(name, "—", floor.why(), result="error")
    if not value.ok:
        return Row(
            name, value.why(), fmt(floor.median), target=_ratio_target(target), result=value.status
        )
    ratio = value.median / floor.median
    row = Row(name, fmt(value.median), fmt(floor.median), f"{ratio:.2f}×", _ratio_target(target))
    row.result = "info" if target is None else ("pass" if ratio <= target else "FAIL")
    return row


def _ratio_target(target: float | None) -> str:
    return "—" if target is None else f"≤ {target:g}× floor"


def absolute_row(
    name: str, value: Series, floor: Series | None, limit: float, unit_ms: bool = True
) -> Row:
    floor_text = floor.why() if floor is not None and not floor.ok else "—"
    if floor is not None and floor.ok:
        floor_text = ms(floor.median)
    if not value.ok:
        return Row(name, value.why(), floor_text, target=f"≤ {limit:g} ms", result=value.status)
    ratio = f"{value.median / floor.median:.2f}×" if floor is not None and floor.ok else "—"
    spread = f" (min {ms(min(value.times))}, max {ms(max(value.times))})"
    result = "pass" if value.median * 1000 <= limit else "FAIL"
    return Row(name, ms(value.median) + spread, floor_text, ratio, f"≤ {limit:g} ms", result)


def growth_row(
    name: str,
    medium: Series | None,
    large: Series | None,
    floor_m: Series | None,
    floor_l: Series | None,
) -> Row:
    if medium is None or large is None or not medium.ok or not large.ok:
        pair = (medium, large)
        why = next((s.why() for s in pair if s is not None and not s.ok), "needs M and L")
        return Row(name, why, target=f"≤ {GROWTH:g}×", result="n/a")
    growth = large.median / medium.median
    floor = "—"
    if floor_m is not None and floor_l is not None and floor_m.ok and floor_l.ok:
        floor = f"{floor_l.median / floor_m.median:.1f}×"
    return Row(
        name, f"{growth:.1f}×", floor, "—", f"≤ {GROWTH:g}×", "pass" if growth <= GROWTH else "FAIL"
    )


def render(rows: list[Row]) -> str:
    head = ("measure", "value", "floor", "ratio", "target", "result")
    cells = [head] + [(r.measure, r.value, r.floor, r.ratio, r.target, r.result) for r in rows]
    lines = ["| " + " | ".join(c) + " |" for c in cells]
    lines.insert(1, "|" + "|".join("---" for _ in head) + "|")
    return "\n".join(lines)


def machine() -> dict[str, str]:
    mem = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    tmux_version = subprocess.run(["tmux", "-V"], capture_output=True, text=True).stdout
    return {
        "cores": str(os.cpu_count()),
        "cpu": cpu,
        "memory": mem,
        "os": platform.platform(),
        "python": platform.python_version(),
        "textual": metadata.version("textual"),
        "pyyaml": metadata.version("pyyaml") + (" (libyaml)" if _has_libyaml() else " (pure)"),
        "tmux": tmux_version.strip(),
    }


def _has_libyaml() -> bool:
    import yaml

    return bool(getattr(yaml, "__with_libyaml__", False))


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
    if interactive.note:
        notes.append(f"interactive session at {at}: {interactive.note}")
    if at != "L":
        notes.append(f"key, filter and RSS rows are at {at}; their targets are for L")

    crashed = [r for r in rows if r.result in ("crashed", "error")]
    if crashed:
        notes.append("crashed: " + "; ".join(f"{r.measure}: {r.value}" for r in crashed))
    return rows, notes


def write_results(
    table: str, notes: list[str], command: str, info: dict[str, str], date: str
) -> None:
    lines = [
        "# Benchmark results",
        "",
        "Produced by one run of:",
        "",
        "```",
        command,
        "```",
        "",
        f"Date: {date}",
        "",
        "Machine: " + ", ".join(f"{k} {v}" for k, v in info.items()),
        "",
        table,
        "",
    ]
    if notes:
        lines += ["Notes:", ""] + [f"- {n}" for n in notes] + [""]
    lines += [
        "Values are medians of the timed runs (one warm-up run first). What each row measures,"
        " and its floor, is in [README.md](README.md).",
        "",
    ]
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    _update_readme(table, date, command)


START = "<!-- results:start -->"
END = "<!-- results:end -->"


def _update_readme(table: str, date: str, command: str) -> None:
    if not README.is_file():
        return
    text = README.read_text(encoding="utf-8")
    if START not in text or END not in text:
        return
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    block = f"{START}\nFrom `{command}` on {date} (full details in RESULTS.md):\n\n{table}\n{END}"
    README.write_text(head + block + tail, encoding="utf-8")


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
