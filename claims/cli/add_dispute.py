"""`contested add-dispute --question TEXT [--id ID] [--file PATH] [--side S --holder H
--claim C [--position-id ID]] [--source ID --quote TEXT [--paragraph N] [--note TEXT]]`:
add a dispute to the casebook's YAML by inserting lines only (`claims.casebook.capture`).

`--id` defaults to a slug of the question (`capture.slug`: "How did the brothers die?" ->
`how-brothers-die`); an id some dispute has is refused. `--file` is the YAML file it goes
in, relative to the casebook: one the casebook reads (casebook.yaml or an `include:`d
file: the dispute goes at the end of its `disputes:` list), or a new `.yaml` file inside
the casebook, created, and added to `include:` when no pattern there matches it; by
default the file of the casebook's last dispute. With `--side`, `--holder` and `--claim`
the dispute gets its first position, and with `--source` and `--quote` that position's
first evidence, checked as `add-evidence` checks it. A dispute with no position is written
with `positions: []` (`check` then warns it is one-sided).

Works on the casebook found from the working directory, or `-C PATH`. Prints the file, the
line and the lines inserted (exit 0); exit 1 with the reason and nothing written when it
is refused; exit 2 on a wrong command line.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from claims.cli import _capture
from claims.cli._command import Command, Context, UsageError


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--question", required=True, help="the contested question")
    parser.add_argument(
        "--id", dest="dispute_id", metavar="ID", help="its id (default: a slug of the question)"
    )
    parser.add_argument(
        "--file",
        metavar="PATH",
        help="the YAML file it goes in, relative to the casebook "
        "(default: the file of the last dispute)",
    )
    _capture.position_options(parser)
    _capture.evidence_options(parser, required=False)


def run(args: argparse.Namespace, context: Context) -> int:
    from claims.casebook.capture import (
        CaptureError,
        NewDispute,
        add_dispute,
        load_casebook,
        slug,
    )
    from claims.casebook.capturedispute import target_file

    casebook = _capture.casebook_path(context)
    if casebook is None:
        return 1
    question = _capture.one_line("question", args.question) or ""
    position = _capture.new_position(args)
    if (args.source is None) != (args.quote is None):
        raise UsageError("evidence needs both --source and --quote")
    if args.source is not None and position is None:
        raise UsageError("evidence (--source, --quote) needs a position: --side, --holder, --claim")
    try:
        state = load_casebook(casebook)
        dispute_id = args.dispute_id
        if dispute_id is None:
            dispute_id = slug(question, {d.id for d in state.casebook.disputes})
        file = Path(args.file) if args.file is not None else None
        target, _ = target_file(state, file)  # a file refused before the quote is looked at
        evidence = (
            _capture.evidence(args, state, (target, None)) if args.source is not None else None
        )
        new = NewDispute(dispute_id, question, file)
        capture = add_dispute(casebook, new, position, evidence, loaded=state.casebook)
    except CaptureError as error:
        return _capture.refused(error, context)
    _capture.report(capture, f"dispute {dispute_id}", context)
    return 0


COMMAND = Command(
    "add-dispute",
    "add a dispute (and its first position and evidence), inserted into the casebook's YAML",
    arguments,
    run,
    order=74,
)
