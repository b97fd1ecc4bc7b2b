"""A saved page's own metadata (claims.sources.metadata): what it finds, that it never
crashes or lets markup and terminal controls through, and that the casebook always wins
(in citations, `contested show`, and the cards' details)."""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

import pytest
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


def test_title_falls_back_to_h1_then_title_tag() -> None:
    assert page_metadata("<title> A  &amp;\n B </title>").title == "A & B"
    assert page_metadata("<title> A - B </title><h1>H</h1>").title == "H"
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


# --- faults met on real pages (issue 11 items 5-6): small pages of our own --------------


def ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def test_visible_byline_beats_the_site_as_author() -> None:
    # a fact-check whose JSON-LD author is the site itself, and a visible "By" byline
    html = (
        "<head><title>Is it true?</title>"
        '<meta property="og:site_name" content="Checks.com">'
        + ld({"@type": "ClaimReview", "author": {"@type": "Organization", "name": "Checks"}})
        + '</head><body><h1>Is it true?</h1><ul class="authors"><li class="author-item">'
        '<a class="author" href="/a/dan">By Dan Evon</a></li></ul><p>Text.</p></body>'
    )
    page = page_metadata(html)
    assert page.author == "Dan Evon"
    assert page.outlet == "Checks.com"


def test_json_ld_person_beats_a_generic_meta_author() -> None:
    html = (
        '<meta name="author" content="Portal Staff">'
        + ld(
            {
                "@type": "NewsArticle",
                "author": {"@type": "Person", "name": "Pamela Falk"},
                "publisher": {"@type": "Organization", "name": "Portal"},
            }
        )
        + "<title>U.N. votes</title>"
    )
    assert page_metadata(html).author == "Pamela Falk"


def test_generic_author_kept_when_no_person_is_named() -> None:
    html = ld({"@type": "NewsArticle", "author": {"@type": "Organization", "name": "Wire"}})
    assert page_metadata(html + '<meta name="author" content="Portal Staff">').author == "Wire"


def test_meta_author_ending_in_the_outlet_name() -> None:
    html = (
        "<title>Royal Self-Indicting Arrogance - Sputnik International</title>"
        '<meta name="author" content="Finian Cunningham. Sputnik International">'
    )
    page = page_metadata(html)
    assert page.outlet == "Sputnik International"
    assert page.author == "Finian Cunningham"
    assert page.title == "Royal Self-Indicting Arrogance"


def test_byline_naming_more_than_json_ld_wins_and_capitals_are_softened() -> None:
    html = (
        ld({"@type": "NewsArticle", "author": {"@type": "Person", "name": "Stefan Becket"}})
        + '<h1>Key moments</h1><p class="meta-byline">By Stefan Becket, Kathryn Watson</p>'
    )
    assert page_metadata(html).author == "Stefan Becket, Kathryn Watson"
    caps = (
        '<h1>Sondland</h1><div class="story-byline"><div class="byline-original">By LISA '
        'MASCARO and ERIC TUCKER</div><div class="byline-title">Associated Press</div></div>'
    )
    assert page_metadata(caps).author == "Lisa Mascaro and Eric Tucker"
    assert page_metadata(caps).outlet == "Associated Press"  # no other outlet stated


def test_byline_with_the_date_and_outlet_beside_it() -> None:
    html = (
        '<meta property="og:site_name" content="Daily Paper">'
        '<div class="byline-section"><span class="author">Kevin Johnson and Kevin McCoy'
        '</span><span class="publication">DAILY PAPER</span></div>'
        '<div class="article-byline">by Madeline Fry | November 18, 2019 12:01 PM</div>'
    )
    assert page_metadata(html).author == "Kevin Johnson and Kevin McCoy"
    other = '<div class="ArticlePage-byline"><div class="authorName">by Madeline Fry</div> | '
    assert page_metadata(other + "November 18, 2019</div>").author == "Madeline Fry"


