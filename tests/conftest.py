"""Shared helpers: build a casebook on disk, run the CLI in-process or as the installed command.

`make_casebook` is a plain function (`from conftest import make_casebook`); `run_cli` and
`run_contested` are fixtures. Nothing here is autouse but `_own_source_cache` (the suite's
source readings are cached in a folder of its own, never the user's ~/.cache).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from claims.bundled import bundled_casebook
from claims.model import Casebook
from tui.launch import main

#: A small clean casebook (two positions on two sides, both quotes exact) and its source,
#: shared by the CLI and bad-input tests.
SOURCE = "The raid began at dawn.\n\nNine people were detained in the raid.\n"

CASEBOOK = """\
title: Test casebook
sides:
  police: {label: Police}
  families: {label: Families}
sources:
  report: {file: sources/report.txt}
disputes:
  - id: raid
    question: When did the raid begin?
    positions:
      - side: police
        holder: Police
        claim: At dawn.
        evidence:
          - {source: report, quote: The raid began at dawn.}
      - side: families
        holder: Families
        claim: Nine were detained.
        evidence:
          - {source: report, quote: Nine people were detained}
"""


REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
BUNDLED = bundled_casebook()

#: Environment variables that make Rich write colour or control codes even when piped.
COLOUR_ENV = ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "CLICOLOR_FORCE")

RunCli = Callable[..., tuple[int, str, str]]
RunContested = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(autouse=True, scope="session")
def _own_source_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The on-disk cache of source readings (claims.sources.cache) in a folder of the
    suite's own, for this process and the `contested` processes it starts."""
    os.environ["CONTESTED_CACHE_DIR"] = str(tmp_path_factory.mktemp("source-cache"))


def make_casebook(
    tmp_path: Path,
    casebook_yaml: str,
    sources: Mapping[str, str | bytes] | None = None,
    extra_files: Mapping[str, str | bytes] | None = None,
) -> Path:
    """Write a casebook rooted at `tmp_path` and return that directory.

    `casebook.yaml` gets `casebook_yaml`; `sources` and `extra_files` map paths relative to
    the root to their contents: text is written as UTF-8 exactly as given (no newline
    translation), bytes as they are. Import it with `from conftest import make_casebook`.
    """
    tmp_path.mkdir(parents=True, exist_ok=True)
    files = {"casebook.yaml": casebook_yaml, **(sources or {}), **(extra_files or {})}
    for name, content in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return tmp_path


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> RunCli:
    """Run `contested ARGS…` in-process: `run_cli(*args, columns=100)` -> (exit, out, err).

    Output is captured (not a terminal) with colour-forcing variables removed, as when a
    user pipes the command; `columns` sets the width Rich lays out to.
    """

    def run(*args: str | Path, columns: int = 100) -> tuple[int, str, str]:
        for name in COLOUR_ENV:
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("COLUMNS", str(columns))
        capsys.readouterr()  # drop anything printed before
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:  # argparse exits on usage errors and --help
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
        out, err = capsys.readouterr()
        return code, out, err

    return run


def contested_env(columns: int = 100) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in COLOUR_ENV}
    env["COLUMNS"] = str(columns)
    env["PYTHONIOENCODING"] = "utf-8"
    return env


@pytest.fixture
def run_contested() -> RunContested:
    """Run the installed `contested` executable (beside sys.executable) as a subprocess."""
    exe = BIN / "contested"
    if not exe.exists():  # pragma: no cover - the venv always has it after `pip install -e .`
        pytest.fail(f"{exe} is missing; run `pip install -e .` in the venv")

    def run(
        *args: str | Path, cwd: Path | None = None, timeout: float = 30
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(exe), *map(str, args)],
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=cwd,
            env=contested_env(),
            timeout=timeout,
            check=False,
        )

    return run


@pytest.fixture(scope="module")
def bundled() -> Casebook:
    """The bundled casebook, loaded once per test module (a module may define its own)."""
    from claims.loader import load

    return load(bundled_casebook()).casebook
