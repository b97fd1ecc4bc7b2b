"""The `contested` entry point: subcommands go to `claims.cli`, no subcommand opens the app.

Textual is imported only when the app opens, so `contested check` starts fast.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from claims import cli


def main(argv: Sequence[str] | None = None) -> int:
    args = cli.parse(argv)
    if args.command is not None:
        return cli.run(args)
    return cli.main(argv)


if __name__ == "__main__":
    sys.exit(main())
