"""Web pages read as the article a reader sees (issue 11): small pages of our own, the
`extract:` key, a quote in the furniture, and frozen real pages (skipped when
../shared/pages is absent) so that an extractor upgrade that changes which blocks are
article fails loudly."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from html_support import bridge_casebook

from claims.check import check
from claims.loader import load
from claims.sources import read_document
from claims.sources.article import article, choose
from claims.sources.html import detailed

PAGES = Path(__file__).resolve().parents[2] / "shared" / "pages"

BODY = [
    "The city council voted on Tuesday to close the old bridge over the river for good, "
    "after engineers found cracks in two of its three main supports last spring.",
    "Residents who cross the bridge every day said the decision came too late, and that "
    "the council had known about the damage for more than a year before it acted at all.",
    "The mayor said a new crossing would be built a mile upstream, paid for by the state, "
    "and that work on it would begin before the end of next year if the budget allowed.",
    "Until then, buses will take a longer road around the valley, adding twenty minutes to "
    "the journey into town for the four thousand people who live on the eastern bank.",
    "Engineers who inspected the bridge in March wrote that it could not safely carry "
    "lorries, and the council banned them from it in April, but kept it open to cars.",
]


def page(article_html: str, before: str = "", after: str = "", head: str = "") -> str:
    """A web page with a site header and menu, the article, and a footer."""
    return textwrap.dedent(
        f"""\
        <!doctype html>
        <html><head><title>Council closes the old bridge - Valley News</title>{head}</head>
        <body>
        <header class="site-header"><a href="/">Valley News</a>
        <ul class="menu"><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
        <li><a href="/weather">Weather</a></li></ul></header>
        {before}
        <main><article>
        {article_html}
        </article></main>
        {after}
        <footer><p>Copyright Valley News. All rights reserved.</p>
        <p><a href="/about">About us</a> <a href="/contact">Contact</a></p></footer>
        </body></html>
        """
    )


def body() -> str:
    return "\n".join(f"<p>{text}</p>" for text in BODY)


def texts(html: str) -> list[str]:
    return [block.text for block in article(html).blocks]


def test_menus_footer_and_cookie_banner_are_left_out_the_article_kept_whole() -> None:
    cookie = (
        '<div id="cookie-consent"><p>We use cookies to improve your experience on our '
        "site.</p><button>Accept all cookies</button></div>"
    )
    html = page(f"<h1>Council closes the old bridge</h1>{body()}", before=cookie)
    found = article(html)
    kept = [block.text for block in found.blocks]
    assert kept == ["Council closes the old bridge", *BODY]
    where = {d.text: d.where for d in found.dropped}
    assert where["We use cookies to improve your experience on our site."] == "cookie banner"
    assert where["Copyright Valley News. All rights reserved."] == "footer"


def test_a_breadcrumb_repeating_the_headline_is_dropped_so_the_headline_anchors(
    tmp_path: Path,
) -> None:
    crumbs = (
        '<ol class="breadcrumb"><li><a href="/">Home</a></li><li><a href="/news">News</a>'
        "</li><li>Council closes the old bridge</li></ol>"
    )
    html = page(f"<h1>Council closes the old bridge</h1>{body()}", before=crumbs)
    kept = texts(html)
    assert kept.count("Council closes the old bridge") == 1
    assert kept[0] == "Council closes the old bridge"
    report = _check(tmp_path, html, "Council closes the old bridge")
    assert [p.code for p in report.problems] == []
    anchors = report.anchors  # type: ignore[attr-defined]
    assert [(a.evidence, a.paragraph) for a in anchors if a.position == 0] == [(0, 1)]


def test_a_fact_checks_claim_and_rating_blocks_are_kept() -> None:
    blocks = (
        "<h1>Did the council close the old bridge?</h1>"
        "<div class='claim-box'><h3>Claim</h3><p>The council closed the bridge.</p></div>"
        "<div class='rating'><h3>Rating</h3><span class='label'>Unproven</span></div>"
        f"{body()}"
    )
    kept = texts(page(blocks))
    for short in ("Claim", "The council closed the bridge.", "Rating", "Unproven"):
        assert short in kept
    assert kept.index("Rating") < kept.index(BODY[0])


def test_hidden_elements_never_become_paragraphs() -> None:
    hidden = (
        "<p hidden>Secret text for robots only, never shown to a reader.</p>"
        '<div style="display:none"><p>Also invisible to every reader of the page.</p></div>'
    )
    kept = texts(page(f"<h1>Council closes the old bridge</h1>{hidden}{body()}"))
    assert not any("robots" in text or "invisible" in text for text in kept)
    assert kept[1:] == BODY


def test_the_articles_own_header_keeps_headline_byline_and_date() -> None:
    header = (
        "<header><h1>Council closes the old bridge</h1>"
        "<p class='byline'>By Jane Doe</p><time>12 March 2024</time></header>"
    )
    kept = texts(page(header + body()))
    assert kept[:3] == ["Council closes the old bridge", "By Jane Doe", "12 March 2024"]
    assert kept[3:] == BODY


def test_related_links_and_share_buttons_inside_the_article_are_left_out() -> None:
    share = (
        "<div class='share-tools'><a href='#'>Share on Facebook</a> "
        "<a href='#'>Share on X</a></div>"
    )
    related = (
        "<aside class='related'><h2>Related stories</h2><ul>"
        "<li><a href='/a'>Road works to last all summer on the valley road</a></li>"
        "<li><a href='/b'>New school opens on the eastern bank</a></li></ul></aside>"
    )
    kept = texts(page(f"<h1>Council closes the old bridge</h1>{share}{body()}{related}"))
    assert kept == ["Council closes the old bridge", *BODY]


def test_a_page_with_no_article_is_read_whole_and_says_so() -> None:
    links = "".join(f"<li><a href='/{n}'>Story number {n} today</a></li>" for n in range(60))
    html = f"<html><body><ul>{links}</ul></body></html>"
    found = article(html)
    assert found.whole_page
    assert len(found.blocks) == 60
    assert [d.reason for d in found.dropped] == ["whole-page"]


def _check(tmp_path: Path, html: str, quote: str, extract: str = "") -> object:
    return check(load(bridge_casebook(tmp_path, html.encode(), quote, extract, "came too late")))


def test_a_quote_in_the_footer_says_where_it_is_and_what_to_do(tmp_path: Path) -> None:
    html = page(f"<h1>Council closes the old bridge</h1>{body()}")
    report = _check(tmp_path, html, "Copyright Valley News. All rights reserved.")
    codes = [(p.code, p.message, p.hint) for p in report.problems]  # type: ignore[attr-defined]
    (problem,) = codes
    assert problem[0] == "quote-in-furniture"
    assert "found in the page's footer, not in the article" in problem[1]
    assert "closest" not in problem[1]
    assert problem[2] == "set `extract: page` on source 'news' if you mean it"
    # and `extract: page` reads the whole page, where the quote is found
    whole = _check(tmp_path, html, "Copyright Valley News. All rights reserved.", "page")
    assert not [p for p in whole.problems if p.code.startswith("quote")]  # type: ignore[attr-defined]


def test_extract_must_be_article_or_page(tmp_path: Path) -> None:
    html = page(body())
    report = _check(tmp_path, html, BODY[0], "pages")
    messages = [p.message for p in report.problems]  # type: ignore[attr-defined]
    assert any("'extract' is 'pages'; it must be one of: article, page" in m for m in messages)


def test_article_and_page_readings_are_cached_apart(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(page(f"<h1>Council closes the old bridge</h1>{body()}"), encoding="utf-8")
    assert len(read_document(path).paragraphs) == 1 + len(BODY)
    assert len(read_document(path, "page").paragraphs) > 1 + len(BODY)
    assert len(read_document(path).paragraphs) == 1 + len(BODY)


def test_a_layout_class_naming_a_sidebar_does_not_hide_the_headline() -> None:
    # `is-sidebar-right` says the layout has a sidebar, not that this is one: the headline
    # of dailynewsegypt.com's pages was read as an aside and lost.
    html = page(f"<h1>Council closes the old bridge</h1>{body()}").replace(
        "<main>", '<div class="single-standard is-sidebar-right"><main>'
    )
    assert texts(html) == ["Council closes the old bridge", *BODY]


def test_an_embedded_post_in_a_social_embed_wrapper_is_article() -> None:
    tweet = (
        "Yes this is real and yes the state spent nearly half a million dollars on the "
        "campaign that nobody in town asked for"
    )
    embed = (
        '<div class="social-media-embed"><blockquote class="twitter-tweet">'
        f"<p>{tweet}</p>&mdash; A Reader (@reader)</blockquote></div>"
    )
    kept = texts(page(f"<h1>Council closes the old bridge</h1>{body()}{embed}{body()}"))
    assert tweet in kept


def test_a_byline_whose_name_is_a_link_is_kept() -> None:
    byline = '<p class="byline">By <a href="/staff/jane-doe">Jane Doe</a></p>'
    kept = texts(page(f"<h1>Council closes the old bridge</h1>{byline}{body()}"))
    assert kept[:2] == ["Council closes the old bridge", "By Jane Doe"]


def test_a_linked_sentence_is_kept_a_related_story_card_is_not() -> None:
    deal = "Get the new bridge guide with a free map at the county shop for $19.96"
    card = (
        '<div class="card"><h3><a href="/x">Three hurt after a wrong-way crash on the '
        'valley road</a></h3><p><a href="/x">Police said the driver of the van was '
        "taken to hospital with minor injuries</a></p></div>"
    )
    html = page(
        f"<h1>Council closes the old bridge</h1>{body()}"
        f'<p><a href="/shop">{deal}</a></p>{body()}{card}{body()}'
    )
    # the extractor's vote: the body only (as trafilatura votes on real pages)
    found = choose(detailed(html), "\n".join(BODY), "Council closes the old bridge")
    kept = [block.text for block in found.blocks]
    assert deal in kept
    assert not any("wrong-way" in text or "driver of the van" in text for text in kept)


def test_stories_after_a_heading_past_the_article_are_not_read_as_its_end() -> None:
    other = (
        "The county fair opens on Saturday with a new ride for children, a dog show and a "
        "pie contest that the organisers say has drawn more entries than ever before."
    )
    more = f"<h2>You may also like</h2><p>{other}</p><p>{other.replace('fair', 'show')}</p>"
    html = page(f"<h1>Council closes the old bridge</h1>{body()}{more}")
    found = choose(detailed(html), "\n".join(BODY), "Council closes the old bridge")
    assert [block.text for block in found.blocks] == ["Council closes the old bridge", *BODY]


# --- frozen real pages: which blocks are article -------------------------------------

FROZEN = [
    (
        "real-impeachment/snopes-yovanovitch.html",
        22,
        "Does Marie Yovanovitch Have a Net Worth of $17 Million?",
        "McCarthy, Tom; Smith, David.",
    ),
    (
        "real-impeachment/ap-sondland.html",
        25,
        "Nov. 20, 2019 5:52 AM EST",
        "Associated Press writers Alan Fram, Zeke",
    ),
    (
        "real-gaza-toll/aljazeera-unsc.html",
        23,
        "UN Security Council passes resolution on increased",
        "Source: Al Jazeera and news agencies",
    ),
    (
        "real-epstein/usatoday-guards-charged.html",
        56,
        "Two federal prison officers charged with falsifyin",
        "Contributing: Kristine Phillips",
    ),
    (
        "real-gaza-toll/dailynewsegypt-toll.html",
        19,
        "Palestinians shocked by world’s silence over Gaza massacres",
        "In addition, the Israeli newspaper Haaretz",
    ),
    (
        "real-epstein/washingtonexaminer-andrew.html",
        17,
        "In Prince Andrew’s dumpster-fire Epstein interview",
        "Unfortunately, Andrew’s interview only",
    ),
]


@pytest.mark.parametrize(("name", "count", "first", "last"), FROZEN)
def test_frozen_real_pages_keep_the_same_article_blocks(
    name: str, count: int, first: str, last: str
) -> None:
    path = PAGES / name
    if not path.exists():
        pytest.skip(f"{path} is absent")
    paragraphs = read_document(path).paragraphs
    assert len(paragraphs) == count
    assert paragraphs[0].text.startswith(first)
    assert paragraphs[-1].text.startswith(last)


def test_snopes_rating_block_is_kept() -> None:
    path = PAGES / FROZEN[0][0]
    if not path.exists():
        pytest.skip(f"{path} is absent")
    texts_ = [p.text for p in read_document(path).paragraphs]
    wanted = ["Dan Evon", "Published 18 November 2019", "Claim", texts_[5], "Rating"]
    assert texts_[2:8] == [*wanted, "Unproven"]


def test_real_pages_keep_their_headline_and_linked_byline() -> None:
    wanted = {
        "real-gaza-toll/dailynewsegypt-toll.html": (
            "Palestinians shocked by world’s silence over Gaza massacres"
        ),
        "real-epstein/washingtonexaminer-andrew.html": "by Madeline Fry",
        "real-impeachment/nationalreview-schiff.html": "By Victor Davis Hanson",
    }
    for name, text in wanted.items():
        path = PAGES / name
        if not path.exists():
            pytest.skip(f"{path} is absent")
        assert text in [p.text for p in read_document(path).paragraphs[:5]], name


# --- issue 11, second pass: what a reader calls wrong on the real pages ----------------

HEADLINE = "Council closes the old bridge"


def _chosen(html: str) -> list[str]:
    """The article's blocks with the extractor voting for the body alone, as trafilatura
    votes on the real pages these tests copy."""
    return [block.text for block in choose(detailed(html), "\n".join(BODY), HEADLINE).blocks]


def test_short_widget_blocks_before_the_body_are_left_out() -> None:
    # sputnik: a photo credit, "Get short URL", a view counter and "Subscribe" stood
    # between the headline and the body, shifting every ¶ number
    lead = (
        f'<div class="hero"><h1>{HEADLINE}</h1>'
        '<div class="hero-copy"><span>© REUTERS / POOL</span></div></div>'
        '<div class="refs"><time datetime="2024-03-12T21:17">21:17 12.03.2024</time></div>'
        '<div class="refs-author">by <a rel="author" href="/a/jane">Jane Doe</a></div>'
        '<div class="counters"><a href="#c">4</a><span>55</span><span>3</span></div>'
        '<div class="google-news"><span class="title">Subscribe</span></div>'
    )
    kept = _chosen(page(lead + body()))
    assert kept == [HEADLINE, "21:17 12.03.2024", "by Jane Doe", *BODY]


def test_a_linked_byline_and_the_fact_checks_sources_are_kept() -> None:
    # snopes: the byline (a link alone) was dropped as a list of links, and the "Sources"
    # list in the article's own <footer> as the page's footer
    header = (
        f"<header class='post-header'><h1>{HEADLINE}</h1>"
        "<ul class='authors'><li><a class='author' href='/author/jane'>Jane Doe</a></li></ul>"
        "<p class='author-bio'><a href='/author/jane'>About Jane Doe</a></p>"
        "<ul class='dates'><li>Published 12 March 2024</li></ul></header>"
    )
    sources = [
        "Roe, Ann. “The old bridge to close for good.” Valley Times. 12 March 2024.",
        "County Council. “Minutes of the meeting of 11 March.” 11 March 2024.",
    ]
    footer = (
        "<footer><ul><li class='citations-wrapper'><h5>Sources</h5><div class='citations'>"
        f"<ul><li><p>{sources[0]}</p></li><li><p>{sources[1]}</p></li></ul></div></li></ul>"
        "</footer>"
    )
    kept = _chosen(page(header + body() + footer))
    assert kept == [HEADLINE, "Jane Doe", "Published 12 March 2024", *BODY, "Sources", *sources]


def test_a_layout_modifier_naming_a_sidebar_hides_neither_headline_nor_caption() -> None:
    # pbs: `page__body--with-sidebar` (a BEM modifier: the layout has a sidebar) made the
    # headline, date, byline and figure caption an aside, all left out; and the photo's
    # caption, set in an <aside> beside it after the body, is a caption too
    caption = "Engineers inspect the cracked supports of the old bridge in March."
    byline = (
        "<section class='post__byline'><address><span class='post__byline-by'>By —</span>"
        "<p><a href='/author/jane'>Jane Doe, Valley News</a></p></address></section>"
        "<div class='share'><a href='#'>Facebook</a> <a href='#'>Email</a></div>"
    )
    lead = (
        f"{byline}<h1>{HEADLINE}</h1><time>Mar 12, 2024 10:59 AM EST</time>"
        f"<figure><img src='a.jpg' alt=''><figcaption>{caption}</figcaption></figure>"
    )
    beside = "Left: The old bridge seen from the eastern bank. Photo by Ann Roe/Valley News"
    aside = (
        f"<aside class='post__aside post__aside--besideImage'><p class='post__hero-caption'>"
        f"{beside}</p><section><h2>Related</h2><ul><li><a href='/x'>Road works to last all "
        "summer on the valley road</a></li></ul></section></aside>"
    )
    html = page(lead + body() + aside).replace(
        "<main>", "<div class='page__body page__body--with-sidebar'><main>"
    )
    kept = _chosen(html)
    assert kept == [
        "By —\nJane Doe, Valley News",
        HEADLINE,
        "Mar 12, 2024 10:59 AM EST",
        caption,
        *BODY,
        beside,
    ]


def test_a_keep_reading_box_and_read_more_links_inside_the_body_are_left_out() -> None:
    # aljazeera: "Keep reading", "list of 2 items", "list 1 of 2" (text for screen
    # readers only) between two paragraphs; pbs: "READ MORE: <a link to another story>"
    box = (
        "<div class='more-on'><h2>Keep reading</h2>"
        "<span class='screen-reader-text'>list of 2 items</span>"
        "<article><span class='screen-reader-text'>list 1 of 2</span><h3>"
        "<a href='/x'>Road works to last all summer on the valley road</a></h3></article>"
        "<article><span class='screen-reader-text'>list 2 of 2</span><h3>"
        "<a href='/y'>New school opens on the eastern bank next week</a></h3></article>"
        "<span class='screen-reader-text'>end of list</span></div>"
    )
    more = "<p><a href='/z'>READ MORE: Ferry service to return to the river next spring</a></p>"
    paragraphs = [f"<p>{text}</p>" for text in BODY]
    paragraphs.insert(2, box)
    paragraphs.insert(4, more)
    kept = _chosen(page(f"<h1>{HEADLINE}</h1>" + "".join(paragraphs)))
    assert kept == [HEADLINE, *BODY]


def test_the_headline_is_kept_when_the_page_header_repeats_it_first() -> None:
    # nationalreview: the sticky page header shows the title before the article does;
    # the article's own <h1> was dropped as its duplicate
    sticky = f"<header class='sticky'><span>{HEADLINE}</span></header>"
    kept = _chosen(page(f"<h1>{HEADLINE}</h1>{body()}", before=sticky))
    assert kept == [HEADLINE, *BODY]


def test_a_card_repeating_the_article_does_not_carry_it_over_the_lists_before_it() -> None:
    # cbsnews: a "U.S." list of stories after the article holds a card for this very
    # article; the card's text, the body's own, stretched the article over the lists
    cards = "".join(
        f"<li><h4><a href='/{n}'>{title}</a></h4><p><a href='/{n}'>{blurb}</a></p></li>"
        for n, (title, blurb) in enumerate(
            [
                ("Road works to last all summer", "The valley road will close at night."),
                (HEADLINE, BODY[0]),
            ]
        )
    )
    lists = f"<h3>World</h3><ul>{cards}</ul><h3>Nation</h3><ul>{cards}</ul>"
    kept = _chosen(page(f"<h1>{HEADLINE}</h1>{body()}", after=lists))
    assert kept == [HEADLINE, *BODY]
