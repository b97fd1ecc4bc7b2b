"""The problems panel: what `contested check` would say, each item a way to get there.

A problem's file name, message and hint go in through `claims.text.steady`, as all casebook
text in the app does (a file may be named with an escape sequence or a bidi override)."""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from claims import Problem
from claims.formats import plural, where
from claims.text import steady
from tui.editor import edit


class ProblemsPanel(OptionList):
    BINDINGS = [Binding("e", "edit", "Edit file", id="problems.edit")]

    class Jump(Message):
        def __init__(self, problem: Problem) -> None:
            self.problem = problem
            super().__init__()

    def fill(self, problems: list[Problem], root: Path) -> None:
        """List `problems`, their files shown relative to the casebook's `root`."""
        self.problems = problems
        self.clear_options()
        self.add_options(
            Option(
                Content.assemble(
                    (steady(where(p.loc, root)), "bold"),
                    " ",
                    (f"{p.severity}[{p.code}]", "bold $error" if p.is_error else "bold $warning"),
                    " ",
                    steady(p.message),
                    *((("\n  hint: " + steady(p.hint)), "dim"),) if p.hint else (),
                ),
                str(index),
            )
            for index, p in enumerate(problems)
        )
        errors = sum(p.is_error for p in problems)
        self.border_title = Content(
            f"Problems: {plural(errors, 'error')}, {plural(len(problems) - errors, 'warning')}"
            " (enter: go there)"
        )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Jump(self.problems[int(event.option.id)]))

    def action_edit(self) -> None:
        """`e`: the highlighted problem's file in the editor, at its line."""
        problems: list[Problem] = getattr(self, "problems", [])  # none until filled
        if self.highlighted is None or not 0 <= self.highlighted < len(problems):
            return
        problem = problems[self.highlighted]
        edit(self.app, problem.loc.file, problem.loc.line)
