"""`contested check [CASEBOOK] [--format human|json|github] [--strict]`: every problem,
ruff-style, with file:line:col and a hint."""

from __future__ import annotations

import argparse

from claims.cli._command import CASEBOOK_HELP, Command, Context
from claims.formats import FORMATS


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("casebook", nargs="?", metavar="CASEBOOK", help=CASEBOOK_HELP)
    parser.add_argument("--format", choices=FORMATS, default="human")
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")


def run(args: argparse.Namespace, context: Context) -> int:
    """0 no errors, 1 errors (or warnings with --strict); `CasebookUnreadable` for 2."""
    from claims import formats
    from claims.check import check
    from claims.loader import load
    from claims.problems import CasebookUnreadable

    try:
        loaded = load(context.casebook(args.casebook, "checking"))
    except CasebookUnreadable as exc:
        # Machine formats still get the problem on stdout (CI reads it there); `run` then
        # prints it for people on stderr and exits 2.
        if args.format == "json":
            print(formats.problems_json(exc.problems))
        elif args.format == "github":
            print(formats.github_problems(exc.problems))
        raise
    report = check(loaded)
    if args.format == "json":
        print(formats.as_json(report))
    elif args.format == "github":
        text = formats.github(report)
        if text:
            print(text)
    else:
        formats.human(report, context.out)
    if report.errors or (args.strict and report.warnings):
        return 1
    return 0


COMMAND = Command(
    "check",
    "check a casebook: every quote anchored, every ref known",
    arguments,
    run,
    order=10,
)
