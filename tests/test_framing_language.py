"""What a tester found in the framing lens, as a user meets it: a source with no
`language:` (Russian text framed as English, all zeros; English assumed without a word), a
source whose language has no lists left out of the JSON, "As is known" counted twice (as a
booster and as an agentless passive), a voice's paragraphs repeated ("¶11, ¶11, ¶11"), and
source ids cut short in `F` and `C` on a wide screen with two sources."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import BUNDLED, RunCli, make_casebook
from test_lens import legend_text, open_source
from test_lens_profile import open_profile
from tui_support import settled

from claims.framing import cues
from tui.app import create_app
from tui.screens.coverage import CoverageScreen
from tui.screens.framing_compare import ComparisonScreen
from tui.widgets.coverage_grid import CoverageGrid
from tui.widgets.framing_bars import FramingBars
from tui.widgets.framing_grid import FramingGrid

NO_KEYMAP = Path("/nonexistent")
RUSSIAN = (
    "Российские власти сообщили, что братья Сафаровы скончались от сердечной "
    "недостаточности. Это заявление было опровергнуто в Баку.\n"
)
ENGLISH = "The raid reportedly began at dawn, officials said.\n\nTwo were killed.\n"


def book(tmp_path: Path, default: bool) -> Path:
    """Two sources with no `language:` (one English, one Russian), the casebook's
    `language: en` with `default`, none without; one dispute citing the English one."""
    head = "title: T\n" + ("language: en\n" if default else "")
    return make_casebook(
        tmp_path / ("with" if default else "without"),
        head + "sides: {a: {label: A}}\nsources:\n"
        "  en-src: {file: en.txt}\n  ru-src: {file: ru.txt}\n"
        "disputes:\n  - id: d\n    question: Q?\n    positions:\n"
        "      - side: a\n        holder: H\n        claim: C.\n        evidence:\n"
        "          - {source: en-src, quote: The raid reportedly began at dawn}\n",
        {"en.txt": ENGLISH, "ru.txt": RUSSIAN},
    )


# -- 1. a source with no `language:` ----------------------------------------------------------


def test_the_heuristic_tells_english_from_other_languages() -> None:
    from claims.framing.language import looks_like

    assert looks_like("en", ENGLISH.split("\n\n"))
    assert not looks_like("en", [RUSSIAN])
    french = (
        "Les autorités russes ont déclaré que les deux frères étaient morts d'une "
        "insuffisance cardiaque, mais les experts azerbaïdjanais ont constaté de multiples "
        "blessures pendant leur détention à Iekaterinbourg, selon des proches de la famille."
    )
    assert not looks_like("en", [french])
    seed = (BUNDLED / "sources" / "tortured-in-baku.txt").read_text(encoding="utf-8")
    assert looks_like("en", seed.split("\n\n"))


def test_russian_text_with_no_language_is_refused_not_zeros(
    tmp_path: Path, run_cli: RunCli
) -> None:
    for default in (True, False):
        root = book(tmp_path, default)
        code, out, err = run_cli("framing", root, "--source", "ru-src")
        assert code == 1
        assert "no `language:` for 'ru-src' and its text does not look English" in err
        assert "set `language:`" in err
        assert "0.00 (0)" not in out
        assert "(en, " not in out
        code, out, err = run_cli("framing", root, "--format", "json")
        assert code == 1
        entries = {s["source"]: s for s in json.loads(out)["sources"]}
        assert entries["ru-src"]["language"] is None
        assert "does not look English" in entries["ru-src"]["error"]
        assert "cues" not in entries["ru-src"]


def test_english_assumed_is_said_in_human_output_and_json(tmp_path: Path, run_cli: RunCli) -> None:
    root = book(tmp_path, default=False)
    code, out, _ = run_cli("framing", root, "--source", "en-src")
    assert code == 0
    assert "(en assumed: no `language:`, 11 words)" in out
    code, out, _ = run_cli("framing", root, "--source", "en-src", "--format", "json")
    assert json.loads(out)["sources"][0]["language_assumed"] is True
    declared = book(tmp_path, default=True)  # the casebook's `language: en`: not assumed
    code, out, _ = run_cli("framing", declared, "--source", "en-src", "--format", "json")
    assert code == 0
    assert json.loads(out)["sources"][0]["language_assumed"] is False


async def test_the_app_says_english_assumed_and_refuses_russian(tmp_path: Path) -> None:
    app = create_app(book(tmp_path, default=False), keymap_file=NO_KEYMAP)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await open_source(pilot, "en-src")
        await pilot.press("f")
        await settled(pilot)
        assert "en assumed: no `language:`" in legend_text(screen)
        await pilot.press("f", "p")
        await settled(pilot)
        heading = str(pilot.app.screen.query_one("#profile-heading").render())
        assert "language en (assumed: no `language:`)" in heading
        await pilot.press("escape")
        await settled(pilot)
        screen = await open_source(pilot, "ru-src")
        await pilot.press("f")
        await settled(pilot)
        legend = legend_text(screen)
        assert "no `language:` for 'ru-src' and its text does not look English" in legend
        await pilot.press("f", "escape")
        await settled(pilot)
        await pilot.press("F")
        await settled(pilot)
        assert isinstance(pilot.app.screen, ComparisonScreen)
        grid = pilot.app.screen.query_one(FramingGrid)
        table = grid.render().plain
        assert "no language" in table
        cell = str(pilot.app.screen.query_one("#framing-cell").render())
        assert "en assumed: no `language:`" in cell
        await pilot.press("l")
        await settled(pilot)
        cell = str(pilot.app.screen.query_one("#framing-cell").render())
        assert "does not look English" in cell


async def test_the_profile_of_russian_text_with_no_language_says_so(tmp_path: Path) -> None:
    app = create_app(book(tmp_path, default=True), keymap_file=NO_KEYMAP)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_profile(pilot, "ru-src")
        heading = str(screen.query_one("#profile-heading").render())
        assert "no `language:` for 'ru-src' and its text does not look English" in heading
        assert "casebook's `language: en`" in heading


# -- 2. a language with no lists: listed in the JSON, exit 1 -----------------------------------


def test_a_language_without_lists_is_listed_in_json_and_exits_1(
    tmp_path: Path, run_cli: RunCli
) -> None:
    root = make_casebook(
        tmp_path,
        "title: T\nsides: {a: {label: A}}\nsources:\n  ru-src: {file: ru.txt, language: ru}\n",
        {"ru.txt": RUSSIAN},
    )
    for extra in ((), ("--source", "ru-src")):
        code, out, err = run_cli("framing", root, *extra, "--format", "json")
        assert code == 1
        assert "no framing lists for 'ru'" in err
        (entry,) = json.loads(out)["sources"]
        assert entry["source"] == "ru-src"
        assert entry["language"] == "ru"
        assert entry["error"].startswith("no framing lists for 'ru'")
    code, out, _ = run_cli("framing", root, "--source", "ru-src")
    assert code == 1
    assert "ru-src: ru.txt (no framing lists for 'ru'; not profiled)" in out


# -- 3. "As is known" counts once ----------------------------------------------------------------


def test_a_phrase_of_a_list_is_not_also_an_agentless_passive() -> None:
    found = [(c.category, c.text) for c in cues(["As is known, the two were detained."])]
    assert ("booster", "As is known") in found
    assert ("agentless-passive", "is known") not in found
    assert ("agentless-passive", "were detained") in found
    hedge = [(c.category, c.text) for c in cues(["It is suspected that he fled."])]
    assert [c for c, _ in hedge] == ["hedge"]
    both = [(c.category, c.text) for c in cues(["Two were reportedly detained."])]
    assert ("hedge", "reportedly") in both  # a list cue inside a passive: both count
    assert ("agentless-passive", "were reportedly detained") in both


def test_as_is_known_counts_once_in_the_seed_article(run_cli: RunCli) -> None:
    code, out, _ = run_cli("framing", BUNDLED, "--source", "tortured-in-baku", "--format", "json")
    assert code == 0
    spans = [c for c in json.loads(out)["sources"][0]["cues"] if c["paragraph"] == 6]
    assert [c["category"] for c in spans if "known" in c["text"]] == ["booster"]


# -- 4. a voice's paragraphs once each -------------------------------------------------------------


def test_voices_name_each_paragraph_once(tmp_path: Path, run_cli: RunCli) -> None:
    quotes = "".join(
        f"          - {{source: s, quote: {q}}}\n"
        for q in ("The raid began", "at dawn", "officials said", "Two were killed")
    )
    root = make_casebook(
        tmp_path,
        "title: T\nlanguage: en\nsides: {a: {label: A}}\nsources:\n  s: {file: s.txt}\n"
        "disputes:\n  - id: d\n    question: Q?\n    positions:\n"
        "      - side: a\n        holder: H\n        claim: C.\n        evidence:\n" + quotes,
        {"s.txt": "The raid began at dawn, officials said.\n\nTwo were killed.\n"},
    )
    code, out, _ = run_cli("framing", root, "--source", "s")
    assert code == 0
    assert "H [a]: 10 words (¶1, ¶2)" in out


# -- 5. whole ids in F and C when there is room --------------------------------------------------


async def test_f_and_c_show_whole_ids_with_two_sources_on_a_wide_screen() -> None:
    app = create_app(BUNDLED, keymap_file=NO_KEYMAP)
    async with app.run_test(size=(160, 48)) as pilot:
        await settled(pilot)
        await pilot.press("F")
        await settled(pilot)
        assert isinstance(pilot.app.screen, ComparisonScreen)
        head = pilot.app.screen.query_one(FramingGrid).render().plain.splitlines()[0]
        assert "tortured-in-baku" in head
        assert "pushes-back" in head
        assert "…" not in head
        bars = str(pilot.app.screen.query_one(FramingBars).render())
        assert "tortured-in-baku " in bars  # the bars' labels too
        await pilot.press("escape")
        await settled(pilot)
        await pilot.press("C")
        await settled(pilot)
        assert isinstance(pilot.app.screen, CoverageScreen)
        grid = pilot.app.screen.query_one(CoverageGrid)
        header = "".join(s.text for s in grid.render_line(0))
        assert "tortured-in-baku" in header
        assert "…" not in header
    app = create_app(BUNDLED, keymap_file=NO_KEYMAP)
    async with app.run_test(size=(60, 24)) as pilot:  # narrow: cut as before, never wider
        await settled(pilot)
        await pilot.press("F")
        await settled(pilot)
        grid = pilot.app.screen.query_one(FramingGrid)
        assert grid.column_cells == 14
