"""The handed cases (`tests/data/cases/*`, copied from the project's shared cases): each
casebook `contested` once got wrong, checked against its `expected.json`.

`expected.json` gives, per case: the allowed exit codes of `check`; each source's
paragraph count and some paragraph texts; each anchor's paragraph, method(s), span text and
offsets; and which problems are required, allowed or forbidden (matched by code, severity
and the evidence they are about).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import RunCli

from claims.sources import read_document

CASES = Path(__file__).parent / "data" / "cases"
NAMES = sorted(p.name for p in CASES.iterdir() if (p / "expected.json").exists())


def expected(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((CASES / name / "expected.json").read_text("utf-8"))
    return data


@pytest.mark.parametrize("name", NAMES)
def test_case_paragraphs(name: str) -> None:
    for source in expected(name)["sources"].values():
        document = read_document(CASES / name / source["file"])
        assert len(document.paragraphs) == source["paragraphs"]
        for number, text in source.get("texts", {}).items():
            assert document.paragraph(int(number)).text == text


@pytest.mark.parametrize("name", NAMES)
def test_case_check(name: str, run_cli: RunCli) -> None:
    want = expected(name)
    code, out, err = run_cli("check", "--format", "json", CASES / name)
    assert code in want["exit"], out + err
    data = json.loads(out)
    anchors = {(a["dispute"], a["position"], a["evidence"]): a for a in data["anchors"]}
    for wanted in want["anchors"]:
        got = anchors[(wanted["dispute"], wanted["position"], wanted["evidence"])]
        assert got["paragraph"] == wanted["paragraph"], got
        assert got["method"] in wanted["methods"], got
        if "span" in wanted:
            assert got["text"] == wanted["span"], got
        if "span_any_of" in wanted:
            assert got["text"] in wanted["span_any_of"], got
        if "offsets" in wanted:
            assert [got["start"], got["end"]] == wanted["offsets"], got
    rules = want["problems"]
    found = data["problems"]
    for required in rules["required"]:
        assert any(_matches(p, required) for p in found), (required, found)
    if rules.get("others") == "forbidden":
        for problem in found:
            assert any(_matches(problem, r) for r in rules["required"] + rules["allowed"]), problem
    for problem in found:
        for words in rules.get("message_never_contains", []):
            assert words not in problem["message"], problem


def _matches(problem: dict[str, Any], rule: dict[str, Any]) -> bool:
    at = [problem.get("dispute"), problem.get("position"), problem.get("evidence")]
    return (
        problem["code"] == rule["code"]
        and problem["severity"] == rule["severity"]
        and ("at" not in rule or at == rule["at"])
        and all(w in problem["message"] for w in rule.get("message_contains_all", []))
    )
