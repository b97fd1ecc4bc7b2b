"""Keeping every file a casebook names inside the casebook.

A source `file` or an `include` pattern comes from a YAML file that may come from anywhere,
so it may not be absolute, may not climb out with `..`, and may not lead out through a
symbolic link.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath, PureWindowsPath


class OutsideCasebook(ValueError):
    """The path leaves the casebook root; the message says how."""


def check_relative(name: str) -> None:
    """Refuse absolute paths and `..` before anything touches the file system."""
    if not name.strip():
        raise OutsideCasebook("the path is empty")
    posix, windows = PurePosixPath(name), PureWindowsPath(name)
    if posix.is_absolute() or windows.is_absolute() or windows.drive or name.startswith("~"):
        raise OutsideCasebook("it is an absolute path")
    if ".." in posix.parts or ".." in windows.parts:
        raise OutsideCasebook("it goes up with `..`")


def inside(root: Path, name: str) -> Path:
    """Resolve `name` against `root`, following links; it must stay inside `root`."""
    check_relative(name)
    return contained(root, root / name)


def contained(root: Path, path: Path) -> Path:
    """`path` with links resolved, if that is inside `root` (itself resolved)."""
    resolved = path.resolve()
    if not resolved.is_relative_to(root.resolve()):
        raise OutsideCasebook("a symbolic link leads outside the casebook")
    return resolved
