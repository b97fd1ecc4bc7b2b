"""The list's marks say what is wrong (errors, drift, one-sided), help explains them and
shows every key of a binding, and a keymap line that cannot apply is named, not ignored."""

from __future__ import annotations

from pathlib import Path

from conftest import make_casebook
from textual.color import Color
from textual.widgets import Static
from tui_support import settled

from tui.app import create_app
from tui.keymap import binding_ids, read_keymap
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen
from tui.widgets.dispute_list import DisputeList
from tui.widgets.dispute_view import DisputeView

SOURCE = (
    "The Russian experts gave the cause of death as hearts failure, the report said.\n\n"
    "The convoy left the harbour at noon under a heavy escort.\n"
)


def position(side: str, quote: str) -> str:
    return f"""\
      - side: {side}
        holder: Holder {side}
        claim: Claim {side}.
        evidence:
          - {{source: src, quote: "{quote}"}}
"""


EXACT = "The convoy left the harbour at noon"
CASEBOOK = f"""\
title: Marks
sides:
  a: {{label: Side A}}
  b: {{label: Side B}}
sources:
  src: {{file: sources/src.txt}}
disputes:
  - id: broken
    question: Broken?
    positions:
{position("a", "The convoy departed from the harbour at midnight without escort")}\
{position("b", EXACT)}\
  - id: drifted
    question: Drifted?
    positions:
{position("a", "The Russian experts gave the cause of death as heart failure")}\
{position("b", EXACT)}\
  - id: lonely
    question: Lonely?
    positions:
{position("a", EXACT)}\
  - id: fine
    question: Fine?
    positions:
{position("a", EXACT)}\
{position("b", "under a heavy escort")}\
"""


def marks_casebook(tmp_path: Path) -> Path:
    return make_casebook(tmp_path / "marks", CASEBOOK, {"sources/src.txt": SOURCE})


def row_mark(listing: DisputeList, row: int) -> tuple[str, Color | None]:
    """The mark drawn before row `row`'s question, and its colour."""
    strip = listing.render_line(row * listing.row_height - int(listing.scroll_offset.y))
    for segment in strip:
        text = segment.text.strip()
        if text:
            colour = segment.style.color if segment.style else None
            return text[0], Color.from_rich_color(colour) if colour else None
    return "", None


async def test_the_list_marks_errors_drift_and_one_sided_apart(tmp_path: Path) -> None:
    app = create_app(marks_casebook(tmp_path), keymap_file=Path("/nonexistent"))
    async with app.run_test(size=(120, 30)) as pilot:
        await settled(pilot)
        listing = app.screen.query_one(DisputeList)
        ids = [d.id for d in listing.rows]
        marks = {i: row_mark(listing, row) for row, i in enumerate(ids)}
        assert marks["broken"][0] == "✗"  # a quote not found: an error
        assert marks["drifted"][0] == "≈"  # found only approximately: a warning, not ✗
        assert marks["lonely"][0] == "◐"
        assert marks["fine"][0] == "F"  # no mark: the question itself comes first
        error = Color.parse(app.theme_variables["error"])
        warning = Color.parse(app.theme_variables["warning"])
        assert marks["broken"][1] == error
        assert marks["drifted"][1] == warning


async def test_help_explains_the_marks_and_shows_every_key(tmp_path: Path) -> None:
    app = create_app(marks_casebook(tmp_path), keymap_file=Path("/nonexistent"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        app.screen.query_one(DisputeView).focus()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text", Static).visual)
        lines = [" ".join(line.split()) for line in text.splitlines()]
        assert "Marks in the list" in lines
        assert any(line.startswith("✗ errors") for line in lines)
        assert any(line.startswith("≈ drift") for line in lines)
        assert any(line.startswith("◐ one-sided") for line in lines)
        # every key of a binding, not only its first
        assert "↓ j Next quote [evidence.next]" in lines
        assert "→ l Next position [evidence.right]" in lines


async def test_keymap_lines_that_cannot_apply_are_named(tmp_path: Path) -> None:
    keymap = tmp_path / "keymap.toml"
    keymap.write_text(
        '# my keys\n"source.nxt" = "x"\n"evidence.next" = "ctrl+foo,z"\n"app.help" = "f2"\n'
        '"list.down" = "nokey"\n',
        encoding="utf-8",
    )
    app = create_app(marks_casebook(tmp_path), keymap_file=keymap)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        notes = [n for n in app._notifications if n.title == "Keymap"]
        assert len(notes) == 1
        said = notes[0].message
        assert notes[0].severity == "warning"
        assert f'{keymap}:2: unknown binding id "source.nxt"; did you mean "source.next"?' in said
        assert f'{keymap}:3: "ctrl+foo" is not a key (for evidence.next)' in said
        assert f'{keymap}:5: "nokey" is not a key (for list.down)' in said
        assert "Valid ids: " in said
        assert "source.next-place" in said.split("Valid ids:")[1]
        assert "app.help" not in said.split("Valid ids:")[0]  # a good line is not named
        # the good lines and keys still apply; a line with no key left keeps its own keys
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        listing = app.screen.query_one(DisputeList)
        listing.focus()
        await pilot.press("down")
        assert listing.cursor == 1
        app.screen.query_one(DisputeView).focus_card(0)
        await pilot.press("z")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.screen.query_one(DisputeView).cursor == 1


def test_a_keymap_value_that_is_not_text_is_named_with_its_line(tmp_path: Path) -> None:
    keymap = tmp_path / "keymap.toml"
    keymap.write_text('"app.help" = "f2"\n"main.reload" = 5\n', encoding="utf-8")
    usable, said = read_keymap(keymap, binding_ids())
    assert usable == {"app.help": "f2"}
    assert said is not None
    assert f'{keymap}:2: the keys for "main.reload" are not text' in said
    assert "Valid ids" not in said  # every id is known: no list to wade through


def test_the_valid_ids_follow_only_an_unknown_id(tmp_path: Path) -> None:
    keymap = tmp_path / "keymap.toml"
    keymap.write_text('"app.quit" = ""\n', encoding="utf-8")
    _usable, said = read_keymap(keymap, binding_ids())
    assert said == f'{keymap}:1: "" is not a key (for app.quit)'
    keymap.write_text('"app.quit" = ""\n"app.qiut" = "x"\n', encoding="utf-8")
    _usable, said = read_keymap(keymap, binding_ids())
    assert said is not None
    assert "Valid ids: " in said
