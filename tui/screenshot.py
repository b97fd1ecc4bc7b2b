"""The command palette's "Screenshot", saved where it can be: Textual's own saves into
`~/Downloads` and fails when that folder does not exist.

The SVG goes into the user's Downloads folder if it exists, else the current directory,
else the casebook's folder, else the temporary directory: the first that takes the file.
It is written atomically and the notification names its full path.
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


def screenshot_folders(casebook_root: Path | None = None) -> list[Path]:
    """Where a screenshot may go, best first: Downloads if that folder exists, the current
    directory, the casebook's folder (`casebook_root`), the temporary directory. Each is
    tried in turn (a folder that looks writable may refuse the file: /proc does)."""
    folders: list[Path] = []
    with contextlib.suppress(OSError):
        downloads = user_downloads_path()
        if downloads.is_dir():
            folders.append(downloads)
    with contextlib.suppress(OSError):  # the current directory may have been removed
        folders.append(Path.cwd())
    if casebook_root is not None:
        folders.append(casebook_root)
    folders.append(Path(tempfile.gettempdir()))
    unique: list[Path] = []
    for folder in folders:
        if folder.absolute() not in unique:
            unique.append(folder.absolute())
    return unique


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
    """Save an SVG of the screen in the first folder that takes it (`screenshot_folders`)
    and say where (and why not the first choice); an error only when none could."""
    from textual._files import generate_datetime_filename

    name = generate_datetime_filename(app.title, ".svg")
    svg = app.export_screenshot()
    refused: list[str] = []
    for folder in screenshot_folders(casebook_root):
        path = folder / name
        try:
            write_atomically(path, svg)
        except OSError as exc:
            refused.append(f"{display(str(folder))}: {exc.strerror or exc}")
            continue
        said = display(str(path))
        if refused:
            said += f" (not written in {refused[0]})"
        app.notify(shown(said), title="Screenshot saved", markup=False, timeout=8)
        return path
    app.notify(shown("Cannot save a screenshot: " + "; ".join(refused)), title="Screenshot",
               severity="error", markup=False)  # fmt: skip
    return None


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
