"""review.yaml's writes: `claims.atomic`'s folder lock and atomic write, failing as
`ReviewNotWritable` (the message as `claims.atomic.WriteFailed` words it).

`locked(folder)` takes an exclusive `flock` on the casebook's folder (no lock file is
made); `write_atomically(path, data, folder)` writes under it, first removing temporary
files a killed writer left (the lock says none is being written).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from claims import atomic
from claims.review.errors import ReviewNotWritable


@contextlib.contextmanager
def locked(root: Path) -> Iterator[int]:
    """The folder `root`, open (the descriptor is yielded) and exclusively locked until the
    block ends (`claims.atomic.locked`; waits for another holder). Raises
    `ReviewNotWritable` ("cannot open …" / "cannot lock …: reason")."""
    with contextlib.ExitStack() as stack:
        try:
            folder = stack.enter_context(atomic.locked(root))
        except atomic.WriteFailed as failed:
            raise ReviewNotWritable(str(failed)) from None
        yield folder


def write_atomically(path: Path, data: bytes, folder: int) -> os.stat_result:
    """Write `data` as `path` with `claims.atomic.write` (its permissions kept, a new file
    0666 less the umask), `folder` being its folder's descriptor from `locked`. Returns the
    new file's `stat`. Raises `ReviewNotWritable` ("cannot write …: reason") and leaves
    `path` as it was."""
    try:
        return atomic.write(path, data, folder=folder, leftovers=True)
    except atomic.WriteFailed as failed:
        raise ReviewNotWritable(str(failed)) from None
