"""Anchors a fact-checker can trust, in the app: what a drifted quote's card says differs,
and where the source opens for a quote deep in a tall paragraph, an ambiguous quote (every
place marked, `n`/`N` through them) and a quote not found (the closest text, marked as no
match). Every test asserts what is drawn."""

from __future__ import annotations

from pathlib import Path

from conftest import make_casebook
from rich.color import Color
from rich.segment import Segment
from test_tui import card_text, view
from textual.content import Content
from textual.widgets import Static
from tui_support import settled

from claims.check import percent
from tui.app import create_app
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen
from tui.screens.source import SourceScreen
from tui.widgets.document_view import CONTEXT_LINES, MARK, DocumentView
from tui.widgets.key_bar import KeyBar

TALKS = "the talks would resume next week"
SEALS = "The inspectors found the seals on the reactor intact."


def _filler(count: int, first: int = 0) -> str:
    words = ["harbour", "ledger", "convoy", "orchard", "tribunal", "lantern", "quarry", "meadow"]
    return " ".join(
        f"Line {i} of the long account mentions the {words[i % 8]} near the "
        f"{words[(i * 3 + 1) % 8]} once more."
        for i in range(first, first + count)
    )


#: ¶6 is about 5,300 characters, the quote 4,870 characters in; paragraphs follow it, so
#: that a view scrolled to the quote is not held back by the end of the document.
PARAGRAPHS = [
    "On Monday the minister said the talks would resume next week in Geneva.",
    "The Russian experts gave the cause of death as hearts failure, the report said.",
    "On Friday the minister said the talks would resume next week in Geneva; "
    "the talks would resume next week, he repeated.",
    "Reporters asked about sanctions, twice: were sanctions the price of the talks?",
    "The convoy left the harbour at noon under a heavy escort.",
    f"{_filler(64)} {SEALS} {_filler(6, 64)}",
    *(_filler(3, 100 + 3 * n) for n in range(8)),
]

HEAD = """\
title: Anchors
sides:
  a: {label: Side A}
  b: {label: Side B}
sources:
  src: {file: sources/briefing.txt, title: The briefing}
disputes:
"""

REPORTERS = """\
      - side: b
        holder: Reporters
        claim: Sanctions.
        evidence:
          - {source: src, quote: "Reporters asked about sanctions"}
"""

DISPUTES = {
    "drift": """\
  - id: drift
    question: What was the cause of death?
    positions:
      - side: a
        holder: Experts
        claim: Heart failure.
        evidence:
          - {source: src, quote: "The Russian experts gave the cause of death as heart failure"}
      - side: b
        holder: Reporters
        claim: Sanctions.
        evidence:
          - {source: src, quote: "Reporters asked about sanctions"}
          - source: src
            quote: "were sanctions the price of the talks?"
            before: "Reporters asked about sanction, twice:"
""",
    "tall": f"""\
  - id: tall
    question: Were the seals intact?
    positions:
      - side: a
        holder: Inspectors
        claim: Intact.
        evidence:
          - {{source: src, quote: "{SEALS}"}}
{REPORTERS}""",
    "ambiguous": f"""\
  - id: ambiguous
    question: When do the talks resume?
    positions:
      - side: a
        holder: The minister
        claim: Next week.
        evidence:
          - {{source: src, quote: "{TALKS}"}}
{REPORTERS}""",
    "missing": """\
  - id: missing
    question: When did the convoy leave?
    positions:
      - side: a
        holder: A rumour
        claim: At midnight.
        evidence:
          - {source: src, quote: "The convoy departed from the harbour at midnight without escort"}
      - side: b
        holder: The minister (Sunday)
        claim: Next week.
        evidence:
          - {source: src, quote: "the talks would resume next week in Geneva", before: "On Sunday"}
""",
}


def anchors_casebook(tmp_path: Path, *disputes: str) -> Path:
    """A casebook of the named disputes (all of them if none are named) over one source."""
    chosen = disputes or tuple(DISPUTES)
    text = HEAD + "".join(DISPUTES[name] for name in chosen)
    source = "\n\n".join(PARAGRAPHS) + "\n"
    return make_casebook(tmp_path / "anchors", text, {"sources/briefing.txt": source})


def theme_colour(app, name: str) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    return Color.parse(app.theme_variables[name]).get_truecolor()


def styled(segments: list[Segment], test) -> str:  # type: ignore[no-untyped-def]
    """The text of the segments whose style passes `test`."""
    return "".join(s.text for s in segments if s.style is not None and test(s.style))


