"""What `add-evidence` and `add-dispute` share: the casebook they write to, the options of
a new position and of its evidence, and how a capture or a refusal is reported."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from claims.cli._command import Context, UsageError

if TYPE_CHECKING:
    from claims.casebook.capture import Capture, CaptureError, NewEvidence, NewPosition
    from claims.casebook.capturecheck import State


def casebook_path(context: Context) -> Path | None:
    """The casebook to write to (found from the working directory or `-C`), or None, with
    a message on stderr, when there is none but the bundled example (never changed)."""
    from claims.cli._command import locate

    path, note = locate(None, context.directory, "adding to")
    if note is not None:
        context.err.line(
            (f"contested {context.name}: ", "red"),
            "no casebook here to add to (only the bundled example, which is not changed); "
            "nothing was written",
        )
        context.err.line(
            "  = hint: ",
            ("cd into a casebook, name one with -C PATH, or make one with `contested init`", "dim"),
        )
        return None
    return path


def position_options(parser: argparse.ArgumentParser) -> None:
    """--side, --holder, --claim, --position-id: a new position."""
    parser.add_argument("--side", help="the new position's side (a side id of the casebook)")
    parser.add_argument("--holder", help="who holds the new position")
    parser.add_argument("--claim", help="the new position in your own short words")
    parser.add_argument(
        "--position-id", metavar="ID", help="the new position's id (a slug; optional)"
    )


def evidence_options(parser: argparse.ArgumentParser, required: bool) -> None:
    """--source, --quote, --paragraph, --note: the evidence."""
    parser.add_argument("--source", metavar="ID", required=required, help="the source's id")
    parser.add_argument(
        "--quote",
        metavar="TEXT",
        required=required,
        help="the source's words, exactly as it has them (`contested read SOURCE` shows it)",
    )
    parser.add_argument(
        "--paragraph",
        metavar="N",
        type=int,
        help="the 1-based paragraph the quote is in, when the words are in several",
    )
    parser.add_argument("--note", metavar="TEXT", help="a note on this evidence")


def one_line(option: str, value: str | None) -> str | None:
    """`value` of `--option`, one line of plain text (`add_source.given_text`: spaces at
    its ends trimmed), or None. A line break, tab or other control character anywhere in
    it, its ends too, is refused (`UsageError`), never dropped silently."""
    import unicodedata

    from claims.cli.add_source import given_text

    if value is None:
        return None
    for index, char in enumerate(value):
        if char.isspace() and unicodedata.category(char) in ("Cc", "Zl", "Zp"):
            raise UsageError(
                f"--{option} holds a control character (U+{ord(char):04X} at character "
                f"{index + 1}); give it as one line of plain text"
            )
    return given_text(option, value)


def new_position(args: argparse.Namespace) -> NewPosition | None:
    """The `NewPosition` the options give, None when none of them is given. Raises
    `UsageError` when only some are."""
    from claims.casebook.capture import NewPosition

    given = {name: getattr(args, name) for name in ("side", "holder", "claim")}
    if all(v is None for v in given.values()) and args.position_id is None:
        return None
    missing = [f"--{name}" for name, value in given.items() if value is None]
    if missing:
        raise UsageError(f"a new position needs {', '.join(missing)} too")
    return NewPosition(
        one_line("side", args.side) or "",
        one_line("holder", args.holder) or "",
        one_line("claim", args.claim) or "",
        one_line("position-id", args.position_id),
    )


def evidence(args: argparse.Namespace, state: State, at: tuple[Path, int | None]) -> NewEvidence:
    """The evidence `--source`/`--quote`/`--paragraph`/`--note` give, its place found in the
    source word for word (`capturequote.find_quote`), for the casebook `state`. `at`: the
    file and line (or None) of the dispute or position it would go to, which a refusal
    names when it has no place of its own. Raises `CaptureError`."""
    from claims.casebook.capture import CaptureError, find_quote
    from claims.documents import Documents

    note = one_line("note", args.note)
    casebook = state.casebook
    try:
        if args.source not in casebook.sources:
            known = ", ".join(sorted(casebook.sources)) or "none"
            raise CaptureError(
                f"unknown source {args.source!r}", f"the casebook's sources: {known}"
            )
        documents = Documents(casebook)
        document = documents.get(args.source)
        if document is None:
            problem = documents.problems.get(args.source)
            raise CaptureError(
                problem.message if problem else f"source {args.source!r} cannot be read",
                problem.hint if problem else None,
            )
        found = find_quote(document, args.source, args.quote, args.paragraph)
    except CaptureError as error:
        if error.path is None:
            error.path, error.line = at
        raise
    return type(found)(found.source, found.quote, found.before, found.after, found.paragraph, note)


def report(capture: Capture, what: str, context: Context) -> None:
    """`Inserted into FILE:LINE (WHAT)` (or `Created FILE:LINE`), then each line inserted or
    changed (`_lines`), on stdout."""
    from claims.formats import shown_path

    for one in (capture, *capture.also):
        verb = "Created" if one.created else "Inserted into"
        lines = _lines(one)
        context.out.line(
            (f"{verb} ", "green"),
            (f"{shown_path(one.path)}:{one.line}", "bold"),
            f" ({what})" if one is capture else " (include:)",
        )
        for line in lines:
            context.out.line(("+ ", "green"), line)


def _lines(capture: Capture) -> list[str]:
    """The lines of the file the capture wrote or changed, as they are now: the whole file
    it created, else the lines from its `line` as many as the inserted text holds (the one
    line a flow list's new item went into)."""
    try:
        text = capture.path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeError):
        return capture.inserted.splitlines()
    lines = text.splitlines()
    if capture.created:
        return lines
    count = capture.inserted.strip("\r\n").count("\n") + 1
    return lines[capture.line - 1 : capture.line - 1 + count]


def refused(error: CaptureError, context: Context) -> int:
    """Report a refused capture on stderr (`FILE:LINE: message`, the hint, "nothing was
    written") and return 1."""
    from claims.formats import shown_path

    where = ""
    if error.path is not None:
        where = shown_path(error.path) + (f":{error.line}" if error.line else "") + ": "
    context.err.line((f"contested {context.name}: ", "red"), (where, "bold"), error.message)
    if error.hint:
        context.err.line("  = hint: ", (error.hint, "dim"))
    context.err.line(("  nothing was written", "dim"))
    return 1
