"""`contested export --format claimreview`: schema.org ClaimReview, one per rated position,
checked against the project's schema of what Google's fact-check tools require
(claims/export/schemas/claimreview.schema.json, each requirement with its source)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import BUNDLED, CASEBOOK, SOURCE, RunCli, make_casebook
from export_formats_support import REPO, render

from claims.export import ExportError
from claims.export.claimreview import holder_type, unrated_count
from claims.loader import load

jsonschema = pytest.importorskip("jsonschema")

SCHEMA = REPO / "claims" / "export" / "schemas" / "claimreview.schema.json"
PUBLISHED = "publisher: The Desk\nurl: https://desk.example/reviews/raids\n"
REVIEW = """\
cause-of-death:
  status: reviewed
  positions:
    heart-failure: {rating: unsupported, note: Contradicted., by: lm, at: '2026-11-22T10:04:00Z'}
    traumatic-shock: {rating: supported}
    unwell-then-hospital: {rating: unrated}
who-killed-them:
  positions:
    beaten-by-riot-police: {rating: unverifiable}
"""


def _validate(data: Any) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]
    assert errors == []
    for review in data:  # what the schema cannot say: the value lies on its scale
        rating = review["reviewRating"]
        if "ratingValue" in rating:
            assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]


def _bundled(tmp_path: Path, extra: str = PUBLISHED, review: str = REVIEW) -> Path:
    root = tmp_path / "book"
    shutil.copytree(BUNDLED, root)
    yaml = root / "casebook.yaml"
    yaml.write_text(extra + yaml.read_text(encoding="utf-8"), encoding="utf-8")
    (root / "review.yaml").write_text(review, encoding="utf-8")
    return root


def test_rated_positions_become_claimreviews_that_pass_the_schema(tmp_path: Path) -> None:
    root = _bundled(tmp_path)
    data = json.loads(render(root, "claimreview"))
    _validate(data)
    assert [r["claimReviewed"] for r in data] == [
        "The brothers died of heart failure.",
        "A second examination found multiple injuries and gave traumatic and haemorrhagic "
        "shock as the causes.",
        "Riot police beat the brothers to death.",
    ]
    first = data[0]
    assert first["url"] == "https://desk.example/reviews/raids"
    assert first["author"] == {"@type": "Organization", "name": "The Desk"}
    assert first["datePublished"] == "2026-11-22"
    assert first["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "Unsupported",
        "name": "Unsupported",
        "ratingValue": 2,
        "bestRating": 4,
        "worstRating": 1,
    }
    claim = first["itemReviewed"]
    assert claim["author"] == {"@type": "Organization", "name": "Russian forensic experts"}
    assert claim["datePublished"] == "2025-07-02"
    assert claim["appearance"] == [
        {
            "@type": "CreativeWork",
            "headline": "Russians were tortured in Baku. In Russia, an Azerbaijani "
            "businessman was arrested",
            "datePublished": "2025-07-02",
        }
    ]
    # Not ordinal: the label alone, no number.
    assert data[2]["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "Unverifiable",
        "name": "Unverifiable",
    }
    assert render(root, "claimreview") == render(root, "claimreview")  # deterministic


def test_unrated_positions_are_skipped_and_counted(tmp_path: Path) -> None:
    from claims.documents import Documents
    from claims.export import select

    casebook = load(_bundled(tmp_path)).casebook
    selection = select(casebook, ["cause-of-death"], Documents(casebook))
    assert unrated_count(casebook, selection) == 1  # rated `unrated`
    everything = select(casebook, [], Documents(casebook))
    positions = sum(len(d.positions) for d in casebook.disputes)
    assert unrated_count(casebook, everything) == positions - 3


def test_a_dispute_url_overrides_the_casebooks_and_source_urls_appear(tmp_path: Path) -> None:
    yaml = PUBLISHED + CASEBOOK.replace(
        "    question: When did the raid begin?\n",
        "    question: When did the raid begin?\n    url: https://desk.example/raid#top\n",
    ).replace(
        "report: {file: sources/report.txt}",
        "report: {file: sources/report.txt, url: 'https://news.example/r', outlet: Daily,"
        " published: 2024-05-01}",
    )
    review = "raid:\n  positions:\n    Police: {rating: false}\n    Families: {rating: unrated}\n"
    root = make_casebook(tmp_path, yaml, {"sources/report.txt": SOURCE}, {"review.yaml": review})
    data = json.loads(render(root, "claimreview"))
    _validate(data)
    assert len(data) == 1
    assert data[0]["url"] == "https://desk.example/raid#top"
    assert data[0]["reviewRating"]["ratingValue"] == 1
    assert data[0]["itemReviewed"]["appearance"] == [
        {
            "@type": "CreativeWork",
            "url": "https://news.example/r",
            "headline": "report.txt",
            "datePublished": "2024-05-01",
            "publisher": {"@type": "Organization", "name": "Daily"},
        }
    ]


@pytest.mark.parametrize(
    ("extra", "says"),
    [
        ("url: https://desk.example/\n", "add `publisher: <your desk's name>` to"),
        ("publisher: Desk\n", "add `url: https://…` to"),
        ("publisher: Desk\nurl: javascript:alert(1)\n", "`url: javascript:alert(1)`"),
    ],
)
def test_missing_publisher_or_url_is_an_error_naming_the_key(
    tmp_path: Path, extra: str, says: str
) -> None:
    root = _bundled(tmp_path, extra)
    with pytest.raises(ExportError, match=r"casebook\.yaml") as raised:
        render(root, "claimreview")
    assert says in str(raised.value)


def test_nothing_rated_needs_no_publisher(tmp_path: Path) -> None:
    root = _bundled(tmp_path, "", "")
    assert render(root, "claimreview") == b"[]\n"


def test_a_casebook_scale_with_values_sets_best_and_worst(tmp_path: Path) -> None:
    scale = (
        "ratings:\n"
        "  - {id: true, label: 'True', value: 10}\n"
        "  - {id: mixed, label: Mixed, value: 5}\n"
        "  - {id: pants-on-fire, label: Pants on fire, value: 0}\n"
        "  - {id: satire, label: Satire}\n"
    )
    review = "raid:\n  positions:\n    Police: {rating: mixed}\n    Families: {rating: satire}\n"
    root = make_casebook(
        tmp_path, PUBLISHED + scale + CASEBOOK, {"sources/report.txt": SOURCE},
        {"review.yaml": review},
    )  # fmt: skip
    data = json.loads(render(root, "claimreview"))
    _validate(data)
    assert [r["reviewRating"] for r in data] == [
        {
            "@type": "Rating",
            "alternateName": "Mixed",
            "name": "Mixed",
            "ratingValue": 5,
            "bestRating": 10,
            "worstRating": 0,
        },
        {"@type": "Rating", "alternateName": "Satire", "name": "Satire"},
    ]


def test_hostile_text_cannot_close_a_script_element(tmp_path: Path) -> None:
    from export_support import hostile

    root = hostile(tmp_path)
    yaml = root / "casebook.yaml"
    yaml.write_text(PUBLISHED + yaml.read_text(encoding="utf-8"), encoding="utf-8")
    data = render(root, "claimreview")
    assert b"<" not in data
    assert b">" not in data
    reviews = json.loads(data)
    _validate(reviews)
    assert reviews[0]["claimReviewed"] == '" onload="x'
    assert reviews[0]["itemReviewed"]["author"]["name"] == "<script>alert(1)</script>"


@pytest.mark.parametrize(
    ("holder", "kind"),
    [
        ("Ilham Aliyev", "Person"),
        ("Maria Zakharova", "Person"),
        ("J. R. R. Tolkien", "Person"),
        ("Russian forensic experts", "Organization"),
        ("Azerbaijani Foreign Ministry", "Organization"),
        ("Author, 2 July piece", "Organization"),
        ("Kremlin", "Organization"),
        ("People close to the Safarov family", "Organization"),
    ],
)
def test_holder_type(holder: str, kind: str) -> None:
    assert holder_type(holder) == kind


def test_the_command_writes_claimreview(run_cli: RunCli, tmp_path: Path) -> None:
    root = _bundled(tmp_path)
    code, out, err = run_cli("export", root, "--format", "claimreview")
    assert code == 0
    _validate(json.loads(out))
    positions = sum(len(d.positions) for d in load(root).casebook.disputes)
    assert f"{positions - 3} positions not rated, left out (3 ClaimReviews written)" in err
    code, out, err = run_cli("export", _bundled(tmp_path / "2", ""), "--format", "claimreview")
    assert code == 2
    assert out == ""
    assert "publisher:" in err
