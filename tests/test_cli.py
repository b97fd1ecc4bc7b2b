"""The `contested` command line: check, show, init, schema, on the bundled casebook and others."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import BUNDLED, CASEBOOK, SOURCE, RunCli, RunContested, make_casebook

from claims import Method, load
from claims.sources import read_document

GITHUB_LINE = re.compile(
    r"^::(?P<level>error|warning) file=(?P<file>[^,]+),line=(?P<line>\d+),"
    r"col=(?P<col>\d+),title=(?P<title>[a-z-]+)::(?P<message>.+)$"
)
HUMAN_LINE = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning)"
    r"\[(?P<code>[a-z-]+)\] (?P<message>.+)$"
)


def clean(tmp_path: Path, text: str = CASEBOOK) -> Path:
    return make_casebook(tmp_path / "case", text, {"sources/report.txt": SOURCE})


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def at(text: str, needle: str) -> tuple[int, int]:
    """1-based (line, column) where `needle` starts in `text`."""
    index = text.index(needle)
    return line_of(text, needle), index - (text.rfind("\n", 0, index) + 1) + 1


# --- check on the bundled casebook -------------------------------------------------------------


def test_check_bundled_casebook_exits_0(run_cli: RunCli) -> None:
    code, out, err = run_cli("check")
    assert code == 0, out + err
    assert "error[" not in out
    assert re.search(r"0 errors|All checks passed", out)
    explicit = run_cli("check", BUNDLED)
    assert explicit[0] == 0
    assert explicit[1].splitlines()[-1] == out.splitlines()[-1]


def test_installed_command_checks_the_bundled_casebook_from_anywhere(
    run_contested: RunContested, tmp_path: Path
) -> None:
    result = run_contested("check", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error[" not in result.stdout
    assert "quotes anchored" in result.stdout


def test_check_json_on_the_bundled_casebook_anchors_every_quote(run_cli: RunCli) -> None:
    code, out, _ = run_cli("check", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert not [p for p in data["problems"] if p["severity"] == "error"]
    casebook = load(BUNDLED).casebook
    evidence = [
        (d.id, p_index, e_index, e)
        for d in casebook.disputes
        for p_index, p in enumerate(d.positions)
        for e_index, e in enumerate(p.evidence)
    ]
    assert len(evidence) >= 12
    assert len(data["anchors"]) == len(evidence)
    documents = {
        source.id: read_document(source.path)
        for source in casebook.sources.values()
        if source.path is not None
    }
    for anchor, (dispute, p_index, e_index, item) in zip(data["anchors"], evidence, strict=True):
        assert (anchor["dispute"], anchor["position"], anchor["evidence"]) == (
            dispute,
            p_index,
            e_index,
        )
        assert anchor["source"] == item.source
        for key in ("paragraph", "start", "end", "method"):
            assert anchor[key] is not None, anchor
        assert anchor["method"] in {m.value for m in Method}
        paragraph = documents[item.source].paragraph(anchor["paragraph"])
        assert anchor["paragraph"] == paragraph.number >= 1
        assert 0 <= anchor["start"] < anchor["end"] <= len(paragraph.text)
        if anchor["method"] == "exact":
            assert paragraph.text[anchor["start"] : anchor["end"]] == item.quote
    assert data["summary"]["anchored"] == len(evidence)


def test_check_json_problem_entries(run_cli: RunCli, tmp_path: Path) -> None:
    text = CASEBOOK.replace("side: families", "side: famlies").replace(
        "  report: {file: sources/report.txt}\n",
        "  report: {file: sources/report.txt}\n  spare: {file: sources/report.txt}\n",
    )
    root = clean(tmp_path, text)
    code, out, _ = run_cli("check", "--format", "json", root)
    assert code == 1
    data = json.loads(out)
    problems = {p["code"]: p for p in data["problems"]}
    assert set(problems) == {"unknown-ref", "unused-source"}
    for problem in data["problems"]:
        assert {"code", "severity", "file", "line", "column", "message"} <= set(problem)
        assert isinstance(problem["line"], int)
        assert isinstance(problem["column"], int)
        assert Path(problem["file"]).resolve() == (root / "casebook.yaml").resolve()
    assert problems["unknown-ref"]["severity"] == "error"
    assert (problems["unknown-ref"]["line"], problems["unknown-ref"]["column"]) == at(
        text, "famlies"
    )
    assert problems["unused-source"]["severity"] == "warning"
    assert data["summary"]["errors"] == 1
    assert data["summary"]["warnings"] == 1


def test_check_paths_are_relative_to_the_working_directory(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = clean(tmp_path, CASEBOOK.replace("side: families", "side: nobody"))
    monkeypatch.chdir(root)
    code, out, _ = run_cli("check", ".")
    assert code == 1
    line, column = at(CASEBOOK, "families\n")
    expected = f"casebook.yaml:{line}:{column}: error[unknown-ref] unknown side 'nobody'"
    assert expected in out.splitlines()
    code, out, _ = run_cli("check", "--format", "json", "casebook.yaml")
    assert json.loads(out)["problems"][0]["file"] == "casebook.yaml"


def test_check_human_output_is_ruff_like(run_cli: RunCli, tmp_path: Path) -> None:
    text = CASEBOOK.replace("The raid began at dawn.", "The raid began at midnight sharp.")
    root = clean(tmp_path, text)
    code, out, _ = run_cli("check", root)
    assert code == 1
    lines = out.splitlines()
    match = HUMAN_LINE.match(lines[0])
    assert match, lines
    assert match["code"] == "quote-not-found"
    assert match["severity"] == "error"
    assert (int(match["line"]), int(match["col"])) == at(text, "The raid began at midnight")
    assert Path(match["file"]).resolve() == (root / "casebook.yaml").resolve()
    assert lines[1].startswith("  = hint: ")
    assert lines[-1].startswith("1 error, 0 warnings:")
    assert "1/2 quotes anchored" in lines[-1]


def test_check_a_yaml_file_instead_of_a_directory(run_cli: RunCli, tmp_path: Path) -> None:
    root = make_casebook(
        tmp_path / "case", "title: unused\n", {"sources/report.txt": SOURCE, "other.yaml": CASEBOOK}
    )
    code, out, _ = run_cli("check", root / "other.yaml")
    assert code == 0, out
    assert "2/2 quotes anchored" in out


# --- --format github and --strict -----------------------------------------------------------


def test_github_format_annotations(run_cli: RunCli, tmp_path: Path) -> None:
    text = CASEBOOK.replace("side: families", "side: famlies").replace(
        "Nine people were detained", "'Nine, people: detained 100%'"
    )
    text += "  - id: lonely\n    question: Alone?\n    positions: []\n"
    root = clean(tmp_path, text)
    code, out, err = run_cli("check", "--format", "github", root)
    assert code == 1
    lines = out.splitlines()
    assert lines, err
    found = []
    for line in lines:
        match = GITHUB_LINE.match(line)
        assert match, line
        assert Path(match["file"]).resolve() == (root / "casebook.yaml").resolve()
        found.append((match["level"], match["title"], int(match["line"]), int(match["col"])))
    assert ("error", "unknown-ref", *at(text, "famlies")) in found
    assert ("error", "quote-not-found", *at(text, "'Nine, people")) in found
    assert ("warning", "one-sided", *at(text, "id: lonely")) in found
    assert len(found) == 3
    # Data is escaped as GitHub requires: a literal % would start an escape.
    assert all("100%" not in line for line in lines)


def test_github_format_for_a_casebook_that_cannot_be_read(run_cli: RunCli, tmp_path: Path) -> None:
    root = clean(tmp_path, "title: [broken\n")
    code, out, err = run_cli("check", "--format", "github", root)
    assert code == 2
    match = GITHUB_LINE.match(out.strip())
    assert match, out
    assert (match["level"], match["title"]) == ("error", "syntax")
    assert "error[syntax]" in err
    code, out, _ = run_cli("check", "--format", "json", root)
    assert code == 2
    assert [p["code"] for p in json.loads(out)["problems"]] == ["syntax"]


def test_strict_turns_warnings_into_exit_1(run_cli: RunCli, tmp_path: Path) -> None:
    text = CASEBOOK + "  - id: lonely\n    question: Alone?\n    positions: []\n"
    root = clean(tmp_path, text)
    code, out, _ = run_cli("check", root)
    assert code == 0
    assert "0 errors, 1 warning" in out
    assert "warning[one-sided]" in out
    code, out, _ = run_cli("check", "--strict", root)
    assert code == 1
    assert "warning[one-sided]" in out
    code, _, _ = run_cli("check", "--strict", "--format", "json", root)
    assert code == 1


def test_strict_on_a_clean_casebook_exits_0(run_cli: RunCli, tmp_path: Path) -> None:
    code, out, _ = run_cli("check", "--strict", clean(tmp_path))
    assert code == 0
    assert out.startswith("All checks passed")


def test_bad_command_line_exits_2(run_cli: RunCli) -> None:
    code, _, err = run_cli("check", "--format", "xml")
    assert code == 2
    assert "invalid choice" in err


# --- show ------------------------------------------------------------------------------------


def columns(out: str, heads: list[str]) -> list[str]:
    """The text of each side-by-side column of a panel, found by the `heads` on one line."""
    lines = out.splitlines()
    row = next(line for line in lines if all(h in line for h in heads))
    starts = [row.index(h) for h in heads]
    ends = [*starts[1:], row.rindex("│")]
    texts = []
    for start, end in zip(starts, ends, strict=True):
        parts = [line[start:end] for line in lines if line.startswith("│")]
        texts.append(" ".join(" ".join(parts).split()))
    return texts


def test_show_cause_of_death_side_by_side(run_cli: RunCli) -> None:
    code, out, err = run_cli("show", "cause-of-death", columns=160)
    assert code == 0, err
    assert "\x1b" not in out
    assert "How did the Safarov brothers die?" in out
    dispute = load(BUNDLED).casebook.dispute("cause-of-death")
    assert dispute is not None
    holders = [p.holder for p in dispute.positions]

    def citing(words: str) -> int:
        return next(
            i for i, p in enumerate(dispute.positions) if any(words in e.quote for e in p.evidence)
        )

    texts = columns(out, holders)
    assert "heart failure" in texts[citing("heart failure")]
    assert "traumatic shock" in texts[citing("traumatic shock")]
    assert citing("heart failure") != citing("traumatic shock")
    # Piped, the highlight survives as text, with the paragraph it comes from.
    assert "⟦" in out
    assert re.search(r"¶\d+", out)


def test_show_whole_bundled_casebook_piped(run_contested: RunContested) -> None:
    result = run_contested("show")
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout
    text = " ".join(result.stdout.replace("│", " ").split())
    assert "heart failure" in text
    assert "traumatic shock" in text
    assert "could not be anchored" not in text
    for dispute in load(BUNDLED).casebook.disputes:
        assert dispute.id in result.stdout


@pytest.mark.parametrize("args", [("cause-of-deth",), (str(BUNDLED), "cause-of-deth")])
def test_show_unknown_dispute_exits_2_with_did_you_mean(
    run_cli: RunCli, args: tuple[str, ...]
) -> None:
    code, out, err = run_cli("show", *args, columns=200)
    assert code == 2
    assert out == ""
    assert "no dispute 'cause-of-deth'" in err
    assert "did you mean 'cause-of-death'?" in err


def test_show_a_casebook_and_one_dispute(run_cli: RunCli, tmp_path: Path) -> None:
    root = clean(tmp_path)
    code, out, _ = run_cli("show", root, "raid", columns=100)
    assert code == 0
    assert "When did the raid begin?" in out
    assert "⟦The raid began at dawn.⟧" in out
    assert "⟦Nine people were detained⟧ in the raid." in out


def test_show_reports_a_quote_it_cannot_anchor(run_cli: RunCli, tmp_path: Path) -> None:
    root = clean(tmp_path, CASEBOOK.replace("The raid began at dawn.", "Not in the source at all."))
    code, out, _ = run_cli("show", root, columns=100)
    assert code == 1
    assert "quote not anchored" in out
    assert "1 quote(s) could not be anchored" in out


# --- init ------------------------------------------------------------------------------------


def tree(root: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(root)): (p.lstat().st_mtime_ns, p.lstat().st_size)
        for p in [root, *root.rglob("*")]
    }


def test_init_creates_a_casebook_that_checks_clean(run_cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "my-case"
    code, out, err = run_cli("init", target)
    assert code == 0, err
    assert "Created" in out
    assert (target / "casebook.yaml").is_file()
    code, out, _ = run_cli("check", target)
    assert code == 0
    assert out.startswith("All checks passed")
    code, out, _ = run_cli("check", "--strict", "--format", "json", target)
    assert code == 0
    data = json.loads(out)
    assert data["problems"] == []
    assert data["anchors"]
    assert all(a["method"] == "exact" for a in data["anchors"])
    # Nothing left behind beside it (the staging directory was renamed into place).
    assert sorted(p.name for p in tmp_path.iterdir()) == ["my-case"]


def test_init_into_an_existing_empty_directory(run_cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "empty"
    target.mkdir()
    code, _, err = run_cli("init", target)
    assert code == 0, err
    assert run_cli("check", target)[0] == 0


def test_init_dot_in_an_empty_working_directory(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = tmp_path / "here"
    here.mkdir()
    inode = here.stat().st_ino
    monkeypatch.chdir(here)
    code, _, err = run_cli("init", ".")
    assert code == 0, err
    # The working directory itself was filled, not replaced by another directory.
    assert here.stat().st_ino == inode
    assert (Path.cwd() / "casebook.yaml").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["here"]
    code, out, _ = run_cli("check", ".")
    assert code == 0
    assert out.startswith("All checks passed")


def test_init_refuses_a_non_empty_directory(run_cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.mkdir()
    (target / "notes.txt").write_text("mine\n", encoding="utf-8")
    before = tree(tmp_path)
    code, out, err = run_cli("init", target)
    assert code == 2
    assert "already exists and is not empty" in err
    assert "Traceback" not in err
    assert out == ""
    assert tree(tmp_path) == before


def test_init_refuses_an_existing_file(run_cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "file.txt"
    target.write_text("mine\n", encoding="utf-8")
    before = tree(tmp_path)
    code, _, err = run_cli("init", target)
    assert code == 2
    assert "already exists" in err
    assert tree(tmp_path) == before


def test_init_into_a_missing_parent_exits_2(run_cli: RunCli, tmp_path: Path) -> None:
    code, _, err = run_cli("init", tmp_path / "no" / "such" / "place")
    assert code == 2
    assert "does not exist" in err
    assert list(tmp_path.iterdir()) == []


# --- schema ----------------------------------------------------------------------------------


def schema(run_cli: RunCli, *which: str) -> dict[str, Any]:
    code, out, err = run_cli("schema", *which)
    assert code == 0, err
    data: dict[str, Any] = json.loads(out)
    assert data["$schema"].startswith("https://json-schema.org/")
    return data


def test_schema_of_casebook_yaml(run_cli: RunCli) -> None:
    data = schema(run_cli)
    assert data == schema(run_cli, "casebook")
    assert data["type"] == "object"
    assert {"title", "sides", "sources", "disputes", "include"} <= set(data["properties"])
    assert data["required"] == ["title"]
    assert data["additionalProperties"] is False
    dispute = data["properties"]["disputes"]["items"]
    assert {"id", "question", "positions"} <= set(dispute["required"])
    evidence = dispute["properties"]["positions"]["items"]["properties"]["evidence"]["items"]
    assert {"source", "quote", "before", "after", "paragraph"} <= set(evidence["properties"])


def test_schema_of_dispute_files_and_review(run_cli: RunCli) -> None:
    disputes = schema(run_cli, "disputes")
    assert set(disputes["properties"]) == {"disputes"}
    assert disputes["required"] == ["disputes"]
    review = schema(run_cli, "review")
    assert review["type"] == "object"
    rating = review["additionalProperties"]["properties"]["positions"]["additionalProperties"]
    assert "unsupported" in rating["properties"]["rating"]["enum"]


def _as_json(value: Any) -> Any:
    """YAML values as an editor's schema check sees them: dates are strings."""
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def test_init_casebook_validates_against_the_schema(run_cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "validated"
    assert run_cli("init", target)[0] == 0
    # The files init writes point editors at the schema, and the schema written is current.
    text = (target / "casebook.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=schemas/casebook.schema.json")
    written = json.loads((target / "schemas" / "casebook.schema.json").read_text("utf-8"))
    assert written == schema(run_cli)
    try:
        import jsonschema  # type: ignore[import-untyped]
    except ImportError:  # not a dependency; validate when it happens to be installed
        return
    jsonschema.validate(_as_json(yaml.safe_load(text)), written)
    disputes = (target / "disputes" / "bridge.yaml").read_text(encoding="utf-8")
    jsonschema.validate(_as_json(yaml.safe_load(disputes)), schema(run_cli, "disputes"))


@pytest.mark.parametrize("fmt", ["json", "github", "human"])
def test_a_reader_that_stops_early_gets_no_traceback(tmp_path: Path, fmt: str) -> None:
    """`contested check | head -1`: the output ends quietly (exit 141, as SIGPIPE)."""
    lines = "\n".join(
        f"          - {{source: report, quote: Nothing number {n} is here at all}}"
        for n in range(400)
    )
    root = make_casebook(tmp_path, CASEBOOK + lines + "\n", {"sources/report.txt": SOURCE})
    exe = Path(sys.executable).parent / "contested"
    process = subprocess.Popen(
        [str(exe), "check", "--format", fmt, str(root)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    process.stdout.read(10)
    process.stdout.close()
    _, err = process.communicate(timeout=60)
    assert b"Traceback" not in err
    assert process.returncode in (1, 141)
