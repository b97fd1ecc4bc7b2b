"""Reading, checking and writing the one YAML file a capture changes (`claims.casebook.capture`).

`read` takes the file's bytes (a UTF-8 byte order mark is kept aside and put back);
`skeleton`/`with_item` let the caller prove that the new text composes to the old tree
plus the new entry and nothing else (`same_data` does it on loaded data, for the small
`include:` edit); `write_new_text` replaces the file atomically (`claims.atomic`) under
the folder's lock, refusing (`Conflict`) when its bytes are not the ones read.
"""

from __future__ import annotations

import hashlib
import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from claims.atomic import WriteFailed, locked, write
from claims.paths import YAML_LIMIT, Refused, display, read_regular
from claims.yamlstream import Loader

BOM = "\ufeff"


class CaptureError(Exception):
    """Why a capture was refused; nothing was written. `message` says what is wrong,
    `hint` what to do (or None), `path` the file concerned (or None), `line` the 1-based
    line there (or None). `str(error)` is the message."""

    def __init__(
        self,
        message: str,
        hint: str | None = None,
        path: Path | None = None,
        line: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.path = path
        self.line = line


class Conflict(CaptureError):
    """The file changed on disk since it was read (by another program, or the user's
    editor): reload the casebook, then try again."""


@dataclass(frozen=True)
class Read:
    """A YAML file as read: `path` (the real file, links followed), its `raw` bytes, its
    `text` (decoded, without the byte order mark), `bom` (whether it had one)."""

    path: Path
    raw: bytes
    text: str
    bom: bool

    @property
    def digest(self) -> str:
        return digest_of(self.raw)

    def encoded(self, text: str) -> bytes:
        """`text` as this file's bytes (UTF-8, with the byte order mark if it had one)."""
        return ((BOM if self.bom else "") + text).encode("utf-8")


def digest_of(data: bytes) -> str:
    """The SHA-256 of `data`, in hex."""
    return hashlib.sha256(data).hexdigest()


def digest(path: Path) -> str:
    """The SHA-256 (hex) of the file at `path` as it is now ("" when it cannot be read):
    what a caller keeps to learn later whether the file changed."""
    try:
        return digest_of(read_regular(path, YAML_LIMIT, "a casebook YAML file"))
    except Refused:
        return ""


def read(path: Path) -> Read:
    """The file at `path`. Raises `CaptureError` when it cannot be read or is not UTF-8."""
    try:
        raw = read_regular(path, YAML_LIMIT, "a casebook YAML file")
    except Refused as why:
        raise CaptureError(
            f"cannot read {display(str(path))}: {why.reason}",
            "check the file and try again",
            path,
        ) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise CaptureError(
            f"{display(path.name)} is not UTF-8", "save the file as UTF-8", path, line
        ) from None
    bom = text.startswith(BOM)
    return Read(path, raw, text[1:] if bom else text, bom)


def write_new_text(before: Read, text: str) -> str:
    """Write `text` as the file `before` was read from, atomically, only if its bytes are
    still `before.raw` (else `Conflict`); return the digest of what was written. Raises
    `CaptureError` when it cannot be written."""
    data = before.encoded(text)
    path = before.path

    def unchanged() -> None:
        try:
            now = read_regular(path, YAML_LIMIT, "a casebook YAML file")
        except Refused as why:
            raise Conflict(
                f"{display(path.name)} cannot be read any more ({why.reason})",
                "reload the casebook, then try again",
                path,
            ) from None
        if now != before.raw:
            raise Conflict(
                f"{display(path.name)} changed on disk since it was read; nothing was written",
                "reload the casebook, then try again",
                path,
            )

    _write(path, data, unchanged)
    return digest_of(data)


def write_created(path: Path, text: str) -> tuple[str, tuple[Path, ...]]:
    """Write a new file `path` holding `text`, atomically, making the folders it needs;
    refused (`Conflict`) if a file appears there meanwhile. Returns its digest and the
    folders made (outermost first), which are removed again when the write fails. Raises
    `CaptureError`."""
    data = text.encode("utf-8")

    def absent() -> None:
        if os.path.lexists(path):
            raise Conflict(
                f"{display(path.name)} appeared while it was being written; nothing was written",
                "reload the casebook, then try again",
                path,
            )

    missing: list[Path] = []
    folder = path.parent
    while not os.path.lexists(folder) and folder.parent != folder:
        missing.insert(0, folder)
        folder = folder.parent
    made: list[Path] = []
    try:
        for one in missing:
            one.mkdir()
            made.append(one)
        absent()
        _write(path, data, absent, new_mode=0o666)
    except OSError as exc:
        remove_folders(tuple(made))
        raise CaptureError(
            str(WriteFailed("cannot write in", path.parent, exc)), path=path
        ) from None
    except BaseException:
        remove_folders(tuple(made))
        raise
    return digest_of(data), tuple(made)


def remove_created(path: Path, expected: str, folders: tuple[Path, ...] = ()) -> None:
    """Remove the file `path` a capture made, if its digest is still `expected` (else
    `Conflict`), then the `folders` it made for it (outermost first; each only while it
    is empty). Raises `CaptureError` when the file cannot be removed."""
    if digest(path) != expected:
        raise Conflict(
            f"{display(path.name)} changed since it was written; it is left as it is",
            "undo by hand, or reload the casebook",
            path,
        )
    try:
        with locked(path.parent):
            path.unlink()
    except (OSError, WriteFailed) as exc:
        raise CaptureError(f"cannot remove {display(str(path))}: {exc}", path=path) from None
    remove_folders(folders)


def remove_folders(folders: tuple[Path, ...]) -> None:
    """Remove the `folders` (outermost first) a capture made, innermost first, each only
    while it is empty (a file put there since keeps it, and the folders around it)."""
    for folder in reversed(folders):
        try:
            folder.rmdir()
        except OSError:
            return


def _write(path: Path, data: bytes, check: Any, new_mode: int = 0o666) -> None:
    try:
        with locked(path.parent) as folder:
            write(path, data, folder=folder, check=check, new_mode=new_mode)
    except WriteFailed as failed:
        raise CaptureError(
            str(failed), "check the folder's permissions and free space", path
        ) from None


def load_data(text: str) -> Any:
    """The plain data of YAML `text` (the project's loader's resolution), or raises
    yaml.YAMLError."""
    return yaml.load(text, Loader=Loader)


def same_data(old: Any, new: Any) -> bool:
    """Whether two YAML data trees are equal (a NaN equals a NaN; key order ignored)."""
    if isinstance(old, dict) and isinstance(new, dict):
        return old.keys() == new.keys() and all(same_data(old[k], new[k]) for k in old)
    if isinstance(old, list) and isinstance(new, list):
        return len(old) == len(new) and all(same_data(a, b) for a, b in zip(old, new, strict=True))
    if isinstance(old, float) and isinstance(new, float) and math.isnan(old):
        return math.isnan(new)
    return type(old) is type(new) and bool(old == new)


# --- comparing composed trees ----------------------------------------------------------------

_T = "tag:yaml.org,2002:"


def skeleton(node: yaml.Node | None) -> Any:
    """`node` as plain comparable values: a scalar as ("S", tag, text), a list as ("L",
    items), a mapping as ("M", [(key, value), …]) in the order written (so a reordering is a
    difference too). None for None. Raises RecursionError for a tree nested past Python's
    limit (the caller refuses then)."""
    if node is None:
        return None
    if isinstance(node, yaml.ScalarNode):
        return ("S", node.tag, node.value)
    if isinstance(node, yaml.SequenceNode):
        return ("L", [skeleton(item) for item in node.value])
    return ("M", [(skeleton(k), skeleton(v)) for k, v in node.value])


def entry_skeleton(entry: list[tuple[str, object]]) -> Any:
    """The `skeleton` an entry written by `claims.casebook.yamltext` composes to."""
    pairs = []
    for key, value in entry:
        if isinstance(value, list):
            shaped: Any = ("L", [entry_skeleton(item) for item in value])
        elif isinstance(value, bool) or not isinstance(value, (str, int)):
            raise TypeError(f"cannot write {value!r}")
        elif isinstance(value, int):
            shaped = ("S", _T + "int", str(value))
        else:
            shaped = ("S", _T + "str", value)
        pairs.append((("S", _T + "str", key), shaped))
    return ("M", pairs)


def with_item(old: Any, path: tuple[str | int, ...], key: str, item: Any) -> Any:
    """The skeleton `old` with `item` appended to the list under `key` of the mapping at
    `path` (a key holding nothing, `key:` or `~`, becomes that list; a missing key is
    added last). Raises LookupError when the path is not there."""
    if old is None:
        old = ("M", [])
    kind, children = old
    if not path:
        if kind != "M":
            raise LookupError(key)
        pairs = list(children)
        for index, (name, value) in enumerate(pairs):
            if name == ("S", _T + "str", key):
                if value[0] == "L":
                    pairs[index] = (name, ("L", [*value[1], item]))
                elif value[0] == "S" and value[1] == _T + "null":
                    pairs[index] = (name, ("L", [item]))
                else:
                    raise LookupError(key)
                return ("M", pairs)
        return ("M", [*pairs, (("S", _T + "str", key), ("L", [item]))])
    step, rest = path[0], path[1:]
    if isinstance(step, int):
        if kind != "L":
            raise LookupError(step)
        items = list(children)
        items[step] = with_item(items[step], rest, key, item)
        return ("L", items)
    if kind != "M":
        raise LookupError(step)
    pairs = list(children)
    for index, (name, value) in enumerate(pairs):
        if name == ("S", _T + "str", step):
            pairs[index] = (name, with_item(value, rest, key, item))
            return ("M", pairs)
    raise LookupError(step)
