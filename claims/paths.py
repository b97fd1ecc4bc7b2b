"""Keeping every file a casebook names inside the casebook, and reading only what is safe.

A source `file` or an `include` pattern comes from a YAML file that may come from anywhere,
so it may not be absolute, may not climb out with `..`, and may not lead out through a
symbolic link. The checks work on strings (`os.path`): a casebook names thousands of files.

Files are read only when they are regular files of a bounded size (`read_regular`): a FIFO,
socket or device in a casebook would otherwise block a read for ever or never end. Include
patterns are expanded by `expand`, which walks each directory once per pattern part, so
`**/**/**/*.yaml` costs what `**/*.yaml` costs.
"""

from __future__ import annotations

import errno
import fnmatch
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from claims.text import shown

_SEPARATORS = re.compile(r"[\\/]")
_WILDCARDS = re.compile(r"[*?\[]")

#: The biggest source file read, in bytes (a 50 MB text is some 8 million words).
SOURCE_LIMIT = 50 * 1024 * 1024
#: The biggest casebook YAML file read, in bytes (casebook.yaml, an included file, review.yaml).
YAML_LIMIT = 20 * 1024 * 1024


class OutsideCasebook(ValueError):
    """The path leaves the casebook root; the message says how."""


def display(text: str) -> str:
    """`text` (a file name, a path) as it may be shown, in every format: `claims.text.shown`
    (lone surrogates, the bytes of a file name that are not UTF-8 as `os.fsdecode` gives
    them, as U+FFFD; control characters as visible marks, a folder named `c<ESC>se` is
    `c␛se`; bidi controls as ⇄), and a tab or a newline, which `shown` keeps, as ␉ and ␊:
    a name is shown on one line, so a file named `x\nerror[…]` cannot forge a line of
    `check`. Names of files are shown only through here."""
    text = shown(text)
    if "\n" in text or "\t" in text:
        return text.replace("\n", "\u240a").replace("\t", "\u2409")
    return text


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


# --- reading -----------------------------------------------------------------------------


class Refused(Exception):
    """A file that is not read. `reason` says why, for people ("it is not a regular file
    (a FIFO)", "permission denied", "it is 63 MB, more than the 50 MB …"); `missing` is
    True when nothing is there at all."""

    def __init__(self, reason: str, missing: bool = False) -> None:
        self.reason = reason
        self.missing = missing
        super().__init__(reason)


def reason(exc: OSError) -> str:
    """An OSError in a few words for a problem message: "permission denied", "it does not
    exist", or the system's own words."""
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return "it does not exist"
    if exc.errno == errno.ELOOP:
        return "it is a loop of symbolic links"
    words = exc.strerror or str(exc)
    return words[:1].lower() + words[1:]


def kind(mode: int) -> str | None:
    """None for a regular file; otherwise what the file is ("a directory", "a FIFO", …)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    return "not a regular file"


def _refuse_kind(mode: int) -> None:
    what = kind(mode)
    if what == "a directory":
        raise Refused("it is a directory, not a file")
    if what is not None:
        raise Refused(f"it is not a regular file ({what})")


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):,.0f} MB" if size >= 1024 * 1024 else f"{size:,} bytes"


def _refuse_size(size: int, limit: int, what: str) -> None:
    if size > limit:
        raise Refused(f"it is {_megabytes(size)}, more than the {_megabytes(limit)} {what} may be")


_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
_FLAGS |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def read_regular(path: Path | str, limit: int, what: str = "a file") -> bytes:
    """The bytes of the regular file at `path`, of at most `limit` bytes.

    Never blocks and never reads without end: the file is `stat`ed before it is opened (a
    FIFO, socket or device is refused unopened), opened with O_NONBLOCK and checked again
    (it may have been swapped), and at most `limit` bytes are read. `what` names the kind
    of file in the size message ("a source", "a casebook YAML file").
    Raises `Refused` (with `reason`; `missing` when there is no file).
    """
    try:
        _refuse_kind(os.stat(path).st_mode)
        fd = os.open(path, _FLAGS)
    except OSError as exc:
        missing = exc.errno in (errno.ENOENT, errno.ENOTDIR)
        raise Refused(reason(exc), missing=missing) from None
    try:
        with open(fd, "rb", buffering=0, closefd=True) as file:
            info = os.fstat(fd)
            _refuse_kind(info.st_mode)
            _refuse_size(info.st_size, limit, what)
            data = file.read(info.st_size + 1)
            if len(data) > info.st_size:  # it grew while we read: read on, up to the limit
                data += file.read(limit + 1 - len(data))
                _refuse_size(len(data), limit, what)
    except OSError as exc:
        raise Refused(reason(exc)) from None
    return data


# --- include patterns --------------------------------------------------------------------


class NoFiles(ValueError):
    """An include pattern that names the casebook's folder itself (`.`, `./`), not files."""


