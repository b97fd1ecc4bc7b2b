"""The Textual app: a thin shell that opens the main screen on a casebook.

`create_app` is the one factory: the `contested` command and the tests both use it.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
from collections.abc import Iterable
from pathlib import Path

from textual import work
from textual.actions import SkipAction
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.driver import Driver
from textual.screen import Screen

from claims.casebook.discover import discover
from tui.commands import CasebookCommands
from tui.keymap import binding_ids, keymap_path, read_keymap
from tui.screens.main import MainScreen
from tui.threads import Gone, on_ui


class ContestedApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "contested"
    COMMANDS = App.COMMANDS | {CasebookCommands}
    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("F", "framing", "Framing: compare sources", show=False, id="app.framing"),
        Binding("C", "coverage", "Coverage matrix", show=False, id="app.coverage"),
        # priority: also over a dialog (which it closes first); `timeline_key_taken` says
        # when the key is the screen's own (a typed letter, a binding, a question)
        Binding(
            "t",
            "timeline",
            "Timeline: who said what, when",
            show=False,
            id="app.timeline",
            priority=True,
        ),
    ]

    def __init__(self, path: Path, keymap_file: Path | None = None) -> None:
        super().__init__()
        self.path = path
        self.keymap_file = keymap_file
        self.note: str | None = None  # said once the app is up (e.g. "no casebook here")

    def on_mount(self) -> None:
        self.push_screen(MainScreen(self.path))
        self.load_keymap()
        if self.note:
            what, _, hint = self.note.removeprefix("contested: ").partition("\n")
            self.notify(hint or what, title=what, severity="warning", timeout=8, markup=False)

    @work(thread=True, group="keymap")
    def load_keymap(self) -> None:
        """Read the user's keymap in a worker (a home folder may be slow, or unreadable)."""
        keymap, error = read_keymap(self.keymap_file or keymap_path(), binding_ids())
        if keymap or error:
            with contextlib.suppress(Gone):  # the app quit first
                on_ui(self, self.use_keymap, keymap, error)

    def use_keymap(self, keymap: dict[str, str], error: str | None) -> None:
        if keymap:
            self.set_keymap(keymap)
        if error:
            self.notify(error, title="Keymap", severity="warning", timeout=15, markup=False)

    def get_driver_class(self) -> type[Driver]:
        """Textual's own driver, except on Linux and macOS: one that answers `escape` on time."""
        driver = super().get_driver_class()
        if sys.platform != "win32":
            from textual.drivers.linux_driver import LinuxDriver

            if driver is LinuxDriver:  # not a TEXTUAL_DRIVER override
                from tui.driver import PromptEscapeDriver

                return PromptEscapeDriver
        return driver

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's palette commands; "Screenshot" saves where it can (`tui.screenshot`)."""
        from tui.screenshot import with_screenshot

        main = self.main_screen
        root = main.session.casebook.root if main and main.session else None
        return with_screenshot(self, super().get_system_commands(screen), root)

    @property
    def main_screen(self) -> MainScreen | None:
        return next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen  # imported when first asked for

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen.active_bindings))

    def action_framing(self) -> None:
        """`F`: the framing comparison (`tui.screens.framing_compare`)."""
        from tui.screens.framing_compare import open_comparison

        open_comparison(self)

    def action_coverage(self) -> None:
        """`C`: the coverage matrix (`tui.screens.coverage`)."""
        from tui.screens.coverage import open_coverage

        open_coverage(self)

    def action_timeline(self) -> None:
        """`t`: the timeline (`tui.screens.timeline`), unless the key is the screen's own."""
        from tui.screens.timeline import open_timeline, timeline_key_taken

        if timeline_key_taken(self):
            raise SkipAction()  # on to the focused widget and the screen's bindings
        open_timeline(self)


def create_app(path: Path | None = None, keymap_file: Path | None = None) -> ContestedApp:
    """The app on `path`; without one, on the casebook found from the working directory
    (`claims.casebook.discover`: the bundled example when there is none)."""
    return ContestedApp(path or discover().path, keymap_file)


def run(path: Path | None, note: str | None = None) -> int:
    """Run the app; its exit status (non-zero if it stopped on an error).

    On a loop of its own: `asyncio.run` would wait, on the way out, for every worker thread
    still reading a slow source, so `q` would not quit until the reading was done. (The
    console script then leaves with `os._exit`, threads and all.)"""
    app = create_app(path)
    app.note = note
    loop = asyncio.new_event_loop()
    try:
        app.run(loop=loop)
    finally:
        loop.close()  # stops the default executor without waiting for its threads
    return app.return_code or 0
