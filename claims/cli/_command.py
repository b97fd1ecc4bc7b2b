"""What every command shares: its registration (`Command`) and what it runs with
(`Context`: where output goes, and which casebook it works on)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from claims.casebook.discover import CASEBOOK_FILE, discover
from claims.formats import shown_path
from claims.paths import display
from claims.terminal import Output

#: The help of a command's optional CASEBOOK argument.
CASEBOOK_HELP = (
    "a directory holding casebook.yaml, or a casebook YAML file (default: the one found "
    "from the current directory, or from -C PATH)"
)


class UsageError(Exception):
    """A command line that cannot be run as given: the message says why (exit status 2)."""


@dataclass(frozen=True)
class Command:
    """One `contested` command. A module of `claims.cli` that defines `COMMAND` adds it;
    nothing else needs to change.

    `arguments(parser)` adds its arguments to its own parser (whose prog is
    `contested NAME`); `run(args, context)` runs it and returns the exit status (0 fine,
    1 the casebook has errors, 2 nothing could be read or the command line was wrong).
    `order` places it in `contested --help` (lower first; then by name)."""

    name: str
    help: str
    arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace, Context], int]
    order: int = 50
    description: str | None = None


@dataclass
class Context:
    """What a command runs with: `out` (stdout) and `err` (stderr) for people, the global
    `-C PATH` (`directory`, None if not given; it exists, `parse` checked), and the
    command's name for messages."""

    out: Output
    err: Output
    directory: str | None
    name: str

    def path(self, given: str | Path) -> Path:
        """A path the user gave, relative to the `-C` folder when one is given."""
        path = Path(given)
        base = Path(self.directory) if self.directory else None
        if base is not None and not path.is_absolute():
            return (base if base.is_dir() else base.parent) / path
        return path

    def casebook(self, given: str | Path | None, doing: str = "showing") -> Path:
        """The casebook to load: `given` (a CASEBOOK argument, relative to `-C`), else the
        one found from `-C` or the working directory (`claims.casebook.discover`), else the
        bundled example, saying so on stderr ("no casebook here; {doing} the bundled
        example"). Raises `UsageError` when both `-C FILE` and a CASEBOOK are given."""
        path, note = locate(given, self.directory, doing)
        if note:
            first, _, hint = note.partition("\n")
            self.err.line((first, "yellow"))
            if hint:
                self.err.line("  = hint: ", (hint, "dim"))
        return path


def locate(given: str | Path | None, directory: str | None, doing: str) -> tuple[Path, str | None]:
    """(casebook path, the note to give on stderr or None): see `Context.casebook`. The
    note is two lines: what happened, then what to do."""
    start = Path(directory) if directory else None
    if given is not None:
        if start is not None and not start.is_dir():
            raise UsageError(
                f"the casebook is named twice (-C {shown_path(start)} and "
                f"{shown_path(Path(given))}); give one of them"
            )
        path = Path(given)
        return (start / path if start is not None and not path.is_absolute() else path), None
    found = discover(start)
    if not found.bundled:
        return found.path, None
    where = display(str(found.start.absolute()))
    return found.path, (
        f"contested: no casebook here; {doing} the bundled example\n"
        f"no {CASEBOOK_FILE} in {where} or above it (up to the repository root); "
        "`contested init PATH` makes one, `-C PATH` names one"
    )
