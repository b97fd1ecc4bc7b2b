"""Loading in stages gives the same casebook as loading at once; the first stage reaches
the waiting screen, or else the usual way."""

from __future__ import annotations

import threading
import time

from claims.bundled import bundled_casebook
from claims.loader import load, load_progressively
from tui.handoff import Handoff


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


def test_handoff_goes_to_exactly_one_side() -> None:
    """The first part of a casebook reaches the waiting screen, or else the usual way."""
    waited: Handoff[str] = Handoff()
    threading.Timer(0.01, lambda: waited.offer("first")).start()
    assert waited.take(timeout=5) == "first"  # offered in time: the waiter has it

    late: Handoff[str] = Handoff()
    assert late.take(timeout=0.01) is None  # nothing in time: the waiter goes on
    assert late.offer("first") is False  # and the worker must deliver it itself

    failed: Handoff[str] = Handoff()
    threading.Timer(0.01, failed.close).start()
    started = time.monotonic()
    assert failed.take(timeout=5) is None  # an error wakes the waiter at once
    assert time.monotonic() - started < 2
