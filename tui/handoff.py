"""Hand one value from a worker thread to a thread that waits for it, but not for long.

The main screen starts loading in a worker and then waits a moment for the first part of
the casebook, so that its very first frame shows a dispute instead of "Loading…" (a
frame that would also take the CPU from the loading). If the wait runs out, the screen
goes on without it and the worker delivers the usual way; the lock makes sure that
exactly one of the two ends up with the value.
"""

from __future__ import annotations

import threading
from typing import Generic, TypeVar

T = TypeVar("T")


class Handoff(Generic[T]):
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._ready = threading.Event()
        self._value: T | None = None
        self._open = True

    def offer(self, value: T) -> bool:
        """From the worker: True if the waiting thread takes `value` (it is then theirs),
        False if it stopped waiting (deliver it some other way)."""
        with self._lock:
            if not self._open:
                return False
            self._value, self._open = value, False
        self._ready.set()
        return True

    def close(self) -> None:
        """From the worker: nothing is coming (an error, say); stop the wait now."""
        with self._lock:
            self._open = False
        self._ready.set()

    def take(self, timeout: float) -> T | None:
        """Wait up to `timeout` seconds for the value; None if none came in time."""
        self._ready.wait(timeout)
        with self._lock:
            self._open = False
            value, self._value = self._value, None
        return value
