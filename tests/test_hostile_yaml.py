"""Hostile YAML, answered: control characters next to aliases and after other scripts, floods
of problems, big files read item by item (the same answer as read whole, in bounded memory
and without recursion), values YAML reads loosely (`=`, `<<`, ids ending in a newline), and
`show` on a casebook with errors. Each gives a named problem, located by file, line and
column, in bounded time and memory, and nothing reaches the terminal raw.

Each test states what a user sees: the exit status, the message naming the file and line,
no traceback, and (where input could stall us) a time bound. The probe casebook and the
helpers are in `tests/hostile_support.py`; hostile files, folders and names are tested in
`tests/test_hostile_files.py`.
"""

from __future__ import annotations

import json
import time
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import RunCli
from hostile_support import CASEBOOK, DISPUTE, case, no_traceback

from claims import load

# --- 1. no traceback for any input ----------------------------------------------------------


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


# --- 2. bounded time and memory -------------------------------------------------------------


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


# --- 3. same input, same answer -------------------------------------------------------------


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


def test_the_bundled_casebook_still_checks_clean(run_cli: RunCli) -> None:
    code, out, _ = run_cli("check")
    assert code == 0
    assert "111/111 quotes anchored (111 exact)" in out
