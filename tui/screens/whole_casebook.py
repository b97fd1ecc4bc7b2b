"""A screen drawn from something built from the whole casebook: the coverage matrix, the
timeline. What is built (`build`) is made in a worker off the event loop, kept per main
screen so that the screen opens at once the next time, and made again when the whole
casebook is reloaded (the screen follows the main screen's newest session)."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar
from weakref import WeakKeyDictionary

from textual import work
from textual.screen import Screen

from claims.gcpause import paused_gc
from claims.model import Casebook
from tui.session import Session
from tui.threads import Gone, on_ui

if TYPE_CHECKING:
    from tui.screens.main import MainScreen

Built = TypeVar("Built")


class WholeCasebookScreen(Screen[None], Generic[Built]):
    """Subclasses give `SUBTITLE`, `kept` (their own dictionary: main screen → (session,
    what was built)), `build(casebook)` (run in a worker: no widgets there) and
    `show_built(built)` (on the event loop), and compose the widget `focus_first` names."""

    SUBTITLE: ClassVar[str] = ""
    kept: ClassVar[WeakKeyDictionary[Any, tuple[Session, Any]]]

    def __init__(self, main: MainScreen) -> None:
        super().__init__()
        self.main = main
        assert main.session is not None
        self.session: Session = main.session

    @staticmethod
    def build(casebook: Casebook) -> Built:
        """What the screen shows, made from `casebook` (in a worker thread)."""
        raise NotImplementedError

    def show_built(self, built: Built) -> None:
        """Show `built` (on the event loop): the first time, and after each reload."""
        raise NotImplementedError

    def focus_first(self) -> None:
        """Focus the screen's main widget once mounted."""

    def on_mount(self) -> None:
        self.sub_title = self.SUBTITLE
        kept = self.kept.get(self.main)
        if kept is not None and kept[0] is self.session:
            self._built(self.session, kept[1])
        else:
            self.rebuild(self.session)
        self.set_interval(1.0, self.follow_reload)
        self.focus_first()

    def follow_reload(self) -> None:
        """After a reload of the whole casebook, build again for the new one."""
        session = self.main.session
        if session is not None and session is not self.session and session.loaded.complete:
            self.session = session
            self.rebuild(session)

    @work(thread=True, exclusive=True, group="whole-casebook", description="building")
    def rebuild(self, session: Session) -> None:
        with paused_gc():  # many small objects, no cycles (`claims.gcpause`): 3-5x faster
            built = self.build(session.casebook)
        with contextlib.suppress(Gone):  # the screen or the app went first
            on_ui(self, self._built, session, built)

    def _built(self, session: Session, built: Built) -> None:
        if session is not self.session:  # a newer reload is on its way
            return
        self.kept[self.main] = (session, built)
        self.show_built(built)
