"""`contested add-evidence` and `contested add-dispute` (issue 15): what is inserted and where
on exit 0; exit 1 with FILE:LINE, the reason and what to do, and nothing written, when the
quote does not anchor exactly or anything is refused; hostile quotes stay text."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from conftest import BUNDLED, RunCli, make_casebook

from claims.check import check
from claims.loader import load

HOSTILE_SOURCE = (
    "Plain words first.\n\n"
    "[red]alarm[/red] no: # yes, said the \x1b-free [link=x]man[/link].\n\n"
    "on\n\n"
    "Tabs\tand “curly quotes” — dashes.\n"
)

CASEBOOK = """title: Hostile
sides:
  a: {label: A}
  b: {label: B}
sources:
  h:
    file: sources/h.txt
disputes:
  - id: d
    question: Q?
    positions:
      - side: a
        holder: A
        claim: x
        evidence:
          - source: h
            quote: Plain words first.
"""


@pytest.fixture
def bundled(tmp_path: Path) -> Path:
    root = tmp_path / "cb"
    shutil.copytree(BUNDLED, root)
    return root


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    return make_casebook(tmp_path / "h", CASEBOOK, {"sources/h.txt": HOSTILE_SOURCE})


def _snapshot(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(root.rglob("*.yaml"))}


def test_add_evidence_prints_what_was_inserted_where(run_cli: RunCli, bundled: Path) -> None:
    code, out, err = run_cli(
        "-C", bundled, "add-evidence", "cause-of-death", "heart-failure",
        "--source", "tortured-in-baku", "--quote", "sharp conflict for three days",
        "--note", "no: #1",
    )  # fmt: skip
    assert code == 0, err
    assert out.splitlines()[1:5] == [
        "+           - source: tortured-in-baku",
        "+             quote: 'sharp conflict for three days'",
        "+             paragraph: 6",
        "+             note: 'no: #1'",
    ]
    assert out.splitlines()[0].endswith("deaths.yaml:14 (evidence for cause-of-death)")
    report = check(load(bundled))
    assert report.errors == 0
    evidence = load(bundled).casebook.dispute("cause-of-death").positions[0].evidence  # type: ignore[union-attr]
    assert (evidence[-1].quote, evidence[-1].note, evidence[-1].paragraph) == (
        "sharp conflict for three days", "no: #1", 6,
    )  # fmt: skip


def test_add_evidence_to_a_new_position_by_holder_and_new(run_cli: RunCli, bundled: Path) -> None:
    code, _, err = run_cli(
        "-C", bundled, "add-evidence", "cause-of-death", "new", "--side", "critics",
        "--holder", "Reader", "--claim", "yes", "--position-id", "reader",
        "--source", "pushes-back", "--quote", "Azerbaijan pushes back",
    )  # fmt: skip
    assert code == 0, err
    code, _, err = run_cli(
        "-C", bundled, "add-evidence", "cause-of-death", "reader",
        "--source", "tortured-in-baku", "--quote", "for three days",
    )  # fmt: skip
    assert code == 0, err
    position = load(bundled).casebook.dispute("cause-of-death").positions[-1]  # type: ignore[union-attr]
    assert (position.holder, position.claim, len(position.evidence)) == ("Reader", "yes", 2)
    assert check(load(bundled)).errors == 0


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--quote", "Azerbaijan"], "found in 24 places of 'pushes-back'"),
        (["--quote", "[bold]Azerbaijan[/bold]"], "does not have these words"),
        (["--quote", "Azerbaijan\x1b[2J pushes back"], "not word for word"),
        (["--quote", "no"], "found in 7 places"),
        (["--quote", ": #"], "does not have these words"),
        (["--quote", "Azerbaijan pushes back", "--paragraph", "999"], "no paragraph 999"),
    ],
)
def test_a_quote_that_does_not_anchor_exactly_exits_1_and_writes_nothing(
    run_cli: RunCli, bundled: Path, args: list[str], says: str
) -> None:
    before = _snapshot(bundled)
    code, out, err = run_cli(
        "-C", bundled, "add-evidence", "cause-of-death", "heart-failure",
        "--source", "pushes-back", *args,
    )  # fmt: skip
    assert code == 1
    assert out == ""
    assert says in err
    assert "nothing was written" in err
    assert "\x1b" not in err
    assert _snapshot(bundled) == before


def test_refusals_name_the_file_and_line_and_what_to_do(run_cli: RunCli, bundled: Path) -> None:
    before = _snapshot(bundled)
    code, _, err = run_cli(
        "-C", bundled, "add-evidence", "cause-of-death", "Nobody",
        "--source", "pushes-back", "--quote", "Azerbaijan pushes back",
    )  # fmt: skip
    assert code == 1
    assert "disputes/deaths.yaml:2: dispute 'cause-of-death' has no position" in err
    assert "heart-failure (Russian forensic experts)" in err
    code, _, err = run_cli(
        "-C", bundled, "add-evidence", "cause-of-deth", "x", "--source", "s", "--quote", "q"
    )
    assert code == 1
    assert "did you mean cause-of-death?" in err
    code, _, err = run_cli(
        "-C", bundled, "add-dispute", "--id", "cause-of-death", "--question", "Q?"
    )
    assert code == 1
    assert "disputes/deaths.yaml:2: a dispute 'cause-of-death' exists already" in err
    code, _, err = run_cli(
        "-C", bundled, "add-evidence", "cause-of-death", "new", "--source", "s", "--quote", "q"
    )
    assert code == 2
    assert "needs --side, --holder and --claim" in err
    code, _, err = run_cli(
        "-C", bundled, "add-dispute", "--question", "Q?", "--source", "pushes-back",
        "--quote", "Azerbaijan pushes back",
    )  # fmt: skip
    assert code == 2
    assert "needs a position" in err
    code, _, err = run_cli("-C", bundled, "add-dispute", "--question", "Q\x1b[2J?")
    assert code == 2
    assert "control character" in err
    assert _snapshot(bundled) == before


def test_hostile_source_text_is_captured_as_text(run_cli: RunCli, hostile: Path) -> None:
    """Markup, `no: # yes`, a lone `on`, tabs and curly quotes: quoted so they read back."""
    for quote in (
        "[red]alarm[/red] no: # yes, said the",
        "on",
        "Tabs\tand “curly quotes” — dashes.",
    ):
        code, out, err = run_cli(
            "-C", hostile, "add-evidence", "d", "A", "--source", "h", "--quote", quote
        )
        assert code == 0, err
        assert "[red]" in out or quote != "[red]alarm[/red] no: # yes, said the"
    data = yaml.safe_load((hostile / "casebook.yaml").read_text())
    quotes = [e["quote"] for e in data["disputes"][0]["positions"][0]["evidence"]]
    assert quotes[1:] == [
        "[red]alarm[/red] no: # yes, said the", "on", "Tabs\tand “curly quotes” — dashes.",
    ]  # fmt: skip
    report = check(load(hostile))
    assert report.errors == 0
    code, _, err = run_cli(
        "-C", hostile, "add-evidence", "d", "A", "--source", "h", "--quote",
        'Tabs and "curly quotes" - dashes.',
    )  # fmt: skip
    assert code == 1
    assert "after normalising quotation marks" in err
    assert "copy the source's own words" in err


def test_add_dispute_suggests_the_id_and_makes_a_new_file(run_cli: RunCli, bundled: Path) -> None:
    code, out, err = run_cli(
        "-C", bundled, "add-dispute", "--question", "Who is to blame, Baku or Moscow?",
        "--file", "more/blame.yaml", "--side", "critics", "--holder", "Reader",
        "--claim", "Both", "--source", "pushes-back", "--quote", "Azerbaijan pushes back",
    )  # fmt: skip
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("Created ")
    assert lines[0].endswith("more/blame.yaml:2 (dispute who-blame-baku-moscow)")
    assert any(line.endswith("casebook.yaml:50 (include:)") for line in lines)
    assert "+ include: [disputes/*.yaml, more/blame.yaml]" in lines
    assert load(bundled).casebook.dispute("who-blame-baku-moscow") is not None
    assert check(load(bundled)).errors == 0
    code, out, err = run_cli("-C", bundled, "add-dispute", "--question", "Who is to blame?")
    assert code == 0, err
    assert "more/blame.yaml:12 (dispute who-blame)" in out.splitlines()[0]  # the last dispute's


def test_no_casebook_here_is_refused(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    code, _, err = run_cli(
        "-C", tmp_path, "add-evidence", "d", "p", "--source", "s", "--quote", "q"
    )
    assert code == 1
    assert "no casebook here to add to" in err
