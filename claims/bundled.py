"""Where the bundled example casebook is (shipped inside the package, so wheels carry it)."""

from __future__ import annotations

from pathlib import Path

BUNDLED = Path(__file__).parent / "bundled" / "yekaterinburg"


def bundled_casebook() -> Path:
    return BUNDLED
