"""Writing a file atomically: the one way every file the project writes gets to disk.

`write(path, data)` writes a temporary file beside `path` (`.NAME.XXXXXXXX.tmp`), flushes
and fsyncs it, `os.replace`s it over `path` and fsyncs the folder, so a kill at any instant
leaves the old file or the new one. `locked(folder)` opens a folder and holds an exclusive
`flock` on it (no lock file is made), for writers that merge with what is on disk.

Every failure is one exception, `WriteFailed`, which callers turn into their own error.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from claims.paths import display, reason
from claims.problems import ClaimsError

try:
    import fcntl
except ImportError:  # pragma: no cover - not a POSIX system: no lock, still atomic
    fcntl = None  # type: ignore[assignment]

__all__ = ["WriteFailed", "locked", "sync_folder", "umask", "write"]


class WriteFailed(ClaimsError):
    """A file or folder could not be written, opened or locked. The message is `what`
    ("cannot write"), the path (`claims.paths.display`) and why (`claims.paths.reason`):
    "cannot write PATH: permission denied". `path` is the file or folder; `error` the
    `OSError` behind it."""

    def __init__(self, what: str, path: Path, error: OSError) -> None:
        super().__init__(f"{what} {display(str(path))}: {reason(error)}")
        self.path = path
        self.error = error


@contextlib.contextmanager
def locked(root: Path) -> Iterator[int]:
    """The folder `root`, open (the descriptor is yielded) and exclusively locked with
    `flock` until the block ends. Waits for another holder. Raises `WriteFailed` ("cannot
    open …" / "cannot lock …") when it cannot be opened or locked (a file system without
    locks: never write unlocked)."""
    try:
        folder = os.open(root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError as exc:
        raise WriteFailed("cannot open", root, exc) from None
    try:
        if fcntl is not None:
            try:
                fcntl.flock(folder, fcntl.LOCK_EX)
            except OSError as exc:
                raise WriteFailed("cannot lock", root, exc) from None
        yield folder
    finally:
        os.close(folder)  # closing it releases the lock


def write(
    path: Path,
    data: bytes,
    *,
    folder: int | None = None,
    new_mode: int = 0o666,
    check: Callable[[], None] | None = None,
    leftovers: bool = False,
) -> os.stat_result:
    """Write `data` (bytes) as `path` (see the module's docstring) and return the new
    file's `stat`.

    A file already there keeps its permissions; a new one gets `new_mode` less the umask
    (read without ever changing the process's umask where /proc says it). `folder` is the
    descriptor of `path`'s folder when the caller holds it (from `locked`), else the folder
    is opened to fsync it. `check()`, when given, is called once the data is on disk, just
    before the replace; whatever it raises stops the write. `leftovers=True` first removes
    `.NAME.*.tmp` files a killed writer left (only under `locked`: none is being written).

    Raises `WriteFailed` ("cannot write in FOLDER: reason" when no temporary file can be
    made there, else "cannot write PATH: reason"); on any failure the temporary file is
    removed and `path` is left as it was."""
    root = path.parent
    prefix = f".{path.name}."
    if leftovers:
        _clean(root, prefix)
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        mode = new_mode & ~umask()
    try:
        fd, temporary = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=root)
    except OSError as exc:
        raise WriteFailed("cannot write in", root, exc) from None
    try:
        with os.fdopen(fd, "wb") as file:
            os.fchmod(file.fileno(), mode)
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        if check is not None:
            check()
        os.replace(temporary, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise WriteFailed("cannot write", path, exc) from None
        raise
    if folder is None:
        sync_folder(root)
    else:
        with contextlib.suppress(OSError):  # some file systems cannot fsync a folder
            os.fsync(folder)
    return os.stat(path)


def sync_folder(folder: Path) -> None:
    """fsync a folder (so a rename in it is on disk); a system that cannot is let be."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def umask() -> int:
    """The process's umask: from /proc when it says (no change to the process, so safe
    beside other threads), else by setting and restoring it."""
    with (
        contextlib.suppress(OSError, ValueError),
        open("/proc/self/status", encoding="ascii", errors="replace") as status,
    ):
        for line in status:
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _clean(root: Path, prefix: str) -> None:
    """Remove `prefix*.tmp` files a killed writer left in `root`."""
    with contextlib.suppress(OSError), os.scandir(root) as entries:
        for entry in entries:
            if entry.name.startswith(prefix) and entry.name.endswith(".tmp"):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
