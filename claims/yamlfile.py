"""Reading one YAML file into a node tree that remembers where every value came from.

We compose (not load): composing gives each node its line and column and constructs no
Python objects, so a `!!python/...` tag cannot run anything. On top of PyYAML we refuse
what it would let through silently: aliases (an alias bomb composes in a millisecond and
then hangs whatever walks it), tags other than the plain YAML ones, and (in the reader of
mappings, `claims.schema`) duplicate keys.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from claims.model import Location
from claims.problems import CasebookUnreadable, Problem
from claims.text import sanitize

try:  # libyaml is about six times faster; fall back to the pure-Python loader if absent.
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader  # type: ignore[assignment]

PLAIN_TAGS = frozenset(
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
)


# An alias is `*name` where a value may start: after white space, `[`, `{` or `,`.
_MAYBE_ALIAS = re.compile(r"(?:^|[\s\[{,])\*[^\s,\[\]{}]")


class YamlError(Exception):
    """A YAML file that cannot be used at all; `problem` says where and why."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(problem.message)


def location(path: Path, node: yaml.Node) -> Location:
    mark = node.start_mark
    return Location(path, mark.line + 1, mark.column + 1)


def read_yaml(path: Path) -> yaml.Node | None:
    """Compose `path` into nodes; raise `YamlError` with a located problem if it cannot."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise YamlError(
            Problem("missing-file", f"cannot read {path.name}: {reason}", Location(path))
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise YamlError(
            Problem(
                "syntax",
                f"{path.name} is not UTF-8 (byte 0x{raw[exc.start]:02x})",
                Location(path, line, 1),
                hint="save the file as UTF-8",
            )
        ) from None
    if "*" in text and _MAYBE_ALIAS.search(text):  # cheap looks first; the scan is exact
        _refuse_aliases(path, text)
    try:
        node = yaml.compose(text, Loader=SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        loc = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        context = exc.context
        if context and exc.context_mark and exc.problem_mark:  # say where it was opened
            opened = exc.context_mark
            context += f" (from line {opened.line + 1}, column {opened.column + 1}):"
        what = sanitize(" ".join(filter(None, [context, exc.problem])))
        raise YamlError(
            Problem("syntax", f"invalid YAML: {what}", loc, hint="fix the YAML syntax here")
        ) from None
    except yaml.YAMLError as exc:
        problem = Problem("syntax", f"invalid YAML: {sanitize(str(exc))}", Location(path))
        raise YamlError(problem) from None
    if node is not None and "!" in text:  # without a "!" no node can carry an explicit tag
        _refuse_tags(path, node)
    return node


def read_yaml_or_unreadable(path: Path) -> yaml.Node | None:
    """Like `read_yaml`, for the casebook's own file: failure means nothing can be read."""
    try:
        return read_yaml(path)
    except YamlError as exc:
        raise CasebookUnreadable([exc.problem]) from None


def _refuse_aliases(path: Path, text: str) -> None:
    try:
        for event in yaml.parse(text, Loader=SafeLoader):
            if isinstance(event, yaml.AliasEvent):
                mark = event.start_mark
                at = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
                raise YamlError(
                    Problem(
                        "syntax",
                        "YAML aliases (*name) are not allowed in a casebook",
                        at,
                        hint="write the value out in full instead of referring to an anchor",
                    )
                )
    except yaml.MarkedYAMLError:
        return  # compose will report the syntax error with its position


def _refuse_tags(path: Path, root: yaml.Node) -> None:
    stack = [root]
    while stack:
        node = stack.pop()
        if node.tag not in PLAIN_TAGS:
            raise YamlError(
                Problem(
                    "syntax",
                    f"YAML tag {sanitize(node.tag)!r} is not allowed in a casebook",
                    location(path, node),
                    hint="remove the tag; casebooks hold only plain strings, numbers, "
                    "dates, lists and mappings",
                )
            )
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
