"""Finding a quote in its source (`claims.anchoring.anchor`) and normalising text for it."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import make_casebook

from claims import Location, Method, Paragraph, check, load
from claims.anchoring import Ambiguous, Found, Missing, Outcome, anchor
from claims.model import Evidence
from claims.sources.document import Document

PARAGRAPHS = [
    "Officials said the brothers died of heart failure after the arrest.",
    "Relatives said the brothers were “beaten”  by riot\u00a0police — during the raid.",
    "The ministry repeated that the brothers died of heart failure in hospital.",
    "Nothing else was said about the weather in the mountains that week.",
]
DOCUMENT = Document([Paragraph(n, text, n * 2 - 1) for n, text in enumerate(PARAGRAPHS, 1)])


def find(
    quote: str,
    *,
    threshold: float = 90,
    document: Document = DOCUMENT,
    before: str | None = None,
    after: str | None = None,
    paragraph: int | None = None,
) -> Outcome:
    evidence = Evidence(
        "s",
        quote,
        Location(Path("casebook.yaml")),
        before=before,
        after=after,
        paragraph=paragraph,
    )
    return anchor(document, evidence, threshold)


def span(outcome: Outcome, document: Document = DOCUMENT) -> str:
    assert isinstance(outcome, Found), outcome
    return document.paragraph(outcome.paragraph).text[outcome.start : outcome.end]


# --- exact -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quote", "paragraph"),
    [
        ("Officials said", 1),
        ("heart failure after the arrest.", 1),
        ("The ministry repeated", 3),
        ("the weather in the mountains that week", 4),
        ("riot\u00a0police — during", 2),
    ],
)
def test_exact_quote_gives_its_paragraph_and_span(quote: str, paragraph: int) -> None:
    outcome = find(quote)
    assert isinstance(outcome, Found)
    assert (outcome.paragraph, outcome.method, outcome.score) == (paragraph, Method.EXACT, 100.0)
    text = PARAGRAPHS[paragraph - 1]
    # Offsets are into the paragraph's own text, not into the whole document.
    assert (outcome.start, outcome.end) == (text.index(quote), text.index(quote) + len(quote))
    assert span(outcome) == quote


def test_exact_quote_in_two_paragraphs_is_ambiguous_never_a_guess() -> None:
    outcome = find("died of heart failure")
    assert isinstance(outcome, Ambiguous)
    assert (outcome.paragraphs, outcome.method, outcome.places) == ((1, 3), Method.EXACT, 2)
    # every place is kept, so the app can show each of them
    assert [DOCUMENT.paragraph(s.paragraph).text[s.start : s.end] for s in outcome.spans] == [
        "died of heart failure"
    ] * 2


def test_exact_quote_twice_in_one_paragraph_is_ambiguous() -> None:
    document = Document([Paragraph(1, "Yes, he said. And then: yes, he said.", 1)])
    outcome = find("he said", document=document)
    assert isinstance(outcome, Ambiguous)
    assert (outcome.paragraphs, outcome.method, outcome.places) == ((1,), Method.EXACT, 2)
    assert [(s.start, s.end) for s in outcome.spans] == [(5, 12), (29, 36)]


@pytest.mark.parametrize(
    ("before", "after", "hint", "paragraph"),
    [
        ("Officials said the brothers", None, None, 1),
        ("repeated that the brothers", None, None, 3),
        (None, "after the arrest", None, 1),
        (None, "in hospital.", None, 3),
        (None, None, 3, 3),
        (None, None, 1, 1),
        ("the brothers", "in  hospital", None, 3),  # context is compared normalised
    ],
)
def test_before_after_and_paragraph_choose_one_place(
    before: str | None, after: str | None, hint: int | None, paragraph: int
) -> None:
    outcome = find("died of heart failure", before=before, after=after, paragraph=hint)
    assert isinstance(outcome, Found)
    assert (outcome.paragraph, outcome.method) == (paragraph, Method.EXACT)
    assert span(outcome) == "died of heart failure"


def test_context_that_fits_no_place_is_no_match_and_names_the_near_miss() -> None:
    # `before:` binds: where the text before the quote contradicts it, it is not a match.
    outcome = find("died of heart failure", before="somebody else said")
    assert isinstance(outcome, Missing)
    assert outcome.note is not None
    assert "¶1" in outcome.note
    assert "somebody else said" in outcome.note


# --- normalised --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quote", "original"),
    [
        # straight quotes typed for curly ones, a double space in the source
        ('were "beaten" by riot', "were “beaten”  by riot"),
        # a hyphen typed for an em dash, a plain space for a no-break space
        ("riot police - during the raid", "riot\u00a0police — during the raid"),
        # runs of white space in the quote
        ("the  brothers\twere", "the brothers were"),
    ],
)
def test_normalized_match_spans_the_original_text(quote: str, original: str) -> None:
    outcome = find(quote)
    assert isinstance(outcome, Found)
    assert (outcome.paragraph, outcome.method, outcome.score) == (2, Method.NORMALIZED, 100.0)
    assert span(outcome) == original


def test_a_normalized_match_is_not_a_drift_warning(tmp_path: Path) -> None:
    source = "\n\n".join(PARAGRAPHS) + "\n"
    root = make_casebook(
        tmp_path,
        CASEBOOK.format(quote="'were \"beaten\" by riot police - during the raid'"),
        {"source.txt": source},
    )
    report = check(load(root))
    assert report.problems == []
    assert [a.method for a in report.anchors] == [Method.EXACT, Method.NORMALIZED]


# --- fuzzy -----------------------------------------------------------------------------------


def test_fuzzy_match_above_the_threshold() -> None:
    outcome = find("the brothers were beatn by riot polise")
    assert isinstance(outcome, Found)
    assert (outcome.paragraph, outcome.method) == (2, Method.FUZZY)
    assert 90 <= outcome.score < 100
    # The span covers whole words of the source, never part of one.
    assert span(outcome) == "the brothers were “beaten”  by riot\u00a0police"


def test_fuzzy_threshold_is_respected() -> None:
    quote = "the weather on the mountain tops that month"
    strict = find(quote, threshold=95)
    loose = find(quote, threshold=70)
    assert isinstance(strict, Missing)
    assert strict.closest == 4
    assert isinstance(loose, Found)
    assert (loose.paragraph, loose.method) == (4, Method.FUZZY)
    assert loose.score == strict.score


def test_short_quote_is_never_matched_fuzzily() -> None:
    # 15 characters, one letter off: too short to trust a fuzzy match.
    outcome = find("heart failire a")
    assert isinstance(outcome, Missing)
    assert outcome.closest in (1, 3)


@pytest.mark.parametrize(
    "quote",
    [
        "a completely unrelated sentence about cats sitting on mats",
        "The president denied that anyone had been beaten at all.",
    ],
)
def test_unrelated_quote_is_missing_with_its_closest_paragraph(quote: str) -> None:
    outcome = find(quote)
    assert isinstance(outcome, Missing)
    assert outcome.closest is not None
    assert 1 <= outcome.closest <= len(PARAGRAPHS)
    assert outcome.score < 90


def test_fuzzy_tie_between_paragraphs_is_ambiguous() -> None:
    document = Document(
        [
            Paragraph(1, "The convoy left the city before dawn on Tuesday.", 1),
            Paragraph(2, "Something else entirely.", 3),
            Paragraph(3, "The convoy left the city before dawn on Tuesday.", 5),
        ]
    )
    outcome = find("The convoy left the citty before dawn", document=document)
    assert isinstance(outcome, Ambiguous)
    assert (outcome.paragraphs, outcome.method) == ((1, 3), Method.FUZZY)
    hinted = find("The convoy left the citty before dawn", document=document, paragraph=3)
    assert isinstance(hinted, Found)
    assert (hinted.paragraph, hinted.method) == (3, Method.FUZZY)


# --- never across paragraphs -----------------------------------------------------------------


@pytest.mark.parametrize(
    "quote",
    [
        "after the arrest. Relatives said",
        "after the arrest.Relatives said",
        "after the arrest.\nRelatives said the brothers",
        "in hospital. Nothing else was said about the weather",
    ],
)
def test_a_quote_never_spans_two_paragraphs(quote: str) -> None:
    outcome = find(quote)
    assert not isinstance(outcome, Found), outcome
    assert isinstance(outcome, Missing)


CASEBOOK = """\
title: Anchoring
sides:
  a: {{label: A}}
  b: {{label: B}}
