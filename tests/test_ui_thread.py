"""The app never reads a file or anchors a quote on its event loop, so a slow source cannot
freeze it: the keys answer and `q` quits while a source is still being read.

`loop_guard` wraps every way our code reads a file (`read_document`, `read_regular`,
`open`, `os.open`, `Path.read_*`, `os.stat`, `os.scandir`) and every way it anchors
(`anchor`, `anchor_dispute`); a call made on a thread running an asyncio loop (the app's)
from a module of this project is recorded as a violation.
"""

from __future__ import annotations

import asyncio
import builtins
import io
import os
import pathlib
import shutil
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from tui_support import copy_bundled, settled

import claims.anchoring
import claims.paths
import claims.sources
from claims.check import anchor_dispute
from tui.app import ContestedApp, create_app
from tui.screens.main import MainScreen
from tui.screens.source import SourceScreen
from tui.session import Session
from tui.widgets.dispute_list import DisputeList
from tui.widgets.dispute_view import DisputeView

REPO = Path(__file__).resolve().parent.parent
OURS = (str(REPO / "claims") + os.sep, str(REPO / "tui") + os.sep)
STDLIB = os.path.dirname(os.__file__) + os.sep


def on_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def ours() -> str | None:
    """Where this project's code made the call, if it did: the first frame out from here
    that is neither this file nor the standard library's (`pathlib`, `io`…). A call made by
    a library (Textual looking for its CSS, say) is the library's business."""
    frame = sys._getframe(1)
    while frame is not None:
        name = frame.f_code.co_filename
        if name.startswith(OURS):
            return f"{name}:{frame.f_lineno} {frame.f_code.co_name}"
        if name != __file__ and not (name.startswith(STDLIB) and "site-packages" not in name):
            return None
        frame = frame.f_back  # type: ignore[assignment]
    return None


class LoopGuard:
    def __init__(self) -> None:
        self.violations: list[str] = []
        self.off_loop: dict[str, int] = {}  # calls seen in worker threads, by name

    def record(self, name: str, anywhere: bool) -> None:
        if not on_loop():
            self.off_loop[name] = self.off_loop.get(name, 0) + 1
            return
        caller = "called directly" if anywhere else ours()
        if caller is not None:
            self.violations.append(f"{name} on the event loop, from {caller}")

    def wrap(self, name: str, original: Callable[..., Any], anywhere: bool) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            self.record(name, anywhere)
            return original(*args, **kwargs)

        return wrapper

    def reading(self, name: str, original: Callable[..., Any], mode_at: int) -> Callable[..., Any]:
        """A wrapper for an `open`: only opening for reading counts (tests write files)."""

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            mode = kwargs.get("mode", args[mode_at] if len(args) > mode_at else "r")
            if isinstance(mode, str) and not set(mode) & set("wax+"):
                self.record(name, anywhere=False)
            return original(*args, **kwargs)

        return wrapper


def patch_everywhere(
    monkeypatch: pytest.MonkeyPatch, original: Callable[..., Any], wrapper: Callable[..., Any]
) -> None:
    """Replace `original` in every module of this project that holds it by name."""
    for name, module in list(sys.modules.items()):
        if module is None or not name.startswith(("claims", "tui")):
            continue
        for attribute, value in list(vars(module).items()):
            if value is original:
                monkeypatch.setattr(module, attribute, wrapper)


