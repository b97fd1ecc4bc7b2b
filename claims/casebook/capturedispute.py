"""Planning a new dispute: the file it goes in (made if new, and added to `include:`)."""

from __future__ import annotations

import copy
import fnmatch
import os
from pathlib import Path

import yaml

from claims.casebook.capturecheck import (
    DisputeExists,
    NewDispute,
    NewPosition,
    Plan,
    State,
    check_evidence,
    check_position,
    checked,
    compose_file,
    dispute_files,
    read_file,
    refused_here,
    top_value,
)
from claims.casebook.captureio import CaptureError, Read, load_data, same_data
from claims.casebook.capturequote import NewEvidence
from claims.casebook.yamlquote import scalar
from claims.casebook.yamltext import (
    Edit,
    Entry,
    Style,
    TextRefused,
    after,
    block_item,
    block_key,
    key_text,
    set_key,
    style_of,
)
from claims.casefiles import REVIEW_FILE
from claims.nodes import SLUG
from claims.paths import NoFiles, OutsideCasebook, display, pattern_parts

# --- new dispute -----------------------------------------------------------------------------


def new_dispute_plan(
    state: State, new: NewDispute, position: NewPosition | None, evidence: NewEvidence | None
) -> Plan:
    """The plan adding the dispute `new` (see `capture.add_dispute`)."""
    casebook = state.casebook
    if not SLUG.fullmatch(new.id):
        raise CaptureError(
            f"{new.id!r} is not a valid dispute id",
            "use letters, digits, '.', '_' and '-', starting with a letter or digit",
        )
    existing = casebook.dispute(new.id)
    if existing is not None:
        raise DisputeExists(
            f"a dispute {new.id!r} exists already",
            "give another id",
            existing.loc.file,
            existing.loc.line,
        )
    if not new.question.strip():
        raise CaptureError("the question is empty", "give the contested question")
    if evidence is not None and position is None:
        raise CaptureError("evidence needs a position to go with", "give the new position too")
    if evidence is not None:
        check_evidence(casebook, evidence)
    if position is not None:
        check_position(casebook, None, position)
    entry: Entry = [("id", new.id), ("question", new.question)]
    entry.append(("positions", [position.entry(evidence)] if position is not None else []))
    path, exists = target_file(state, new.file)
    if not exists:
        return _new_file_plan(state, path, entry, new.id, evidence)
    before = read_file(state, path)
    root = compose_file(before)
    style = style_of(before.text, root)
    if root is None:
        edit = _append_top(before.text, "disputes", [entry], style)
    elif isinstance(root, yaml.MappingNode):
        try:
            edit = set_key(before.text, root, "disputes", entry, style)
        except TextRefused as refused:
            raise refused_here(before, refused) from None
    else:
        raise CaptureError(
            f"{display(path.name)} is not a mapping with a `disputes:` list",
            "choose another file",
            path,
        )
    text = edit.apply(before.text)
    return checked(state, before, text, (edit,), (), "disputes", entry, new.id, evidence, root)


def target_file(state: State, given: Path | None) -> tuple[Path, bool]:
    """(the file a new dispute goes in, whether the casebook reads it already): `given`
    (relative to the casebook's folder, or absolute), or by default the file of the
    casebook's last dispute. Raises `CaptureError` for a file outside the casebook's
    folder, in a hidden folder, not `.yaml`, review.yaml, or there but not read."""
    casebook = state.casebook
    if given is None:
        last = casebook.disputes[-1].loc.file if casebook.disputes else casebook.file
        return last, True
    root = os.path.abspath(casebook.root)
    path = Path(os.path.normpath(given if given.is_absolute() else os.path.join(root, given)))
    inside = "name a file inside the casebook's folder, such as disputes/new.yaml"
    if path.suffix.lower() not in (".yaml", ".yml"):
        raise CaptureError(
            f"{display(str(given))} is not a .yaml file", "name a .yaml file for the dispute"
        )
    named = _within(path, root) or _within(path, state.confined.base)
    if named is None:  # by its name alone, no link involved
        raise CaptureError(f"{display(str(given))} is outside the casebook folder", inside)
    try:
        real = state.confined.contain(path)
    except OutsideCasebook as why:
        raise CaptureError(f"{display(str(given))} leads outside the casebook folder: {why}",
                           inside) from None  # fmt: skip
    relative = _within(real, state.confined.base)
    if relative is None:
        raise CaptureError(f"{display(str(given))} is outside the casebook folder", inside)
    if real.name == REVIEW_FILE and real.parent == Path(state.confined.base):
        raise CaptureError("review.yaml holds reviews, not disputes", "name another file")
    hidden = [part for part in (*named[:-1], *relative[:-1]) if part.startswith(".")]
    if hidden:
        raise CaptureError(
            f"{display(str(given))} is in a hidden folder ({display(hidden[0])}), where "
            "disputes are not written",
            "name a file in a folder whose name does not start with '.', such as disputes/new.yaml",
        )
    read_ones = {os.path.realpath(f) for f in dispute_files(casebook)}
    # A folder of sources (not the casebook's own, and holding no dispute file) is no place
    # for disputes: `sources/x.yaml` is a slip of the user's.
    folders = {os.path.dirname(f) for f in read_ones} | {os.path.realpath(casebook.root)}
    held = sorted(
        s.id
        for s in casebook.sources.values()
        if s.path and os.path.realpath(s.path.parent) == str(real.parent)
    )
    held = held if str(real.parent) not in folders else []
    if held and str(real) not in read_ones:
        raise CaptureError(
            f"{display('/'.join(relative))} would go in the folder of the casebook's sources "
            f"(such as {display(held[0])!r}), not among its dispute files",
            "name a file where the disputes are, such as disputes/new.yaml",
        )
    if str(real) in read_ones:
        return real, True
    if os.path.lexists(path):
        raise CaptureError(
            f"{display('/'.join(relative))} exists, but the casebook does not read it (no "
            "`include:` pattern matches it)",
            "add it to `include:` in casebook.yaml, or name another file",
            path,
        )
    return path, False


