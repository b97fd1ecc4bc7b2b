"""The `contested` entry point: subcommands go to `claims.cli`, no subcommand opens the app.

Textual is imported only when the app opens, so `contested check` starts fast.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence

from claims import cli


def main(argv: Sequence[str] | None = None) -> int:
    args = cli.parse(argv)
    if args.command is not None:
        return cli.run(args)
    if not sys.stdout.isatty():  # piped: print the casebook instead of opening the app
        return cli.main(argv)
    # `escape` is this app's "back" key. Textual waits ESCDELAY ms after a lone ESC byte in
    # case an Alt-key sequence follows; we bind no Alt keys, so 25 ms (as many terminal
    # editors use) rather than 100. A user's own ESCDELAY wins. Set before Textual loads.
    os.environ.setdefault("ESCDELAY", "25")
    from tui.app import run

    return run(args.casebook)


def entry() -> None:
    """The console script: run, then leave at once. Python would otherwise free the whole
    loaded casebook object by object on its way out (mypy's command line does the same);
    everything written has been flushed, and no files are left open. A reader that stops
    early (`contested check | head`) ends the output quietly, exit status 141 as a shell
    reports SIGPIPE, never a BrokenPipeError traceback."""
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        os._exit(141)
    with contextlib.suppress(BrokenPipeError):
        sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    sys.exit(main())
