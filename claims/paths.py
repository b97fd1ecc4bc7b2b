"""Keeping every file a casebook names inside the casebook.

A source `file` or an `include` pattern comes from a YAML file that may come from anywhere,
so it may not be absolute, may not climb out with `..`, and may not lead out through a
symbolic link. The checks work on strings (`os.path`): a casebook names thousands of files.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

_SEPARATORS = re.compile(r"[\\/]")


class OutsideCasebook(ValueError):
    """The path leaves the casebook root; the message says how."""


def check_relative(name: str) -> None:
    """Refuse absolute paths and `..` before anything touches the file system."""
    if not name.strip():
        raise OutsideCasebook("the path is empty")
    if name.startswith(("/", "\\", "~")) or (len(name) > 1 and name[1] == ":"):
        raise OutsideCasebook("it is an absolute path")
    if ".." in _SEPARATORS.split(name):
        raise OutsideCasebook("it goes up with `..`")


def inside(root: Path, name: str) -> Path:
    """Resolve `name` against `root`, following links; it must stay inside `root`."""
    check_relative(name)
    return contained(root, root / name)


def contained(root: Path, path: Path) -> Path:
    """`path` with links resolved, if that is inside `root` (itself resolved)."""
    base = os.path.realpath(root)
    resolved = os.path.realpath(path)
    if resolved != base and not resolved.startswith(base.rstrip(os.sep) + os.sep):
        raise OutsideCasebook("a symbolic link leads outside the casebook")
    return Path(resolved)
