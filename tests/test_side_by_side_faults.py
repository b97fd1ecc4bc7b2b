"""Faults a tester found in two sources side by side (session 22), each pinned by a test:
`enter` in the left column listing the RIGHT source's disputes (F1); `=` from an off-screen
left paragraph leaving the match out of sight (F2); `home`/`end`/`pgdn` animating for up
to a second (F5); the hint line naming the default keys under a keymap, and a keymap giving
one key to two bindings of a screen unnoticed (F13); a terminal too narrow for two columns
showing one and saying nothing (F15). On a copy of the bundled example."""

from __future__ import annotations

from pathlib import Path

from pdf_cite_support import pdf_casebook
from test_side_by_side import app_for, in_sight, open_pushes_back, side_by_side, status
from textual.pilot import Pilot
from textual.widgets import Static
from textual.worker import WorkerCancelled
from tui_support import copy_bundled, settled

from tui.app import create_app
from tui.keymap import binding_ids, read_keymap
from tui.screens.citing import CitingScreen
from tui.screens.side_by_side import SideBySideScreen, current_paragraph
from tui.screens.source import SourceScreen
from tui.widgets.document_view import DocumentView

SIZE = (120, 36)


async def open_tortured(pilot: Pilot[None]) -> SourceScreen:
    """The first dispute's first card's source: tortured-in-baku, at its ¶6."""
    await settled(pilot)
    await pilot.press("enter", "enter")
    await settled(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SourceScreen)
    assert screen.source_id == "tortured-in-baku"
    return screen


async def calm(pilot: Pilot[None]) -> None:
    """`settled`, but a worker cancelled meanwhile (an exclusive one a newer one replaced,
    as when the PDF's metadata is read twice) is waited past, not raised."""
    for _ in range(5):
        try:
            await settled(pilot)
            return
        except WorkerCancelled:
            continue


def disputes_of(screen: SideBySideScreen, column: int, number: int) -> set[str]:
    return {c.dispute.id for c in screen.by_paragraph[column].get(number, [])}


async def test_enter_in_the_left_column_lists_the_left_paragraphs_disputes(
    tmp_path: Path,
) -> None:
    """F1: tortured-in-baku ¶6 (left) and pushes-back ¶6 (right) cite different disputes;
    `enter` on the left lists the left's, and picking one goes to a dispute it cites."""
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_tortured(pilot)
        screen = await side_by_side(pilot)
        left, _right = screen.views
        assert app.focused is left
        await pilot.press("j", "enter")
        await pilot.pause()
        number = left.current
        own = disputes_of(screen, 0, number)
        assert own
        assert own != disputes_of(screen, 1, number)
        citing = app.screen
        assert isinstance(citing, CitingScreen)
        assert {d.id for d in citing.disputes} == own
        await pilot.press("enter")
        await settled(pilot)
        assert app.screen is app.main_screen
        main = app.main_screen
        assert main is not None
        from tui.widgets.dispute_view import DisputeView

        shown = main.query_one(DisputeView).dispute
        assert shown is not None
        assert shown.id in own


async def test_a_click_then_enter_lists_the_clicked_columns_disputes(tmp_path: Path) -> None:
    """F1, the mouse: a click on the left column's cited paragraph (focus on the right
    before), then `enter`: the left paragraph's disputes."""
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_tortured(pilot)
        screen = await side_by_side(pilot)
        left, right = screen.views
        await pilot.press("tab")
        assert app.focused is right
        assert left._layout is not None
        row = left.paragraph_top(left.cursor) - int(left.scroll_y)
        await pilot.click(left, offset=(20, row))
        await pilot.pause()
        assert app.focused is left
        await pilot.press("enter")
        await pilot.pause()
        citing = app.screen
        assert isinstance(citing, CitingScreen)
        assert {d.id for d in citing.disputes} == disputes_of(screen, 0, left.current)


def press_beside_the_report(tmp_path: Path) -> Path:
    """A PDF report (4 pages, its quotes on pp. 1–2 and 2) and a text file quoting the
    same dispute (as tests/test_side_by_side.py's PDF test): the casebook's path."""
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
        "A first line.\n\n"
        + "A line of its own.\n\n" * 30
        + "The report finds the cause.\n\n"
        + "More.\n\n" * 30,
        encoding="utf-8",
    )
    yaml = (book.root / "casebook.yaml").read_text(encoding="utf-8")
    yaml = yaml.replace(
        "sources:\n", "sources:\n  press: {file: sources/press.txt, title: Press}\n"
    )
    (book.root / "casebook.yaml").write_text(yaml, encoding="utf-8")
    return book.root / "casebook.yaml"