@pytest.fixture
def loop_guard(monkeypatch: pytest.MonkeyPatch) -> LoopGuard:
    guard = LoopGuard()
    for function in (
        claims.sources.read_document,
        claims.paths.read_regular,
        claims.anchoring.anchor,
        anchor_dispute,
    ):
        wrapper = guard.wrap(function.__name__, function, anywhere=True)
        patch_everywhere(monkeypatch, function, wrapper)
    monkeypatch.setattr(builtins, "open", guard.reading("open", builtins.open, 1))
    monkeypatch.setattr(io, "open", guard.reading("io.open", io.open, 1))
    monkeypatch.setattr(pathlib.Path, "open", guard.reading("Path.open", pathlib.Path.open, 1))
    for method in ("read_text", "read_bytes"):
        original = getattr(pathlib.Path, method)
        monkeypatch.setattr(pathlib.Path, method, guard.wrap(method, original, anywhere=False))
    flags_read = os.O_WRONLY | os.O_RDWR | os.O_CREAT

    def os_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if not flags & flags_read:
            guard.record("os.open", anywhere=False)
        return original_os_open(path, flags, *args, **kwargs)

    original_os_open = os.open
    monkeypatch.setattr(os, "open", os_open)
    monkeypatch.setattr(os, "stat", guard.wrap("os.stat", os.stat, anywhere=False))
    monkeypatch.setattr(os, "scandir", guard.wrap("os.scandir", os.scandir, anywhere=False))
    return guard


