"""The forms of a capture (`a` in the source view): a new position, or a new dispute with
its first position.

`PositionForm`: side (offered from the casebook's `sides:`), holder, claim. `DisputeForm`:
question, id (suggested as a slug of the question until the id is typed), the file it goes
in (offered from the casebook's YAML files: those `include:` reads, casebook.yaml last),
then the first position's side, holder and claim. `enter` goes to the next field and, on
the last one, adds; `ctrl+s` adds from anywhere; `escape` goes back a step. A field left
empty is named and focused: nothing is added. Dismissed with `PositionFields` /
`DisputeFields`, or None.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.content import Content
from textual.events import DescendantFocus
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static

from claims import Casebook
from claims.paths import display
from claims.text import steady
from tui.screens.capture_picker import PICKER_CSS

FORM_CSS = """
{name} Grid {{ grid-size: 2; grid-columns: 10 1fr; height: auto; grid-gutter: 0 1; }}
{name} Grid Label {{ color: $text-muted; }}
{name} Grid Input {{ margin: 0; height: 1; background: $boost; }}
{name} Grid Input:focus {{ background: $primary 30%; }}
{name} #capture-problem {{ color: $error; height: auto; }}
{name} Grid {{ grid-rows: auto; }}
{name} Select > SelectOverlay {{
    overlay: none; constrain: none none; max-height: 8; background: $panel;
}}
"""


@dataclass(frozen=True)
class PositionFields:
    """A new position as typed: the side's id, the holder, the claim."""

    side: str
    holder: str
    claim: str


@dataclass(frozen=True)
class DisputeFields:
    """A new dispute as typed: its id, question, the YAML file it goes in, its first
    position."""

    id: str
    question: str
    file: Path
    position: PositionFields


def dispute_files(casebook: Casebook, prefer: Path | None = None) -> list[Path]:
    """The YAML files a new dispute may go in (`claims.casebook.capture.dispute_files`),
    in the order offered: `prefer` first, then those holding disputes (in the casebook's
    order), then the rest, casebook.yaml last."""
    from claims.casebook.capture import dispute_files as allowed

    files = allowed(casebook)
    holding = [f for f in dict.fromkeys(d.loc.file for d in casebook.disputes) if f in files]
    order = [*([prefer] if prefer in files else []), *holding, *files]
    order = [f for f in order if f != casebook.file] + [casebook.file]
    return list(dict.fromkeys(f for f in order if f in files))


