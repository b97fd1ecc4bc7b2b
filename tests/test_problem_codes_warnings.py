"""The casebook-wide warnings (one-sided, unused-source, orphan review, no evidence, empty
include, empty source) and the id rule, each from a casebook with one thing missing.

The structural codes are in `test_problem_codes.py`; shared helpers in `problem_support.py`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import RunCli, make_casebook
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
