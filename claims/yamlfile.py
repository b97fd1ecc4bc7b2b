"""Reading one YAML file into a node tree that remembers where every value came from.

We compose (not load): composing gives each node its line and column and constructs no
Python objects, so a `!!python/...` tag cannot run anything. On top of PyYAML we refuse
what it would let through silently: aliases (an alias bomb composes in a millisecond and
then hangs whatever walks it), tags other than the plain YAML ones, and (in the reader of
mappings, `claims.schema`) duplicate keys. A plain `=` or `<<` is text (YAML 1.1's implicit
`value` and `merge` tags are not resolved).

Only a regular file of at most `YAML_LIMIT` bytes is read (never a FIFO or a device). A
file of `STREAM_BYTES` characters or more is checked from its event stream first, refused
if it would hold more than `MAX_VALUES` nodes at once, and may be composed item by item
(`claims.yamlstream`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import yaml
from yaml.reader import ReaderError

from claims.model import Location
from claims.paths import YAML_LIMIT, Refused, display, read_regular
from claims.problems import CasebookUnreadable, Problem
from claims.text import sanitize
from claims.yamlstream import (
    PLAIN_TAGS,
    STREAM_BYTES,
    AliasFound,
    Loader,
    TagFound,
    TooMany,
    stream,
    validate,
)

__all__ = ["PLAIN_TAGS", "YamlError", "location", "read_yaml", "read_yaml_or_unreadable"]

# An alias is `*name` where a value may start: after white space, `[`, `{` or `,`.
_MAYBE_ALIAS = re.compile(r"(?:^|[\s\[{,])\*[^\s,\[\]{}]")

ALIAS_MESSAGE = "YAML aliases (*name) are not allowed in a casebook"
ALIAS_HINT = "write the value out in full instead of referring to an anchor"
TAG_HINT = "remove the tag; casebooks hold only plain strings, numbers, dates, lists and mappings"


class YamlError(Exception):
    """A YAML file that cannot be used at all; `problem` says where and why."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(problem.message)


def location(path: Path, node: yaml.Node) -> Location:
    mark = node.start_mark
    return Location(path, mark.line + 1, mark.column + 1)


def yaml_text(path: Path) -> str:
    """The text of the YAML file at `path` (UTF-8, a BOM allowed). Raises `YamlError`:
    `missing-file` if it is not a readable regular file of at most YAML_LIMIT bytes,
    `syntax` if it is not UTF-8."""
    try:
        raw = read_regular(path, YAML_LIMIT, "a casebook YAML file")
    except Refused as why:
        raise YamlError(
            Problem(
                "missing-file",
                f"cannot read {display(path.name)}: {why.reason}",
                Location(path),
                hint=_refused_hint(why),
            )
        ) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise YamlError(
            Problem(
                "syntax",
                f"{display(path.name)} is not UTF-8 (byte 0x{raw[exc.start]:02x})",
                Location(path, line, 1),
                hint="save the file as UTF-8",
            )
        ) from None


def _refused_hint(why: Refused) -> str:
    if why.missing:
        return "check the path; names are relative to casebook.yaml"
    if why.reason == "permission denied":
        return "let the user running contested read it (chmod)"
    if why.reason.startswith("it is ") and "more than" in why.reason:
        return "split it into smaller files (an `include:` pattern takes them all)"
    return "a casebook holds only regular files; replace it with one"


def read_yaml(path: Path, items: Callable[[yaml.Node], None] | None = None) -> yaml.Node | None:
    """Compose `path` into nodes; raise `YamlError` with a located problem if it cannot.

    With `items`, a file of STREAM_BYTES characters or more is composed item by item: each
    item of the top-level mapping's first `disputes:` list is passed to `items`, in order,
    and left out of the returned tree (that list's node is then empty). Nothing is passed
    when the file has any error. Smaller files are returned whole; `items` is not called.
    """
    return compose(path, yaml_text(path), items)


