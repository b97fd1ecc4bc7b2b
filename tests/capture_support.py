"""Helpers shared by the app's capture tests (issue 15: tests/test_capture_app*.py,
test_capture_retest.py, test_capture_tmux.py): the bundled casebook's words they select,
opening the first card's source, selecting a sentence with the keys, filling the forms,
waiting for a capture to be written, and checking what was written."""

from __future__ import annotations

import difflib
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input
from tmux_support import CONTESTED
from tui_support import settled

from tui.app import ContestedApp
from tui.screens.source import SourceScreen

#: The sentence after the first card's quote in tortured-in-baku ¶6, and that file.
SENTENCE = "This indicates that the brothers were tortured by Russian security forces."
DEATHS = "disputes/deaths.yaml"
#: The first card's quote, and the whole sentence it stands in.
QUOTE = "While Russian experts cited the cause of death as heart failure"
FIRST = (
    "While Russian experts cited the cause of death as heart failure, Azerbaijani "
    "specialists found widespread injuries on the bodies."
)


def only_inserted(before: str, after: str) -> list[str]:
    """The lines `after` adds to `before`; fails if it changes or removes any."""
    ops = difflib.SequenceMatcher(a=before.splitlines(True), b=after.splitlines(True))
    added: list[str] = []
    for tag, _a0, _a1, b0, b1 in ops.get_opcodes():
        assert tag in ("equal", "insert"), f"{tag}: not only inserted lines"
        if tag == "insert":
            added += after.splitlines(True)[b0:b1]
    return added


def checks_clean(root: Path) -> None:
    """`contested check ROOT` passes."""
    done = subprocess.run([str(CONTESTED), "check", str(root)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def notes(app: ContestedApp) -> list[tuple[str, str]]:
    """(title, message) of each notification the app shows."""
    return [(str(n.title), str(n.message)) for n in app._notifications]


async def open_source(pilot: Pilot[None]) -> SourceScreen:
    """The first card's source (tortured-in-baku at ¶6), from the main screen."""
    await settled(pilot)
    await pilot.press("tab", "enter")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, SourceScreen)
    return screen


async def select_sentence(pilot: Pilot[None], screen: SourceScreen) -> None:
    """`SENTENCE` selected with the keys: `)` (nothing selected: the sentence of the quote
    opened), `)` (on to the next sentence's end), `o` `)` (the start on a sentence: the
    next sentence alone)."""
    await pilot.press("right_parenthesis", "right_parenthesis", "o", "right_parenthesis")
    mark = screen.selection_mark()
    assert mark is not None
    assert not isinstance(mark, str)
    assert mark.selected == SENTENCE


async def add_to(pilot: Pilot[None], dispute: str, *keys: str) -> None:
    """`a`, the dispute picked by typing its id, then `keys` in the positions' list."""
    await pilot.press("a")
    await pilot.pause()
    await pilot.press(*dispute, "enter")
    await pilot.pause()
    await pilot.press(*keys)
    await pilot.pause()


def evidence_of(app: ContestedApp, dispute_id: str, position: int) -> list[str]:
    """The quotes of a position in the casebook the main screen shows now."""
    session = app.main_screen.session if app.main_screen else None
    dispute = session.casebook.dispute(dispute_id) if session else None
    return [e.quote for e in dispute.positions[position].evidence] if dispute else []


async def soon(pilot: Pilot[None], done: Callable[[], bool], seconds: float = 1.0) -> None:
    """Wait until `done()`, failing after `seconds` (the app's reload is that quick)."""
    deadline = time.monotonic() + seconds
    while not done():
        assert time.monotonic() < deadline, "not shown within a second"
        await pilot.pause(0.02)


def fill(form: Screen[object], **values: str) -> None:
    """Fields of a form filled in (as typing them would, a key a character, but quicker)."""
    for name, value in values.items():
        form.query_one(f"#capture-{name}", Input).value = value


async def written(pilot: Pilot[None]) -> None:
    """Wait until a capture is written and the casebook read again."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await settled(pilot)


def git(folder: Path, *args: str) -> str:
    """`git ARGS` in `folder` (as a test user), its output."""
    done = subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        cwd=folder, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return done.stdout


def example(tmp_path: Path) -> Path:
    """`contested init --example`, committed to a fresh git repository."""
    folder = tmp_path / "example"
    subprocess.run([str(CONTESTED), "init", "--example", str(folder)], check=True,
                   capture_output=True)  # fmt: skip
    git(folder, "init", "-q")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "example")
    return folder