class _Form(ModalScreen[object]):
    """A form of labelled fields (one row each); `fields()` yields (label, widget)."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Back", id="capture.form-back"),
        Binding("ctrl+s", "add", "Add", id="capture.add"),
    ]
    TITLE_TEXT = ""

    def __init__(self, casebook: Casebook, about: Content) -> None:
        super().__init__()
        self.casebook = casebook
        self.about = about

    def fields(self) -> Sequence[tuple[str, Widget]]:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = Content(self.TITLE_TEXT)
            box.border_subtitle = Content(
                "enter: next field, then add · ctrl+s: add · escape: back"
            )
            yield Static(self.about, classes="capture-about")
            with Grid():
                for label, widget in self.fields():
                    yield Label(label)
                    yield widget
            yield Static("", id="capture-problem")

    def side_select(self) -> Select[str]:
        sides = [
            (f"{steady(s.label)} ({steady(s.id)})", s.id) for s in self.casebook.sides.values()
        ]
        first = sides[0][1] if sides else Select.NULL
        return Select(sides, value=first, allow_blank=False, compact=True, id="capture-side")

    def on_mount(self) -> None:
        self.query(Input).first().focus()

    _at = 0  # the field focused last, or asked to be (a focus lands a moment later)

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        if isinstance(event.widget, Input):
            self._at = list(self.query(Input)).index(event.widget)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """To the next field; on the last, add. Two `enter`s typed before the first one's
        focus has landed go two fields on, not twice to the same one."""
        event.stop()
        inputs = list(self.query(Input))
        index = max(inputs.index(event.input), self._at)
        if index + 1 < len(inputs):
            self._at = index + 1
            inputs[index + 1].focus()
        else:
            self.action_add()

    def value(self, name: str) -> str:
        return self.query_one(f"#capture-{name}", Input).value.strip()

    _problem: str | None = None  # the field the problem shown is about

    def missing(self, names: Sequence[tuple[str, str]]) -> bool:
        """Say which field is empty and go there; False when none is."""
        for name, label in names:
            if not self.value(name):
                self.query_one("#capture-problem", Static).update(f"{label} is empty.")
                self._problem = name
                self.query_one(f"#capture-{name}", Input).focus()
                return True
        return False

    def on_input_changed(self, event: Input.Changed) -> None:
        """The problem said goes as soon as the field it names is filled in."""
        if self._problem is not None and self.value(self._problem):
            self._problem = None
            self.query_one("#capture-problem", Static).update("")
        self.typed(event)

    def typed(self, event: Input.Changed) -> None:
        """A field was changed (a form's own follow-up, such as an id suggested)."""

    def position(self) -> PositionFields:
        side = self.query_one("#capture-side", Select).value
        return PositionFields(str(side), self.value("holder"), self.value("claim"))

    def action_add(self) -> None:
        raise NotImplementedError


class PositionForm(_Form):
    """A new position of a dispute: side, holder, claim."""

    DEFAULT_CSS = PICKER_CSS.format(name="PositionForm") + FORM_CSS.format(name="PositionForm")
    TITLE_TEXT = "New position"

    def fields(self) -> Sequence[tuple[str, Widget]]:
        return [
            ("side", self.side_select()),
            ("holder", Input(placeholder="who holds it", compact=True, id="capture-holder")),
            ("claim", Input(placeholder="what they claim", compact=True, id="capture-claim")),
        ]

    def action_add(self) -> None:
        if not self.missing([("holder", "The holder"), ("claim", "The claim")]):
            self.dismiss(self.position())


class DisputeForm(_Form):
    """A new dispute and its first position; `suggest` makes an id of a question."""

    DEFAULT_CSS = PICKER_CSS.format(name="DisputeForm") + FORM_CSS.format(name="DisputeForm")
    TITLE_TEXT = "New dispute"

    def __init__(
        self,
        casebook: Casebook,
        about: Content,
        suggest: Callable[[str], str],
        prefer: Path | None = None,
    ) -> None:
        """`prefer`: the file offered first (that of the dispute last added to, say)."""
        super().__init__(casebook, about)
        self.suggest = suggest
        self.prefer = prefer
        self._typed_id = False  # the id was typed, not suggested: the question leaves it be

    def fields(self) -> Sequence[tuple[str, Widget]]:
        root = self.casebook.root
        files = [
            (steady(display(str(_relative(f, root)))), str(f))
            for f in dispute_files(self.casebook, self.prefer)
        ]
        return [
            (
                "question",
                Input(placeholder="the contested question", compact=True, id="capture-question"),
            ),
            ("id", Input(placeholder="suggested from the question", compact=True, id="capture-id")),
            (
                "file",
                Select(
                    files, value=files[0][1], allow_blank=False, compact=True, id="capture-file"
                ),
            ),
            ("side", self.side_select()),
            (
                "holder",
                Input(
                    placeholder="who holds the first position", compact=True, id="capture-holder"
                ),
            ),
            ("claim", Input(placeholder="what they claim", compact=True, id="capture-claim")),
        ]

    def typed(self, event: Input.Changed) -> None:
        if event.input.id == "capture-question" and not self._typed_id:
            box = self.query_one("#capture-id", Input)
            with box.prevent(Input.Changed):
                box.value = self.suggest(event.value) if event.value.strip() else ""
        elif event.input.id == "capture-id":
            self._typed_id = bool(event.value)

    def action_add(self) -> None:
        names = [
            ("question", "The question"),
            ("id", "The id"),
            ("holder", "The holder"),
            ("claim", "The claim"),
        ]
        if self.missing(names):
            return
        file = Path(str(self.query_one("#capture-file", Select).value))
        self.dismiss(DisputeFields(self.value("id"), self.value("question"), file, self.position()))


def _relative(path: Path, root: Path) -> Path:
    try:
        return path.relative_to(root)
    except ValueError:
        return path