def test_bylines_in_navigation_and_comment_forms_are_not_the_author() -> None:
    html = (
        '<nav><span class="author">Menu Person</span></nav>'
        '<form><p class="comment-form-author">Name *</p></form><p>Body.</p>'
    )
    assert page_metadata(html).author is None


def test_outlet_that_is_only_a_host_part_is_left_out() -> None:
    html = (
        '<meta property="og:site_name" content="Hosted">'
        '<link rel="canonical" href="https://hosted.example.org/paper/article/1">'
        "<title>Unpredictable envoy faces questions | Hosted</title>"
    )
    page = page_metadata(html)
    assert page.outlet is None
    assert page.title == "Unpredictable envoy faces questions"
    uk = '<meta property="og:site_name" content="BBC"><link rel="canonical" href="https://bbc.co.uk/x">'
    assert page_metadata(uk).outlet == "BBC"  # a country's co.uk is no host part


def test_outlet_cased_name_beats_a_lowercase_host_name() -> None:
    for html in (
        '<meta property="og:site_name" content="usatoday">'
        + ld({"@type": "NewsArticle", "publisher": {"name": "USA TODAY"}}),
        '<meta property="og:site_name" content="dailyexample">'
        '<meta name="application-name" content="Daily Example">',
    ):
        assert page_metadata(html).outlet in ("USA TODAY", "Daily Example")


def test_outlet_from_the_title_suffix_and_publisher_reference() -> None:
    html = (
        "<title>Impeachment hearings: key moments from the testimony - CBS News</title>"
        '<meta property="og:title" content="Key moments from the testimony">'
    )
    page = page_metadata(html)
    assert (page.outlet, page.title) == ("CBS News", "Key moments from the testimony")
    ref = ld(
        [
            {"@type": "NewsArticle", "publisher": {"@id": "https://n.example/"}},
            {"@type": "Organization", "@id": "https://n.example/", "name": "N News"},
        ]
    )
    assert page_metadata(ref).outlet == "N News"
    # the title suffix agrees with og:site_name, not with the JSON-LD's news service
    both = (
        ld({"@type": "NewsArticle", "publisher": {"name": "DH News Service"}})
        + '<meta property="og:site_name" content="Deccan Herald">'
        + "<title>Sham debunked: White House | Deccan Herald</title>"
    )
    assert page_metadata(both).outlet == "Deccan Herald"


def test_title_loses_the_site_suffix_and_prefers_the_visible_headline() -> None:
    html = (
        '<meta property="og:title" content="The Impeachment Clock | National Review">'
        '<meta property="og:site_name" content="National Review">'
    )
    assert page_metadata(html).title == "The Impeachment Clock"
    entity = ld({"@type": "NewsArticle", "headline": "Explained by &#039;Antisemitism&#039;"})
    assert page_metadata(entity).title == "Explained by 'Antisemitism'"
    agreed = (
        ld({"@type": "NewsArticle", "headline": "Hearings: key moments"})
        + '<meta property="og:title" content="Key moments"><h1>Key moments</h1>'
    )
    assert page_metadata(agreed).title == "Key moments"


def test_published_date_written_on_the_page() -> None:
    html = (
        ld({"@type": "NewsArticle", "datePublished": "0001-01-01T00:00:00Z"})
        + '<div class="byline"><span class="author">A B</span></div>'
        '<div class="publish-date">Published 7:07 PM EST Nov 19, 2019</div>'
    )
    assert page_metadata(html).published == dt.date(2019, 11, 19)
    meta = '<meta name="publish-date" content="December 22, 2023">'
    assert page_metadata(meta).published == dt.date(2023, 12, 22)
    updated = '<div class="updated-date">Updated Jan 2, 2020</div>'
    assert page_metadata(updated).published is None


