"""`contested` (the app) in a real terminal: it opens the casebook found from the folder it
is started in; when there is none, the bundled example, and it says so on stderr (left on
the terminal when the app ends) and in the app."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from conftest import CASEBOOK, SOURCE, make_casebook
from tmux_support import CONTESTED, TMUX, Terminal

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed (CI installs it)")


def shell(folder: Path, *args: str) -> list[str]:
    line = f"cd {shlex.quote(str(folder))} && {shlex.quote(str(CONTESTED))} {' '.join(args)}"
    return ["sh", "-c", shlex.quote(f"{line}; echo EXITED $?; sleep 30")]


def test_the_app_opens_the_casebook_of_the_folder_it_starts_in(tmp_path: Path) -> None:
    root = make_casebook(tmp_path / "mine", CASEBOOK, {"sources/report.txt": SOURCE})
    (root / "sources" / "deeper").mkdir()
    term = Terminal(shell(root / "sources" / "deeper"), width=100, height=30)
    try:
        screen = term.wait_for("When did the raid begin?")
        assert "Safarov" not in screen
        assert "no casebook here" not in screen
        term.keys("q")
        term.wait_for("EXITED 0")
    finally:
        term.close()


def test_the_app_says_when_it_opens_the_bundled_example(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    (empty / ".git").mkdir(parents=True)
    term = Terminal(shell(empty), width=120, height=40)
    try:
        term.wait_for("How did the Safarov brothers die?", "no casebook here")
        term.keys("q")
        # The app's screen gone, what it said on stderr before it opened is still there.
        after = term.wait_for("EXITED 0")
        assert "contested: no casebook here; showing the bundled example" in after
    finally:
        term.close()


def test_the_app_refuses_a_dash_c_that_does_not_exist(tmp_path: Path) -> None:
    term = Terminal(shell(tmp_path, "-C", "nowhere"), width=100, height=20)
    try:
        screen = term.wait_for("EXITED 2")
        assert "contested: -C nowhere: no such file or directory" in screen
    finally:
        term.close()
