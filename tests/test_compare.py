"""Word alignment of two renderings (`claims.anchoring.variants`) and comparisons of a
casebook's evidence (`claims.compare`): what a reader of `contested compare` or the app's
aligned view sees as same, variant, substituted, inserted and deleted."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest
from compare_support import table
from conftest import make_casebook

from claims.anchoring.variants import Alignment, Kind, Row, align_variants
from claims.compare import (
    CompareError,
    Origin,
    Pick,
    compare_picks,
    comparisons,
    parse_address,
    resolve,
)
from claims.loader import load
from claims.model import Casebook

FIRST = "In other words, 1937 continues—only more harshly, more brutally,"
SECOND = "That is, 1937 continues—only more severe, more terrible,"


# -- the alignment ------------------------------------------------------------------------


def test_aztv_renderings_are_substitutions_between_shared_runs() -> None:
    alignment = align_variants(FIRST, SECOND)
    assert table(alignment) == [
        ("substitution", "In other words", "That is"),
        ("same", ", 1937 continues—only more", ", 1937 continues—only more"),
        ("substitution", "harshly", "severe"),
        ("same", ", more", ", more"),
        ("substitution", "brutally", "terrible"),
        ("same", ",", ","),
    ]
    counts = alignment.counts()
    assert counts[Kind.SAME] == 9  # rule 2 tokens: ", 1937 continues - only more" is 6
    assert counts[Kind.SUBSTITUTION] == 5  # "In other words" (3) for "That is", 2 words
    assert counts[Kind.VARIANT] == counts[Kind.INSERTION] == counts[Kind.DELETION] == 0


def test_spelling_variants_of_names() -> None:
    alignment = align_variants("Ziyouddin and Husay", "Ziyoddin and Husayn")
    assert table(alignment) == [
        ("variant", "Ziyouddin", "Ziyoddin"),
        ("same", "and", "and"),
        ("variant", "Husay", "Husayn"),
    ]
    assert all(row.similarity >= 85 for row in alignment.rows)


def test_variants_found_inside_a_block_levenshtein_leaves_whole() -> None:
    # Levenshtein.opcodes replaces all seven tokens here; the inner pairing finds the names.
    alignment = align_variants(
        "Two brothers, Ziyouddin and Husay Safarov",
        "Ziyoddin and Husayn Safarov sustained multiple injuries",
    )
    assert table(alignment) == [
        ("deletion", "Two brothers,", ""),
        ("variant", "Ziyouddin", "Ziyoddin"),
        ("same", "and", "and"),
        ("variant", "Husay", "Husayn"),
        ("same", "Safarov", "Safarov"),
        ("insertion", "", "sustained multiple injuries"),
    ]
    counts = alignment.counts()
    assert (counts[Kind.DELETION], counts[Kind.INSERTION]) == (3, 3)


def test_insertion_and_deletion_sit_where_their_words_would_stand() -> None:
    alignment = align_variants("the quick brown fox", "the quick fox jumps")
    rows = alignment.rows
    assert [r.kind for r in rows] == [Kind.SAME, Kind.DELETION, Kind.SAME, Kind.INSERTION]
    deletion, insertion = rows[1], rows[3]
    assert deletion.b_start == deletion.b_end == alignment.b.index("fox")
    assert insertion.a_start == insertion.a_end == len(alignment.a)


def test_case_only_difference_is_a_variant_not_the_same() -> None:
    alignment = align_variants("The raid", "the raid")
    assert table(alignment) == [("variant", "The", "the"), ("same", "raid", "raid")]
    assert alignment.rows[0].similarity == 100.0


def test_short_unlike_words_stay_substitutions() -> None:
    assert table(align_variants("a cat", "an cat"))[0] == ("substitution", "a", "an")


def test_quotes_dashes_and_invisibles_are_the_same_words() -> None:
    a = 'Russians viewed themselves as a "superior race," - so\u00ad-called'
    b = "Russians viewed themselves as a “superior race,” — so-called"
    alignment = align_variants(a, b)
    assert [r.kind for r in alignment.rows] == [Kind.SAME]
    assert alignment.rows[0].a_end == len(a)
    assert alignment.rows[0].b_end == len(b)


def test_nfkc_and_spacing_normalised_offsets_in_the_original() -> None:
    a = "the ﬁrst\u00a0 raid"  # ligature fi, no-break space
    b = "the first raid"
    alignment = align_variants(a, b)
    assert [r.kind for r in alignment.rows] == [Kind.SAME]
    assert (alignment.rows[0].a_start, alignment.rows[0].a_end) == (0, len(a))


def test_empty_texts() -> None:
    assert align_variants("", "").rows == ()
    only_b = align_variants("", "two words")
    assert table(only_b) == [("insertion", "", "two words")]
    assert only_b.counts()[Kind.INSERTION] == 2


def test_threshold_decides_variant_or_substitution() -> None:
    assert align_variants("Husay", "Husayn").rows[0].kind is Kind.VARIANT
    assert align_variants("Husay", "Husayn", threshold=95).rows[0].kind is Kind.SUBSTITUTION
    with pytest.raises(ValueError, match="threshold"):
        align_variants("a", "b", threshold=0)


def test_counts_without_sizes_tokenise_the_rows() -> None:
    built = align_variants(FIRST, SECOND)
    by_hand = Alignment(built.a, built.b, built.rows)
    assert by_hand.counts() == built.counts()


def _words(rng: random.Random, count: int) -> list[str]:
    vocabulary = ["raid", "police", "Baku", "detained", "said", "the", "of", "brothers"]
    vocabulary += [f"w{n}ord" for n in range(300)]
    return [rng.choice(vocabulary) for _ in range(count)]


def _check_cover(alignment: Alignment) -> None:
    """Rows in order, non-overlapping, every word of either text in exactly one row."""
    a_at = b_at = 0
    for row in alignment.rows:
        assert row.a_start >= a_at
        assert row.b_start >= b_at
        assert row.a_end >= row.a_start
        assert row.b_end >= row.b_start
        assert alignment.a[a_at : row.a_start].strip() == ""
        assert alignment.b[b_at : row.b_start].strip() == ""
        a_at, b_at = row.a_end, row.b_end
    assert alignment.a[a_at:].strip() == ""
    assert alignment.b[b_at:].strip() == ""


def test_offsets_round_trip_on_random_texts() -> None:
    rng = random.Random(7)
    for _ in range(30):
        a = _words(rng, rng.randint(0, 60))
        b = [w if rng.random() > 0.2 else w + "s" for w in a]
        b = [w for w in b if rng.random() > 0.1] + _words(rng, rng.randint(0, 5))
        alignment = align_variants(" ".join(a), " ".join(b))
        _check_cover(alignment)
        for row in alignment.rows:
            left = alignment.a[row.a_start : row.a_end]
            right = alignment.b[row.b_start : row.b_end]
            if row.kind is Kind.SAME:
                assert left == right
            if row.kind is Kind.VARIANT:
                assert left != right
                assert " " not in left
                assert " " not in right
        counts = alignment.counts()
        assert counts[Kind.SAME] + counts[Kind.VARIANT] <= min(len(a), len(b))


def test_long_blocks_are_paired_in_pieces_and_stay_fast() -> None:
    rng = random.Random(3)
    a = " ".join("".join(rng.choice("abcdef") for _ in range(6)) for _ in range(5000))
    b = " ".join("X" + "".join(rng.choice("abcdef") for _ in range(6)) for _ in range(5000))
    started = time.perf_counter()
    alignment = align_variants(a, b)
    elapsed = time.perf_counter() - started
    _check_cover(alignment)
    assert elapsed < 1.0  # uncapped, the 5,000 × 5,000 block took seconds
    same = align_variants(" ".join(["aaaaaaa"] * 2000), " ".join(["aaaaaab"] * 2000))
    assert same.counts()[Kind.VARIANT] == 2000  # all paired along the diagonal


def test_row_is_the_documented_shape() -> None:
    row = align_variants("x", "x").rows[0]
    assert row == Row(Kind.SAME, 0, 1, 0, 1, 100.0)
    assert [k.value for k in Kind] == ["same", "variant", "substitution", "insertion", "deletion"]


# -- addresses and comparisons ---------------------------------------------------------------


def test_a_dispute_alone_compares_first_evidence_of_each_position(bundled: Casebook) -> None:
    (one,) = comparisons(bundled, "aztv-1937-wording")
    assert (one.a.address, one.b.address) == (
        "aztv-1937-wording:harshly-brutally:1",
        "aztv-1937-wording:severe-terrible:1",
    )
    assert one.a.origin is Origin.SOURCE
    assert one.a.citation == "¶24"
    assert one.b.citation == "¶28"
    assert one.b.source == "pushes-back"
    assert one.a.holder.startswith("First rendering")
    assert one.a.side == "text-variant"
    assert one.alignment.a == one.a.text
    assert one.a.text.startswith("Although both empires")
    assert one.a.text.endswith(FIRST)
    assert one.b.text.startswith("Today, although both empires")
    assert one.b.text.endswith(SECOND)
    assert [r.kind for r in one.alignment.rows].count(Kind.SUBSTITUTION) == 6


def test_explicit_addresses_give_the_same_comparison(bundled: Casebook) -> None:
    (alone,) = comparisons(bundled, "aztv-1937-wording")
    (named,) = comparisons(
        bundled, "aztv-1937-wording:harshly-brutally:1", "aztv-1937-wording:severe-terrible:1"
    )
    assert named.alignment == alone.alignment
    (numbered,) = comparisons(bundled, "aztv-1937-wording:#1", "aztv-1937-wording:#2:1")
    assert numbered.alignment == alone.alignment
    (short,) = comparisons(
        bundled, "aztv-1937-wording:harshly-brutally:2", "aztv-1937-wording:severe-terrible:2"
    )
    assert (short.a.text, short.b.text) == (FIRST, SECOND)
    assert [r.kind for r in short.alignment.rows].count(Kind.SUBSTITUTION) == 3


def test_a_position_alone_is_compared_with_the_other_positions(bundled: Casebook) -> None:
    (one,) = comparisons(bundled, "aztv-1937-wording:severe-terrible")
    assert (one.a.position, one.b.position) == ("severe-terrible", "harshly-brutally")
    assert one.a.text.endswith(SECOND)


def test_names_across_the_two_pieces(bundled: Casebook) -> None:
    (one,) = comparisons(bundled, "brothers-names")
    kinds = [(str(r.kind), one.a.text[r.a_start : r.a_end]) for r in one.alignment.rows]
    assert ("variant", "Ziyouddin") in kinds
    assert ("variant", "Husay") in kinds
    assert one.a.source != one.b.source


def test_the_text_is_the_sources_words_where_the_quote_drifts(tmp_path: Path) -> None:
    root = make_casebook(
        tmp_path,
        _CASEBOOK,
        {"sources/a.txt": "He said “the raid began at dawn” on Monday.\n"},
    )
    casebook = load(root).casebook
    (one,) = comparisons(casebook, "raid")
    assert one.a.text == "the raid began at dawn"  # the source's words, not the quote's
    assert one.a.quote == "the raid begun at dawn"
    assert one.a.origin is Origin.SOURCE
    assert one.a.citation == "¶1"
    assert one.b.origin is Origin.QUOTE
    assert one.b.citation is None
    assert one.b.text == "The raid started at night [bold]"
    assert ("substitution", "dawn", "night [bold]") in table(one.alignment)


_CASEBOOK = """\
title: T
sides:
  x: {label: X}
  y: {label: Y}
