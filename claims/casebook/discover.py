"""Which casebook a command works on when none is named, found as ruff and pytest find
their configuration: the nearest folder at or above the start holding `casebook.yaml`,
not looking above the repository (the first folder holding `.git`) or the filesystem root.
Only when there is none is it the bundled example, and the caller says so."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

from claims.bundled import bundled_casebook

CASEBOOK_FILE = "casebook.yaml"


@dataclass(frozen=True)
class Found:
    """Where the casebook is: `path` is what `claims.load` takes (a folder holding
    casebook.yaml, or a casebook YAML file); `bundled` is True when nothing was found from
    `start` and `path` is the bundled example."""

    path: Path
    bundled: bool
    start: Path


def _exists(path: Path, directory: bool = False) -> bool:
    try:
        return path.is_dir() if directory else path.exists()
    except OSError:  # unreadable folder, name too long: as if there were nothing there
        return False


def _entry(path: Path) -> bool:
    """Whether `path` is an entry of its folder, whatever it is (a file, a folder, a FIFO, a
    symbolic link even to nothing): `os.path.lexists`, False when it cannot be told."""
    return os.path.lexists(path)


def find_upward(start: Path) -> Path | None:
    """The nearest folder at or above `start` (a folder) holding `casebook.yaml`, or None.

    Any entry named `casebook.yaml` stops the search, even one that cannot be a casebook (a
    folder, a symbolic link to nothing): the loader then says what is wrong with it, rather
    than a command quietly working on another casebook (in CI, on the bundled example).
    The search stops after the first folder holding `.git` (the repository root), or at the
    filesystem root. `start` is made absolute, not resolved (symlinked folders are searched
    as the user reached them). Never raises: an unreadable folder counts as empty."""
    here = start.absolute()
    for folder in (here, *here.parents):
        if _entry(folder / CASEBOOK_FILE):
            return folder
        if _exists(folder / ".git"):
            return None
    return None


@functools.lru_cache(maxsize=16)
def project_root(folder: Path) -> Path | None:
    """The folder whose files may be named relative to `folder` (an absolute folder, the
    working directory) with `..` (`claims.formats.shown_path`): the repository `folder` is
    in (the nearest folder at or above it holding `.git`), else the nearest one holding
    `casebook.yaml` (the casebook `discover` finds from it), else None. Remembered per
    folder; never raises."""
    casebook = None
    for each in (folder, *folder.parents):
        if _entry(each / ".git"):
            return each
        if casebook is None and _entry(each / CASEBOOK_FILE):
            casebook = each
    return casebook


def discover(start: Path | None = None) -> Found:
    """The casebook to work on from `start` (default: the working directory).

    `start` may be a casebook YAML file (taken as it is) or a folder (searched from, as
    `find_upward`); when nothing is found, the bundled example with `bundled=True`. A
    `start` that does not exist is searched from as a folder (so finds nothing there):
    callers that take it from the user check that it exists first."""
    if start is None:
        try:
            start = Path.cwd()
        except OSError:  # the working directory was removed: nothing to find from it
            return Found(bundled_casebook(), True, Path("."))
    where = start
    if _exists(where) and not _exists(where, True):
        return Found(where, False, where)
    found = find_upward(where)
    if found is None:
        return Found(bundled_casebook(), True, where)
    return Found(found, False, where)
