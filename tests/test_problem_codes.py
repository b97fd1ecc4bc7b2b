"""A test casebook per problem code, each giving that code at the right file, line and column.

Every case runs `contested check --format json` in-process (what CI would read) and finds the
expected line and column in the YAML text it wrote, so a problem pointing one key off fails.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import RunCli, make_casebook

SOURCE = """\
Officials said the brothers died of heart failure after the arrest.

Relatives said the brothers were beaten by riot police during the raid.

The ministry repeated that the brothers died of heart failure in hospital.

Nothing else was said about the weather in the mountains that week.
"""

SIDES_AND_SOURCES = """\
title: Test casebook
sides:
  officials: {label: Officials}
  families: {label: Families}
sources:
  report:
    file: sources/report.txt
    title: The report
"""

CLEAN_DISPUTE = """\
  - id: cause
    question: How did they die?
    positions:
      - side: officials
        holder: Officials
        claim: Heart failure.
        evidence:
          - source: report
            quote: Officials said the brothers died of heart failure
      - side: families
        holder: Relatives
        claim: They were beaten.
        evidence:
          - source: report
            quote: the brothers were beaten by riot police
"""


def casebook(disputes: str = CLEAN_DISPUTE, head: str = SIDES_AND_SOURCES) -> str:
    """casebook.yaml: the standard sides and source, then `disputes:` with `disputes`."""
    return head + "disputes:\n" + disputes


def at(text: str, prefix: str, target: str = "", nth: int = 1) -> tuple[int, int]:
    """1-based (line, column) of `target` in the `nth` occurrence of `prefix + target`.

    With `target` empty, the position of `prefix` itself. Fails if there are fewer.
    """
    index = -1
    for _ in range(nth):
        index = text.index(prefix + target, index + 1)
    index += len(prefix)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def check_json(run_cli: RunCli, root: Path) -> tuple[int, list[dict[str, Any]], dict[str, Any]]:
    code, out, err = run_cli("check", "--format", "json", root)
    assert "Traceback" not in err
    data = json.loads(out)
    return code, data["problems"], data


def same_file(shown: str, expected: Path) -> bool:
    return (Path.cwd() / shown).resolve() == expected.resolve()


def only(problems: list[dict[str, Any]], code: str) -> dict[str, Any]:
    """The one problem with `code`; fails naming all problems if there is not exactly one."""
    matching = [p for p in problems if p["code"] == code]
    assert len(matching) == 1, f"expected one {code!r}, got {problems!r}"
    return matching[0]


def assert_at(
    problem: dict[str, Any], file: Path, where: tuple[int, int], severity: str = "error"
) -> None:
    assert same_file(problem["file"], file), problem
    assert (problem["line"], problem["column"]) == where, problem
    assert problem["severity"] == severity


def codes(problems: list[dict[str, Any]]) -> list[str]:
    return sorted(p["code"] for p in problems)


@pytest.fixture
def case(tmp_path: Path) -> Path:
    return tmp_path / "case"


def write(case: Path, text: str, extra: dict[str, str | bytes] | None = None) -> Path:
    """The casebook `text` with the standard source, plus `extra` files."""
    return make_casebook(case, text, {"sources/report.txt": SOURCE}, extra)


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


# --- quote-not-found ---------------------------------------------------------------------


def test_quote_not_found_names_the_closest_paragraph(run_cli: RunCli, case: Path) -> None:
    quote = "Relatives said the brothers were shot by soldiers at the border"
    text = casebook(CLEAN_DISPUTE.replace("the brothers were beaten by riot police", quote))
    root = write(case, text)
    code, problems, data = check_json(run_cli, root)
    problem = only(problems, "quote-not-found")
    assert_at(problem, root / "casebook.yaml", at(text, "quote: ", quote))
    match = re.search(r"closest is ¶(\d+) at (\d+)%", problem["message"])
    assert match, problem["message"]
    assert match.group(1) == "2"
    assert 30 <= int(match.group(2)) < 90
    assert data["anchors"][1]["paragraph"] is None
    assert data["anchors"][1]["method"] is None
    assert code == 1


# --- ambiguous-quote ---------------------------------------------------------------------

AMBIGUOUS = "the brothers died of heart failure"


def test_ambiguous_quote_names_the_paragraphs(run_cli: RunCli, case: Path) -> None:
    text = casebook(
        CLEAN_DISPUTE.replace("Officials said the brothers died of heart failure", AMBIGUOUS)
    )
    root = write(case, text)
    code, problems, data = check_json(run_cli, root)
    problem = only(problems, "ambiguous-quote")
    assert_at(problem, root / "casebook.yaml", at(text, "quote: ", AMBIGUOUS))
    assert "found in ¶1 and ¶3" in problem["message"]
    assert data["anchors"][0]["paragraph"] is None
    assert data["anchors"][0]["candidates"] == [1, 3]
    assert code == 1


@pytest.mark.parametrize(
    ("extra", "paragraph"),
    [
        ("before: The ministry repeated that", 3),
        ("before: Officials said", 1),
        ("after: in hospital", 3),
        ("after: after the arrest", 1),
        ("paragraph: 3", 3),
        ("paragraph: 1", 1),
    ],
)
def test_ambiguous_quote_resolved(run_cli: RunCli, case: Path, extra: str, paragraph: int) -> None:
    disputes = CLEAN_DISPUTE.replace(
        "quote: Officials said the brothers died of heart failure",
        f"quote: {AMBIGUOUS}\n            {extra}",
    )
    root = write(case, casebook(disputes))
    code, problems, data = check_json(run_cli, root)
    assert (code, problems) == (0, [])
    anchor = data["anchors"][0]
    paragraph_text = SOURCE.split("\n\n")[paragraph - 1]
    assert anchor["paragraph"] == paragraph
    assert paragraph_text[anchor["start"] : anchor["end"]] == AMBIGUOUS
    assert anchor["method"] == "exact"


# --- quote-drifted -----------------------------------------------------------------------


def test_quote_drifted_fuzzy_with_a_typo(run_cli: RunCli, case: Path) -> None:
    typo = "the brothers were beatn by riot polise"
    text = casebook(CLEAN_DISPUTE.replace("the brothers were beaten by riot police", typo))
    root = write(case, text)
    code, problems, data = check_json(run_cli, root)
    problem = only(problems, "quote-drifted")
    assert_at(problem, root / "casebook.yaml", at(text, "quote: ", typo), "warning")
    match = re.search(r"fuzzily in ¶2 of 'report' \((\d+)% similar\)", problem["message"])
    assert match, problem["message"]
    assert 90 <= int(match.group(1)) < 100
    # what differs, word by word, in `git diff --word-diff` style: the source's own words
    assert (
        "the source says: the brothers were [-beatn-]{+beaten+} by riot [-polise-]{+police+}"
        in problem["message"]
    )
    anchor = data["anchors"][1]
    assert (anchor["paragraph"], anchor["method"]) == (2, "fuzzy")
    assert int(match.group(1)) == int(anchor["score"])  # rounded down, never up to a pass
    paragraph = SOURCE.split("\n\n")[1]
    assert paragraph[anchor["start"] : anchor["end"]] == "the brothers were beaten by riot police"
    assert code == 0  # a warning only


def test_quote_drifted_away_from_its_paragraph_hint(run_cli: RunCli, case: Path) -> None:
    disputes = CLEAN_DISPUTE.replace(
        "quote: the brothers were beaten by riot police",
        "quote: the brothers were beaten by riot police\n            paragraph: 4",
    )
    text = casebook(disputes)
    root = write(case, text)
    code, problems, data = check_json(run_cli, root)
    problem = only(problems, "quote-drifted")
    assert_at(problem, root / "casebook.yaml", at(text, "paragraph: ", "4"), "warning")
    assert "in ¶2 of 'report', not ¶4" in problem["message"]
    assert problem["hint"] == "set `paragraph: 2`"
    assert (data["anchors"][1]["paragraph"], data["anchors"][1]["method"]) == (2, "exact")
    assert code == 0


def test_normalized_match_is_not_drift(run_cli: RunCli, case: Path) -> None:
    source = SOURCE.replace("beaten by riot police", "“beaten” by riot police — at night")
    disputes = CLEAN_DISPUTE.replace(
        "quote: the brothers were beaten by riot police",
        "quote: 'the brothers were \"beaten\" by riot  police - at night'",
    )
    root = make_casebook(case, casebook(disputes), {"sources/report.txt": source})
    code, problems, data = check_json(run_cli, root)
    assert (code, problems) == (0, [])
    assert data["anchors"][1]["method"] == "normalized"


# --- casebook-wide warnings ----------------------------------------------------------------


def test_one_sided(run_cli: RunCli, case: Path) -> None:
    one = CLEAN_DISPUTE[: CLEAN_DISPUTE.index("      - side: families")]
    text = casebook(one)
    root = write(case, text)
    code, problems, _ = check_json(run_cli, root)
    problem = only(problems, "one-sided")
    assert_at(problem, root / "casebook.yaml", at(text, "  - ", "id: cause"), "warning")
    assert "'cause' has 1 position(s)" in problem["message"]
    assert code == 0


def test_two_positions_on_one_side_are_not_one_sided(run_cli: RunCli, case: Path) -> None:
    root = write(case, casebook(CLEAN_DISPUTE.replace("side: families", "side: officials")))
    code, problems, _ = check_json(run_cli, root)
    assert (code, problems) == (0, [])


def test_unused_source(run_cli: RunCli, case: Path) -> None:
    head = SIDES_AND_SOURCES + "  spare:\n    file: sources/spare.txt\n"
    text = casebook(head=head)
    root = write(case, text, {"sources/spare.txt": "Spare.\n"})
    code, problems, _ = check_json(run_cli, root)
    problem = only(problems, "unused-source")
    assert_at(problem, root / "casebook.yaml", at(text, "  ", "spare:"), "warning")
    assert "'spare' is not cited" in problem["message"]
    assert code == 0


REVIEW = """\
cause:
  status: reviewed
  positions:
    Officials: {rating: unsupported, note: Contradicted}
    Relatives: {rating: supported}
    Ministry spokesman: {rating: false}
