"""Shared by the tests of the claimreview, annotations, csv and qdpx exports: load a
casebook and render one format of it, as `contested export` does."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from claims.documents import Documents
from claims.export import exporters, select
from claims.loader import load
from claims.model import Casebook

REPO = Path(__file__).resolve().parent.parent


def render(path: Path, name: str, disputes: Sequence[str] = ()) -> bytes:
    """The bytes of format `name` for the casebook at `path` (the disputes named, or all)."""
    casebook = load(path).casebook
    return rendered(casebook, name, disputes)


def rendered(casebook: Casebook, name: str, disputes: Sequence[str] = ()) -> bytes:
    """The bytes of format `name` for a loaded casebook."""
    selection = select(casebook, disputes, Documents(casebook))
    return exporters()[name].render(casebook, selection)
