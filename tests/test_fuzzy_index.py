"""The fuzzy rule on big sources: the word-pair index finds the place a drifted quote
comes from, agrees with scoring every paragraph, and is kept across reloads."""

from __future__ import annotations

import random
from pathlib import Path

from claims import Location, Method, Paragraph
from claims.anchoring import Found, Missing, anchor
from claims.anchoring.rules import word_index
from claims.model import Evidence
from claims.sources import read_document
from claims.sources.document import Document

WORDS = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "said",
    "that",
    "was",
    "for",
    "on",
    "with",
    "as",
    "by",
    "at",
    "from",
    "officials",
    "ministry",
    "police",
    "court",
    "report",
    "witnesses",
    "families",
    "council",
    "government",
    "minister",
    "statement",
    "inquiry",
    "raid",
    "arrest",
    "hospital",
    "border",
    "convoy",
    "brothers",
    "experts",
    "forensic",
    "examination",
    "injuries",
]


def big_document(paragraphs: int = 3000, seed: int = 1) -> Document:
    rng = random.Random(seed)
    texts = []
    for number in range(paragraphs):
        words = [rng.choice(WORDS) for _ in range(70)]
        words.insert(rng.randint(0, 69), f"Serial{number}x")
        texts.append(" ".join(words).capitalize() + ".")
    return Document([Paragraph(n, t, n) for n, t in enumerate(texts, 1)])


def evidence(quote: str) -> Evidence:
    return Evidence("s", quote, Location(Path("c.yaml")))


def test_retyped_quotes_are_found_at_their_paragraph_through_the_index() -> None:
    document = big_document()
    rng = random.Random(7)
    for number in rng.sample(range(1, 3001), 40):
        words = document.paragraph(number).text.split(" ")
        start = rng.randint(0, len(words) - 20)
        quote_words = words[start : start + 20]
        at = rng.randint(0, 19)
        quote_words[at] = quote_words[at][::-1] if len(quote_words[at]) > 3 else "zzz"
        quote = " ".join(quote_words)
        indexed = anchor(document, evidence(quote), 85, exhaustive=False)
        assert indexed == anchor(document, evidence(quote), 85, exhaustive=True)
        if isinstance(indexed, Found):
            assert (indexed.paragraph, indexed.method) == (number, Method.FUZZY)
        else:
            assert isinstance(indexed, Missing)
            assert indexed.closest == number


def test_a_long_quote_in_a_long_paragraph_is_found_with_what_differs() -> None:
    document = big_document(400)
    text = " ".join(p.text for p in document.paragraphs)
    one = Document([Paragraph(1, text, 1)])
    quote = text[len(text) // 2 : len(text) // 2 + 6000]
    quote = quote[quote.index(" ") + 1 : quote.rindex(" ")]
    typo = quote.replace("ministry", "minstry", 3)
    outcome = anchor(one, evidence(typo), 90)
    assert isinstance(outcome, Found)
    assert outcome.method is Method.FUZZY
    assert text[outcome.start : outcome.end] == quote  # exactly the source's words
    assert [text[c.start : c.end] for c in outcome.changes] == ["ministry"] * 3


def test_a_quote_whose_word_pairs_the_source_lacks_is_not_searched_in_full() -> None:
    document = big_document(200)
    index = word_index(document)
    words = document.paragraph(5).text.split(" ")
    assert index.may_hold(" ".join(words[10:20]))  # a real stretch: every inner pair is there
    assert not index.may_hold("words that never stand together in this text")


def test_an_unchanged_source_is_read_once_across_reloads(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("One paragraph.\n\nAnother paragraph.\n", "utf-8")
    first = read_document(path)
    word_index(first)
    assert read_document(path) is first  # same bytes: the same document, index and all
    path.write_text("One paragraph.\n\nA changed paragraph.\n", "utf-8")
    changed = read_document(path)
    assert changed is not first
    assert changed.paragraph(2).text == "A changed paragraph."