async def until(pilot: Pilot[None], condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await pilot.pause(0.02)


def main_screen(app: ContestedApp) -> MainScreen:
    screen = app.main_screen
    assert screen is not None
    return screen


def complete(app: ContestedApp) -> bool:
    session = main_screen(app).session
    return session is not None and session.loaded.complete


def shown_id(app: ContestedApp) -> str | None:
    dispute = main_screen(app).query_one(DisputeView).dispute
    return dispute.id if dispute else None


async def test_no_module_reads_or_anchors_on_the_event_loop(
    tmp_path: Path, loop_guard: LoopGuard, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_bundled(tmp_path)
    (root / "keymap.toml").write_text('"main.filter" = "slash,f"\n', encoding="utf-8")
    # Hold the full check back, so that moving and opening meet disputes and sources not
    # anchored yet (after the check, everything is cached and nothing is read at all).
    check_may_run = threading.Event()
    run_check = Session.run_check

    def held_check(self: Session, *args: Any, **kwargs: Any) -> Any:
        check_may_run.wait(10)
        return run_check(self, *args, **kwargs)

    monkeypatch.setattr(Session, "run_check", held_check)
    app = create_app(root, keymap_file=root / "keymap.toml")
    try:
        async with app.run_test(size=(160, 48)) as pilot:
            await until(pilot, lambda: shown_id(app) is not None)
            await until(pilot, lambda: complete(app))  # the whole casebook, not checked
            disputes = main_screen(app).session.casebook.disputes  # type: ignore[union-attr]
            await pilot.press("down", "down", "down")
            await until(pilot, lambda: shown_id(app) == disputes[3].id)
            await pilot.press("tab", "enter")  # open the source of its first quote
            await until(pilot, lambda: isinstance(app.screen, SourceScreen))
            await pilot.press("n", "escape")
            await until(pilot, lambda: isinstance(app.screen, MainScreen))
            check_may_run.set()
            await settled(pilot)
            await pilot.press("f", "escape", "p", "p")  # the keymap was read, and applied
            await pilot.press("r")  # reload by hand
            await settled(pilot)
            deaths = root / "disputes" / "deaths.yaml"
            text = deaths.read_bytes().decode("utf-8")  # not on the loop's watch: the test's
            deaths.write_bytes(text.replace("Safarov", "Safarow").encode("utf-8"))
            main_screen(app).poll_files()  # reload because a file changed
            await settled(pilot)
            assert any("Safarow" in d.question for d in main_screen(app).session.casebook.disputes)  # type: ignore[union-attr]
            main_screen(app).open_source("tortured-in-baku", 3)  # as the palette does
            await until(pilot, lambda: isinstance(app.screen, SourceScreen))
            await pilot.press("escape")
    finally:
        check_may_run.set()
    assert loop_guard.violations == []
    # and the guard saw the reading and anchoring, in the workers
    assert loop_guard.off_loop.get("read_document", 0) > 0
    assert loop_guard.off_loop.get("anchor", 0) > 0
    assert loop_guard.off_loop.get("os.stat", 0) > 0  # the polls


async def test_the_guard_catches_a_read_on_the_event_loop(
    tmp_path: Path, loop_guard: LoopGuard
) -> None:
    app = create_app(copy_bundled(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        assert loop_guard.violations == []
        session = main_screen(app).session
        assert session is not None
        session.watched()  # reads casebook.yaml: a worker's job, done here on purpose
        await pilot.pause()
    assert loop_guard.violations
    assert all("on the event loop" in v for v in loop_guard.violations)


def block_reading(monkeypatch: pytest.MonkeyPatch, release: threading.Event) -> None:
    """Make every source read wait (up to 5 s) until `release` is set."""
    original = claims.sources.read_document

    def slow(path: Path, *how: str) -> Any:
        release.wait(5)
        return original(path, *how)

    patch_everywhere(monkeypatch, original, slow)


async def test_a_source_that_blocks_leaves_the_keys_working_and_q_quits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    block_reading(monkeypatch, release)
    app = create_app(copy_bundled(tmp_path))
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            listing = app.screen.query_one(DisputeList)
            await until(pilot, lambda: listing.option_count > 0, timeout=3)
            view = app.screen.query_one(DisputeView)
            assert view.dispute is None  # its sources are not read yet: it shows it anchoring
            text = " ".join(view.render_line(y).text for y in range(view.size.height))
            assert "Anchoring quotes" in text
            started = time.monotonic()
            await pilot.press("down", "down")
            assert listing.highlighted == 2  # the list still moves
            assert time.monotonic() - started < 1.0
            started = time.monotonic()
            await pilot.press("q")
        quit_after = time.monotonic() - started
    finally:
        release.set()
    assert not release.wait(0) or quit_after < 1.0
    assert quit_after < 1.0


async def test_enter_while_a_dispute_anchors_focuses_its_first_quote_once_it_is_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    block_reading(monkeypatch, release)
    app = create_app(copy_bundled(tmp_path))
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            listing = app.screen.query_one(DisputeList)
            await until(pilot, lambda: listing.option_count > 0, timeout=3)
            view = app.screen.query_one(DisputeView)
            await pilot.press("enter")
            assert view.dispute is None
            assert isinstance(app.focused, DisputeList)
            release.set()
            await until(pilot, lambda: view.dispute is not None)
            assert isinstance(app.focused, DisputeView)
            assert view.cursor == 0
    finally:
        release.set()


def test_a_source_two_threads_want_is_read_once_and_waiting_can_stop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from claims import load
    from claims.documents import Documents, GaveUp

    reads: list[Path] = []
    release = threading.Event()
    original = claims.sources.read_document

    def counted(path: Path, *how: str) -> Any:
        reads.append(path)
        release.wait(5)
        return original(path, *how)

    patch_everywhere(monkeypatch, original, counted)
    documents = Documents(load(copy_bundled(tmp_path)).casebook)
    got: list[object] = []
    threads = [
        threading.Thread(target=lambda: got.append(documents.get("tortured-in-baku")))
        for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    time.sleep(0.1)
    assert not documents.is_read("tortured-in-baku")
    with pytest.raises(GaveUp):  # a third one, cancelled while it waits
        documents.get("tortured-in-baku", give_up=lambda: True)
    release.set()
    for thread in threads:
        thread.join(5)
    assert len(reads) == 1
    assert got[0] is got[1] is not None
    assert documents.is_read("tortured-in-baku")


QUITTER = """
import sys, time
import claims.sources
original = claims.sources.read_document

def slow(path, *how):
    time.sleep(60)  # a source on a very slow disk
    return original(path, *how)

for name, module in list(sys.modules.items()):
    if module is not None and name.startswith(("claims", "tui")):
        for attribute, value in list(vars(module).items()):
            if value is original:
                setattr(module, attribute, slow)
import tui.app, tui.screens.main
from tui.launch import entry
sys.argv = ["contested", sys.argv[1]]
entry()
"""


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_the_installed_app_quits_at_once_while_a_source_is_being_read(tmp_path: Path) -> None:
    """Through the real entry point, in a terminal: `q` is not held up by a worker thread
    still reading (asyncio.run would wait for it on the way out)."""
    root = copy_bundled(tmp_path)
    done = tmp_path / "done"
    script = tmp_path / "quitter.py"
    script.write_text(QUITTER, encoding="utf-8")
    socket = f"contested-test-{uuid.uuid4().hex[:8]}"
    command = f"cd {REPO} && {sys.executable} {script} {root}; touch {done}"

    def tmux(*args: str) -> str:
        return subprocess.run(
            ["tmux", "-L", socket, *args], capture_output=True, text=True, timeout=10
        ).stdout

    tmux("new-session", "-d", "-x", "120", "-y", "40", f'env TERM=xterm-256color sh -c "{command}"')
    try:
        deadline = time.monotonic() + 20
        while "Checking 0/" not in (screen := tmux("capture-pane", "-p")):
            assert time.monotonic() < deadline, screen
            time.sleep(0.05)
        assert "Anchoring quotes" in screen
        time.sleep(0.5)  # the check is under way, its thread waiting for the same source
        tmux("send-keys", "Down")
        started = time.monotonic()
        tmux("send-keys", "q")
        while not done.exists():
            assert time.monotonic() - started < 3, "q did not quit"
            time.sleep(0.02)
        assert time.monotonic() - started < 1.5
    finally:
        tmux("kill-server")


async def test_an_unsearchable_home_gives_a_warning_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """HOME in a folder the user cannot search: the keymap's stat raises PermissionError."""
    home = tmp_path / "home"
    keymap = home / ".config" / "contested" / "keymap.toml"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.delenv("CONTESTED_KEYMAP", raising=False)
    stat = pathlib.Path.stat

    def denied(self: pathlib.Path, *args: Any, **kwargs: Any) -> Any:
        if self == keymap:
            raise PermissionError(13, "Permission denied", str(self))
        return stat(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "stat", denied)
    app = create_app(copy_bundled(tmp_path))
    warnings: list[str] = []
    notify = app.notify

    def capture(message: str, **kwargs: Any) -> None:
        warnings.append(message)
        notify(message, **kwargs)

    monkeypatch.setattr(app, "notify", capture)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        assert isinstance(app.screen, MainScreen)
        assert shown_id(app) == "cause-of-death"
    assert any(w.startswith("keymap not read: permission denied") for w in warnings), warnings


async def test_a_casebook_folder_that_cannot_be_searched_shows_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every look inside the folder is refused (as for a user who may not search it)."""
    root = copy_bundled(tmp_path)
    inside = str(root) + os.sep
    stat = os.stat

    def refused(path: Any, *args: Any, **kwargs: Any) -> Any:
        if os.fspath(path).startswith(inside) or os.fspath(path) == str(root):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", refused)
    app = create_app(root)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        view = app.screen.query_one(DisputeView)
        text = " ".join(view.render_line(y).text for y in range(view.size.height))
        assert "This casebook cannot be read" in text
        assert "permission denied" in text
        main_screen(app).poll_files()  # and watching it does not fail either
        await settled(pilot)
        assert app.is_running


def test_a_session_names_itself_in_one_short_line() -> None:
    """Textual builds the repr of a worker's arguments; a session's used to spell out the
    whole casebook (1.5 s at L before the coverage screen showed anything)."""
    from claims.bundled import BUNDLED
    from claims.loader import load
    from tui.session import Session

    session = Session(BUNDLED, load(BUNDLED))
    shown = repr(session)
    assert len(shown) < 200, shown
    assert "disputes" in shown, shown
