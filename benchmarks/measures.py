"""The measuring: `contested check` and its floor in a subprocess, start to exit; the first
screen of the app and of the floor app in tmux; key, filter and peak-RSS timings in one
interactive session of the app."""

from __future__ import annotations

import shlex
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks.floor_app import MARKER as FLOOR_MARKER
from benchmarks.harness import (
    APP_ENV,
    CONTESTED,
    HERE,
    REPO,
    Crash,
    Options,
    Series,
    log,
)
from benchmarks.manifest import Manifest
from benchmarks.tmux import Tmux, Waited, markers, peak_rss_kib

# -- check ---------------------------------------------------------------------------------


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
