"""The last tester's faults, each in the terminal it was seen in (tmux, SGR mouse
sequences: Pilot's clicks skip the focus change a real press makes) or with Pilot."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Static
from tmux_support import CONTESTED, Terminal, flatten, needs_tmux
from tui_support import copy_bundled, settled

import tui.screens.main
from tui.app import create_app
from tui.screens.compare import CompareScreen
from tui.screens.compare_picker import ComparePicker
from tui.widgets.aligned_view import NAME, SYMBOL, AlignedView
from tui.widgets.dispute_view import DisputeView


def open_app(tmp_path: Path) -> Terminal:
    assert CONTESTED.exists(), "install the project first (see README)"
    term = Terminal([str(CONTESTED), str(copy_bundled(tmp_path))], width=120, height=40)
    term.wait_for("How did the Safarov brothers die?", "0 errors")
    return term


@needs_tmux
def test_a_click_on_a_compare_options_first_line_chooses_that_option(tmp_path: Path) -> None:
    term = open_app(tmp_path)
    try:
        term.keys("Tab")
        term.wait_for("Russian forensic experts")
        term.keys("c")
        screen = term.wait_for("Compare with", "Ziyoddin Safarov died")
        # the "Ziyoddin Safarov died…" quote's first line (its ¶ and source), not the quote
        x, y = term.find("“Ziyoddin Safarov died", screen)
        assert "¶7 Russians were tortured" in screen.splitlines()[y - 1]
        term.click(x + 4, y - 1)
        screen = term.wait_for("Compare: word by word", "Ziyoddin")
        assert "second forensic examination" not in flatten(screen)  # not the ¶6 quote above
        term.keys("Escape")
        term.wait_for("Copy quote", absent=("Compare: word",))
        term.keys("c")
        screen = term.wait_for("Compare with", "This dispute:")
        x, y = term.find("¶6 Russians were tortured", screen)  # the first option's first line
        term.click(x, y)
        screen = term.wait_for("Compare: word by word", "second forensic examination")
    finally:
        term.close()


@needs_tmux
def test_a_click_on_a_source_options_title_opens_that_source(tmp_path: Path) -> None:
    term = open_app(tmp_path)
    try:
        term.keys("Tab")
        term.wait_for("Russian forensic experts")
        term.keys("Enter")  # the card's source: "Russians were tortured in Baku…"
        term.wait_for("cited by:", "n Next cited")
        term.keys("s")
        screen = term.wait_for("which source?", "78 citations")
        x, y = term.find("Azerbaijan pushes back against Russian power", screen)  # its title
        term.click(x + 2, y)
        screen = term.wait_for("Azerbaijan pushes back", absent=("which source?",))
        assert "Russians were tortured in Baku" in flatten(screen)  # beside the first
    finally:
        term.close()


def without_evidence(root: Path) -> None:
    """cause-of-death's positions, every one of them citing nothing."""
    deaths = root / "disputes" / "deaths.yaml"
    text = deaths.read_text(encoding="utf-8")
    head, rest = text.split("  - id: who-killed-them", 1)
    lines, skipping = [], False
    for line in head.splitlines():
        if line.strip() == "evidence:":
            lines.append(line + " []")
            skipping = True
        elif skipping and line.startswith("          "):
            continue
        else:
            skipping = False
            lines.append(line)
    deaths.write_text("\n".join(lines) + "\n\n  - id: who-killed-them" + rest, encoding="utf-8")


