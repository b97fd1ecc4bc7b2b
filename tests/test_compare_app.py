"""Comparing evidence word by word in the app (issue 16): `c` on a card opens a picker of
the other evidence, the one chosen opens the aligned view (two columns, differences marked
by kind), `escape` goes back to the very card; a `kind: variants` dispute opens aligned in
the main screen, `c` shows its cards and `c` `enter` the aligned view again; hostile text
stays literal; the picker stays quick on 20,000 quotes."""

from __future__ import annotations

import time
from pathlib import Path

from conftest import make_casebook
from textual.pilot import Pilot
from textual.widgets import Input, OptionList
from tui_support import copy_bundled, hostile_casebook, settled

from claims import Casebook, Dispute, Evidence, Position, Source
from claims.anchoring.variants import Kind
from claims.model import Location
from tui.app import ContestedApp, create_app
from tui.screens.compare import CompareScreen
from tui.screens.compare_picker import ComparePicker, cut, entries, matching
from tui.screens.source import SourceScreen
from tui.widgets.aligned_view import AlignedView
from tui.widgets.dispute_view import DisputeView

NO_KEYMAP = Path("/nonexistent")


def app_on(root: Path) -> ContestedApp:
    return create_app(root, keymap_file=NO_KEYMAP)


def texts(view: AlignedView) -> list[str]:
    """The aligned view's lines as plain text (what is drawn, at its width)."""
    return [line.plain for line in view._layout().lines]


def rows(view: AlignedView) -> list[tuple[Kind, str, str]]:
    pair = view.shown
    assert pair is not None
    a, b = pair.alignment.a, pair.alignment.b
    return [(r.kind, a[r.a_start : r.a_end], b[r.b_start : r.b_end]) for r in pair.alignment.rows]


def line_with(view: AlignedView, *words: str) -> str:
    found = [line for line in texts(view) if all(word in line for word in words)]
    assert found, (words, texts(view))
    return found[0]


async def to_dispute(pilot: Pilot[None], dispute_id: str) -> None:
    await settled(pilot)
    main = pilot.app.main_screen  # type: ignore[attr-defined]
    main.goto_dispute(dispute_id)
    await settled(pilot)


async def test_c_on_the_aztv_card_aligns_harshly_against_severe(tmp_path: Path) -> None:
    app = app_on(copy_bundled(tmp_path))
    async with app.run_test(size=(160, 48)) as pilot:
        await to_dispute(pilot, "aztv-1937-wording")
        main = app.main_screen
        assert main is not None
        view = main.query_one(DisputeView)
        await pilot.press("enter")  # from the list: the aligned view (a variants dispute)
        assert isinstance(app.focused, AlignedView)
        await pilot.press("c")  # its cards
        await pilot.pause()
        assert app.focused is view
        assert view.display
        cited = view.cards[view.cursor]
        assert (cited.position, cited.evidence) == (0, 0)  # the whole remark: "… harshly, …"
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ComparePicker)
        await pilot.press(*"severe")
        await pilot.pause()
        listing = app.screen.query_one(OptionList)
        chosen = listing.get_option_at_index(listing.highlighted or 0)
        assert "only more severe" in str(chosen.prompt)  # cut around the word typed
        entry = app.screen.shown[int(chosen.id or "")]
        assert (entry.position, entry.evidence) == (1, 0)  # the other's whole remark
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(app.screen, CompareScreen)
        aligned = app.screen.query_one(AlignedView)
        assert (Kind.SUBSTITUTION, "harshly", "severe") in rows(aligned)
        assert (Kind.SUBSTITUTION, "brutally", "terrible") in rows(aligned)
        # drawn: both words on one row, the substitution's symbol between them
        line = line_with(aligned, "harshly", "severe")
        assert line.index("harshly") < line.index("≠") < line.index("severe")
        legend = line_with(aligned, "substitution")  # words per kind
        assert "~ variant 1" in legend
        assert "≠ substitution 18" in legend
        assert "+ inserted 11" in legend
        assert "− deleted 3" in legend
        line = line_with(aligned, "Although", "although")  # a change of case: a variant
        assert line.index("Although") < line.index("~") < line.index("although")
        head = line_with(aligned, "First rendering")
        assert "Second rendering" in head  # each column's holder over it
        assert "¶24" in line_with(aligned, "¶24")
        assert "¶28" in line_with(aligned, "¶28")
        await pilot.press("n")
        status = str(app.screen.query_one("#compare-status").render())
        assert "difference 1 of 12" in status
        assert "inserted" in status  # "Today," only the second rendering has
        await pilot.press(*["n"] * 12)  # round the end
        assert "difference 1 of 12" in str(app.screen.query_one("#compare-status").render())
        await pilot.press("N")
        assert "difference 12 of 12" in str(app.screen.query_one("#compare-status").render())
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is main
        assert app.focused is view
        assert view.cursor == 0
        assert view.dispute is not None
        assert view.dispute.id == "aztv-1937-wording"


