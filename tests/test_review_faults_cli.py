"""Faults a fresh tester found in verdicts, from the command line: two positions sharing a
review key, `status` on a broken review.yaml, `unrated` counted as rated, `--status`
without a position (and who marked the dispute), a `ratings:` scale with bad entries,
reviewer names that are not one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from conftest import RunCli
from review_support import review_casebook

from claims.loader import load
from claims.review import ReviewError, ReviewStore, SetRating

DUP = (
    "  - id: dup\n"
    "    question: Who said it?\n"
    "    positions:\n"
    "      - {side: a, holder: Same Person, claim: first}\n"
    "      - {side: b, holder: Same Person, claim: second}\n"
)


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CONTESTED_REVIEWER", "lm")
    return review_casebook(tmp_path / "cb")


def reviews(root: Path) -> dict[str, object]:
    path = root / "review.yaml"
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or {}) if path.exists() else {}


def test_two_positions_sharing_a_review_key_are_flagged_and_never_rated_together(
    root: Path, run_cli: RunCli
) -> None:
    with (root / "casebook.yaml").open("a", encoding="utf-8") as file:
        file.write(DUP)
    code, out, _ = run_cli("check", root)
    assert "warning[ambiguous-review-key] 2 positions of dispute 'dup' share the review key" in out
    assert "give each of them `id:`" in out
    code, _, err = run_cli("-C", root, "review", "dup", "Same Person", "--rating", "false")
    assert code == 2
    assert "give them `id:`" in err
    assert not (root / "review.yaml").exists()  # neither position rated
    store = ReviewStore.open(load(root).casebook)  # the app's way in refuses too
    with pytest.raises(ReviewError, match="give them `id:`"):
        store.apply(SetRating("dup", "Same Person", "false"))


def test_status_on_a_broken_review_yaml_names_the_problem_and_fails(
    root: Path, run_cli: RunCli
) -> None:
    (root / "review.yaml").write_text("busy:\n  positions: [\n", encoding="utf-8")
    code, out, err = run_cli("-C", root, "status")
    assert code == 1
    assert out == ""  # no "0/2 disputes reviewed" read from a file that did not parse
    assert "review.yaml:3:1: error[syntax]" in err
    code, out, err = run_cli("-C", root, "status", "--format", "json")
    assert (code, out) == (1, "")
    assert "review.yaml:3:1" in err


def test_a_note_alone_is_not_a_rating_anywhere(root: Path, run_cli: RunCli) -> None:
    run_cli("-C", root, "review", "busy", "w1", "--rating", "false")
    code, out, _ = run_cli("-C", root, "review", "busy", "w2", "--note", "asked the press office")
    assert code == 0
    assert reviews(root)["busy"]["positions"]["w2"]["rating"] == "unrated"  # type: ignore[index]
    code, out, _ = run_cli("-C", root, "status")
    lines = out.splitlines()
    assert "1/40 positions rated:" in lines
    assert not any("Unrated" in line for line in lines)
    assert any(line.startswith("  ◐ busy  partly rated, 1/6 rated") for line in lines), lines
    run_cli("-C", root, "review", "busy", "w1", "--clear")
    code, out, _ = run_cli("-C", root, "status", "--format", "json")
    summary = json.loads(out)["summary"]
    assert (summary["rated"], summary["by_rating"], summary["unrated"]) == (0, {}, 1)
    assert summary["open"] == 2  # a note alone leaves the dispute open, as ClaimReview does
    assert json.loads(out)["disputes"][1]["state"] == "open"


def test_status_alone_marks_the_dispute_and_records_who_and_when(
    root: Path, run_cli: RunCli
) -> None:
    code, out, err = run_cli("-C", root, "review", "busy", "--status", "reviewed", "--by", "Ann")
    assert (code, err) == (0, "")
    assert "busy: reviewed" in out
    entry = reviews(root)["busy"]
    assert entry["status"] == "reviewed"  # type: ignore[index]
    assert entry["by"] == "Ann"  # type: ignore[index]
    assert str(entry["at"]).endswith("Z")  # type: ignore[index]
    loaded = load(root)  # it loads back, with no problem
    assert loaded.problems == []
    assert (loaded.casebook.reviews["busy"].by, loaded.casebook.reviews["busy"].status) == (
        "Ann",
        "reviewed",
    )
    code, out, _ = run_cli("check", root)
    assert "review.yaml" not in out
    code, out, _ = run_cli("-C", root, "status", "--format", "json")
    busy = json.loads(out)["disputes"][1]
    assert (busy["status"], busy["by"]) == ("reviewed", "Ann")
    code, _, err = run_cli("-C", root, "review", "busy", "--rating", "false")
    assert code == 2
    assert "--rating is for one position" in err


def test_a_bad_entry_of_ratings_is_reported_and_never_offered(
    tmp_path: Path, run_cli: RunCli
) -> None:
    root = review_casebook(
        tmp_path,
        "ratings:\n"
        "  - {id: accurate, label: Accurate, value: 3}\n"
        "  - {id: Bad Id, label: Bad}\n"
        "  - {id: inf, label: Infinite, value: .inf}\n"
        "  - {id: extra, label: Extra, colur: red}\n",
    )
    code, out, _ = run_cli("check", root)
    assert "'Bad Id' is not a valid id" in out
    assert "'value' in rating 'inf' should be a number" in out
    assert "unknown key 'colur'" in out
    code, _, err = run_cli("-C", root, "review", "busy", "w1", "--rating", "inf")
    assert code == 2
    assert "(the casebook's ratings: accurate)" in err
    (root / "review.yaml").write_text("busy:\n  positions:\n    w1: {rating: extra}\n")
    code, out, _ = run_cli("check", root)
    assert "= hint: use one of: accurate\n" in out


def test_a_reviewers_name_is_one_line(
    root: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err = run_cli("-C", root, "review", "busy", "w1", "--rating", "false",
                           "--by", "Ann\n  ✓ forged  reviewed")  # fmt: skip
    assert code == 2
    assert "--by cannot be the reviewer's name: it holds a line break" in err
    monkeypatch.setenv("CONTESTED_REVIEWER", "Ann\x1b[31m")
    code, _, err = run_cli("-C", root, "review", "busy", "w1", "--rating", "false")
    assert code == 2
    assert "$CONTESTED_REVIEWER cannot be the reviewer's name" in err
    assert "set it to your name on one line" in err
    assert not (root / "review.yaml").exists()
    monkeypatch.setenv("CONTESTED_REVIEWER", "Ann")
    code, out, _ = run_cli("-C", root, "review", "busy", "w1", "--rating", "false")
    assert code == 0
    code, out, _ = run_cli("-C", root, "status")
    assert any(line.startswith("  Ann: 1 position, last 20") for line in out.splitlines())
