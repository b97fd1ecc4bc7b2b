"""A quote found only in a web page's furniture (an aside, the menu) is never shown as "not
found, closest N%": `show`, `check --format json`, the app's card, enter on that card and
the source screen all say where it is and what to do, from one decision in `check`."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import RunCli, make_casebook
from test_tui import card_text, view
from textual.content import Content
from textual.widgets import Static
from tui_support import settled

from tui.app import create_app
from tui.screens.main import MainScreen
from tui.screens.source import SourceScreen

PAGE = """<!doctype html>
<html><head><title>Council closes the old bridge - Valley News</title></head>
<body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<main><article>
<h1>Council closes the old bridge</h1>
<p>The city council voted on Tuesday to close the old bridge over the river for good,
after engineers found cracks in two of its three main supports last spring.</p>
<p>Residents who cross the bridge every day said the decision came too late, and that
the council had known about the damage for more than a year before it acted at all.</p>
<p>The mayor said a new crossing would be built a mile upstream, paid for by the state,
and that work on it would begin before the end of next year if the budget allowed.</p>
</article></main>
<aside><p>Valley News needs your help to keep reporting on the council!</p></aside>
<footer><p>Copyright Valley News. All rights reserved.</p></footer>
</body></html>
"""

QUOTE = "Valley News needs your help to keep reporting on the council!"
SAYS = (
    "found in the page's aside, not in the article; "
    "set `extract: page` on source 'news' if you mean it"
)

CASEBOOK = f"""title: Bridge
sides:
  council: {{label: Council}}
  residents: {{label: Residents}}
sources:
  news: {{file: sources/news.html, title: Valley News}}
disputes:
  - id: bridge
    question: Was the bridge closed in time?
    positions:
      - side: council
        holder: The council
        claim: It was closed.
        evidence:
          - source: news
            quote: "{QUOTE}"
      - side: residents
        holder: Residents
        claim: Too late.
        evidence:
          - source: news
            quote: came too late
"""


def _casebook(tmp_path: Path) -> Path:
    return make_casebook(tmp_path / "cb", CASEBOOK, {"sources/news.html": PAGE})


def test_show_says_the_quote_is_in_the_furniture_not_closest(
    tmp_path: Path, run_cli: RunCli
) -> None:
    root = _casebook(tmp_path)
    code, out, err = run_cli("show", root, columns=400)
    assert code == 1, err  # the casebook has an error: quote-in-furniture
    assert f"✗ quote not anchored: {SAYS}" in out
    assert "closest" not in out + err


def test_check_json_anchor_says_furniture_and_names_no_paragraph(
    tmp_path: Path, run_cli: RunCli
) -> None:
    root = _casebook(tmp_path)
    code, out, _ = run_cli("check", "--format", "json", root)
    assert code == 1
    report = json.loads(out)
    (problem,) = [p for p in report["problems"] if p["code"].startswith("quote")]
    assert problem["code"] == "quote-in-furniture"
    (anchor,) = [a for a in report["anchors"] if a["quote"] == QUOTE]
    assert anchor["paragraph"] is None
    assert anchor["furniture"] == "the page's aside"
    assert anchor["note"] == SAYS
    assert "closest" not in anchor
    assert "places" not in anchor
    assert anchor["score"] is None


async def test_the_card_and_the_source_screen_say_why_enter_opens_no_other_paragraph(
    tmp_path: Path,
) -> None:
    app = create_app(_casebook(tmp_path))
    async with app.run_test(size=(140, 40)) as pilot:
        await settled(pilot)
        shown = view(app)
        assert shown.dispute is not None
        assert shown.dispute.id == "bridge"
        card = card_text(shown, 0)
        assert "✗ quote not anchored" in card
        assert " ".join(SAYS.split()) in card
        assert "closest" not in card
        shown.focus_card(0)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)  # no unrelated paragraph opened
        said = [str(n.message) for n in app._notifications]
        assert any(SAYS in message for message in said), said
        # the source screen, opened on that evidence, says the same, nothing "closest"
        cited = shown.cards[0]
        app.screen.open_source(cited.source, None, cited)
        await settled(pilot)
        assert isinstance(app.screen, SourceScreen)
        visual = app.screen.query_one("#source-heading", Static).visual
        assert isinstance(visual, Content)
        assert f"Quote {SAYS}" in visual.plain
        assert "closest" not in visual.plain
