"""Loading a casebook for the main screen, in a worker thread, and watching its files.

Everything here blocks (reads, parses, anchors, stats) and runs in a worker; results go
to the screen on the UI thread through `on_ui` / `post_ui`. The screen waits briefly for
the first part of the casebook and the first dispute's anchors, so its first frame shows
a dispute; a slow source only means that dispute shows "anchoring" for a while.
"""

from __future__ import annotations

import contextlib
import gc
import os
import stat
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.worker import get_current_worker

from claims import CasebookUnreadable
from claims.loader import CASEBOOK_FILE, load_progressively
from tui.handoff import Handoff
from tui.session import Session
from tui.threads import Gone, on_ui, post_ui
from tui.watch import Fingerprint, Watched

if TYPE_CHECKING:
    from tui.screens.main import MainScreen

PREPARE_WAIT = 0.25  # seconds a load waits for the dispute it shows first to be anchored


def load(
    screen: MainScreen,
    keep: str | None,
    handoff: Handoff[tuple[Session, Callable[[], None]]] | None,
    watched: Watched | None,
    before: Fingerprint | None,
) -> None:
    """Load the casebook (the first part, then all of it), show it, check it: in a worker
    thread, handing each result to `screen` on the UI thread. `keep`: the dispute a reload
    comes back to; a first part without it is not shown (the screen would stand in another
    dispute for it, for a moment). With `handoff`, the first part goes to the screen
    waiting for it, if it still is. `watched` is what the poll
    watched so far, and `before` its state taken before reading: if the files watched are
    still the same, a change made while loading is seen by the next poll."""
    worker = get_current_worker()
    painted = threading.Event()
    session: Session | None = None
    try:
        for loaded in load_progressively(screen.path):
            session = Session(screen.path, loaded, previous=session)
            if keep is not None and not loaded.complete and session.casebook.dispute(keep) is None:
                continue  # the rest of the casebook may hold it
            prepare_first(screen, session, keep)
            if handoff is None or not handoff.offer((session, painted.set)):
                on_ui(screen, screen.loaded, session, painted.set)
            handoff = None
            # Let the first dispute reach the screen before loading and checking the
            # rest: both hold the GIL and would slow that first frame down.
            deadline = time.monotonic() + 2.0
            while not painted.wait(0.05) and time.monotonic() < deadline:
                if worker.is_cancelled:
                    raise Gone
    except CasebookUnreadable as exc:
        if handoff is not None:
            handoff.close()
        folder = _is_dir(screen.path)
        root = screen.path if folder else screen.path.parent
        target = screen.path / CASEBOOK_FILE if folder else screen.path
        unreadable = Watched(root, (target,))
        on_ui(screen, screen.unreadable, exc.problems, root, unreadable, unreadable.fingerprint())
        return
    assert session is not None
    now = session.watched()  # the state before reading, if the same files are watched:
    fingerprint = before if before is not None and now == watched else now.fingerprint()
    on_ui(screen, screen.watching, now, fingerprint)  # a change while loading is seen next poll
    last = [0.0]

    def progress(done: int, total: int) -> None:
        if worker.is_cancelled:
            raise Gone  # stop checking a casebook no longer shown
        now = time.monotonic()
        if now - last[0] > 0.1 or done == total:
            last[0] = now
            post_ui(screen, screen.status, f"Checking {done}/{total} disputes…")

    report = session.run_check(progress)
    # The casebook now lives as long as the app: take it out of the cyclic collector's
    # sight, or every full collection walks all of it in the middle of a key press.
    gc.freeze()
    on_ui(screen, screen.checked, session, report)


def _is_dir(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except OSError:  # gone, or in a folder that cannot be searched: not one we can read
        return False


def prepare_first(screen: MainScreen, session: Session, keep: str | None) -> None:
    """Anchor the dispute about to be shown before it is shown, if that is quick; if not
    (a slow source), the screen shows it anchoring and its anchor worker finishes."""
    wanted = keep or screen.wanted
    dispute = session.casebook.dispute(wanted) if wanted else None
    if dispute is None:
        dispute = next(iter(session.matching(screen.query_text)), None)
    if dispute is None or session.is_anchored(dispute):
        return

    def prepare() -> None:
        with contextlib.suppress(Exception):  # the anchor worker meets it too, and says so
            session.prepare(dispute)

    helper = threading.Thread(target=prepare, name="contested-first", daemon=True)
    helper.start()
    helper.join(PREPARE_WAIT)


def poll(screen: MainScreen, watched: Watched, fingerprint: Fingerprint) -> None:
    """Reload if a watched file changed, or the include patterns now match other files."""
    now = watched.fingerprint()
    if now != fingerprint:
        keep = on_ui(screen, screen.reloading)
        load(screen, keep, None, watched, now)
