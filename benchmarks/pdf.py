"""PDF sources (issue 17): reading a 300-page report, and `check` with the cache warm.

    python -m benchmarks.pdf [--pages 300] [--runs 3]

The report is made by `tests/pdf_support.make_report` (reportlab, the test extra): 300
pages, two of them roman front matter, a running header and page numbers, a paragraph
over every page break. Interleaved in one run, each the median of `--runs` runs after a
warm-up:

- read: `claims.sources.pdf.read` of its bytes (contested's reading: layout, labels by
  pypdf, furniture, columns, joins) against pdfminer.six's own `extract_text` of the file
  (the floor), both in this process. Target ≤ 1.5× the floor.
- check, warm cache: `contested check` (a process) on a casebook citing the PDF with 20
  quotes, run again on a cache the first run filled, against `contested check` of the
  same casebook whose source is the same paragraphs as a .txt file (the floor: what a
  source costs when there is nothing to read but text). Target ≤ 1.5× the floor. The cold
  check (reading the PDF) is shown beside it for information.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.harness import CONTESTED, REPO, Row, Series, secs

RATIO = 1.5
CASEBOOK = """\
title: PDF benchmark
sides:
  a: {{label: A}}
  b: {{label: B}}
sources:
  report: {{file: {file}}}
disputes:
{disputes}
"""


def _report(folder: Path, pages: int) -> tuple[Path, list[str]]:
    """The report PDF in `folder`, and its paragraphs' texts."""
    sys.path.insert(0, str(REPO / "tests"))
    try:
        from pdf_support import make_report
    finally:
        sys.path.pop(0)
    report = make_report(folder / "report.pdf", pages)
    return report.path, [p.text for p in report.paragraphs]


def _casebook(folder: Path, source: str, texts: list[str]) -> Path:
    step = max(1, len(texts) // 20)
    chosen = texts[::step][:20]
    disputes = []
    for index in range(0, len(chosen) - 1, 2):
        positions = ""
        for side, text in zip("ab", chosen[index : index + 2], strict=True):
            quote = " ".join(text.split()[:12])  # "Finding N. ...": one place only
            positions += (
                f"      - side: {side}\n        holder: H{side}\n        claim: C\n"
                f"        evidence:\n          - {{source: report, quote: {json.dumps(quote)}}}\n"
            )
        disputes.append(f"  - id: d{index}\n    question: Q{index}?\n    positions:\n{positions}")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "casebook.yaml").write_text(
        CASEBOOK.format(file=source, disputes="".join(disputes)), encoding="utf-8"
    )
    return folder


def _check(directory: Path, cache: str) -> float:
    env = {**os.environ, "CONTESTED_CACHE_DIR": cache}
    started = time.perf_counter()
    done = subprocess.run(
        [str(CONTESTED), "check", str(directory)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"check {directory} exited {done.returncode}: {done.stderr[-800:]!r}")
    return time.perf_counter() - started


def measure(pages: int, runs: int) -> dict[str, Series]:
    """Series by name: "read", "extract_text", "check warm", "check cold", "check txt"."""
    from pdfminer.high_level import extract_text

    from claims.sources import pdf

    scratch = Path(tempfile.mkdtemp(prefix="contested-bench-pdf-"))
    out = {name: Series() for name in ("read", "extract_text", "check warm", "check cold")}
    out["check txt"] = Series()
    try:
        path, texts = _report(scratch, pages)
        raw = path.read_bytes()
        book = _casebook(scratch / "book", "report.pdf", texts)
        shutil.copy(path, book / "report.pdf")
        txt = _casebook(scratch / "txt", "report.txt", texts)
        (txt / "report.txt").write_text("\n\n".join(texts) + "\n", encoding="utf-8")
        for run in range(runs + 1):
            started = time.perf_counter()
            extract_text(str(path))
            floor = time.perf_counter() - started
            started = time.perf_counter()
            pdf.read(raw)
            value = time.perf_counter() - started
            cache = scratch / f"cache-{run}"
            cold = _check(book, str(cache))
            warm = _check(book, str(cache))
            plain = _check(txt, str(cache))
            if run:
                for name, seconds in (
                    ("read", value),
                    ("extract_text", floor),
                    ("check cold", cold),
                    ("check warm", warm),
                    ("check txt", plain),
                ):
                    out[name].times.append(seconds)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return out


def rows(runs: int, pages: int = 300) -> list[Row]:
    """The table's rows (see the module)."""
    from benchmarks.report import ratio_row

    found = measure(pages, runs)
    return [
        ratio_row(
            f"read PDF, {pages} pages (floor: pdfminer extract_text)",
            found["read"],
            found["extract_text"],
            RATIO,
            secs,
        ),
        ratio_row(
            f"check, {pages}-page PDF source, warm cache (floor: same as .txt)",
            found["check warm"],
            found["check txt"],
            RATIO,
            secs,
        ),
        ratio_row(
            f"check, {pages}-page PDF source, cold cache (floor: same as .txt)",
            found["check cold"],
            found["check txt"],
            None,
            secs,
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args(argv)
    for row in rows(options.runs, options.pages):
        print(" | ".join((row.measure, row.value, row.floor, row.ratio, row.target, row.result)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
