"""The command line's edges (issue 10, item 6): `--version`, a mistyped command, each
command's own usage text, suggestions for an unknown dispute, `contested list`, and
output piped into `head`."""

from __future__ import annotations

import json
import shlex
import subprocess
from importlib import metadata
from pathlib import Path

import pytest
from conftest import BIN, BUNDLED, CASEBOOK, SOURCE, RunCli, RunContested, make_casebook

from claims import load

CONTESTED = BIN / "contested"


def test_version(run_contested: RunContested) -> None:
    result = run_contested("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"contested {metadata.version('contested')}"


@pytest.mark.parametrize(
    ("typo", "meant"), [("chekc", "check"), ("shwo", "show"), ("lsit", "list")]
)
def test_a_mistyped_command_is_named_with_the_one_meant(
    run_contested: RunContested, tmp_path: Path, typo: str, meant: str
) -> None:
    result = run_contested(typo, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == f"contested: unknown command {typo!r}; did you mean {meant}?\n"
    assert result.stdout == ""
    # A folder of that name is a casebook, as it always was.
    make_casebook(tmp_path / typo, CASEBOOK, {"sources/report.txt": SOURCE})
    assert run_contested(typo, cwd=tmp_path).returncode == 0


@pytest.mark.parametrize(
    ("args", "usage", "error"),
    [
        (["init"], "usage: contested init [-h] [-C PATH] [--example DIR] [PATH]",
         "contested init: error: one of the arguments PATH --example is required"),
        (["check", "--format", "xml"], "usage: contested check [-h] [-C PATH]",
         "contested check: error: argument --format: invalid choice: 'xml'"),
        (["schema", "nope"], "usage: contested schema [-h] [-C PATH]",
         "contested schema: error: argument which: invalid choice: 'nope'"),
    ],
)  # fmt: skip
def test_a_command_line_error_shows_that_command_s_usage(
    run_contested: RunContested, args: list[str], usage: str, error: str
) -> None:
    result = run_contested(*args)
    assert result.returncode == 2
    assert result.stderr.startswith(usage), result.stderr
    assert error in result.stderr
    assert "COMMAND [options]" not in result.stderr
    assert "contested [CASEBOOK]" not in result.stderr


def test_help_lists_every_command_and_the_global_options(run_cli: RunCli) -> None:
    from claims.cli import commands

    code, out, _ = run_cli("--help")
    assert code == 0
    for name in ("check", "show", "list", "init", "schema"):
        assert f"    {name} " in out
    assert "-C PATH" in out
    assert "--version" in out
    assert list(commands())[:5] == ["check", "show", "list", "init", "schema"]


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [
        ("cause", "'cause-of-death'"),  # a prefix
        ("death", "'cause-of-death'"),  # a part
        ("cause-of-deth", "'cause-of-death'"),  # a misspelling
        ("SPUTNIK", "'sputnik-grounds', 'sputnik-spies'"),  # several, any case
    ],
)
def test_show_an_unknown_dispute_suggests_ids(
    run_contested: RunContested, typed: str, suggested: str
) -> None:
    result = run_contested("show", BUNDLED, typed)
    assert result.returncode == 2
    assert f"no dispute {typed!r}" in result.stderr
    assert f"did you mean {suggested}" in result.stderr
    assert result.stdout == ""


def test_show_an_unknown_dispute_with_nothing_close_points_to_list(
    run_contested: RunContested,
) -> None:
    result = run_contested("-C", BUNDLED, "show", "zzzzzz")
    assert result.returncode == 2
    assert "`contested list` lists them" in result.stderr


# --- list ------------------------------------------------------------------------------------


def marked(tmp_path: Path) -> Path:
    """A casebook with one dispute drifted (a quote found only fuzzily), one one-sided and
    one with an error (an unknown side)."""
    text = CASEBOOK.replace("quote: The raid began at dawn.}", "quote: The raid begun at dawn.}")
    text += (
        "  - id: lonely\n    question: Alone?\n    tags: [solo, test]\n    positions: []\n"
        "  - id: broken\n    question: Whose side?\n    positions:\n"
        "      - {side: nobody, holder: X, claim: Y}\n"
        "      - {side: police, holder: Z, claim: W}\n"
    )
    return make_casebook(tmp_path / "case", text, {"sources/report.txt": SOURCE})


def test_list_human(run_contested: RunContested, tmp_path: Path) -> None:
    root = marked(tmp_path)
    result = run_contested("list", cwd=root)
    assert result.returncode == 1  # the casebook has errors, as `show` says
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["≈", "raid", "casebook.yaml:8", "2", "positions", "When",
                                "did", "the", "raid", "begin?"]  # fmt: skip
    assert lines[1].split() == ["◐", "lonely", "casebook.yaml:21", "0", "positions", "Alone?",
                                "#solo", "#test"]  # fmt: skip
    assert lines[2].startswith("✗ broken ")
    assert lines[3] == (
        "3 disputes: 1 with errors (✗), 1 drifted (≈, warnings only), 1 one-sided (◐)."
    )
    assert "contested check" in result.stderr


def test_list_json(run_contested: RunContested, tmp_path: Path) -> None:
    root = marked(tmp_path)
    result = run_contested("list", "--format", "json", root)
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert [d["id"] for d in data["disputes"]] == ["raid", "lonely", "broken"]
    raid, lonely, broken = data["disputes"]
    assert raid == {
        "id": "raid",
        "question": "When did the raid begin?",
        "file": str(root / "casebook.yaml"),
        "line": 8,
        "tags": [],
        "positions": 2,
        "state": "drift",
        "problems": {"errors": 0, "warnings": 1},
    }
    assert (lonely["state"], lonely["tags"], lonely["positions"]) == (
        "one-sided",
        ["solo", "test"],
        0,
    )
    assert (broken["state"], broken["problems"]["errors"]) == ("errors", 1)


def test_list_the_bundled_casebook(run_contested: RunContested) -> None:
    result = run_contested("list", "--format", "json", BUNDLED)
    assert result.returncode == 0, result.stderr
    listed = json.loads(result.stdout)["disputes"]
    disputes = load(BUNDLED).casebook.disputes
    assert [d["id"] for d in listed] == [d.id for d in disputes]
    for row, dispute in zip(listed, disputes, strict=True):
        assert Path(row["file"]).resolve() == dispute.loc.file.resolve()
        assert row["line"] == dispute.loc.line
        lines = dispute.loc.file.read_text(encoding="utf-8").splitlines()
        assert f"id: {dispute.id}" in lines[row["line"] - 1]
        assert row["state"] == "ok"


def test_list_a_casebook_that_cannot_be_read_exits_2(
    run_contested: RunContested, tmp_path: Path
) -> None:
    root = make_casebook(tmp_path, "title: [broken\n")
    result = run_contested("list", root)
    assert result.returncode == 2
    assert "error[syntax]" in result.stderr
    assert "Traceback" not in result.stderr


# --- piped into head -------------------------------------------------------------------------


def big_casebook(tmp_path: Path) -> Path:
    """Enough disputes that every command writes far more than a pipe holds."""
    disputes = "".join(
        f"  - id: d{n}\n    question: Question number {n} of many, long enough to fill?\n"
        "    positions:\n"
        f"      - {{side: police, holder: P, claim: C, evidence: [{{source: report, "
        f"quote: The raid began at dawn.}}]}}\n"
        f"      - {{side: families, holder: F, claim: D, evidence: [{{source: report, "
        f"quote: Nine people were detained}}]}}\n"
        for n in range(600)
    )
    text = CASEBOOK + disputes
    return make_casebook(tmp_path / "big", text, {"sources/report.txt": SOURCE})


@pytest.mark.parametrize(
    "command",
    ["check", "check --format json", "schema", "list", "list --format json", "show", ""],
    ids=lambda c: c or "app piped",
)
def test_piped_into_head_no_traceback(tmp_path: Path, command: str) -> None:
    """`contested list | head -1` in a real shell: the output ends quietly."""
    root = big_casebook(tmp_path)
    casebook = "" if command == "schema" else shlex.quote(str(root))
    line = f"{shlex.quote(str(CONTESTED))} {command} {casebook} | head -1"
    result = subprocess.run(
        ["sh", "-c", line], capture_output=True, text=True, timeout=60, check=False
    )
    assert "Traceback" not in result.stderr, result.stderr
    assert "Error" not in result.stderr, result.stderr
    assert result.returncode == 0  # head's
    assert result.stdout.count("\n") == 1


# --- a fresh tester's faults (issue 10: 4, 5) ------------------------------------------------


@pytest.mark.parametrize(
    ("args", "usage", "error"),
    [
        (["check", ".", "extra"], "usage: contested check [-h] [-C PATH]",
         "contested check: error: unrecognized arguments: extra"),
        (["list", ".", "extra"], "usage: contested list [-h] [-C PATH]",
         "contested list: error: unrecognized arguments: extra"),
        (["init", "a", "b"], "usage: contested init [-h] [-C PATH] [--example DIR] [PATH]",
         "contested init: error: unrecognized arguments: b"),
        (["show", "--format", "json"], "usage: contested show [-h] [-C PATH]",
         "contested show: error: unrecognized arguments: --format"),
        (["schema", "casebook", "extra"], "usage: contested schema [-h] [-C PATH]",
         "contested schema: error: unrecognized arguments: extra"),
        (["-C", ".", "check", "--nope"], "usage: contested check [-h] [-C PATH]",
         "contested check: error: unrecognized arguments: --nope"),
    ],
)  # fmt: skip
def test_extra_arguments_show_that_command_s_usage(
    run_contested: RunContested, tmp_path: Path, args: list[str], usage: str, error: str
) -> None:
    result = run_contested(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith(usage), result.stderr
    assert error in result.stderr
    assert "COMMAND [options]" not in result.stderr
    assert not (tmp_path / "a").exists()
    # An unknown option before the command is the top level's to refuse.
    top = run_contested("--nope", "check", cwd=tmp_path)
    assert top.returncode == 2
    assert "contested: error: unrecognized arguments: --nope" in top.stderr


@pytest.mark.parametrize("command", ["check", "list", "show", "schema", "init"])
def test_version_after_the_command(run_contested: RunContested, command: str) -> None:
    result = run_contested(command, "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"contested {metadata.version('contested')}"
    assert "--version" not in run_contested(command, "--help").stdout.split("options:")[0]


@pytest.mark.parametrize("command", ["show", "list --format json", "check --format json"])
def test_piped_into_head_exits_141_not_1(tmp_path: Path, command: str) -> None:
    """`contested show | head -1` on a clean casebook: the reader left (141, as a shell
    reports SIGPIPE), never 1, which says the casebook has errors. (Each output is
    several times what a pipe holds, so the reader always leaves first.)"""
    root = big_casebook(tmp_path)
    line = f"{shlex.quote(str(CONTESTED))} {command} {shlex.quote(str(root))} | head -1 >/dev/null"
    line += "; echo ${PIPESTATUS[0]}"
    result = subprocess.run(["bash", "-c", line], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "141", result.stderr
    assert "Traceback" not in result.stderr
    # Not piped, the same casebook is clean.
    if command == "show":
        whole = subprocess.run([str(CONTESTED), "show", str(root)], capture_output=True)
        assert whole.returncode == 0