def card_segments(app, index: int) -> list[Segment]:  # type: ignore[no-untyped-def]
    shown = view(app)
    region = shown.card_region(index)
    top = region.y - shown.scroll_offset.y
    return [seg for y in range(top, top + region.height) for seg in shown.render_line(y)]


def heading(app) -> str:  # type: ignore[no-untyped-def]
    visual = app.screen.query_one("#source-heading", Static).visual
    assert isinstance(visual, Content)
    return visual.plain


def visible(document: DocumentView) -> list[str]:
    return [document.render_line(y).text for y in range(document.size.height)]


async def open_card(pilot, dispute: str, card: int = 0) -> DocumentView:  # type: ignore[no-untyped-def]
    """Open the source of card `card` of `dispute`, as a user does (from the card, enter)."""
    app = pilot.app
    app.screen.goto_dispute(dispute)
    await pilot.pause()
    view(app).focus_card(card)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, SourceScreen)
    return app.screen.query_one(DocumentView)


# -- 1. what differs, on the card ------------------------------------------------------------


async def test_a_drifted_card_shows_what_differs_word_by_word(tmp_path: Path) -> None:
    app = create_app(anchors_casebook(tmp_path, "drift"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        shown = view(app)
        anchor = shown.cards[0].anchor
        assert anchor is not None
        text = card_text(shown, 0)
        assert f"≈ drifted: {percent(anchor.score or 0)} match" in text
        # the quote says "heart", the source "hearts": the change, the shared words around
        # it cut to their ends
        assert "differs: … cause of death as heart→hearts failure" in text
        segments = card_segments(app, 0)
        struck = styled(segments, lambda s: s.strike)
        underlined = styled(segments, lambda s: s.underline and not s.strike)
        assert struck == "heart"  # the quote's word: deleted
        assert underlined == "hearts"  # the source's word: inserted
        colours = {
            s.style.color.get_truecolor()
            for s in segments
            if s.style and s.style.color and s.text in {"heart", "hearts"}
        }
        assert colours == {theme_colour(app, "text-error"), theme_colour(app, "text-success")}
        # a quote whose `before:` fits only roughly says so, and is marked as drifted
        noted = shown.cards[2].anchor
        assert noted is not None
        assert noted.note
        assert "`before:` is 'Reporters asked about sanction, twice:'" in noted.note
        assert f"context: {noted.note}" in card_text(shown, 2)
        region = shown.card_region(2)
        edge = shown.render_line(region.y - shown.scroll_offset.y).text[region.right - 1]
        assert edge == "╎"


async def test_a_card_not_anchored_says_why_the_place_was_refused(tmp_path: Path) -> None:
    app = create_app(anchors_casebook(tmp_path, "missing"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        anchor = view(app).cards[1].anchor
        assert anchor is not None
        assert anchor.note
        assert "`before:` is 'On Sunday'" in anchor.note
        text = card_text(view(app), 1)
        assert "✗ quote not anchored" in text
        assert " ".join(anchor.note.split()) in text


async def test_card_text_from_sources_is_never_markup(tmp_path: Path) -> None:
    root = anchors_casebook(tmp_path, "drift")
    source = root / "sources" / "briefing.txt"
    source.write_text(
        source.read_text(encoding="utf-8").replace("hearts failure", "[b]hearts[/b] failure"),
        encoding="utf-8",
    )
    yaml = root / "casebook.yaml"
    yaml.write_text(
        yaml.read_text(encoding="utf-8").replace("as heart failure", "as [b]heart failure"),
        encoding="utf-8",
    )
    app = create_app(root)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        text = card_text(view(app), 0)
        assert "differs:" in text
        assert "[b]" in text.split("differs:")[1]


# -- 2. a quote deep in a tall paragraph -----------------------------------------------------


async def test_opening_a_quote_in_a_tall_paragraph_shows_its_own_line(tmp_path: Path) -> None:
    app = create_app(anchors_casebook(tmp_path, "tall"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        document = await open_card(pilot, "tall")
        assert document.cursor == 6
        lines = visible(document)
        marked = [y for y, line in enumerate(lines) if line.startswith(MARK)]
        assert marked, "the quote's lines are on screen, marked"
        assert marked[0] == CONTEXT_LINES  # a few lines of the paragraph above it
        shown = " ".join(" ".join(line[11:] for line in lines[marked[0] : marked[-1] + 1]).split())
        assert SEALS in shown
        # the paragraph starts far above: the top of the screen is inside it
        assert document.paragraph_top(6) < document.scroll_offset.y
        assert not any(line[1:].startswith("¶6") for line in lines)
        # after a resize the quote is kept in sight
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        lines = visible(document)
        assert any(line.startswith(MARK) for line in lines)
        # and back, exactly where the user was
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert view(app).dispute.id == "tall"


async def test_opening_again_at_another_quote_lands_there_too(tmp_path: Path) -> None:
    app = create_app(anchors_casebook(tmp_path, "tall"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        document = await open_card(pilot, "tall", 1)  # ¶4, near the top
        assert document.cursor == 4
        assert any(line.startswith(f"{MARK}¶4") for line in visible(document))
        await pilot.press("escape")
        await pilot.pause()
        document = await open_card(pilot, "tall", 0)  # the screen is reused: ¶6's quote
        lines = visible(document)
        marked = [y for y, line in enumerate(lines) if line.startswith(MARK)]
        assert marked[0] == CONTEXT_LINES


# -- 3. an ambiguous quote -------------------------------------------------------------------


async def test_an_ambiguous_quote_marks_every_place_and_n_steps_through_them(
    tmp_path: Path,
) -> None:
    app = create_app(anchors_casebook(tmp_path, "ambiguous"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        document = await open_card(pilot, "ambiguous")
        assert "Ambiguous quote: 3 places (¶1, ¶3), all marked" in heading(app)
        assert "place 1 of 3" in heading(app)
        warning = theme_colour(app, "warning")
        segments = [seg for y in range(document.size.height) for seg in document.render_line(y)]
        marked = styled(
            segments, lambda s: s.bgcolor is not None and s.bgcolor.get_truecolor() == warning
        )
        assert marked == TALKS * 3  # every place, in the warning colour
        assert document.cursor == 1
        bar = app.screen.query_one(KeyBar).render_line(0).text
        assert "Next place" in bar
        assert "Next cited" not in bar

        def marked_line() -> str:
            return next(line for line in visible(document) if line.startswith(MARK))

        assert marked_line().startswith(f"{MARK}¶1 ")
        await pilot.press("n")
        assert document.cursor == 3
        assert "place 2 of 3" in heading(app)
        assert marked_line().startswith(f"{MARK}¶3 ")
        await pilot.press("n")  # the second place in the same paragraph
        assert "place 3 of 3" in heading(app)
        await pilot.press("n")  # past the last: stays
        assert "place 3 of 3" in heading(app)
        await pilot.press("N", "N")
        assert "place 1 of 3" in heading(app)
        assert document.cursor == 1
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        help_text = app.screen.query_one("#help-text", Static).visual
        assert isinstance(help_text, Content)
        assert "Next place" in help_text.plain
        assert "source.next-place" in help_text.plain
        assert "source.next]" not in help_text.plain
        await pilot.press("escape", "escape")
        await pilot.pause()
        # a quote that was found: n/N step through the cited paragraphs again
        document = await open_card(pilot, "ambiguous", 1)
        bar = app.screen.query_one(KeyBar).render_line(0).text
        assert "Next cited" in bar
        assert "Next place" not in bar
        assert "Ambiguous" not in heading(app)
        assert not document.places
        await pilot.press("N")
        assert document.cursor == 4  # ¶4 is the only cited paragraph: nothing before it


# -- 4. a quote not found --------------------------------------------------------------------


async def test_a_quote_not_found_opens_at_the_closest_text_marked_as_no_match(
    tmp_path: Path,
) -> None:
    app = create_app(anchors_casebook(tmp_path, "missing"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        anchor = view(app).cards[0].anchor
        assert anchor is not None
        assert anchor.score is not None
        assert anchor.places
        near = anchor.places[0]
        assert near.paragraph == 5  # "The convoy left the harbour at noon…"
        document = await open_card(pilot, "missing")
        text = heading(app)
        assert f"Quote not found. Marked in ¶5 ({percent(anchor.score)} similar)" in text
        assert "closest, not a match" in text
        assert document.cursor == 5
        line = next(line for line in visible(document) if line.startswith(MARK))
        assert line.startswith(f"{MARK}¶5 ")
        segments = [seg for y in range(document.size.height) for seg in document.render_line(y)]
        closest = styled(segments, lambda s: s.italic and s.underline)
        assert closest == PARAGRAPHS[4][near.start : near.end]
        assert closest.startswith("The convoy left the harbour")
        warning = theme_colour(app, "warning")
        assert not styled(
            segments, lambda s: s.bgcolor is not None and s.bgcolor.get_truecolor() == warning
        )  # not the look of an ambiguous quote's places
        await pilot.press("escape")
        await pilot.pause()
        # a quote refused for its context opens at the words, labelled the same way
        document = await open_card(pilot, "missing", 1)
        assert "closest, not a match" in heading(app)
        assert document.cursor == 1
