"""Live reload sees what changed: files appearing under an `include:` pattern, files deleted
and written back (a `git checkout` or `git stash` while the app is open), not just the
files read last time. The poll runs every POLL_SECONDS; here, every 50 ms."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import make_casebook
from textual.pilot import Pilot
from tui_support import settled

import tui.screens.main
from tui.app import ContestedApp, create_app
from tui.screens.main import MainScreen
from tui.watch import include_patterns
from tui.widgets.dispute_list import DisputeList

CASEBOOK = """\
title: Reload sees new files
sides:
  a: {label: Side A}
  b: {label: Side B}
sources:
  s: {file: sources/s.txt, title: Source S}
include: [disputes/*.yaml, more/**/*.yaml]
"""

SOURCE = (
    "Alpha paragraph one says the cause was heart failure.\n\n"
    "Beta paragraph two says the cause was traumatic shock.\n"
)


def disputes_file(*ids: str) -> str:
    out = ["disputes:"]
    for dispute_id in ids:
        out += [
            f"  - id: {dispute_id}",
            f"    question: What about {dispute_id}?",
            "    positions:",
            "      - {side: a, holder: Holder A, claim: Heart., evidence: "
            "[{source: s, quote: the cause was heart failure}]}",
            "      - {side: b, holder: Holder B, claim: Shock., evidence: "
            "[{source: s, quote: the cause was traumatic shock}]}",
        ]
    return "\n".join(out) + "\n"


A = disputes_file("first-in-a", "second-in-a")
B = disputes_file("first-in-b", "second-in-b")


@pytest.fixture
def casebook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(tui.screens.main, "POLL_SECONDS", 0.05)
    return make_casebook(
        tmp_path / "casebook",
        CASEBOOK,
        {"sources/s.txt": SOURCE},
        {"disputes/a.yaml": A, "disputes/b.yaml": B},
    )


def listed(app: ContestedApp) -> list[str]:
    screen = app.main_screen
    assert screen is not None
    return [d.id for d in screen.query_one(DisputeList).rows]


async def until(pilot: Pilot[None], condition: Callable[[], bool], timeout: float = 5.0) -> None:
    """Let the app's own poll run until `condition` holds (no `r`, no poll called by hand)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the app never reloaded"
        await pilot.pause(0.05)
    await settled(pilot)


async def test_a_new_file_matching_include_is_picked_up(casebook: Path) -> None:
    app = create_app(casebook)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        assert len(listed(app)) == 4
        (casebook / "disputes" / "c.yaml").write_text(disputes_file("in-c"), encoding="utf-8")
        await until(pilot, lambda: "in-c" in listed(app))
        assert len(listed(app)) == 5
        # in a new folder deep under a `**` pattern, too
        (casebook / "more" / "2024" / "june").mkdir(parents=True)
        deep = casebook / "more" / "2024" / "june" / "d.yaml"
        deep.write_text(disputes_file("in-d"), encoding="utf-8")
        await until(pilot, lambda: "in-d" in listed(app))


async def test_a_file_deleted_and_written_back_is_picked_up(casebook: Path) -> None:
    app = create_app(casebook)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        b = casebook / "disputes" / "b.yaml"
        b.unlink()
        await until(pilot, lambda: listed(app) == ["first-in-a", "second-in-a"])
        b.write_text(B, encoding="utf-8")
        await until(pilot, lambda: len(listed(app)) == 4)
        assert "second-in-b" in listed(app)


async def test_a_checkout_that_removes_and_restores_files_is_picked_up(casebook: Path) -> None:
    """`git stash` then `git stash pop`: files gone and back, the first perhaps between two
    polls, the second with the same size as before; the app ends up showing them."""
    app = create_app(casebook)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        a, b = casebook / "disputes" / "a.yaml", casebook / "disputes" / "b.yaml"
        stat = os.stat(b)
        b.unlink()
        b.write_text(B.replace("second-in-b", "secxnd-in-b"), encoding="utf-8")
        os.utime(b, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size, same mtime
        await until(pilot, lambda: "secxnd-in-b" in listed(app))
        a.unlink()
        b.unlink()
        await until(pilot, lambda: listed(app) == [])
        a.write_text(A, encoding="utf-8")
        b.write_text(B, encoding="utf-8")
        await until(pilot, lambda: len(listed(app)) == 4)


async def test_nothing_changed_means_no_reload(casebook: Path) -> None:
    app = create_app(casebook)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        screen = app.main_screen
        assert isinstance(screen, MainScreen)
        session = screen.session
        (casebook / "disputes" / "notes.txt").write_text("not a dispute file\n", encoding="utf-8")
        (casebook / "disputes" / ".b.yaml.swp").write_bytes(b"\0")  # an editor's swap file
        await pilot.pause(0.5)  # ten polls
        await settled(pilot)
        assert screen.session is session


async def test_a_casebook_that_cannot_be_read_reloads_once_fixed(casebook: Path) -> None:
    good = (casebook / "casebook.yaml").read_text(encoding="utf-8")
    (casebook / "casebook.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    app = create_app(casebook)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        assert listed(app) == []
        (casebook / "casebook.yaml").write_text(good, encoding="utf-8")
        await until(pilot, lambda: len(listed(app)) == 4)


@pytest.mark.parametrize(
    ("yaml_text", "patterns"),
    [
        ("title: t\ninclude: disputes/*.yaml\n", ("disputes/*.yaml",)),
        ("title: t\ninclude: [a/*.yaml, 'b/**/*.yml']\nsources: {}\n", ("a/*.yaml", "b/**/*.yml")),
        ("sides: {a: {label: [x, y]}}\ninclude:\n  - x.yaml\n  - y.yaml\n", ("x.yaml", "y.yaml")),
        ("title: no includes\ndisputes: []\n", ()),
        ("title: [unclosed\ninclude: x\n", ()),
    ],
)
def test_include_patterns_are_read_as_the_loader_reads_them(
    tmp_path: Path, yaml_text: str, patterns: tuple[str, ...]
) -> None:
    file = tmp_path / "casebook.yaml"
    file.write_text(yaml_text, encoding="utf-8")
    assert include_patterns(file) == patterns


async def test_a_reload_keeps_the_dispute_of_an_included_file(casebook: Path) -> None:
    """`r`, and a reload after an edit of that dispute's own file, stay on it (the handed
    case rel-reload-loses-place: the list used to jump back to the first dispute)."""
    app = create_app(casebook)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        for _ in range(3):
            await pilot.press("down")
        await settled(pilot)
        listing = app.main_screen.query_one(DisputeList)  # type: ignore[union-attr]
        assert listing.highlighted_id == "second-in-b"
        await pilot.press("r")
        await until(pilot, lambda: listing.highlighted_id == "second-in-b")
        await pilot.pause(0.5)
        assert listing.highlighted_id == "second-in-b"
        b = casebook / "disputes" / "b.yaml"
        b.write_text(B.replace("What about second-in-b?", "What about it, then?"), "utf-8")
        await until(pilot, lambda: any("What about it" in d.question for d in listing.rows))
        await pilot.pause(0.3)
        assert listing.highlighted_id == "second-in-b"
