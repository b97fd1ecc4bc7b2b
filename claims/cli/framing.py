"""`contested framing [CASEBOOK] [--source ID] [--format human|json|csv]`: how each source
frames the events (hedges, attribution, unnamed sources, loaded words, agentless passives,
direct quotes), counted per source with the spans behind every count, and which source
speaks to which dispute for which sides (the coverage matrix).

Exit status: 0 shown; 1 a source could not be profiled (unreadable, its language has no
framing lists, or it has no `language:` and its text does not look English: said on
stderr and in the output, the other sources still shown); 2 no such source, or the
casebook cannot be read.
"""

from __future__ import annotations

import argparse

from claims.cli._command import CASEBOOK_HELP, Command, Context, UsageError

FORMATS = ("human", "json", "csv")
#: Above this many dispute × source cells, coverage lists only the cells where a source
#: speaks (a note on stderr says so); `--source ID` always gives that source's whole row.
COVERAGE_CELLS = 50_000


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("casebook", nargs="?", metavar="CASEBOOK", help=CASEBOOK_HELP)
    parser.add_argument(
        "--source",
        metavar="ID",
        help="one source: its profile, coverage and every cue in context (default: all)",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="human",
        help="human: tables and (with --source) cues in context; json: every cue's span, "
        "rates per 1,000 words, voices and coverage; csv: one row per cue",
    )


def run(args: argparse.Namespace, context: Context) -> int:
    """0 shown, 1 a source not profiled, 2 unknown source (`CasebookUnreadable` also 2)."""
    from claims.documents import Documents
    from claims.framing import NoFramingLists, Profile, coverage, profile
    from claims.framing import report as out_report
    from claims.framing.language import LanguageNotEvident
    from claims.loader import load
    from claims.text import suggest

    loaded = load(context.casebook(args.casebook, "profiling"))
    casebook = loaded.casebook
    wanted = list(casebook.sources)
    if args.source is not None:
        if args.source not in casebook.sources:
            close = suggest(args.source, wanted)
            hint = (
                f"; did you mean {close[0]!r}?"
                if close
                else "; the sources are " + (", ".join(repr(s) for s in wanted) or "none")
            )
            raise UsageError(f"no source {args.source!r} in {casebook.title!r}{hint}")
        wanted = [args.source]
    from claims.framing.cache import CueCache

    documents = Documents(casebook)
    cache = CueCache()
    profiles = []
    # every source wanted, in order: its profile, or why not
    shown: list[Profile | out_report.Unprofiled] = []
    failed = 0
    for source_id in wanted:
        source = casebook.sources[source_id]
        document = documents.get(source_id)
        if document is None:
            problem = documents.problems.get(source_id)
            why = problem.message if problem is not None else f"source {source_id!r} unreadable"
            context.err.line((f"contested framing: {why}; not profiled", "red"))
            shown.append(out_report.Unprofiled(source_id, source.language, why))
            failed += 1
            continue
        try:
            profiles.append(profile(source, document, casebook, cache))
            shown.append(profiles[-1])
        except NoFramingLists as exc:
            context.err.line((f"contested framing: source {source_id!r}: {exc}", "red"))
            tag = None if isinstance(exc, LanguageNotEvident) else exc.language
            shown.append(out_report.Unprofiled(source_id, tag, str(exc)))
            failed += 1
    cache.save()
    matrix = len(casebook.disputes) * len(wanted) <= COVERAGE_CELLS
    cover = coverage(casebook, wanted, absent=matrix)
    if not matrix:
        context.err.line(
            (
                f"contested framing: coverage lists only the {len(cover)} cells where a source "
                f"speaks ({len(casebook.disputes)} disputes × {len(wanted)} sources is more "
                "than a table can show); `--source ID` gives one source's whole row",
                "yellow",
            )
        )
    if args.format == "json":
        print(out_report.as_json(shown, cover))
    elif args.format == "csv":
        import sys

        sys.stdout.write(out_report.as_csv(profiles))
    else:
        out = context.out
        out_report.header(casebook, shown, out)
        if profiles:
            out.line(("Profiles", "bold"))
            out_report.profiles_table(profiles, out)
        if cover:
            out.line(("Coverage: which source speaks to which dispute, for which sides", "bold"))
            out_report.coverage_table(cover, wanted, out, matrix)
        elif not casebook.disputes:
            out.line(("This casebook has no disputes yet: no coverage to show.", "dim"))
        if args.source is not None and profiles:
            document = documents.get(args.source)
            if document is not None:
                out.line(("Cues in context", "bold"))
                out_report.cues_in_context(profiles[0], document, out)
    return 1 if failed else 0


COMMAND = Command(
    "framing",
    "how each source frames the events: cues counted per source, and coverage",
    arguments,
    run,
    order=57,
)
