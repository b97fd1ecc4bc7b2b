"""The `contested` command line, less the app: check, show, init, schema.

`tui.launch` is the installed entry point; it hands every subcommand here and opens the
app itself when there is none, so this module never imports Textual.

Exit status: 0 no errors, 1 errors (or warnings with --strict), 2 nothing could be read or
the command line was wrong.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from claims import formats
from claims.bundled import bundled_casebook
from claims.check import check
from claims.loader import load
from claims.problems import CasebookUnreadable, ClaimsError
from claims.terminal import Output

COMMANDS = ("check", "show", "init", "schema")
HAS_ERRORS = "the casebook has errors; `contested check` says what and where"
CASEBOOK_HELP = (
    "a directory holding casebook.yaml, or a casebook YAML file (default: the bundled one)"
)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="contested",
        usage="contested [CASEBOOK]\n       contested COMMAND [options]",
        description="Conflicting accounts side by side, each tied to its source paragraph. "
        "`contested [CASEBOOK]` opens the casebook (default: the bundled one) in the "
        "terminal app.",
    )
    sub = top.add_subparsers(dest="command", metavar="COMMAND")

    p_check = sub.add_parser(
        "check", help="check a casebook: every quote anchored, every ref known"
    )
    p_check.add_argument("casebook", nargs="?", type=Path, help=CASEBOOK_HELP)
    p_check.add_argument("--format", choices=formats.FORMATS, default="human")
    p_check.add_argument("--strict", action="store_true", help="fail on warnings too")

    p_show = sub.add_parser("show", help="print disputes with positions side by side")
    p_show.add_argument("casebook", nargs="?", help=CASEBOOK_HELP)
    p_show.add_argument("dispute", nargs="?", help="id of one dispute (default: all)")

    p_init = sub.add_parser("init", help="create a new casebook that passes check")
    p_init.add_argument("path", type=Path, help="directory to create")

    p_schema = sub.add_parser("schema", help="print the JSON Schema of casebook files")
    p_schema.add_argument(
        "which",
        nargs="?",
        choices=("casebook", "disputes", "review"),
        default="casebook",
        help="casebook.yaml (default), an included dispute file, or review.yaml",
    )
    return top


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Parse the command line; `command` is None when the app should open."""
    args = list(sys.argv[1:] if argv is None else argv)
    top = parser()
    if args and args[0] in COMMANDS:
        return top.parse_args(args)
    # `contested [CASEBOOK]`: parse without subcommands so a path is not taken for one.
    plain = argparse.ArgumentParser(prog="contested", add_help=False)
    plain.add_argument("casebook", nargs="?", type=Path)
    plain.add_argument("-h", "--help", action="store_true")
    ns = plain.parse_args(args)
    if ns.help:
        top.print_help()
        raise SystemExit(0)
    ns.command = None
    return ns


def run(args: argparse.Namespace) -> int:
    """Run a parsed subcommand; return the exit status."""
    out, err = Output(), Output(stderr=True)
    try:
        if args.command == "check":
            return _check(args, out)
        if args.command == "show":
            return _show(args, out, err)
        if args.command == "init":
            from claims.init import init

            made = init(args.path)
            out.line(f"Created {formats.shown_path(made.parent)}. Next:")
            out.line(f"  contested check {formats.shown_path(made.parent)}")
            out.line(f"  contested {formats.shown_path(made.parent)}")
            return 0
        if args.command == "schema":
            from claims.schema import json_schema

            print(json.dumps(json_schema(args.which), indent=2))
            return 0
    except CasebookUnreadable as exc:
        for problem in exc.problems:
            formats.problem_lines(problem, err)
        return 2
    except ClaimsError as exc:  # e.g. InitError: the message says what to do
        err.line((f"contested {args.command}: {exc}", "red"))
        return 2
    raise AssertionError(f"unknown command {args.command!r}")


def main(argv: Sequence[str] | None = None) -> int:
    """`contested` without the app: what runs when the app is not wanted."""
    args = parse(argv)
    if args.command is None:
        args = parse(["show", *([str(args.casebook)] if args.casebook else [])])
    return run(args)


def _check(args: argparse.Namespace, out: Output) -> int:
    try:
        loaded = load(args.casebook or bundled_casebook())
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
        formats.human(report, out)
    if report.errors or (args.strict and report.warnings):
        return 1
    return 0


def _show(args: argparse.Namespace, out: Output, err: Output) -> int:
    casebook_arg, dispute_id = args.casebook, args.dispute
    if (
        casebook_arg is not None
        and dispute_id is None
        and not Path(casebook_arg).exists()
        and not _looks_like_path(casebook_arg)
    ):
        casebook_arg, dispute_id = None, casebook_arg  # `show DISPUTE` on the bundled one
    loaded = load(Path(casebook_arg) if casebook_arg else bundled_casebook())
    casebook = loaded.casebook
    disputes = list(casebook.disputes)
    errors = any(p.is_error for p in loaded.problems)
    if dispute_id is not None:
        chosen = casebook.dispute(dispute_id)
        if chosen is None:
            close = difflib.get_close_matches(dispute_id, [d.id for d in disputes], n=3)
            message = f"contested show: no dispute {dispute_id!r} in {casebook.title!r}"
            if close:
                message += "; did you mean " + " or ".join(repr(c) for c in close) + "?"
            elif errors:
                message += f"; {HAS_ERRORS}"
            err.line((message, "red"))
            return 2
        disputes = [chosen]
    if not disputes:
        if errors:  # not "no disputes yet": they may be in a file that failed to load
            err.line((f"No dispute to show: {HAS_ERRORS}.", "red"))
            return 1
        out.line(("This casebook has no disputes yet.", "dim"))
        return 0
    from claims.show import show  # rich's tables and panels: only `show` needs them

    unanchored = show(casebook, disputes, out.console)
    if errors:
        err.line((HAS_ERRORS[0].upper() + HAS_ERRORS[1:] + ".", "red"))
    return 1 if unanchored or errors else 0


def _looks_like_path(arg: str) -> bool:
    """A missing `show` argument that can only be a casebook (never a dispute id)."""
    return "/" in arg or "\\" in arg or arg.lower().endswith((".yaml", ".yml"))
