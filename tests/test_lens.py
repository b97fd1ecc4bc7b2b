"""The framing lens in the source view (issue 14): `f` on and off, the legend's counts
against `contested framing --format json`, `n`/`N` through the cues in reading order
(round the end), its precedence (over cited paragraphs, under a `/` search), a language
without lists, and untrusted text shown literally."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import make_casebook
from textual.widgets import Input
from tui_support import copy_bundled, settled

from claims.bundled import bundled_casebook
from tui.app import create_app
from tui.widgets.document_view import DocumentView
from tui.widgets.legend import Legend
from tui.widgets.lens import LensLegend, cue_style

NO_KEYMAP = Path("/nonexistent")


async def open_source(pilot: Any, source_id: str, paragraph: int = 1) -> Any:
    """The source view on `source_id` at `paragraph`, settled; the screen."""
    await settled(pilot)
    pilot.app.main_screen.open_source(source_id, paragraph)
    await settled(pilot)
    assert pilot.app.screen.source_id == source_id
    return pilot.app.screen


def legend_text(screen: Any) -> str:
    return str(screen.query_one(LensLegend).render())


def bodies(screen: Any) -> list[tuple[str, list[Any]]]:
    view = screen.query_one(DocumentView)
    return [(p.body.plain, list(p.body.spans)) for p in view.passages]


def cli_json(run_cli: Any, root: Path, source: str) -> dict[str, Any]:
    code, out, _ = run_cli("framing", root, "--source", source, "--format", "json")
    assert code == 0
    found: dict[str, Any] = json.loads(out)["sources"][0]
    return found


def cue_of(screen: Any) -> tuple[int, int, int, str]:
    """(paragraph, start, end, category) of the cue gone to."""
    state = screen.lens_state()
    cue = state.shown[state.index]
    return cue.paragraph, cue.start, cue.end, cue.category


async def test_f_turns_the_lens_on_with_the_cli_counts_and_off_exactly(run_cli) -> None:  # type: ignore[no-untyped-def]
    expected = cli_json(run_cli, bundled_casebook(), "pushes-back")
    counts: dict[str, int] = {}
    for cue in expected["cues"]:
        counts[cue["category"]] = counts.get(cue["category"], 0) + 1
    app = create_app(keymap_file=NO_KEYMAP)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_source(pilot, "pushes-back", 3)
        before_bodies, before_picture = bodies(screen), app.export_screenshot()
        await pilot.press("f")
        await pilot.pause()
        legend = legend_text(screen)
        assert screen.query_one(LensLegend).display
        assert not screen.query_one(Legend).display
        for category, count in counts.items():
            star = "* " if category in ("agentless-passive", "direct-quote") else " "
            assert f" {category} {star}{count} " in legend  # the swatch, its count
        assert "n/N: step through the cues" in legend
        styled = {
            (number, span.start, span.end, str(span.style))
            for number, (_text, spans) in enumerate(bodies(screen), start=1)
            for span in spans
        }
        for cue in expected["cues"]:  # every cue of the CLI's JSON is highlighted
            style = cue_style(cue["category"])
            assert (cue["paragraph"], cue["start"], cue["end"], style) in styled, cue
        await pilot.press("f")
        await pilot.pause()
        assert bodies(screen) == before_bodies
        assert not screen.query_one(LensLegend).display
        assert screen.query_one(Legend).display
        assert app.export_screenshot() == before_picture


async def test_n_and_shift_n_step_through_the_cues_in_reading_order(run_cli) -> None:  # type: ignore[no-untyped-def]
    expected = [
        (c["paragraph"], c["start"], c["end"], c["category"])
        for c in cli_json(run_cli, bundled_casebook(), "tortured-in-baku")["cues"]
    ]
    app = create_app(keymap_file=NO_KEYMAP)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_source(pilot, "tortured-in-baku", 1)
        await pilot.press("f", "n")
        await pilot.pause()
        assert cue_of(screen) == expected[0]  # from paragraph 1: the first cue
        seen = [cue_of(screen)]
        for _ in range(4):
            await pilot.press("n")
            await pilot.pause()
            seen.append(cue_of(screen))
        assert seen == expected[:5]
        assert f"cue 5 of {len(expected)} · " in legend_text(screen)
        view = screen.query_one(DocumentView)
        assert view.target is not None
        assert view.target.paragraph == expected[4][0]
        await pilot.press("N", "N")
        await pilot.pause()
        assert cue_of(screen) == expected[2]
        assert f"cue 3 of {len(expected)} · " in legend_text(screen)
        category, text = expected[2][3], screen.lens_state().shown[2].text
        assert f"{category} : {text}" in legend_text(screen)


async def test_the_cues_go_round_the_end(tmp_path: Path) -> None:
    root = make_casebook(
        tmp_path,
        "title: T\nsides: {a: {label: A}}\nsources:\n  s: {file: s.txt}\ndisputes: []\n",
        {"s.txt": "It reportedly rained.\n\nPlain words here.\n\nOfficials denied it.\n"},
    )
    app = create_app(root, keymap_file=NO_KEYMAP)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_source(pilot, "s", 1)
        await pilot.press("f", "n", "n")
        await pilot.pause()
        assert cue_of(screen)[3] == "denial"
        assert "cue 2 of 2 · " in legend_text(screen)
        await pilot.press("n")
        await pilot.pause()
        assert "cue 1 of 2 · " in legend_text(screen)
        assert cue_of(screen)[:3] == (1, 3, 13)  # "reportedly"
        await pilot.press("N")
        await pilot.pause()
        assert "cue 2 of 2 · " in legend_text(screen)


async def test_n_steps_cues_before_cited_paragraphs_but_after_a_search() -> None:
    app = create_app(keymap_file=NO_KEYMAP)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_source(pilot, "tortured-in-baku", 1)
        view = screen.query_one(DocumentView)
        await pilot.press("f", "n")
        await pilot.pause()
        assert "cue 1 of" in legend_text(screen)
        await pilot.press("slash", *"Safarov", "enter")
        await pilot.pause()
        assert view.search_text == "Safarov"
        assert view.match == 0
        await pilot.press("n")
        await pilot.pause()
        assert view.match == 1  # the search's n
        assert "cue 1 of" in legend_text(screen)
        await pilot.press("escape")  # the search ends: n is the lens's again
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert "cue 2 of" in legend_text(screen)
        await pilot.press("f")  # off: n is the cited paragraphs' again
        await pilot.pause()
        cited = view.current
        await pilot.press("n")
        await pilot.pause()
        assert view.current != cited
        assert view.current in view._cited


async def test_a_language_without_lists_says_so(tmp_path: Path) -> None:
    root = make_casebook(
        tmp_path,
        "title: T\nsides: {a: {label: A}}\nsources:\n"
        "  s: {file: s.txt, language: ru}\ndisputes: []\n",
        {"s.txt": "Как сообщается, шёл дождь.\n"},
    )
    app = create_app(root, keymap_file=NO_KEYMAP)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_source(pilot, "s", 1)
        await pilot.press("f")
        await pilot.pause()
        assert "no framing lists for 'ru'" in legend_text(screen)
        assert screen.query_one(LensLegend).display
        await pilot.press("f")
        await pilot.pause()
        assert not screen.query_one(LensLegend).display


HOSTILE = (
    'Officials said: "[bold]We[/bold] \x1b[31mdeny[/] it [@click=app.quit]x[/]," '
    "Ivan Petrov said.\n\nThe brutal [red]regime[/red] reportedly fell.\n"
)


async def test_untrusted_text_shows_literally_in_the_lens(tmp_path: Path) -> None:
    root = make_casebook(
        tmp_path,
        'title: "T [b]x[/b]"\nsides: {a: {label: "A [/]"}}\nsources:\n'
        '  s: {file: s.txt, title: "S [@click=app.quit]t[/]"}\ndisputes: []\n',
        {"s.txt": HOSTILE},
    )
    app = create_app(root, keymap_file=NO_KEYMAP)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_source(pilot, "s", 1)
        await pilot.press("f", "n")
        await pilot.pause()
        assert app.screen is screen  # no markup ran (app.quit)
        states = {c.category for c in screen.lens_state().shown}
        assert "direct-quote" in states
        picture = app.export_screenshot()
        assert "[bold]We[/bold]" in picture.replace("&#160;", " ")
        assert "\x1b" not in picture
        for _ in range(len(screen.lens_state().shown)):
            assert "\x1b" not in legend_text(screen)
            await pilot.press("n")
            await pilot.pause()


async def test_the_lens_follows_a_reload_and_another_source(tmp_path: Path) -> None:
    root = copy_bundled(tmp_path)
    app = create_app(root, keymap_file=NO_KEYMAP)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_source(pilot, "tortured-in-baku", 1)
        await pilot.press("f")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        screen = await open_source(pilot, "pushes-back", 1)
        assert not screen.lens_state().on  # another source: the lens is off
        assert not screen.query_one(LensLegend).display
        assert not any(isinstance(w, Input) and w.has_focus for w in screen.query(Input))