REAL = Path(__file__).resolve().parents[2] / "shared" / "pages"
#: What each real page shows a reader near its headline (checked by hand in the HTML).
REAL_PAGES = {
    "real-epstein/sputnik-andrew.html": (
        "Royal Self-Indicting Arrogance",
        "2019-11-18",
        "Finian Cunningham",
        "Sputnik International",
    ),
    "real-epstein/usatoday-guards-charged.html": (
        "Prison guards charged in connection with Jeffrey Epstein's death",
        "2019-11-19",
        "Kevin Johnson and Kevin McCoy",
        "USA TODAY",
    ),
    "real-epstein/washingtonexaminer-andrew.html": (
        "In Prince Andrew’s dumpster-fire Epstein interview, the truth comes out",
        "2019-11-18",
        "Madeline Fry",
        "Washington Examiner",
    ),
    "real-gaza-toll/aljazeera-unsc.html": (
        "UN Security Council passes resolution on increased Gaza aid delivery",
        "2023-12-22",
        "Al Jazeera",
        "Al Jazeera",
    ),
    "real-gaza-toll/aol-cbsnews-un-vote.html": (
        "U.N. votes to ramp up Gaza aid, demand release of hostages",
        "2023-12-22",
        "Pamela Falk",
        "AOL",
    ),
    "real-gaza-toll/cbn-media-coverage.html": (
        "Expert: Some Anti-Israel Media Coverage Can Only Be Explained by 'Antisemitism'",
        "2023-12-20",
        "Dale Hurd",
        "CBN",
    ),
    "real-gaza-toll/dailynewsegypt-toll.html": (
        "Palestinians shocked by world’s silence over Gaza massacres",
        "2023-12-19",
        "Shaimaa Raafat",
        "Dailynewsegypt",
    ),
    "real-gaza-toll/pbs-death-toll.html": (
        "As Israel expands ground war against Hamas, Gaza death toll exceeds 20,000",
        "2023-12-22",
        "Najib Jobain, Associated Press; Samy Magdy, Associated Press",
        "PBS NewsHour",
    ),
    "real-impeachment/ap-sondland.html": (
        "Unpredictable Sondland faces questions about Trump, Ukraine",
        "2019-11-20",
        "Lisa Mascaro, Mary Clare Jalonick and Eric Tucker",
        "Associated Press",
    ),
    "real-impeachment/cbsnews-volker-morrison.html": (
        "Key moments from Kurt Volker's and Tim Morrison's impeachment hearing testimony",
        "2019-11-20",
        "Stefan Becket, Kathryn Watson, Grace Segers",
        "CBS News",
    ),
    "real-impeachment/deccanherald-white-house.html": (
        "Impeachment sham completely debunked: White House",
        "2019-11-20",
        "PTI",
        "Deccan Herald",
    ),
    "real-impeachment/nationalreview-schiff.html": (
        "The Impeachment Clock",
        "2019-11-19",
        "Victor Davis Hanson",
        "National Review",
    ),
    "real-impeachment/snopes-yovanovitch.html": (
        "Does Marie Yovanovitch Have a Net Worth of $17 Million?",
        "2019-11-18",
        "Dan Evon",
        "Snopes.com",
    ),
}


@pytest.mark.parametrize("name", sorted(REAL_PAGES))
def test_real_pages(name: str) -> None:
    path = REAL / name
    if not path.exists():
        pytest.skip("../shared/pages is absent")
    page = read_metadata(path)
    title, published, author, outlet = REAL_PAGES[name]
    assert (page.title, str(page.published), page.author, page.outlet) == (
        title,
        published,
        author,
        outlet,
    )
    assert page.url is not None
    assert page.url.startswith("https://")


@pytest.mark.parametrize(
    "html",
    [
        '<div class="byline">' + '<span class="author"></span>' * 20_000 + "By Ann</div>",
        '<div class="author">' * 3_000 + "Ann" + "</div>" * 3_000,
        '<div class="publish-date">x</div>' * 30_000,
        '<span itemprop="author">A</span>' * 30_000,
    ],
    ids=["empty-author-parts", "nested-bylines", "date-classes", "microdata"],
)
def test_byline_and_date_rules_stay_quick_on_pathological_pages(html: str) -> None:
    start = time.perf_counter()
    page_metadata(html)
    assert time.perf_counter() - start < 2  # a guard, not a benchmark: each takes < 0.7 s
