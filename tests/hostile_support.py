"""The probe casebook and helpers shared by the hostile-input tests
(`tests/test_hostile_files.py`, `tests/test_hostile_yaml.py`).

`case` writes a clean probe casebook (one dispute, both quotes exact) plus any files;
`no_traceback` asserts that no Python exception reached the user; `run` runs the installed
`contested` as a subprocess, bytes out (so bad UTF-8 is caught). A helper module, not a test
module: imported by name, as `tests/tui_support.py` is.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from conftest import BIN, contested_env, make_casebook

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
