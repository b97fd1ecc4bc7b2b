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
    """`-C PATH` (each one kept, in order: `parse` joins them) and `--version`, on the top
    parser and on each command's, so they work before or after the command. A command's
    `-C`s go to `directory_after` (argparse would otherwise replace the ones given before
    the command with them); `--version` is left out of a command's usage line."""
    parser.add_argument(
        "-C",
        dest="directory" if top else "directory_after",
        action="append",
        metavar="PATH",
        help=C_HELP,
        default=None if top else argparse.SUPPRESS,
    )
    parser.add_argument(
        "--version",
        action=_Version,
        help="print the version and exit" if top else argparse.SUPPRESS,
    )


def parser() -> argparse.ArgumentParser:
    """The whole command line: global options, then a command and its options."""
    return _parsers()[0]


def _parsers() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    """(the whole command line's parser, each command's own parser by name)."""
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
    own = {}
    for command in commands().values():
        own[command.name] = one = sub.add_parser(
            command.name,
            prog=f"contested {command.name}",
            help=command.help,
            description=command.description or command.help,
        )
        _globals(one, top=False)
        command.arguments(one)
    return top, own


def _app_parser() -> argparse.ArgumentParser:
    plain = argparse.ArgumentParser(prog="contested", usage=USAGE, add_help=False)
    _globals(plain, top=True)
    plain.add_argument("-h", "--help", action="store_true")
    plain.add_argument("casebook", nargs="?", type=Path, help=CASEBOOK_HELP)
    return plain


def _first_word(args: Sequence[str]) -> tuple[int | None, bool]:
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
    `casebook` is the CASEBOOK argument or None). `directory` is the global `-C PATH` (a
    str, or None): several `-C`s, before and after the command, are joined as `git -C`
    joins them (`-C a -C b` is `-C a/b`; an absolute one starts again).

    Exits (SystemExit 2, a message on stderr) on a wrong command line: argparse's errors
    (with the command's own usage for an error after the command), an empty `-C` or one
    that does not exist, an unknown command close to a known one, a working directory that
    was removed (unless `-C` names an absolute path)."""
    args = [*(sys.argv[1:] if argv is None else argv)]
    known = commands()
    word, after_dashes = _first_word(args)
    if word is not None and not after_dashes and args[word] in known:
        top, own = _parsers()
        ns, extra = top.parse_known_args(args)
        if extra:  # argparse leaves a command's extra words to the top parser to refuse
            before = top.parse_known_args(args[:word])[1]
            (top if before else own[ns.command]).error(
                f"unrecognized arguments: {' '.join(before or extra)}"
            )
    else:
        if word is not None and not after_dashes:
            _unknown_command(args[word], _start(args[:word]))
        ns = _app_parser().parse_args(args)
        if ns.help:
            parser().print_help()
            raise SystemExit(0)
        ns.command = None
    ns.directory = _joined([*(ns.directory or []), *vars(ns).pop("directory_after", [])])
    if ns.directory is not None and not Path(ns.directory).exists():
        _fail(f"-C {display(ns.directory)}: no such file or directory")
    if ns.directory is None or not Path(ns.directory).is_absolute():
        try:
            Path.cwd()
        except OSError:  # the casebook is searched from it: it must be there
            _fail("the current directory no longer exists; cd into one and run this again")
    return ns


def _joined(directories: Sequence[str]) -> str | None:
    """The `-C` paths given, in order, as one (`git -C`: each relative one is relative to
    the one before); None when there are none. Exits 2 on an empty one."""
    path = None
    for given in directories:
        if not given:  # `-C "$UNSET"`: never quietly the current directory
            _fail("-C '': the path is empty; name a folder or a casebook file (-C . for here)")
        path = Path(given) if path is None else path / given
    return None if path is None else str(path)


def _start(before: list[str]) -> Path | None:
    """The `-C` folder among the options before the first word, if any (joined, as
    `_joined`; an empty one is left to `parse` to refuse)."""
    given = []
    for index, arg in enumerate(before):
        if arg == "-C" and index + 1 < len(before):
            given.append(before[index + 1])
        elif arg.startswith("-C") and len(arg) > 2:
            given.append(arg[2:].removeprefix("="))
    joined = _joined([g for g in given if g])
    return None if joined is None else Path(joined)


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
