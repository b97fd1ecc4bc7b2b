"""The source profile screen (issue 14): its numbers are the CLI's, every number leads to
its spans, its help is docs/framing.md's, untrusted text shows literally."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from conftest import make_casebook
from test_lens import NO_KEYMAP, cli_json, legend_text, open_source
from tui_support import hostile_casebook, settled

from claims.bundled import bundled_casebook
from claims.framing import CATEGORIES
from claims.framing.explain import EXPLAINED
from tui.app import create_app
from tui.screens.framing_profile import FramingProfileScreen
from tui.screens.source import SourceScreen
from tui.widgets.document_view import DocumentView
from tui.widgets.rate_bars import RateBars, bar

DOCS = Path(__file__).resolve().parent.parent / "docs" / "framing.md"


async def open_profile(pilot: Any, source_id: str) -> Any:
    await open_source(pilot, source_id, 1)
    await pilot.press("p")
    await settled(pilot)
    assert isinstance(pilot.app.screen, FramingProfileScreen)
    return pilot.app.screen


def lines(screen: Any, bars_id: str) -> list[str]:
    return screen.query_one(f"#{bars_id}", RateBars).render().plain.splitlines()


async def test_the_profile_numbers_are_the_clis(run_cli) -> None:  # type: ignore[no-untyped-def]
    expected = cli_json(run_cli, bundled_casebook(), "pushes-back")
    counts = dict.fromkeys(expected["rates"], 0)
    for cue in expected["cues"]:
        counts[cue["category"]] += 1
    app = create_app(keymap_file=NO_KEYMAP)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await open_profile(pilot, "pushes-back")
        heading = str(screen.query_one("#profile-heading").render())
        assert f"{expected['words']:,} words" in heading or f"{expected['words']} words" in heading
        rates = lines(screen, "profile-rates")
        assert len(rates) == len(expected["rates"])
        for line, (category, rate) in zip(rates, expected["rates"].items(), strict=True):
            assert line.lstrip("▶ ").split()[0] == category
            assert line.endswith(f"{rate:.2f} ({counts[category]})"), line
        voices = lines(screen, "profile-voices")
        for voice in expected["voices"]:
            words = f"{voice['quoted_words']} words"
            assert any(v[2:].startswith(voice["holder"][:20]) and v.endswith(words) for v in voices)
        assert screen.profile.named + screen.profile.unnamed > 0
        attribution = lines(screen, "profile-attribution")
        assert attribution[0].split()[-1] == str(screen.profile.named)
        assert attribution[1].split()[-1] == str(screen.profile.unnamed)


async def test_enter_on_a_category_opens_the_lens_at_its_first_cue(run_cli) -> None:  # type: ignore[no-untyped-def]
    expected = cli_json(run_cli, bundled_casebook(), "tortured-in-baku")
    hedges = [c for c in expected["cues"] if c["category"] == "hedge"]
    app = create_app(keymap_file=NO_KEYMAP)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_profile(pilot, "tortured-in-baku")
        help_line = str(screen.query_one("#profile-help").render())
        assert EXPLAINED["hedge"].what in help_line
        assert "Known false positives" in help_line
        await pilot.press("enter")  # the first row: hedge
        await pilot.pause()
        source = app.screen
        assert source.source_id == "tortured-in-baku"
        state = source.lens_state()
        assert state.on
        assert state.focus == "hedge"
        first = state.shown[state.index]
        assert (first.paragraph, first.start, first.end) == (
            hedges[0]["paragraph"],
            hedges[0]["start"],
            hedges[0]["end"],
        )
        assert f"cue 1 of {len(hedges)} · " in legend_text(source)
        await pilot.press("n")
        await pilot.pause()
        assert f"cue 2 of {len(hedges)} · " in legend_text(source)
        await pilot.press("f")  # every category, at the same cue
        await pilot.pause()
        assert state is not source.lens_state()
        assert source.lens_state().focus is None
        now = source.lens_state()
        assert now.shown[now.index].start == hedges[1]["start"]
        await pilot.press("f")
        await pilot.pause()
        assert not source.lens_state().on
        await pilot.press("p")
        await settled(pilot)
        await pilot.press("tab", "down", "enter")  # unnamed attribution
        await pilot.pause()
        assert app.screen.lens_state().focus == "unnamed-source"


async def test_the_profile_of_a_language_without_lists_says_so(tmp_path: Path) -> None:
    root = make_casebook(
        tmp_path,
        "title: T\nsides: {a: {label: A}}\nsources:\n"
        "  s: {file: s.txt, language: ru}\ndisputes: []\n",
        {"s.txt": "Как сообщается, шёл дождь.\n"},
    )
    app = create_app(root, keymap_file=NO_KEYMAP)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_profile(pilot, "s")
        assert "no framing lists for 'ru'" in str(screen.query_one("#profile-heading").render())
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.source_id == "s"


async def test_untrusted_text_shows_literally_in_the_profile(tmp_path: Path) -> None:
    app = create_app(hostile_casebook(tmp_path), keymap_file=NO_KEYMAP)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_profile(pilot, "doc")
        picture = app.export_screenshot().replace("&#160;", " ")
        assert "Doc [/]" in str(screen.query_one("#profile-heading").render())
        assert "Holder [red]x[/red]" in "\n".join(lines(screen, "profile-voices"))
        assert "Side [@click=app.quit]A[/]" in "\n".join(lines(screen, "profile-voices"))
        assert "\x1b" not in picture
        await pilot.press("tab", "tab", "enter")  # a voice: its paragraph, nothing run
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)
        assert app.screen.query_one(DocumentView).current == 2  # the quote's paragraph


def test_the_help_texts_are_the_docs() -> None:
    """One source of truth: docs/framing.md's table says what `claims.framing.explain` says."""
    rows = {}
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        match = re.match(r"\| `([a-z-]+)`(?: \(heuristic\))? \| (.*) \| (.*) \|$", line)
        if match:
            rows[match.group(1)] = (match.group(2), match.group(3))
    assert list(rows) == list(CATEGORIES) == list(EXPLAINED)
    for category, (example, misses) in rows.items():
        assert (EXPLAINED[category].example, EXPLAINED[category].misses) == (example, misses)
    text = DOCS.read_text(encoding="utf-8")
    for category, explained in EXPLAINED.items():
        assert f"- `{category}`: {explained.what}" in text


def test_bars_fill_eighths_against_one_scale() -> None:
    assert bar(10, 10, 4) == "████"
    assert bar(5, 10, 4) == "██"
    assert bar(1, 10, 4) == "▍"  # 3.2 eighths: 3
    assert bar(0, 10, 4) == bar(3, 0, 4) == ""
    assert bar(20, 10, 4) == "████"  # past the scale: full, never wider
