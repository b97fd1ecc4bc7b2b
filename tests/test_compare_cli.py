"""`contested compare`: the aligned columns, the word diff and counts a reader sees, the JSON
a program reads, and the errors a mistyped address gets."""

from __future__ import annotations

import json
import random
import shlex
import subprocess
from pathlib import Path

import pytest
from conftest import BIN, BUNDLED, RunCli, make_casebook
from rich.cells import cell_len

from tui.launch import main

CONTESTED = BIN / "contested"

AZTV_ROWS = [
    "≠ In other words",
    "  , 1937 continues—only more",
    "≠ harshly",
    "  , more",
    "≠ brutally",
]


def _row_starts(out: str) -> list[str]:
    """Each aligned row's mark and a's first words (the left column, trimmed)."""
    return [line[:40].rstrip() for line in out.splitlines()]


def test_aztv_speech_aligned(run_cli: RunCli) -> None:
    code, out, err = run_cli("-C", BUNDLED, "compare", "aztv-1937-wording")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("aztv-1937-wording · What exactly did AzTV chairman")
    assert "a  First rendering of Mammadov's speech (1 July piece)" in out
    assert "Azerbaijan pushes back against Russian power, ¶24" in out
    assert "Azerbaijan pushes back against Russian power, ¶28" in out
    starts = _row_starts(out)
    at = starts.index(AZTV_ROWS[0])
    assert starts[at : at + len(AZTV_ROWS)] == AZTV_ROWS
    substitution = next(line for line in lines if line.startswith("≠ harshly"))
    assert substitution.split()[-1] == "severe"  # the right column, same row
    words = " ".join(out[out.index("words: ") :].split())  # the word diff, wrapped
    assert "[-In other words-]{+That is+}, 1937 continues—only more [-harshly-]{+severe+}" in (
        words
    )
    assert "[-mindset persists-]{+view has not changed—this tradition continues+}" in words
    assert "41 same · 1 variant (~) · 18 substituted (≠) · 11 inserted (+) · 3 deleted (−)" in out
    assert "\x1b" not in out  # piped: no colour


def test_explicit_addresses_print_the_same(run_cli: RunCli) -> None:
    _, alone, _ = run_cli("-C", BUNDLED, "compare", "aztv-1937-wording")
    code, named, err = run_cli(
        "-C",
        BUNDLED,
        "compare",
        "aztv-1937-wording:harshly-brutally:1",
        "aztv-1937-wording:severe-terrible:1",
    )
    assert code == 0, err
    assert named == alone


def test_name_spellings_are_variants(run_cli: RunCli) -> None:
    code, out, _ = run_cli("-C", BUNDLED, "compare", "brothers-names")
    assert code == 0
    lines = out.splitlines()
    ziyouddin = next(line for line in lines if line.startswith("~ Ziyouddin"))
    assert ziyouddin.split()[-1] == "Ziyoddin"
    assert any(line.startswith("− Two brothers,") for line in lines)
    assert any(line.startswith("+ ") and "sustained multiple injuries" in line for line in lines)
    assert "2 same · 2 variants (~) · 0 substituted (≠) · 3 inserted (+) · 3 deleted (−)" in out


def test_columns_fit_the_width(run_cli: RunCli) -> None:
    for columns in (60, 100, 140):
        code, out, _ = run_cli("-C", BUNDLED, "compare", "aztv-1937-wording", columns=columns)
        assert code == 0
        assert max(cell_len(line) for line in out.splitlines()) <= columns


