"""What the compare tests share: an alignment as a table (the `bundled` fixture, the
bundled casebook loaded once per module, is in conftest.py)."""

from __future__ import annotations

from claims.anchoring.variants import Alignment


def table(alignment: Alignment) -> list[tuple[str, str, str]]:
    """Each row as (kind, a's words, b's words)."""
    return [
        (
            str(row.kind),
            alignment.a[row.a_start : row.a_end],
            alignment.b[row.b_start : row.b_end],
        )
        for row in alignment.rows
    ]
