"""`check` warns about a `url:` that is not a plain http(s) address (`bad-url`) and a
`language:` that is not a BCP 47 tag (`bad-language`), at the value's line; ClaimReview's
refusal of such a `url:` says what is wrong with it (the tester's item 11)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CASEBOOK, SOURCE, RunCli, make_casebook

DISPUTE_URL = "    question: When did the raid begin?\n    url: 'https://ok.example/raid'\n"
HOSTILE = (
    CASEBOOK.replace(
        "title: Test casebook\n",
        "title: Test casebook\nlanguage: en_US\npublisher: The Desk\nurl: 'javascript:alert(1)'\n",
    )
    .replace(
        "  report: {file: sources/report.txt}\n",
        "  report:\n"
        "    file: sources/report.txt\n"
        "    url: 'https://ex.org/a?x=</script><b>'\n"
        "    language: 'en\" onload=\"x'\n",
    )
    .replace("    question: When did the raid begin?\n", DISPUTE_URL)
)


def casebook(tmp_path: Path, yaml: str = HOSTILE) -> Path:
    review = "raid:\n  positions:\n    Police: {rating: supported}\n"
    return make_casebook(
        tmp_path / "case", yaml, {"sources/report.txt": SOURCE}, {"review.yaml": review}
    )


def line_of(root: Path, text: str) -> int:
    lines = (root / "casebook.yaml").read_text().splitlines()
    return next(n for n, line in enumerate(lines, 1) if text in line)


def test_check_warns_about_bad_urls_and_languages_at_their_lines(
    run_cli: RunCli, tmp_path: Path
) -> None:
    root = casebook(tmp_path)
    code, out, err = run_cli("check", root, "--format", "json")
    found = json.loads(out)
    problems = found["problems"] if isinstance(found, dict) else found
    ours = sorted(
        (p["code"], p["line"], p["message"], p.get("hint") or "")
        for p in problems
        if p["code"] in ("bad-url", "bad-language")
    )
    assert [(c, n) for c, n, _, _ in ours] == [
        ("bad-language", line_of(root, "language: en_US")),
        ("bad-language", line_of(root, "onload")),
        ("bad-url", line_of(root, "javascript:")),
        ("bad-url", line_of(root, "</script>")),
    ]
    messages = " | ".join(m for _, _, m, _ in ours)
    assert "`url:` of the casebook is not an http(s) address (it starts with `javascript:`)" in (
        messages
    )
    assert "`url:` of source 'report' contains characters a URL may not hold: `<`, `>`" in (
        messages
    )
    assert "`language:` of source 'report', 'en\" onload=\"x', is not a BCP 47 tag" in messages
    assert "write it as 'en-US'" in ours[0][3]
    assert code == 0, err  # warnings: the casebook still works (exports neutralise both)


def test_a_clean_casebook_gets_no_address_warnings(run_cli: RunCli, tmp_path: Path) -> None:
    yaml = CASEBOOK.replace(
        "  report: {file: sources/report.txt}\n",
        "  report: {file: sources/report.txt, url: 'HTTPS://ex.org/a?b=1&c=%3C', "
        "language: sr-Latn-RS}\n",
    )
    code, out, _ = run_cli("check", casebook(tmp_path, yaml), "--format", "json")
    assert "bad-url" not in out
    assert "bad-language" not in out
    assert code == 0


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("https://ex.org/a", None),
        ("javascript:alert(1)", "is not an http(s) address (it starts with `javascript:`)"),
        ("ex.org/a", "is not an http(s) address (it should start with `https://`)"),
        ("https:ex.org", "should be followed by `//` and a host"),
        ('https://ex.org/a b"c', 'contains characters a URL may not hold: a space, `"`'),
        ("https://ex.org/\x1b[31m", "contains characters a URL may not hold: U+001B"),
    ],
)
def test_url_fault_says_what_is_wrong(url: str, said: str | None) -> None:
    from claims.addresses import url_fault

    fault = url_fault(url)
    assert fault == said if said is None else said in (fault or "")


@pytest.mark.parametrize(
    ("tag", "ok"),
    [("en", True), ("pt-BR", True), ("sr-Latn-RS", True), ("x-local", True), ("zh-Hant", True),
     ("en_US", False), ("e", False), ('en" onload="x', False), ("en-", False), ("", False)],
)  # fmt: skip
def test_language_tags(tag: str, ok: bool) -> None:
    from claims.addresses import is_language_tag

    assert is_language_tag(tag) is ok


def test_claimreview_names_the_characters_of_an_https_url(run_cli: RunCli, tmp_path: Path) -> None:
    yaml = CASEBOOK.replace(
        "title: Test casebook\n",
        "title: Test casebook\npublisher: The Desk\n"
        "url: 'https://ex.org/a?x=</script><script>alert(1)</script>'\n",
    )
    code, out, err = run_cli("export", casebook(tmp_path, yaml), "-f", "claimreview")
    assert code == 2
    assert out == ""
    said = " ".join(err.split())
    assert "contains characters a URL may not hold: `<`, `>`" in said
    assert "needs an http(s) address" not in said  # it is one: https