def _within(path: Path | str, folder: str) -> tuple[str, ...] | None:
    """The parts of `path` below `folder` (both absolute), or None when it is not below it."""
    try:
        relative = os.path.relpath(path, folder)
    except ValueError:  # another drive
        return None
    parts = tuple(Path(relative).parts)
    if os.path.isabs(relative) or not parts or parts[0] == ".." or relative == ".":
        return None
    return parts


def _new_file_plan(
    state: State, path: Path, entry: Entry, dispute_id: str, evidence: NewEvidence | None
) -> Plan:
    casebook = state.casebook
    main = read_file(state, casebook.file)
    main_root = compose_file(main)
    style = style_of(main.text, main_root)
    if casebook.disputes:  # written as the casebook's last dispute file is
        model = read_file(state, casebook.disputes[-1].loc.file)
        style = style_of(model.text, compose_file(model))
    text = key_text("disputes", style.key_quote) + ":" + style.eol
    text += block_item(entry, style.seq_indent, style)
    relative = os.path.relpath(path, casebook.root).replace(os.sep, "/")
    created = Read(path, b"", "", False)
    plan = checked(state, created, text, (Edit(0, "", text),), (), "disputes", entry,
                    dispute_id, evidence, None)  # fmt: skip
    plan = Plan(path, None, text, plan.edits, plan.line, dispute_id, plan.position, plan.evidence)
    patterns = _includes(main_root)
    if any(_matches(relative, pattern) for pattern in patterns):
        return plan
    include = _include_plan(main, main_root, relative, style, dispute_id)
    return Plan(path, None, text, plan.edits, plan.line, dispute_id, plan.position,
                plan.evidence, include)  # fmt: skip


def _includes(root: yaml.Node | None) -> list[str]:
    node = top_value(root, "include") if isinstance(root, yaml.MappingNode) else None
    if isinstance(node, yaml.ScalarNode):
        return [node.value]
    if isinstance(node, yaml.SequenceNode):
        return [n.value for n in node.value if isinstance(n, yaml.ScalarNode)]
    return []


def _matches(relative: str, pattern: str) -> bool:
    """Whether the relative path `relative` ("disputes/x.yaml") matches the include
    `pattern` as `claims.paths.expand` globs it (`*`, `?`, `[…]` in a name; `**` folders)."""
    try:
        parts = pattern_parts(pattern)
    except NoFiles:
        return False
    names = relative.split("/")

    def match(p: int, n: int) -> bool:
        if p == len(parts):
            return n == len(names)
        if parts[p] == "**":
            return any(match(p + 1, k) for k in range(n, len(names)))
        return n < len(names) and fnmatch.fnmatchcase(names[n], parts[p]) and match(p + 1, n + 1)

    return match(0, 0)


def _include_plan(
    main: Read, root: yaml.Node | None, relative: str, style: Style, dispute_id: str
) -> Plan:
    """casebook.yaml with `relative` added to its `include:` list."""
    text = main.text
    node = top_value(root, "include") if isinstance(root, yaml.MappingNode) else None
    if isinstance(node, yaml.SequenceNode) and node.flow_style:
        if node.value:
            edit = Edit(node.value[-1].end_mark.index, "", ", " + scalar(relative, "", flow=True))
        else:
            edit = Edit(node.start_mark.index + 1, "", scalar(relative, "", flow=True))
    elif isinstance(node, yaml.SequenceNode) and node.value:
        dash = node.start_mark.column
        line = " " * dash + "- " + scalar(relative, "") + style.eol
        edit = Edit(after(text, node), "", line)
    elif node is None and (root is None or isinstance(root, yaml.MappingNode)):
        line = "include: [" + scalar(relative, "", flow=True) + "]" + style.eol
        edit = _append_top(text, "", [], style, line)
    else:
        raise CaptureError(
            "`include:` in casebook.yaml is not a list this command can add to",
            f"write it as a list, e.g. include: [disputes/*.yaml, {relative}], and try again",
            main.path,
        )
    new_text = edit.apply(text)
    try:
        old, new = load_data(text) or {}, load_data(new_text)
    except yaml.YAMLError:
        new = None
        old = {}
    expected = copy.deepcopy(old)
    listed = expected.get("include")
    expected["include"] = [*(listed or []), relative]
    if not same_data(expected, new):
        raise CaptureError(
            "could not add the new file to `include:` in casebook.yaml without changing "
            "what is there",
            f"add {relative} to `include:` by hand, and try again",
            main.path,
        )
    at = new_text.count("\n", 0, edit.offset) + 1
    return Plan(main.path, main, new_text, (edit,), at, dispute_id, None, None)


def _append_top(text: str, key: str, items: list[Entry], style: Style, line: str = "") -> Edit:
    """An edit adding a top-level `key:` with `items` (or the ready `line`) at the end."""
    new = line or block_key(key, items, 0, style)
    if text and not text.endswith(("\n", "\r")):
        new = style.eol + new
    return Edit(len(text), "", new)
