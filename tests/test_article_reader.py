"""Web pages read as the article a reader sees (issue 11), third pass: what a reader of
the 13 real saved pages called wrong (bylines lost or split, furniture kept in the body),
each on a small page of our own with the extractor voting as it does on the real page."""

from __future__ import annotations

import pytest
from test_article import BODY, HEADLINE, _chosen, body, page

from claims.sources.article import choose
from claims.sources.html import detailed


def _voted(html: str, *more: str) -> list[str]:
    """The article's blocks with the extractor voting for the body and `more` (blocks it
    keeps on the real pages these tests copy)."""
    found = choose(detailed(html), "\n".join([*BODY, *more]), HEADLINE)
    return [block.text for block in found.blocks]


_SHARE_BOX = (  # aol: the author and date stand in "caas-attribution-with-share"
    "<div class='attribution-with-share'><div class='attr-author'><div><span>Jane Doe"
    "</span></div><div class='attr-time'><time datetime='2024-03-12'>March 12, 2024 at "
    "7:35 PM</time></div></div><div class='share-buttons'><a href='#'>Facebook</a></div>"
    "</div>"
)
_BYLINES = {
    "share box": (_SHARE_BOX, ["Jane Doe", "March 12, 2024 at 7:35 PM"]),
    # dailynewsegypt: the byline class is on a <span> around the link, not on its <div>
    "inline byline class": (
        "<div class='meta'><span class='meta-author'><a href='/x'>Jane Doe</a></span></div>",
        ["Jane Doe"],
    ),
    # cbn: the name is only a link to the author's page
    "author page link": (
        "<div class='text-15'><a href='/person/jane-doe'>Jane Doe</a></div>",
        ["Jane Doe"],
    ),
    # ap: "By JANE DOE" / "Associated Press" were two ¶
    "two lines": (
        "<div class='story-byline'><div class='byline-original'>By JANE DOE and ANN ROE</div>"
        "<div class='byline-title'>Valley News</div></div>",
        ["By JANE DOE and ANN ROE\nValley News"],
    ),
    # pbs: "By —" stood alone as a ¶ and the name after it read twice (one copy for wide
    # screens, one for narrow ones); the second byline's "Doe, Valley News" is no repeat
    "name twice": (
        "".join(
            "<address class='byline'><span class='byline-by'>By —</span><p>"
            f"<a class='name-wide' href='/author/{name}'>{name} Doe, Valley News</a> "
            f"<a class='name-narrow' href='/author/{name}'>{name} Doe, Valley News</a></p>"
            "</address>"
            for name in ("Jane", "Joan")
        ),
        ["By —\nJane Doe, Valley News", "By —\nJoan Doe, Valley News"],
    ),
}


@pytest.mark.parametrize("case", _BYLINES)
def test_bylines_are_kept_each_as_one_paragraph_as_a_reader_sees_them(case: str) -> None:
    markup, wanted = _BYLINES[case]
    assert _chosen(page(f"<h1>{HEADLINE}</h1>{markup}{body()}")) == [HEADLINE, *wanted, *BODY]


_CTA = (
    "If you enjoyed this article, we have a proposition for you: join our members and "
    "read every story we publish without limits, ads or paywalls."
)
#: Furniture inside the body that the extractor keeps on the real pages: (markup, the
#: texts it votes for).
_JUNK = {
    # cbn
    "share label": ("<p class='unstyled'>Share This article</p>", ["Share This article"]),
    "newsletter appeal": (
        "<p>***Please sign up for Valley News Newsletters to get the latest stories.***</p>",
        ["***Please sign up for Valley News Newsletters to get the latest stories.***"],
    ),
    # ap
    "underscores": ("<p>___</p>", ["___"]),
    # pbs
    "watch more": (
        "<p><a href='/v'>WATCH MORE: Ferry service to return to the river next spring</a></p>",
        ["WATCH MORE: Ferry service to return to the river next spring"],
    ),
    # nationalreview: an NRPLUS box (class "nrplus-cta")
    "call to action": (
        f"<div class='plus-cta-wrap'><h4>Something to Consider</h4><p>{_CTA}</p></div>",
        ["Something to Consider", _CTA],
    ),
    # cbsnews: an in-body "More" list whose entry links to this very story (the site
    # hides that entry)
    "related entry": (
        "<figure class='content-recirculation'><ul><li class='recirc_item'><a href='/s'>"
        "Key moments from the council's vote on the old bridge</a></li></ul></figure>",
        ["Key moments from the council's vote on the old bridge"],
    ),
    # ap: a photographer's credit in a class naming a caption
    "credit": ("<div><span class='teaser-caption'>Jane Doe, VALLEY NEWS</span></div>", []),
}


@pytest.mark.parametrize("case", _JUNK)
def test_furniture_in_the_body_goes_even_when_the_extractor_keeps_it(case: str) -> None:
    markup, votes = _JUNK[case]
    paragraphs = [f"<p>{text}</p>" for text in BODY]
    paragraphs.insert(2, markup)
    html = page(f"<h1>{HEADLINE}</h1>" + "".join(paragraphs))
    assert _voted(html, *votes) == [HEADLINE, *BODY]


def test_links_to_other_stories_ending_the_article_go() -> None:
    # aol: two links to videos, each a paragraph of its own, end the body
    videos = [
        "Supreme Court set to decide the valley road case before the summer",
        "Ferry service to return to the river next spring after ten years",
    ]
    links = "".join(f"<p><a href='/video/{n}'>{t}</a></p>" for n, t in enumerate(videos))
    html = page(f"<h1>{HEADLINE}</h1>{body()}{links}")
    assert _voted(html, *videos) == [HEADLINE, *BODY]


def test_the_source_line_right_after_the_article_is_kept() -> None:
    # aljazeera: "Source: Al Jazeera and news agencies" right after the body was left out
    source = "Source: Valley News and news agencies"
    html = page(f"<h1>{HEADLINE}</h1>{body()}<p>{source}</p>")
    assert _voted(html) == [HEADLINE, *BODY, source]