sources:
  a: {file: sources/a.txt}
disputes:
  - id: raid
    question: When?
    positions:
      - {side: x, holder: Police, claim: c, evidence: [{source: a, quote: the raid begun at dawn}]}
      - side: y
        holder: Families
        claim: c
        evidence: [{source: a, quote: 'The raid started at night [bold]'}]
  - id: lonely
    question: Who?
    positions:
      - {side: x, holder: Police, claim: c, evidence: [{source: a, quote: 'on Monday'}]}
"""


def test_unknown_dispute_names_the_close_ones(bundled: Casebook) -> None:
    with pytest.raises(CompareError, match=r"did you mean 'aztv-1937-wording'"):
        comparisons(bundled, "aztv-1937")


def test_unknown_position_lists_the_positions(bundled: Casebook) -> None:
    with pytest.raises(CompareError) as caught:
        comparisons(bundled, "aztv-1937-wording:harsh")
    assert "no position with id or holder 'harsh'" in caught.value.message
    assert "did you mean 'harshly-brutally'" in caught.value.message
    assert caught.value.hint is not None
    assert "severe-terrible" in caught.value.hint


def test_evidence_out_of_range_says_how_many(bundled: Casebook) -> None:
    with pytest.raises(CompareError, match=r"has no evidence 4: it has 3 \(1 to 3\)"):
        resolve(bundled, "aztv-1937-wording:harshly-brutally:4")
    with pytest.raises(CompareError, match="numbered from 1"):
        parse_address("aztv-1937-wording:harshly-brutally:0")
    with pytest.raises(CompareError, match="no position #5"):
        resolve(bundled, "aztv-1937-wording:#5")


def test_one_position_and_no_other_is_an_error(tmp_path: Path) -> None:
    root = make_casebook(tmp_path, _CASEBOOK, {"sources/a.txt": "It was on Monday.\n"})
    casebook = load(root).casebook
    with pytest.raises(CompareError, match=r"1 position.* citing evidence; nothing to compare"):
        comparisons(casebook, "lonely")
    (one,) = comparisons(casebook, "lonely", "raid:Families")  # across disputes: fine
    assert (one.a.dispute, one.b.dispute) == ("lonely", "raid")


def test_address_syntax() -> None:
    assert parse_address("d") == parse_address("d ")
    assert parse_address("d:Report: draft:2").position == "Report: draft"
    assert parse_address("d:Report: draft:2").evidence == 2
    assert parse_address("d:Report: draft").evidence is None
    for bad in (":x", "d:", "d::1", "d:p:"):
        with pytest.raises(CompareError):
            parse_address(bad)


def test_compare_picks_for_the_app(bundled: Casebook) -> None:
    dispute = bundled.dispute("aztv-1937-wording")
    assert dispute is not None
    one = compare_picks(bundled, Pick(dispute, 0, 2), Pick(dispute, 1, 2))
    assert one.a.evidence == 3
    assert one.b.position == "severe-terrible"
    assert one.a.text.startswith("today, Putin punishes")
