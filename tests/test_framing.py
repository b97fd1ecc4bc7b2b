"""The framing lens (issue 14): cues as spans, profiles, coverage, `contested framing`."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import BUNDLED, RunCli, make_casebook

from claims.framing import CATEGORIES, NoFramingLists, coverage, cues, languages
from claims.framing.cues import Cue
from claims.framing.lists import lists_for, vader_loaded, verb_forms
from claims.framing.profile import Profile
from claims.framing.report import as_csv
from claims.loader import load


def found(text: str, category: str | None = None) -> list[tuple[str, str]]:
    return [(c.category, c.text) for c in cues([text]) if category in (None, c.category)]


# -- lists: inflections, phrases, boundaries ------------------------------------------------


def test_regular_verb_forms_are_generated() -> None:
    assert verb_forms("claim") == ["claim", "claims", "claimed", "claiming"]
    assert verb_forms("deny") == ["deny", "denies", "denied", "denying"]
    assert verb_forms("dismiss") == ["dismiss", "dismisses", "dismissed", "dismissing"]
    assert verb_forms("acknowledge") == [
        "acknowledge",
        "acknowledges",
        "acknowledged",
        "acknowledging",
    ]


@pytest.mark.parametrize(
    ("text", "category", "cue"),
    [
        ("The ministry insists it acted lawfully.", "attribution-distancing", "insists"),
        ("He kept insisting on it.", "attribution-distancing", "insisting"),
        ("The report clarifies nothing.", "attribution-endorsing", "clarifies"),
        ("Officials are denying it.", "denial", "denying"),
        ("She admitted the error.", "attribution-endorsing", "admitted"),
        ("Moscow rebutted the charge.", "denial", "rebutted"),
        ("The officers were reportedly detained.", "hedge", "reportedly"),
    ],
)
def test_inflected_forms_are_found(text: str, category: str, cue: str) -> None:
    assert (category, cue) in found(text)


def test_multiword_phrases_span_any_white_space_and_ignore_case() -> None:
    assert found("IT IS\n  no secret that", "booster") == [("booster", "IT IS\n  no secret")]
    assert found("according to those close to the family", "unnamed-source") == [
        ("unnamed-source", "according to those close to the family")
    ]


def test_phrases_match_on_word_boundaries_only() -> None:
    assert found("the mayor spoke", "hedge") == []  # "may" inside "mayor"
    assert found("words left unsaid", "attribution-neutral") == []
    assert found("a regimental band", "loaded") == []
    assert found("the state-sanctioned raid", "agentless-passive") == []


def test_curly_apostrophes_and_quotes_are_folded_without_moving_offsets() -> None:
    (cue,) = cues(["It\u2019s no secret: they won."])
    assert (cue.category, cue.start, cue.end, cue.text) == ("booster", 0, 14, "It\u2019s no secret")
    assert ("loaded", "regime") in found("Russia\u2019s regime fell.")


def test_may_the_month_is_not_a_hedge_and_may_the_modal_is() -> None:
    for month in ("In May the talks resumed.", "on 5 May 2024", "May 5 was hot.", "by May."):
        assert found(month, "hedge") == [], month
    assert found("It may rain.", "hedge") == [("hedge", "may")]
    assert found("They may appear to agree.", "hedge") == [("hedge", "may appear to")]


def test_the_said_and_other_non_cues_are_excluded() -> None:
    assert found("under the said agreement", "attribution-neutral") == []
    assert found("storms claimed the lives of three", "attribution-distancing") == []
    assert found("He claimed the title in May.", "attribution-distancing") == []
    assert found("she was denied access to a lawyer", "denial") == []
    assert found("Russia has shown no remorse", "attribution-endorsing") == []
    assert found("Peskov refused to disclose the details", "attribution-endorsing") == []
    assert found("He said it was over.", "attribution-neutral") == [("attribution-neutral", "said")]


def test_agentless_passive_is_a_heuristic_that_stops_at_by() -> None:
    assert found("Two men were killed on Friday.", "agentless-passive") == [
        ("agentless-passive", "were killed")
    ]
    assert found("Two men were killed by police.", "agentless-passive") == []
    assert found("He is interested in it.", "agentless-passive") == []  # stative
    assert found("He was not allowed in.", "agentless-passive") == [
        ("agentless-passive", "was not allowed")
    ]


def test_direct_quotes_need_a_speaker() -> None:
    quoted = cues(["\u201cWe will win,\u201d Putin said."])
    quote = [c for c in quoted if c.category == "direct-quote"]
    assert [(c.text, c.speaker) for c in quote] == [("\u201cWe will win,\u201d", "Putin")]
    assert found('Zakharova said: "It is under control."', "direct-quote") == [
        ("direct-quote", '"It is under control."')
    ]
    assert found('Russian "chauvinism" toward them', "direct-quote") == []  # scare quotes
    assert found('the agency "Sputnik Azerbaijan" said', "direct-quote") == []  # a name


def test_offsets_are_code_points_into_the_paragraph() -> None:
    paragraphs = ["Title", "Nothing here.", "\U0001f600 They reportedly left."]
    (cue,) = [c for c in cues(paragraphs) if c.category == "hedge"]
    assert (cue.paragraph, cue.start, cue.end) == (3, 7, 17)
    assert paragraphs[2][cue.start : cue.end] == "reportedly"


def test_loaded_reads_vaders_lexicon_from_the_installed_package() -> None:
    words = vader_loaded()
    assert "brutal" in words  # VADER -3.1
    assert "killed" not in words  # descriptive in hard news: vader-exclude.txt
    assert lists_for("en").sizes["loaded"] > 100


def test_a_language_without_lists_says_so() -> None:
    with pytest.raises(NoFramingLists, match="no framing lists for 'ru'"):
        cues(["Говорят, что"], "ru")
    assert "en" in languages()
    assert cues(["They reportedly left."], "en-GB")  # a region of a language with lists


# -- profile, coverage, the command ---------------------------------------------------------

TWO_SOURCES = """\
title: Two sources
language: en
sides:
  police: {label: Police}
  families: {label: Families}
