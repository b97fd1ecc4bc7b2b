"""Nothing from a casebook reaches the app's screen raw, and no column moves another.

The app's side of `tests/test_output_safety.py` (whose casebooks and checks it uses): a
casebook named with escape sequences, every control and bidi controls opened in the app
(header, problems panel, a notification), bidi overrides in every field shown as ⇄ in the
cards and the source view, and emoji whose measured and drawn widths differ (VS16, ZWJ
sequences, skin tones) never moving the next column: counted with the C library's
`wcwidth`, as tmux, xterm and VTE draw, in Pilot and in tmux itself. Two SVG snapshots
record the handed cases rel-bidi-controls and rel-emoji-width as the app draws them.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import locale
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len, get_character_cell_size
from test_output_safety import (
    BIDI,
    BIDI_DISPUTES,
    BIDI_SOURCE,
    LRI,
    NAMES,
    RLO,
    assert_clean,
    bidi_casebook,
    named_casebook,
)
from tui_support import settled

from claims.text import BIDI_MARK, steady
from tui.app import create_app
from tui.widgets.dispute_layout import GAP
from tui.widgets.dispute_view import DisputeView
from tui.widgets.problems_panel import ProblemsPanel

# --- emoji: measured as drawn ------------------------------------------------------------


class _Wcwidth:
    """The C library's `wcwidth` in a UTF-8 locale: how tmux, xterm and VTE size a
    character. The process's own locale is put back after each use."""

    def __init__(self) -> None:
        name = ctypes.util.find_library("c")
        self.libc = ctypes.CDLL(name) if name else None
        if self.libc is not None:
            self.libc.setlocale.restype = ctypes.c_char_p
            self.libc.setlocale.argtypes = [ctypes.c_int, ctypes.c_char_p]
            self.libc.wcwidth.argtypes = [ctypes.c_wchar]

    def __call__(self, text: str) -> int | None:
        """Cells `text` takes drawn character by character (None: no way to tell)."""
        if self.libc is None:
            return None
        before = self.libc.setlocale(locale.LC_CTYPE, None)
        if not self.libc.setlocale(locale.LC_CTYPE, b"C.UTF-8"):
            return None
        try:
            return sum(max(self.libc.wcwidth(c), 0) for c in text)
        finally:
            self.libc.setlocale(locale.LC_CTYPE, before)


_WCWIDTH = _Wcwidth()
needs_wcwidth = pytest.mark.skipif(
    _WCWIDTH("❤👨") != 3, reason="no C library wcwidth in a UTF-8 locale"
)


def drawn(text: str) -> int:
    """Cells `text` takes where each character is drawn at its own width (tmux, xterm)."""
    cells = _WCWIDTH(text)
    assert cells is not None
    return cells


EMOJI = "❤🏳🌈👨👩👧👦👍🇫🇷#⃣⌚✈" + "\ufe0e\ufe0f\u200d\U0001f3fb\U0001f3fd\U0001f3ff" + "aé\u0301中"


@needs_wcwidth
@given(st.text(st.sampled_from(EMOJI), max_size=30))
def test_steady_text_is_measured_as_a_terminal_draws_it(text: str) -> None:
    made = steady(text)
    assert cell_len(made) == drawn(made) == sum(get_character_cell_size(c) for c in made)


# --- the app -------------------------------------------------------------------------------


