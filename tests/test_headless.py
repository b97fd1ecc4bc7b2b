"""`claims` is headless: it never imports Textual or the app; and the code is lint/type clean."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from conftest import BIN, REPO

IMPORT_CHECK = (
    "import claims, claims.cli, claims.show, claims.check, claims.formats, claims.init, sys; "
    "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.') "
    "or m == 'tui' or m.startswith('tui.')); "
    "assert not bad, bad"
)


def test_importing_claims_does_not_import_textual_or_tui() -> None:
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_CHECK],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


IMPORT_LINE = re.compile(r"^\s*(?:import|from)\s+(textual|tui)\b", re.MULTILINE)


def test_no_module_of_claims_imports_textual_or_tui() -> None:
    files = sorted((REPO / "claims").rglob("*.py"))
    assert len(files) > 10
    offenders = [
        f"{path.relative_to(REPO)}: {match.group(0).strip()}"
        for path in files
        for match in IMPORT_LINE.finditer(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


@pytest.mark.parametrize(
    "command",
    [
        ["ruff", "check", "."],
        ["ruff", "format", "--check", "claims", "tui", "tests"],
        ["mypy"],
    ],
    ids=["ruff-check", "ruff-format", "mypy"],
)
def test_code_is_clean(command: list[str]) -> None:
    tool = BIN / command[0]
    assert tool.exists(), f"{tool} is missing: pip install -e '.[test]'"
    result = subprocess.run(
        [str(tool), *command[1:]],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
