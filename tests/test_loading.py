"""Loading in stages (for a fast first paint) gives the same casebook as loading at once."""

from __future__ import annotations

from claims.bundled import bundled_casebook
from claims.loader import load, load_progressively


def test_first_stage_is_early_and_last_equals_load() -> None:
    stages = list(load_progressively(bundled_casebook()))
    whole = load(bundled_casebook())
    assert len(stages) == 2
    first, last = stages
    assert not first.complete
    assert last.complete
    # the first stage holds the first dispute file only, in casebook order
    assert 0 < len(first.casebook.disputes) < len(whole.casebook.disputes)
    assert first.casebook.disputes == whole.casebook.disputes[: len(first.casebook.disputes)]
    assert last.casebook.disputes == whole.casebook.disputes
    assert last.problems == whole.problems
    assert whole.casebook.dispute("cause-of-death") is whole.casebook.disputes[0]
    assert whole.casebook.dispute("no-such-dispute") is None
