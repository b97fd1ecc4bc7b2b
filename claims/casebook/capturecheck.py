"""Checking a capture before it is written, and what every capture step shares.

The errors and records of a capture (`NewPosition`, `NewDispute`, `State`, `Plan`), loading
the casebook (`load_casebook`), and `checked`: a file's new text is proved right in memory
before anything is written: its data is the old text's plus the entry and nothing else
(`captureio.skeleton`: composed trees compared node by node, key order included), the
dispute composes and loads by the project's loader
(`claims.loader`) with no new problem, and the new quote anchors by rule 1 (`exact`,
`claims.anchoring`), in its hinted paragraph.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from claims import loader
from claims.anchoring import Ambiguous, Found, anchor
from claims.bundled import bundled_casebook
from claims.casebook.captureio import (
    CaptureError,
    Conflict,
    Read,
    entry_skeleton,
    read,
    skeleton,
    with_item,
)
from claims.casebook.capturequote import NewEvidence, NotExact, anchors_exactly
from claims.casebook.yamltext import (
    Edit,
    Entry,
    TextRefused,
)
from claims.casefiles import REVIEW_FILE
from claims.documents import Documents
from claims.model import Casebook, Dispute, Location, Position
from claims.nodes import SLUG
from claims.paths import Confined, OutsideCasebook, display
from claims.problems import CasebookUnreadable, Problem
from claims.text import sanitize
from claims.yamlfile import YamlError, compose


class UnknownDispute(CaptureError):
    """No dispute has the id given (the hint names the closest ids)."""


class UnknownPosition(CaptureError):
    """No position of the dispute has the id or holder given (the hint lists them)."""


class AmbiguousPosition(CaptureError):
    """Several positions of the dispute have the holder given (the hint lists their ids)."""


class DisputeExists(CaptureError):
    """A dispute with the id given exists already (`path`, `line`: where)."""


class AlreadyCited(CaptureError):
    """The position cites these words of this source at that place already (`path`,
    `line`: the evidence there)."""


@dataclass(frozen=True)
class NewPosition:
    """A position to add: `side` (a side id the casebook declares), `holder`, `claim`, and
    optionally its `id` (a slug unique within the dispute). Written as side, holder, id,
    claim, evidence."""

    side: str
    holder: str
    claim: str
    id: str | None = None

    def entry(self, evidence: NewEvidence | None) -> Entry:
        pairs: Entry = [("side", self.side), ("holder", self.holder)]
        if self.id is not None:
            pairs.append(("id", self.id))
        pairs.append(("claim", self.claim))
        if evidence is not None:
            pairs.append(("evidence", [evidence.entry()]))
        return pairs


@dataclass(frozen=True)
class NewDispute:
    """A dispute to add: `id` (a slug, unused in the casebook), `question`, and `file` (the
    YAML file it goes in, relative to the casebook's folder; None: see `add_dispute`)."""

    id: str
    question: str
    file: Path | None = None


@dataclass(frozen=True)
class State:
    """A casebook as loaded for a capture, and its root for confining paths."""

    casebook: Casebook
    confined: Confined


@dataclass(frozen=True)
class Plan:
    """One file's new text, checked: `path` (the real file), `before` (as read; None for a
    file to create), `text`, `edits`, `line` (1-based, of the new entry), the dispute's
    id, the 0-based position and evidence indexes of the new entry as loaded, and a
    second plan for casebook.yaml's `include:` (or None)."""

    path: Path
    before: Read | None
    text: str
    edits: tuple[Edit, ...]
    line: int
    dispute: str
    position: int | None
    evidence: int | None
    include: Plan | None = None


def load_casebook(path: Path, loaded: Casebook | None = None) -> State:
    """The casebook at `path`, loaded (or `loaded`, the caller's own load of it). Raises
    `CaptureError` when it cannot be read, or is the bundled example (never changed)."""
    if loaded is not None:
        return _state(loaded)
    try:
        whole = loader.load(path)
    except CasebookUnreadable as exc:
        first = exc.problems[0] if exc.problems else None
        raise CaptureError(
            first.message if first else "the casebook cannot be read",
            first.hint if first else None,
            first.loc.file if first else None,
            first.loc.line if first else None,
        ) from None
    return _state(whole.casebook)


def _state(casebook: Casebook) -> State:
    if os.path.realpath(casebook.root) == os.path.realpath(bundled_casebook()):
        raise CaptureError(
            "the bundled example is not changed",
            "`contested init --example PATH` makes a copy of it to work on",
        )
    return State(casebook, Confined(casebook.root))


def dispute_files(casebook: Casebook) -> list[Path]:
    """The YAML files a new dispute may go in: casebook.yaml and each file `include:`
    matched, in the order read (review.yaml left out)."""
    return [f for f in casebook.files if f.name != REVIEW_FILE or f.parent != casebook.root]


def check_evidence(casebook: Casebook, evidence: NewEvidence) -> None:
    if evidence.source not in casebook.sources:
        raise CaptureError(
            f"unknown source {evidence.source!r}",
            "the casebook's sources: " + (", ".join(sorted(casebook.sources)) or "none"),
        )
    if not evidence.quote.strip():
        raise CaptureError("the quote is empty", "give the words the source has")
    if evidence.paragraph is not None and evidence.paragraph < 1:
        raise CaptureError(f"paragraph {evidence.paragraph} is not a paragraph number (from 1)")


def check_position(casebook: Casebook, dispute: Dispute | None, new: NewPosition) -> None:
    """Raise `CaptureError` unless `new` can be added to `dispute` (None: a new dispute):
    a known side, a holder and claim, a valid id not taken, and no position of the dispute
    with the same side and holder (ignoring case; the refusal names it, by id or 1-based
    number `#N`, to add to instead)."""
    if new.side not in casebook.sides:
        first = next(iter(casebook.sides.values()), None)  # where the sides are declared
        raise CaptureError(
            f"unknown side {new.side!r}",
            "the casebook's sides: "
            + (", ".join(casebook.sides) or "none; add one under `sides:`"),
            first.loc.file if first else casebook.file,
            first.loc.line if first else None,
        )
    for name, value in (("holder", new.holder), ("claim", new.claim)):
        if not value.strip():
            raise CaptureError(f"the new position's {name} is empty", f"give its {name}")
    if new.id is not None:
        if not SLUG.fullmatch(new.id):
            raise CaptureError(
                f"{new.id!r} is not a valid position id",
                "use letters, digits, '.', '_' and '-', starting with a letter or digit",
            )
        if dispute is not None and any(p.id == new.id for p in dispute.positions):
            raise CaptureError(f"dispute {dispute.id!r} has a position {new.id!r} already")
    if dispute is None:
        return
    holder = new.holder.strip().casefold()
    for number, old in enumerate(dispute.positions, 1):
        if old.side == new.side and old.holder.strip().casefold() == holder:
            name = old.id or f"#{number}"
            raise CaptureError(
                f"dispute {dispute.id!r} has a position held by {old.holder!r} on side "
                f"{old.side!r} already ({name}, at {where(casebook, old.loc)})",
                f"add the evidence to that position instead ({name})",
                old.loc.file,
                old.loc.line,
            )


def where(casebook: Casebook, loc: Location) -> str:
    """`FILE:LINE` for people: the file relative to the casebook's folder (as it is given
    in `include:`), shown safely (`claims.paths.display`)."""
    try:
        name = os.path.relpath(loc.file, casebook.root).replace(os.sep, "/")
    except ValueError:  # another drive
        name = str(loc.file)
    if name.startswith(".."):
        name = loc.file.name
    return f"{display(name)}:{loc.line}"


def top_value(root: yaml.Node | None, name: str) -> yaml.Node | None:
    if not isinstance(root, yaml.MappingNode):
        return None
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == name:
            found: yaml.Node = value
            return found
    return None


# --- reading and checking ------------------------------------------------------------------


def read_file(state: State, file: Path) -> Read:
    try:
        real = state.confined.contain(file)
    except OutsideCasebook as why:
        raise CaptureError(
            f"{display(str(file))} is outside the casebook: {why}", path=file
        ) from None
    return read(real)


def compose_file(before: Read) -> yaml.Node | None:
    try:
        return compose(before.path, before.text)
    except YamlError as exc:
        loc = exc.problem.loc
        raise CaptureError(
            exc.problem.message, "fix the file (`contested check` says where)", loc.file, loc.line
        ) from None


def dispute_node(
    root: yaml.Node | None, dispute: Dispute, path: Path
) -> tuple[yaml.MappingNode, int]:
    """The mapping node of `dispute` in `root`'s `disputes:` list and its 0-based index.
    Raises Conflict when it is not where the loaded casebook says (the file changed)."""
    return _item(top_value(root, "disputes"), dispute.loc, "id", dispute.id, path)


def position_node(dnode: yaml.Node, position: Position, path: Path) -> tuple[yaml.MappingNode, int]:
    """The mapping node of `position` in `dnode`'s `positions:` list and its 0-based index.
    Raises Conflict when it is not where the loaded casebook says (the file changed)."""
    return _item(top_value(dnode, "positions"), position.loc, "holder", position.holder, path)


def _item(
    items: yaml.Node | None, loc: Location, key: str, value: str, path: Path
) -> tuple[yaml.MappingNode, int]:
    """The mapping of sequence `items` that starts at `loc` (1-based line and column) and
    whose `key` reads `value`, with its 0-based index; Conflict when there is none."""
    if isinstance(items, yaml.SequenceNode):
        for index, node in enumerate(items.value):
            mark = node.start_mark
            if (
                isinstance(node, yaml.MappingNode)
                and (mark.line + 1, mark.column + 1) == (loc.line, loc.column)
                and _says(node, key, value)
            ):
                return node, index
    raise Conflict(
        f"{display(path.name)} changed since the casebook was read; nothing was written",
        "reload the casebook, then try again",
        path,
    )


def _says(node: yaml.MappingNode, key: str, value: str) -> bool:
    """Whether `node` has `key` holding the text `value` (as the loader reads it)."""
    found = top_value(node, key)
    return isinstance(found, yaml.ScalarNode) and sanitize(str(found.value)) == value


def refused_here(before: Read, refused: TextRefused) -> CaptureError:
    line = before.text.count("\n", 0, refused.index) + 1
    return CaptureError(refused.message, "edit the file by hand there, then try again",
                        before.path, line)  # fmt: skip


def _plain(entry: Entry) -> dict[str, Any]:
    return {k: ([_plain(e) for e in v] if isinstance(v, list) else v) for k, v in entry}


def checked(
    state: State,
    before: Read,
    text: str,
    edits: tuple[Edit, ...],
    data_path: tuple[str | int, ...],
    key: str,
    entry: Entry,
    dispute_id: str,
    evidence: NewEvidence | None,
    old_root: yaml.Node | None,
) -> Plan:
    """The plan, once `text` is proved right (see the module's docstring): `old_root` is
    `before.text` composed (None for an empty or new file). Raises `CaptureError` or
    `NotExact`."""
    path = before.path
    by_hand = "add the entry by hand; `contested check` then checks it"
    try:
        root = compose(path, text)
    except YamlError as exc:
        raise CaptureError(exc.problem.message, by_hand, path, exc.problem.loc.line) from None
    try:
        expected = with_item(skeleton(old_root), data_path, key, entry_skeleton(entry))
        same = expected == skeleton(root)
    except (LookupError, TypeError, ValueError, RecursionError):
        same = False
    if not same:
        raise CaptureError(
            f"could not insert the entry into {display(path.name)} without changing what is "
            "there (its layout is one this command does not follow)",
            by_hand,
            path,
        )
    node: Any = root
    for step in (*data_path, key):
        node = top_value(node, step) if isinstance(step, str) else node.value[step]
    new_node = node.value[-1]  # the entry added: a dispute, a position or an evidence
    dispute_node = new_node if key == "disputes" else walk(root, data_path[:2])
    casebook = state.casebook
    problems: list[Problem] = []
    loaded = loader._disputes(
        [(path, dispute_node)], casebook.sides, casebook.sources, problems, {}
    )
    if old_root is not None:
        old_problems: list[Problem] = []
        if key != "disputes":
            loader._disputes([(path, walk(old_root, data_path[:2]))], casebook.sides,
                             casebook.sources, old_problems, {})  # fmt: skip
        extra = Counter(_said(p) for p in problems) - Counter(_said(p) for p in old_problems)
        problems = [p for p in problems if _said(p) in extra]
    if problems or not loaded:
        first = problems[0] if problems else None
        raise CaptureError(
            "the new entry would not load: " + (first.message if first else "the dispute is lost"),
            first.hint if first else by_hand,
            path,
            first.loc.line if first else None,
        )
    dispute = loaded[0]
    line = new_node.start_mark.line + 1
    p_index, e_index = _indexes(dispute, key, new_node, path)
    if evidence is not None and p_index is not None:
        if e_index is None:
            raise CaptureError("the new evidence was not found after loading", by_hand, path, line)
        position = dispute.positions[p_index]
        loaded_evidence = position.evidence[e_index]
        _anchored(state, loaded_evidence, evidence, path, line)
    elif evidence is None:
        e_index = None
    return Plan(path, before, text, edits, line, dispute.id, p_index, e_index)


def walk(root: Any, steps: tuple[str | int, ...]) -> Any:
    node = root
    for step in steps:
        node = top_value(node, step) if isinstance(step, str) else node.value[step]
    return node


def _said(problem: Problem) -> tuple[str, str]:
    return problem.code, re.sub(r"\d+", "#", problem.message)


def _indexes(
    dispute: Dispute, key: str, node: yaml.Node, path: Path
) -> tuple[int | None, int | None]:
    """(0-based position index, 0-based evidence index or None) of the new entry, found by
    where its node starts (line AND column: on a one-line flow node, several entries
    share a line)."""
    if key == "disputes":
        if not dispute.positions:
            return None, None
        return 0, (0 if dispute.positions[0].evidence else None)
    mark = node.start_mark
    at = (mark.line + 1, mark.column + 1)
    for index, position in enumerate(dispute.positions):
        if key == "positions" and (position.loc.line, position.loc.column) == at:
            return index, (0 if position.evidence else None)
        if key == "evidence":
            for e_index, evidence in enumerate(position.evidence):
                if (evidence.loc.line, evidence.loc.column) == at:
                    return index, e_index
    raise CaptureError("the new entry was not found after loading", path=path, line=at[0])


def _anchored(
    state: State, loaded_evidence: Any, given: NewEvidence, path: Path, line: int
) -> None:
    """Raise `NotExact` unless the loaded evidence anchors by rule 1 (in the hinted paragraph)."""
    documents = Documents(state.casebook)
    document = documents.get(given.source)
    if document is None:
        problem = documents.problems.get(given.source)
        raise CaptureError(
            problem.message if problem else f"source {given.source!r} cannot be read",
            problem.hint if problem else None,
            path,
            line,
        )
    if anchors_exactly(document, loaded_evidence):
        outcome = anchor(document, loaded_evidence, 100.0)
        if given.paragraph is None or (
            isinstance(outcome, Found) and outcome.paragraph == given.paragraph
        ):
            return
        where = f"¶{outcome.paragraph}" if isinstance(outcome, Found) else "elsewhere"
        raise NotExact(
            f"the quote is found in {where}, not in ¶{given.paragraph}",
            "check the quote and the paragraph",
            path,
            line,
        )
    outcome = anchor(document, loaded_evidence, state.casebook.fuzzy_threshold)
    if isinstance(outcome, Ambiguous):
        places = ", ".join(f"¶{n}" for n in outcome.paragraphs)
        why = f"it is found in more than one place ({places})"
        hint = "give a longer quote, or the paragraph (--paragraph N) to add before/after"
    elif isinstance(outcome, Found):
        why = f"it is found only {outcome.method.value} in ¶{outcome.paragraph}, not word for word"
        hint = "copy the words exactly as the source has them"
    else:
        why = "the source does not have these words"
        hint = "copy the words exactly as the source has them (`contested read` shows it)"
    raise NotExact(
        f"the quote does not anchor exactly in {given.source!r}: {why}", hint, path, line
    )
