"""Export from the app: a small dialog asking for a format and a file, then the export
written by the command line's own code (`claims.export`: `select`, the format's `render`,
`write`, atomic) on a worker thread, so a big casebook never stalls the screen.

Opened from the palette ("Export dispute…", "Export casebook…"). The file is pre-filled:
`<casebook folder>/<dispute id or casebook folder name><ending>` (the working directory for
the bundled example, which lives inside the installed package); a relative path is taken
from that folder. Changing the format changes the ending. An existing file is replaced only
after a second enter. A problem (no such folder, a format's missing `publisher:`) is shown
in the dialog, which stays open; success closes it with a notification naming the file.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Select, Static

from claims.bundled import BUNDLED
from claims.documents import Documents
from claims.model import Casebook
from claims.paths import display
from claims.problems import ClaimsError
from claims.text import steady
from tui.threads import post_ui

if TYPE_CHECKING:
    from tui.screens.main import MainScreen

HELP = "enter: write · escape: cancel"


def default_folder(casebook: Casebook) -> Path:
    """Where an export goes unless told: the casebook's folder (the working directory for
    the bundled example)."""
    root = casebook.root.resolve()
    return Path.cwd() if root == BUNDLED.resolve() else root


class ExportPath(ModalScreen[Path | None]):
    """Ask for a format and a path, write the export there; dismissed with the path written
    (None when cancelled)."""

    DEFAULT_CSS = """
    ExportPath { align: center middle; }
    #export {
        width: 80%; max-width: 100; height: auto; max-height: 90%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    #export-what { color: $text-muted; margin-bottom: 1; }
    #export-format { width: 32; margin-bottom: 1; }
    #export-said { margin-top: 1; color: $text-muted; }
    #export-said.problem { color: $error; }
    """
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="export.cancel")]

    def __init__(
        self, casebook: Casebook, documents: Documents | None, dispute_id: str | None
    ) -> None:
        super().__init__()
        self.casebook = casebook
        self.documents = documents
        self.dispute_id = dispute_id
        self.folder = default_folder(casebook)
        self.confirmed: Path | None = None  # an existing file the user said to replace
        self.busy = False

    def compose(self) -> ComposeResult:
        from claims.export import exporters

        formats = exporters()
        name = self.dispute_id or self.casebook.root.name or "casebook"
        if steady(name) != name:  # a folder name the terminal must not get raw
            name = "casebook"
        start = "html" if "html" in formats else next(iter(formats))
        what = (
            Content.assemble("Dispute ", (steady(self.dispute_id), "bold"))
            if self.dispute_id is not None
            else Content.assemble("The whole casebook: ", (steady(self.casebook.title), "bold"))
        )
        with Vertical(id="export") as box:
            box.border_title = Content("Export dispute" if self.dispute_id else "Export casebook")
            yield Static(what, id="export-what")
            yield Select(
                [(f"{e.name} ({e.suffix})", e.name) for e in formats.values()],
                value=start,
                allow_blank=False,
                id="export-format",
            )
            path = str(self.folder / f"{name}{formats[start].suffix}")
            if steady(path) != path:  # the folder's path holds such characters: offer the
                path = f"{name}{formats[start].suffix}"  # name alone, joined to it on enter
            yield Input(path, id="export-path", select_on_focus=False)
            yield Static(HELP, id="export-said", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @property
    def format(self) -> str:
        return str(self.query_one(Select).value)

    def say(self, text: str, problem: bool = False) -> None:
        said = self.query_one("#export-said", Static)
        said.update(Content(steady(text)))
        said.set_class(problem, "problem")

    @on(Select.Changed)
    def format_changed(self, event: Select.Changed) -> None:
        from claims.export import exporters

        field = self.query_one(Input)
        path = Path(field.value)
        endings = {e.suffix for e in exporters().values()}
        if path.suffix in endings:
            field.value = str(path.with_suffix(exporters()[str(event.value)].suffix))
        self.confirmed = None
        field.focus()

    @on(Input.Submitted)
    def submitted(self) -> None:
        if self.busy:
            return
        given = self.query_one(Input).value.strip()
        if not given:
            self.say("Name a file to write.", problem=True)
            return
        path = Path(given).expanduser()
        path = path if path.is_absolute() else self.folder / path
        if path.is_dir():
            self.say(f"{display(str(path))} is a folder; name a file in it.", problem=True)
            return
        if path.exists() and self.confirmed != path:
            self.confirmed = path
            self.say(f"{display(str(path))} exists: enter again to replace it.", problem=True)
            return
        self.busy = True
        self.say(f"Writing {display(str(path))}…")
        self.export(self.format, path)

    @work(thread=True, exclusive=True, group="export")
    def export(self, name: str, path: Path) -> None:
        """Render and write, off the UI thread; the outcome is handed back to `done`."""
        from claims.export import exporter, select, through_links, write

        try:
            chosen = exporter(name)
            documents = self.documents or Documents(self.casebook)
            ids = [self.dispute_id] if self.dispute_id is not None else []
            selection = select(self.casebook, ids, documents)
            write(through_links(path), chosen.render(self.casebook, selection))
        except ClaimsError as exc:
            outcome: str | None = str(exc)
        else:
            outcome = None
        post_ui(self, self.done, path, outcome)

    def done(self, path: Path, problem: str | None) -> None:
        self.busy = False
        if problem is not None:
            self.say(problem, problem=True)
            return
        self.app.notify(steady(f"Exported to {display(str(path))}"), title="Export", markup=False)
        self.dismiss(path)


def ask(screen: MainScreen, whole: bool) -> None:
    """Open the dialog from the main screen: for the highlighted dispute, or (`whole`, or
    no dispute highlighted) the whole casebook. Nothing until the casebook is loaded."""
    session = screen.session
    if session is None:
        return
    dispute = None if whole else screen.wanted
    screen.app.push_screen(ExportPath(session.casebook, session.documents, dispute))
