"""Verdicts from the command line and seen everywhere: `contested review`, `contested
status`, `show`, `check` (unknown rating at line:col, the JSON `reviews` section) and
`contested init --example DIR`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import BUNDLED, RunCli
from review_support import review_casebook

REVIEWER = {"CONTESTED_REVIEWER": "lm"}


@pytest.fixture
def example(tmp_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CONTESTED_REVIEWER", "lm")
    code, _out, err = run_cli("init", "--example", tmp_path / "x")
    assert (code, err) == (0, "")
    return tmp_path / "x"


def test_init_example_copies_the_bundled_casebook_and_refuses_a_full_folder(
    example: Path, run_cli: RunCli
) -> None:
    assert (example / "casebook.yaml").read_bytes() == (BUNDLED / "casebook.yaml").read_bytes()
    assert sorted(p.name for p in (example / "disputes").iterdir()) == sorted(
        p.name for p in (BUNDLED / "disputes").iterdir()
    )
    code, _, err = run_cli("init", "--example", example)
    assert code == 2
    assert "already exists and is not empty" in err
    code, _, err = run_cli("init")
    assert code == 2
    assert "--example DIR" in err


def test_review_writes_and_show_status_and_json_print_it(example: Path, run_cli: RunCli) -> None:
    code, out, err = run_cli(
        "-C", example, "review", "cause-of-death", "heart-failure", "--rating", "unsupported",
        "--note", "Contradicted by the second autopsy",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert "cause-of-death / heart-failure: unsupported, with a note" in out
    code, out, err = run_cli(
        "-C", example, "review", "cause-of-death", "Azerbaijani forensic specialists",
        "--rating", "supported", "--status", "reviewed",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert "traumatic-shock: supported; dispute reviewed" in out
    text = (example / "review.yaml").read_text(encoding="utf-8")
    assert '    "heart-failure":\n      rating: "unsupported"\n      note: "Contradicted' in text

    code, out, _ = run_cli("show", example, "cause-of-death", columns=200)
    assert code == 0
    assert "Rated Unsupported · lm · " in out
    assert "Review note: Contradicted by the second autopsy" in out
    assert "Rated Supported · lm" in out
    assert "cause-of-death · 2025-06-27" in out
    assert "reviewed" in out

    code, out, _ = run_cli("-C", example, "status")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "1/26 disputes reviewed, 0 partly rated, 25 open"
    assert lines[1] == "2/74 positions rated:"
    assert "      1  Supported" in lines
    assert "      1  Unsupported" in lines
    assert any(line.startswith("  lm: 2 positions, last 20") for line in lines)
    marked = "  ✓ cause-of-death  reviewed, 2/3 rated; marked by lm · 20"  # who marked it, when
    assert any(line.startswith(marked) for line in lines), lines
    assert any(line.startswith("      heart-failure: unsupported  (lm · 20") for line in lines)

    code, out, _ = run_cli("-C", example, "status", "--format", "json")
    data = json.loads(out)
    assert data["summary"]["reviewed"] == 1
    assert data["summary"]["by_rating"] == {"supported": 1, "unsupported": 1}
    first = data["disputes"][0]
    assert (first["id"], first["state"]) == ("cause-of-death", "reviewed")
    review = first["positions"][0]["review"]
    assert review["rating"] == "unsupported"
    assert (review["label"], review["value"], review["by"]) == ("Unsupported", 2.0, "lm")
    assert first["positions"][2]["review"] is None

    code, out, _ = run_cli("check", example, "--format", "json")
    assert code == 0
    assert json.loads(out)["reviews"] == data


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["cause-of-deth", "heart-failure", "--rating", "false"],
         "no dispute 'cause-of-deth' in 'Yekaterinburg raids and the Azerbaijan–Russia row'; "
         "did you mean 'cause-of-death'?"),
        (["cause-of-death", "heart", "--rating", "false"],
         "dispute 'cause-of-death' has no position 'heart'; did you mean 'heart-failure'?"),
        (["cause-of-death", "heart-failure", "--rating", "Supportd"],
         "unknown rating 'Supportd'; did you mean 'supported'?"),
        (["cause-of-death", "heart-failure"], "say what to change"),
    ],
)  # fmt: skip
def test_review_refuses_unknown_names_and_writes_nothing(
    example: Path, run_cli: RunCli, args: list[str], message: str
) -> None:
    code, out, err = run_cli("-C", example, "review", *args)
    assert code == 2
    assert out == ""
    assert message in err
    assert not (example / "review.yaml").exists()


def test_reviewing_the_bundled_example_says_how_to_get_a_copy(run_cli: RunCli) -> None:
    code, _, err = run_cli(
        "-C", BUNDLED, "review", "cause-of-death", "heart-failure", "--rating", "false"
    )
    assert code == 2
    assert "`contested init --example DIR` copies it to DIR" in err
    assert not (BUNDLED / "review.yaml").exists()


def test_check_reports_an_unknown_rating_at_its_line_and_column(
    tmp_path: Path, run_cli: RunCli
) -> None:
    root = review_casebook(tmp_path)
    (root / "review.yaml").write_text(
        "busy:\n  positions:\n    w1: {rating: supported}\n    w2: {note: x, rating: flase}\n",
        encoding="utf-8",
    )
    code, out, _ = run_cli("check", root)
    assert code == 1
    assert (
        "review.yaml:4:27: error[unknown-rating] review of 'w2' has rating 'flase', "
        "which is not on the casebook's scale; did you mean 'false'?"
    ) in out
    assert "= hint: use one of: supported, partly-supported, unsupported, false" in out
    code, out, _ = run_cli("check", root, "--format", "json")
    problems = json.loads(out)["problems"]
    unknown = [p for p in problems if p["code"] == "unknown-rating"]
    assert [(p["line"], p["column"]) for p in unknown] == [(4, 27)]


def test_check_uses_the_casebooks_own_scale(tmp_path: Path, run_cli: RunCli) -> None:
    root = review_casebook(tmp_path, "ratings:\n  - {id: misleading, label: Misleading}\n")
    (root / "review.yaml").write_text(
        "busy:\n  positions:\n    w1: {rating: misleading}\n    w2: {rating: supported}\n",
        encoding="utf-8",
    )
    code, out, _ = run_cli("check", root)
    assert code == 1
    assert "review.yaml:4:18: error[unknown-rating] review of 'w2' has rating 'supported'" in out
    assert "= hint: use one of: misleading\n" in out
