"""`contested compare DISPUTE[:POSITION[:EVIDENCE]] [OTHER] [--format human|json]`: two
pieces of evidence aligned word by word (docs/compare.md).

A dispute alone compares its first position's first evidence with each other position's
first evidence. The casebook is the one found from the working directory or `-C PATH`.
Exit status 0 compared (also when a quote does not anchor: its text is then the YAML's,
and the output says so); 1 compared, but the casebook has errors the loader finds (a
position without `claim:`, a dispute file that cannot be read: what cannot be read is
left out, so stderr says how many errors and to run `contested check`); 2 an address
that names nothing (the message names what exists, and, when the casebook has errors,
that they may be why), nothing to compare, or a casebook that cannot be read."""

from __future__ import annotations

import argparse

from claims.cli._command import Command, Context

ADDRESS_HELP = (
    "DISPUTE[:POSITION[:EVIDENCE]]: a dispute's id; POSITION its id, holder or #N (from 1); "
    "EVIDENCE its number within the position (from 1, default 1)"
)


def _threshold(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 < value <= 100:
        raise argparse.ArgumentTypeError(f"a percentage above 0 and at most 100, not {text}")
    return value


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("address", metavar="DISPUTE[:POSITION[:EVIDENCE]]", help=ADDRESS_HELP)
    parser.add_argument(
        "other",
        nargs="?",
        metavar="OTHER",
        help="the evidence to compare with, an address as the first (default: the first "
        "evidence of each other position of the dispute)",
    )
    parser.add_argument("--format", choices=("human", "json"), default="human")
    parser.add_argument(
        "--threshold",
        type=_threshold,
        default=85.0,
        metavar="PERCENT",
        help="how similar (rapidfuzz ratio, %%) two different words must be to count as "
        "variants of one word rather than a substitution (default 85)",
    )


def run(args: argparse.Namespace, context: Context) -> int:
    """0 compared; 1 compared but the casebook has errors; 2 an address naming nothing,
    nothing to compare, or no casebook."""
    from claims.compare import CompareError, comparisons
    from claims.loader import load

    loaded = load(context.casebook(None, "comparing"))
    casebook = loaded.casebook
    errors = sum(problem.is_error for problem in loaded.problems)
    try:
        found = comparisons(casebook, args.address, args.other, threshold=args.threshold)
    except CompareError as error:
        context.err.line((f"contested compare: {_one_line(error.message)}", "red"))
        if error.hint:  # holders may hold tabs and newlines: one line, as the header
            context.err.line("  = hint: ", (_one_line(error.hint), "dim"))
        if errors:  # what the address names may be what could not be read
            context.err.line(
                (
                    f"  = the casebook has {_errors(errors)}, and the casebook's errors may be "
                    "why (what could not be read is left out); `contested check` lists them",
                    "red",
                )
            )
        return 2
    if args.format == "json":
        from claims.compare.render import as_json
        from claims.formats import dumps

        print(dumps(as_json(found, args.threshold)))
        return _said(errors, context)
    from rich.text import Text

    from claims.compare.render import parts

    console = context.out.console
    plain = console.color_system is None
    for index, one in enumerate(found):
        if index:
            console.print(Text(""))
            console.rule(style="dim")
        for part in parts(casebook, one, plain):
            if not plain:
                console.print(part)
                continue
            with console.capture() as captured:  # piped: no padding after the last word
                console.print(part)
            console.file.write(
                "".join(f"{line.rstrip()}\n" for line in captured.get().splitlines())
            )
    return _said(errors, context)


def _one_line(text: str) -> str:
    """`text` on one line: each run of white space (tabs, newlines) as one space."""
    return " ".join(text.split())


def _errors(count: int) -> str:
    return f"{count} error{'' if count == 1 else 's'}"


def _said(errors: int, context: Context) -> int:
    """1, after saying so on stderr, when the loaded casebook has `errors`; else 0."""
    if not errors:
        return 0
    context.err.line(
        (
            f"the casebook has {_errors(errors)} (what could not be read is left out of "
            "the comparison); `contested check` lists them",
            "red",
        )
    )
    return 1


COMMAND = Command(
    "compare",
    "align two pieces of evidence word by word: variants, substitutions, insertions",
    arguments,
    run,
    order=59,
)
