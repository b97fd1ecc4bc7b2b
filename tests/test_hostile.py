"""Hostile input, answered: every file a casebook can hold gives a named problem in bounded
time, and nothing reaches the terminal raw.

Each test states what a user sees: the exit status, the message naming the file and line,
no traceback, and (where input could stall us) a time bound. Tests that need permissions
to bite run the command as `nobody` through `setpriv` when we are root (skipped without
it), or as ourselves otherwise.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import BIN, RunCli, contested_env, make_casebook

from claims import CasebookUnreadable, load

SIDES_AND_SOURCE = """\
title: Probe casebook
sides:
  a: {label: Side A}
  b: {label: Side B}
sources:
  s: {file: sources/s.txt, title: Source S}
"""
CASEBOOK = SIDES_AND_SOURCE + "include: [disputes/*.yaml]\n"
TEXT = "Alpha paragraph one says the cause was heart failure.\n\nBeta says traumatic shock.\n"
DISPUTE = """\
disputes:
  - id: d1
    question: How did they die?
    positions:
      - side: a
        holder: Holder A
        claim: Heart failure.
        evidence:
          - {source: s, quote: the cause was heart failure}
      - side: b
        holder: Holder B
        claim: Shock.
        evidence:
          - {source: s, quote: traumatic shock}
