"""`contested list [CASEBOOK] [--format human|json]`: every dispute's id, with its state,
where it is defined, its positions, question and tags.

The state is `claims.status`'s, as the app's list shows it: ✗ errors, ≈ drift (warnings
only), ◐ one-sided. Exit status 1 when the casebook has errors (as `show`), 2 when it
cannot be read."""

from __future__ import annotations

import argparse
from typing import Any

from claims.cli._command import CASEBOOK_HELP, Command, Context


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("casebook", nargs="?", metavar="CASEBOOK", help=CASEBOOK_HELP)
    parser.add_argument("--format", choices=("human", "json"), default="human")


def rows(
    context: Context, casebook_arg: str | None, up: bool = False
) -> tuple[list[dict[str, Any]], bool]:
    """(one dict per dispute, in casebook order, whether the casebook has errors).

    Each dict: `id`, `question`, `file` (as the user would type it: relative to the working
    directory when in it, else absolute; with `up` also `../`-relative within the project,
    `claims.formats.shown_path`), `line` (1-based),
    `tags`, `positions` (how many), `state` (`claims.status.State` value), `problems`
    (`{"errors": n, "warnings": n}` located in the dispute's YAML). Raises
    `CasebookUnreadable`."""
    from claims.check import check
    from claims.formats import counts, shown_path
    from claims.loader import load
    from claims.status import problems_by_dispute, state_of

    report = check(load(context.casebook(casebook_arg, "listing")))
    owned = problems_by_dispute(report.casebook, report.problems)
    out = []
    for dispute in report.casebook.disputes:
        problems = owned.get(dispute.id, [])
        errors, warnings = counts(problems)
        out.append(
            {
                "id": dispute.id,
                "question": dispute.question,
                "file": shown_path(dispute.loc.file, up=up),
                "line": dispute.loc.line,
                "tags": list(dispute.tags),
                "positions": len(dispute.positions),
                "state": str(state_of(dispute, problems)),
                "problems": {"errors": errors, "warnings": warnings},
            }
        )
    return out, report.errors > 0


def run(args: argparse.Namespace, context: Context) -> int:
    from claims.formats import dumps, plural
    from claims.status import MARKS, State

    listed, errors = rows(context, args.casebook, up=args.format == "human")
    if args.format == "json":
        print(dumps({"disputes": listed}))
        return 1 if errors else 0
    id_width = max((len(r["id"]) for r in listed), default=0)
    where_width = max((len(f"{r['file']}:{r['line']}") for r in listed), default=0)
    colours = {"errors": "bold red", "drift": "bold yellow", "one-sided": "bold yellow"}
    for row in listed:
        where = f"{row['file']}:{row['line']}"
        tags = "  " + " ".join(f"#{t}" for t in row["tags"]) if row["tags"] else ""
        count = plural(row["positions"], "position")
        context.out.line(
            (MARKS[State(row["state"])], colours.get(row["state"], "")),
            " ",
            (row["id"].ljust(id_width), "bold"),
            "  ",
            (where.ljust(where_width), "dim"),
            f"  {count.rjust(11)}  ",
            row["question"],
            (tags, "dim"),
        )
    states = {state: sum(r["state"] == state for r in listed) for state in State}
    parts = []
    if states[State.ERRORS]:
        parts.append(f"{states[State.ERRORS]} with errors ({MARKS[State.ERRORS]})")
    if states[State.DRIFT]:
        parts.append(f"{states[State.DRIFT]} drifted ({MARKS[State.DRIFT]}, warnings only)")
    if states[State.ONE_SIDED]:
        parts.append(f"{states[State.ONE_SIDED]} one-sided ({MARKS[State.ONE_SIDED]})")
    parts = [plural(len(listed), "dispute") + (": " if parts else ""), ", ".join(parts)]
    context.out.line(("".join(parts) + ".", "dim"))
    if errors:
        context.err.line(("The casebook has errors; `contested check` says what and where.", "red"))
    return 1 if errors else 0


COMMAND = Command(
    "list",
    "list the disputes: id, state, where defined, positions, question, tags",
    arguments,
    run,
    order=30,
)
