"""Addresses of evidence, `DISPUTE[:POSITION[:EVIDENCE]]`, read and resolved against a
casebook (the syntax: `claims.compare`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims.model import Casebook, Dispute


class CompareError(Exception):
    """An address that names nothing, or nothing to compare: `message` says what (and what
    exists), `hint` what to do (or None). `contested compare` exits 2."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True, slots=True)
class Address:
    """An address as written: the dispute id, the position (id, holder or `#N`; None when
    not given), the evidence number (1-based; None when not given)."""

    dispute: str
    position: str | None = None
    evidence: int | None = None


@dataclass(frozen=True, slots=True)
class Pick:
    """One piece of evidence: `dispute.positions[position].evidence[evidence]` (0-based)."""

    dispute: Dispute
    position: int
    evidence: int


_NUMBER = re.compile(r"\d+")


def parse_address(text: str) -> Address:
    """`DISPUTE[:POSITION[:EVIDENCE]]` read: the dispute is what comes before the first `:`;
    a last part of digits after a second `:` is EVIDENCE; what is between is POSITION,
    whole (a holder may hold `:`). Raises `CompareError` for an empty dispute or position,
    or an evidence number below 1."""
    dispute, colon, rest = text.strip().partition(":")
    if not dispute:
        raise CompareError(f"no dispute in the address {text!r}", _SYNTAX)
    if not colon:
        return Address(dispute)
    position, evidence = rest, None
    head, colon, tail = rest.rpartition(":")
    if colon and _NUMBER.fullmatch(tail.strip()):
        position, evidence = head, int(tail)
    elif colon and not tail.strip():
        raise CompareError(f"no evidence number after the last `:` in {text!r}", _SYNTAX)
    if not position.strip():
        raise CompareError(f"no position in the address {text!r}", _SYNTAX)
    if evidence is not None and evidence < 1:
        raise CompareError(f"evidence is numbered from 1, not {evidence}, in {text!r}", _SYNTAX)
    return Address(dispute, position.strip(), evidence)


_SYNTAX = (
    "write DISPUTE, DISPUTE:POSITION or DISPUTE:POSITION:EVIDENCE (POSITION its id, its "
    "holder or #N; EVIDENCE its number from 1), e.g. aztv-1937-wording:harshly-brutally:1"
)


def resolve(casebook: Casebook, address: str | Address) -> Pick:
    """The evidence `address` names in `casebook`. A dispute alone: its first position that
    cites evidence, evidence 1; no EVIDENCE: 1. Raises `CompareError` naming what exists
    when the dispute, position or evidence is not there."""
    given = parse_address(address) if isinstance(address, str) else address
    dispute = find_dispute(casebook, given.dispute)
    if given.position is None:
        cited = [i for i, p in enumerate(dispute.positions) if p.evidence]
        if not cited:
            raise CompareError(
                f"dispute {dispute.id!r} cites no evidence yet",
                "add evidence to one of its positions (`contested add-evidence`)",
            )
        return Pick(dispute, cited[0], 0)
    index = find_position(dispute, given.position)
    position = dispute.positions[index]
    number = given.evidence or 1
    if not position.evidence:
        raise CompareError(
            f"position {position.key!r} of dispute {dispute.id!r} cites no evidence",
            "add evidence to it (`contested add-evidence`), or name another position",
        )
    if number > len(position.evidence):
        count = len(position.evidence)
        raise CompareError(
            f"position {position.key!r} of dispute {dispute.id!r} has no evidence {number}: "
            f"it has {count} ({'1' if count == 1 else f'1 to {count}'})",
            f"name one of them, e.g. {dispute.id}:{_ref(dispute, index)}:{count}",
        )
    return Pick(dispute, index, number - 1)


def find_dispute(casebook: Casebook, dispute_id: str) -> Dispute:
    """The dispute with this id; `CompareError` with the ids it may mean otherwise."""
    dispute = casebook.dispute(dispute_id)
    if dispute is not None:
        return dispute
    from claims.text import suggest  # the same "did you mean" as `show DISPUTE`

    close = suggest(dispute_id, [d.id for d in casebook.disputes])
    message = f"no dispute {dispute_id!r} in {casebook.title!r}"
    if close:
        names = [repr(c) for c in close]
        listed = ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else names[0]
        return _raise(f"{message}; did you mean {listed}?", None)
    return _raise(message, "`contested list` lists the disputes")


def find_position(dispute: Dispute, given: str) -> int:
    """The index of the position `given` names (`add-evidence`'s rule: its `id:`, `#N`,
    its holder exactly, then ignoring case); `CompareError` naming the positions else."""
    from claims.casebook.capturecheck import AmbiguousPosition, UnknownPosition
    from claims.casebook.captureplan import find_position as find

    try:
        position = find(dispute, given)
    except AmbiguousPosition as error:
        raise CompareError(error.message, error.hint) from None
    except UnknownPosition as error:
        message = error.message
        if not given.strip().startswith("#"):
            from claims.text import suggest

            names = [p.id or p.holder for p in dispute.positions]
            close = suggest(given, names, limit=3)
            if close:  # a holder with ':' reads as an address only written whole
                shown = [f"{dispute.id}:{c}:1" if ":" in c else c for c in close]
                message += "; did you mean " + " or ".join(repr(c) for c in shown) + "?"
        raise CompareError(message, "its positions: " + positions_named(dispute)) from None
    return next(i for i, p in enumerate(dispute.positions) if p is position)


def positions_named(dispute: Dispute) -> str:
    """Each position as it can be addressed, with its holder: `harshly-brutally (First
    rendering…)`, `#2 (Author, no id)`; "none" when there are none."""
    named = []
    for index, position in enumerate(dispute.positions):
        ref = _ref(dispute, index)
        named.append(f"{ref} ({position.holder}" + (")" if position.id else ", no id)"))
    return "; ".join(named) or "none"


def _ref(dispute: Dispute, index: int) -> str:
    """How position `index` is written in an address: its id, else `#N`."""
    return dispute.positions[index].id or f"#{index + 1}"


def _raise(message: str, hint: str | None) -> Dispute:
    raise CompareError(message, hint)