sources:
  s: {{file: source.txt}}
disputes:
  - id: d
    question: Q?
    positions:
      - side: a
        holder: A
        claim: C
        evidence:
          - source: s
            quote: Nothing else was said about the weather
      - side: b
        holder: B
        claim: D
        evidence:
          - source: s
            quote: {quote}
"""


def test_a_quote_of_invisible_characters_alone_says_so(tmp_path: Path) -> None:
    root = make_casebook(
        tmp_path,
        """\
title: t
sides: {a: {label: A}}
sources: {s: {file: s.txt}}
disputes:
  - id: d
    question: q?
    positions:
      - side: a
        holder: A
        claim: c
        evidence:
          - {source: s, quote: "\\u200b\\u00ad"}
""",
        {"s.txt": "Some text here.\n"},
    )
    report = check(load(root))
    [problem] = [p for p in report.problems if p.code == "quote-not-found"]
    assert "no visible text" in problem.message


# --- word edges, context before similarity ------------------------------------------------


@pytest.mark.parametrize(
    ("quote", "source"),
    [
        ("legal under international law", "The strike was illegal under international law."),
        ("5 people were killed", "Officials said 15 people were killed."),
        ("he denied the report", "She denied the report."),
        ("Le cafe", "Le cafe\u0301 est ferme\u0301."),
    ],
)
def test_a_match_inside_a_word_is_not_the_quoted_words(quote: str, source: str) -> None:
    document = Document([Paragraph(1, source, 1)])
    outcome = find(quote, document=document)
    assert not (isinstance(outcome, Found) and outcome.method is not Method.FUZZY), outcome


def test_quotes_in_scripts_without_spaces_still_match_exactly() -> None:
    document = Document([Paragraph(1, "外交部发言人表示会谈将于下周恢复。", 1)])
    outcome = find("会谈将于下周恢复", document=document)
    assert isinstance(outcome, Found)
    assert outcome.method is Method.EXACT


def test_a_context_that_fits_beats_a_higher_similarity() -> None:
    document = Document(
        [
            Paragraph(1, "On 16 May the minister said the talks will resume in Geneva.", 1),
            Paragraph(2, "On 15 May the minister said the talk will resume in Geneva.", 2),
        ]
    )
    # ¶1 is the closer wording (exact, even), but `before:` says ¶2.
    outcome = find(
        "the minister said the talks will resume in Geneva", document=document, before="On 15 May"
    )
    assert isinstance(outcome, Found)
    assert outcome.paragraph == 2


def test_an_exact_context_by_rule_2_beats_a_rough_one_by_rule_1() -> None:
    document = Document(
        [
            Paragraph(1, "On 16 May the army's unit fired first, a witness said.", 1),
            Paragraph(2, "On 15 May the army\u2019s unit fired first, a witness said.", 2),
        ]
    )
    outcome = find("the army's unit fired first", document=document, before="On 15 May")
    assert isinstance(outcome, Found)
    assert (outcome.paragraph, outcome.method) == (2, Method.NORMALIZED)


def test_context_ignores_capitals() -> None:
    outcome = find("died of heart failure", before="OFFICIALS SAID THE BROTHERS")
    assert isinstance(outcome, Found)
    assert outcome.paragraph == 1


@pytest.mark.parametrize(
    ("quote", "span", "pair"),
    [
        ("the cause of death as heart attack", "the cause of death as heart failure",
         ("attack", "failure")),
        ("Officials said the convoy was stopped at the border", "Police said the convoy was "
         "stopped at the border", ("Officials", "Police")),
    ],
)  # fmt: skip
def test_a_changed_first_or_last_word_is_in_the_span_as_a_change(
    quote: str, span: str, pair: tuple[str, str]
) -> None:
    text = f"Before that, {span}, relatives said."
    document = Document([Paragraph(1, text, 1)])
    outcome = find(quote, document=document, threshold=80)
    assert isinstance(outcome, Found)
    assert text[outcome.start : outcome.end] == span
    assert [
        (quote[c.quote_start : c.quote_end], text[c.start : c.end]) for c in outcome.changes
    ] == [pair]
