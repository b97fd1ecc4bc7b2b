"""A saved page's own metadata (claims.sources.metadata): what it finds, that it never
crashes or lets markup and terminal controls through, and that the casebook always wins
(in citations, `contested show`, and the cards' details)."""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

from conftest import RunContested, make_casebook

from claims.citation import citation, details
from claims.loader import load
from claims.sources.metadata import EMPTY, LIMIT, fill, page_metadata, read_metadata

HEAD = """<!doctype html><html><head>
<title>Title tag | Outlet</title>
<meta property="og:title" content="The og title">
<meta property="og:site_name" content="The Daily Example">
<meta name="author" content="Ann Writer">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<link rel="canonical" href="https://example.org/story">
</head><body><h1>Headline</h1><p>Body text.</p></body></html>"""


def test_head_tags() -> None:
    page = page_metadata(HEAD)
    assert page.title == "The og title"
    assert page.outlet == "The Daily Example"
    assert page.author == "Ann Writer"
    assert page.published == dt.date(2024, 3, 5)
    assert page.url == "https://example.org/story"


def test_title_falls_back_to_title_tag_then_h1() -> None:
    assert page_metadata("<title> A  &amp;\n B </title><h1>H</h1>").title == "A & B"
    assert page_metadata("<body><h1>The <em>first</em> one</h1><h1>Second</h1>").title == (
        "The first one"
    )


def test_json_ld_graph_lists_authors_and_publisher() -> None:
    ld = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "name": "site"},
            {
                "@type": "NewsArticle",
                "datePublished": "2023-12-22T08:00:00+00:00",
                "author": [{"@type": "Person", "name": "A One"}, {"name": "B Two"}],
                "publisher": {"@type": "Organization", "name": "Pub Co"},
            },
        ],
    }
    html = f'<script type="application/ld+json">[{json.dumps(ld)}]</script><title>t</title>'
    page = page_metadata(html)
    assert page.published == dt.date(2023, 12, 22)
    assert page.author == "A One, B Two"
    assert page.outlet == "Pub Co"


def test_time_element_and_og_url() -> None:
    html = (
        '<meta property="og:url" content="https://example.org/x">'
        '<time datetime="0001-01-01T00:00:00">never</time>'
        '<time datetime="2019-11-19T19:07:00Z">Nov 19</time>'
    )
    page = page_metadata(html)
    assert page.published == dt.date(2019, 11, 19)  # a CMS's 0001-01-01 is no date
    assert page.url == "https://example.org/x"


def test_author_url_is_not_a_name() -> None:
    html = '<meta property="article:author" content="https://facebook.com/someone">'
    assert page_metadata(html).author is None


def test_hostile_values_are_plain_text() -> None:
    html = (
        "<title><script>alert(1)</script>Real [bold]title[/bold]</title>"
        '<meta property="og:site_name" content="Evil\x1b]8;;http://x\x07 Outlet\x1b[2J">'
        '<meta name="author" content="&#27;[31mRed&#x9b;">'
    )
    page = page_metadata(html)
    for value in (page.title, page.outlet, page.author):
        assert value is not None
        assert "\x1b" not in value
        assert "\x07" not in value
        assert "\x9b" not in value
        assert "<" not in value
    assert page.title == "alert(1) Real [bold]title[/bold]"  # text, never markup here


def test_values_are_capped() -> None:
    page = page_metadata(f"<title>{'word ' * 5000}</title>")
    assert page.title is not None
    assert len(page.title) <= LIMIT


def test_garbage_huge_and_deep_json_ld_never_crash() -> None:
    garbage = '<script type="application/ld+json">{"author": [1, 2, {"name": </script>'
    big = '{"author": {"name": "' + "x" * 1_000_000 + '"}, "datePublished": "2020-01-01"}'
    deep = "[" * 200_000 + "]" * 200_000
    odd = '{"@graph": {"author": 5, "publisher": [null, {"name": ["a"]}], "datePublished": 7}}'
    many = json.dumps([{"@type": "Thing", "n": i} for i in range(30_000)] + [{"author": "Z"}])
    assert 900_000 < len(many) < 1_000_000  # parsed, but only its first objects looked at
    for block in (garbage, big, deep, odd, many, "null", '"text"', "[]"):
        html = f'<script type="application/ld+json">{block}</script><title>ok</title>'
        start = time.perf_counter()
        page = page_metadata(html)
        assert time.perf_counter() - start < 2
        assert page.title == "ok"


def test_not_html_at_all() -> None:
    for text in ("", "   ", "\x00\x00", "<" * 100_000, "plain words", "<html"):
        page_metadata(text)  # never raises
    assert page_metadata("") == EMPTY


def test_read_metadata_only_html(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(HEAD, encoding="utf-8")
    (tmp_path / "b.html").write_bytes(b"\xff\xfe<title>x</title>")
    assert read_metadata(tmp_path / "a.txt") == EMPTY
    assert read_metadata(tmp_path / "b.html") == EMPTY  # not UTF-8: nothing, no error
    assert read_metadata(tmp_path / "missing.html") == EMPTY


CASEBOOK = """title: T
sides:
  a: {label: A}
sources:
  bare:
    file: sources/page.html
  own:
    file: sources/page.html
    title: My own title
    outlet: My outlet
    published: 2001-02-03
"""


def _casebook(tmp_path: Path) -> Path:
    return make_casebook(tmp_path, CASEBOOK, {"sources/page.html": HEAD})


def test_yaml_wins_and_page_fills_the_rest(tmp_path: Path) -> None:
    sources = load(_casebook(tmp_path)).casebook.sources
    bare, own = fill(sources["bare"]), fill(sources["own"])
    assert bare.title == "The og title"
    assert (bare.outlet, bare.author, bare.url) == (
        "The Daily Example",
        "Ann Writer",
        "https://example.org/story",
    )
    assert bare.published == dt.date(2024, 3, 5)
    assert own.title == "My own title"
    assert own.outlet == "My outlet"
    assert own.published == dt.date(2001, 2, 3)
    assert own.author == "Ann Writer"  # the YAML has none: the page's


def test_citation_uses_page_metadata(tmp_path: Path) -> None:
    sources = load(_casebook(tmp_path)).casebook.sources
    assert citation(sources["bare"], "bare", 2) == (
        "The og title, The Daily Example, Ann Writer, 2024-03-05, ¶2, https://example.org/story"
    )
    assert details(sources["own"]) == "My outlet · Ann Writer · 2001-02-03"


def test_show_prints_page_metadata(tmp_path: Path, run_contested: RunContested) -> None:
    root = make_casebook(
        tmp_path,
        CASEBOOK
        + """disputes:
  - id: d
    question: Q?
    positions:
      - side: a
        holder: H
        claim: C
        evidence:
          - source: bare
            quote: Body text.
""",
        {"sources/page.html": HEAD},
    )
    result = run_contested("show", root)
    assert "The og title" in result.stdout
    assert "The Daily Example · Ann Writer · 2024-03-05" in result.stdout
    assert "https://example.org/story" in result.stdout