async def test_card_keys_are_not_offered_on_positions_citing_nothing(tmp_path: Path) -> None:
    root = copy_bundled(tmp_path)
    without_evidence(root)
    app = create_app(root, keymap_file=Path("/nonexistent"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        main = app.main_screen
        assert main is not None
        main.goto_dispute("cause-of-death")
        await settled(pilot)
        view = main.query_one(DisputeView)
        assert view.dispute is not None
        assert view.dispute.id == "cause-of-death"
        assert not view.cards
        view.focus()
        await settled(pilot)
        offered = {b.binding.id for b in app.active_bindings.values()}
        assert "evidence.compare" not in offered
        assert "evidence.open" not in offered
        assert "evidence.copy" not in offered
        await pilot.press("c")
        await settled(pilot)
        assert not isinstance(app.screen, ComparePicker)


async def until(pilot: Pilot[None], condition: Callable[[], bool], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await pilot.pause(0.05)


async def compare_cause_of_death(pilot: Pilot[None]) -> CompareScreen:
    """`c` on cause-of-death's first card (the Russian experts), compared with the quote
    "Ziyoddin Safarov died…" (typed into the picker)."""
    app = pilot.app
    await settled(pilot)
    main = app.main_screen  # type: ignore[attr-defined]
    main.goto_dispute("cause-of-death")
    await settled(pilot)
    main.query_one(DisputeView).focus()
    await pilot.press("c")
    await settled(pilot)
    await pilot.press(*"ziyoddin safarov died", "enter")
    await settled(pilot)
    screen = app.screen
    assert isinstance(screen, CompareScreen)
    await until(pilot, lambda: screen.query_one(AlignedView).shown is not None)
    return screen


def aligned_text(screen: CompareScreen) -> tuple[str, str]:
    shown = screen.query_one(AlignedView).shown
    assert shown is not None
    return shown.alignment.a, shown.alignment.b


async def test_the_compare_view_follows_a_changed_quote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tui.screens.main, "POLL_SECONDS", 0.05)
    root = copy_bundled(tmp_path)
    app = create_app(root, keymap_file=Path("/nonexistent"))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await compare_cause_of_death(pilot)
        assert (
            aligned_text(screen)[0]
            == "While Russian experts cited the cause of death as heart failure"
        )
        deaths = root / "disputes" / "deaths.yaml"
        text = deaths.read_text(encoding="utf-8")
        deaths.write_text(
            text.replace("cited the cause of death as heart failure", "cited the cause of death"),
            encoding="utf-8",
        )
        await until(pilot, lambda: aligned_text(screen)[0].endswith("cause of death"), timeout=15)
        assert app.screen is screen
        assert "Ziyoddin Safarov died" in aligned_text(screen)[1]
        status = str(screen.query_one("#compare-status", Static).render())
        assert "difference" in status


async def test_the_compare_view_closes_when_its_evidence_is_gone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tui.screens.main, "POLL_SECONDS", 0.05)
    root = copy_bundled(tmp_path)
    app = create_app(root, keymap_file=Path("/nonexistent"))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await compare_cause_of_death(pilot)
        said: list[str] = []
        notify = app.notify

        def noted(message: str, **options: Any) -> None:
            said.append(message)
            notify(message, **options)

        monkeypatch.setattr(app, "notify", noted)
        deaths = root / "disputes" / "deaths.yaml"
        text = deaths.read_text(encoding="utf-8")
        start = text.index("      - side: ru-official")
        end = text.index("      - side: az-official")
        deaths.write_text(text[:start] + text[end:], encoding="utf-8")  # the left's position
        await until(pilot, lambda: screen not in app.screen_stack, timeout=15)
        assert any("no longer in the casebook" in m for m in said), said


async def test_n_in_a_variants_disputes_aligned_view_says_which_difference(
    tmp_path: Path,
) -> None:
    app = create_app(copy_bundled(tmp_path), keymap_file=Path("/nonexistent"))
    async with app.run_test(size=(160, 48)) as pilot:
        await settled(pilot)
        main = app.main_screen
        assert main is not None
        main.goto_dispute("brothers-names")
        await settled(pilot)
        aligned = main.query_one(AlignedView)
        await pilot.press("enter")
        assert app.focused is aligned
        total = len(aligned.differences)
        await pilot.press("n", "n")
        await pilot.pause()
        status = str(main.query_one("#status", Static).render())
        assert f"difference 2 of {total} · " in status
        kind = aligned.differences[1][2]
        assert f"{SYMBOL[kind]} {NAME[kind]}" in status


@needs_tmux
def test_clicks_on_a_column_and_its_header_choose_and_open_that_side(tmp_path: Path) -> None:
    term = open_app(tmp_path)
    try:
        term.keys("Tab")
        term.wait_for("Russian forensic experts")
        term.keys("c")
        term.wait_for("Compare with")
        term.keys(*"close to the family")
        term.wait_for("1 of 110")
        term.keys("Enter")
        screen = term.wait_for("Compare: word by word", "n/N: next")
        x, y = term.find("feeling unwell during", screen)  # the right column's words
        term.click(x + 2, y)
        time.sleep(0.3)
        term.keys("Enter")
        term.wait_for("cited by:", absent=("Compare: word by word",))
        screen = term.screen()
        assert "contested — Azerbaijan pushes back" in screen.splitlines()[0]
        term.keys("Escape")
        screen = term.wait_for("Compare: word by word")
        x, y = term.find("Russian forensic experts", screen)  # the left's header
        term.click(x + 2, y)  # chooses the left side
        time.sleep(0.5)
        assert "Compare: word by word" in term.screen()
        term.click(x + 2, y)  # a second click opens it
        term.wait_for("cited by:", absent=("Compare: word by word",))
        assert "contested — Russians were tortured" in term.screen().splitlines()[0]
    finally:
        term.close()


@needs_tmux
def test_a_click_on_the_in_place_aligned_views_right_column_chooses_it(tmp_path: Path) -> None:
    term = open_app(tmp_path)
    try:
        term.keys("/")
        term.wait_for("filter: words")
        term.keys(*"transliteration")
        term.wait_for("1 of 26")
        term.keys("Enter")
        screen = term.wait_for("Ziyouddin", "Ziyoddin")
        x, y = term.find("~ Ziyoddin", screen)  # the right column's variant
        term.click(x + 3, y)
        time.sleep(0.3)
        term.keys("Enter")
        term.wait_for("cited by:", "n Next cited")
        assert "contested — Russians were tortured" in term.screen().splitlines()[0]
    finally:
        term.close()
