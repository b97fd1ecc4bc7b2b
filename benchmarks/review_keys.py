"""A rating keypress in the app at L: from the key leaving tmux to the new badge on the
screen, with review.yaml on disk already holding it.

    python -m benchmarks.review_keys [--size L] [--runs 21]

The casebook of SIZE is hard-linked into a temporary folder (nothing is copied, nothing
written into benchmarks/.work), a review.yaml of 10,000 entries is written there as
`benchmarks.review` writes it, and the app is started on it in a 160×48 tmux session. The
first dispute's first card is focused (enter), then `4` and `3` (the default scale's
"False" and "Unsupported") are pressed in turn: each press is timed until its label shows
on the pane, and review.yaml is read right then to see that the rating is on disk. The
floor, in the same run, is `ReviewStore.apply` of the same change in-process (the least a
keypress that saves can cost). Target: 50 ms median (issue 12).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.harness import APP_ENV, CONTESTED, KEY_MS, REPO, Row, Series
from benchmarks.tmux import Tmux

#: (key, label shown on the badge, id written to review.yaml), pressed in turn.
PRESSES = (("4", "False", "false"), ("3", "Unsupported", "unsupported"))


def _prepared(directory: Path) -> tuple[Path, str]:
    """A hard-linked copy of `directory` with a 10,000-entry review.yaml; (folder, the
    first dispute's first position key)."""
    from benchmarks.review import populate
    from claims.loader import load
    from claims.review import ReviewStore, SetRating

    folder = Path(tempfile.mkdtemp(prefix="contested-review-keys-")) / "casebook"
    shutil.copytree(directory, folder, copy_function=os.link)
    (folder / "review.yaml").unlink(missing_ok=True)
    casebook = load(folder).casebook
    store = ReviewStore.open(casebook)
    populate(store, casebook)
    first = casebook.disputes[0]
    store.apply(SetRating(first.id, first.positions[0].key, "unverifiable"), by="bench")
    return folder, first.positions[0].key


def _on_disk(review: Path, rating: str) -> bool:
    """Whether the first entry of review.yaml (the first dispute's first position) holds
    `rating`."""
    head = review.read_text(encoding="utf-8").split("\n", 12)
    return any(f'rating: "{rating}"' in line for line in head[:12])


def measure(directory: Path, runs: int, timeout: float = 300.0) -> tuple[Series, Series]:
    """(keypress to screen with review.yaml on disk, in-process save floor), seconds."""
    from claims.loader import load
    from claims.review import ReviewStore, SetRating

    folder, key = _prepared(directory)
    pressed, floor = Series(), Series()
    try:
        with Tmux(REPO) as tmux:
            env = dict(APP_ENV, CONTESTED_REVIEWER="bench")
            target, started = tmux.launch([str(CONTESTED), str(folder)], env)
            ready = tmux.wait(target, lambda s: "reviewed" in s and "errors" in s, started, timeout)
            if not ready.ok:
                pressed.status, pressed.detail = ready.status, "the app never showed its status"
                return pressed, floor
            tmux.settle(target, quiet=1.0, limit=30.0)
            tmux.send(target, "Enter")
            tmux.settle(target, quiet=0.5, limit=10.0)
            for run in range(runs + 1):
                digit, label, rating = PRESSES[run % 2]
                since = tmux.send(target, digit)
                shown = tmux.wait(target, lambda s, label=label: f" {label} " in s, since, 10.0)
                if not shown.ok:
                    pressed.status, pressed.detail = shown.status, f"{label} never showed"
                    break
                if not _on_disk(folder / "review.yaml", rating):
                    pressed.status, pressed.detail = "wrong", "shown before it was on disk"
                    break
                if run:
                    pressed.times.append(shown.seconds)  # type: ignore[arg-type]
                time.sleep(0.1)
            tmux.stop(target)
        casebook = load(folder).casebook
        store, first = ReviewStore.open(casebook), casebook.disputes[0].id
        for run in range(runs + 1):
            started = time.perf_counter()
            store.apply(SetRating(first, key, PRESSES[run % 2][2]), by="bench")
            if run:
                floor.times.append(time.perf_counter() - started)
        return pressed, floor
    finally:
        shutil.rmtree(folder.parent, ignore_errors=True)


def row(directory: Path, size: str, runs: int) -> Row:
    """The table's row for the casebook of `size` in `directory`."""
    from benchmarks.report import absolute_row

    pressed, floor = measure(directory, runs)
    return absolute_row(
        f"review: rating keypress at {size} on screen and on disk", pressed, floor, KEY_MS
    )


def main(argv: list[str] | None = None) -> int:
    from benchmarks import generate

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--size", default="L")
    parser.add_argument("--runs", type=int, default=21)
    options = parser.parse_args(argv)
    pressed, floor = measure(generate.ensure(options.size), options.runs)
    if not pressed.ok:
        print(f"keypress: {pressed.why()}")
        return 1
    low, high = min(pressed.times) * 1000, max(pressed.times) * 1000
    print(f"keypress: median {pressed.median * 1000:.1f} ms over {len(pressed.times)} presses")
    print(f"  (min {low:.1f}, max {high:.1f})")
    print(f"floor (ReviewStore.apply in-process): median {floor.median * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
