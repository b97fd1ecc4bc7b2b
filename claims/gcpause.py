"""Pausing the cyclic garbage collector around bulk work.

Loading and anchoring a large casebook make hundreds of thousands of small objects and no
reference cycles; each automatic collection would walk all of them again, which cost more
than the work itself at 5,000 disputes. Reference counting still frees what is dropped.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
