"""`contested export [CASEBOOK] --format FORMAT [--dispute ID ...] [-o PATH]`: the casebook
(or the disputes named) written in a format another tool reads (`claims.export`).

The export goes to stdout, or with `-o PATH` to that file, written atomically (a temporary
file in the same folder, fsynced, renamed over it). A binary format (qdpx) is refused on a
terminal's stdout: give `-o`. `-o -` is stdout; `-o ''` is refused. When PATH is a
symbolic link the file it leads to is written (as the shell's `>` does), atomically in
that file's folder; the link stays a link.

Exit status: 0 written; 1 written, but the casebook has errors (`contested check` says
which: a quote not found is exported without its paragraph); 2 nothing written (unknown
format or dispute, unreadable casebook, a file that cannot be written, a format's own
requirement such as claimreview's `publisher:`).
"""

from __future__ import annotations

import argparse
import sys

from claims.cli._command import CASEBOOK_HELP, Command, Context, UsageError

#: The formats, for --help (kept literal: listing them would import every format).
FORMATS = "html, md, claimreview, annotations, csv, qdpx"
HAS_ERRORS = "the casebook has errors (exported as they are); `contested check` says what and where"


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("casebook", nargs="?", metavar="CASEBOOK", help=CASEBOOK_HELP)
    parser.add_argument(
        "--format", "-f", required=True, metavar="FORMAT", help=f"one of: {FORMATS}"
    )
    parser.add_argument(
        "--dispute",
        "-d",
        action="append",
        default=[],
        metavar="ID",
        help="export only this dispute (repeat for more; default: every dispute)",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        help="write to this file, atomically (default: stdout; `-` is stdout); a symbolic "
        "link is written through: the file it leads to is replaced, the link stays",
    )


def run(args: argparse.Namespace, context: Context) -> int:
    from claims.documents import Documents
    from claims.export import exporter, select, through_links, write
    from claims.loader import load
    from claims.paths import display

    chosen = exporter(args.format)  # ExportError: exit 2 with did-you-mean
    if args.output == "":
        raise UsageError(
            "-o names an empty path; name a file (e.g. -o casebook"
            f"{chosen.suffix}), or `-` for stdout"
        )
    to_stdout = args.output in (None, "-")
    if to_stdout and chosen.binary and sys.stdout.isatty():
        raise UsageError(
            f"{chosen.name} is a binary format and stdout is a terminal; "
            f"write it to a file with -o PATH (e.g. -o casebook{chosen.suffix})"
        )
    loaded = load(context.casebook(args.casebook, "exporting"))
    casebook = loaded.casebook
    selection = select(casebook, args.dispute, Documents(casebook))
    data = chosen.render(casebook, selection)
    for note in chosen.notes(casebook, selection) if chosen.notes is not None else ():
        context.err.line((f"contested export: {note}", "dim"))
    if to_stdout:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        given = context.path(args.output)
        path = through_links(given)
        write(path, data)
        count = len(selection.disputes)
        via = f" (the file {display(str(given))} links to)" if path != given else ""
        context.err.line(
            (f"contested export: {chosen.name}, {count} dispute{'s' * (count != 1)}, ", "dim"),
            (f"written to {display(str(path))}{via}", "dim"),
        )
    from claims.export._evidence import problems

    if any(p.is_error for p in [*loaded.problems, *problems(selection)]):
        context.err.line((f"contested export: {HAS_ERRORS}", "yellow"))
        return 1
    return 0


COMMAND = Command(
    "export",
    "write the casebook (or some disputes) as HTML, Markdown, ClaimReview, annotations, CSV "
    "or REFI-QDA",
    arguments,
    run,
    order=55,
    description="Write the casebook, or the disputes named with --dispute, in a format another "
    "tool reads: to stdout, or atomically to the file -o names. Exit status 0 written, 1 "
    "written but the casebook has errors, 2 nothing written.",
)
