"""A test casebook per problem code, each giving that code at the right file, line and column:
the clean casebook, then the codes about the casebook's own structure (syntax,
duplicate-id, missing-file, outside-casebook, unknown-ref).

Every case runs `contested check --format json` in-process (what CI would read) and finds the
expected line and column in the YAML text it wrote, so a problem pointing one key off fails.
The quote codes are in `test_problem_codes_quotes.py`, the casebook-wide warnings in
`test_problem_codes_warnings.py`; the shared casebook and helpers in `problem_support.py`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from conftest import RunCli
from problem_support import (
    CLEAN_DISPUTE,
    SIDES_AND_SOURCES,
    SOURCE,
    assert_at,
    at,
    casebook,
    check_json,
    codes,
    only,
    write,
)


@pytest.fixture
def case(tmp_path: Path) -> Path:
    return tmp_path / "case"


# --- the clean casebook everything below breaks -------------------------------------------


def test_clean_casebook_has_no_problems(run_cli: RunCli, case: Path) -> None:
    root = write(case, casebook())
    code, problems, data = check_json(run_cli, root)
    assert (code, problems) == (0, [])
    assert [(a["paragraph"], a["method"]) for a in data["anchors"]] == [(1, "exact"), (2, "exact")]


# --- syntax --------------------------------------------------------------------------------


def test_syntax_parse_error_in_casebook_yaml(run_cli: RunCli, case: Path) -> None:
    text = SIDES_AND_SOURCES + "description: this: breaks\n"
    root = write(case, text)
    line, column = at(text, "description: this", ":")
    code, _, err = run_cli("check", root)
    assert code == 2  # nothing can be read
    assert f"casebook.yaml:{line}:{column}: error[syntax] invalid YAML" in err
    assert "Traceback" not in err
    code, problems, data = check_json(run_cli, root)
    assert code == 2
    assert_at(only(problems, "syntax"), root / "casebook.yaml", (line, column))
    assert data["anchors"] == []


def test_syntax_error_in_an_included_file(run_cli: RunCli, case: Path) -> None:
    text = casebook() + "include: [disputes/*.yaml]\n"
    included = "disputes:\n  - id: more\n    question: [unclosed, list\n    positions: []\n"
    root = write(case, text, {"disputes/more.yaml": included})
    code, problems, data = check_json(run_cli, root)
    problem = only(problems, "syntax")
    # Where the parser gave up, and in the message where the unclosed list was opened.
    assert_at(problem, root / "disputes" / "more.yaml", at(included, "positions", ":"))
    opened_line, opened_column = at(included, "question: ", "[")
    assert problem["message"].startswith(
        "invalid YAML: while parsing a flow sequence "
        f"(from line {opened_line}, column {opened_column}): "
    )
    assert "']'" in problem["message"]
    assert len(data["anchors"]) == 2  # the rest of the casebook is still checked
    assert code == 1


def test_syntax_unknown_key_did_you_mean(run_cli: RunCli, case: Path) -> None:
    text = casebook(
        CLEAN_DISPUTE.replace("    question:", "    descripton: Context.\n    question:")
    )
    root = write(case, text)
    code, problems, _ = check_json(run_cli, root)
    problem = only(problems, "syntax")
    assert_at(problem, root / "casebook.yaml", at(text, "    ", "descripton:"))
    assert "unknown key 'descripton'" in problem["message"]
    assert "did you mean 'description'?" in problem["message"]
    assert code == 1


def test_syntax_wrong_type_tags(run_cli: RunCli, case: Path) -> None:
    text = casebook(CLEAN_DISPUTE.replace("    question:", "    tags: foo\n    question:"))
    root = write(case, text)
    code, problems, _ = check_json(run_cli, root)
    problem = only(problems, "syntax")
    assert_at(problem, root / "casebook.yaml", at(text, "tags: ", "foo"))
    assert "'tags'" in problem["message"]
    assert "list" in problem["message"]
    assert code == 1


def test_syntax_wrong_type_paragraph(run_cli: RunCli, case: Path) -> None:
    disputes = CLEAN_DISPUTE.replace(
        "quote: the brothers were beaten by riot police",
        "quote: the brothers were beaten by riot police\n            paragraph: x",
    )
    text = casebook(disputes)
    root = write(case, text)
    code, problems, _ = check_json(run_cli, root)
    problem = only(problems, "syntax")
    assert_at(problem, root / "casebook.yaml", at(text, "paragraph: ", "x"))
    assert "'paragraph'" in problem["message"]
    assert "whole number" in problem["message"]
    assert code == 1


def test_syntax_missing_required_title(run_cli: RunCli, case: Path) -> None:
    text = casebook().replace("title: Test casebook\n", "language: en\n")
    root = write(case, text)
    code, problems, _ = check_json(run_cli, root)
    problem = only(problems, "syntax")
    assert_at(problem, root / "casebook.yaml", (1, 1))
    assert "missing required key 'title'" in problem["message"]
    assert code == 1


def test_syntax_missing_required_claim_points_at_the_position(run_cli: RunCli, case: Path) -> None:
    text = casebook(CLEAN_DISPUTE.replace("        claim: They were beaten.\n", ""))
    root = write(case, text)
    code, problems, _ = check_json(run_cli, root)
    problem = only(problems, "syntax")
    assert_at(problem, root / "casebook.yaml", at(text, "      - ", "side: families"))
    assert "missing required key 'claim'" in problem["message"]
    # The position cannot be used, so the dispute is left with one account.
    assert codes(problems) == ["one-sided", "syntax"]
    assert code == 1


# --- duplicate-id ------------------------------------------------------------------------


def test_duplicate_key_in_a_mapping(run_cli: RunCli, case: Path) -> None:
    text = casebook(
        CLEAN_DISPUTE.replace(
            "    question: How did they die?\n",
            "    question: How did they die?\n    question: Who killed them?\n",
        )
    )
    root = write(case, text)
    code, problems, _ = check_json(run_cli, root)
    problem = only(problems, "duplicate-id")
    assert_at(problem, root / "casebook.yaml", at(text, "    ", "question: Who"))
    first_line, _ = at(text, "    ", "question: How")
    assert "duplicate key 'question'" in problem["message"]
    assert f"first at line {first_line}" in problem["message"]
    assert code == 1


def test_duplicate_dispute_id(run_cli: RunCli, case: Path) -> None:
    text = casebook(CLEAN_DISPUTE + CLEAN_DISPUTE.replace("How did they die?", "Again?"))
    root = write(case, text)
    code, problems, _ = check_json(run_cli, root)
    problem = only(problems, "duplicate-id")
    assert_at(problem, root / "casebook.yaml", at(text, "id: ", "cause", nth=2))
    first_line, _ = at(text, "id: ", "cause")
    assert "dispute id 'cause' is used twice" in problem["message"]
    assert f"casebook.yaml:{first_line}" in problem["message"]
    assert code == 1


def test_duplicate_dispute_id_in_an_included_file(run_cli: RunCli, case: Path) -> None:
    text = casebook() + "include: [disputes/*.yaml]\n"
    included = "disputes:\n" + CLEAN_DISPUTE
    root = write(case, text, {"disputes/more.yaml": included})
    code, problems, _ = check_json(run_cli, root)
    problem = only(problems, "duplicate-id")
    assert_at(problem, root / "disputes" / "more.yaml", at(included, "id: ", "cause"))
    assert code == 1


def test_duplicate_source_id(run_cli: RunCli, case: Path) -> None:
    head = SIDES_AND_SOURCES + "  report:\n    file: sources/report.txt\n"
    text = casebook(head=head)
    root = write(case, text)
    code, problems, _ = check_json(run_cli, root)
    problem = only(problems, "duplicate-id")
    assert_at(problem, root / "casebook.yaml", at(text, "  ", "report:", nth=2))
    assert "duplicate key 'report'" in problem["message"]
    assert code == 1


def test_duplicate_side_id(run_cli: RunCli, case: Path) -> None:
    head = SIDES_AND_SOURCES.replace(
        "  families: {label: Families}\n",
        "  families: {label: Families}\n  officials: {label: Officials again}\n",
    )
    text = casebook(head=head)
    root = write(case, text)
    code, problems, _ = check_json(run_cli, root)
    problem = only(problems, "duplicate-id")
    assert_at(problem, root / "casebook.yaml", at(text, "  ", "officials:", nth=2))
    assert code == 1


def test_duplicate_position_id(run_cli: RunCli, case: Path) -> None:
    disputes = CLEAN_DISPUTE.replace(
        "        holder: Officials\n", "        holder: Officials\n        id: same\n"
    ).replace("        holder: Relatives\n", "        holder: Relatives\n        id: same\n")
    text = casebook(disputes)
    root = write(case, text)
    code, problems, _ = check_json(run_cli, root)
    problem = only(problems, "duplicate-id")
    assert_at(problem, root / "casebook.yaml", at(text, "id: ", "same", nth=2))
    assert "position id 'same'" in problem["message"]
    assert code == 1


# --- missing-file ------------------------------------------------------------------------


def test_missing_file_absent_source(run_cli: RunCli, case: Path) -> None:
    text = casebook().replace("file: sources/report.txt", "file: sources/gone.txt")
    root = write(case, text)
    code, problems, _ = check_json(run_cli, root)
    problem = only(problems, "missing-file")
    assert_at(problem, root / "casebook.yaml", at(text, "file: ", "sources/gone.txt"))
    assert "sources/gone.txt" in problem["message"]
    assert "does not exist" in problem["message"]
    assert code == 1


def test_missing_file_not_utf8(run_cli: RunCli, case: Path) -> None:
    text = casebook().replace("file: sources/report.txt", "file: sources/latin1.txt")
    root = write(case, text, {"sources/latin1.txt": b"Le caf\xe9 est ferm\xe9.\n"})
    code, problems, _ = check_json(run_cli, root)
    problem = only(problems, "missing-file")
    assert_at(problem, root / "casebook.yaml", at(text, "file: ", "sources/latin1.txt"))
    assert "not UTF-8" in problem["message"]
    assert "0xe9" in problem["message"]
    assert code == 1


# --- outside-casebook --------------------------------------------------------------------


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A document next to (not inside) the casebook, with the quotes the casebook uses."""
    path = tmp_path / "outside.txt"
    path.write_text(SOURCE, encoding="utf-8")
    return path