def compose(
    path: Path, text: str, items: Callable[[yaml.Node], None] | None = None
) -> yaml.Node | None:
    """`read_yaml` on `text`, the content of `path` (which only names it in problems)."""
    try:
        if len(text) >= STREAM_BYTES:
            validate(text, streamed=items is not None)
            if items is not None:
                return stream(text, items)
            validated: yaml.Node | None = yaml.compose(text, Loader=Loader)
            return validated
        if "*" in text and _MAYBE_ALIAS.search(text):  # cheap looks first; the scan is exact
            _refuse_aliases(text)
        node: yaml.Node | None = yaml.compose(text, Loader=Loader)
        if node is not None and "!" in text:  # without a "!" no node can carry a tag
            _refuse_tags(node)
    except AliasFound as found:
        mark = found.mark
        at = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        raise YamlError(Problem("syntax", ALIAS_MESSAGE, at, hint=ALIAS_HINT)) from None
    except TagFound as found:
        mark = found.mark
        at = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        message = f"YAML tag {sanitize(display(found.tag))!r} is not allowed in a casebook"
        raise YamlError(Problem("syntax", message, at, hint=TAG_HINT)) from None
    except TooMany as many:
        mark = many.mark
        at = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        message = (
            f"cannot read {display(path.name)}: it holds more than {many.limit:,} values "
            "(keys, list items and values) at once, more than a casebook YAML file may"
        )
        hint = "split it into smaller files (an `include:` pattern takes them all)"
        raise YamlError(Problem("missing-file", message, at, hint=hint)) from None
    except yaml.YAMLError as exc:
        raise YamlError(_syntax(path, text, exc)) from None
    return node


def _syntax(path: Path, text: str, exc: yaml.YAMLError) -> Problem:
    """The located `syntax` problem of a YAML error."""
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        loc = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        context = exc.context
        if context and exc.context_mark and exc.problem_mark:  # say where it was opened
            opened = exc.context_mark
            context += f" (from line {opened.line + 1}, column {opened.column + 1}):"
        what = sanitize(" ".join(filter(None, [context, exc.problem])))
        return Problem("syntax", f"invalid YAML: {what}", loc, hint="fix the YAML syntax here")
    if isinstance(exc, ReaderError):  # a character YAML does not allow
        # libyaml counts the position in bytes of the UTF-8 text
        before = text.encode("utf-8", "surrogatepass")[: exc.position].decode("utf-8", "ignore")
        line, column = before.count("\n") + 1, len(before) - before.rfind("\n")
        character = exc.character
        code = ord(character) if isinstance(character, str) else int(character)
        return Problem(
            "syntax",
            f"invalid YAML: character U+{code:04X} is not allowed here ({exc.reason})",
            Location(path, line, column),
            hint="remove the character, or write it as an escape in a double-quoted string",
        )
    return Problem("syntax", f"invalid YAML: {sanitize(display(str(exc)))}", Location(path))


def read_yaml_or_unreadable(path: Path) -> yaml.Node | None:
    """Like `read_yaml`, for the casebook's own file: failure means nothing can be read."""
    try:
        return read_yaml(path)
    except YamlError as exc:
        raise CasebookUnreadable([exc.problem]) from None


def _refuse_aliases(text: str) -> None:
    """Raise AliasFound for the first alias, unless a syntax error comes first (compose
    reports that, with its position)."""
    try:
        for event in yaml.parse(text, Loader=Loader):
            if isinstance(event, yaml.AliasEvent):
                raise AliasFound(event.start_mark)
    except AliasFound:
        raise
    except yaml.YAMLError:
        return


def _refuse_tags(root: yaml.Node) -> None:
    """Raise TagFound for the first node (in document order) whose tag is not plain."""
    stack = [root]
    while stack:
        node = stack.pop()
        if node.tag not in PLAIN_TAGS:
            raise TagFound(node.tag, node.start_mark)
        if isinstance(node, yaml.MappingNode):
            stack.extend(child for pair in reversed(node.value) for child in reversed(pair))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
