"""Issue 10, item 9: what a checker needs on screen. A source's outlet, author, kind and
URL on cards and in `contested show`; the list filter matching sources, with a count;
`/` searching inside a source; `y` copying a quote with its citation; `e` opening the
YAML at the card's (or problem's) line in $VISUAL/$EDITOR; the palette's Screenshot
working without ~/Downloads."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

import pytest
from conftest import RunCli, make_casebook
from textual.widgets import Input
from tui_support import settled

from claims.citation import citation, details, quoted, web_address
from claims.loader import load
from claims.search import find_all
from tui.app import create_app
from tui.screens.source import SourceScreen
from tui.screenshot import save_screenshot
from tui.widgets.dispute_list import DisputeList
from tui.widgets.dispute_view import DisputeView
from tui.widgets.document_view import DocumentView
from tui.widgets.problems_panel import ProblemsPanel

REPORT = (
    "The raid began at dawn.\n\n"
    "Nine people were detained in the raid.\n\n"
    "Police said nothing more that day.\n\n"
    "The RAID ended at noon, officers said.\n"
)
MEMO = "The memo says the operation was lawful.\n"

CASEBOOK = """\
title: Checker casebook
sides:
  police: {label: Police}
  families: {label: Families}
sources:
  report:
    file: sources/report.txt
    title: The raid report
    outlet: Daily Example
    author: Ann Writer
    kind: news
    published: 2025-01-02
    url: https://example.org/raid?id=7
  memo:
    file: sources/memo.txt
    title: A memo
    kind: official
disputes:
  - id: raid
    question: When did the raid begin?
    positions:
      - side: police
        holder: Police
        claim: At dawn.
        evidence:
          - source: report
            quote: Nine people were detained
      - side: families
        holder: Families
        claim: Later.
        evidence:
          - {source: report, quote: The raid began at dawn.}
  - id: lawful
    question: Was the operation lawful?
    positions:
      - side: police
        holder: Police
        claim: Yes.
        evidence:
          - {source: memo, quote: the operation was lawful}