def assert_outside(run_cli: RunCli, root: Path, text: str, value: str) -> dict[str, Any]:
    code, problems, data = check_json(run_cli, root)
    problem = only(problems, "outside-casebook")
    assert_at(problem, root / "casebook.yaml", at(text, "file: ", value))
    # The outside file is never read: its quotes are not anchored.
    assert all(a["paragraph"] is None for a in data["anchors"])
    assert code == 1
    return problem


def test_outside_casebook_dotdot(run_cli: RunCli, case: Path, outside: Path) -> None:
    text = casebook().replace("file: sources/report.txt", "file: ../outside.txt")
    root = write(case, text)
    problem = assert_outside(run_cli, root, text, "../outside.txt")
    assert "`..`" in problem["message"]


def test_outside_casebook_absolute(run_cli: RunCli, case: Path, outside: Path) -> None:
    text = casebook().replace("file: sources/report.txt", f"file: {outside}")
    root = write(case, text)
    problem = assert_outside(run_cli, root, text, str(outside))
    assert "absolute" in problem["message"]


def test_outside_casebook_symlink(run_cli: RunCli, case: Path, outside: Path) -> None:
    text = casebook().replace("file: sources/report.txt", "file: sources/link.txt")
    root = write(case, text)
    os.symlink(outside, root / "sources" / "link.txt")
    problem = assert_outside(run_cli, root, text, "sources/link.txt")
    assert "symbolic link" in problem["message"]


