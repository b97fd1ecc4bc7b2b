"""Capturing evidence: a passage of a source written into the casebook's YAML as evidence
for a position, or as the start of a new dispute, by inserting text (issue 15).

The API, for the app and for `contested add-evidence` / `add-dispute`:

- `quote_evidence(document, paragraph, start, end, source_id)` -> `NewEvidence`: the
  selected words as the source has them, with `before`/`after` only when needed;
- `add_evidence(casebook, dispute_id, position, evidence)` -> `Capture`;
- `add_dispute(casebook, NewDispute(...), position=None, evidence=None)` -> `Capture`;
- `undo(capture)`: removes exactly what was inserted;
- `find_quote(document, source_id, quote, paragraph=None)`: the same for typed words;
- `slug(question)`, `dispute_files(casebook)`, `digest(path)`: suggestions and checks.

Every capture reads the file, inserts the entry's text (`claims.casebook.yamltext`: the
file's own indentation, list style, quoting and line ends; every other byte kept), then,
BEFORE writing, proves that the new text reads as the old plus exactly the new entry, that
the dispute still loads with no new problem (the project's loader on the text in memory),
and that the new quote anchors by rule 1 (`exact`, `claims.anchoring`). Only then is the
file replaced atomically, refused (`Conflict`) if it changed on disk since it was read.
Every refusal is a `CaptureError` (a subclass per cause) with `message`, `hint`, `path`,
`line`; nothing is written then.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from claims.casebook.capturecheck import (
    AlreadyCited,
    AmbiguousPosition,
    DisputeExists,
    NewDispute,
    NewPosition,
    Plan,
    UnknownDispute,
    UnknownPosition,
    dispute_files,
    load_casebook,
)
from claims.casebook.capturedispute import new_dispute_plan
from claims.casebook.captureio import (
    CaptureError,
    Conflict,
    Read,
    digest,
    read,
    remove_created,
    write_created,
    write_new_text,
)
from claims.casebook.captureplan import evidence_plan
from claims.casebook.capturequote import NewEvidence, NotExact, find_quote, quote_evidence
from claims.casebook.yamltext import Edit
from claims.gcpause import paused_gc
from claims.model import Casebook
from claims.paths import display

__all__ = [
    "AlreadyCited",
    "AmbiguousPosition",
    "Capture",
    "CaptureError",
    "Conflict",
    "DisputeExists",
    "NewDispute",
    "NewEvidence",
    "NewPosition",
    "NotExact",
    "UnknownDispute",
    "UnknownPosition",
    "add_dispute",
    "add_evidence",
    "digest",
    "dispute_files",
    "find_quote",
    "load_casebook",
    "quote_evidence",
    "slug",
    "undo",
]


@dataclass(frozen=True)
class Capture:
    """What one capture wrote, enough to show it and to `undo` it.

    `path`: the file written (links followed). `edits`: the changes made to its text, in
    order (`yamltext.Edit`: character offsets into the text without a byte order mark;
    usually one pure insertion). `digest`: SHA-256 (hex) of the file's bytes after the
    write. `line`: 1-based line where the inserted text begins. `dispute`: the dispute's
    id; `position`: 0-based index of the position in that dispute as loaded; `evidence`:
    0-based index of the new evidence in that position (None when none was added).
    `created`: the file did not exist before (undo removes it). `also`: captures of other
    files the same action changed (casebook.yaml's `include:` for a new dispute file).
    `folders`: the folders made for a created file, outermost first (undo removes them)."""

    path: Path
    edits: tuple[Edit, ...]
    digest: str
    line: int
    dispute: str
    position: int | None
    evidence: int | None
    created: bool = False
    also: tuple[Capture, ...] = ()
    folders: tuple[Path, ...] = ()

    @property
    def inserted(self) -> str:
        """The text inserted (all edits' inserted text, in order)."""
        return "".join(edit.inserted for edit in self.edits)

    def summary(self) -> str:
        """One line for people: "inserted 3 lines at deaths.yaml:41"."""
        lines = max(1, self.inserted.count("\n"))
        what = "created" if self.created else f"inserted {lines} line{'s' * (lines != 1)} at"
        return f"{what} {display(self.path.name)}:{self.line}"


def add_evidence(
    casebook_path: Path,
    dispute_id: str,
    position: str | NewPosition,
    evidence: NewEvidence,
    *,
    loaded: Casebook | None = None,
) -> Capture:
    """Add `evidence` to a position of the dispute `dispute_id` of the casebook at
    `casebook_path` (a folder holding casebook.yaml, or a casebook YAML file).

    `loaded`: the caller's own load of that casebook (the app's), used instead of loading
    it again (at L, the load is most of the time); the dispute's file is still read from
    disk, and a dispute or position no longer where `loaded` says is a `Conflict` (the file
    changed since it was read: reload, then retry).

    `position` is an existing position's `id:`, else its `holder` (exact, then ignoring
    case); or a `NewPosition`, added after the dispute's last position with the evidence as
    its first. The evidence goes after the position's last evidence, in the file that holds
    the dispute.

    Raises (nothing written): `UnknownDispute`; `UnknownPosition` (the choices listed in
    `hint`); `AmbiguousPosition` (several holders match: the choices listed); `CaptureError`
    for an unknown source or side, an empty value, a layout that text insertion cannot
    extend (`evidence: ~`), a casebook that cannot be read, the bundled example, or a
    new problem the entry would bring; `NotExact` when the quote does not anchor by rule 1
    (exact) after the insertion (`line` is the new entry's); `Conflict` when the file
    changed on disk since it was read."""
    with paused_gc():  # as the loader: many small objects, no cycles
        state = load_casebook(casebook_path, loaded)
        plan = evidence_plan(state, dispute_id, position, evidence)
    return _carry_out(plan)


def add_dispute(
    casebook_path: Path,
    dispute: NewDispute,
    position: NewPosition | None = None,
    evidence: NewEvidence | None = None,
    *,
    loaded: Casebook | None = None,
) -> Capture:
    """Add the dispute `dispute` (id, question, file) to the casebook at `casebook_path`
    (`loaded`: as for `add_evidence`; the id is checked against it), with
    `position` as its first position and `evidence` as that position's first evidence
    (evidence needs a position; `CaptureError` otherwise).

    `dispute.file` (relative to the casebook's folder, or absolute inside it): a file the
    casebook reads (casebook.yaml, or one `include:` matches; `dispute_files` lists
    them), at the end of whose `disputes:` list it goes; or a new `.yaml` file inside the
    casebook, created holding `disputes:` and this dispute, and added to casebook.yaml's
    `include:` list when no pattern there matches it (a second edit, in `Capture.also`).
    None: the file holding the casebook's last dispute, else casebook.yaml.

    Raises (nothing written) `DisputeExists` for an id some dispute has, `CaptureError`
    for an id that is not a slug (`slug(question)` suggests one), an empty question, a
    file outside the casebook or not YAML, an `include:` that is one pattern rather than a
    list, and as `add_evidence` does."""
    with paused_gc():
        state = load_casebook(casebook_path, loaded)
        plan = new_dispute_plan(state, dispute, position, evidence)
    return _carry_out(plan)


def _carry_out(plan: Plan) -> Capture:
    """Write the plan's file(s): the include edit (if any) after the main file, undone
    when it fails."""
    main = _write_one(plan)
    if plan.include is None:
        return main
    try:
        extra = _write_one(plan.include)
    except BaseException:
        with contextlib.suppress(CaptureError):
            undo(main)
        raise
    return Capture(
        main.path,
        main.edits,
        main.digest,
        main.line,
        main.dispute,
        main.position,
        main.evidence,
        main.created,
        (extra,),
        main.folders,
    )


def _write_one(plan: Plan) -> Capture:
    folders: tuple[Path, ...] = ()
    if plan.before is None:  # a new file
        written, folders = write_created(plan.path, plan.text)
    else:
        written = write_new_text(plan.before, plan.text)
    return Capture(
        plan.path,
        plan.edits,
        written,
        plan.line,
        plan.dispute,
        plan.position,
        plan.evidence,
        plan.before is None,
        folders=folders,
    )


def undo(capture: Capture) -> None:
    """Remove exactly what `capture` inserted (its `also` captures first), restoring the
    bytes the file(s) had before; a file the capture created is removed, and the folders
    made for it while they are empty.

    Raises `Conflict` (nothing changed) when a file's bytes are not those the capture
    wrote (edited since: undo by hand), `CaptureError` when it cannot be written."""
    for other in capture.also:
        _undo_one(other)
    _undo_one(capture)


def _undo_one(capture: Capture) -> None:
    if capture.created:
        remove_created(capture.path, capture.digest, capture.folders)
        return
    now: Read = read(capture.path)
    if now.digest != capture.digest:
        raise Conflict(
            f"{display(capture.path.name)} changed since the capture was written; "
            "nothing was undone",
            "remove the entry by hand, or reload the casebook",
            capture.path,
            capture.line,
        )
    text = now.text
    try:
        for edit in reversed(capture.edits):
            text = edit.undo(text)
    except ValueError:  # the digest matched, so this cannot happen unless edits are wrong
        raise Conflict(
            f"{display(capture.path.name)} does not hold the inserted text",
            "remove the entry by hand",
            capture.path,
            capture.line,
        ) from None
    write_new_text(now, text)


#: Letters NFKD does not take apart, written as ASCII.
_SPELLED = str.maketrans(
    {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ł": "l", "ı": "i"}
)
_APOSTROPHES = re.compile(r"(?<=\w)['’](?=\w)")
_STOP = frozenset(
    ("a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "and", "or", "is", "are",
     "was", "were", "did", "do", "does")
)  # fmt: skip


#: Text in square brackets that looks like a Rich markup tag: `[/…]`, or `[name]`.
_TAG = re.compile(r"\[(/?)([a-z#@][^\[\]]*)?\]", re.IGNORECASE)
_STYLE_WORDS = frozenset(
    ("b", "bold", "i", "italic", "u", "underline", "uu", "underline2", "s", "strike", "d",
     "dim", "r", "reverse", "blink", "blink2", "conceal", "o", "overline", "frame",
     "encircle", "not", "on", "default", "black", "red", "green", "yellow", "blue",
     "magenta", "cyan", "white", "grey", "gray")
)  # fmt: skip


_COLOUR = re.compile(r"(colou?r\(\d+\)|rgb\([\d, ]+\)|gr[ae]y\d+)")


def _markup_out(text: str) -> str:
    """`text` without what looks like Rich markup tags: every closing tag (`[/bold]`,
    `[/]`), and an opening tag that is closed later, holds `=` or `#` (`[link=…]`,
    `[#ff0000]`), or whose words are style names (`[bold red]`, `[bright_cyan]`). Other
    bracketed text (`[1]`, `[sic]`) stays."""

    def tag(match: re.Match[str]) -> str:
        closing, name = match.group(1), match.group(2) or ""
        if closing:
            return " "
        if not name:
            return match.group(0)
        words = name.lower().replace("bright_", "").split()
        closed = re.compile(r"\[/(" + re.escape(name) + r")?\]", re.IGNORECASE)
        if (
            "=" in name
            or name.startswith("#")
            or all(w in _STYLE_WORDS or _COLOUR.fullmatch(w) for w in words)
            or closed.search(text, match.end())
        ):
            return " "
        return match.group(0)

    return _TAG.sub(tag, text)


def slug(question: str, taken: frozenset[str] | set[str] = frozenset()) -> str:
    """A dispute id suggested from `question`: its words lowercased, transliterated to
    ASCII (NFKD, combining marks dropped), small words (a, the, of, did…) left out while
    at least two remain, at most six words joined by '-', at most 60 characters ("How did
    the Safarov brothers die?" -> "how-safarov-brothers-die"); what looks like Rich markup
    tags left out ("Is it [bold]no[/bold]?" -> "it-no"); "dispute" when nothing is left;
    with `-2`, `-3`… added until it is not in `taken`."""
    plain = "".join(
        c
        for c in unicodedata.normalize(
            "NFKD", _APOSTROPHES.sub("", _markup_out(question).lower()).translate(_SPELLED)
        )
        if not unicodedata.combining(c)
    )
    words = re.findall(r"[a-z0-9]+", plain)
    kept = [w for w in words if w not in _STOP]
    words = kept if len(kept) >= 2 else words
    made = "-".join(words[:6])[:60].strip("-") or "dispute"
    candidate, number = made, 1
    while candidate in taken:
        number += 1
        candidate = f"{made}-{number}"
    return candidate
