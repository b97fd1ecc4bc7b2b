"""`contested add-evidence DISPUTE POSITION --source ID --quote TEXT [--paragraph N]
[--note TEXT] [--side S --holder H --claim C [--position-id ID]]`: add a quote as evidence
for a position, written into the casebook's YAML by inserting lines only
(`claims.casebook.capture`).

POSITION is the position's `id:`, else its holder (exact, then ignoring case; several
positions with that holder are refused, listing them), else `#N` (its 1-based number among
the dispute's positions), or `new` with `--side`, `--holder` and `--claim` for a new
position (added after the dispute's last one; refused when that holder already holds a
position on that side of the dispute). The
quote must be the source's words exactly; its paragraph is found (and written as the
`paragraph:` hint), `before`/`after` are added only when the words are in more than one
place of that paragraph's neighbourhood; words found in several paragraphs need
`--paragraph N`. `--note`, `--holder`, `--claim` are one line of plain text each.

Works on the casebook found from the working directory, or `-C PATH`. Prints the file, the
line and the lines inserted (exit 0). Exit 1, with FILE:LINE, the reason and what to do,
and nothing written, when the quote does not anchor exactly (rule 1), the dispute or the
position is unknown or ambiguous, the file changed meanwhile, or the entry cannot be
inserted without changing anything else; exit 2 on a wrong command line.
"""

from __future__ import annotations

import argparse

from claims.cli import _capture
from claims.cli._command import Command, Context, UsageError


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dispute", metavar="DISPUTE", help="the dispute's id")
    parser.add_argument(
        "position",
        metavar="POSITION",
        help="the position's id, or its holder, or #N (its number in the dispute, from 1), "
        "or `new` (with --side, --holder, --claim)",
    )
    _capture.evidence_options(parser, required=True)
    _capture.position_options(parser)


def run(args: argparse.Namespace, context: Context) -> int:
    from claims.casebook.capture import CaptureError, add_evidence, load_casebook
    from claims.casebook.captureplan import find_dispute, find_position

    casebook = _capture.casebook_path(context)
    if casebook is None:
        return 1
    new = _capture.new_position(args)
    if args.position == "new" and new is None:
        raise UsageError("POSITION `new` needs --side, --holder and --claim")
    if new is not None and args.position != "new":
        raise UsageError("--side, --holder, --claim and --position-id go with POSITION `new`")
    try:
        state = load_casebook(casebook)  # the dispute and position first, then the quote
        dispute = find_dispute(state.casebook, args.dispute)
        at = (dispute.loc.file, dispute.loc.line)
        if new is None:
            at = (dispute.loc.file, find_position(dispute, args.position).loc.line)
        evidence = _capture.evidence(args, state, at)
        capture = add_evidence(
            casebook, args.dispute, new or args.position, evidence, loaded=state.casebook
        )
    except CaptureError as error:
        return _capture.refused(error, context)
    _capture.report(capture, f"evidence for {args.dispute}", context)
    return 0


COMMAND = Command(
    "add-evidence",
    "add a quote as evidence for a position, inserted into the casebook's YAML",
    arguments,
    run,
    order=72,
)