@dataclass
class Expansion:
    """What an include pattern matched: `paths` (files, folders, anything, sorted), and
    the folders that could not be listed, with why (`unlisted`: (relative name, reason))."""

    paths: list[Path] = field(default_factory=list)
    unlisted: list[tuple[str, str]] = field(default_factory=list)


def pattern_parts(pattern: str) -> list[str]:
    """A checked-relative include pattern as its parts: empty and `.` parts dropped, runs
    of `**` made one (the same matches). Raises `NoFiles` if nothing is left."""
    parts: list[str] = []
    for part in pattern.split("/"):
        if part in ("", ".") or (part == "**" and parts and parts[-1] == "**"):
            continue
        parts.append(part)
    if not parts:
        raise NoFiles("it names the casebook's folder itself, not files")
    return parts


def expand(root: Path, pattern: str) -> Expansion:
    """Every path under `root` matching `pattern`, as `pathlib` globs it (`*`, `?`, `[…]`
    within a name, `**` any depth of folders, not through links to folders, names starting
    with a dot matched too, a trailing `/` matching folders only), but in time linear in
    folders × pattern parts: each (folder, part) pair is visited once. Raises `NoFiles`
    for a pattern naming no file (`.`, `./`)."""
    parts = pattern_parts(pattern)
    folders_only = pattern.rstrip().endswith("/")  # `disputes/`: folders, as pathlib has it
    out = Expansion()
    found: set[str] = set()
    seen: set[tuple[str, int]] = set()
    stack = [(str(root), 0)]
    last = len(parts) - 1
    while stack:
        folder, index = stack.pop()
        if (folder, index) in seen:
            continue
        seen.add((folder, index))
        part = parts[index]
        if part == "**":
            if index == last:  # `a/**` matches folders only, as pathlib has it
                found.update(d for d, _ in _folders(root, folder, out, recursive=True))
                continue
            stack.append((folder, index + 1))
            stack.extend((d, index) for d, _ in _folders(root, folder, out, recursive=False))
            continue
        if not _WILDCARDS.search(part):
            path = os.path.join(folder, part)
            try:
                mode = os.stat(path).st_mode
            except OSError as exc:
                if exc.errno not in _ABSENT:
                    _unlisted(root, folder, exc, out)
                continue
            if index == last:
                found.add(path)
            elif stat.S_ISDIR(mode):
                stack.append((path, index + 1))
            continue
        for path, is_dir in _entries(root, folder, out):
            if fnmatch.fnmatchcase(os.path.basename(path), part):
                if index == last:
                    found.add(path)
                elif is_dir:
                    stack.append((path, index + 1))
    out.paths = sorted(Path(p) for p in found if not folders_only or os.path.isdir(p))
    return out


def _entries(root: Path, folder: str, out: Expansion) -> Iterator[tuple[str, bool]]:
    """(path, is a folder (links followed)) of each entry of `folder`; a folder that cannot
    be listed is noted in `out.unlisted`."""
    try:
        with os.scandir(folder) as entries:
            listed = [(entry.path, _is_dir(entry, follow=True)) for entry in entries]
    except OSError as exc:
        if exc.errno not in _ABSENT:
            _unlisted(root, folder, exc, out)
        return iter(())
    return iter(listed)


#: What a missing match looks like (as pathlib ignores it): gone, not a folder, a link loop.
_ABSENT = (errno.ENOENT, errno.ENOTDIR, errno.ELOOP)


def _unlisted(root: Path, folder: str, exc: OSError, out: Expansion) -> None:
    name = os.path.relpath(folder, root)
    entry = ("." if name == "." else name + "/", reason(exc))
    if entry not in out.unlisted:
        out.unlisted.append(entry)


def _folders(
    root: Path, folder: str, out: Expansion, recursive: bool
) -> Iterator[tuple[str, bool]]:
    """The folders in `folder` (not links to folders), or with `recursive` `folder` and
    every folder below it."""
    if recursive:
        yield folder, True
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            with os.scandir(current) as entries:
                below = [e.path for e in entries if _is_dir(e, follow=False)]
        except OSError as exc:
            if exc.errno not in _ABSENT:
                _unlisted(root, current, exc, out)
            continue
        for path in below:
            yield path, True
        if recursive:
            pending.extend(below)


def _is_dir(entry: os.DirEntry[str], follow: bool) -> bool:
    try:
        return entry.is_dir(follow_symlinks=follow)
    except OSError:
        return False