"""


def casebook(tmp_path: Path) -> Path:
    return make_casebook(
        tmp_path / "cb",
        CASEBOOK,
        {"sources/report.txt": REPORT, "sources/memo.txt": MEMO},
    )


def card_lines(view: DisputeView) -> str:
    return "\n".join(view.render_line(y).text for y in range(view.virtual_size.height))


# -- citations ---------------------------------------------------------------------------


def test_citation_names_title_outlet_author_date_paragraph_and_url(tmp_path: Path) -> None:
    book = load(casebook(tmp_path) / "casebook.yaml").casebook
    report = book.sources["report"]
    assert citation(report, "report", 2) == (
        "The raid report, Daily Example, Ann Writer, 2025-01-02, ¶2, https://example.org/raid?id=7"
    )
    assert details(report) == "Daily Example · Ann Writer · news · 2025-01-02"
    assert details(book.sources["memo"]) == "official"
    assert citation(None, "gone", None) == "gone"
    assert quoted("Nine  people\nwere", report, "report", 2).startswith(
        "“Nine people were” — The raid report, Daily Example"
    )


def test_only_plain_web_addresses_become_links() -> None:
    assert web_address("https://example.org/a?b=1#c") == "https://example.org/a?b=1#c"
    for bad in ["javascript:alert(1)", "file:///etc/passwd", "https://a b", "http://x\x1b\\",
                'https://x/"y', "", None]:  # fmt: skip
        assert web_address(bad) is None


async def test_card_shows_outlet_author_kind_date_and_url(tmp_path: Path) -> None:
    app = create_app(casebook(tmp_path) / "casebook.yaml")
    async with app.run_test(size=(160, 40)) as pilot:
        await settled(pilot)
        text = card_lines(app.screen.query_one(DisputeView))
        assert "Daily Example · Ann Writer · news · 2025-01-02" in text
        assert "https://example.org/raid?id=7" in text
        assert "— The raid report, ¶2" in text


def test_show_prints_outlet_author_kind_and_url(tmp_path: Path, run_cli: RunCli) -> None:
    code, out, _err = run_cli("show", casebook(tmp_path), "raid", columns=160)
    assert code == 0
    assert "Daily Example · Ann Writer · news · 2025-01-02" in out
    assert "https://example.org/raid?id=7" in out


# -- the list filter ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "ids"),
    [("daily example", ["raid"]), ("official", ["lawful"]), ("memo", ["lawful"]),
     ("ann writer", ["raid"]), ("raid report", ["raid"])],
)  # fmt: skip
async def test_filter_matches_sources_and_counts(
    tmp_path: Path, words: str, ids: list[str]
) -> None:
    app = create_app(casebook(tmp_path) / "casebook.yaml")
    async with app.run_test(size=(120, 30)) as pilot:
        await settled(pilot)
        await pilot.press("slash", *("space" if c == " " else c for c in words))
        await pilot.pause()
        box = app.screen.query_one("#filter", Input)
        assert box.value == words
        assert [d.id for d in app.screen.session.matching(words)] == ids
        assert app.screen.query_one(DisputeList).highlighted_id == ids[0]
        assert box.border_subtitle == f"{len(ids)} of 2"


# -- `/` in a source ---------------------------------------------------------------------


async def open_report(pilot) -> SourceScreen:  # type: ignore[no-untyped-def]
    await settled(pilot)
    await pilot.press("enter", "enter")  # to the first card, open its source (¶2)
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, SourceScreen)
    return screen


def highlighted(document: DocumentView) -> list[str]:
    return [
        p.body.plain[s.start : s.end]
        for p in document.passages
        for s in p.body.spans
        if "accent" in str(s.style)
    ]


async def test_slash_searches_the_source_and_n_goes_through_matches(tmp_path: Path) -> None:
    app = create_app(casebook(tmp_path) / "casebook.yaml")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_report(pilot)
        document = screen.query_one(DocumentView)
        await pilot.press("slash", "r", "a", "i", "d")
        box = screen.query_one("#source-search", Input)
        assert box.display
        assert app.focused is box
        assert highlighted(document) == ["raid", "raid", "RAID"]  # case-insensitive
        assert box.border_subtitle.startswith("3 matches")
        await pilot.press("enter")  # the first match from ¶2 on
        assert app.focused is document
        assert (document.current, box.border_subtitle) == (2, "2 of 3")
        await pilot.press("n")
        assert (document.current, box.border_subtitle) == (4, "3 of 3")
        await pilot.press("N", "N")
        assert (document.current, box.border_subtitle) == (1, "1 of 3")
        await pilot.press("escape")  # ends the search, stays in the source
        assert app.screen is screen
        assert not box.display
        assert highlighted(document) == []
        await pilot.press("n")  # next cited paragraph again
        assert document.current == 2
        await pilot.press("escape")
        assert app.screen is not screen


def test_search_is_normalised_like_anchoring() -> None:
    text = "He said “don’t  go”\nnow."
    assert [text[a:b] for a, b in find_all("DON'T GO\"", text)] == ["don’t  go”"]
    assert find_all("   ", text) == []


# -- `y` and `e` --------------------------------------------------------------------------


async def test_y_copies_the_quote_with_its_citation(tmp_path: Path) -> None:
    app = create_app(casebook(tmp_path) / "casebook.yaml")
    async with app.run_test(size=(120, 30)) as pilot:
        await settled(pilot)
        await pilot.press("enter", "y")
        assert app.clipboard == (
            "“Nine people were detained” — The raid report, Daily Example, Ann Writer, "
            "2025-01-02, ¶2, https://example.org/raid?id=7"
        )
        assert any(n.title == "Copied" for n in app._notifications)


def recording_editor(tmp_path: Path, name: str) -> tuple[Path, Path]:
    """A script called `name` that writes its arguments, one a line, to a file."""
    folder = tmp_path / "bin"
    folder.mkdir(exist_ok=True)
    record = tmp_path / f"{name}.argv"
    script = folder / name
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > "{record}"\n', encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script, record


async def test_e_opens_the_card_s_line_in_visual(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = casebook(tmp_path)
    script, record = recording_editor(tmp_path, "vim")
    monkeypatch.setenv("VISUAL", f"{script} -n")  # a command line with an argument
    monkeypatch.setenv("EDITOR", "/nonexistent")
    app = create_app(root / "casebook.yaml")
    async with app.run_test(size=(120, 30)) as pilot:
        await settled(pilot)
        await pilot.press("enter", "e")
        await settled(pilot)
        line = CASEBOOK.splitlines().index("            quote: Nine people were detained") + 1
        assert record.read_text(encoding="utf-8").splitlines() == [
            "-n", f"+{line}", str(root / "casebook.yaml")
        ]  # fmt: skip


async def test_e_uses_goto_for_vs_code_and_works_in_the_problems_panel(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = casebook(tmp_path)
    broken = CASEBOOK.replace("quote: the operation was lawful", "quote: not in the memo at all")
    (root / "casebook.yaml").write_text(broken, encoding="utf-8")
    script, record = recording_editor(tmp_path, "code")
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f"{script} --wait")
    app = create_app(root / "casebook.yaml")
    async with app.run_test(size=(120, 30)) as pilot:
        await settled(pilot)
        panel = app.screen.query_one(ProblemsPanel)
        panel.focus()
        panel.highlighted = 0
        await pilot.press("e")
        await settled(pilot)
        problem = panel.problems[0]
        assert record.read_text(encoding="utf-8").splitlines() == [
            "--wait", "--goto", f"{problem.loc.file}:{problem.loc.line}"
        ]  # fmt: skip


async def test_e_without_an_editor_says_to_set_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    app = create_app(casebook(tmp_path) / "casebook.yaml")
    async with app.run_test(size=(120, 30)) as pilot:
        await settled(pilot)
        await pilot.press("enter", "e")
        await pilot.pause()
        assert any("$EDITOR" in str(n.message) for n in app._notifications)


# -- the palette's Screenshot ------------------------------------------------------------


async def test_screenshot_without_downloads_saves_here_and_says_where(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home, here = tmp_path / "home", tmp_path / "here"
    home.mkdir()
    here.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.delenv("XDG_DOWNLOAD_DIR", raising=False)
    monkeypatch.chdir(here)
    app = create_app(casebook(tmp_path) / "casebook.yaml")
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"screenshot")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.5)
        saved = list(here.glob("*.svg"))
        assert len(saved) == 1, os.listdir(here)
        assert saved[0].read_text(encoding="utf-8").startswith("<svg")
        assert any(str(saved[0]) in str(n.message) for n in app._notifications)
        assert not any("Failed" in str(n.message) for n in app._notifications)


async def test_screenshot_from_a_folder_that_refuses_files_goes_to_the_casebook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """/proc looks writable to root but takes no file: the casebook's folder takes it,
    and the notice says where it went (not an error with no file written)."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.delenv("XDG_DOWNLOAD_DIR", raising=False)
    root = casebook(tmp_path)
    monkeypatch.chdir("/proc")
    app = create_app(root / "casebook.yaml")
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        path = save_screenshot(app, root)
        await pilot.pause()
        assert path is not None
        assert path.parent.resolve() == root.resolve()
        assert path.read_text(encoding="utf-8").startswith("<svg")
        said = [str(n.message) for n in app._notifications]
        assert any(str(path) in m for m in said), said
        # and when the casebook's folder refuses it too: the temporary directory
        temporary = tmp_path / "tmp"
        temporary.mkdir()
        monkeypatch.setattr(tempfile, "tempdir", str(temporary))
        path = save_screenshot(app, Path("/proc/self"))
        assert path is not None
        assert path.parent.resolve() == temporary.resolve()


async def test_a_search_with_one_match_says_1_match(tmp_path: Path) -> None:
    app = create_app(casebook(tmp_path) / "casebook.yaml")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_report(pilot)
        await pilot.press("slash", *"noon")
        box = screen.query_one("#source-search", Input)
        assert box.border_subtitle == "1 match · enter: go"


def test_a_card_links_only_a_plain_web_address(tmp_path: Path) -> None:
    from dataclasses import replace

    from textual.style import Style

    from tui.render import citation as card_citation

    report = load(casebook(tmp_path) / "casebook.yaml").casebook.sources["report"]

    def links(url: str) -> list[str | None]:
        content = card_citation(replace(report, url=url), "report", None)
        return [s.style.link for s in content.spans if isinstance(s.style, Style)]

    assert links("https://example.org/raid?id=7") == ["https://example.org/raid?id=7"]
    hostile = "javascript:alert(1)\x1b]8;;https://evil\x1b\\[@click=app.quit]"
    assert links(hostile) == []
    shown_text = card_citation(replace(report, url=hostile), "report", None).plain
    assert "\x1b" not in shown_text
    assert "[@click=app.quit]" in shown_text  # as text, never markup
