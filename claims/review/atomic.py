"""Writing one file of a folder atomically, under a lock on the folder.

`locked(folder)` opens the folder and takes an exclusive `flock` on it (no lock file is
made); `write_atomically(path, data, folder_fd)` writes a temporary file beside `path`
(`.NAME.XXXXXXXX.tmp`), flushes and fsyncs it, `os.replace`s it over `path` and fsyncs the
folder, so a kill at any instant leaves the old file or the new one. Temporary files a
killed writer left are removed first (the lock says none is being written).
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from claims.paths import display, reason
from claims.review.errors import ReviewNotWritable

try:
    import fcntl
except ImportError:  # pragma: no cover - not a POSIX system: no lock, still atomic
    fcntl = None  # type: ignore[assignment]


@contextlib.contextmanager
def locked(root: Path) -> Iterator[int]:
    """The folder `root`, open (the descriptor is yielded) and exclusively locked with
    `flock` until the block ends. Waits for another holder. Raises `ReviewNotWritable`
    when it cannot be opened or locked (a file system without locks: never write
    unlocked)."""
    shown = display(str(root))
    try:
        folder = os.open(root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError as exc:
        raise ReviewNotWritable(f"cannot open {shown}: {reason(exc)}") from None
    try:
        if fcntl is not None:
            try:
                fcntl.flock(folder, fcntl.LOCK_EX)
            except OSError as exc:
                raise ReviewNotWritable(f"cannot lock {shown}: {reason(exc)}") from None
        yield folder
    finally:
        os.close(folder)  # closing it releases the lock


def write_atomically(path: Path, data: bytes, folder: int) -> os.stat_result:
    """Write `data` as `path` (see the module's docstring), keeping its permissions (a new
    file gets 0666 less the umask); `folder` is its folder's descriptor, from `locked`.
    Returns the new file's `stat`. Raises `ReviewNotWritable` ("cannot write …: reason")
    and leaves `path` as it was."""
    root = path.parent
    prefix = f".{path.name}."
    _clean(root, prefix)
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        mode = 0o666 & ~_umask()
    try:
        fd, temporary = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=root)
    except OSError as exc:
        raise ReviewNotWritable(f"cannot write in {display(str(root))}: {reason(exc)}") from None
    try:
        with os.fdopen(fd, "wb") as file:
            os.fchmod(file.fileno(), mode)
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise ReviewNotWritable(f"cannot write {display(str(path))}: {reason(exc)}") from None
    with contextlib.suppress(OSError):  # some file systems cannot fsync a folder
        os.fsync(folder)
    return os.stat(path)


def _clean(root: Path, prefix: str) -> None:
    """Remove `prefix*.tmp` files a killed writer left in `root`."""
    with contextlib.suppress(OSError), os.scandir(root) as entries:
        for entry in entries:
            if entry.name.startswith(prefix) and entry.name.endswith(".tmp"):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def _umask() -> int:
    """The process's umask: from /proc when it says (no change to the process), else by
    setting and restoring it."""
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
