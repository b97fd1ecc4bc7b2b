"""Issue 10's must-show, in a real terminal (tmux): in a copy of the bundled casebook, a
broken quote makes `contested check` exit 1; in the app, on a dispute of an included file,
edits are picked up by the app's own reload, which stays on that dispute and shows the new
anchoring: a quote changed so it no longer anchors; the file invalid for a moment (the app
waits near it, then comes back to the same card); the source changed so the quote anchors.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

from tmux_support import CONTESTED, Terminal, flatten, needs_tmux

from claims.bundled import bundled_casebook
from claims.sources import read_document

pytestmark = needs_tmux

QUESTION = "Were the brothers killed by Russian security forces"  # of disputes/deaths.yaml
QUOTE = "who were killed by riot police in the Russian city of Yekaterinburg"
CHANGED = "who were shot by snipers on a Moscow rooftop"


def first_column(screen: str) -> str:
    """The words of the cards of the first position (the cards' lines start with a bar, or
    a box's edge) and of the dispute's heading above them: what is right of the list's
    border, cut at the edge of the next column's card."""
    out = []
    for line in screen.splitlines():
        view = line.partition("\u2595")[2]  # right of the list's border
        for edge in "\u258c\u2502":  # a card's bar, or a boxed (focused) card's edge
            if view.lstrip().startswith(edge):
                view = view.split(edge)[1].partition("\u2590")[0]  # to the card's edge
        out.append(view)
    return flatten("\n".join(out))


class CardTerminal(Terminal):
    """A 160×48 terminal whose waits read the first position's cards."""

    def __init__(self, command: list[str], cwd: Path) -> None:
        super().__init__(command, 160, 48, cwd)

    def wait_for_cards(
        self,
        *texts: str,
        absent: tuple[str, ...] = (),
        screen: tuple[str, ...] = (),
        timeout: float = 8.0,
    ) -> str:
        """The words of the dispute's heading and first column once every one of `texts`
        is there and none of `absent`, and every one of `screen` is anywhere on the screen
        (the status line, the key bar)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            view, flat = first_column(shown), flatten(shown)
            if (
                all(t in view for t in texts)
                and not any(t in view for t in absent)
                and all(t in flat for t in screen)
            ):
                return view
            time.sleep(0.05)
        raise AssertionError(f"{texts!r} never showed; the screen was:\n{self.screen()}")


def test_an_edit_of_the_shown_dispute_s_file_keeps_it_and_shows_the_new_anchoring(
    tmp_path: Path,
) -> None:
    assert CONTESTED.exists(), "install the project first (see README)"
    casebook = tmp_path / "casebook"
    shutil.copytree(bundled_casebook(), casebook)
    deaths = casebook / "disputes" / "deaths.yaml"
    good = deaths.read_text(encoding="utf-8")
    deaths.write_text(good.replace("as heart failure'", "as a heart attack'"), encoding="utf-8")
    done = subprocess.run(
        [str(CONTESTED), "check"], cwd=casebook, capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "quote-not-found" in done.stdout
    deaths.write_text(good, encoding="utf-8")

    term = CardTerminal([str(CONTESTED), str(casebook)], cwd=casebook)
    try:
        term.wait_for_cards("How did the Safarov brothers die?", screen=("0 errors",))
        term.keys("Down")  # to who-killed-them, the second dispute of disputes/deaths.yaml
        term.wait_for_cards(QUESTION, QUOTE)
        term.keys("Enter")  # to its cards: the first one focused
        term.wait_for_cards(screen=("Open source",))  # the key bar says what enter does there
        text = deaths.read_text(encoding="utf-8")
        assert QUOTE in text
        deaths.write_text(text.replace(QUOTE, CHANGED), encoding="utf-8")
        # the app's own reload (no key pressed): still on that dispute, its card re-anchored
        focused = ("1 error", "Open source")  # the key bar: enter opens the focused card
        after = term.wait_for_cards(QUESTION, CHANGED, "quote not anchored", screen=focused)
        assert "How did the Safarov brothers die?" not in after
        assert QUOTE not in after  # the old paragraph is not shown as the card's
        # its file invalid for a moment (a save half done): its disputes are gone, the app
        # shows the next one left; once the file is valid again, it is back on the card
        changed = deaths.read_text(encoding="utf-8")
        deaths.write_text(changed + "  - id: [broken\n", encoding="utf-8")
        term.wait_for_cards("Shikhlinsky", screen=("error[syntax]",))
        deaths.write_text(changed, encoding="utf-8")
        term.wait_for_cards(QUESTION, CHANGED, "quote not anchored", screen=focused)
        # the source changes so that the quote is there: the card shows it anchored, where
        source = casebook / "sources" / "tortured-in-baku.txt"
        text = source.read_text(encoding="utf-8")
        source.write_text(text + f"\nOne reader wrote of the Safarov brothers, {CHANGED}.\n")
        last = f"¶{len(read_document(source).paragraphs)}"
        term.wait_for_cards(QUESTION, CHANGED, last, absent=("not anchored",), screen=("0 errors",))
        term.keys("q")
    finally:
        term.close()
