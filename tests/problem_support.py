"""The casebook and helpers shared by the problem-code tests (`tests/test_problem_codes.py`,
`tests/test_problem_codes_quotes.py`, `tests/test_problem_codes_warnings.py`).

`casebook()` is the clean casebook every test breaks one way; `write` puts it (with the
standard source) under a test's `case` directory; `check_json` runs
`contested check --format json` in-process; `at` finds the line and column a problem must
point at, `only` and `assert_at` check it. A helper module, not a test module: imported by
name, as `tests/hostile_support.py` is.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import RunCli, make_casebook

SOURCE = """\
Officials said the brothers died of heart failure after the arrest.

Relatives said the brothers were beaten by riot police during the raid.

The ministry repeated that the brothers died of heart failure in hospital.

Nothing else was said about the weather in the mountains that week.
"""

SIDES_AND_SOURCES = """\
title: Test casebook
sides:
  officials: {label: Officials}
  families: {label: Families}
sources:
  report:
    file: sources/report.txt
    title: The report
"""

CLEAN_DISPUTE = """\
  - id: cause
    question: How did they die?
    positions:
      - side: officials
        holder: Officials
        claim: Heart failure.
        evidence:
          - source: report
            quote: Officials said the brothers died of heart failure
      - side: families
        holder: Relatives
        claim: They were beaten.
        evidence:
          - source: report
            quote: the brothers were beaten by riot police
"""


def casebook(disputes: str = CLEAN_DISPUTE, head: str = SIDES_AND_SOURCES) -> str:
    """casebook.yaml: the standard sides and source, then `disputes:` with `disputes`."""
    return head + "disputes:\n" + disputes


def at(text: str, prefix: str, target: str = "", nth: int = 1) -> tuple[int, int]:
    """1-based (line, column) of `target` in the `nth` occurrence of `prefix + target`.

    With `target` empty, the position of `prefix` itself. Fails if there are fewer.
    """
    index = -1
    for _ in range(nth):
        index = text.index(prefix + target, index + 1)
    index += len(prefix)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def check_json(run_cli: RunCli, root: Path) -> tuple[int, list[dict[str, Any]], dict[str, Any]]:
    code, out, err = run_cli("check", "--format", "json", root)
    assert "Traceback" not in err
    data = json.loads(out)
    return code, data["problems"], data


def same_file(shown: str, expected: Path) -> bool:
    return (Path.cwd() / shown).resolve() == expected.resolve()


def only(problems: list[dict[str, Any]], code: str) -> dict[str, Any]:
    """The one problem with `code`; fails naming all problems if there is not exactly one."""
    matching = [p for p in problems if p["code"] == code]
    assert len(matching) == 1, f"expected one {code!r}, got {problems!r}"
    return matching[0]


def assert_at(
    problem: dict[str, Any], file: Path, where: tuple[int, int], severity: str = "error"
) -> None:
    assert same_file(problem["file"], file), problem
    assert (problem["line"], problem["column"]) == where, problem
    assert problem["severity"] == severity


def codes(problems: list[dict[str, Any]]) -> list[str]:
    return sorted(p["code"] for p in problems)


def write(case: Path, text: str, extra: dict[str, str | bytes] | None = None) -> Path:
    """The casebook `text` with the standard source, plus `extra` files."""
    return make_casebook(case, text, {"sources/report.txt": SOURCE}, extra)
