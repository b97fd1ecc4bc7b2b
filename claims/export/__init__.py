"""Exports: the casebook written in a format another tool reads (`contested export`).

Adding a format: a module of this package defining `EXPORTER = Exporter(...)`; nothing
else changes (found at run time, as `claims.cli` finds its commands). Modules whose names
start with `_` are helpers (`_evidence`: the one walk over the evidence every format uses).

Every exporter is deterministic: the same casebook and selection give the same bytes (no
clock, no dict-order surprises), so exports diff cleanly in git.
"""

from __future__ import annotations

import difflib
import errno
import functools
import importlib
import os
import pkgutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from claims.documents import Documents
from claims.model import Casebook, Dispute
from claims.problems import ClaimsError

__all__ = [
    "ExportError",
    "Exporter",
    "Selection",
    "exporter",
    "exporters",
    "select",
    "through_links",
    "write",
]


class ExportError(ClaimsError):
    """A user-fixable reason an export cannot be written (e.g. `claimreview` without a
    `publisher:` key in casebook.yaml): the message names the key or file to change."""


@dataclass(frozen=True)
class Selection:
    """What to export: the disputes asked for (casebook order; all of them when none were
    named) and the casebook's sources, read on first use (`Documents`). `cache` keeps what
    is worked out once per export (`claims.export._evidence.records`: the anchoring)."""

    disputes: tuple[Dispute, ...]
    documents: Documents
    cache: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    @property
    def casebook(self) -> Casebook:
        """The casebook the documents belong to."""
        return self.documents.casebook


@dataclass(frozen=True)
class Exporter:
    """One export format.

    `name` is the `--format` value; `suffix` the usual file ending (".html"); `binary`
    True when the bytes are not text for a terminal (refused on a terminal's stdout
    without `-o`); `render(casebook, selection)` returns the whole file as bytes, the same
    bytes for the same input, and raises `ExportError` for a user-fixable problem.
    `notes(casebook, selection)`, when a format has it, gives lines the command prints on
    stderr after writing (e.g. claimreview: how many positions were left out unrated)."""

    name: str
    suffix: str
    binary: bool
    help: str
    render: Callable[[Casebook, Selection], bytes]
    notes: Callable[[Casebook, Selection], tuple[str, ...]] | None = None


@functools.cache
def exporters() -> dict[str, Exporter]:
    """Every format, by name, sorted by name."""
    found: list[Exporter] = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        exporter = getattr(importlib.import_module(f"{__name__}.{info.name}"), "EXPORTER", None)
        if isinstance(exporter, Exporter):
            found.append(exporter)
    return {e.name: e for e in sorted(found, key=lambda e: e.name)}


def select(
    casebook: Casebook, dispute_ids: Sequence[str] = (), documents: Documents | None = None
) -> Selection:
    """The `Selection` of the disputes named (in the casebook's order, each once), or of
    every dispute when none are named; `documents` (else a new `Documents`) reads the
    sources. Raises `ExportError` naming an id the casebook does not have (with the
    closest one, when there is one)."""
    wanted = set(dispute_ids)
    for dispute_id in dispute_ids:
        if casebook.dispute(dispute_id) is None:
            ids = [d.id for d in casebook.disputes]
            close = difflib.get_close_matches(dispute_id, ids, n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]!r}?" if close else "; `contested list` lists them"
            raise ExportError(f"no dispute {dispute_id!r} in {casebook.title!r}{hint}")
    chosen = tuple(d for d in casebook.disputes if not wanted or d.id in wanted)
    return Selection(chosen, documents if documents is not None else Documents(casebook))


def exporter(name: str) -> Exporter:
    """The format called `name`. Raises `ExportError` for an unknown one, naming the
    closest format (or listing them all)."""
    known = exporters()
    if name in known:
        return known[name]
    close = difflib.get_close_matches(name.lower(), list(known), n=1, cutoff=0.5)
    hint = f"did you mean {close[0]}?" if close else f"the formats are {', '.join(known)}"
    raise ExportError(f"no export format {name!r}; {hint}")


def through_links(path: Path) -> Path:
    """The file writing to `path` should change: `path` itself, or when it is a symbolic
    link the file it leads to (through every link on the way; a link to a file not there
    yet leads to that name, which is created, as the shell's `>` does). Raises
    `ExportError` for a link that leads round in a circle."""
    if not path.is_symlink():
        return path
    try:
        return Path(os.path.realpath(path, strict=True))
    except FileNotFoundError:
        return Path(os.path.realpath(path))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            from claims.paths import display

            raise ExportError(
                f"cannot write {display(str(path))}: it is a symbolic link that leads round "
                "in a circle; name a file"
            ) from None
        return Path(os.path.realpath(path))


def write(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically (`claims.atomic.write`: a temporary file in the
    same folder, fsynced, renamed over `path`, the folder fsynced); a file already there
    keeps its permissions, a new one gets 0o644 less the umask. Raises `ExportError`
    (naming the path and the reason) when it cannot be written: missing folder, a folder
    at `path`, no permission, disk full."""
    from claims import atomic
    from claims.paths import display

    where = display(str(path))
    if path.is_dir():
        raise ExportError(f"cannot write {where}: it is a folder; name a file in it")
    try:
        atomic.write(path, data, new_mode=0o644)
    except atomic.WriteFailed as failed:
        error = failed.error
        raise ExportError(f"cannot write {where}: {error.strerror or error}") from None
