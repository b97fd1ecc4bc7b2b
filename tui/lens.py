"""The framing lens in the source view: `f` highlights every framing cue by category, with
a legend of the categories and their counts in this source; while it is on, `n`/`N` step
through the cues in reading order (round the end), before the cited paragraphs but after
an active `/` search; `p` opens the source's profile (`tui.screens.framing_profile`).

Opened from the profile on a category (enter), the lens shows that category only and
`n`/`N` step through its cues, from the first; `f` then shows every category (and `f`
again turns the lens off). Turning it off puts back the paragraphs' own bodies (kept when
it was turned on) and the place the view had marked: the view is drawn exactly as before.

Cues come from `claims.framing.profile`, with the on-disk cue cache as `contested framing`
uses it, computed in a worker when a source is shown (so `f` finds them ready) and kept
per source (`framing_of`); a language without lists gives the lens its message ("no
framing lists for 'ru'") instead of an empty lens. `SourceScreen` mixes in `LensActions`
and calls `lens_shown` when it shows a source; the view's hooks are
`SearchableDocumentView.base_body`/`set_bodies` and `DocumentView.lens_steps`.
"""

from __future__ import annotations

import itertools
import weakref
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from textual.app import App
from textual.binding import Binding
from textual.content import Content

from claims.framing import ATTRIBUTION, Cue, NoFramingLists, Profile, profile
from claims.model import Span
from tui.widgets.document_view import DocumentView
from tui.widgets.legend import Legend
from tui.widgets.lens import LensLegend, counted, legend, lensed

LENS_BINDINGS = [
    Binding("f", "lens", "Lens", id="source.lens"),
    Binding("n", "next_cue", "Next cue", id="source.next-cue"),
    Binding("N", "previous_cue", "Previous cue", id="source.previous-cue"),
    Binding("p", "profile", "Profile", id="source.profile"),
]
KEPT = 16  # sources whose framing is kept in memory
WARM_DELAY = 0.2  # seconds after a source is shown before its cues are found in a worker

_GENERATIONS = itertools.count()
_KEPT: OrderedDict[str, tuple[object, object, Profile | NoFramingLists]] = OrderedDict()
_PENDING: weakref.WeakKeyDictionary[App[Any], LensRequest] = weakref.WeakKeyDictionary()


def framing_of(session: Any, source_id: str, cached: bool = False) -> Profile | NoFramingLists:
    """The framing profile of a read source of `session` (a `tui.session.Session`), or the
    `NoFramingLists` its language gives; kept for the last `KEPT` sources (as long as the
    casebook and the document are the same objects). With `cached`, cues are read from
    and written to the on-disk cue cache (a worker's call: SQLite stays on its thread).
    Raises `LookupError` for a source not declared or not read."""
    document = session.document(source_id)
    source = session.casebook.sources.get(source_id)
    if document is None or source is None:
        raise LookupError(f"source {source_id!r} is not read")
    kept = _KEPT.get(source_id)
    if kept is not None and kept[0] is session.casebook and kept[1] is document:
        return kept[2]
    cache = None
    if cached:
        from claims.framing.cache import CueCache

        cache = CueCache()
    result: Profile | NoFramingLists
    try:
        result = profile(source, document, session.casebook, cache)
    except NoFramingLists as exc:
        result = exc
    finally:
        if cache is not None:
            cache.save()
    _KEPT[source_id] = (session.casebook, document, result)
    _KEPT.move_to_end(source_id)
    while len(_KEPT) > KEPT:
        _KEPT.popitem(last=False)
    return result


def in_sight(view: Any) -> set[int] | None:
    """The paragraphs of a `DocumentView` on its lines in sight
    (None before it is laid out)."""
    layout = getattr(view, "_layout", None)
    if layout is None:
        return None
    top, height = int(view.scroll_offset.y), view.scrollable_content_region.height
    return {line[0] for line in layout.lines[top : top + height]} - {0}


def is_kept(session: Any, source_id: str) -> bool:
    """Whether `framing_of(session, source_id)` would answer from memory."""
    kept = _KEPT.get(source_id)
    return (
        kept is not None and kept[0] is session.casebook and kept[1] is session.document(source_id)
    )


def attributions(found: Profile) -> tuple[list[Cue], list[Cue]]:
    """(named, unnamed) attribution cues of a profile, by `claims.framing.profile`'s rule:
    attribution cues outside every unnamed-source span of their paragraph, and the
    unnamed-source cues (so `len` of each is `Profile.named`/`unnamed`)."""
    unnamed = [c for c in found.cues if c.category == "unnamed-source"]
    near: dict[int, list[Cue]] = {}
    for cue in unnamed:
        near.setdefault(cue.paragraph, []).append(cue)
    named = [
        c
        for c in found.cues
        if c.category in ATTRIBUTION
        and not any(u.start < c.end and c.start < u.end for u in near.get(c.paragraph, ()))
    ]
    return named, unnamed


