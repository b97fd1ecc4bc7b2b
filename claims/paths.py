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


class Confined:
    """Resolves names inside one casebook root, following links, refusing any way out.

    Each directory is resolved once; for a file only the file itself is checked for a
    link. A casebook of 1,000 sources in one folder costs 1,000 `lstat`s, not 7,000.
    """

    def __init__(self, root: Path) -> None:
        self.base = os.path.realpath(root)
        self._prefix = self.base.rstrip(os.sep) + os.sep
        self._dirs: dict[str, str] = {"": self.base}

    def _check(self, resolved: str) -> str:
        if resolved != self.base and not resolved.startswith(self._prefix):
            raise OutsideCasebook("a symbolic link leads outside the casebook")
        return resolved

    def resolve(self, name: str) -> Path:
        """`name` (relative to the root) resolved; it must stay inside the root."""
        check_relative(name)
        head, tail = os.path.split(os.path.normpath(name))
        directory = self._dirs.get(head)
        if directory is None:
            directory = self._check(os.path.realpath(os.path.join(self.base, head)))
            self._dirs[head] = directory
        path = os.path.join(directory, tail)
        if os.path.islink(path):
            path = self._check(os.path.realpath(path))
        return Path(path)

    def contain(self, path: Path) -> Path:
        """An already-joined `path` (say, a glob match) resolved; it must stay inside."""
        return Path(self._check(os.path.realpath(path)))
