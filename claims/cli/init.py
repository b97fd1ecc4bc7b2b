"""`contested init PATH`: a new casebook to start from, which passes `check`."""

from __future__ import annotations

import argparse

from claims.cli._command import Command, Context


def arguments(parser: argparse.ArgumentParser) -> None:
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "path", nargs="?", metavar="PATH", help="directory to create (or an empty one to fill)"
    )
    which.add_argument(
        "--example",
        metavar="DIR",
        help="instead, copy the bundled example casebook to DIR (new or empty), to review it",
    )


def run(args: argparse.Namespace, context: Context) -> int:
    """0 when made; `InitError` (exit 2) when PATH is taken or cannot be made; a usage
    error (exit 2) without PATH or --example DIR, or with both."""
    from claims.cli._command import UsageError
    from claims.formats import shown_path
    from claims.init import init, init_example

    if (args.path is None) == (args.example is None):
        raise UsageError("give PATH (a new casebook) or --example DIR (a copy of the example)")
    if args.example is not None:
        made = init_example(context.path(args.example))
    else:
        made = init(context.path(args.path))
    where = shown_path(made.parent)
    context.out.line(f"Created {where}. Next:")
    context.out.line(f"  contested check {where}")
    context.out.line(f"  contested {where}")
    return 0


COMMAND = Command(
    "init",
    "create a new casebook that passes check (or copy the example: --example DIR)",
    arguments,
    run,
    order=40,
)
