"""The framing lens measured against the hand-made gold annotation (issue 14, "Targets").

The gold (tests/framing_gold/gold.yaml) marks every framing cue of the bundled casebook's
two seed articles, written by hand from tests/framing_gold/GUIDELINES.md apart from the
lists. The match rule (`benchmarks.framing_quality`): a predicted cue matches a gold span
of the same category in the same paragraph when their spans overlap by at least one
character, each gold span at most once. `python -m benchmarks.framing_quality --misses`
prints the table and every miss.

The issue's targets, precision ≥ 0.9 and recall ≥ 0.85 over all categories, are met, so
they are asserted; per category, the floors asserted are the measured values less a small
margin, so that a change to the lists that loses cues fails here.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.framing_quality import measure, table, total

#: Measured on 2026-12-01 (precision, recall) less 0.05, per category: a floor, not a goal.
FLOORS = {
    "hedge": (0.95, 0.95),
    "booster": (0.95, 0.95),
    "attribution-neutral": (0.93, 0.87),
    "attribution-distancing": (0.95, 0.62),
    "attribution-endorsing": (0.83, 0.83),
    "denial": (0.95, 0.95),
    "unnamed-source": (0.95, 0.88),
    "loaded": (0.83, 0.71),
    "agentless-passive": (0.92, 0.84),  # 0.89 since a list phrase counts once ("As is known")
    "direct-quote": (0.95, 0.90),
}


@pytest.fixture(scope="module")
def scores():  # type: ignore[no-untyped-def]
    return measure()[0]


def test_overall_targets_are_met(scores) -> None:  # type: ignore[no-untyped-def]
    overall = total(scores)
    assert overall.gold == 246  # the gold is the one measured (GUIDELINES.md, "Counts")
    assert overall.precision >= 0.9, table(scores)
    assert overall.recall >= 0.85, table(scores)


@pytest.mark.parametrize("category", sorted(FLOORS))
def test_each_category_keeps_its_measured_floor(scores, category: str) -> None:  # type: ignore[no-untyped-def]
    precision, recall = FLOORS[category]
    score = scores[category]
    assert score.precision >= precision, table(scores)
    assert score.recall >= recall, table(scores)
