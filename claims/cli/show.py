"""`contested show [CASEBOOK] [DISPUTE]`: disputes printed, positions side by side, quotes
highlighted in their paragraph."""

from __future__ import annotations

import argparse

from claims.cli._command import CASEBOOK_HELP, Command, Context
from claims.text import suggest

HAS_ERRORS = "the casebook has errors; `contested check` says what and where"


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("casebook", nargs="?", metavar="CASEBOOK", help=CASEBOOK_HELP)
    parser.add_argument(
        "dispute", nargs="?", metavar="DISPUTE", help="id of one dispute (default: all)"
    )


def run(args: argparse.Namespace, context: Context) -> int:
    """0 shown, 1 a quote not anchored or the casebook has errors, 2 no such dispute (or
    `CasebookUnreadable`)."""
    from claims.loader import load

    casebook_arg, dispute_id = args.casebook, args.dispute
    if (
        casebook_arg is not None
        and dispute_id is None
        and not getattr(args, "only_casebook", False)
        and not context.path(casebook_arg).exists()
        and not _looks_like_path(casebook_arg)
    ):
        casebook_arg, dispute_id = None, casebook_arg  # `show DISPUTE` on the found one
    loaded = load(context.casebook(casebook_arg, "showing"))
    casebook = loaded.casebook
    disputes = list(casebook.disputes)
    errors = any(p.is_error for p in loaded.problems)
    if dispute_id is not None:
        chosen = casebook.dispute(dispute_id)
        if chosen is None:
            close = suggest(dispute_id, [d.id for d in disputes])
            message = f"contested show: no dispute {dispute_id!r} in {casebook.title!r}"
            if close:
                names = [repr(c) for c in close]
                listed = ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else names[0]
                message += f"; did you mean {listed}?"
            elif errors:
                message += f"; {HAS_ERRORS}"
            else:
                message += "; `contested list` lists them"
            context.err.line((message, "red"))
            return 2
        disputes = [chosen]
    if not disputes:
        if errors:  # not "no disputes yet": they may be in a file that failed to load
            context.err.line((f"No dispute to show: {HAS_ERRORS}.", "red"))
            return 1
        context.out.line(("This casebook has no disputes yet.", "dim"))
        return 0
    from claims.show import show  # rich's tables and panels: only `show` needs them

    unanchored = show(casebook, disputes, context.out.console)
    if errors:
        context.err.line((HAS_ERRORS[0].upper() + HAS_ERRORS[1:] + ".", "red"))
    return 1 if unanchored or errors else 0


def _looks_like_path(arg: str) -> bool:
    """A missing `show` argument that can only be a casebook (never a dispute id)."""
    return "/" in arg or "\\" in arg or arg.lower().endswith((".yaml", ".yml"))


COMMAND = Command("show", "print disputes with positions side by side", arguments, run, order=20)
