"""Verdicts in a real terminal (tmux), as the issue's must-show flow: a copy of the example
under git, two positions of the cause-of-death dispute rated and a note written, quit;
`git diff` shows those lines only; reopened, the badges are there; one rating changed
again is a one-line diff."""

from __future__ import annotations

import subprocess
from pathlib import Path

import yaml
from tmux_support import CONTESTED, Terminal, flatten, needs_tmux

pytestmark = needs_tmux


def git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
                          check=True)  # fmt: skip
    return done.stdout


def changed_lines(diff: str) -> tuple[list[str], list[str]]:
    """The lines a unified diff removes and adds (its headers left out)."""
    lines = diff.splitlines()
    removed = [x[1:] for x in lines if x.startswith("-") and not x.startswith("---")]
    added = [x[1:] for x in lines if x.startswith("+") and not x.startswith("+++")]
    return removed, added


def open_app(root: Path) -> Terminal:
    term = Terminal(["CONTESTED_REVIEWER=Tester", str(CONTESTED), str(root)], cwd=root)
    try:
        term.wait_for("How did the Safarov brothers die?", "0 errors", "reviewed")
    except AssertionError:
        term.close()
        raise
    return term


def test_rate_two_positions_and_note_then_git_diff_is_those_lines(tmp_path: Path) -> None:
    root = tmp_path / "x"
    subprocess.run([str(CONTESTED), "init", "--example", str(root)], check=True,
                   capture_output=True)  # fmt: skip
    git(root, "init", "-q")
    git(root, "-c", "user.name=T", "-c", "user.email=t@example.org", "add", ".")
    git(root, "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qm", "example")

    term = open_app(root)
    try:
        term.keys("Enter")  # the first card: Russian forensic experts
        term.wait_for("v Rate")
        term.keys("v")
        term.wait_for("escape: cancel", "Partly supported", "Unverifiable")
        term.keys("4")  # false
        term.wait_for("False", "1/3 rated", absent=("escape: cancel",))
        term.keys("l")  # the next position: Azerbaijani forensic specialists
        term.keys("v")
        term.wait_for("escape: cancel")
        term.keys("1")  # supported
        term.wait_for("Supported", "2/3 rated", absent=("escape: cancel",))
        term.keys("n")
        term.wait_for("ctrl+s: save")
        term.keys("-l", "Two examinations, one finding")
        term.keys("C-s")
        screen = term.wait_for("Note: Two examinations", absent=("ctrl+s: save",))
        assert "\x1b" not in screen
        term.keys("q")
    finally:
        term.close()

    git(root, "add", "-N", "review.yaml")  # new: shown by `git diff` line by line
    assert git(root, "diff", "--name-only").split() == ["review.yaml"]
    removed, added = changed_lines(git(root, "diff", "review.yaml"))
    assert removed == []
    body = [x for x in added if not x.startswith("#")]  # less the header comment
    assert len(body) <= 10  # the dispute, `positions:`, two short reviews (one with a note)
    written = yaml.safe_load("\n".join(body))
    assert list(written) == ["cause-of-death"]  # only the dispute reviewed
    assert set(written["cause-of-death"]["positions"]) == {"heart-failure", "traumatic-shock"}
    data = yaml.safe_load((root / "review.yaml").read_text(encoding="utf-8"))
    positions = data["cause-of-death"]["positions"]
    assert positions["heart-failure"]["rating"] == "false"
    assert positions["traumatic-shock"]["note"] == "Two examinations, one finding"
    git(root, "add", "review.yaml")
    git(root, "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qm", "rated")

    term = open_app(root)  # reopened: the badges are there
    try:
        term.keys("Enter")
        screen = flatten(term.wait_for("False", "Supported", "Note: Two examinations", "v Rate"))
        assert "2/3 rated" in screen
        term.keys("v")
        term.wait_for("escape: cancel", "← now")
        term.keys("3")  # unsupported, instead of false
        term.wait_for("Unsupported", absent=("escape: cancel",))
        term.keys("q")
    finally:
        term.close()
    removed, added = changed_lines(git(root, "diff", "review.yaml"))
    assert len(removed) == len(added) == 1  # one rating changed: one line
    assert '"heart-failure": {rating: "false"' in removed[0]
    assert '"heart-failure": {rating: "unsupported"' in added[0]
