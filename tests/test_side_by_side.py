"""Two sources side by side (issue 16), on a copy of the bundled casebook: the source view's
`s` picks the second source, both columns show their paragraphs with the cited passages in
their sides' colours, each column scrolls on its own, `=` takes the right column to a
paragraph citing the dispute the left's current paragraph cites, `escape` goes back to the
source view as it was; `)` (no longer `s`) selects the sentence there."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest
from pdf_cite_support import pdf_casebook
from textual.containers import Vertical
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import OptionList, Static
from tui_support import copy_bundled, hostile_casebook, settled

import tui.screens.main
from claims.model import Location, Source
from tui.app import ContestedApp, create_app
from tui.screens.citing import CitingScreen
from tui.screens.side_by_side import SideBySideScreen, current_paragraph, matches
from tui.screens.source import SourceScreen
from tui.screens.source_picker import MOST, SourcePicker, choices, matching
from tui.session import Session
from tui.widgets.dispute_view import DisputeView
from tui.widgets.document_view import DocumentView

SIZE = (120, 36)


def app_for(tmp_path: Path) -> ContestedApp:
    return create_app(copy_bundled(tmp_path) / "casebook.yaml", keymap_file=Path("/nonexistent"))


async def open_pushes_back(pilot: Pilot[None]) -> SourceScreen:
    """The first dispute's third card (the family's, quoting pushes-back), its source."""
    await settled(pilot)
    await pilot.press("tab", "l", "l", "enter")
    await settled(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SourceScreen)
    assert screen.source_id == "pushes-back"
    return screen


async def side_by_side(pilot: Pilot[None], *keys: str) -> SideBySideScreen:
    """`s` (unless the picker is open), then `keys` in the picker (default: enter, its
    first source): both sources shown."""
    if not isinstance(pilot.app.screen, SourcePicker):
        await pilot.press("s")
        await pilot.pause()
    assert isinstance(pilot.app.screen, SourcePicker)
    await pilot.press(*(keys or ("enter",)))
    await settled(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SideBySideScreen)
    return screen


def status(screen: SideBySideScreen) -> str:
    return str(screen.query_one("#side-status", Static).render())


def in_sight(view: DocumentView) -> set[int]:
    """The paragraphs with a line on the view now."""
    layout = view._layout
    assert layout is not None
    top = int(view.scroll_y)
    lines = layout.lines[top : top + view.scrollable_content_region.height]
    return {number for number, _gutter, _text in lines if number}


async def test_s_picks_the_second_source_and_shows_both_in_columns(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        source = await open_pushes_back(pilot)
        opened = source.query_one(DocumentView).current
        await pilot.press("s")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, SourcePicker)
        await pilot.press(*"tortured")  # type to filter
        await pilot.pause()
        screen = await side_by_side(pilot, "enter")
        assert screen.ids == ("pushes-back", "tortured-in-baku")
        left, right = screen.views
        assert left.current == opened  # the left keeps the place the source was opened at
        assert opened in in_sight(left)
        headings = [
            str(screen.query_one(f"#side-{n}-heading", Static).render()) for n in ("left", "right")
        ]
        assert "Azerbaijan pushes back against Russian power" in headings[0]
        assert "2025-07-01" in headings[0]
        assert "Russians were tortured in Baku" in headings[1]
        assert "2025-07-02" in headings[1]
        # each column's cited passages in their sides' colours, its ¶ numbers in the gutter
        for view in (left, right):
            cited = [p for p in view.passages if p.cited]
            assert cited
            assert any(span.style for span in cited[0].body.spans)
            assert cited[0].gutter.plain.startswith(f"¶{cited[0].number} ◆")
        assert app.focused is left
        await pilot.press("escape")  # back to the source view, as it was
        await pilot.pause()
        assert app.screen is source
        assert source.query_one(DocumentView).current == opened


async def test_each_column_scrolls_on_its_own_and_tab_switches(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_pushes_back(pilot)
        screen = await side_by_side(pilot)
        left, right = screen.views
        left_y = left.scroll_y
        await pilot.press("tab")
        assert app.focused is right
        assert right.parent is not None
        assert right.parent.has_class("-focused")  # its heading in the accent colour
        assert left.parent is not None
        assert not left.parent.has_class("-focused")
        right_y = right.scroll_y
        await pilot.press("pagedown", "j", "j")
        await pilot.pause()
        assert right.scroll_y == right_y + right.scrollable_content_region.height + 2
        assert left.scroll_y == left_y  # the left did not move
        await pilot.press("shift+tab", "k")
        await pilot.pause()
        assert app.focused is left
        assert left.scroll_y == left_y - 1
        assert right.scroll_y == right_y + right.scrollable_content_region.height + 2
        await pilot.click(right, offset=(20, 5))  # a click focuses the column clicked
        await pilot.pause()
        assert app.focused is right


async def test_equals_goes_to_a_paragraph_citing_the_same_dispute(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_pushes_back(pilot)
        screen = await side_by_side(pilot)
        left, right = screen.views
        number = current_paragraph(left, sorted(screen.by_paragraph[0]))
        assert number == left.current  # opened at a cited paragraph: that one
        disputes = {c.dispute.id for c in screen.by_paragraph[0][number]}
        assert "cause-of-death" in disputes
        seen = []
        for _ in range(4):
            await pilot.press("equals_sign")
            await pilot.pause()
            paragraph = right.current
            seen.append(paragraph)
            cites = {c.dispute.id for c in screen.by_paragraph[1][paragraph]}
            assert cites & disputes  # the right's paragraph cites one of the same disputes
            assert paragraph in in_sight(right)
            # level with the left's paragraph: both start on the same row
            left_row = left.paragraph_top(number) - int(left.scroll_y)
            if left_row >= 0 and right.max_scroll_y > right.scroll_y:
                assert right.paragraph_top(paragraph) - int(right.scroll_y) == left_row
            shared = sorted(cites & disputes)
            assert status(screen).startswith(f"¶{number} ↔ ¶{paragraph} · ")
            assert any(d in status(screen) for d in shared)
        found = matches(sorted(disputes, key=list(disputes).index), screen.by_paragraph[1])
        assert len(found) > 1
        assert seen[0] != seen[1]  # `=` again, same place: the next matching paragraph
        assert len(set(seen)) == min(len(found), 4) or seen[len(found)] == seen[0]
        assert left.current == number  # the left did not move


async def test_equals_says_so_and_stays_when_the_right_cites_no_such_dispute(
    tmp_path: Path,
) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_pushes_back(pilot)
        screen = await side_by_side(pilot)
        left, right = screen.views
        right_cited = {c.dispute.id for cs in screen.by_paragraph[1].values() for c in cs}
        alone = [
            n
            for n, cs in sorted(screen.by_paragraph[0].items())
            if not {c.dispute.id for c in cs} & right_cited
        ]
        assert alone, "the seed has a paragraph only the first piece speaks to"
        left.go_to(alone[0])
        await pilot.pause()
        before = (right.current, right.scroll_y)
        await pilot.press("equals_sign")
        await pilot.pause()
        disputes = list(dict.fromkeys(c.dispute.id for c in screen.by_paragraph[0][alone[0]]))
        assert status(screen) == f"tortured-in-baku says nothing on {' or '.join(disputes)}"
        assert (right.current, right.scroll_y) == before


async def test_current_paragraph_is_the_cited_one_nearest_the_top(tmp_path: Path) -> None:
    """Scrolled away from the cursor, `=` matches from the first cited paragraph in sight."""
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_pushes_back(pilot)
        screen = await side_by_side(pilot)
        left, _right = screen.views
        cited = sorted(screen.by_paragraph[0])
        cursor = left.cursor
        right_cited = {c.dispute.id for cs in screen.by_paragraph[1].values() for c in cs}
        later = [
            n
            for n in cited
            if n > cursor + 3 and {c.dispute.id for c in screen.by_paragraph[0][n]} & right_cited
        ]
        left.scroll_to(y=left.paragraph_top(later[0]), animate=False, force=True)
        await pilot.pause()
        assert current_paragraph(left, cited) == later[0]
        await pilot.press("equals_sign")
        await pilot.pause()
        assert left.cursor == later[0]  # the paragraph matched from is marked
        assert status(screen).startswith(f"¶{later[0]} ↔ ")


def test_the_picker_lists_the_other_sources_with_their_citations() -> None:
    from claims import load
    from claims.bundled import bundled_casebook

    casebook = load(bundled_casebook()).casebook
    found = choices(casebook, "pushes-back")
    assert [c.id for c in found] == ["tortured-in-baku"]
    label = found[0].label.plain
    assert "Russians were tortured in Baku" in label
    assert "2025-07-02" in label
    count = sum(
        e.source == "tortured-in-baku"
        for d in casebook.disputes
        for p in d.positions
        for e in p.evidence
    )
    assert f"{count} citations" in label
    assert matching(found, "BAKU 2025") == found
    assert matching(found, "baku moscow") == []


async def test_close_paren_selects_the_sentence_and_capture_still_works(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_pushes_back(pilot)
        view = screen.query_one(DocumentView)
        assert view.text_selection is None
        await pilot.press("right_parenthesis")  # the sentence of the quote opened at
        mark = screen.selection_mark()
        assert mark is not None
        assert not isinstance(mark, str)
        target = view.target
        assert target is not None
        assert mark.start <= target.start
        assert target.end <= mark.end
        assert mark.selected.rstrip()[-1] in ".!?”\"'"
        # with a selection, `(`/`)` step by sentence: here its start back a sentence
        await pilot.press("o", "left_parenthesis")
        longer = screen.selection_mark()
        assert longer is not None
        assert not isinstance(longer, str)
        assert longer.end == mark.end
        assert longer.start < mark.start
        await pilot.press("y")  # copied with its citation
        assert longer.selected.split()[0] in app.clipboard
        assert "Azerbaijan pushes back against Russian power" in app.clipboard
        await pilot.press("escape")  # clears; `s` is now side by side, not a sentence
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SourcePicker)
        assert view.text_selection is None


async def until(pilot: Pilot[None], condition: Callable[[], bool], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "not within 5 s"
        await pilot.pause(0.05)


async def test_a_reload_shows_both_columns_anew_where_they_were(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The right source's file changes on disk: the right column shows the new text, on
    the same paragraph (moved one down); the left stays where it was."""
    monkeypatch.setattr(tui.screens.main, "POLL_SECONDS", 0.05)
    root = copy_bundled(tmp_path)
    app = create_app(root / "casebook.yaml", keymap_file=Path("/nonexistent"))
    async with app.run_test(size=SIZE) as pilot:
        await open_pushes_back(pilot)
        screen = await side_by_side(pilot)
        left, right = screen.views
        await pilot.press("equals_sign")
        await pilot.pause()
        number, left_at = right.current, (left.current, left.scroll_y)
        source = root / "sources" / "tortured-in-baku.txt"
        text = source.read_text(encoding="utf-8")
        source.write_text("A new first paragraph.\n" + text, encoding="utf-8")
        await until(pilot, lambda: right.passages[0].body.plain == "A new first paragraph.")
        assert app.screen is screen
        assert right.current == number + 1  # the same paragraph, one further down
        assert (left.current, left.scroll_y) == left_at
        assert screen.by_paragraph[1][number + 1]  # its quotes anchored anew
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)


