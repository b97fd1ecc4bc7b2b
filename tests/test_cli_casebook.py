"""Which casebook a command works on: the one found from the current directory (up to the
repository root), `-C PATH`, or the bundled example, said so on stderr (issue 10, item 1).

Run as a user meets them: the installed `contested`, in the folder they stand in."""

from __future__ import annotations

import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import BIN, BUNDLED, CASEBOOK, SOURCE, RunCli, RunContested, make_casebook

from claims.casebook.discover import discover, find_upward

QUOTE = "quote: 'While Russian experts cited the cause of death as heart failure'"
NOTE = "no casebook here; checking the bundled example"


def broken_copy(tmp_path: Path) -> Path:
    """The bundled casebook copied to `tmp_path/repo/case` (inside a repository of its own,
    so nothing above it is found), with one quote that is in no source."""
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    root = tmp_path / "repo" / "case"
    shutil.copytree(BUNDLED, root)
    deaths = root / "disputes" / "deaths.yaml"
    text = deaths.read_text(encoding="utf-8")
    assert QUOTE in text
    deaths.write_text(text.replace(QUOTE, "quote: 'a purple elephant in zero gravity'"), "utf-8")
    return root


def test_check_in_a_casebook_folder_checks_that_casebook(
    run_contested: RunContested, tmp_path: Path
) -> None:
    root = broken_copy(tmp_path)
    result = run_contested("check", cwd=root)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "disputes/deaths.yaml:" in result.stdout
    assert "error[quote-not-found]" in result.stdout
    assert "bundled" not in result.stderr
    # From a folder inside it too, as ruff and pytest find their configuration.
    below = run_contested("check", "--strict", cwd=root / "disputes")
    assert below.returncode == 1, below.stdout + below.stderr
    assert "error[quote-not-found]" in below.stdout


@pytest.mark.parametrize("command", [("show", "cause-of-death"), ("list",)])
def test_show_and_list_use_the_casebook_found_too(
    run_contested: RunContested, tmp_path: Path, command: tuple[str, ...]
) -> None:
    root = make_casebook(tmp_path / "mine", CASEBOOK, {"sources/report.txt": SOURCE})
    (root / "sources" / "deeper").mkdir()
    result = run_contested(*command, cwd=root / "sources" / "deeper")
    if command[0] == "show":  # not in this casebook: the bundled one was not used
        assert result.returncode == 2
        assert "no dispute 'cause-of-death' in 'Test casebook'" in result.stderr
    else:
        assert result.returncode == 0, result.stderr
        assert "When did the raid begin?" in result.stdout
    assert "bundled" not in result.stderr


def test_the_search_stops_at_the_repository_root(
    run_contested: RunContested, tmp_path: Path
) -> None:
    broken = CASEBOOK.replace("side: families", "side: nobody")
    outer = make_casebook(tmp_path / "outer", broken, {"sources/report.txt": SOURCE})
    repo = outer / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "sub").mkdir()
    result = run_contested("check", cwd=repo / "sub")
    # The casebook above the repository is not this project's: the bundled example, said so.
    assert result.returncode == 0, result.stdout + result.stderr
    assert NOTE in result.stderr
    assert "quotes anchored" in result.stdout
    # A casebook at the repository root itself is found (`.git` may be a file: worktrees).
    shutil.rmtree(repo / ".git")
    (repo / ".git").write_text("gitdir: elsewhere\n", encoding="utf-8")
    make_casebook(repo, broken, {"sources/report.txt": SOURCE})
    result = run_contested("check", cwd=repo / "sub")
    assert result.returncode == 1
    assert "error[unknown-ref] unknown side 'nobody'" in result.stdout
    assert find_upward(repo / "sub") == repo


def test_no_casebook_here_says_the_bundled_example_is_used(
    run_contested: RunContested, tmp_path: Path
) -> None:
    empty = tmp_path / "empty"
    (empty / ".git").mkdir(parents=True)
    result = run_contested("check", cwd=empty)
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith(f"contested: {NOTE}")
    assert "contested init PATH" in result.stderr
    assert NOTE not in result.stdout
    shown = run_contested("show", "cause-of-death", cwd=empty)
    assert shown.returncode == 0, shown.stderr
    assert "no casebook here; showing the bundled example" in shown.stderr
    found = discover(empty)
    assert (found.path, found.bundled) == (BUNDLED, True)