def screen_lines(app: Any) -> list[str]:
    """The whole screen as drawn, line by line (notifications too)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def assert_screen_clean(app: Any, when: str) -> str:
    lines = screen_lines(app)
    for number, line in enumerate(lines):
        assert_clean(line, f"screen line {number} {when}")
    for notification in app._notifications:
        assert_clean(notification.message + notification.title, f"notification {when}")
    return "\n".join(lines)


async def test_app_header_problems_and_notifications_show_names_as_marks(tmp_path: Path) -> None:
    root = named_casebook(tmp_path, b"dir-\x1b]2;DIRPWN\x1b\\" + BIDI.encode(), NAMES)
    app = create_app(root, keymap_file=Path("/nonexistent"))
    async with app.run_test(size=(140, 40)) as pilot:
        await settled(pilot)
        screen = assert_screen_clean(app, "opened")
        assert f"dir-␛]2;DIRPWN␛\\{BIDI_MARK * 9}" in screen.splitlines()[0]  # the header
        panel = app.screen.query_one(ProblemsPanel)
        if not panel.display:
            await pilot.press("p")
        panel.focus()
        await settled(pilot)
        assert_screen_clean(app, "with the problems panel")
        listed = [str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)]
        for item in listed:
            assert_clean(item, "a problem listed")
        assert any("␛]52;c;Y3VybCBldmlsLmV4YW1wbGV8c2g=␛\\x.yaml" in item for item in listed)
        bad = next(i for i, p in enumerate(panel.problems) if "is not UTF-8" in p.message)
        panel.highlighted = bad
        await pilot.press("enter")  # not in a dispute: a notification says where
        await settled(pilot)
        assert app._notifications, "no notification"
        assert_screen_clean(app, "with a notification")
        said = " ".join(n.message for n in app._notifications)
        assert "-bad.yaml:1:1" in said


async def test_app_shows_bidi_controls_as_marks_in_cards_and_source(tmp_path: Path) -> None:
    app = create_app(bidi_casebook(tmp_path / "bidi"), keymap_file=Path("/nonexistent"))
    async with app.run_test(size=(120, 30)) as pilot:
        await settled(pilot)
        await pilot.press("enter")  # the first card
        await settled(pilot)
        screen = assert_screen_clean(app, "on the dispute")
        assert "⇄A redloH" in screen
        assert "was ⇄heart failure⇄." in screen
        await pilot.press("enter")  # its source
        await settled(pilot)
        screen = assert_screen_clean(app, "on the source")
        assert "the cause was ⇄heart failure⇄." in screen
        assert "⇄rohtua" in screen


EMOJI_CLAIM = ("❤\ufe0f" * 6 + " ") * 3 + "👨\u200d👩\u200d👧\u200d👦 " * 6 + "🏳\ufe0f\u200d🌈 👍🏽"
EMOJI_DISPUTES = BIDI_DISPUTES.replace(f"{RLO}A redloH", "Holder A ❤\ufe0f👨\u200d👩\u200d👦")
EMOJI_DISPUTES = EMOJI_DISPUTES.replace(f"Heart {LRI}failure.", EMOJI_CLAIM)
EMOJI_SOURCE = BIDI_SOURCE.replace("says", "❤\ufe0f says 👨\u200d👩\u200d👧\u200d👦 👍🏽", 1)


def emoji_casebook(root: Path) -> Path:
    """The rel-emoji-width case: the left position's text full of emoji drawn at other
    widths than measured (VS16, ZWJ families, a flag sequence, a skin tone)."""
    bidi_casebook(root)
    (root / "disputes/d.yaml").write_text(EMOJI_DISPUTES, encoding="utf-8")
    (root / "sources/s.txt").write_text(EMOJI_SOURCE, encoding="utf-8")
    return root


@needs_wcwidth
async def test_emoji_in_one_column_never_move_the_next(tmp_path: Path) -> None:
    app = create_app(emoji_casebook(tmp_path / "emoji"), keymap_file=Path("/nonexistent"))
    async with app.run_test(size=(120, 30)) as pilot:
        await settled(pilot)
        shown_view = app.screen.query_one(DisputeView)
        laid = shown_view._layout()
        starts = set()
        for y, parts in enumerate(laid.lines):
            if len(parts) < 2:
                continue
            text = shown_view.render_line(y - shown_view.scroll_offset.y).text
            left = len(parts[0].plain) + GAP  # characters before the right column
            starts.add(drawn(text[:left]))  # cells they take, drawn one by one
        assert starts == {laid.lines[-1][0].cell_length + GAP}
        assert any("❤" in "".join(p.plain for p in parts) for parts in laid.lines)


@needs_wcwidth
@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_emoji_in_one_column_never_move_the_next_in_tmux(tmp_path: Path) -> None:
    """The same in a real terminal: tmux 3.3a draws ❤️ in one cell, Rich measures two."""
    root = emoji_casebook(tmp_path / "emoji")
    socket = f"contested-safety-{os.getpid()}"
    tmux = [shutil.which("tmux") or "tmux", "-L", socket]
    contested = Path(sys.executable).parent / "contested"
    # (tmux's environment may hold COLUMNS and LINES of another size, which Textual takes)
    command = f"env -u COLUMNS -u LINES TERM=xterm-256color {contested} {root}"
    subprocess.run([*tmux, "new-session", "-d", "-x", "120", "-y", "30", command], check=True)
    try:
        deadline, screen = time.monotonic() + 20, ""
        while time.monotonic() < deadline and "▌ was traumatic" not in screen:
            time.sleep(0.1)
            screen = subprocess.run(
                [*tmux, "capture-pane", "-p"], capture_output=True, text=True, check=False
            ).stdout
        starts = {
            marker: drawn(line[: line.index(marker)])
            for line in screen.splitlines()
            for marker in ("Holder B", "Shock.", "▌ Beta", "▌ was traumatic")
            if marker in line
        }
        assert len(starts) == 4, screen
        assert any("Holder A" in line and "Holder B" in line for line in screen.splitlines())
        assert len(set(starts.values())) == 1, (starts, screen)
        assert "❤" in screen
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True, check=False)


# --- the handed cases, as the app draws them -------------------------------------------------

CASE = """\
title: {title}
sides:
  a: {{label: Side A}}
  b: {{label: Side B}}
