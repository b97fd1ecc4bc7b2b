"""`contested status [--format human|json]`: review progress of the casebook: disputes
reviewed, partly rated and open, positions by rating, who reviewed what and when."""

from __future__ import annotations

import argparse

from claims.cli._command import CASEBOOK_HELP, Command, Context


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("casebook", nargs="?", metavar="CASEBOOK", help=CASEBOOK_HELP)
    parser.add_argument("--format", choices=("human", "json"), default="human")


def run(args: argparse.Namespace, context: Context) -> int:
    """0 once the casebook and its review.yaml are read (progress is not a failure); 1,
    nothing on stdout, when review.yaml has problems (each on stderr with its
    file:line:col: progress read from a broken file would be wrong); 2 when the casebook
    cannot be read (`CasebookUnreadable`)."""
    from claims.casefiles import REVIEW_FILE
    from claims.formats import dumps, plural, where
    from claims.loader import load
    from claims.review.progress import (
        OPEN,
        PARTLY,
        REVIEWED,
        dispute_state,
        progress,
        rated_count,
        reviews_json,
    )
    from claims.review.scale import scale_of

    loaded = load(context.casebook(args.casebook, "showing"))
    casebook = loaded.casebook
    review_file = casebook.root / REVIEW_FILE
    broken = [p for p in loaded.problems if p.loc.file == review_file]
    if broken:
        for problem in broken:
            context.err.line((f"{where(problem.loc)}: {problem.severity}[{problem.code}] ", "red"),
                             problem.message)  # fmt: skip
        context.err.line(
            ("review progress not shown: fix review.yaml first", "red"),
            " (`contested check` lists every problem)",
        )
        return 1
    if args.format == "json":
        print(dumps(reviews_json(casebook)))
        return 0
    done = progress(casebook)
    scale = scale_of(casebook)
    out = context.out
    out.line(
        (f"{done.reviewed}/{done.disputes} disputes reviewed", "bold"),
        f", {done.states[PARTLY]} partly rated, {done.states[OPEN]} open",
    )
    rated = f"{done.rated}/{plural(done.positions, 'position')} rated"
    out.line((rated, "bold"), ":" if done.by_rating else "")
    for rating, count in done.by_rating.items():
        known = scale.get(rating)
        label = known.label if known else f"{rating} (not on the scale)"
        out.line(f"  {count:>5}  ", (label, known.colour or "") if known else (label, "red"))
    if done.unrated:
        out.line((f"{plural(done.unrated, 'position')} with a note, not rated yet", "dim"))
    if done.reviewers:
        out.line(("Reviewers:", "bold"))
        for who, (count, last) in done.reviewers.items():
            out.line(
                f"  {who}: {plural(count, 'position')}", (f", last {last}" if last else "", "dim")
            )
    marks = {REVIEWED: "✓", PARTLY: "◐"}
    shown = False
    for dispute in casebook.disputes:
        review = casebook.reviews.get(dispute.id)
        state = dispute_state(dispute, review)
        if review is None or state == OPEN:
            continue
        if not shown:
            out.line(("Disputes:", "bold"))
            shown = True
        count = rated_count(dispute, review)
        marked = " · ".join(part for part in (review.by, review.at) if part)
        marked = f"; marked by {marked}" if state == REVIEWED and marked else ""
        out.line(
            f"  {marks[state]} {dispute.id}",
            (f"  {state}, {count}/{len(dispute.positions)} rated{marked}", "dim"),
        )
        for position in dispute.positions:
            verdict = review.positions.get(position.key)
            if verdict is None:
                continue
            who = " · ".join(part for part in (verdict.by, verdict.at) if part)
            out.line(
                f"      {position.key}: {verdict.rating}",
                (f"  ({who})" if who else "", "dim"),
            )
    return 0


COMMAND = Command(
    "status",
    "print review progress: disputes reviewed, positions by rating, who and when",
    arguments,
    run,
    order=56,
)
