"""Precision and recall of the framing lens against the hand-made gold annotation.

    python -m benchmarks.framing_quality [--misses]

The gold (`tests/framing_gold/gold.yaml`, written by hand from `GUIDELINES.md` beside it,
before and apart from the lists) marks every framing cue of the bundled casebook's two
seed articles. The lens's cues of the same sources are matched to it by this rule:

    a predicted cue matches a gold span of the SAME CATEGORY in the SAME PARAGRAPH when
    their character spans overlap by at least one character; each gold span is matched at
    most once (predicted cues are taken in order of paragraph and start, each matched to
    the first overlapping gold span not yet used).

Precision is matched cues ÷ predicted cues, recall matched gold spans ÷ gold spans, per
category and over all categories (micro-average: every span counts once). `--misses`
also prints each false positive and each missed gold span.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "tests" / "framing_gold" / "gold.yaml"
CASEBOOK = REPO / "claims" / "bundled" / "yekaterinburg"

Span = tuple[str, int, int, int, str]  # (category, paragraph, start, end, text)


@dataclass
class Score:
    """Counts for one category: `predicted`, `gold`, `matched` (one-to-one)."""

    predicted: int = 0
    gold: int = 0
    matched: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0


def gold_spans(path: Path = GOLD) -> dict[str, list[Span]]:
    """The gold spans, by source id."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {
        source: [(e["category"], e["paragraph"], e["start"], e["end"], e["text"]) for e in entries]
        for source, entries in data.items()
    }


def predicted_spans(sources: list[str]) -> dict[str, list[Span]]:
    """The lens's cues of `sources` in the bundled casebook."""
    from claims.documents import Documents
    from claims.framing import profile
    from claims.loader import load

    casebook = load(CASEBOOK).casebook
    documents = Documents(casebook)
    out = {}
    for source_id in sources:
        document = documents.get(source_id)
        assert document is not None, source_id
        found = profile(casebook.sources[source_id], document, casebook)
        out[source_id] = [(c.category, c.paragraph, c.start, c.end, c.text) for c in found.cues]
    return out


def score(
    predicted: dict[str, list[Span]], gold: dict[str, list[Span]]
) -> tuple[dict[str, Score], list[Span], list[Span]]:
    """(Score per category, false positives, missed gold spans), by the module's rule."""
    scores: dict[str, Score] = {}
    false_positives: list[Span] = []
    missed: list[Span] = []
    for source, golden in gold.items():
        used = [False] * len(golden)
        for cue in sorted(predicted.get(source, []), key=lambda s: (s[1], s[2], s[0])):
            category, paragraph, start, end, _ = cue
            scores.setdefault(category, Score()).predicted += 1
            for index, (g_cat, g_par, g_start, g_end, _) in enumerate(golden):
                if used[index] or g_cat != category or g_par != paragraph:
                    continue
                if start < g_end and g_start < end:
                    used[index] = True
                    scores[category].matched += 1
                    break
            else:
                false_positives.append(cue)
        for index, span in enumerate(golden):
            scores.setdefault(span[0], Score()).gold += 1
            if not used[index]:
                missed.append(span)
    return scores, false_positives, missed


def total(scores: dict[str, Score]) -> Score:
    """The micro-average over every category."""
    return Score(
        sum(s.predicted for s in scores.values()),
        sum(s.gold for s in scores.values()),
        sum(s.matched for s in scores.values()),
    )


def measure() -> tuple[dict[str, Score], list[Span], list[Span]]:
    """Score the lens against the gold (see `score`)."""
    gold = gold_spans()
    return score(predicted_spans(list(gold)), gold)


def table(scores: dict[str, Score]) -> str:
    """The per-category table (Markdown)."""
    from claims.framing import CATEGORIES

    lines = [
        "| category | gold | predicted | matched | precision | recall |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for category in [*CATEGORIES, *(c for c in scores if c not in CATEGORIES)]:
        s = scores.get(category, Score())
        lines.append(
            f"| {category} | {s.gold} | {s.predicted} | {s.matched} | "
            f"{s.precision:.2f} | {s.recall:.2f} |"
        )
    t = total(scores)
    lines.append(
        f"| **all** | {t.gold} | {t.predicted} | {t.matched} | "
        f"**{t.precision:.2f}** | **{t.recall:.2f}** |"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--misses", action="store_true", help="list false positives and misses")
    args = parser.parse_args(argv)
    scores, false_positives, missed = measure()
    print(table(scores))
    if args.misses:
        print("\nfalse positives:")
        for category, paragraph, start, end, text in false_positives:
            print(f"  {category:24} ¶{paragraph} {start}-{end} {text!r}")
        print("\nmissed:")
        for category, paragraph, start, end, text in missed:
            print(f"  {category:24} ¶{paragraph} {start}-{end} {text!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