def test_dash_c_names_a_folder_to_search_from_or_a_file(
    run_contested: RunContested, tmp_path: Path
) -> None:
    root = broken_copy(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / ".git").mkdir(parents=True)
    for start in (root, root / "disputes", root / "casebook.yaml"):
        result = run_contested("-C", start, "check", cwd=elsewhere)
        assert result.returncode == 1, (start, result.stdout + result.stderr)
        assert "error[quote-not-found]" in result.stdout
    # After the command too, as ruff takes its options; and for list and show.
    assert run_contested("check", "-C", root, cwd=elsewhere).returncode == 1
    listed = run_contested("-C", root, "list", cwd=elsewhere)
    assert listed.returncode == 1
    assert "cause-of-death" in listed.stdout
    # A folder with no casebook at or above it: the bundled example, said so.
    result = run_contested("-C", elsewhere, "check", cwd=root)
    assert result.returncode == 0
    assert NOTE in result.stderr


def test_dash_c_that_does_not_exist_exits_2(run_contested: RunContested, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    for args in (("-C", missing, "check"), ("-C", missing), ("show", "-C", missing)):
        result = run_contested(*args, cwd=tmp_path)
        assert result.returncode == 2, args
        assert f"contested: -C {missing}: no such file or directory" in result.stderr
        assert "Traceback" not in result.stderr


def test_the_casebook_argument_is_still_taken_and_is_relative_to_dash_c(
    run_contested: RunContested, tmp_path: Path
) -> None:
    root = broken_copy(tmp_path)
    assert run_contested("check", root, cwd=tmp_path).returncode == 1
    assert run_contested("-C", root.parent, "check", "case", cwd=tmp_path).returncode == 1
    twice = run_contested("-C", root / "casebook.yaml", "check", root, cwd=tmp_path)
    assert twice.returncode == 2
    assert "the casebook is named twice" in twice.stderr


def test_a_missing_casebook_argument_is_named_with_what_to_do(
    run_contested: RunContested, tmp_path: Path
) -> None:
    """`contested NAME` names a casebook (piped, it prints it as `show` does)."""
    result = run_contested("nowhere-at-all", cwd=tmp_path)
    assert result.returncode == 2
    assert "no casebook at nowhere-at-all" in result.stderr
    assert "contested init PATH" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_app_opens_the_casebook_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tui.app import create_app

    root = make_casebook(tmp_path / "mine", CASEBOOK, {"sources/report.txt": SOURCE})
    (root / "sources" / "deeper").mkdir()
    monkeypatch.chdir(root / "sources" / "deeper")
    assert create_app().path == root


def test_init_makes_its_path_relative_to_dash_c(run_cli: RunCli, tmp_path: Path) -> None:
    code, _, err = run_cli("-C", tmp_path, "init", "new")
    assert code == 0, err
    assert (tmp_path / "new" / "casebook.yaml").is_file()
    assert run_cli("-C", tmp_path / "new", "check", "--strict")[0] == 0


def test_a_working_directory_that_was_removed_is_said_not_a_traceback(tmp_path: Path) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    exe = shlex.quote(str(BIN / "contested"))
    line = f"cd {shlex.quote(str(gone))} && rmdir {shlex.quote(str(gone))} && {exe} list"
    result = subprocess.run(["sh", "-c", line], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "the current directory no longer exists" in result.stderr
    assert "Traceback" not in result.stderr


# --- a fresh tester's faults (issue 10: 3, 8, 11b) -------------------------------------------


@pytest.mark.parametrize("kind", ["folder", "dangling link"])
def test_a_casebook_yaml_that_cannot_be_read_stops_the_search(
    run_contested: RunContested, tmp_path: Path, kind: str
) -> None:
    """A `casebook.yaml` that is a folder or a link to nothing is this folder's casebook,
    broken: exit 2 naming it, never a pass on another casebook (or the bundled example)."""
    repo = make_casebook(tmp_path / "repo", CASEBOOK, {"sources/report.txt": SOURCE})
    (repo / ".git").mkdir()
    sub = repo / "sub"
    sub.mkdir()
    if kind == "folder":
        (sub / "casebook.yaml").mkdir()
        said = "it is not a regular file (a directory)"
    else:
        (sub / "casebook.yaml").symlink_to(tmp_path / "nonexistent")
        said = f"is a symbolic link to {tmp_path / 'nonexistent'}, which does not exist"
    for command in ("check", "list", "show"):
        result = run_contested(command, cwd=sub)
        assert result.returncode == 2, (command, result.stdout + result.stderr)
        assert f"{sub / 'casebook.yaml'}" in result.stderr
        assert said in result.stderr
        assert "bundled" not in result.stderr
        assert "All checks passed" not in result.stdout


def test_several_dash_c_are_joined_as_git_joins_them(
    run_contested: RunContested, tmp_path: Path
) -> None:
    root = broken_copy(tmp_path)  # tmp_path/repo/case
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / ".git").mkdir(parents=True)
    for args in (
        ("-C", tmp_path, "-C", "repo", "-C", "case", "check"),
        ("-C", tmp_path / "repo", "check", "-C", "case"),  # after the command too
        ("-C", "/nowhere", "-C", root, "check"),  # an absolute one starts again
    ):
        result = run_contested(*args, cwd=elsewhere)
        assert result.returncode == 1, (args, result.stdout + result.stderr)
        assert "error[quote-not-found]" in result.stdout
    missing = run_contested("-C", root, "-C", "nope", "check", cwd=elsewhere)
    assert missing.returncode == 2
    assert f"-C {root / 'nope'}: no such file or directory" in missing.stderr


@pytest.mark.parametrize("args", [("-C", "", "check"), ("check", "-C", ""), ("-C", "")])
def test_an_empty_dash_c_is_an_error(
    run_contested: RunContested, tmp_path: Path, args: tuple[str, ...]
) -> None:
    """`-C "$UNSET"` is a mistake to say, not a quiet check of the bundled example."""
    (tmp_path / ".git").mkdir()
    result = run_contested(*args, cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.startswith("contested: -C '': the path is empty")
    assert result.stdout == ""


def test_an_absolute_dash_c_works_from_a_removed_directory(tmp_path: Path) -> None:
    root = broken_copy(tmp_path)
    gone = tmp_path / "gone"
    exe = shlex.quote(str(BIN / "contested"))
    for command, code in (
        (f"-C {shlex.quote(str(root))} check", 1),
        (f"-C {shlex.quote(str(root))} list", 1),
        (f"-C {shlex.quote(str(tmp_path))} init fresh", 0),
        ("-C . check", 2),  # relative to a directory that is not there: refused
    ):
        gone.mkdir()
        line = f"cd {gone} && rmdir {gone} && {exe} {command}"
        result = subprocess.run(["sh", "-c", line], capture_output=True, text=True, timeout=60)
        assert result.returncode == code, (command, result.stdout + result.stderr)
        assert "Traceback" not in result.stderr, result.stderr
        if code == 1:
            assert "cause-of-death" in result.stdout or "quote-not-found" in result.stdout
    assert (tmp_path / "fresh" / "casebook.yaml").is_file()


def test_paths_from_a_folder_inside_the_casebook_are_relative_to_it(
    run_contested: RunContested, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As pytest names files: `../disputes/deaths.yaml` from `sources/`, not an absolute
    path (in a repository, and in a casebook outside any); JSON keeps absolute paths for
    files outside the working directory; GitHub annotations name files from the checkout."""
    root = broken_copy(tmp_path)  # tmp_path/repo/case, a repository at tmp_path/repo
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    checked = run_contested("check", cwd=root / "sources")
    assert checked.returncode == 1
    assert checked.stdout.startswith("../disputes/deaths.yaml:"), checked.stdout
    assert str(root) not in checked.stdout
    listed = run_contested("list", cwd=root / "sources")
    assert "../disputes/deaths.yaml:2 " in listed.stdout, listed.stdout
    assert str(root) not in listed.stdout
    data = run_contested("list", "--format", "json", cwd=root / "sources").stdout
    assert f'"file": "{root / "disputes" / "deaths.yaml"}"' in data
    # Not in a repository: within the casebook found.
    plain = make_casebook(
        tmp_path / "plain", CASEBOOK.replace("side: families", "side: nobody"),
        {"sources/report.txt": SOURCE},
    )  # fmt: skip
    result = run_contested("check", cwd=plain / "sources")
    assert result.stdout.startswith("../casebook.yaml:"), result.stdout
    # Far away (another tree): absolute, never ../../..
    far = run_contested("check", root, cwd=plain / "sources")
    assert far.stdout.startswith(f"{root / 'disputes' / 'deaths.yaml'}:"), far.stdout
    # GitHub places annotations by the path from the checkout, wherever the step runs.
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path / "repo"))
    github = run_contested("check", "--format", "github", cwd=root / "sources")
    assert github.stdout.startswith("::error file=case/disputes/deaths.yaml,"), github.stdout