"""


def case(root: Path, casebook: str = CASEBOOK, files: dict[str, str | bytes] | None = None) -> Path:
    """A clean probe casebook at `root` (one dispute, both quotes exact), plus `files`
    (relative path -> content)."""
    base: dict[str, str | bytes] = {"sources/s.txt": TEXT, "disputes/d.yaml": DISPUTE}
    return make_casebook(root, casebook, {**base, **(files or {})})


def no_traceback(*texts: str) -> None:
    for text in texts:
        assert "Traceback" not in text
        assert "Error:" not in text.replace("error[", "")  # no bare Python exception names


def run(*args: str | Path, timeout: float = 20, env: dict[str, str] | None = None) -> Any:
    """The installed `contested` as a subprocess, bytes out (so bad UTF-8 is caught)."""
    return subprocess.run(
        [str(BIN / "contested"), *map(str, args)],
        capture_output=True,
        env=env or contested_env(),
        timeout=timeout,
        check=False,
    )


def test_the_probe_casebook_is_clean(run_cli: RunCli, tmp_path: Path) -> None:
    code, out, err = run_cli("check", case(tmp_path))
    assert code == 0, out + err


# --- 1. no traceback for any input ----------------------------------------------------------


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


@pytest.mark.parametrize("where", ["casebook", "included"])
def test_alias_next_to_a_control_character_is_a_located_syntax_error(
    run_cli: RunCli, tmp_path: Path, where: str
) -> None:
    bad = "disputes:\n  - id: x\n    question: *word\x01\n"
    if where == "casebook":
        line = "disputes: [{question: *a\x01}]\n"  # the control character at 7:25
        root = case(tmp_path, CASEBOOK.replace("include:", line + "include:"))
        code, out, err = run_cli("check", root)
        assert code == 2
        assert "casebook.yaml:7:25: error[syntax] invalid YAML: character U+0001" in err
    else:
        root = case(tmp_path, files={"disputes/x.yaml": bad})
        code, out, err = run_cli("check", root)
        assert code == 1
        assert "x.yaml:3:20: error[syntax] invalid YAML: character U+0001 is not allowed" in out
    no_traceback(out, err)


def test_a_control_character_after_other_scripts_is_located_by_character(
    run_cli: RunCli, tmp_path: Path
) -> None:
    # libyaml counts bytes; the column is in characters, as editors count
    text = "disputes:\n  - id: x\n    question: Ёжик\x07\n"
    root = case(tmp_path, files={"disputes/x.yaml": text})
    code, out, _ = run_cli("check", root)
    assert code == 1
    assert "x.yaml:3:19: error[syntax] invalid YAML: character U+0007" in out


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


# --- 2. bounded time and memory -------------------------------------------------------------


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


def flood(items: int) -> str:
    return "disputes: [" + "{}," * items + "]\n"


def test_a_flood_of_problems_is_capped_per_code_and_file(run_cli: RunCli, tmp_path: Path) -> None:
    root = case(tmp_path, files={"disputes/big.yaml": flood(20_000)})
    code, out, _ = run_cli("check", root)
    assert code == 1
    lines = out.splitlines()
    assert sum("big.yaml:1:" in line and "missing required key" in line for line in lines) == 100
    # the "more" line stands where the first problem left out is: the 34th item, 1:111
    assert "big.yaml:1:111: error[syntax] … and 59,900 more `syntax` problems in big.yaml" in out
    assert lines[-1].startswith("60000 errors, 0 warnings")
    code, out, _ = run_cli("check", root, "--format", "json")
    data = json.loads(out)
    assert len(data["problems"]) == 101
    assert data["problems"][-1]["more"] == 59_900
    assert data["summary"]["errors"] == 60_000
    code, out, _ = run_cli("check", root, "--format", "github")
    assert len(out.splitlines()) == 101
    code, _, _ = run_cli("show", root)
    assert code == 1


def test_a_flood_is_read_in_bounded_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("claims.yamlfile.STREAM_BYTES", 16 * 1024)  # the real one is 1 MiB
    text = flood(20_000)  # 60 KB; composed whole, 20,000 nodes and 60,000 problems
    root = case(tmp_path, files={"disputes/big.yaml": text})
    load(root)  # imports done, caches warm
    tracemalloc.start()
    started = time.monotonic()
    try:
        loaded = load(root)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert time.monotonic() - started < 10
    assert peak < 10 * len(text), f"peak {peak:,} bytes for {len(text):,} bytes of YAML"
    assert loaded.problems[-1].more == 59_900


def outcome(path: Path, text: str, items: bool = True) -> Any:
    """What `compose` makes of `text`: a problem, or the node tree (with any items it
    streamed put back where they came from)."""
    from claims.yamlfile import YamlError, compose

    streamed: list[yaml.Node] = []
    try:
        node = compose(path, text, streamed.append if items else None)
    except YamlError as exc:
        return ("error", exc.problem.message, exc.problem.loc)
    if streamed:
        assert isinstance(node, yaml.MappingNode)
        first = next(v for k, v in node.value if k.value == "disputes")
        assert first.value == []
        first.value = streamed
    return ("node", tree(node))


def tree(node: yaml.Node | None) -> Any:
    if node is None:
        return None
    mark = (node.start_mark.line, node.start_mark.column, node.end_mark.line)
    if isinstance(node, yaml.MappingNode):
        return (node.tag, mark, [(tree(k), tree(v)) for k, v in node.value])
    if isinstance(node, yaml.SequenceNode):
        return (node.tag, mark, [tree(item) for item in node.value])
    return (node.tag, mark, node.value, node.style)


@pytest.mark.parametrize(
    "text",
    [
        "disputes:\n  - {id: a, question: q}\n  - [1, 2]\n  - =\n  - <<\nother: {a: 1}\n",
        "disputes: [z]\ndisputes: [y]\n",
        "disputes: x\ndisputes: [y]\n",
        "- a\n- b\n",
        "",
        "# only a comment\n",
        "disputes:\n  - &a {id: x}\n  - *a\n",
        "a: &x 1\nb: &x 2\n",
        "a: &x 1\nb: &x 2\nc: *x\n",
        "disputes:\n  - &a {id: x}\n  - &a {id: y}\n",
        "a: 1\n---\nb: 2\n",
        "---\n---\nb: 2\n",
        "disputes:\n  - a\n---\nc: 1\n",
        "disputes:\n  - !!python/object:os.system {}\n",
        "x: !foo 1\ndisputes: [!bar 2]\n",
        "x: [1, !!python/name:os.system ]\ny: !z 2\n",
        "disputes:\n  - id: [x\n",
        "disputes:\n  - question: *a\x01\n",
        "disputes:\n  - question: ok\n  - é: \x01\n",
        "disputes: &s\n  - a\n",
        "!!map {disputes: [a]}",
        "? disputes\n: [a, b]\n",
        "disputes: !!seq [a, !!str 1]\n",
        "disputes:\n- x: ! 2\n  y: !!int 3\n",
        'x: "\\ud800"\n',
        "a: 1\n...\n",
        "disputes: [{a: 1}, {b: [1, {c: d}]}]\nsides: {x: y}\n",
        "'disputes': [a]\n",
    ],
)
def test_big_files_read_item_by_item_give_the_same_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    path = tmp_path / "d.yaml"
    whole = outcome(path, text)
    monkeypatch.setattr("claims.yamlfile.STREAM_BYTES", 0)
    assert outcome(path, text) == whole  # validated, then streamed
    assert outcome(path, text, items=False) == whole  # validated, then composed whole


def test_a_big_file_nested_as_deep_as_yaml_allows_reads_without_recursion(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("claims.yamlfile.STREAM_BYTES", 0)  # read item by item, in Python
    deep = "[" * 990 + "]" * 990  # libyaml's limit is 1,000 levels
    text = "disputes: [" + deep + ", {}]\nnote: {a: " + deep + "}\n"
    code, out, err = run_cli("check", case(tmp_path, files={"disputes/x.yaml": text}))
    no_traceback(out, err)
    assert code == 1
    assert "x.yaml:1:12: error[syntax] dispute should be a mapping of keys to values" in out
    assert "x.yaml:2:1: error[syntax] unknown key 'note'" in out


@pytest.mark.parametrize(
    ("text", "items", "refused"),
    [
        ("disputes: [" + "a, " * 20 + "]\n", True, None),  # 3 held, items of 1
        ("disputes: [" + "a, " * 20 + "]\n", False, "1:33"),  # all 23 held: the 8th item
        ("disputes: [[" + "a, " * 20 + "]]\n", True, "1:40"),  # one item of 21
        ("sides: {" + "a: b, " * 10 + "}\n", True, "1:30"),  # 22 held: the 4th value
        ("x: [1]\ndisputes: [" + "[a, b], " * 10 + "]\nsides: [1, 2, 3, 4, 5]\n", True, "3:15"),
    ],
)
def test_a_big_file_holding_too_many_values_at_once_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, items: bool, refused: str | None
) -> None:
    monkeypatch.setattr("claims.yamlfile.STREAM_BYTES", 0)
    monkeypatch.setattr("claims.yamlstream.MAX_VALUES", 10)
    got = outcome(tmp_path / "d.yaml", text, items)
    if refused is None:
        assert got[0] == "node"
        return
    assert got[0] == "error"
    assert got[1].startswith("cannot read d.yaml: it holds more than 10 values")
    assert f"{got[2].line}:{got[2].column}" == refused


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


# --- 4. same input, same answer -------------------------------------------------------------


def test_a_plain_equals_sign_is_text_with_or_without_a_bang(
    run_cli: RunCli, tmp_path: Path
) -> None:
    plain = "disputes:\n  - id: v\n    question: =\n    positions: []\n"
    root = case(
        tmp_path,
        files={
            "disputes/plain.yaml": plain,
            "disputes/bang.yaml": "# Shame!\n" + plain.replace("id: v", "id: vb"),
        },
    )
    code, out, err = run_cli("check", root)
    assert code == 0, out
    assert "YAML tag" not in out + err
    questions = {d.id: d.question for d in load(root).casebook.disputes}
    assert questions["v"] == questions["vb"] == "="


@pytest.mark.parametrize("bang", ["", "# !\n"])
def test_a_merge_key_is_an_unknown_key_not_a_tag(
    run_cli: RunCli, tmp_path: Path, bang: str
) -> None:
    text = bang + "disputes:\n  - id: v\n    question: q\n    <<: {id: w}\n    positions: []\n"
    code, out, err = run_cli("check", case(tmp_path, files={"disputes/m.yaml": text}))
    assert code == 1
    line = 4 + bang.count("\n")
    assert f"m.yaml:{line}:5: error[syntax] unknown key '<<' in dispute" in out
    assert "YAML tag" not in out + err


def test_ids_with_a_trailing_newline_are_not_slugs(run_cli: RunCli, tmp_path: Path) -> None:
    casebook = CASEBOOK.replace("  b: {label: Side B}\n", '  b: {label: B}\n  "c\\n": {label: C}\n')
    casebook = casebook.replace("sources:\n", 'sources:\n  "t\\n": {file: sources/s.txt}\n')
    dispute = DISPUTE.replace("id: d1", 'id: "d1\\n"').replace(
        "holder: Holder A", 'holder: Holder A\n        id: "p\\n"'
    )
    code, out, _ = run_cli("check", case(tmp_path, casebook, files={"disputes/d.yaml": dispute}))
    assert code == 1
    for what in ("side id 'c\\n'", "source id 't\\n'", "'id' 'd1\\n'", "'id' 'p\\n'"):
        assert f"{what} is not a valid id" in out


@pytest.mark.parametrize(
    "casebook",
    [CASEBOOK, CASEBOOK.replace("include: [disputes/*.yaml]", "disputes: x")],
)
def test_show_on_a_casebook_whose_disputes_failed_exits_1(
    run_cli: RunCli, tmp_path: Path, casebook: str
) -> None:
    broken = "disputes:\n  - id: d1\n    question: [x\n"
    root = case(tmp_path, casebook, files={"disputes/d.yaml": broken})
    for args in (["show", root], [root]):
        code, out, err = run_cli(*args)
        assert code == 1
        assert "no disputes yet" not in out
        assert "the casebook has errors; `contested check` says what and where" in err


def test_show_with_disputes_and_errors_says_so(run_cli: RunCli, tmp_path: Path) -> None:
    root = case(tmp_path, files={"disputes/x.yaml": "disputes:\n  - id: [x\n"})
    code, out, err = run_cli("show", root)
    assert code == 1
    assert "How did they die?" in out
    assert "The casebook has errors" in err


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


def test_the_bundled_casebook_still_checks_clean(run_cli: RunCli) -> None:
    code, out, _ = run_cli("check")
    assert code == 0
    assert "107/107 quotes anchored (107 exact)" in out
