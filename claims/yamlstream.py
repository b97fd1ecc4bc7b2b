"""Composing a big YAML file one `disputes:` item at a time, so it is never held whole.

A dispute file of a million items (`disputes: [{}, {}, …]`, 3 MB) composes into a million
node objects, some 400 MB, before anything looks at them. For a file of `STREAM_BYTES` or
more, `claims.yamlfile` instead:

1. `validate`s the file from its event stream (libyaml's parser, nothing kept): everything
   composing would refuse (syntax, a second document, a duplicate anchor) and everything we
   refuse on top (aliases, tags), with the same messages, the same first error; and more
   than MAX_VALUES nodes to hold at once (`TooMany`);
2. composes it with `Streamer`, which hands each item of the top-level mapping's first
   `disputes:` list to a callback and keeps none of them (or, when the reader wants no
   items, with libyaml).

Smaller files are composed whole by libyaml (faster); both give the same nodes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

try:
    from yaml import CSafeLoader as _Base
    from yaml._yaml import CParser as _Parser  # what CSafeLoader parses with
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Base  # type: ignore[assignment]
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser):  # type: ignore[no-redef]
        """The pure-Python parser, built from text as libyaml's CParser is."""

        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)


#: Files of this many characters or more are validated first (and composed item by item
#: when the reader asks for items).
STREAM_BYTES = 1024 * 1024
#: The most nodes (keys, values, list items) held at once: about 190 MB of node objects.
#: A file under STREAM_BYTES cannot hold many more (it takes two characters to write one).
MAX_VALUES = 500_000

T = "tag:yaml.org,2002:"
#: The tags a casebook may hold: what plain YAML resolves to, written or not.
PLAIN_TAGS = frozenset(
    T + name for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
)
#: Implicit tags we never resolve: a plain `=` or `<<` is text, not YAML 1.1's `value` or
#: `merge` (which would then be refused as tags the user never wrote).
_NOT_RESOLVED = frozenset((T + "value", T + "merge"))
_RESOLVERS = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in _NOT_RESOLVED]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}


class Loader(_Base):
    """libyaml's safe loader, resolving plain scalars to the PLAIN_TAGS only."""

    yaml_implicit_resolvers = _RESOLVERS


class AliasFound(yaml.YAMLError):
    """An alias (`*name`) at `mark`."""

    def __init__(self, mark: Any) -> None:
        self.mark = mark
        super().__init__("alias")


class TagFound(yaml.YAMLError):
    """A tag other than PLAIN_TAGS, written at `mark`."""

    def __init__(self, tag: str, mark: Any) -> None:
        self.tag = tag
        self.mark = mark
        super().__init__(tag)


class TooMany(yaml.YAMLError):
    """More than `limit` values would be held at once; `mark` is where the count passed it."""

    def __init__(self, limit: int, mark: Any) -> None:
        self.limit = limit
        self.mark = mark
        super().__init__(f"more than {limit:,} values")


def validate(text: str, streamed: bool = False, limit: int | None = None) -> None:
    """Raise what composing `text` and checking its nodes would: `AliasFound` for the first
    alias before any syntax error; else the first syntax or composer error (YAMLError), as
    libyaml's composer words it; else `TagFound` for the first tag (in document order) not
    in PLAIN_TAGS. Raises `TooMany` as soon as more than `limit` (default MAX_VALUES)
    nodes would be held at once: all of them, or with `streamed` those outside the
    top-level `disputes:` list's items, and those of any one item. Keeps only anchor names
    and the open collections."""
    limit = MAX_VALUES if limit is None else limit
    anchors: dict[str, Any] = {}
    failure: yaml.YAMLError | None = None  # the composer's error, raised where it would be
    tag_found: TagFound | None = None
    documents = 0
    root: Any = None
    event: Any
    held = item = 0  # nodes kept in the tree; nodes of the item being streamed
    stack: list[list[int]] = []  # open collections: [is a mapping, children so far, streams]
    item_depth = -1  # len(stack) where the item being streamed started; -1 outside items
    looking = streamed  # for the top-level mapping's first `disputes:` key
    streams_next = False
    try:
        for event in yaml.parse(text, Loader=Loader):
            start: Any = event.start_mark
            if isinstance(event, (SequenceEndEvent, MappingEndEvent)):
                stack.pop()
                if len(stack) == item_depth:
                    item_depth = -1
                continue
            if isinstance(event, AliasEvent):
                raise AliasFound(start)
            if isinstance(event, DocumentStartEvent):
                documents += 1
                if documents == 2 and failure is None:
                    failure = ComposerError(
                        "expected a single document in the stream",
                        root,
                        "but found another document",
                        start,
                    )
                continue
            if not isinstance(event, (ScalarEvent, SequenceStartEvent, MappingStartEvent)):
                continue
            if root is None:
                root = start
            anchor = event.anchor
            if anchor is not None and failure is None:
                if anchor in anchors:
                    failure = ComposerError(
                        "found duplicate anchor; first occurrence",
                        anchors[anchor],
                        "second occurrence",
                        start,
                    )
                else:
                    anchors[anchor] = start
            tag = event.tag
            if tag_found is None and tag is not None and tag != "!" and tag not in PLAIN_TAGS:
                tag_found = TagFound(tag, start)
            # how many nodes would be held at once
            if item_depth >= 0:
                item += 1
            elif stack and stack[-1][2]:  # an item of the streamed list begins
                item, item_depth = 1, len(stack)
            else:
                held += 1
            if held > limit or item > limit:
                raise TooMany(limit, start)
            streams = 0
            if len(stack) == 1 and stack[0][0]:  # a key or a value of the top-level mapping
                if stack[0][1] % 2 == 0:
                    streams_next = False
                    if looking and isinstance(event, ScalarEvent) and event.value == "disputes":
                        looking = False  # only the first `disputes:` counts, as for the loader
                        streams_next = tag in (None, "!", T + "str")
                else:
                    streams = int(streams_next and isinstance(event, SequenceStartEvent))
                stack[0][1] += 1
            if isinstance(event, (SequenceStartEvent, MappingStartEvent)):
                stack.append([isinstance(event, MappingStartEvent), 0, streams])
            elif len(stack) == item_depth:  # an item that is a scalar: begun and done
                item_depth = -1
    except (AliasFound, TooMany):
        raise
    except yaml.YAMLError:
        if failure is not None:
            raise failure from None
        raise
    if failure is not None:
        raise failure
    if tag_found is not None:
        raise tag_found


