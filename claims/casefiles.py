"""The YAML files a casebook is read from: its own file, what `include:` matches, review.yaml.

Each is found without reading anything it should not: the casebook's file and review.yaml
must not lead out of the casebook through a symbolic link (their content is never read
then), include patterns are expanded by `claims.paths.expand` (bounded time, `**` runs
collapsed), and only regular files are taken (a FIFO would block the read for ever). Every
refusal is a located problem; only the casebook's own file failing raises.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from claims.model import Location
from claims.paths import (
    Confined,
    NoFiles,
    OutsideCasebook,
    check_relative,
    display,
    expand,
    kind,
    reason,
)
from claims.problems import CasebookUnreadable, Problem

CASEBOOK_FILE = "casebook.yaml"
REVIEW_FILE = "review.yaml"
NO_CASEBOOK_HINT = (
    "pass a directory holding casebook.yaml, or a casebook YAML file; "
    "`contested init PATH` makes a new one"
)
CHMOD_HINT = "let the user running contested read it (chmod), or run as a user who can"


def _unreadable(code: str, message: str, path: Path, hint: str) -> CasebookUnreadable:
    return CasebookUnreadable([Problem(code, message, Location(path), hint=hint)])


def casebook_file(path: Path) -> Path:
    """The casebook's YAML file for a directory (its casebook.yaml) or a file.

    Raises `CasebookUnreadable` with one problem when there is no such file (`missing-file`
    "no casebook at …"), it cannot be reached ("cannot read …: permission denied"), it is
    not a regular file ("… is not a regular file (a FIFO)"), or it is a symbolic link
    leading out of its folder (`outside-casebook`; the file is not read).
    """
    try:
        mode = os.stat(path).st_mode
        if kind(mode) == "a directory":
            path = path / CASEBOOK_FILE
            mode = os.stat(path).st_mode
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ENOTDIR) and os.path.islink(path):
            target = display(os.readlink(path))
            message = f"{display(str(path))} is a symbolic link to {target}, which does not exist"
            hint = "point the link at the casebook's file, or replace it with the file itself"
            raise _unreadable("missing-file", message, path, hint) from None
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            message = f"no casebook at {display(str(path))}"
            raise _unreadable("missing-file", message, path, NO_CASEBOOK_HINT) from None
        message = f"cannot read {display(str(path))}: {reason(exc)}"
        raise _unreadable("missing-file", message, path, CHMOD_HINT) from None
    what = kind(mode)
    if what is not None:
        message = f"cannot read {display(str(path))}: it is not a regular file ({what})"
        raise _unreadable("missing-file", message, path, NO_CASEBOOK_HINT)
    try:
        Confined(path.parent).contain(path)
    except OutsideCasebook as why:
        message = f"{display(path.name)} is outside the casebook: {why}; it was not read"
        hint = "replace the link with the file itself, or open the folder the file is in"
        raise _unreadable("outside-casebook", message, path, hint) from None
    return path


def included(
    confined: Confined, root: Path, pattern: str, loc: Location, problems: list[Problem]
) -> list[Path]:
    """The regular files (inside the casebook) that the include `pattern` matches, sorted.

    Problems, at `loc` (the pattern in casebook.yaml): `outside-casebook` for a pattern
    with `..` or an absolute path, or a match leading out through a link; `syntax` for a
    pattern naming no file (`.`, `./`); `missing-file` for a folder that cannot be listed
    or a match that is not a regular file (a FIFO, a socket) or cannot be read;
    `empty-include` (a warning) when nothing matches and nothing else was said.
    """
    try:
        check_relative(pattern)
    except OutsideCasebook as why:
        problems.append(
            Problem(
                "outside-casebook",
                f"include {pattern!r} is outside the casebook: {why}",
                loc,
                hint="include only files under the casebook's directory",
            )
        )
        return []
    try:
        expansion = expand(root, pattern)
    except NoFiles as why:
        problems.append(
            Problem(
                "syntax",
                f"include {pattern!r} names no file: {why}",
                loc,
                hint="write a pattern for the dispute files, such as `disputes/*.yaml`",
            )
        )
        return []
    said = len(expansion.unlisted)
    for folder, cause in expansion.unlisted:
        where = "the casebook's folder" if folder == "." else display(folder)
        problems.append(
            Problem(
                "missing-file",
                f"include {pattern!r}: cannot list {where}: {cause}",
                loc,
                hint=CHMOD_HINT,
            )
        )
    found: list[Path] = []
    for match in expansion.paths:
        shown = display(os.path.relpath(match, root))
        try:
            resolved = confined.contain(match)
            mode = os.stat(resolved).st_mode
        except OutsideCasebook as outside:
            problems.append(
                Problem("outside-casebook", f"include {pattern!r} matches {shown}: {outside}", loc)
            )
            said += 1
            continue
        except OSError as exc:
            if exc.errno not in (errno.ENOENT, errno.ENOTDIR):  # gone, or a broken link
                problems.append(_bad_match(pattern, shown, reason(exc), loc))
                said += 1
            continue
        what = kind(mode)
        if what is None:
            found.append(match)
        elif what != "a directory":
            problems.append(_bad_match(pattern, shown, f"it is not a regular file ({what})", loc))
            said += 1
    if not found and not said:
        problems.append(
            Problem(
                "empty-include",
                f"include {pattern!r} matches no file",
                loc,
                hint="check the pattern; it is relative to casebook.yaml",
            )
        )
    return found


def _bad_match(pattern: str, shown: str, why: str, loc: Location) -> Problem:
    return Problem(
        "missing-file",
        f"include {pattern!r} matches {shown}, which cannot be read: {why}",
        loc,
        hint="a casebook holds only regular files; replace it with one, or remove it",
    )


def review_file(confined: Confined, root: Path, problems: list[Problem]) -> Path | None:
    """review.yaml if there is one to read: None when there is none, or (with an
    `outside-casebook` problem at review.yaml:1:1) when it is a symbolic link leading out
    of the casebook, which is then not read."""
    path = root / REVIEW_FILE
    if not os.path.lexists(path):
        return None
    try:
        confined.resolve(REVIEW_FILE)
    except OutsideCasebook as why:
        problems.append(
            Problem(
                "outside-casebook",
                f"{REVIEW_FILE} is outside the casebook: {why}; it was not read",
                Location(path),
                hint="replace the link with the file itself",
            )
        )
        return None
    return path
