"""Planning where evidence goes: the dispute, the position, the list in the file.

`evidence_plan` finds the dispute and the position (by `id:`, else by holder) and makes the
file's new text (`claims.casebook.yamltext`), which `capturecheck.checked` proves right.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from typing import Any

import yaml

from claims.anchoring import Found, anchor
from claims.casebook.capturecheck import (
    AlreadyCited,
    AmbiguousPosition,
    NewPosition,
    Plan,
    State,
    UnknownDispute,
    UnknownPosition,
    check_evidence,
    check_position,
    checked,
    compose_file,
    dispute_node,
    position_node,
    read_file,
    refused_here,
    where,
)
from claims.casebook.capturequote import NewEvidence
from claims.casebook.yamltext import (
    Entry,
    TextRefused,
    set_key,
    style_of,
)
from claims.documents import Documents
from claims.model import Casebook, Dispute, Evidence, Position

# --- evidence ------------------------------------------------------------------------------


def evidence_plan(
    state: State, dispute_id: str, position: str | NewPosition, evidence: NewEvidence
) -> Plan:
    """The plan adding `evidence` to `position` of `dispute_id` (see `capture.add_evidence`)."""
    casebook = state.casebook
    dispute = find_dispute(casebook, dispute_id)
    check_evidence(casebook, evidence)
    if isinstance(position, NewPosition):
        check_position(casebook, dispute, position)
        target = None
    else:
        target = find_position(dispute, position)
        _not_cited_yet(state, target, evidence)
    before = read_file(state, dispute.loc.file)
    root = compose_file(before)
    dnode, index = dispute_node(root, dispute, before.path)
    style = style_of(before.text, root)
    entry = _in_file_order(evidence.entry(), root)
    try:
        if target is None:
            assert isinstance(position, NewPosition)
            new_entry = position.entry(evidence)
            new_entry[-1] = ("evidence", [entry])
            edit = set_key(before.text, dnode, "positions", new_entry, style)
            data_path: tuple[str | int, ...] = ("disputes", index)
            key, added = "positions", new_entry
        else:
            pnode, p_index = position_node(dnode, target, before.path)
            edit = set_key(before.text, pnode, "evidence", entry, style)
            data_path = ("disputes", index, "positions", p_index)
            key, added = "evidence", entry
    except TextRefused as refused:
        raise refused_here(before, refused) from None
    text = edit.apply(before.text)
    return checked(state, before, text, (edit,), data_path, key, added, dispute.id, evidence, root)


def _not_cited_yet(state: State, position: Position, evidence: NewEvidence) -> None:
    """Raise `AlreadyCited` when `position` has an evidence entry of the same source and
    quote that stands for the same words: the same `before`/`after` (and `paragraph:`, when
    both have one), or found by the anchoring rules at the same place as `evidence`."""
    same = [
        e for e in position.evidence if (e.source, e.quote) == (evidence.source, evidence.quote)
    ]
    if not same:
        return
    document = None
    for old in same:
        hints = (old.paragraph, evidence.paragraph)
        if (old.before, old.after) != (evidence.before, evidence.after) or (
            None not in hints and hints[0] != hints[1]
        ):
            if document is None:
                document = Documents(state.casebook).get(evidence.source)
            if document is None or not _same_place(document, old, evidence.as_evidence()):
                continue
        name = position.id or repr(position.holder)
        raise AlreadyCited(
            f"position {name} already cites this quote at {where(state.casebook, old.loc)}",
            "nothing to add; to cite the words again elsewhere, give the paragraph "
            "(--paragraph N) or a longer quote",
            old.loc.file,
            old.loc.line,
        )


def _same_place(document: Any, one: Evidence, other: Evidence) -> bool:
    threshold = 100.0
    first, second = anchor(document, one, threshold), anchor(document, other, threshold)
    return (
        isinstance(first, Found)
        and isinstance(second, Found)
        and (first.paragraph, first.start, first.end)
        == (second.paragraph, second.start, second.end)
    )


def find_dispute(casebook: Casebook, dispute_id: str) -> Dispute:
    """The dispute `dispute_id`. Raises `UnknownDispute` (with the closest ids)."""
    dispute = casebook.dispute(dispute_id)
    if dispute is None:
        ids = [d.id for d in casebook.disputes]
        close = difflib.get_close_matches(dispute_id, ids, n=3, cutoff=0.5)
        raise UnknownDispute(
            f"no dispute {dispute_id!r} in this casebook",
            ("did you mean " + ", ".join(close) + "?")
            if close
            else "`contested list` shows the disputes' ids",
        )
    return dispute


def find_position(dispute: Dispute, given: str) -> Position:
    """The position of `dispute` whose `id:` is `given`, else whose holder is (exactly,
    then ignoring case), else `#N`: the N-th (1-based) of the dispute's positions. Raises
    `UnknownPosition` or `AmbiguousPosition` (choices in the hint)."""
    for position in dispute.positions:
        if position.id == given:
            return position
    numbered = re.fullmatch(r"#(\d+)", given.strip())
    if numbered is not None:
        number = int(numbered.group(1))
        if 1 <= number <= len(dispute.positions):
            return dispute.positions[number - 1]
        raise UnknownPosition(
            f"dispute {dispute.id!r} has no position #{number} (it has {len(dispute.positions)})",
            "its positions: " + _choices(dispute, dispute.positions),
            dispute.loc.file,
            dispute.loc.line,
        )
    for matches in (
        [p for p in dispute.positions if p.holder == given],
        [p for p in dispute.positions if p.holder.casefold() == given.casefold()],
    ):
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise AmbiguousPosition(
                f"{len(matches)} positions of {dispute.id!r} are held by {given!r}",
                "name one by its id, or by its number among the dispute's positions "
                "(#N): " + _choices(dispute, matches),
                dispute.loc.file,
                matches[0].loc.line,
            )
    raise UnknownPosition(
        f"dispute {dispute.id!r} has no position with id or holder {given!r}",
        (
            "its positions: "
            + _choices(dispute, dispute.positions)
            + "; or `new` with --side, --holder, --claim"
        )
        if dispute.positions
        else "it has no positions yet; add one (`new`)",
        dispute.loc.file,
        dispute.loc.line,
    )


def _choices(dispute: Dispute, positions: Any) -> str:
    """Each of `positions` named as it can be given: its id, else `#N` (1-based number
    among the dispute's positions), with its holder."""
    numbers = {id(p): n for n, p in enumerate(dispute.positions, 1)}
    return "; ".join(
        (f"{p.id} ({p.holder})" if p.id else f"#{numbers[id(p)]} ({p.holder}, no id)")
        for p in positions
    )


def _in_file_order(entry: Entry, root: yaml.Node | None) -> Entry:
    """`entry` with its keys in the order the file's evidence entries use: a key goes
    before another when more of the entries holding both put it first (a tie, or keys
    never seen together: `entry`'s own order)."""
    before: Counter[tuple[str, str]] = Counter()
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == "evidence" and isinstance(value, yaml.SequenceNode):
                    for item in value.value:
                        if isinstance(item, yaml.MappingNode):
                            names = [str(k.value) for k, _ in item.value]
                            before.update(
                                (a, b) for i, a in enumerate(names) for b in names[i + 1 :]
                            )
                    continue
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    out: Entry = []
    for pair in entry:  # insertion sort: at most six keys
        at = len(out)
        while at > 0 and before[(pair[0], out[at - 1][0])] > before[(out[at - 1][0], pair[0])]:
            at -= 1
        out.insert(at, pair)
    return out
