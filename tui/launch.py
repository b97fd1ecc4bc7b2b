"""The `contested` entry point: subcommands go to `claims.cli`, no subcommand opens the app
on the casebook named, or found from the current directory (or `-C PATH`), as every
command finds it.

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
    try:
        path, note = cli.locate(args.casebook, args.directory, "showing")
    except cli.UsageError as exc:
        sys.stderr.write(f"contested: {exc}\n")
        return 2
    if note:  # before the app takes the screen; the app shows it again as a notification
        sys.stderr.write(note.replace("\n", "\n  = hint: ") + "\n")
        sys.stderr.flush()
    # `escape` is this app's "back" key. Textual waits ESCDELAY ms after a lone ESC byte in
    # case an Alt-key sequence follows; we bind no Alt keys, so 25 ms (as many terminal
    # editors use) rather than 100. A user's own ESCDELAY wins. Set before Textual loads.
    os.environ.setdefault("ESCDELAY", "25")
    from tui.app import run

    return run(path, note)


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
        _write_cache()
        os._exit(141)
    with contextlib.suppress(BrokenPipeError):
        sys.stderr.flush()
    _write_cache()
    os._exit(code)


def _write_cache() -> None:
    """Write the source readings still in memory (`os._exit` skips `atexit`), if any."""
    cache = sys.modules.get("claims.sources.cache")
    if cache is not None:
        cache.flush()


if __name__ == "__main__":
    sys.exit(main())
