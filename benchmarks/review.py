"""One rating saved to a big review.yaml: `ReviewStore.apply` against a plain write + fsync.

    python -m benchmarks.review [--size L] [--runs 21]

The casebook of SIZE (5,000 disputes at L) is loaded once; a review.yaml of 10,000
entries (two positions rated in each dispute, every fifth with a note) is written into a
temporary folder, and `ReviewStore.apply` of one rating change (alternating between two
ratings, on positions spread over the file) is timed, `runs` times after one warm-up: the
whole save (lock, re-read and fingerprint of review.yaml, render, temporary file, fsync,
replace, fsync of the folder). The floor, in the same run and folder, is the least any
save must do: open, write the same bytes, fsync, close. Target: 50 ms (keypress to disk).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.harness import KEY_MS, Row, Series

if TYPE_CHECKING:
    from claims.model import Casebook
    from claims.review import ReviewStore

ENTRIES = 10_000


def populate(store: ReviewStore, casebook: Casebook) -> None:
    """Fill `store` in memory (nothing written) with `ENTRIES` (10,000) reviews of
    `casebook`: two positions rated in each dispute, in order, every fifth dispute's with a
    note; the caller's `apply` then writes them."""
    from claims.review import SetNote, SetRating

    count = 0
    for index, dispute in enumerate(casebook.disputes):
        for position in dispute.positions[:2]:
            store._change(SetRating(dispute.id, position.key, "supported"), "bench")
            if index % 5 == 0:
                note = f"Checked against the record.\nSecond line of the note {index}."
                store._change(SetNote(dispute.id, position.key, note), "bench")
            count += 1
        if count >= ENTRIES:
            break


def measure(directory: Path, runs: int) -> tuple[Series, Series, int]:
    """(apply, floor, bytes of review.yaml) for the casebook in `directory`."""
    from claims.loader import load
    from claims.review import ReviewStore, SetRating
    from claims.review.changes import Change

    casebook = load(directory).casebook
    folder = Path(tempfile.mkdtemp(prefix="contested-review-bench-"))
    try:
        here = dataclasses.replace(casebook, root=folder, file=folder / "casebook.yaml")
        store = ReviewStore.open(here)
        populate(store, here)
        store.apply(SetRating(here.disputes[0].id, here.disputes[0].positions[0].key, "false"))
        data = store.path.read_bytes()
        saved, floor = Series(), Series()
        disputes = here.disputes
        for run in range(runs + 1):
            dispute = disputes[(run * 997) % min(len(disputes), ENTRIES // 2)]
            change: Change = SetRating(
                dispute.id, dispute.positions[0].key, ("false", "unsupported")[run % 2]
            )
            started = time.perf_counter()
            store.apply(change, by="bench")
            elapsed = time.perf_counter() - started
            started = time.perf_counter()
            _plain_write(folder / "floor.yaml", data)
            floor_elapsed = time.perf_counter() - started
            if run:
                saved.times.append(elapsed)
                floor.times.append(floor_elapsed)
        return saved, floor, len(data)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _plain_write(path: Path, data: bytes) -> None:
    with open(path, "wb") as file:
        file.write(data)
        file.flush()
        os.fsync(file.fileno())


def row(directory: Path, size: str, runs: int) -> Row:
    """The table's row for the casebook of `size` in `directory`."""
    from benchmarks.report import absolute_row

    saved, floor, _ = measure(directory, runs)
    return absolute_row(
        f"review: one rating saved at {size} ({ENTRIES:,} entries)", saved, floor, KEY_MS
    )


def main(argv: list[str] | None = None) -> int:
    from benchmarks import generate

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--size", default="L")
    parser.add_argument("--runs", type=int, default=21)
    options = parser.parse_args(argv)
    directory = generate.ensure(options.size)
    saved, floor, size = measure(directory, options.runs)
    print(f"review.yaml: {size:,} bytes, in {tempfile.gettempdir()}")
    print(f"apply: median {saved.median * 1000:.1f} ms "
          f"(min {min(saved.times) * 1000:.1f}, max {max(saved.times) * 1000:.1f})")  # fmt: skip
    print(f"floor (write + fsync): median {floor.median * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
