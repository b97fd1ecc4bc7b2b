"""`contested review DISPUTE [POSITION] [--rating R] [--note TEXT] [--status reviewed|open]`:
a verdict written to review.yaml from the command line, as safely as the app writes it.
POSITION is needed for a rating, a note or `--clear`; `--status` alone marks the dispute."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from claims.cli._command import Command, Context, UsageError
from claims.model import Casebook, Dispute, Position

if TYPE_CHECKING:
    from claims.review import ReviewStore, SetStatus


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dispute", metavar="DISPUTE", help="id of the dispute")
    parser.add_argument(
        "position",
        metavar="POSITION",
        nargs="?",
        help="the position's `id:`, or its holder (not needed for --status alone)",
    )
    parser.add_argument("--rating", metavar="R", help="the rating (one of the casebook's scale)")
    parser.add_argument("--note", metavar="TEXT", help='why; "" removes the note')
    parser.add_argument(
        "--status", choices=("reviewed", "open"), help="mark the whole dispute reviewed or open"
    )
    parser.add_argument(
        "--clear", action="store_true", help="remove the position's review (rating and note)"
    )
    parser.add_argument(
        "--by",
        metavar="NAME",
        help="the reviewer (default: $CONTESTED_REVIEWER, else git's user.name, else the login)",
    )


def run(args: argparse.Namespace, context: Context) -> int:
    """0 written; 2 (nothing written) for an unknown dispute, position or rating (with
    "did you mean"), nothing asked for, a review.yaml that cannot be written (the bundled
    example names `contested init --example DIR`), or a casebook that cannot be read."""
    from claims.formats import shown_path
    from claims.loader import load
    from claims.review import ReviewConflict, SetNote, SetRating, SetStatus
    from claims.review.changes import Change
    from claims.review.keys import ambiguity
    from claims.review.reviewer import unfit_name
    from claims.review.scale import scale_of
    from claims.review.store import ReviewStore

    if args.rating is None and args.note is None and args.status is None and not args.clear:
        raise UsageError("say what to change: --rating R, --note TEXT, --status or --clear")
    if args.clear and args.rating is not None:
        raise UsageError("--clear and --rating cannot go together")
    if args.position is None and (args.rating is not None or args.note is not None or args.clear):
        what = "--clear" if args.clear else "--rating" if args.rating is not None else "--note"
        raise UsageError(f"{what} is for one position: name it (its `id:` or holder)")
    if args.by is not None and (unfit := unfit_name(args.by)) is not None:
        raise UsageError(f"--by cannot be the reviewer's name: {unfit}")
    casebook = load(context.casebook(None, "reviewing")).casebook
    dispute = find_dispute(casebook, args.dispute)
    if args.position is None:
        return _mark(args, context, ReviewStore.open(casebook), SetStatus(dispute.id, args.status))
    position = find_position(dispute, args.position)
    shared = ambiguity(dispute, position.key)
    if shared is not None:
        raise UsageError(shared)
    scale = scale_of(casebook)
    if args.rating is not None and scale.get(args.rating) is None:
        close = scale.suggest(args.rating)
        raise UsageError(
            f"unknown rating {args.rating!r}"
            + (f"; did you mean {close!r}?" if close else "")
            + f" (the casebook's ratings: {', '.join(scale.ids)})"
        )
    changes: list[Change] = []
    if args.clear:
        changes.append(SetRating(dispute.id, position.key, None))
    if args.rating is not None:
        changes.append(SetRating(dispute.id, position.key, args.rating))
    if args.note is not None:
        changes.append(SetNote(dispute.id, position.key, args.note))
    if args.status is not None:
        changes.append(SetStatus(dispute.id, args.status))
    store = ReviewStore.open(casebook)
    for change in changes:
        try:
            saved = store.apply(change, by=args.by)
        except ReviewConflict:  # changed between our read and the lock: read it, do it again
            store.reload()
            saved = store.apply(change, by=args.by)
        for line in saved.merged:
            context.err.line(("merged from disk: ", "dim"), line)
    verdict = store.review(dispute.id, position.key)
    said = f"{verdict.rating}" if verdict is not None else "no rating"
    if verdict is not None and verdict.note:
        said += ", with a note"
    context.out.line(
        f"{dispute.id} / {position.key}: {said}; dispute {store.status(dispute.id)} "
        f"(written to {shown_path(store.path)})"
    )
    return 0


def _mark(args: argparse.Namespace, context: Context, store: ReviewStore, change: SetStatus) -> int:
    """`--status` without a position: mark the dispute, recording who and when."""
    from claims.formats import shown_path
    from claims.review import ReviewConflict

    try:
        saved = store.apply(change, by=args.by)
    except ReviewConflict:  # changed between our read and the lock: read it, do it again
        store.reload()
        saved = store.apply(change, by=args.by)
    for line in saved.merged:
        context.err.line(("merged from disk: ", "dim"), line)
    context.out.line(
        f"{change.dispute}: {store.status(change.dispute)} (written to {shown_path(store.path)})"
    )
    return 0


def find_dispute(casebook: Casebook, given: str) -> Dispute:
    """The dispute with id `given`; `UsageError` with "did you mean" otherwise."""
    from claims.text import suggest

    dispute = casebook.dispute(given)
    if dispute is not None:
        return dispute
    close = suggest(given, [d.id for d in casebook.disputes])
    raise UsageError(
        f"no dispute {given!r} in {casebook.title!r}"
        + (f"; did you mean {', '.join(map(repr, close))}?" if close else "")
        + ("" if close else "; `contested list` lists them")
    )


def find_position(dispute: Dispute, given: str) -> Position:
    """The position whose `id:` (else holder) is `given`, else whose holder is `given`
    (exactly, then ignoring case, when only one is); `UsageError` with "did you mean"
    (ids and holders) otherwise, or when two positions share that holder."""
    from claims.text import suggest

    for position in dispute.positions:
        if position.key == given:
            return position
    folded = given.casefold()
    for found in (
        [p for p in dispute.positions if p.holder == given],
        [p for p in dispute.positions if p.holder.casefold() == folded],
    ):
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            keys = ", ".join(repr(p.key) for p in found)
            raise UsageError(f"{given!r} holds {len(found)} positions in {dispute.id!r}: {keys}")
    keys_and_holders = [p.key for p in dispute.positions] + [p.holder for p in dispute.positions]
    names = list(dict.fromkeys(keys_and_holders))
    close = suggest(given, names)
    listed = ", ".join(repr(p.key) for p in dispute.positions)
    raise UsageError(
        f"dispute {dispute.id!r} has no position {given!r}"
        + (f"; did you mean {', '.join(map(repr, close))}?" if close else f" (it has: {listed})")
    )


COMMAND = Command(
    "review",
    "rate a position and note why (written to review.yaml)",
    arguments,
    run,
    order=55,
)
