"""Where text for people goes: through Rich when someone is watching, plain otherwise.

A line is a sequence of parts, each plain text or (text, Rich style). On a terminal (or
with FORCE_COLOR set) the line is printed with Rich, styled, never parsed as markup; piped
into a file, a pager or CI, it is written as plain text and Rich is never imported, which
is a fifth of `contested check`'s start-up. Either way every part goes through
`claims.text.shown` first: control characters from the casebook (or a file's name) are
shown as marks, bidi controls as ⇄, so nothing reaches the terminal raw. (Rich itself
strips only a few C0 controls, not ESC.)
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, TextIO

from claims.text import shown

if TYPE_CHECKING:
    from rich.console import Console

Part = str | tuple[str, str]


class Output:
    """One stream for people: stdout or stderr (looked up when written to)."""

    def __init__(self, stderr: bool = False) -> None:
        self.stderr = stderr
        self._console: Console | None = None

    @property
    def stream(self) -> TextIO:
        return sys.stderr if self.stderr else sys.stdout

    @property
    def styled(self) -> bool:
        """Whether lines go through Rich: a terminal, or colour forced."""
        return bool(os.environ.get("FORCE_COLOR")) or self.stream.isatty()

    @property
    def console(self) -> Console:
        """A Rich console on this stream, for what only Rich can draw (tables, panels)."""
        if self._console is None:
            from rich.console import Console

            class Quiet(Console):
                def on_broken_pipe(self) -> None:
                    # Rich's own exits with status 1 ("errors"): let the reader's leaving
                    # end the command as a plain write does (`tui.launch.entry`: 141).
                    raise BrokenPipeError

            self._console = Quiet(stderr=self.stderr, highlight=False)
        return self._console

    def line(self, *parts: Part) -> None:
        """Write one line (soft-wrapped by the terminal, never hard-wrapped)."""
        if self.styled:
            from rich.text import Text

            safe = [shown(p) if isinstance(p, str) else (shown(p[0]), p[1]) for p in parts]
            self.console.print(Text.assemble(*safe), soft_wrap=True)
        else:
            text = "".join(part if isinstance(part, str) else part[0] for part in parts)
            self.stream.write(shown(text) + "\n")
