"""The command palette's "Screenshot", saved where it can be: Textual's own saves into
`~/Downloads` and fails when that folder does not exist.

The SVG goes into the user's Downloads folder if it exists, else the current directory if
it can be written to, else the casebook's folder; the file is written atomically and the
notification names its full path.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from platformdirs import user_downloads_path
from textual.app import App, SystemCommand
from textual.timer import Timer

from claims.paths import display
from claims.text import shown


def screenshot_folder(casebook_root: Path | None = None) -> Path:
    """Where a screenshot goes: Downloads if that folder exists, else the current directory
    if it is writable, else `casebook_root` (else the current directory all the same)."""
    with contextlib.suppress(OSError):
        downloads = user_downloads_path()
        if downloads.is_dir():
            return downloads
    here = Path.cwd()
    if os.access(here, os.W_OK) or casebook_root is None:
        return here
    return casebook_root


def write_atomically(path: Path, text: str) -> None:
    """Write `text` (UTF-8) to `path` through a temporary file in the same folder, synced
    and renamed over it. Raises OSError."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def save_screenshot(app: App[Any], casebook_root: Path | None = None) -> Path | None:
    """Save an SVG of the screen (see the module); say where, or why it could not be."""
    from textual._files import generate_datetime_filename

    folder = screenshot_folder(casebook_root)
    path = folder.absolute() / generate_datetime_filename(app.title, ".svg")
    try:
        write_atomically(path, app.export_screenshot())
    except OSError as exc:
        why = exc.strerror or str(exc)
        app.notify(shown(f"Cannot save {display(str(path))}: {why}"), title="Screenshot",
                   severity="error", markup=False)  # fmt: skip
        return None
    app.notify(display(str(path)), title="Screenshot saved", markup=False, timeout=8)
    return path


def with_screenshot(
    app: App[Any], commands: Iterable[SystemCommand], root: Path | None
) -> Iterator[SystemCommand]:
    """Textual's system commands, its "Screenshot" replaced by `save_screenshot`."""
    for command in commands:
        if command.title == "Screenshot":

            def later() -> Timer:  # after the palette has closed, as Textual's own does
                return app.set_timer(0.1, lambda: save_screenshot(app, root))

            yield SystemCommand(command.title, "Save an SVG of the screen", later)
        else:
            yield command