def test_json_shape_and_offsets(run_cli: RunCli) -> None:
    code, out, err = run_cli("-C", BUNDLED, "compare", "brothers-names", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["threshold"] == 85.0
    (one,) = data["comparisons"]
    assert set(one) == {"a", "b", "counts", "rows"}
    assert set(one["a"]) == {
        "address", "dispute", "position", "position_number", "evidence", "holder", "side",
        "source", "title", "citation", "paragraph", "origin", "text", "quote", "why",
    }  # fmt: skip
    assert one["a"]["address"] == "brothers-names:ziyouddin-husay:1"
    assert (one["a"]["citation"], one["a"]["paragraph"], one["a"]["origin"]) == (
        "¶11",
        11,
        "source",
    )
    assert one["b"]["source"] == "tortured-in-baku"
    assert one["counts"] == {
        "same": 2, "variant": 2, "substitution": 0, "insertion": 3, "deletion": 3
    }  # fmt: skip
    for row in one["rows"]:
        assert set(row) == {"kind", "a_start", "a_end", "b_start", "b_end", "a", "b", "similarity"}
        assert one["a"]["text"][row["a_start"] : row["a_end"]] == row["a"]
        assert one["b"]["text"][row["b_start"] : row["b_end"]] == row["b"]
    kinds = [(r["kind"], r["a"], r["b"]) for r in one["rows"]]
    assert ("variant", "Husay", "Husayn") in kinds


def test_threshold_option(run_cli: RunCli) -> None:
    code, out, _ = run_cli(
        "-C", BUNDLED, "compare", "brothers-names", "--threshold", "95", "--format", "json"
    )
    assert code == 0
    kinds = [(r["kind"], r["a"]) for r in json.loads(out)["comparisons"][0]["rows"]]
    assert ("substitution", "Husay") in kinds
    assert ("variant", "Ziyouddin") not in kinds
    code, _, err = run_cli("-C", BUNDLED, "compare", "brothers-names", "--threshold", "0")
    assert code == 2
    assert "at most 100" in err


def test_unknown_dispute(run_cli: RunCli) -> None:
    code, out, err = run_cli("-C", BUNDLED, "compare", "aztv-1937")
    assert code == 2
    assert out == ""
    assert "contested compare: no dispute 'aztv-1937'" in err
    assert "did you mean 'aztv-1937-wording'" in err
    assert "Traceback" not in err


def test_unknown_position_and_evidence(run_cli: RunCli) -> None:
    code, _, err = run_cli("-C", BUNDLED, "compare", "aztv-1937-wording:harsh")
    assert code == 2
    assert "has no position with id or holder 'harsh'; did you mean 'harshly-brutally'?" in err
    assert "= hint: its positions: harshly-brutally (First rendering" in err
    code, _, err = run_cli("-C", BUNDLED, "compare", "aztv-1937-wording:harshly-brutally:9")
    assert code == 2
    assert "has no evidence 9: it has 3 (1 to 3)" in err
    code, _, err = run_cli("-C", BUNDLED, "compare", "aztv-1937-wording:harshly-brutally:0")
    assert code == 2
    assert "numbered from 1" in err


HOSTILE = """\
title: Hostile
sides:
  x: {label: X}
  y: {label: Y}
sources:
  a: {file: sources/a.txt}
disputes:
  - id: markup
    question: "[bold]Who[/bold]?"
    positions:
      - side: x
        holder: "[red]Police[/red]"
        claim: c
        evidence: [{source: a, quote: "Nine [bold]people[/bold] were \\e[31mdetained"}]
      - side: y
        holder: Families
        claim: c
        evidence: [{source: a, quote: "Nine people were held"}]
  - id: alone
    question: One side only
    positions:
      - {side: x, holder: P, claim: c, evidence: [{source: a, quote: "were"}]}
"""


def test_hostile_text_stays_literal(tmp_path: Path, run_cli: RunCli) -> None:
    root = make_casebook(tmp_path, HOSTILE, {"sources/a.txt": "Nothing here matches.\n"})
    code, out, err = run_cli("-C", root, "compare", "markup")
    assert code == 0, err
    assert "\x1b" not in out
    assert "[bold]Who[/bold]?" in out
    assert "[red]Police[/red]" in out
    assert "the quote as written: it is not found in the source" in out
    assert "Nine [-[bold]-]people [-[/bold]-] were" in out  # markup stays words, literal
    assert "␛[31mdetained" in out  # ESC shown as its Control Picture
    data = json.loads(run_cli("-C", root, "compare", "markup", "--format", "json")[1])
    assert data["comparisons"][0]["a"]["origin"] == "quote"
    assert data["comparisons"][0]["a"]["text"].startswith("Nine [bold]people[/bold]")


def test_coloured_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")  # as on a terminal
    monkeypatch.setenv("COLUMNS", "100")
    assert main(["-C", str(BUNDLED), "compare", "brothers-names"]) == 0
    out = capsys.readouterr().out
    assert "\x1b[1;33m~\x1b[0m \x1b[33mZiyouddin" in out  # a variant's mark and words, yellow
    assert "\x1b[31m" in out  # the deletion, red


def test_one_sided_dispute_needs_other(tmp_path: Path, run_cli: RunCli) -> None:
    root = make_casebook(tmp_path, HOSTILE, {"sources/a.txt": "They were there.\n"})
    code, _, err = run_cli("-C", root, "compare", "alone")
    assert code == 2
    assert "dispute 'alone' has 1 position(s) citing evidence; nothing to compare it with" in err
    assert "OTHER" in err
    code, out, _ = run_cli("-C", root, "compare", "alone", "markup:Families")
    assert code == 0
    assert "alone · One side only" in out
    assert "markup · [bold]Who" in out


def test_piped_into_head_ends_quietly(tmp_path: Path) -> None:
    rng = random.Random(5)
    words = [f"word{n}" for n in range(400)]
    text = " ".join(rng.choice(words) for _ in range(4000))
    other = " ".join(w if rng.random() > 0.3 else w + "x" for w in text.split())
    casebook = (
        "title: Big\nsides:\n  x: {label: X}\nsources:\n  a: {file: sources/a.txt}\n"
        "disputes:\n  - id: big\n    question: Q\n    positions:\n"
        f"      - {{side: x, holder: A, claim: c, evidence: [{{source: a, quote: '{text}'}}]}}\n"
        f"      - {{side: x, holder: B, claim: c, evidence: [{{source: a, quote: '{other}'}}]}}\n"
    )
    root = make_casebook(tmp_path, casebook, {"sources/a.txt": "x\n"})
    line = f"{shlex.quote(str(CONTESTED))} -C {shlex.quote(str(root))} compare big"
    line += " | head -1 >/dev/null; echo ${PIPESTATUS[0]}"
    result = subprocess.run(["bash", "-c", line], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "141", result.stderr
    assert "Traceback" not in result.stderr
