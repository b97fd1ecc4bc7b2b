"""Where a dispute stands after a check: errors, drift, one-sided, or fine.

The same meaning wherever it is shown (`contested list`, the app's list): a dispute's
problems are those located in its YAML (from its `- id:` line to the next dispute of the
same file), less those about the casebook as a whole (an unused source, an empty include).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path

from claims.model import Casebook, Dispute
from claims.problems import Problem


class State(StrEnum):
    """A dispute's state, worst first."""

    #: An error in its YAML: a quote not found or ambiguous, an unknown side or source.
    ERRORS = "errors"
    #: Warnings only: a quote found only fuzzily or away from its `paragraph` hint, a
    #: position with no evidence.
    DRIFT = "drift"
    #: Fewer than two positions, nothing else wrong.
    ONE_SIDED = "one-sided"
    OK = "ok"


#: One character for each state, as lists show it.
MARKS: dict[State, str] = {
    State.ERRORS: "✗",
    State.DRIFT: "≈",
    State.ONE_SIDED: "◐",
    State.OK: " ",
}

#: Codes about the casebook as a whole, never about one dispute, even when their line
#: falls after a dispute's (a `sources:` section written below `disputes:`).
CASEBOOK_CODES = frozenset(
    {"unused-source", "empty-include", "missing-file", "outside-casebook", "empty-source"}
    | {"orphan-review"}
)


def problems_by_dispute(
    casebook: Casebook, problems: Iterable[Problem]
) -> dict[str, list[Problem]]:
    """Each dispute id -> the problems in its YAML (ids with none are left out).

    A problem about one piece of evidence (`Problem.at`) belongs to that dispute; any
    other to the dispute whose YAML its location falls in (at or after the dispute's line,
    before the next dispute of the same file); problems of `CASEBOOK_CODES` to none."""
    starts: dict[Path, list[tuple[int, int, Dispute]]] = defaultdict(list)
    for index, dispute in enumerate(casebook.disputes):
        starts[dispute.loc.file].append((dispute.loc.line, index, dispute))
    keys: dict[Path, list[tuple[int, int]]] = {}
    for file, items in starts.items():
        items.sort(key=lambda item: item[:2])
        keys[file] = [item[:2] for item in items]
    known = {d.id for d in casebook.disputes}
    out: dict[str, list[Problem]] = defaultdict(list)
    for problem in problems:
        if problem.code in CASEBOOK_CODES:
            continue
        if problem.at is not None and problem.at[0] in known:
            out[problem.at[0]].append(problem)
            continue
        at = (
            bisect_right(keys.get(problem.loc.file, []), (problem.loc.line, len(casebook.disputes)))
            - 1
        )
        if at >= 0:
            out[starts[problem.loc.file][at][2].id].append(problem)
    return dict(out)


def state_of(dispute: Dispute, problems: Iterable[Problem]) -> State:
    """The state of `dispute` given its problems (as `problems_by_dispute` gives them;
    the `one-sided` warning itself does not make it drift)."""
    errors = warnings = False
    for problem in problems:
        if problem.is_error:
            errors = True
        elif problem.code != "one-sided":
            warnings = True
    if errors:
        return State.ERRORS
    if warnings:
        return State.DRIFT
    if len(dispute.positions) < 2:
        return State.ONE_SIDED
    return State.OK
