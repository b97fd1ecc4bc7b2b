"""What the screen must show: the predicates over a captured tmux screen that tell the
harness a dispute, a source, the filtered list is on screen, from what
benchmarks/generate.py wrote into a casebook's `manifest.json`."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from benchmarks.tmux import markers


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
