"""Hostile input from the file system, answered: odd include patterns, folders and files
we may not read or write, names that are not UTF-8, FIFOs, files past the size caps, globs
that could explode, and links leading out of the casebook. Each gives a named problem in
bounded time; nothing outside the casebook is read, and nothing reaches the terminal raw.

Each test states what a user sees: the exit status, the message naming the file and line,
no traceback, and (where input could stall us) a time bound. Tests that need permissions
to bite run the command as `nobody` through `setpriv` when we are root (skipped without
it), or as ourselves otherwise. The probe casebook and the helpers are in
`tests/hostile_support.py`; what YAML text can hold is tested in `tests/test_hostile_yaml.py`.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import BIN, RunCli, contested_env, make_casebook
from hostile_support import CASEBOOK, SIDES_AND_SOURCE, case, no_traceback, run

from claims import CasebookUnreadable, load


def test_the_probe_casebook_is_clean(run_cli: RunCli, tmp_path: Path) -> None:
    code, out, err = run_cli("check", case(tmp_path))
    assert code == 0, out + err


# --- 1. no traceback for any input: include patterns, permissions, names --------------------


@pytest.mark.parametrize("pattern", [".", "./", "./.", ".//.", "./././"])
def test_include_naming_the_folder_itself_is_a_located_error(
    run_cli: RunCli, tmp_path: Path, pattern: str
) -> None:
    root = case(tmp_path, SIDES_AND_SOURCE + f"include: '{pattern}'\n")
    for command in ("check", "show"):
        code, out, err = run_cli(command, root)
        no_traceback(out, err)
        assert code == 1
    code, out, err = run_cli("check", root)
    assert f"casebook.yaml:7:10: error[syntax] include '{pattern}' names no file" in out


@pytest.mark.parametrize(
    ("pattern", "code_word"),
    [("a/..", "outside-casebook"), ("disputes/../x", "outside-casebook"), ("a**b", "empty")],
)
def test_other_odd_include_patterns_are_problems(
    run_cli: RunCli, tmp_path: Path, pattern: str, code_word: str
) -> None:
    _, out, err = run_cli("check", case(tmp_path, SIDES_AND_SOURCE + f"include: '{pattern}'\n"))
    no_traceback(out, err)
    assert "casebook.yaml:7:10: " in out
    assert code_word in out


@pytest.fixture
def open_tmp() -> Iterator[Path]:
    """A fresh folder any user can enter (pytest's own tmp folders are private to us)."""
    path = Path(tempfile.mkdtemp(prefix="contested-hostile-"))
    path.chmod(0o755)
    yield path
    for folder, _, _ in os.walk(path):
        os.chmod(folder, 0o755)
    shutil.rmtree(path, ignore_errors=True)


def unprivileged(*args: str | Path, env: dict[str, str] | None = None) -> Any:
    """`contested ARGS` as a user that permission bits stop: `nobody` when we are root."""
    command = [str(BIN / "contested"), *map(str, args)]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root and setpriv is missing: cannot drop root's rights")
        command = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", *command]
        probe = subprocess.run([*command[:4], str(BIN / "python"), "-c", ""], check=False)
        if probe.returncode != 0:
            pytest.skip("nobody cannot run this venv's Python")
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env or contested_env(),
        timeout=30,
        check=False,
    )


def lock(path: Path, mode: int) -> None:
    """chmod `path`; skip when permissions do not bite for us (not root, yet unlimited)."""
    path.chmod(mode)
    if os.geteuid() != 0 and os.access(path, os.R_OK | os.X_OK):
        pytest.skip("permission bits are not enforced for this user")