gone-dispute:
  positions:
    Someone: {rating: unrated}
"""


def test_orphan_review(run_cli: RunCli, case: Path) -> None:
    root = make_casebook(case, casebook(), {"sources/report.txt": SOURCE, "review.yaml": REVIEW})
    code, problems, _ = check_json(run_cli, root)
    orphans = [p for p in problems if p["code"] == "orphan-review"]
    assert len(orphans) == 2, problems
    by_message = {("Ministry" in p["message"]): p for p in orphans}
    assert_at(by_message[True], root / "review.yaml", at(REVIEW, "    ", "Ministry"), "warning")
    assert "'Ministry spokesman'" in by_message[True]["message"]
    assert_at(by_message[False], root / "review.yaml", at(REVIEW, "", "gone-dispute"), "warning")
    assert "'gone-dispute'" in by_message[False]["message"]
    assert codes(problems) == ["orphan-review", "orphan-review"]
    assert code == 0


def test_include_glob_matching_everything_skips_casebook_and_review(
    run_cli: RunCli, case: Path
) -> None:
    text = casebook(CLEAN_DISPUTE[: CLEAN_DISPUTE.index("      - side: families")])
    text += 'include: ["*.yaml"]\n'
    more = "disputes:\n  - id: other\n    question: Q?\n    positions: []\n"
    review = "cause:\n  positions:\n    Officials: {rating: supported}\n"
    root = write(case, text, {"more.yaml": more, "review.yaml": review})
    code, problems, _ = check_json(run_cli, root)
    # Only more.yaml is read as a dispute file: casebook.yaml and review.yaml are not.
    assert [(p["code"], Path(p["file"]).name) for p in problems] == [
        ("one-sided", "casebook.yaml"),
        ("one-sided", "more.yaml"),
    ]
    assert code == 0


def test_review_keyed_by_position_id_is_not_orphan(run_cli: RunCli, case: Path) -> None:
    disputes = CLEAN_DISPUTE.replace(
        "        holder: Officials\n", "        holder: Officials\n        id: hf\n"
    )
    review = "cause:\n  positions:\n    hf: {rating: supported}\n    Relatives: {rating: unrated}\n"
    root = make_casebook(
        case, casebook(disputes), {"sources/report.txt": SOURCE, "review.yaml": review}
    )
    code, problems, _ = check_json(run_cli, root)
    assert (code, problems) == (0, [])


def test_no_evidence(run_cli: RunCli, case: Path) -> None:
    cut = CLEAN_DISPUTE.index("        evidence:", CLEAN_DISPUTE.index("side: families"))
    text = casebook(CLEAN_DISPUTE[:cut])
    root = write(case, text)
    code, problems, _ = check_json(run_cli, root)
    problem = only(problems, "no-evidence")
    assert_at(problem, root / "casebook.yaml", at(text, "      - ", "side: families"), "warning")
    assert "'Relatives' cites no evidence" in problem["message"]
    assert code == 0


def test_empty_include(run_cli: RunCli, case: Path) -> None:
    text = casebook() + "include:\n  - disputes/*.yaml\n"
    root = write(case, text)
    code, problems, _ = check_json(run_cli, root)
    problem = only(problems, "empty-include")
    assert_at(problem, root / "casebook.yaml", at(text, "  - ", "disputes/*.yaml"), "warning")
    assert "'disputes/*.yaml' matches no file" in problem["message"]
    assert code == 0


def test_empty_source(run_cli: RunCli, case: Path) -> None:
    root = make_casebook(case, casebook(), {"sources/report.txt": "\n \n"})
    code, problems, _ = check_json(run_cli, root)
    problem = only(problems, "empty-source")
    assert_at(
        problem, root / "casebook.yaml", at(casebook(), "file: ", "sources/report.txt"), "warning"
    )
    assert [p["code"] for p in problems].count("quote-not-found") == 2
    assert code == 1


def test_ids_must_be_slugs(run_cli: RunCli, case: Path) -> None:
    text = casebook(CLEAN_DISPUTE).replace("id: cause", "id: cause of death", 1)
    root = write(case, text)
    code, problems, _ = check_json(run_cli, root)
    bad = [p for p in problems if p["code"] == "syntax" and "not a valid id" in p["message"]]
    assert len(bad) == 1, problems
    line = text.splitlines().index(next(x for x in text.splitlines() if "cause of death" in x))
    assert bad[0]["line"] == line + 1
    assert code == 1