@dataclass(frozen=True)
class LensRequest:
    """What the profile asks the source view to show: `source`; with `cues`, the lens on
    those cues only (called `label` in the legend), at the first; else, without them,
    the lens left as it is and the view at `paragraph` (1-based)."""

    source: str
    cues: tuple[Cue, ...] | None = None
    label: str | None = None
    paragraph: int | None = None


@dataclass
class LensState:
    """The lens of one source screen (see the module)."""

    on: bool = False
    source: str | None = None
    shown: tuple[Cue, ...] = ()  # the cues highlighted, in reading order
    counts: dict[str, int] = field(default_factory=dict)  # per category, every cue
    focus: str | None = None  # what `shown` is when not every cue (a category)
    problem: str | None = None  # why there are no cues (no lists for the language)
    assumed: str | None = None  # the language assumed (no `language:`), e.g. "en"
    index: int = -1  # the cue of `shown` gone to (-1: none yet)
    originals: dict[int, Content] = field(default_factory=dict)  # bodies before the lens
    generation: int = field(default_factory=lambda: next(_GENERATIONS))  # see `_lens_paint`
    saved_target: Span | None = None  # the view's marked place before n/N moved it
    moved: bool = False


class LensActions:
    """The lens's actions and hooks, mixed into `SourceScreen` (before `Screen`)."""

    def lens_state(self) -> LensState:
        state: LensState | None = getattr(self, "_lens_state", None)
        if state is None:
            state = LensState()
            self._lens_state = state
        return state

    # -- hooks ------------------------------------------------------------------------------

    def lens_shown(self) -> None:
        """The screen shows a source (anew, or again after a reload): the lens stays on for
        the same source (drawn on its new bodies), goes off for another; a request left by
        `open_in_source` for this source is carried out; the cues are found in a worker."""
        screen: Any = self
        state = self.lens_state()
        view = screen.query_one(DocumentView)
        request = _PENDING.pop(screen.app, None)
        if request is not None and request.source != screen.source_id:
            request = None
        was_on = state.on and state.source == screen.source_id
        self._lens_state = state = LensState(source=screen.source_id)
        view.lens_steps = False
        if was_on:
            self._lens_on(None)
        else:
            self._lens_legend()
        if request is not None:
            self.lens_request(request)
        if not is_kept(screen.session, screen.source_id):
            screen.set_timer(WARM_DELAY, partial(self._lens_warm, screen.session, screen.source_id))

    def _lens_warm(self, session: Any, source_id: str) -> None:
        screen: Any = self
        if screen.is_attached and screen.source_id == source_id:
            screen.run_worker(
                partial(framing_of, session, source_id, True),
                thread=True,
                group="lens-warm",
                exclusive=True,
                exit_on_error=False,
            )

    def lens_request(self, request: LensRequest) -> None:
        """Show what the profile asked for (see `LensRequest`)."""
        screen: Any = self
        view = screen.query_one(DocumentView)
        if request.cues is None:
            if request.paragraph is not None:
                view.go_to(request.paragraph)
            return
        if self.lens_state().on:
            self._lens_off()
        self._lens_on((request.label, request.cues))
        if self.lens_state().shown:
            self._lens_step(1, first=True)

    # -- actions ----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`n`/`N` are the lens's while it is on with cues to step through, unless a `/`
        search is on (then the view's keys step through its matches)."""
        if action in ("next_cue", "previous_cue"):
            state = self.lens_state()
            view: Any = self._view()
            return state.on and bool(state.shown) and not getattr(view, "search_text", "")
        return super().check_action(action, parameters)  # type: ignore[misc, no-any-return]

    def action_lens(self) -> None:
        state = self.lens_state()
        if state.on and state.focus is not None:  # a category only: show every one
            current = state.shown[state.index] if state.index >= 0 else None
            self._lens_off()
            self._lens_on(None)
            if current is not None:
                self.lens_state().index = self.lens_state().shown.index(current)
                self._lens_step(0)
        elif state.on:
            self._lens_off()
        else:
            self._lens_on(None)

    def action_next_cue(self) -> None:
        self._lens_step(1)

    def action_previous_cue(self) -> None:
        self._lens_step(-1)

    def action_profile(self) -> None:
        from tui.screens.framing_profile import show_profile

        screen: Any = self
        show_profile(screen.app, screen.session, screen.source_id)

    # -- drawing ----------------------------------------------------------------------------

    def _view(self) -> Any:
        return self.query_one(DocumentView)  # type: ignore[attr-defined]

    def _lens_on(self, focus: tuple[str | None, tuple[Cue, ...]] | None) -> None:
        screen: Any = self
        state = self.lens_state()
        found = framing_of(screen.session, screen.source_id)
        state.on, state.index, state.moved = True, -1, False
        state.generation = next(_GENERATIONS)
        if isinstance(found, NoFramingLists):
            state.problem, state.shown, state.counts = str(found).split("; ")[0], (), {}
            state.assumed = None
        else:
            state.problem = None
            state.assumed = found.language if found.language_assumed else None
            state.focus = focus[0] if focus is not None else None
            state.shown = focus[1] if focus is not None else found.cues
            state.counts = counted(state.shown, found.counts)
            if focus is not None:  # the legend names the categories shown
                state.counts = {c: n for c, n in state.counts.items() if n}
            self._lens_paint({c.paragraph for c in state.shown} | state.originals.keys())
        self._view().lens_steps = bool(state.shown)
        self._lens_legend()

    def _lens_off(self) -> None:
        state = self.lens_state()
        view = self._view()
        if state.moved:  # n/N moved the view's marked place: put it back
            view.target = state.saved_target
            view._mark()
            view.refresh()
        self._lens_state = LensState(source=state.source, originals=state.originals)
        self._lens_paint(set(state.originals))
        view.lens_steps = False
        view.refresh_bindings()
        self._lens_legend()

    def _lens_paint(self, numbers: set[int]) -> None:
        """Draw paragraphs `numbers` as the lens has them now (see `_lens_bodies`): those in
        sight before the next frame, the others right after it (unless the lens changed
        meanwhile: its `generation`), so the key's frame waits on a screenful only."""
        view = self._view()
        sight = in_sight(view)
        now = numbers if sight is None else numbers & sight
        self._lens_bodies(now)
        if numbers - now:
            generation = self.lens_state().generation
            view.call_after_refresh(self._lens_later, generation, numbers - now)

    def _lens_later(self, generation: int, numbers: set[int]) -> None:
        if self.lens_state().generation == generation:
            self._lens_bodies(numbers)

    def _lens_bodies(self, numbers: set[int]) -> None:
        """Draw paragraphs `numbers`: with the lens on, their own bodies (kept the first
        time) with the cues shown highlighted; with it off, their own bodies again."""
        state = self.lens_state()
        view = self._view()
        if not state.on:
            view.set_bodies({n: state.originals[n] for n in numbers if n in state.originals})
            return
        by_paragraph: dict[int, list[Cue]] = {}
        for cue in state.shown:
            by_paragraph.setdefault(cue.paragraph, []).append(cue)
        current = state.shown[state.index] if state.index >= 0 else None
        bodies = {}
        for number in numbers:
            if number not in state.originals:
                state.originals[number] = view.base_body(number)
            here = current if current is not None and current.paragraph == number else None
            bodies[number] = lensed(state.originals[number], by_paragraph.get(number, ()), here)
        view.set_bodies(bodies)

    def _lens_step(self, step: int, first: bool = False) -> None:
        """Go to the next (`step` 1) or previous (-1) cue, round the end (0: draw the
        current one again); with `first`, to the first cue."""
        screen: Any = self
        state = self.lens_state()
        view = self._view()
        shown = state.shown
        if not shown:
            screen.notify("No cues to step through.", timeout=2)
            return
        old = state.index
        if first:
            index = 0
        elif old < 0 and step:
            here = view.current
            if step > 0:
                index = next((i for i, c in enumerate(shown) if c.paragraph >= here), 0)
            else:
                index = max((i for i, c in enumerate(shown) if c.paragraph <= here), default=-1)
                index = index if index >= 0 else len(shown) - 1
        else:
            index = (old + step) % len(shown)
            if old >= 0 and ((step > 0 and index < old) or (step < 0 and index > old)):
                screen.notify("Went round the end of the cues.", timeout=2)
        if not state.moved:
            state.saved_target, state.moved = view.target, True
        state.index = index
        cue = shown[index]
        touched = {cue.paragraph} | ({shown[old].paragraph} if old >= 0 else set())
        self._lens_bodies(touched)
        view.go_to_place(Span(cue.paragraph, cue.start, cue.end))
        self._lens_legend()

    def _lens_legend(self) -> None:
        screen: Any = self
        state = self.lens_state()
        lens_legend = screen.query_one(LensLegend)
        lens_legend.display = state.on
        screen.query_one(Legend).display = not state.on
        if state.on:
            step = None
            if state.index >= 0:
                step = (state.index + 1, len(state.shown), state.shown[state.index])
            lens_legend.update(
                legend(
                    state.counts,
                    step=step,
                    focus=state.focus,
                    problem=state.problem,
                    assumed=state.assumed,
                )
            )
        screen.refresh_bindings()


def open_in_source(app: App[Any], session: Any, request: LensRequest) -> None:
    """Carry out a profile's request from anywhere (the comparison screen, say): on the
    source view if it shows that source, else by opening the source view (through the main
    screen) and carrying it out there once shown."""
    from tui.screens.source import SourceScreen

    screen = app.screen
    if isinstance(screen, SourceScreen) and screen.source_id == request.source:
        screen.lens_request(request)
        return
    main = getattr(app, "main_screen", None)
    if main is None:
        return
    _PENDING[app] = request
    if session.source_ready(request.source):
        main.show_source(session, request.source, request.paragraph, None)
    else:
        main.open_source(request.source, request.paragraph)
