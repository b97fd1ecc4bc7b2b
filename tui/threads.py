"""Calling the UI thread from a worker thread, without ever waiting for a closed app.

The app never reads a file or anchors a quote on its own thread: workers do, and hand
their results over with `on_ui` (wait for the call, as `App.call_from_thread` does) or
`post_ui` (do not wait). Unlike `call_from_thread`, neither can leave a worker blocked for
ever once the app has quit, or run a cancelled worker's stale result: the call is skipped
when its worker has been cancelled by the time the UI thread gets to it (Textual cancels
every worker when the app exits, and an `exclusive` worker when a newer one starts).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from textual import events
from textual.message_pump import MessagePump
from textual.worker import get_current_worker

T = TypeVar("T")

_WAKE = 0.05  # seconds between two looks at whether the worker was cancelled


class Gone(Exception):
    """The worker was cancelled (or the app closed) before the call ran: stop working."""


def on_ui(node: MessagePump, callback: Callable[..., T], *args: object) -> T:
    """From a worker thread: run `callback(*args)` on the UI thread (in `node`'s message
    queue), wait for it and return what it returned. Raises `Gone` instead if the worker is
    cancelled first. An exception in `callback` is the UI's, as in any handler."""
    worker = get_current_worker()
    done = threading.Event()
    result: list[T] = []

    def call() -> None:
        try:
            if not worker.is_cancelled:
                result.append(callback(*args))
        finally:
            done.set()

    if worker.is_cancelled or not node.post_message(events.Callback(callback=call)):
        raise Gone
    while not done.wait(_WAKE):
        if worker.is_cancelled:
            raise Gone
    if not result:
        raise Gone
    return result[0]


def post_ui(node: MessagePump, callback: Callable[..., object], *args: object) -> None:
    """From a worker thread: run `callback(*args)` on the UI thread soon; do not wait."""
    worker = get_current_worker()

    def call() -> None:
        if not worker.is_cancelled:
            callback(*args)

    if not worker.is_cancelled:
        node.post_message(events.Callback(callback=call))
