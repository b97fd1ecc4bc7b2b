"""The table and what is written of it: rows from a measure and its floor against a target,
the rendered Markdown table, the machine it ran on, and RESULTS.md with the README's
headline block (`--write`)."""

from __future__ import annotations

import os
import platform
import subprocess
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

from benchmarks.harness import GROWTH, README, RESULTS, Row, Series, ms

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


def standalone(
    rows: Callable[[Path, str, int], list[Row]], doc: str | None, runs: int, argv: list[str] | None
) -> int:
    """Run one benchmark module on its own: `--size` (default L) and `--runs` (default
    `runs`), the casebook of that size generated if missing, its rows printed one a line."""
    import argparse

    from benchmarks import generate

    parser = argparse.ArgumentParser(description=doc.splitlines()[0] if doc else None)
    parser.add_argument("--size", default="L")
    parser.add_argument("--runs", type=int, default=runs)
    options = parser.parse_args(argv)
    directory = generate.ensure(options.size)
    for row in rows(directory, options.size, options.runs):
        print(" | ".join((row.measure, row.value, row.floor, row.ratio, row.target, row.result)))
    return 0
