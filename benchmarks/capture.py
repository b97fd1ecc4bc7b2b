"""Capture (issue 15): `add-evidence` and its undo on a big casebook, against loading it.

    python -m benchmarks.capture [--size L] [--runs 11]

The casebook of SIZE (5,000 disputes in 50 files, 1,000 sources at L) is copied into a
temporary folder (the generated one is never written). Each run adds one piece of
evidence to a dispute spread over the casebook (`capture.add_evidence`: load the
casebook, read and compose the dispute's file, insert the text, compare the data, load the
dispute again, anchor the quote exactly, write atomically with fsync) and then undoes it
(`capture.undo`, timed apart). The floor, in the same run and folder, is what any capture
must do first: `claims.loader.load` of the casebook. Targets: add-evidence within 1.5× the
floor; with the casebook already loaded (`loaded=`, as the app calls it) within 150 ms;
undo within 50 ms (a keypress).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.harness import KEY_MS, Row, Series

TARGET = 1.5
#: add-evidence with the caller's own load (the app): one file of 100 disputes read,
#: composed twice, compared and written, the quote anchored: under a sixth of a second.
WARM_MS = 150.0


def measure(directory: Path, runs: int) -> tuple[Series, Series, Series, Series]:
    """(add-evidence, add-evidence with the casebook already loaded, undo, floor: load)
    for the casebook in `directory`, on a copy."""
    from claims.casebook import capture
    from claims.loader import load
    from claims.sources import read_document

    folder = Path(tempfile.mkdtemp(prefix="contested-capture-bench-")) / "cb"
    try:
        shutil.copytree(directory, folder)
        casebook = load(folder).casebook
        disputes = casebook.disputes
        added, warm, undone, floor = Series(), Series(), Series(), Series()
        for run in range(runs + 1):
            dispute = disputes[(run * 997 + 2500) % len(disputes)]
            position = dispute.positions[run % len(dispute.positions)]
            source = casebook.sources[position.evidence[0].source]
            assert source.path is not None
            document = read_document(source.path)
            text = document.paragraph(1).text
            words = text.split(" ")[:6]
            end = len(" ".join(words))
            evidence = capture.quote_evidence(document, 1, 0, end, source.id)
            started = time.perf_counter()
            done = capture.add_evidence(
                folder, dispute.id, position.id or position.holder, evidence
            )
            add_elapsed = time.perf_counter() - started
            started = time.perf_counter()
            capture.undo(done)
            undo_elapsed = time.perf_counter() - started
            started = time.perf_counter()
            done = capture.add_evidence(
                folder, dispute.id, position.id or position.holder, evidence, loaded=casebook
            )
            warm_elapsed = time.perf_counter() - started
            capture.undo(done)
            started = time.perf_counter()
            load(folder)
            floor_elapsed = time.perf_counter() - started
            if run:
                added.times.append(add_elapsed)
                warm.times.append(warm_elapsed)
                undone.times.append(undo_elapsed)
                floor.times.append(floor_elapsed)
        return added, warm, undone, floor
    finally:
        shutil.rmtree(folder.parent, ignore_errors=True)


def rows(directory: Path, size: str, runs: int) -> list[Row]:
    """The table's rows for the casebook of `size` in `directory`."""
    from benchmarks.harness import ms
    from benchmarks.report import absolute_row, ratio_row

    added, warm, undone, floor = measure(directory, runs)
    return [
        ratio_row(f"capture: add-evidence at {size} (floor: load)", added, floor, TARGET, ms),
        absolute_row(
            f"capture: add-evidence at {size}, casebook already loaded (the app)",
            warm, floor, WARM_MS,
        ),
        absolute_row(f"capture: undo at {size}", undone, None, KEY_MS),
    ]  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    from benchmarks import generate
    from benchmarks.report import render

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--size", default="L")
    parser.add_argument("--runs", type=int, default=11)
    options = parser.parse_args(argv)
    directory = generate.ensure(options.size)
    print(render(rows(directory, options.size, options.runs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