async def test_enter_in_a_column_goes_to_a_dispute_citing_its_paragraph(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_pushes_back(pilot)
        screen = await side_by_side(pilot)
        await pilot.press("equals_sign", "tab", "enter")  # the right's matched paragraph
        await pilot.pause()
        cited = {c.dispute.id for c in screen.by_paragraph[1][screen.views[1].current]}
        assert isinstance(app.screen, CitingScreen)
        await pilot.press("enter")
        await settled(pilot)
        assert app.screen is app.main_screen
        main = app.main_screen
        assert main is not None
        shown = main.query_one(DisputeView).dispute
        assert shown is not None
        assert shown.id in cited


def test_the_picker_filters_a_thousand_sources_at_once() -> None:
    """1,000 sources: listed and filtered by a typed word in well under a keystroke."""
    sources = {
        f"s{i:04}": Source(f"s{i:04}", f"s{i}.txt", f"Report {i} on the {WORDS[i % 7]} affair",
                           Location(Path("casebook.yaml")), outlet=f"Outlet {i % 13}")
        for i in range(1000)
    }  # fmt: skip
    casebook = SimpleNamespace(sources=sources, disputes=[])
    start = time.perf_counter()
    found = choices(casebook, "s0000")  # type: ignore[arg-type]
    for query in ("r", "re", "rep", "report 99", "outlet 12 harbour"):
        shown = matching(found, query)
    took = time.perf_counter() - start
    assert len(found) == 999
    assert [c.id for c in matching(found, "report 999 ")] == ["s0999"]
    assert all("12" in c.haystack for c in shown)  # every word typed, anywhere
    assert all("harbour" in c.haystack for c in shown)
    assert shown
    assert took < 0.25, f"{took * 1000:.0f} ms"


WORDS = ["harbour", "bridge", "raid", "plane", "speech", "arrest", "video"]


async def test_the_picker_opens_on_a_thousand_sources_and_types_quickly(tmp_path: Path) -> None:
    from textual.app import App

    sources = {
        f"s{i:04}": Source(f"s{i:04}", f"s{i}.txt", f"Report {i} on the {WORDS[i % 7]} affair",
                           Location(Path("casebook.yaml")))
        for i in range(1000)
    }  # fmt: skip
    found = choices(SimpleNamespace(sources=sources, disputes=[]), "none")  # type: ignore[arg-type]
    app: App[None] = App()
    async with app.run_test(size=(100, 30)) as pilot:
        picker = SourcePicker(found, Content("Somewhere"))
        app.push_screen(picker)
        await pilot.pause()
        listing = picker.query_one(OptionList)
        assert listing.option_count == MOST  # the first 200 listed, the count says 1,000
        assert "1000 sources, the first 200 listed" in str(picker.query_one(Vertical).border_title)
        start = time.perf_counter()
        await pilot.press(*"bridge 99")
        await pilot.pause()
        took = time.perf_counter() - start
        ids = [listing.get_option_at_index(i).id for i in range(listing.option_count)]
        assert ids == [f"s{i:04}" for i in range(1000) if "99" in str(i) and i % 7 == 1]
        assert took < 2.0, f"9 keys took {took * 1000:.0f} ms"
        await pilot.press("enter")
        assert app.screen is not picker


async def test_hostile_titles_are_shown_as_text(tmp_path: Path) -> None:
    """Markup and control sequences in a source's title or outlet are shown as the text
    they are, in the picker and in the columns' headings, never run."""
    root = hostile_casebook(tmp_path)
    (root / "sources" / "other.txt").write_text("Officials said so.\n", encoding="utf-8")
    yaml = (root / "casebook.yaml").read_text(encoding="utf-8")
    yaml = yaml.replace(
        "sources:\n",
        'sources:\n  other: {file: sources/other.txt, title: "[@click=app.quit]Other[/]",'
        ' outlet: "Out\\e[31mlet [b]x"}\n',
    )
    (root / "casebook.yaml").write_text(yaml, encoding="utf-8")
    app = create_app(root / "casebook.yaml", keymap_file=Path("/nonexistent"))
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("tab", "enter")
        await settled(pilot)
        assert isinstance(app.screen, SourceScreen)
        await pilot.press("s")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, SourcePicker)
        label = picker.query_one(OptionList).get_option_at_index(0).prompt
        assert isinstance(label, Content)
        assert "[@click=app.quit]Other[/]" in label.plain
        assert "\x1b" not in label.plain
        screen = await side_by_side(pilot)
        heading = screen.query_one("#side-right-heading", Static).render()
        assert isinstance(heading, Content)
        assert "[@click=app.quit]Other[/]" in heading.plain
        assert "let [b]x" in heading.plain
        assert "\x1b" not in heading.plain
        assert app.is_running