async def test_brothers_names_open_aligned_with_a_variant(tmp_path: Path) -> None:
    app = app_on(copy_bundled(tmp_path))
    async with app.run_test(size=(160, 48)) as pilot:
        await to_dispute(pilot, "brothers-names")
        main = app.main_screen
        assert main is not None
        view, aligned = main.query_one(DisputeView), main.query_one(AlignedView)
        assert aligned.display
        assert not view.display
        assert (Kind.VARIANT, "Ziyouddin", "Ziyoddin") in rows(aligned)
        assert (Kind.VARIANT, "Husay", "Husayn") in rows(aligned)
        line = line_with(aligned, "Ziyouddin", "Ziyoddin")
        assert line.index("Ziyouddin") < line.index("~") < line.index("Ziyoddin")
        assert "What were the brothers' names?" in "\n".join(texts(aligned))
        await pilot.press("enter")
        assert app.focused is aligned
        await pilot.press("n")
        assert aligned.cursor == 0
        await pilot.press("c")  # the cards
        await pilot.pause()
        assert view.display
        assert not aligned.display
        assert app.focused is view
        assert len(view.cards) == 2
        await pilot.press("c")  # the picker: "Back to the aligned view" first
        await pilot.pause()
        assert isinstance(app.screen, ComparePicker)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is main
        assert aligned.display
        assert not view.display
        assert app.focused is aligned
        await pilot.press("escape")  # back to the list, as from the cards
        assert app.focused is not None
        assert app.focused.id == "disputes"
        main.goto_dispute("aztv-1937-wording")  # another: aligned too, from the top
        await settled(pilot)
        assert aligned.display
        assert (Kind.SUBSTITUTION, "harshly", "severe") in rows(aligned)
        main.goto_dispute("cause-of-death")  # not a variants dispute: the cards
        await settled(pilot)
        assert view.display
        assert not aligned.display


async def test_enter_opens_the_chosen_sides_source_and_escape_comes_back(tmp_path: Path) -> None:
    app = app_on(copy_bundled(tmp_path))
    async with app.run_test(size=(160, 48)) as pilot:
        await to_dispute(pilot, "brothers-names")
        await pilot.press("enter")
        aligned = app.main_screen.query_one(AlignedView)  # type: ignore[union-attr]
        top = aligned._layout().top  # the columns' headers: a bar before the chosen side's
        assert aligned.render_line(top).text.startswith("▌● Author, 1 July piece")
        await pilot.press("l")
        assert aligned.render_line(top).text.startswith(" ● Author, 1 July piece")
        assert "▌● Author, 2 July piece" in aligned.render_line(top).text
        await pilot.press("enter")  # the right side's source: the 2 July piece
        await settled(pilot)
        assert isinstance(app.screen, SourceScreen)
        assert app.screen.source_id == "tortured-in-baku"
        await pilot.press("escape")
        await pilot.pause()
        main = app.main_screen
        assert app.screen is main
        assert main is not None
        assert app.focused is main.query_one(AlignedView)


