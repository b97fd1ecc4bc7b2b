"""The mutation suite: edit sources the way they really change, and anchoring must keep its
promise: a quote whose words survive anchors to the same words; a quote whose words are
gone is never anchored silently (not found, or drifted with the difference shown); and no
quote is ever anchored on the wrong words.

Property-based (hypothesis): each example takes one quote of the bundled casebook or of a
test casebook, applies one mutation to its source and anchors it again, twice: through the
word-pair index and by scoring every paragraph; the two must agree.

Mutations: insert paragraphs; reflow (line breaks and double spaces for spaces); curly
for straight quotes and back; swap two letters of a quoted word; delete the quoted
passage; duplicate the quoted sentence elsewhere without its context.

The default run (CI) tries 1,500 examples (about 4 s); `CONTESTED_MUTATIONS=long` tries
20,000. With
`CONTESTED_MUTATION_STATS=FILE` the counts (tried, right, false anchors, by mutation) are
written to FILE as JSON.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims import Method, Paragraph, load
from claims.anchoring import Ambiguous, Found, Missing, Outcome, anchor
from claims.anchoring.normalize import normalize_plain
from claims.bundled import bundled_casebook
from claims.documents import Documents
from claims.model import Evidence
from claims.sources.document import Document

CASES = Path(__file__).parent / "data" / "cases"
LONG = os.environ.get("CONTESTED_MUTATIONS") == "long"
EXAMPLES = 20_000 if LONG else 1500
STATS: Counter[str] = Counter()
THRESHOLD = 90.0
FILLER = (
    "A paragraph nobody quoted, added later: the editors corrected a date and moved "
    "the photographs to the end of the page."
)


@dataclass(frozen=True)
class Quote:
    """One quote of a casebook and where it anchors in its unmutated source."""

    name: str
    evidence: Evidence
    paragraphs: tuple[str, ...]
    paragraph: int
    start: int
    end: int


def _quotes() -> list[Quote]:
    roots = [bundled_casebook(), *sorted(p for p in CASES.iterdir() if p.is_dir())]
    quotes = []
    for root in roots:
        casebook = load(root).casebook
        documents = Documents(casebook)
        for dispute in casebook.disputes:
            for position in dispute.positions:
                for evidence in position.evidence:
                    document = documents.get(evidence.source)
                    if document is None:
                        continue
                    outcome = anchor(document, evidence, THRESHOLD)
                    if isinstance(outcome, Found) and outcome.method is not Method.FUZZY:
                        texts = tuple(p.text for p in document.paragraphs)
                        quotes.append(
                            Quote(root.name, evidence, texts, outcome.paragraph,
                                  outcome.start, outcome.end)
                        )  # fmt: skip
    return quotes


QUOTES = _quotes()
KINDS = ("insert", "reflow", "quotes", "swap", "delete", "duplicate")


def _document(texts: list[str]) -> Document:
    return Document([Paragraph(n, t, n) for n, t in enumerate(texts, 1)])


def _both(document: Document, evidence: Evidence) -> Outcome:
    """The outcome through the index, after comparing it with the exhaustive one.

    Found and ambiguous outcomes must be identical. For a quote not found, the closest
    text must be the same whenever it comes close (75% or more); below that the index may
    name another paragraph (counted, never a failure: nothing is anchored either way).
    """
    indexed = anchor(document, evidence, THRESHOLD, exhaustive=False)
    everything = anchor(document, evidence, THRESHOLD, exhaustive=True)
    if indexed == everything:
        STATS["index = exhaustive"] += 1
        return indexed
    if isinstance(indexed, Missing) and isinstance(everything, Missing) and everything.score < 75:
        key = "same score" if indexed.score == everything.score else "lower score"
        STATS[f"index ≠ exhaustive: closest below 75%, {key}"] += 1
        return indexed
    raise AssertionError((evidence.quote, indexed, everything))


def _words(text: str) -> str:
    return normalize_plain(text.replace("\u201c", '"').replace("\u201d", '"'))


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=not LONG,
)
@given(
    which=st.integers(0, len(QUOTES) - 1),
    kind=st.sampled_from(KINDS),
    where=st.floats(0, 1),
    count=st.integers(1, 3),
)
def test_a_mutated_source_never_anchors_the_wrong_words(
    which: int, kind: str, where: float, count: int
) -> None:
    quote = QUOTES[which]
    texts = list(quote.paragraphs)
    number, start, end = quote.paragraph, quote.start, quote.end
    original = texts[number - 1][start:end]
    evidence = quote.evidence
    STATS["tried"] += 1
    STATS[f"tried {kind}"] += 1
    if kind == "insert":  # paragraphs inserted before and after
        at = int(where * len(texts))
        texts[at:at] = [FILLER] * count
        number += count if at < number else 0
        verdict = _same_words(_both(_document(texts), evidence), texts, number, original)
    elif kind == "reflow":  # the paragraph re-wrapped: spaces become line breaks
        paragraph = texts[number - 1]
        texts[number - 1] = "".join(
            "\n" if c == " " and i % (count + 3) == 0 else ("  " if c == " " else c)
            for i, c in enumerate(paragraph)
        )
        verdict = _same_words(_both(_document(texts), evidence), texts, number, original)
    elif kind == "quotes":  # typographic quotes straightened, straight ones curled
        table = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2019": "'", '"': "\u201d"})
        texts = [t.translate(table) for t in texts]
        verdict = _same_words(_both(_document(texts), evidence), texts, number, original)
    elif kind == "swap":  # a typo made in the source: two letters of a quoted word swapped
        verdict = _swap(texts, number, start, end, where, evidence)
    elif kind == "delete":
        verdict = _deleted(texts, number, start, end, evidence, original)
    else:  # the quoted sentence copied elsewhere, without its context
        far = 0 if number > len(texts) // 2 else len(texts)
        texts.insert(far, original)
        if far == 0:
            number += 1
        outcome = _both(_document(texts), evidence)
        if isinstance(outcome, Ambiguous):
            verdict = "right"
        else:
            verdict = _same_words(outcome, texts, number, original)
    STATS[verdict] += 1
    STATS[f"{verdict} {kind}"] += 1
    assert verdict == "right", (quote.name, kind, evidence.quote)


def _same_words(outcome: Outcome, texts: list[str], number: int, original: str) -> str:
    """Right when the quote anchors to the same words in the same paragraph."""
    if not isinstance(outcome, Found):
        return f"lost ({type(outcome).__name__})"
    got = texts[outcome.paragraph - 1][outcome.start : outcome.end]
    if outcome.paragraph != number or _words(got) != _words(original):
        return "false anchor"
    return "right"


def _swap(
    texts: list[str], number: int, start: int, end: int, where: float, evidence: Evidence
) -> str:
    paragraph = texts[number - 1]
    letters = [i for i in range(start, end - 1) if paragraph[i : i + 2].isalpha()]
    if not letters:
        return "right"
    at = letters[int(where * (len(letters) - 1))]
    if paragraph[at] == paragraph[at + 1]:
        return "right"
    texts[number - 1] = paragraph[:at] + paragraph[at + 1] + paragraph[at] + paragraph[at + 2 :]
    outcome = _both(_document(texts), evidence)
    if isinstance(outcome, Missing | Ambiguous):
        STATS[f"swap: {type(outcome).__name__.lower()}"] += 1
        return "right"  # honest: not found (a short quote with a typo falls below 90%)
    if isinstance(outcome, Found):
        overlaps = outcome.paragraph == number and outcome.start < end and outcome.end > start
        if overlaps and outcome.method is Method.FUZZY and outcome.changes:
            STATS["swap: drifted, difference shown"] += 1
            return "right"  # drifted, with what differs
        if overlaps:
            return "silent drift"
    return "false anchor"


def _deleted(
    texts: list[str], number: int, start: int, end: int, evidence: Evidence, original: str
) -> str:
    paragraph = texts[number - 1]
    texts[number - 1] = (paragraph[:start] + paragraph[end:]).strip() or FILLER
    if _words(original) in _words("\x00".join(texts)):
        return "right"  # the same words stand elsewhere too: nothing to judge
    outcome = _both(_document(texts), evidence)
    if isinstance(outcome, Missing | Ambiguous):
        return "right"
    if outcome.method is Method.FUZZY and outcome.changes:
        return "right"  # drifted, with what differs shown
    return "false anchor"


@pytest.fixture(scope="module", autouse=True)
def _write_stats() -> Iterator[None]:
    yield
    out = os.environ.get("CONTESTED_MUTATION_STATS")
    if out:
        Path(out).write_text(json.dumps(dict(sorted(STATS.items())), indent=2), "utf-8")


def test_the_suite_has_quotes_from_every_casebook() -> None:
    assert len({q.name for q in QUOTES}) >= 6
    assert len(QUOTES) >= 100
