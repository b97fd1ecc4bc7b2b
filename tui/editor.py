"""`e`: open a casebook file at a line in the user's editor, the terminal handed over.

The editor is `$VISUAL`, else `$EDITOR`: a command line that may hold arguments
(`code --wait`, `emacsclient -t`), split as a shell would (`shlex.split`). Editors that
take `+LINE` before the file (vi, vim, nvim, nano, emacs, kak, micro…) get it; VS Code and
its kin get `--goto FILE:LINE`; Helix, Sublime Text and Zed get `FILE:LINE`; any other
editor gets the file alone (a `+12` would be a file name to it). The app hands the terminal
over while the editor runs (`App.suspend`) and takes it back whatever happens, and reloads
once it is done (the file watcher would see the change too, a moment later). The program is
looked for first (`shutil.which`): a wrong `$VISUAL` is told without leaving the screen.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from textual.app import App, SuspendNotSupported

from claims.paths import display
from claims.text import shown

#: Editors that open a file at a line given as `+LINE` before it.
PLUS_LINE = frozenset(
    ["vi", "vim", "nvim", "gvim", "view", "vis", "nano", "pico", "emacs", "emacsclient",
     "kak", "micro", "joe", "jed", "ne", "mg", "mcedit", "gedit", "kate"]
)  # fmt: skip
#: Editors that take `--goto FILE:LINE` (VS Code and its forks).
GOTO = frozenset(["code", "code-insiders", "codium", "vscodium", "cursor", "windsurf"])
#: Editors that take `FILE:LINE`.
COLON = frozenset(["hx", "helix", "subl", "zed"])


def editor_command(environ: Mapping[str, str] | None = None) -> list[str] | None:
    """The editor's command line, split into words: `$VISUAL`, else `$EDITOR`; None when
    neither is set (or both are blank). Raises ValueError for a line `shlex` cannot split
    (an unclosed quote)."""
    environ = os.environ if environ is None else environ
    for name in ("VISUAL", "EDITOR"):
        words = shlex.split(environ.get(name, ""))
        if words:
            return words
    return None


def editor_argv(command: list[str], file: Path, line: int) -> list[str]:
    """The arguments that open `file` at `line` (1-based) with `command` (see the module)."""
    name = Path(command[0]).name.lower().removesuffix(".exe")
    if name in GOTO:
        return [*command, "--goto", f"{file}:{line}"]
    if name in COLON:
        return [*command, f"{file}:{line}"]
    if name in PLUS_LINE:
        return [*command, f"+{line}", str(file)]
    return [*command, str(file)]


def run_handed_over(app: App[Any], argv: list[str]) -> int:
    """Run `argv` with the terminal handed over to it (none in tests: headless) and give it
    back to the app whatever happens: Textual's `suspend` resumes only when its block ends
    without an exception, so nothing may leave it raising. Returns the exit status (130 for
    an interrupt). Raises OSError when the program cannot be started, SuspendNotSupported
    when this terminal cannot be handed over."""
    if app.is_headless:  # tests: no terminal to hand over
        return subprocess.run(argv, check=False).returncode
    failure: BaseException | None = None
    code = 0
    with app.suspend():
        try:
            code = subprocess.run(argv, check=False).returncode
        except KeyboardInterrupt:
            code = 130
        except BaseException as exc:  # raised once the terminal is the app's again
            failure = exc
    if failure is not None:
        raise failure
    return code


def edit(app: App[Any], file: Path, line: int) -> None:
    """Open `file` at `line` in the user's editor, the terminal handed over; then reload
    the casebook. Says what to do instead when no editor is set or it cannot be run."""
    try:
        command = editor_command()
    except ValueError as exc:
        app.notify(f"$VISUAL/$EDITOR cannot be read: {exc}", title="Editor", markup=False)
        return
    if command is None:
        app.notify(
            "Set $VISUAL or $EDITOR to your editor (e.g. `export EDITOR=nano`) to open "
            f"{shown(display(str(file)))} at line {line} from here.",
            title="No editor set",
            severity="warning",
            timeout=8,
            markup=False,
        )
        return
    argv = editor_argv(command, file, line)
    if shutil.which(argv[0]) is None:  # found before the terminal is handed over
        app.notify(
            shown(f"Cannot run {command[0]}: no such program. Set $VISUAL or $EDITOR to your "
                  "editor (e.g. `export EDITOR=nano`)."),
            title="Editor", severity="error", timeout=8, markup=False,
        )  # fmt: skip
        return
    try:
        code = run_handed_over(app, argv)
    except SuspendNotSupported:
        app.notify("This terminal cannot be handed to an editor.", title="Editor", severity="error")
        return
    except OSError as exc:
        why = exc.strerror or str(exc)
        app.notify(
            shown(f"Cannot run {command[0]}: {why}. Set $VISUAL or $EDITOR to your editor."),
            title="Editor",
            severity="error",
            markup=False,
        )
        return
    if code:
        app.notify(shown(f"{command[0]} exited with status {code}."), markup=False, timeout=3)
    main = getattr(app, "main_screen", None)
    if main is not None:
        main.action_reload()