async def test_escape_in_the_picker_cancels(tmp_path: Path) -> None:
    app = app_on(copy_bundled(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await to_dispute(pilot, "cause-of-death")
        main = app.main_screen
        assert main is not None
        view = main.query_one(DisputeView)
        await pilot.press("enter", "down")
        await pilot.press("c")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, ComparePicker)
        assert app.screen.query_one(Input).has_focus
        await pilot.press(*"zzzz no such words")
        await pilot.pause()
        first = picker.query_one(OptionList).get_option_at_index(0)
        assert "No evidence matches." in str(first.prompt)
        await pilot.press("enter")  # nothing to choose: stays
        assert app.screen is picker
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is main
        assert app.focused is view
        assert view.cursor == 1


async def test_hostile_text_stays_literal(tmp_path: Path) -> None:
    app = app_on(hostile_casebook(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await to_dispute(pilot, "markup")
        await pilot.press("enter", "c")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, ComparePicker)
        shown = [str(o.prompt) for o in picker.query_one(OptionList)._options]
        assert any("Holder [red]x[/red]" in s or "Other" in s for s in shown)
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(app.screen, CompareScreen)
        aligned = app.screen.query_one(AlignedView)
        drawn = "\n".join(texts(aligned))
        assert "[@click=app.quit]click me[/]" in drawn
        assert "Holder [red]x[/red]" in drawn
        assert app.is_running  # the [@click=app.quit] did nothing


BOLD_CASEBOOK = """\
title: Bold
sides:
  a: {label: "A [bold]side[/bold]", colour: "#e03131"}
  b: {label: B, colour: "#1971c2"}
sources:
  one: {file: sources/one.txt, title: "One [bold]title[/bold]"}
  two: {file: sources/two.txt, title: Two}
disputes:
  - id: words
    question: "Which [bold]words[/bold]?"
    kind: variants
    positions:
      - side: a
        holder: "Holder [bold]one[/bold]"
        claim: One.
        evidence:
          - {source: one, quote: "he said [bold]loudly[/bold] that the plan failed"}
      - side: b
        holder: Holder two
        claim: Two.
        evidence:
          - {source: two, quote: "he said [italic]quietly[/italic] that the plan failed"}
"""


async def test_bold_markup_in_a_variants_dispute_is_drawn_as_text(tmp_path: Path) -> None:
    root = make_casebook(
        tmp_path / "bold",
        BOLD_CASEBOOK,
        {
            "sources/one.txt": "Then he said [bold]loudly[/bold] that the plan failed.\n",
            "sources/two.txt": "Later he said [italic]quietly[/italic] that the plan failed.\n",
        },
    )
    app = app_on(root)
    async with app.run_test(size=(120, 40)) as pilot:
        await to_dispute(pilot, "words")
        main = app.main_screen
        assert main is not None
        aligned = main.query_one(AlignedView)
        assert aligned.display
        drawn = [aligned.render_line(y) for y in range(aligned.virtual_size.height)]
        text = "\n".join(strip.text for strip in drawn)
        assert "Which [bold]words[/bold]?" in text
        assert "Holder [bold]one[/bold]" in text
        assert "One [bold]title[/bold]" in text
        # the words are aligned as rule 2 cuts them: "[", "bold", "]" are words too
        assert line_with(aligned, "he said [").count("he said [") == 2
        assert line_with(aligned, "[/ ").count("[/") == 2
        line = line_with(aligned, "loudly")
        assert line.index("loudly") < line.index("≠") < line.index("quietly")
        assert line_with(aligned, "bold", "italic").count("≠") == 1
        rule = next(y for y, strip in enumerate(drawn) if strip.text.startswith("───"))
        for strip in drawn[rule:]:  # the rows: the brackets printed, and no markup applied
            for segment in strip:
                if "[" in segment.text or "]" in segment.text:
                    assert segment.style is not None
                    assert not segment.style.italic, segment
                    assert not segment.style.bold, segment


def big_casebook(quotes: int) -> Casebook:
    loc = Location(Path("c.yaml"), 1, 1)
    disputes = []
    for d in range(quotes // 4):
        positions = tuple(
            Position(
                "a",
                f"Holder {d}-{p}",
                "claim",
                tuple(Evidence("s", f"quote {d} {p} {e} words here", loc) for e in range(2)),
                loc,
            )
            for p in range(2)
        )
        disputes.append(Dispute(f"d{d}", f"Question number {d}?", positions, loc))
    sources = {"s": Source("s", "s.txt", "S", loc)}
    return Casebook(Path("."), Path("casebook.yaml"), "big", {}, sources, tuple(disputes))


def test_the_picker_filters_20000_quotes_quickly() -> None:
    casebook = big_casebook(20_000)
    started = time.perf_counter()
    found = entries(casebook, "d0", 0, 0)
    built = time.perf_counter() - started
    assert len(found) == 19_999
    assert [e.dispute.id for e in found[:3]] == ["d0"] * 3  # this dispute's first
    started = time.perf_counter()
    hits = matching(found, "question 4999")
    filtered = time.perf_counter() - started
    assert {e.dispute.id for e in hits} == {"d4999"}
    assert built < 0.5, built
    assert filtered < 0.1, filtered


def test_a_long_quote_is_cut_around_the_word_typed() -> None:
    quote = "Opening words. " * 20 + "the harshly word" + " and after." * 10
    assert cut(quote, []).startswith("Opening words.")
    assert cut(quote, []).endswith("…")
    around = cut(quote, ["harshly"])
    assert "harshly" in around
    assert around.startswith("…")
    assert len(around) <= 160
    assert cut("short quote", ["quote"]) == "short quote"


async def test_a_quote_not_found_is_compared_as_written_and_says_so(tmp_path: Path) -> None:
    root = make_casebook(
        tmp_path / "missing",
        BOLD_CASEBOOK.replace(
            "he said [italic]quietly[/italic] that the plan failed", "nothing of the kind here"
        ),
        {
            "sources/one.txt": "Then he said [bold]loudly[/bold] that the plan failed.\n",
            "sources/two.txt": "Later he said [italic]quietly[/italic] that the plan failed.\n",
        },
    )
    app = app_on(root)
    async with app.run_test(size=(120, 40)) as pilot:
        await to_dispute(pilot, "words")
        main = app.main_screen
        assert main is not None
        aligned = main.query_one(AlignedView)
        assert "the quote as written: not found in" in line_with(aligned, "quote as written")
        assert aligned.shown is not None
        assert aligned.shown.alignment.b == "nothing of the kind here"  # the YAML's words
        assert "¶1" in line_with(aligned, "One [bold]title[/bold]")


def test_a_quote_cut_around_the_word_typed_starts_and_ends_at_words() -> None:
    quote = (
        "Stalin once crushed those who raised their voices for freedom through the NKVD, "
        "today, Putin punishes truth-tellers using the OMON. In other words, 1937 "
        "continues—only more harshly, more brutally, and the speech goes on for a good "
        "while longer than any picker could show on one line of a terminal, "
        "and longer still, for the cut to need an end as well as a start."
    )
    around = cut(quote, ["harshly"])
    assert around.startswith("…")
    assert quote[quote.index(around[1:-1]) - 1] == " "  # starts at a word's start
    assert around.endswith("…")
    assert quote[quote.index(around[1:-1]) + len(around) - 2] == " "  # ends at a word's end
    assert "harshly" in around[:60]  # in sight at the start of the line
    assert cut(quote, []).rstrip("…") == quote[: len(cut(quote, [])) - 1].rstrip()


async def test_picker_options_keep_one_line_each_at_120_columns(tmp_path: Path) -> None:
    """Each option is its two lines, indented, cut with "…" at the box's width: no line
    of it wraps to the box's left edge (the tester's "…heir voices" at 120 columns)."""
    app = app_on(copy_bundled(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await to_dispute(pilot, "cause-of-death")
        await pilot.press("enter", "c", *"harshly")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, ComparePicker)
        listing = picker.query_one(OptionList)
        evidence = [o for o in listing._options if not o.disabled]
        assert len(evidence) == 2
        for option in evidence:
            style = listing.get_visual_style("option-list--option")
            lines = [s.text for s in listing._get_option_render(option, style)]
            assert len(lines) == 2, lines
            assert lines[0].startswith("    ● First rendering"), lines
            assert lines[1].startswith("    “"), lines
            assert "harshly" in lines[1], lines