async def test_a_pdf_column_keeps_its_page_labels(tmp_path: Path) -> None:
    """A PDF beside a text file: the PDF's column shows its page rules and printed page
    labels as the source view does, and `=` cites its paragraph "p. 2 ¶3 (¶N)"."""
    more = (
        "      - side: ministry\n"
        "        holder: The press\n"
        "        claim: The press reports the finding.\n"
        "        evidence:\n"
        "          - source: press\n"
        "            quote: The report finds the cause.\n"
    )
    book = pdf_casebook(tmp_path, more_yaml=more)
    (book.root / "sources" / "press.txt").write_text(
        "A first line.\n\nThe report finds the cause.\n", encoding="utf-8"
    )
    yaml = (book.root / "casebook.yaml").read_text(encoding="utf-8")
    yaml = yaml.replace(
        "sources:\n", "sources:\n  press: {file: sources/press.txt, title: Press}\n"
    )
    (book.root / "casebook.yaml").write_text(yaml, encoding="utf-8")
    app = create_app(book.root / "casebook.yaml", keymap_file=Path("/nonexistent"))
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("enter", "enter")  # the cards, the first one's source: the PDF
        await settled(pilot)
        source = app.screen
        assert isinstance(source, SourceScreen)
        assert source.source_id == "report"
        screen = await side_by_side(pilot)
        left, right = screen.views
        assert [p.rule for p in left.passages] == [
            p.rule for p in source.query_one(DocumentView).passages
        ]
        assert any(p.rule is not None for p in left.passages)  # the page rules
        assert any(p.gutter_below is not None for p in left.passages)  # "p. 2" in the gutter
        assert all(p.rule is None for p in right.passages)  # a text file has no pages
        await pilot.press("equals_sign")
        await pilot.pause()
        assert status(screen) == f"p. 2 ¶3 (¶{book.running}) ↔ ¶2 · findings"
        assert right.current == 2


async def test_a_second_source_not_ready_is_read_first_then_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The right source not yet read and anchored: a worker does that, then both show."""
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_pushes_back(pilot)
        ready = Session.source_ready

        def not_yet(self: Session, source_id: str) -> bool:
            return ready(self, source_id) and source_id != "tortured-in-baku"

        monkeypatch.setattr(Session, "source_ready", not_yet)
        prepared: list[str] = []
        prepare = Session.prepare_source

        def preparing(
            self: Session, source_id: str, give_up: Callable[[], bool] | None = None
        ) -> None:
            prepared.append(source_id)
            prepare(self, source_id, give_up)

        monkeypatch.setattr(Session, "prepare_source", preparing)
        screen = await side_by_side(pilot)
        assert prepared == ["tortured-in-baku"]
        assert screen.views[1].passages