async def test_equals_from_an_off_screen_paragraph_shows_both_ends(tmp_path: Path) -> None:
    """F2: `home` on the left (a PDF whose first cited paragraph is below the first
    screenful): no cited paragraph in sight, `=` matches from the nearest one, below; after
    it, both that paragraph and its match (the press's ¶32) are in sight, level."""
    app = create_app(press_beside_the_report(tmp_path), keymap_file=Path("/nonexistent"))
    async with app.run_test(size=SIZE) as pilot:
        await calm(pilot)
        await pilot.press("enter", "enter")  # the cards, the first one's source: the PDF
        await calm(pilot)
        screen = await side_by_side(pilot)
        left, right = screen.views
        cited = sorted(screen.by_paragraph[0])
        await pilot.press("home")
        await pilot.pause()
        assert not in_sight(left) & set(cited)
        number = current_paragraph(left, cited)
        assert number is not None
        assert number not in in_sight(left)
        await pilot.press("equals_sign")
        await pilot.pause()
        assert status(screen).endswith(" ↔ ¶32 · findings")
        assert right.current == 32
        assert number in in_sight(left)  # the left's paragraph matched from, in sight
        assert 32 in in_sight(right)  # and its match
        left_row = left.paragraph_top(number) - int(left.scroll_y)
        assert right.paragraph_top(32) - int(right.scroll_y) == left_row  # level


async def test_home_end_and_page_keys_land_at_once(tmp_path: Path) -> None:
    """F5: `end`, `home`, `pgdn` in the source view and in a side-by-side column move the
    view at once, with no animation under way."""
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        source = await open_pushes_back(pilot)
        view = source.query_one(DocumentView)

        async def key(name: str) -> None:
            """What `name` is bound to, run as its key runs it, without Pilot's wait for
            animations to end (which would hide them)."""
            active = app.screen.active_bindings[name]
            await app.run_action(active.binding.action, active.node)
            await pilot.pause()  # a frame: a deferred scroll is done, an animation under way

        async def check(view: DocumentView) -> None:
            await key("end")
            assert not app.animator.is_being_animated(view, "scroll_y")
            assert view.scroll_y == view.max_scroll_y > 0
            await key("home")
            assert not app.animator.is_being_animated(view, "scroll_y")
            assert view.scroll_y == 0
            await key("pagedown")
            assert not app.animator.is_being_animated(view, "scroll_y")
            assert view.scroll_y == view.scrollable_content_region.height
            await key("j")
            assert not app.animator.is_being_animated(view, "scroll_y")
            assert view.scroll_y == view.scrollable_content_region.height + 1
            await key("pageup")
            assert not app.animator.is_being_animated(view, "scroll_y")
            assert view.scroll_y == 1

        await check(view)
        screen = await side_by_side(pilot)
        left, right = screen.views
        await check(left)
        await pilot.press("tab")
        await check(right)


async def test_the_hints_name_the_keys_of_the_keymap(tmp_path: Path) -> None:
    """F13: `=` moved to `x` and `tab` to `ctrl+o`: the hint and status lines say so."""
    keymap = tmp_path / "keymap.toml"
    keymap.write_text('"side.match" = "x"\n"side.switch" = "ctrl+o"\n', encoding="utf-8")
    app = create_app(copy_bundled(tmp_path) / "casebook.yaml", keymap_file=keymap)
    async with app.run_test(size=SIZE) as pilot:
        await open_pushes_back(pilot)
        screen = await side_by_side(pilot)
        hint = status(screen)
        assert "x: the right to the same dispute" in hint
        assert "^o: other column" in hint
        assert "=" not in hint
        assert "tab" not in hint
        await pilot.press("x")
        await pilot.pause()
        assert "x again: the next" in status(screen)
        await pilot.press("ctrl+o")
        assert app.focused is screen.views[1]


def test_a_keymap_giving_one_key_to_two_bindings_of_a_screen_is_reported(
    tmp_path: Path,
) -> None:
    """F13: `s` for "select the sentence" would take side by side's key in the source
    view; the keymap's check says so (the app shows it as a warning at start)."""
    keymap = tmp_path / "keymap.toml"
    keymap.write_text('"source.select-sentence" = "s"\n', encoding="utf-8")
    _usable, error = read_keymap(keymap, binding_ids())
    assert error is not None
    assert "keymap.toml:1" in error
    assert '"s"' in error
    assert "source.side-by-side" in error
    assert "source.select-sentence" in error
    fine = tmp_path / "fine.toml"  # a key moved out of the way is no clash
    fine.write_text('"source.select-sentence" = "s"\n"source.side-by-side" = "S"\n')
    assert read_keymap(fine, binding_ids())[1] is None


async def test_too_narrow_for_two_columns_says_so(tmp_path: Path) -> None:
    """F15: at 60×20 the screen says it is too narrow and how wide to make it, in place of
    the columns; `=` moves nothing; widened, the two columns are back."""
    app = app_for(tmp_path)
    async with app.run_test(size=(60, 20)) as pilot:
        await open_pushes_back(pilot)
        screen = await side_by_side(pilot)
        narrow = screen.query_one("#side-narrow", Static)
        assert narrow.display
        assert narrow.region.height > 0
        assert "too narrow for two columns" in str(narrow.render()).lower()
        assert "77" in str(narrow.render())
        assert not screen.query_one("#side-columns").display
        assert app.focused is None  # no keys of a hidden column in the key bar
        assert not screen.query_one("#side-status").display  # nor the hint naming `=`
        left, right = screen.views
        before = (left.scroll_y, right.scroll_y, right.current)
        await pilot.press("equals_sign")
        await pilot.pause()
        assert (left.scroll_y, right.scroll_y, right.current) == before
        await pilot.resize_terminal(80, 24)
        await settled(pilot)
        assert not narrow.display
        assert app.focused is left
        assert screen.query_one("#side-status").display
        assert right.region.width >= 38
        assert left.region.width >= 38
