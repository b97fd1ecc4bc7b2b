"""`contested init PATH`: a new casebook to start from, which passes `check` as it is.

It is written into a temporary directory beside PATH and renamed into place (into an
existing empty PATH, entry by entry), so an interrupted run leaves nothing half-written; an
existing non-empty PATH is never touched.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from claims.atomic import umask
from claims.paths import display
from claims.problems import ClaimsError
from claims.schema import json_schema

CASEBOOK = """\
# yaml-language-server: $schema=schemas/casebook.schema.json
# A casebook: sides, sources, and the disputes found in them.
# Check it with `contested check {name}`; open it with `contested {name}`.
title: {title}
description: What this casebook is about, in a sentence or two.
language: en

sides:
  council: {{label: City council}}
  residents: {{label: Residents' association, colour: "#2e86de"}}

sources:
  bulletin:
    file: sources/bulletin.txt
    title: Council bulletin on the bridge closure
    published: 2026-03-02
    kind: official

include: [disputes/*.yaml]
"""

SOURCE = """\
Council bulletin on the bridge closure

The council closed the Mill Street bridge on 1 March
after engineers found cracks in two supporting beams.

At the public meeting, residents said the cracks had been
reported to the council a year earlier and nothing was done.
"""

DISPUTES = """\
# yaml-language-server: $schema=../schemas/disputes.schema.json
disputes:
  - id: bridge-cracks
    question: When was the council told about the cracks in the bridge?
    date: 2026-03-01
    tags: [infrastructure]
    positions:
      - side: council
        holder: The council
        id: found-in-march
        claim: Engineers found the cracks just before the closure.
        evidence:
          - source: bulletin
            quote: after engineers found cracks in two supporting beams
      - side: residents
        holder: Residents at the public meeting
        id: reported-a-year-earlier
        claim: Residents reported the cracks a year earlier.
        evidence:
          - source: bulletin
            quote: the cracks had been reported to the council a year earlier
"""


class InitError(ClaimsError):
    """The casebook could not be created; the message says why and what to do."""


def init(path: Path) -> Path:
    """Create a new casebook at `path` (a new or empty directory) and return its
    casebook.yaml. Directories get the mode `mkdir` would give (0777 less the umask).

    Raises `InitError` (the message names the path and what to do) when `path` exists and
    is not an empty directory, its parent does not exist, or anything cannot be created
    (e.g. "cannot create …: Permission denied"); nothing is left half-written.
    """
    name = Path(os.path.abspath(path)).name  # `init .` names the working directory

    def fill(staging: Path) -> None:
        _write(
            staging / "casebook.yaml", CASEBOOK.format(name=_command_arg(name), title=_title(name))
        )
        _write(staging / "sources" / "bulletin.txt", SOURCE)
        _write(staging / "disputes" / "bridge.yaml", DISPUTES)
        for which in ("casebook", "disputes"):
            schema = json.dumps(json_schema(which), indent=2) + "\n"
            _write(staging / "schemas" / f"{which}.schema.json", schema)

    return _create(path, fill)


def init_example(path: Path) -> Path:
    """Copy the bundled example casebook to `path` (a new or empty directory), to review
    it or play with it; return its casebook.yaml. Raises `InitError` as `init` does
    (`path` not empty, no parent, cannot write); nothing is left half-written."""
    from claims.bundled import bundled_casebook

    def fill(staging: Path) -> None:
        shutil.copytree(
            bundled_casebook(),
            staging,
            dirs_exist_ok=True,
            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
            copy_function=shutil.copyfile,  # the installation's modes (read-only) stay there
        )

    return _create(path, fill)


def _create(path: Path, fill: Callable[[Path], None]) -> Path:
    """Make the casebook at `path` as `init` says: `fill(staging)` writes its files into a
    hidden folder beside `path`, which then becomes `path` (or, when `path` is an empty
    directory, whose entries are moved into it). Returns `path`'s casebook.yaml; raises
    `InitError`."""
    path = Path(os.path.abspath(path))  # `init .` names the working directory
    shown = display(str(path))
    try:
        if path.exists() and (not path.is_dir() or any(path.iterdir())):
            raise InitError(f"{shown} already exists and is not empty; choose a new directory")
        parent = path.parent
        if not parent.is_dir():
            raise InitError(f"{display(str(parent))} does not exist; create it first")
        staging = Path(tempfile.mkdtemp(prefix=".contested-init-", dir=parent))
    except OSError as exc:
        raise InitError(f"cannot create {shown}: {exc.strerror or exc}") from None
    try:
        os.chmod(staging, 0o777 & ~umask())  # mkdtemp makes it 0700
        fill(staging)
        if path.exists():  # an empty directory: fill it, keep it (it may be the cwd)
            for entry in staging.iterdir():
                os.rename(entry, path / entry.name)
            staging.rmdir()
        else:
            os.rename(staging, path)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise InitError(f"cannot create {shown}: {exc.strerror or exc}") from None
    return path / "casebook.yaml"


def _command_arg(name: str) -> str:
    """`name` as it goes into the YAML comments: shell-quoted when it is all printable, so
    the command can be copied; otherwise (a line break would end the comment and make the
    rest YAML; a control character is not allowed in YAML at all) a placeholder."""
    if name.isprintable() and name:
        return shlex.quote("./" + name if name.startswith("-") else name)
    return "PATH"


def _title(name: str) -> str:
    """The title made from the directory name, as a YAML (JSON) string: every character
    YAML refuses or reads as a line break, and each byte that is not UTF-8, made a space."""
    words = "".join(c if c.isprintable() else " " for c in name)
    title = words.replace("-", " ").replace("_", " ").strip().capitalize()
    return json.dumps(title or "My casebook")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
