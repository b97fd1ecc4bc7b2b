"""Helpers shared by the formats Helper B wrote (claimreview, annotations, qdpx): stable
identifiers, and JSON text safe to paste anywhere.

Identifiers are UUIDs (version 5: SHA-1 of a name) under one namespace per casebook, so
the same casebook gives the same ids on every export (and two casebooks, different ones).
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from claims.model import Casebook, Dispute
from claims.text import json_text

__all__ = ["dump_json", "namespace", "position_keys", "stable_uuid"]


def namespace(casebook: Casebook) -> uuid.UUID:
    """The casebook's UUID namespace: from its `url:` when it has one, else its title."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"contested:{casebook.url or casebook.title}")


def stable_uuid(casebook: Casebook, *parts: str) -> uuid.UUID:
    """A UUID (version 5) for `parts` (e.g. "evidence", dispute id, position key, index)
    in the casebook's namespace: the same parts, the same UUID."""
    return uuid.uuid5(namespace(casebook), "\x1f".join(parts))


def dump_json(data: Any) -> bytes:
    """`data` as UTF-8 JSON with a two-space indent and a final newline; characters that
    must not be written raw escaped (`claims.text.json_text`), and `<`, `>`, `&` written
    `\\u003c`, `\\u003e`, `\\u0026` (the same strings to a JSON reader, and never
    `</script>` when pasted inside an HTML script element)."""
    dumped = json_text(json.dumps(data, ensure_ascii=False, indent=2))
    dumped = dumped.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return (dumped + "\n").encode("utf-8")


def position_keys(dispute: Dispute) -> list[str]:
    """Each position's key (`Position.key`: its id, else its holder) in list order, made
    unique within the dispute: a key seen before gets "#2", "#3"… (two positions without
    ids may share a holder), so ids built from them never collide."""
    seen: dict[str, int] = {}
    out = []
    for position in dispute.positions:
        key = position.key
        seen[key] = seen.get(key, 0) + 1
        out.append(key if seen[key] == 1 else f"{key}#{seen[key]}")
    return out