def test_symlink_inside_the_casebook_is_fine(run_cli: RunCli, case: Path) -> None:
    text = casebook().replace("file: sources/report.txt", "file: sources/link.txt")
    root = write(case, text)
    os.symlink(root / "sources" / "report.txt", root / "sources" / "link.txt")
    code, problems, _ = check_json(run_cli, root)
    assert (code, problems) == (0, [])


def test_outside_casebook_include_with_dotdot(run_cli: RunCli, case: Path, tmp_path: Path) -> None:
    (tmp_path / "evil.yaml").write_text("disputes:\n" + CLEAN_DISPUTE, encoding="utf-8")
    text = casebook() + "include: [disputes/*.yaml, disputes/../../*.yaml]\n"
    root = write(case, text, {"disputes/a.yaml": "disputes: []\n"})
    code, problems, _ = check_json(run_cli, root)
    problem = only(problems, "outside-casebook")
    assert_at(problem, root / "casebook.yaml", at(text, ", ", "disputes/../../*.yaml"))
    assert "disputes/../../*.yaml" in problem["message"]
    # evil.yaml's dispute (a second `cause`) was not read: no duplicate-id.
    assert codes(problems) == ["outside-casebook"]
    assert code == 1


def test_outside_casebook_include_through_symlinked_dir(
    run_cli: RunCli, case: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "more.yaml").write_text("disputes:\n" + CLEAN_DISPUTE, encoding="utf-8")
    text = casebook() + "include: linked/*.yaml\n"
    root = write(case, text)
    os.symlink(elsewhere, root / "linked", target_is_directory=True)
    code, problems, _ = check_json(run_cli, root)
    problem = only(problems, "outside-casebook")
    assert_at(problem, root / "casebook.yaml", at(text, "include: ", "linked/*.yaml"))
    assert code == 1


# --- unknown-ref -------------------------------------------------------------------------


def test_unknown_side(run_cli: RunCli, case: Path) -> None:
    text = casebook(CLEAN_DISPUTE.replace("side: families", "side: familes"))
    root = write(case, text)
    code, problems, _ = check_json(run_cli, root)
    problem = only(problems, "unknown-ref")
    assert_at(problem, root / "casebook.yaml", at(text, "side: ", "familes"))
    assert "unknown side 'familes'; did you mean 'families'?" in problem["message"]
    assert code == 1


def test_unknown_source(run_cli: RunCli, case: Path) -> None:
    text = casebook(CLEAN_DISPUTE.replace("source: report", "source: reprot", 1))
    root = write(case, text)
    code, problems, data = check_json(run_cli, root)
    problem = only(problems, "unknown-ref")
    assert_at(problem, root / "casebook.yaml", at(text, "source: ", "reprot"))
    assert "unknown source 'reprot'; did you mean 'report'?" in problem["message"]
    assert data["anchors"][0]["paragraph"] is None
    assert code == 1