sources:
  s: {{file: sources/s.txt, title: Source S}}
include: [disputes/*.yaml]
"""
CASE_DISPUTES = """\
disputes:
  - id: d1
    question: How did they die?
    positions:
      - side: a
        holder: {holder}
        claim: {claim}
        evidence:
          - {{source: s, quote: {quote}}}
      - side: b
        holder: Holder B
        claim: {right}
        evidence:
          - {{source: s, quote: the cause was traumatic shock}}
"""
CASE_SOURCE = (
    "Alpha paragraph one says the cause was {cause}.\n\n"
    "Beta paragraph two says the cause was traumatic shock.\n"
)


def handed_case(root: Path, bidi: bool) -> Path:
    """rel-bidi-controls (a right-to-left override in the title, a holder, a quote and its
    source) or rel-emoji-width (40 ❤️ in the left position's claim), as handed."""
    rlo = RLO if bidi else ""
    files = {
        "casebook.yaml": CASE.format(title=f'"Title {rlo}desrever"' if bidi else "Probe casebook"),
        "disputes/d.yaml": CASE_DISPUTES.format(
            holder=f'"{rlo}A redloH"' if bidi else "Holder A",
            claim="Heart failure." if bidi else '"' + "❤\ufe0f" * 40 + '"',
            quote=f'"the cause was {rlo}heart failure"' if bidi else "the cause was heart failure",
            right="Shock." if bidi else "The right column says this sentence in full, and "
            "it must stay in its column.",
        ),
        "sources/s.txt": CASE_SOURCE.format(cause=f"{RLO}heart failure\u202c" if bidi else
                                             "heart failure"),
    }  # fmt: skip
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


async def _card(pilot) -> None:  # type: ignore[no-untyped-def]
    await settled(pilot)
    await pilot.press("enter")
    await pilot.pause()


@pytest.mark.parametrize("case", ["rel-bidi-controls", "rel-emoji-width"])
def test_handed_cases_as_drawn(snap_compare, tmp_path, case) -> None:  # type: ignore[no-untyped-def]
    root = handed_case(tmp_path / case, bidi=case == "rel-bidi-controls")
    app = create_app(root, keymap_file=Path("/nonexistent"))
    assert snap_compare(app, terminal_size=(120, 30), run_before=_card)
