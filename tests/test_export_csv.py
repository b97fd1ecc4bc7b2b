"""`contested export --format csv`: read back with Python's own `csv` module; cells a
spreadsheet would run as formulas (CSV injection, OWASP) are neutralised."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import BUNDLED, RunCli, make_casebook
from export_formats_support import render

from claims.export.spreadsheet import COLUMNS, neutralise


def _rows(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM, so spreadsheets read UTF-8
    text = data.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_the_bundled_casebook_reads_back_one_row_per_evidence() -> None:
    data = render(BUNDLED, "csv")
    rows = _rows(data)
    header = data.decode("utf-8-sig").split("\r\n", 1)[0]
    assert header.split(",") == list(COLUMNS)
    assert len(rows) > 100
    first = rows[0]
    assert first["dispute"] == "cause-of-death"
    assert first["position"] == "heart-failure"
    assert first["holder"] == "Russian forensic experts"
    assert first["side"] == "Russian authorities"
    assert first["rating"].lower() == "unrated"
    assert first["date"] == "2025-07-02"
    assert first["paragraph"].isdigit()
    assert first["quote"] == "While Russian experts cited the cause of death as heart failure"
    assert data == render(BUNDLED, "csv")  # deterministic


HOSTILE = """\
title: Hostile cells
sides:
  s: {label: '@SUM(1+1)*cmd|'' /C calc''!A0'}
sources:
  src: {file: src.txt, title: '+title', outlet: '-outlet', url: '=HYPERLINK("http://x")'}
disputes:
  - id: d
    question: '=1+1'
    positions:
      - side: s
        holder: "  =2+3"
        claim: "\\tTabbed claim"
        evidence:
          - source: src
            quote: '-2+3+cmd|'' /C calc''!A0'
            note: "+note"
          - source: src
            quote: 'A "quoted", comma, and newline-free text'
          - source: src
            quote: '@mention here'
"""
SOURCE = (
    "-2+3+cmd|' /C calc'!A0 is a line.\n\n"
    'A "quoted", comma, and newline-free text.\n\n'
    "@mention here and more.\n"
)


def test_formula_cells_are_neutralised_and_read_back_as_text(tmp_path: Path) -> None:
    review = "d:\n  positions:\n    '  =2+3': {rating: supported, note: '=cmd|x'}\n"
    root = make_casebook(tmp_path, HOSTILE, {"src.txt": SOURCE}, {"review.yaml": review})
    rows = _rows(render(root, "csv"))
    assert len(rows) == 3
    first = rows[0]
    assert first["question"] == "'=1+1"
    assert first["holder"] == "'  =2+3"  # after leading spaces too
    assert first["position"] == "'  =2+3"
    assert first["side"] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert first["claim"] == "'\tTabbed claim"
    assert first["quote"] == "'-2+3+cmd|' /C calc'!A0"
    assert first["evidence note"] == "'+note"
    assert first["note"] == "'=cmd|x"
    assert first["title"] == "'+title"
    assert first["outlet"] == "'-outlet"
    assert first["url"] == '\'=HYPERLINK("http://x")'
    assert first["rating"] == "Supported"
    assert rows[1]["quote"] == 'A "quoted", comma, and newline-free text'  # quoting intact
    assert rows[2]["quote"] == "'@mention here"
    for row in rows:  # no cell a spreadsheet would run
        for cell in row.values():
            assert not cell.lstrip().startswith(("=", "+", "-", "@"))
            assert not cell.startswith(("\t", "\r", "\n"))


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("\nx", "'\nx"),
        ("   =x", "'   =x"),
        ("\u00a0=x", "'\u00a0=x"),
        ("plain", "plain"),
        ("a=b", "a=b"),
        ("", ""),
        ("'=x", "'=x"),
    ],
)
def test_neutralise(cell: str, expected: str) -> None:
    assert neutralise(cell) == expected


def test_the_hostile_export_casebook(tmp_path: Path) -> None:
    from export_support import hostile

    rows = _rows(render(hostile(tmp_path), "csv"))
    holders = {r["holder"] for r in rows}
    assert "# hash holder" in holders  # `#` is not a formula: left alone
    assert {r["claim"] for r in rows if r["holder"] == "# hash holder"} == {"'- dash claim"}
    missing = [r for r in rows if r["quote"].startswith("this quote is nowhere")]
    assert [r["paragraph"] for r in missing] == [""]


def test_the_command_writes_csv(run_cli: RunCli, tmp_path: Path) -> None:
    out_file = tmp_path / "out.csv"
    code, _, _ = run_cli("export", BUNDLED, "--format", "csv", "-o", out_file)
    assert code == 0
    rows = _rows(out_file.read_bytes())
    assert len(rows) == len(_rows(render(BUNDLED, "csv")))


#: LibreOffice's CSV filter options: comma, double quote, UTF-8, from line 1, ..., evaluate
#: formulas on import (token 13) as a user opening the file would.
IMPORT = "CSV:44,34,76,1,,0,false,true,false,false,false,-1,true"
EXPORT = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true"


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
def test_libreoffice_runs_no_cell_of_the_export(tmp_path: Path) -> None:
    """A spreadsheet's own reading: LibreOffice opens the export with formula evaluation on
    and writes back the values it shows; every cell comes back as it went in (a control
    cell `=1+1` that is not neutralised comes back as 2, so evaluation was on)."""
    review = "d:\n  positions:\n    '  =2+3': {rating: supported, note: '=cmd|x'}\n"
    root = make_casebook(tmp_path / "book", HOSTILE, {"src.txt": SOURCE}, {"review.yaml": review})
    data = render(root, "csv") + b"control,=1+1\r\n"
    (tmp_path / "in.csv").write_bytes(data)
    subprocess.run(
        ["soffice", "--headless", f"--infilter={IMPORT}", "--convert-to", EXPORT,
         "--outdir", str(tmp_path / "out"), str(tmp_path / "in.csv")],
        env={**os.environ, "HOME": str(tmp_path)}, capture_output=True, timeout=120, check=True,
    )  # fmt: skip
    shown = list(csv.reader(io.StringIO((tmp_path / "out" / "in.csv").read_text("utf-8-sig"))))
    written = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert shown[-1][:2] == ["control", "2"]
    assert shown[:-1] == written[:-1]  # every row has every column: no padding to undo
