"""`contested init PATH`: a new casebook to start from, which passes `check`."""

from __future__ import annotations

import argparse

from claims.cli._command import Command, Context


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "path", metavar="PATH", help="directory to create (or an empty one to fill)"
    )


def run(args: argparse.Namespace, context: Context) -> int:
    """0 when made; `InitError` (exit 2) when PATH is taken or cannot be made."""
    from claims.formats import shown_path
    from claims.init import init

    made = init(context.path(args.path))
    where = shown_path(made.parent)
    context.out.line(f"Created {where}. Next:")
    context.out.line(f"  contested check {where}")
    context.out.line(f"  contested {where}")
    return 0


COMMAND = Command("init", "create a new casebook that passes check", arguments, run, order=40)