class Streamer(_Parser, Resolver):
    """Composes a document as libyaml's composer does, except that the items of the
    top-level mapping's first `disputes:` list are passed to `items` (each when complete)
    and not kept. Without recursion: libyaml allows 1,000 levels of nesting, more than
    Python's stack. For text that `validate` passed: no aliases, so no anchors are kept."""

    yaml_implicit_resolvers = _RESOLVERS

    def __init__(self, text: str, items: Callable[[Node], None]) -> None:
        _Parser.__init__(self, text)
        Resolver.__init__(self)
        self._items = items

    def _event(self) -> Any:
        return self.get_event()

    def _tag(self, kind: type[Node], event: Any, value: str | None = None) -> str:
        if event.tag is None or event.tag == "!":
            tag: str = self.resolve(kind, value, event.implicit)  # type: ignore[no-untyped-call]
            return tag
        return str(event.tag)

    def compose(self) -> Node | None:
        """The document's root node (None for an empty stream)."""
        self.get_event()  # STREAM-START
        if self.check_event(StreamEndEvent):
            return None
        self.get_event()  # DOCUMENT-START
        root = self._document()
        self.get_event()  # DOCUMENT-END
        return root

    def _document(self) -> Node:
        items = self._items
        looking = True  # for the top-level mapping's first `disputes:` key
        streams_next = False
        # open collections: [node, its key waiting for a value (mappings), streams]
        stack: list[list[Any]] = []
        while True:
            event = self._event()
            if isinstance(event, (SequenceEndEvent, MappingEndEvent)):
                done = stack.pop()[0]
                done.end_mark = event.end_mark
                if not stack:
                    return done  # type: ignore[no-any-return]
                if stack[-1][2]:
                    items(done)  # an item of the streamed list, complete
                continue
            node: Node
            start: Any = event.start_mark
            if isinstance(event, ScalarEvent):
                tag = self._tag(ScalarNode, event, event.value)
                end: Any = event.end_mark
                node = ScalarNode(tag, event.value, start, end, event.style)
            elif isinstance(event, SequenceStartEvent):
                tag = self._tag(SequenceNode, event)
                node = SequenceNode(tag, [], start, None, event.flow_style)
            else:
                tag = self._tag(MappingNode, event)
                node = MappingNode(tag, [], start, None, event.flow_style)
            streams = False
            if stack:
                parent = stack[-1]
                top = len(stack) == 1
                if isinstance(parent[0], MappingNode):
                    if parent[1] is None:  # a key
                        parent[1] = node
                        streams_next = False
                        if (
                            top
                            and looking
                            and isinstance(node, ScalarNode)
                            and node.tag == T + "str"
                            and node.value == "disputes"
                        ):
                            looking = False  # only the first counts, as for the loader
                            streams_next = True
                    else:  # its value
                        parent[0].value.append((parent[1], node))
                        parent[1] = None
                        streams = top and streams_next and isinstance(node, SequenceNode)
                elif not parent[2]:
                    parent[0].value.append(node)
            if isinstance(node, ScalarNode):
                if not stack:
                    return node
                if stack[-1][2]:
                    items(node)
            else:
                stack.append([node, None, streams])


def stream(text: str, items: Callable[[Node], None]) -> Node | None:
    """Compose `text` (which `validate` passed), handing the items of its first top-level
    `disputes:` list to `items` in order instead of keeping them."""
    streamer = Streamer(text, items)
    try:
        return streamer.compose()
    finally:
        streamer.dispose()
