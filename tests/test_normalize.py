"""Rule 2: normalised text, class by class, and the map back to the source's characters.

Each row is a quote and a source that differ only by one class of characters; the quote
must anchor by the `normalized` rule to exactly the source's own span (the whole kind, not
one example: every member of each class is tried where the class is small enough).
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import pytest

from claims import Location, Method, Paragraph
from claims.anchoring import Found, anchor
from claims.anchoring.normalize import (
    COMPOSES_WITH_PREVIOUS,
    IGNORABLE_RANGES,
    is_ignorable,
    normalize,
)
from claims.model import Evidence
from claims.sources.document import Document


def anchored(quote: str, source: str) -> tuple[Found, str]:
    document = Document([Paragraph(1, source, 1)])
    outcome = anchor(document, Evidence("s", quote, Location(Path("c.yaml"))), 90)
    assert isinstance(outcome, Found), (quote, source, outcome)
    return outcome, source[outcome.start : outcome.end]


def hex_id(char: str) -> str:
    return f"U+{ord(char):04X}"


def every(predicate: object) -> list[str]:
    return [chr(c) for c in range(0x80, sys.maxunicode + 1) if predicate(chr(c))]  # type: ignore[operator]


# --- invisible characters: Cf and Default_Ignorable_Code_Point --------------------------------

FORMAT = list(every(lambda c: unicodedata.category(c) == "Cf"))
OTHER_IGNORABLE = [chr(c) for low, high in IGNORABLE_RANGES for c in range(low, high + 1)]


@pytest.mark.parametrize("char", FORMAT + OTHER_IGNORABLE[:40], ids=hex_id)
def test_an_invisible_character_inside_a_word_is_ignored(char: str) -> None:
    source = f"The com{char}mission pub{char}lished its findings on Monday."
    outcome, span = anchored("commission published its findings", source)
    assert outcome.method is Method.NORMALIZED
    assert span == f"com{char}mission pub{char}lished its findings"  # starts and ends on words


def test_soft_hyphens_do_not_shift_the_span() -> None:
    source = "The com\xadmission pub\xadlished its find\xadings on Monday."
    outcome, span = anchored("commission published its findings", source)
    assert (outcome.start, outcome.end) == (4, 40)
    assert span == "com\xadmission pub\xadlished its find\xadings"


def test_bidi_marks_and_isolates_around_words_are_ignored() -> None:
    source = "He said \u2067\u200fheart failure\u2069 was the cause."
    _outcome, span = anchored("said heart failure was", source)
    assert span.startswith("said")
    assert span.endswith("was")


# --- canonical equivalence: NFKC over whole combining sequences --------------------------------

WORDS = ["Йошкар-Ола", "Việt Nam", "Hồ Chí Minh", "café naïve", "Ελληνικά ἄνθρωπος", "한국어"]


@pytest.mark.parametrize("word", WORDS)
@pytest.mark.parametrize(("quote_form", "source_form"), [("NFC", "NFD"), ("NFD", "NFC")])
def test_composed_and_decomposed_text_match(word: str, quote_form: str, source_form: str) -> None:
    source = unicodedata.normalize(source_form, f"They went to {word} on Monday.")
    quote = unicodedata.normalize(quote_form, f"went to {word} on")
    outcome, span = anchored(quote, source)
    assert outcome.method is Method.NORMALIZED
    assert span == unicodedata.normalize(source_form, f"went to {word} on")


def test_a_match_never_ends_inside_a_combining_sequence() -> None:
    source = unicodedata.normalize("NFD", "Ziyoddin Safarov and Huseyn Safarov")
    _, span = anchored("Ziyoddin Safarov", source)
    assert span == unicodedata.normalize("NFD", "Ziyoddin Safarov")
    decomposed = unicodedata.normalize("NFD", "at Hồ")
    _, span = anchored("at Hồ", decomposed + " today")
    assert span == decomposed  # every combining mark of the last letter is inside


def test_compatibility_forms_fold() -> None:
    for quote, source in [
        ("fine print", "ﬁne print"),
        ("Full width", "Ｆull width"),
        ("wait... what", "wait… what"),
        ("x and 1/2", "x and 1⁄2"),
    ]:
        _outcome, span = anchored(quote, f"It says {source} here.")
        assert span == source


# --- folding by class: quotes, apostrophes, dashes, spaces -------------------------------------

QUOTES = every(
    lambda c: unicodedata.category(c) in ("Pi", "Pf") or "QUOTATION MARK" in unicodedata.name(c, "")
)
SINGLE = [c for c in QUOTES if "SINGLE" in unicodedata.name(c)]
DOUBLE = [c for c in QUOTES if c not in SINGLE and not is_ignorable(c)]
APOSTROPHES = ["\u2019", "\u02bc", "\uff07", "\u2032", "\u00b4"]
DASHES = [*every(lambda c: unicodedata.category(c) == "Pd"), "−"]
SPACES = [*every(lambda c: unicodedata.category(c) == "Zs"), "\u202f", "\u2009", "\u3000"]


@pytest.mark.parametrize("mark", [*DOUBLE, "「", "」", "＂"], ids=hex_id)
def test_every_double_quotation_mark_is_a_straight_quote(mark: str) -> None:
    _outcome, span = anchored('were "beaten" by', f"Both were {mark}beaten{mark} by police.")
    assert span == f"were {mark}beaten{mark} by"


@pytest.mark.parametrize("mark", SINGLE + APOSTROPHES, ids=hex_id)
def test_every_single_quotation_mark_and_apostrophe_is_a_straight_one(mark: str) -> None:
    _outcome, span = anchored("the minister's aide", f"Said the minister{mark}s aide today.")
    assert span == f"the minister{mark}s aide"


@pytest.mark.parametrize("dash", DASHES, ids=hex_id)
def test_every_dash_and_hyphen_is_a_hyphen(dash: str) -> None:
    source = f"A Russian{dash}Azerbaijani row, 1{dash}2 July."
    _outcome, span = anchored("Russian-Azerbaijani row, 1-2 July", source)
    assert span == f"Russian{dash}Azerbaijani row, 1{dash}2 July"


@pytest.mark.parametrize("space", SPACES, ids=hex_id)
def test_every_space_is_a_space(space: str) -> None:
    _outcome, span = anchored("heart failure was", f"The heart{space}failure{space}{space}was it.")
    assert span == f"heart{space}failure{space}{space}was"


def test_line_breaks_and_tabs_fold_to_one_space() -> None:
    _outcome, span = anchored("the  brothers\twere", "So the brothers\n were there.")
    assert span == "the brothers\n were"


# --- the map back ------------------------------------------------------------------------------


def test_map_back_covers_each_original_character_in_order() -> None:
    text = "“A”  —\u00a0‘b’ «c» –\u2212 ﬁne Ｆull\t\n e\u0301nd "
    normal = normalize(text)
    assert normal.text == '"A" - \'b\' "c" -- fine Full énd'
    starts = [normal.start(i) for i in range(len(normal.text))]
    assert starts == sorted(starts)
    assert text[normal.start(normal.text.index("fine"))] == "ﬁ"
    assert text[normal.start(normal.text.index("Full"))] == "Ｆ"
    assert text[slice(*normal.span(len(normal.text) - 3, len(normal.text)))] == "e\u0301nd"


def test_plain_ascii_changes_only_white_space() -> None:
    assert normalize("  plain   text\n").text == "plain text"
    normal = normalize("plain text")
    assert normal.text == "plain text"
    assert [normal.span(i, i + 1) for i in range(10)] == [(i, i + 1) for i in range(10)]


def test_case_is_kept() -> None:
    assert normalize("Heart Failure").text == "Heart Failure"


# --- the tables are right for this Python's Unicode database -----------------------------------


def test_composes_with_previous_is_complete() -> None:
    derived = set(range(0x1161, 0x1176)) | set(range(0x11A8, 0x11C3))
    for code in range(sys.maxunicode + 1):
        decomposition = unicodedata.decomposition(chr(code))
        if decomposition and not decomposition.startswith("<"):
            parts = decomposition.split()
            if len(parts) == 2 and unicodedata.combining(chr(int(parts[1], 16))) == 0:
                derived.add(int(parts[1], 16))
    assert derived <= COMPOSES_WITH_PREVIOUS


def test_ignorable_covers_format_characters() -> None:
    assert all(is_ignorable(c) for c in FORMAT)
    assert not is_ignorable("a")
    assert not is_ignorable("й")


@pytest.mark.parametrize(
    ("quote", "source"),
    [("killed 121 people", "killed 12¹ people"), ("rose to 103 in May", "rose to 10³ in May"),
     ("was 11/2 tablets", "was 1½ tablets")],
)  # fmt: skip
def test_superscripts_and_fractions_do_not_become_plain_digits(quote: str, source: str) -> None:
    document = Document([Paragraph(1, f"It {source}.", 1)])
    outcome = anchor(document, Evidence("s", quote, Location(Path("c.yaml"))), 90)
    assert not (isinstance(outcome, Found) and outcome.method is Method.NORMALIZED)
