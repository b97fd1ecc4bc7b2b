"""A terminal driver that answers a lone `escape` after ESCDELAY, not after 100 ms.

A lone ESC byte may be the escape key or the start of a sequence (an arrow key, Alt+x);
the parser decides it was the key once ESCDELAY passes with nothing after it. Textual's
Linux input loop only looks at the parser's clock when `select` returns, and it waits up
to 100 ms for input, so whatever ESCDELAY says, `escape` lands about 100 ms late. This is
the app's "back" key, pressed all day: this loop waits only ESCDELAY right after input
arrived, and the usual 100 ms when idle.
"""

from __future__ import annotations

import os
import selectors
from codecs import getincrementaldecoder

from textual import constants
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver

IDLE_WAIT = 0.1  # seconds; what Textual's own loop waits when nothing happens


class PromptEscapeDriver(LinuxDriver):
    def run_input_thread(self) -> None:
        """Read the terminal and post its events, deciding a lone ESC on time."""
        parser = XTermParser(self._debug)
        decode = getincrementaldecoder("utf-8")().decode
        fileno = self.fileno
        pending = False  # input just arrived: a lone ESC may be waiting for its delay
        with selectors.SelectSelector() as selector:
            selector.register(fileno, selectors.EVENT_READ)
            while not self.exit_event.is_set():
                wait = min(constants.ESCAPE_DELAY, IDLE_WAIT) if pending else IDLE_WAIT
                pending = False
                if selector.select(wait):
                    data = decode(os.read(fileno, 4096))
                    if not data:  # end of input (stdin was not a terminal): do not spin
                        self.exit_event.wait(IDLE_WAIT)
                    pending = bool(data)
                    for event in parser.feed(data) if data else ():
                        self.process_message(event)
                for event in parser.tick():
                    self.process_message(event)
