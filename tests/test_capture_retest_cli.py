"""`contested add-evidence`, faults a re-test found (issue 15): a wrong `--paragraph` is
refused naming the paragraph the words are in; `new` with a holder already holding a
position on that side is refused, naming it; positions sharing a holder are addressed by
their number (`#2`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import RunCli, make_casebook

from claims.loader import load

SOURCE = "First words here.\n\nSecond words here.\n\nyes, it was so.\n\nFourth words here.\n"

CASEBOOK = """title: Retest
sides:
  a: {label: A}
  b: {label: B}
sources:
  s:
    file: sources/s.txt
disputes:
  - id: d
    question: Q?
    positions:
      - side: a
        holder: C
        claim: one
        evidence:
          - source: s
            quote: First words here.
      - side: b
        holder: C
        claim: two
        evidence:
          - source: s
            quote: Second words here.
      - side: a
        holder: D
        id: x
        claim: three
        evidence:
          - source: s
            quote: Second words here.
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return make_casebook(tmp_path / "cb", CASEBOOK, {"sources/s.txt": SOURCE})


def _yaml(root: Path) -> bytes:
    return (root / "casebook.yaml").read_bytes()


def test_a_wrong_paragraph_names_the_paragraph_the_words_are_in(
    run_cli: RunCli, root: Path
) -> None:
    before = _yaml(root)
    code, _, err = run_cli(
        "-C", root, "add-evidence", "d", "x", "--source", "s", "--quote", "yes",
        "--paragraph", "4",
    )  # fmt: skip
    assert code == 1
    assert "the quote is in ¶3 of 's', not ¶4" in err
    assert "fix --paragraph or leave it out" in err
    assert "approximately" not in err
    assert "copy the source's own words" not in err
    assert _yaml(root) == before


def test_new_with_a_holder_already_on_that_side_is_refused_naming_it(
    run_cli: RunCli, root: Path
) -> None:
    before = _yaml(root)
    code, _, err = run_cli(
        "-C", root, "add-evidence", "d", "new", "--side", "b", "--holder", "c",
        "--claim", "three", "--source", "s", "--quote", "Fourth words here.",
    )  # fmt: skip
    assert code == 1
    assert "has a position held by 'C' on side 'b' already (#2" in err
    assert "add the evidence to that position instead (#2)" in err
    assert _yaml(root) == before


def test_positions_sharing_a_holder_are_named_and_taken_by_number(
    run_cli: RunCli, root: Path
) -> None:
    code, _, err = run_cli(
        "-C", root, "add-evidence", "d", "C", "--source", "s", "--quote", "Fourth words here.",
    )  # fmt: skip
    assert code == 1
    assert "#1 (C, no id); #2 (C, no id)" in err
    assert "#N" in err
    code, _, err = run_cli(
        "-C", root, "add-evidence", "d", "#2", "--source", "s", "--quote", "Fourth words here.",
    )  # fmt: skip
    assert code == 0, err
    dispute = load(root).casebook.dispute("d")
    assert dispute is not None
    assert [e.quote for e in dispute.positions[1].evidence][-1] == "Fourth words here."
    assert len(dispute.positions[0].evidence) == 1


def test_read_takes_a_source_id_as_the_hints_say(
    run_cli: RunCli, root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err = run_cli("-C", root, "add-evidence", "d", "x", "--source", "s", "--quote", "zzz")
    assert "`contested read SOURCE`" in err  # the hint followed, from -C and from inside
    code, out, err = run_cli("-C", root, "read", "s")
    assert code == 0, err
    assert "¶3" in out
    assert "yes, it was so." in out
    monkeypatch.chdir(root)
    code, out, err = run_cli("read", "s", "--format", "json")
    assert code == 0, err
    assert '"text": "Fourth words here."' in out
    (root / "s").write_text("A file named like the source wins.\n", encoding="utf-8")
    code, out, _ = run_cli("read", "s")
    assert code == 0
    assert "A file named like the source wins." in out


def test_an_unknown_side_names_where_the_sides_are_declared(run_cli: RunCli, root: Path) -> None:
    before = _yaml(root)
    code, _, err = run_cli(
        "-C", root, "add-evidence", "d", "new", "--side", "bogus", "--holder", "E",
        "--claim", "four", "--source", "s", "--quote", "Fourth words here.",
    )  # fmt: skip
    assert code == 1
    assert "casebook.yaml:3: unknown side 'bogus'" in err
    assert "a, b" in err
    assert _yaml(root) == before


def test_a_dispute_file_in_the_sources_folder_is_refused(run_cli: RunCli, root: Path) -> None:
    before = _yaml(root)
    code, _, err = run_cli(
        "-C", root, "add-dispute", "--question", "Where?", "--file", "sources/more.yaml"
    )
    assert code == 1
    assert "folder of the casebook's sources" in err
    assert "disputes/new.yaml" in err
    assert not (root / "sources" / "more.yaml").exists()
    assert _yaml(root) == before


def test_a_dispute_file_beside_casebook_yaml_is_still_taken(run_cli: RunCli, root: Path) -> None:
    """Sources beside casebook.yaml do not make its own folder a sources folder."""
    (root / "beside.txt").write_text("Beside words.\n", encoding="utf-8")
    text = (
        _yaml(root)
        .decode()
        .replace(
            "    file: sources/s.txt\n", "    file: sources/s.txt\n  t:\n    file: beside.txt\n"
        )
    )
    (root / "casebook.yaml").write_text(text, encoding="utf-8")
    code, _, err = run_cli("-C", root, "add-dispute", "--question", "Here?", "--file", "more.yaml")
    assert code == 0, err
    assert "here" in (root / "more.yaml").read_text(encoding="utf-8")