sources:
  wire: {file: sources/wire.txt}
  blog: {file: sources/blog.txt}
  russian: {file: sources/ru.txt, language: ru}
disputes:
  - id: raid
    question: When did the raid begin?
    positions:
      - side: police
        holder: Police
        claim: At dawn.
        evidence:
          - {source: wire, quote: The raid reportedly began at dawn.}
      - side: families
        holder: Families
        claim: At night.
        evidence:
          - {source: blog, quote: It was a brutal night raid.}
  - id: toll
    question: How many died?
    positions:
      - side: police
        holder: Police
        claim: None.
        evidence:
          - {source: wire, quote: Nobody was hurt.}
      - side: families
        holder: Families
        claim: Two.
        evidence:
          - {source: wire, quote: Two were killed.}
"""
SOURCES = {
    "sources/wire.txt": (
        "The raid reportedly began at dawn.\n\nNobody was hurt.\n\nTwo were killed.\n"
    ),
    "sources/blog.txt": "It was a brutal night raid.\n\n=HYPERLINK(1) regime\n",
    "sources/ru.txt": "Говорят, что рейд начался на рассвете.\n",
}


def test_coverage_shows_a_source_left_out_of_a_dispute(tmp_path: Path) -> None:
    casebook = load(make_casebook(tmp_path, TWO_SOURCES, SOURCES)).casebook
    cells = {(c.dispute, c.source): c.sides for c in coverage(casebook)}
    assert cells[("raid", "wire")] == ("police",)
    assert cells[("raid", "blog")] == ("families",)
    assert cells[("toll", "wire")] == ("police", "families")
    assert cells[("toll", "blog")] == ()  # left out, and visible as such
    assert cells[("toll", "russian")] == ()


def test_json_has_the_issues_shape_and_says_which_language_has_no_lists(
    tmp_path: Path, run_cli: RunCli
) -> None:
    root = make_casebook(tmp_path, TWO_SOURCES, SOURCES)
    code, out, err = run_cli("framing", root, "--format", "json")
    assert code == 1  # the Russian source could not be profiled
    assert "no framing lists for 'ru'" in err
    data = json.loads(out)
    assert set(data) == {"sources", "coverage"}
    assert [s["source"] for s in data["sources"]] == ["wire", "blog", "russian"]
    russian = data["sources"][2]  # listed, with why it has no profile (never left out)
    assert set(russian) == {"source", "language", "error"}
    assert russian["language"] == "ru"
    assert russian["error"].startswith("no framing lists for 'ru'")
    wire = data["sources"][0]
    assert set(wire) == {
        "source",
        "language",
        "language_assumed",
        "words",
        "cues",
        "rates",
        "voices",
    }
    assert wire["language"] == "en"
    assert wire["language_assumed"] is False
    assert wire["words"] == 12
    assert set(wire["rates"]) == set(CATEGORIES)
    assert wire["rates"]["hedge"] == round(1000 / 12, 2)
    hedge = next(c for c in wire["cues"] if c["category"] == "hedge")
    assert hedge == {
        "category": "hedge",
        "paragraph": 1,
        "start": 9,
        "end": 19,
        "text": "reportedly",
    }
    assert {"holder": "Police", "side": "police", "quoted_words": 9} in wire["voices"]
    assert {"holder": "Families", "side": "families", "quoted_words": 3} in wire["voices"]
    assert {"dispute": "toll", "source": "blog", "sides": []} in data["coverage"]


def test_csv_is_one_row_per_cue_and_formula_cells_are_neutralised(
    tmp_path: Path, run_cli: RunCli
) -> None:
    root = make_casebook(tmp_path, TWO_SOURCES, SOURCES)
    code, out, _ = run_cli("framing", root, "--format", "csv", "--source", "blog")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["source", "language", "category", "paragraph", "start", "end", "text"]
    assert ["blog", "en", "loaded", "1", "9", "15", "brutal"] in rows
    # A cue's text is the source's: one that a spreadsheet would run gets a ' in front.
    bad = Cue("loaded", 2, 0, 13, "=HYPERLINK(1)")
    profile = Profile("blog", "en", 3, (bad,), {}, {}, (), {}, 0, 0)
    assert "'=HYPERLINK(1)" in as_csv([profile])


def test_human_output_marks_cues_in_context_and_shows_control_characters(
    tmp_path: Path, run_cli: RunCli
) -> None:
    sources = {**SOURCES, "sources/wire.txt": "The raid \x1b[31m reportedly began.\n"}
    root = make_casebook(tmp_path, TWO_SOURCES.replace("The raid reportedly", "x"), sources)
    code, out, _ = run_cli("framing", root, "--source", "wire")
    assert code == 0
    assert "\x1b" not in out  # ESC shown as ␛, never sent raw
    assert "\u241b" in out
    assert "¶1" in out
    assert "hedge" in out
    assert "[reportedly]" in out


def test_an_unknown_source_is_a_usage_error_with_a_suggestion(
    tmp_path: Path, run_cli: RunCli
) -> None:
    root = make_casebook(tmp_path, TWO_SOURCES, SOURCES)
    code, _, err = run_cli("framing", root, "--source", "wir")
    assert code == 2
    assert "no source 'wir'" in err
    assert "did you mean 'wire'" in err


def test_bundled_casebook_shows_both_profiles_coverage_and_the_safarov_cues(
    run_cli: RunCli,
) -> None:
    code, out, _ = run_cli("framing", BUNDLED)
    assert code == 0
    header = next(line for line in out.splitlines() if line.startswith("per 1,000 words"))
    assert "pushes-back" in header  # the two op-eds side by side
    assert "tortured-in-baku" in header
    assert "Coverage" in out
    assert "cause-of-death" in out
    code, out, _ = run_cli("framing", BUNDLED, "--format", "json")
    data = json.loads(out)
    casebook = load(BUNDLED).casebook
    from claims.documents import Documents

    document = Documents(casebook).get("pushes-back")
    assert document is not None
    pushes = next(s for s in data["sources"] if s["source"] == "pushes-back")
    safarov = {
        p.number for p in document.paragraphs if "Safarov" in p.text and "brothers" in p.text
    }
    near = [c for c in pushes["cues"] if c["paragraph"] in safarov]
    assert {"category": "hedge", "text": "reportedly"}.items() <= next(
        c for c in near if c["text"] == "reportedly"
    ).items()
    unnamed = [c for c in near if c["category"] == "unnamed-source"]
    assert [c["text"] for c in unnamed] == ["According to those close to the family"]
    code, out, _ = run_cli("framing", BUNDLED, "--source", "pushes-back")
    assert "[According to those close to the family]" in out
    assert "[reportedly]" in out


# -- the cue cache ---------------------------------------------------------------------------


def test_cached_cues_are_the_cues_and_a_damaged_value_is_a_miss(tmp_path: Path) -> None:
    import sqlite3

    from claims.documents import Documents
    from claims.framing import profile
    from claims.framing.cache import FILE, CueCache

    casebook = load(BUNDLED).casebook
    document = Documents(casebook).get("pushes-back")
    assert document is not None
    source = casebook.sources["pushes-back"]
    fresh = profile(source, document, casebook)
    cache = CueCache(tmp_path)
    assert profile(source, document, casebook, cache).cues == fresh.cues  # a miss: computed
    cache.save()
    cache = CueCache(tmp_path)
    texts = [p.text for p in document.paragraphs]
    numbers = [p.number for p in document.paragraphs]
    assert cache.get("en", texts, numbers) is not None  # now a hit
    assert profile(source, document, casebook, cache).cues == fresh.cues
    speakers = [c.speaker for c in fresh.cues if c.category == "direct-quote"]
    assert speakers
    assert all(speakers)
    with sqlite3.connect(tmp_path / FILE) as db:  # an offset past its paragraph's end
        (value,) = db.execute("SELECT value FROM cues").fetchone()
        body = json.loads(value)
        body["end"][0] = 10**6
        db.execute("UPDATE cues SET value = ?", (json.dumps(body),))
    db.close()
    assert CueCache(tmp_path).get("en", texts, numbers) is None
    assert profile(source, document, casebook, CueCache(tmp_path)).cues == fresh.cues


def test_a_voices_paragraphs_are_in_reading_order_once_each() -> None:
    from claims.bundled import bundled_casebook
    from claims.framing.profile import voices
    from claims.loader import load
    from claims.sources import read_document

    casebook = load(bundled_casebook()).casebook
    source = casebook.sources["pushes-back"]
    assert source.path is not None
    document = read_document(source.path)
    found = [v.paragraphs for v in voices("pushes-back", document, casebook)]
    assert any(len(p) > 1 for p in found)
    for paragraphs in found:
        assert list(paragraphs) == sorted(set(paragraphs), key=lambda n: (n == 0, n))