def test_a_casebook_folder_that_cannot_be_entered_exits_2(open_tmp: Path) -> None:
    root = case(open_tmp / "noexec")
    for path in [root, *root.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    lock(root, 0o700 if os.geteuid() == 0 else 0o600)
    for command in ("check", "show"):
        done = unprivileged(command, root)
        no_traceback(done.stdout, done.stderr)
        assert done.returncode == 2
        assert "casebook.yaml:1:1: error[missing-file] cannot read" in done.stderr
        assert "permission denied" in done.stderr


@pytest.mark.parametrize(
    ("pattern", "locked"),
    [("disputes/*.yaml", "disputes"), ("deep/inner/*.yaml", "deep"), ("**/*.yaml", "deep")],
)
def test_an_unreadable_disputes_folder_is_an_error_not_a_pass(
    open_tmp: Path, pattern: str, locked: str
) -> None:
    casebook = CASEBOOK.replace("[disputes/*.yaml]", f"['{pattern}']")
    root = case(open_tmp / "ddir", casebook, {"deep/inner/e.yaml": "disputes: []\n"})
    for path in [root, *root.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    lock(root / locked, 0o700 if os.geteuid() == 0 else 0o000)
    done = unprivileged("check", root)
    no_traceback(done.stdout, done.stderr)
    assert done.returncode == 1
    assert (
        f"casebook.yaml:7:11: error[missing-file] include '{pattern}': "
        f"cannot list {locked}/: permission denied" in done.stdout
    )
    assert "matches no file" not in done.stdout  # one problem, the true one


def test_init_into_a_folder_we_cannot_write_says_so(open_tmp: Path) -> None:
    parent = open_tmp / "rootonly"
    parent.mkdir()
    lock(parent, 0o755 if os.geteuid() == 0 else 0o555)
    if os.geteuid() != 0 and os.access(parent, os.W_OK):
        pytest.skip("permission bits are not enforced for this user")
    done = unprivileged("init", parent / "x")
    no_traceback(done.stdout, done.stderr)
    assert done.returncode == 2
    assert f"contested init: cannot create {parent / 'x'}: Permission denied" in done.stderr
    assert list(parent.iterdir()) == []


@pytest.mark.parametrize("mask", [0o022, 0o027, 0o077])
def test_init_respects_the_umask(run_cli: RunCli, tmp_path: Path, mask: int) -> None:
    old = os.umask(mask)
    try:
        code, _, err = run_cli("init", tmp_path / "new")
    finally:
        os.umask(old)
    assert code == 0, err
    assert stat.S_IMODE((tmp_path / "new").stat().st_mode) == 0o777 & ~mask
    assert stat.S_IMODE((tmp_path / "new" / "disputes").stat().st_mode) == 0o777 & ~mask


def test_file_names_that_are_not_utf8_are_shown_not_crashed_on(tmp_path: Path) -> None:
    bad = os.fsdecode(b"disputes/\xff.yaml")
    root = case(tmp_path / os.fsdecode(b"case\xfe"), SIDES_AND_SOURCE + "include: [disputes/*]\n")
    (root / bad).write_text("disputes:\n  - id: d2\n    question: [x\n", encoding="utf-8")
    (root / "disputes" / os.fsdecode(b"\xfdl.yaml")).symlink_to("/etc/passwd")
    for args in (["check"], ["check", "--format", "json"], ["check", "--format", "github"]):
        done = run(*args, root)
        out, err = done.stdout.decode("utf-8"), done.stderr.decode("utf-8")  # strictly
        no_traceback(out, err)
        assert done.returncode == 1
        if "json" in args:
            files = [p["file"] for p in json.loads(out)["problems"]]
            assert any(f.endswith("disputes/\ufffd.yaml") for f in files)
        else:
            assert "disputes/\ufffd.yaml:4:1:" in out or "disputes/\ufffd.yaml,line=4" in out
            assert "matches disputes/\ufffdl.yaml: a symbolic link leads outside" in out
    untitled = case(
        tmp_path / os.fsdecode(b"untitled\xfe"), CASEBOOK.replace("title: Probe casebook\n", "")
    )
    done = run("show", untitled, "nosuch")  # no title: the folder's name stands for it
    err = done.stderr.decode("utf-8")
    no_traceback(done.stdout.decode("utf-8"), err)
    assert done.returncode == 2
    assert "no dispute 'nosuch' in 'untitled\ufffd'" in err


# --- 2. bounded time: FIFOs, size caps, globs -----------------------------------------------


def test_a_fifo_source_is_refused_never_read(tmp_path: Path) -> None:
    root = case(tmp_path)
    (root / "sources" / "s.txt").unlink()
    os.mkfifo(root / "sources" / "s.txt")
    for command in ("check", "show"):
        started = time.monotonic()
        done = run(command, root, timeout=15)
        assert time.monotonic() - started < 5
        no_traceback(done.stdout.decode(), done.stderr.decode())
        assert done.returncode == 1
    done = run("check", root)
    assert (
        "casebook.yaml:6:13: error[missing-file] source 's': cannot read 'sources/s.txt': "
        "it is not a regular file (a FIFO)" in done.stdout.decode()
    )


def test_fifos_as_yaml_files_are_refused_never_read(tmp_path: Path) -> None:
    root = case(tmp_path)
    os.mkfifo(root / "disputes" / "p.yaml")
    os.mkfifo(root / "review.yaml")
    done = run("check", root, timeout=15)
    out = done.stdout.decode()
    assert done.returncode == 1
    assert (
        "casebook.yaml:7:11: error[missing-file] include 'disputes/*.yaml' matches "
        "disputes/p.yaml, which cannot be read: it is not a regular file (a FIFO)" in out
    )
    assert "review.yaml:1:1: error[missing-file] cannot read review.yaml: it is not a " in out
    alone = tmp_path / "alone"
    alone.mkdir()
    os.mkfifo(alone / "casebook.yaml")
    for target in (alone, alone / "casebook.yaml"):
        done = run("check", target, timeout=15)
        assert done.returncode == 2
        assert "it is not a regular file (a FIFO)" in done.stderr.decode()


def test_files_over_the_size_caps_are_refused_by_name(run_cli: RunCli, tmp_path: Path) -> None:
    root = case(tmp_path)
    os.truncate(root / "sources" / "s.txt", 51 * 1024 * 1024)  # sparse: costs no disk
    (root / "disputes" / "z.yaml").touch()
    os.truncate(root / "disputes" / "z.yaml", 21 * 1024 * 1024)
    started = time.monotonic()
    code, out, err = run_cli("check", root)
    assert time.monotonic() - started < 2
    assert code == 1
    assert (
        "casebook.yaml:6:13: error[missing-file] source 's': cannot read 'sources/s.txt': "
        "it is 51 MB, more than the 50 MB a source may be" in out
    )
    assert (
        "z.yaml:1:1: error[missing-file] cannot read z.yaml: "
        "it is 21 MB, more than the 20 MB a casebook YAML file may be" in out
    )
    os.truncate(root / "casebook.yaml", 21 * 1024 * 1024)
    code, out, err = run_cli("check", root)
    assert code == 2
    assert "more than the 20 MB a casebook YAML file may be" in err


def test_repeated_double_stars_are_not_exponential(tmp_path: Path) -> None:
    stars = "**/" * 10
    root = make_casebook(tmp_path, f"title: Nested stars\ninclude: ['{stars}*.yaml']\n")
    (root / Path(*["a"] * 30)).mkdir(parents=True)
    started = time.monotonic()
    done = run("check", root, timeout=20)
    assert time.monotonic() - started < 1.5
    assert done.returncode == 0, done.stdout.decode() + done.stderr.decode()
    assert "0 disputes" in done.stdout.decode()


def test_include_patterns_match_as_pathlib_311_globs_them(tmp_path: Path) -> None:
    for folder in ("a/b/c", ".hidden", "empty"):
        (tmp_path / folder).mkdir(parents=True)
    for name in ("x.yaml", "a/y.yaml", "a/b/z.yaml", "a/b/c/w.yml", ".hidden/h.yaml"):
        (tmp_path / name).touch()
    (tmp_path / "a" / ".dot.yaml").touch()
    (tmp_path / "a" / "lnk").symlink_to("b")
    (tmp_path / "xl.yaml").symlink_to("x.yaml")
    from claims.paths import expand  # imported here: the module imports on any version

    every = [".hidden/h.yaml", "a/.dot.yaml", "a/b/z.yaml", "a/y.yaml", "x.yaml", "xl.yaml"]
    expected = {
        "*.yaml": ["x.yaml", "xl.yaml"],
        "**/*.yaml": every,
        "**/**/**/*.yaml": every,
        "a/**/*.yaml": ["a/.dot.yaml", "a/b/z.yaml", "a/y.yaml"],
        "**/b/*.yaml": ["a/b/z.yaml"],
        "a/*/z.yaml": ["a/b/z.yaml", "a/lnk/z.yaml"],
        "a/": ["a"],
        "*/": [".hidden", "a", "empty"],
        "**": [".", ".hidden", "a", "a/b", "a/b/c", "empty"],
        "a/**": ["a", "a/b", "a/b/c"],
        "?.yaml": ["x.yaml"],
        "[xy]*.yaml": ["x.yaml", "xl.yaml"],
        "a//b/z.yaml": ["a/b/z.yaml"],
        "./a/y.yaml": ["a/y.yaml"],
        "a/./b/*": ["a/b/c", "a/b/z.yaml"],
        "*/*/*": ["a/b/c", "a/b/z.yaml", "a/lnk/c", "a/lnk/z.yaml"],
        "**/c": ["a/b/c"],
        "nothing/*.yaml": [],
    }
    for pattern, names in expected.items():
        got = [os.path.relpath(p, tmp_path) for p in expand(tmp_path, pattern).paths]
        assert got == names, pattern


# --- 3. nothing read from outside the casebook ----------------------------------------------

SECRETS = (
    'production:\n  status: "s3cr3t-token-value"\n  password: hunter2\n'
    '  positions:\n    admin: {rating: "AKIA-LEAKED-KEY"}\n'
)


def test_review_yaml_linked_out_of_the_casebook_is_refused_unread(
    run_cli: RunCli, tmp_path: Path
) -> None:
    (tmp_path / "outside.yaml").write_text(SECRETS, encoding="utf-8")
    root = case(tmp_path / "case")
    (root / "review.yaml").symlink_to(tmp_path / "outside.yaml")
    for fmt in ("human", "json", "github"):
        code, out, err = run_cli("check", root, "--format", fmt)
        assert code == 1
        for secret in ("s3cr3t", "hunter2", "password", "AKIA", "production"):
            assert secret not in out + err
    code, out, _ = run_cli("check", root)
    assert "review.yaml:1:1: error[outside-casebook] review.yaml is outside the casebook" in out


def test_review_yaml_linked_inside_the_casebook_is_read(run_cli: RunCli, tmp_path: Path) -> None:
    root = case(tmp_path, files={"reviews/r.yaml": "gone:\n  status: open\n"})
    (root / "review.yaml").symlink_to("reviews/r.yaml")
    _, out, _ = run_cli("check", root)
    assert "warning[orphan-review] review of dispute 'gone'" in out


def test_casebook_yaml_linked_out_of_its_folder_is_refused_unread(
    run_cli: RunCli, tmp_path: Path
) -> None:
    (tmp_path / "outside.yaml").write_text(SECRETS, encoding="utf-8")
    root = tmp_path / "case"
    root.mkdir()
    (root / "casebook.yaml").symlink_to(tmp_path / "outside.yaml")
    for target in (root, root / "casebook.yaml"):
        for fmt in ("human", "json", "github"):
            code, out, err = run_cli("check", target, "--format", fmt)
            assert code == 2
            for secret in ("s3cr3t", "hunter2", "password", "AKIA", "production"):
                assert secret not in out + err
        code, _, err = run_cli("check", target)
        assert "casebook.yaml:1:1: error[outside-casebook] casebook.yaml is outside" in err
    with pytest.raises(CasebookUnreadable):
        load(root)


# --- 4. any folder name ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "a\nb: [x",
        "a\u2028b: [x",
        "a\x85b: [x",
        "a\rb: [x",
        "c\x01d",
        "tab\there",
        "sp ace",
        "-dash",
        "#hash: x",
        "x" + os.fsdecode(b"\xff"),
        "\u202eevil",
    ],
)
def test_init_with_any_folder_name_makes_a_casebook_that_checks_clean(
    run_cli: RunCli, tmp_path: Path, name: str
) -> None:
    target = tmp_path / name
    code, out, err = run_cli("init", target)
    assert code == 0, err
    no_traceback(out, err)
    code, out, err = run_cli("check", "--strict", target)
    assert code == 0, out + err
    assert out.startswith("All checks passed")
