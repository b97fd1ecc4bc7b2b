"""Faults a third tester found in `contested compare` (session 22, fixer Y1): rows that
began or ended inside a number or word (F3), a lone comma anchoring unrelated clauses
(F4), Chinese and Japanese text compared as one word (F14)."""

from __future__ import annotations

import pytest
from compare_support import table

from claims.anchoring.variants import Kind, align_variants

# -- F3: rows break only between words ----------------------------------------------------


def test_a_number_with_a_thousands_separator_is_one_word() -> None:
    got = table(
        align_variants("More than 20,000 Palestinians died", "Over 20,500 Palestinians died")
    )
    assert got == [
        ("substitution", "More than 20,000", "Over 20,500"),
        ("same", "Palestinians died", "Palestinians died"),
    ]


@pytest.mark.parametrize(
    ("a", "b", "diff"),
    [
        ("prices rose 3.5% last year", "prices rose 3.7% last year", ("3.5", "3.7")),
        ("1.500.000 people fled", "1.600.000 people fled", ("1.500.000", "1.600.000")),
        ("the ٢٠٬٠٠٠ dead", "the ٢٠٬٥٠٠ dead", ("٢٠٬٠٠٠", "٢٠٬٥٠٠")),
    ],
)
def test_a_decimal_or_grouped_number_is_never_cut(a: str, b: str, diff: tuple[str, str]) -> None:
    rows = table(align_variants(a, b))
    assert ("substitution", *diff) in rows
    for _, left, right in rows:  # no row starts or ends next to a digit of the same number
        for text, part in ((a, left), (b, right)):
            if part:
                at = text.index(part)
                assert not (at and text[at - 1].isdigit() and part[0] in ".,٬")
                assert not (part[-1] in ".,٬" and text[at + len(part) :][:1].isdigit())


def test_a_word_with_an_inner_apostrophe_is_one_word() -> None:
    a = "during Israel's war against Hamas"
    b = "during Israel’s offensive against Hamas"  # the curly apostrophe is the same word
    assert table(align_variants(a, b)) == [
        ("same", "during Israel's", "during Israel’s"),
        ("substitution", "war", "offensive"),
        ("same", "against Hamas", "against Hamas"),
    ]
    got = table(align_variants("they don't know", "they do know"))
    assert got[1][1:] == ("don't", "do")  # not "don" + "'t"
    # not "Israel" shared and "’s" deleted: the possessive is a variant of the name
    got = table(align_variants("during Israel’s war on Gaza", "during Israel war on Gaza"))
    assert got[1] == ("variant", "Israel’s", "Israel")
    assert align_variants("Israel's war", "Israel war").counts()[Kind.SAME] == 1  # "war"


def test_a_word_after_a_closing_quote_or_full_stop_stays_apart() -> None:
    # only a mark between two letters or digits joins them: 'Hamas' and "Friday. Then" do not
    got = table(
        align_variants("the 'truce' ended. Then 3, 4 fell", "the 'truce' ended. Now 3, 4 fell")
    )
    assert got[1] == ("substitution", "Then", "Now")
    assert align_variants("the 'truce'", "the 'truce'").counts()[Kind.SAME] == 4


# -- F4: a shared punctuation mark alone does not pair unrelated clauses ----------------


def test_a_lone_comma_does_not_anchor_two_unrelated_clauses() -> None:
    # after "Officials said", the comma is the only token the two stretches share
    a = (
        "Officials said at least 110 people died in one strike on one school, "
        "which housed displaced families"
    )
    b = (
        "Officials said troops targeted some command centre inside that compound, "
        "adding it had taken steps to reduce harm to civilians"
    )
    got = table(align_variants(a, b))
    assert got == [
        ("same", "Officials said", "Officials said"),
        ("substitution", a[len("Officials said ") :], b[len("Officials said ") :]),
    ]
    # not: "…on one school" ≠ "…that compound", "," shared, "which…" ≠ "adding…"
    assert align_variants(a, b).counts()[Kind.SAME] == 2


def test_punctuation_next_to_shared_words_still_anchors() -> None:
    # the comma joins "Hamas" (shared) and so stays in the shared run
    got = table(
        align_variants(
            "war against Hamas, health officials said Friday",
            "war against Hamas, most of them women and children",
        )
    )
    assert got == [
        ("same", "war against Hamas,", "war against Hamas,"),
        ("substitution", "health officials said Friday", "most of them women and children"),
    ]
    # between two one-word swaps (a list) the comma stays shared too
    got = table(align_variants("troops from Russia, Iran", "troops from Turkey, Syria"))
    assert got[1:] == [
        ("substitution", "Russia", "Turkey"),
        ("same", ",", ","),
        ("substitution", "Iran", "Syria"),
    ]
    # a full stop between two variants (word pairs) is kept as well
    got = table(align_variants("Ziyouddin . Husay", "Ziyoddin . Husayn"))
    assert [kind for kind, _, _ in got] == ["variant", "same", "variant"]


# -- F14: Chinese and Japanese are compared character by character ---------------------


def test_chinese_differs_only_in_the_differing_characters() -> None:
    got = table(align_variants("部队将在会谈后撤出该地区", "军队将在会谈后撤离该地区"))
    assert got == [
        ("substitution", "部", "军"),
        ("same", "队将在会谈后撤", "队将在会谈后撤"),
        ("substitution", "出", "离"),
        ("same", "该地区", "该地区"),
    ]


def test_japanese_kana_and_kanji_are_one_character_each() -> None:
    got = table(align_variants("東京で会議が開かれた", "大阪で会議が開かれた"))
    assert got == [
        ("substitution", "東京", "大阪"),
        ("same", "で会議が開かれた", "で会議が開かれた"),
    ]
    # Latin words beside them stay whole
    got = table(align_variants("NATO 会议 2024", "NATO 会谈 2024"))
    assert got == [
        ("same", "NATO 会", "NATO 会"),
        ("substitution", "议", "谈"),
        ("same", "2024", "2024"),
    ]
