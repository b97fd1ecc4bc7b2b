"""What live reload watches, and a cheap fingerprint of it taken on every poll.

The files read at the last load (casebook.yaml, included files, the sources) are not
enough: a file that newly matches an `include:` pattern, or one that was deleted
and comes back (a `git checkout`, a `git stash`), is in no such list. So the include
patterns are globbed again on every poll, and what they match is part of the fingerprint
with the files' own stat results. All of it runs in a worker thread, never on the UI's.
review.yaml is left out: the app writes it on every rating, which must not reload the
casebook; the app's reviews watch it themselves and read it alone again when someone else
changes it (`tui.review_actions`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml

from claims.casefiles import REVIEW_FILE
from claims.paths import (
    YAML_LIMIT,
    NoFiles,
    OutsideCasebook,
    Refused,
    check_relative,
    expand,
    read_regular,
)

#: One watched path: (path, mtime, ctime (ns), size, inode), or (path, None) when it cannot be
#: stat'ed; a pattern's matches: (pattern, the matched paths).
Fingerprint = tuple[tuple[object, ...], ...]

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Watched:
    root: Path
    files: tuple[Path, ...]
    patterns: tuple[str, ...] = ()

    def fingerprint(self) -> Fingerprint:
        """Stat every file and every current match of the patterns (blocking: a worker's)."""
        out: list[tuple[object, ...]] = []
        paths = dict.fromkeys(self.files)
        for pattern in self.patterns:
            matched = _matches(self.root, pattern)
            out.append((pattern, *matched))
            paths.update(dict.fromkeys(matched))
        paths.pop(self.root / REVIEW_FILE, None)  # the app's reviews watch it (tui.review_actions)
        for path in paths:
            try:
                st = os.stat(path)
            except OSError:
                out.append((str(path), None))
            else:
                out.append((str(path), st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino))
        return tuple(out)


def _matches(root: Path, pattern: str) -> list[Path]:
    try:
        check_relative(pattern)
        return expand(root, pattern).paths
    except (OutsideCasebook, NoFiles, OSError):  # the loader says why; nothing to watch
        return []


def include_patterns(file: Path) -> tuple[str, ...]:
    """The `include:` patterns of the casebook file `file` (one text or a list of texts),
    read from YAML events without building the document; () if there are none or the file
    cannot be read or parsed (the loader reports that)."""
    try:
        data = read_regular(file, YAML_LIMIT)  # never a FIFO, never without end
        if b"include" not in data:  # most big casebooks (disputes inline) have none
            return ()
        return _includes(yaml.parse(data, Loader=_Loader))
    except (Refused, yaml.YAMLError, ValueError):
        return ()


def _includes(events: object) -> tuple[str, ...]:
    depth = 0
    key: str | None = None
    want_key = True
    found: list[str] = []
    for event in events:  # type: ignore[attr-defined]
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth == 2 and want_key:  # a mapping or a list as a key: not ours
                return tuple(found)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
            if depth == 1:  # a top-level value that was a collection is over
                if key == "include":
                    return tuple(found)
                want_key = True
            elif depth == 0:
                return tuple(found)
        elif isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent)):
            value = event.value if isinstance(event, yaml.ScalarEvent) else None
            if depth == 1:
                if want_key:
                    key, want_key = value, False
                else:
                    if key == "include" and value is not None:
                        return (value,)
                    want_key = True
            elif depth == 2 and key == "include" and value is not None:
                found.append(value)
    return tuple(found)
