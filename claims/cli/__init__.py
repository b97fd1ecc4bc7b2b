"""The `contested` command line, less the app: one module per command, found at run time.

`tui.launch` is the installed entry point; it hands every command here and opens the app
itself when there is none, so this package never imports Textual.

Adding a command: a module of this package defining `COMMAND = Command(...)`
(`claims.cli._command.Command`); nothing else changes. Modules whose names start with `_`
are helpers. (Importing the `list` command binds `list` in this module's namespace: the
builtin is not called here.) Commands import what they need (Rich, the checker) when they run, so
`contested --help` and `contested schema` stay quick.

Every command that works on a casebook takes the one found from the current directory
(`claims.casebook.discover`), or from the global `-C PATH`; those whose only positional
argument is the casebook take it there too.

Exit status: 0 no errors, 1 errors (or warnings with --strict), 2 nothing could be read or
the command line was wrong.
"""

from __future__ import annotations

import argparse
import difflib
import functools
import importlib
import pkgutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from claims.cli._command import CASEBOOK_HELP, Command, Context, UsageError, locate
from claims.formats import problem_lines
from claims.paths import display
from claims.problems import CasebookUnreadable, ClaimsError
from claims.terminal import Output

__all__ = ["Command", "Context", "UsageError", "commands", "locate", "main", "parse", "run"]

USAGE = "contested [-C PATH] [CASEBOOK]\n       contested [-C PATH] COMMAND [options]"
C_HELP = (
    "work as if started in PATH (a folder: the casebook is searched from there), "
    "or on the casebook YAML file PATH"
)


@functools.cache
def commands() -> dict[str, Command]:
    """Every command, by name, in the order `contested --help` lists them."""
    found: list[Command] = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        command = getattr(importlib.import_module(f"{__name__}.{info.name}"), "COMMAND", None)
        if isinstance(command, Command):
            found.append(command)
    return {c.name: c for c in sorted(found, key=lambda c: (c.order, c.name))}


def version() -> str:
    """The installed package's version (`importlib.metadata`), else `claims.__version__`."""
    from importlib import metadata

    try:
        return metadata.version("contested")
    except metadata.PackageNotFoundError:
        import claims

        return str(getattr(claims, "__version__", "unknown"))


class _Version(argparse.Action):
    """`--version`: the version is looked up only when asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        kwargs.update(nargs=0, default=argparse.SUPPRESS)
        super().__init__(option_strings, dest, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        print(f"contested {version()}")
        parser.exit()


def _globals(parser: argparse.ArgumentParser, top: bool) -> None:
    parser.add_argument(
        "-C",
        dest="directory",
        metavar="PATH",
        help=C_HELP,
        # On a command's parser too (`contested check -C PATH`), without undoing a -C
        # given before the command.
        default=None if top else argparse.SUPPRESS,
    )
    if top:
        parser.add_argument("--version", action=_Version, help="print the version and exit")


def parser() -> argparse.ArgumentParser:
    """The whole command line: global options, then a command and its options."""
    top = argparse.ArgumentParser(
        prog="contested",
        usage=USAGE,
        description="Conflicting accounts side by side, each tied to its source paragraph. "
        "`contested [CASEBOOK]` opens the casebook in the terminal app. Without CASEBOOK, "
        "every command works on the casebook.yaml found in the current directory or above "
        "it (up to the repository root), else on the bundled example.",
    )
    _globals(top, top=True)
    sub = top.add_subparsers(dest="command", metavar="COMMAND")
    for command in commands().values():
        one = sub.add_parser(
            command.name,
            prog=f"contested {command.name}",
            help=command.help,
            description=command.description or command.help,
        )
        _globals(one, top=False)
        command.arguments(one)
    return top


def _app_parser() -> argparse.ArgumentParser:
    plain = argparse.ArgumentParser(prog="contested", usage=USAGE, add_help=False)
    _globals(plain, top=True)
    plain.add_argument("-h", "--help", action="store_true")
    plain.add_argument("casebook", nargs="?", type=Path, help=CASEBOOK_HELP)
    return plain


def _first_word(args: list[str]) -> tuple[int | None, bool]:
    """(index of the first argument that is not an option, whether it follows `--`)."""
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            return (index + 1 if index + 1 < len(args) else None), True
        if arg == "-C":
            index += 2
            continue
        if not arg.startswith("-") or arg == "-":
            return index, False
        index += 1
    return None, False


def _fail(message: str) -> None:
    sys.stderr.write(f"contested: {message}\n")
    raise SystemExit(2)


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Parse the command line; `command` is None when the app should open (then
    `casebook` is the CASEBOOK argument or None). `directory` is the global `-C PATH`.

    Exits (SystemExit 2, a message on stderr) on a wrong command line: argparse's errors,
    a `-C` that does not exist, an unknown command close to a known one, a working
    directory that was removed."""
    args = [*(sys.argv[1:] if argv is None else argv)]
    known = commands()
    word, after_dashes = _first_word(args)
    if word is not None and not after_dashes and args[word] in known:
        ns = parser().parse_args(args)
    else:
        if word is not None and not after_dashes:
            _unknown_command(args[word], _start(args[:word]))
        ns = _app_parser().parse_args(args)
        if ns.help:
            parser().print_help()
            raise SystemExit(0)
        ns.command = None
    if ns.directory is not None and not Path(ns.directory).exists():
        _fail(f"-C {display(ns.directory)}: no such file or directory")
    try:
        Path.cwd()
    except OSError:  # paths are shown relative to it: it must be there
        _fail("the current directory no longer exists; cd into one and run this again")
    return ns


def _start(before: list[str]) -> Path | None:
    """The `-C` folder among the options before the first word, if any."""
    start = None
    for index, arg in enumerate(before):
        if arg == "-C" and index + 1 < len(before):
            start = Path(before[index + 1])
        elif arg.startswith("-C") and len(arg) > 2:
            start = Path(arg[2:])
    return start


def _unknown_command(word: str, start: Path | None) -> None:
    """`contested chekc`: a word that is no path but close to a command is a typo."""
    path = Path(word)
    if start is not None and not path.is_absolute():
        path = start / path
    try:
        if path.exists():
            return
    except OSError:
        return
    close = difflib.get_close_matches(word, [*commands()], n=1, cutoff=0.6)
    if close:
        _fail(f"unknown command {word!r}; did you mean {close[0]}?")


def run(args: argparse.Namespace) -> int:
    """Run a parsed command; return the exit status."""
    name = args.command
    context = Context(Output(), Output(stderr=True), getattr(args, "directory", None), name)
    try:
        return commands()[name].run(args, context)
    except CasebookUnreadable as exc:
        for problem in exc.problems:
            problem_lines(problem, context.err)
        return 2
    except (ClaimsError, UsageError) as exc:  # e.g. InitError: the message says what to do
        context.err.line((f"contested {name}: {exc}", "red"))
        return 2


def main(argv: Sequence[str] | None = None) -> int:
    """`contested` without the app: what runs when the app is not wanted (output piped):
    `contested [CASEBOOK]` prints the casebook as `show` does."""
    args = parse(argv)
    if args.command is None:
        args = argparse.Namespace(
            command="show",
            directory=args.directory,
            casebook=None if args.casebook is None else str(args.casebook),
            dispute=None,
            only_casebook=True,  # `contested NAME` names a casebook, never a dispute
        )
    return run(args)
