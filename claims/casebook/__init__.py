"""Finding the casebook a command works on: `discover` (the nearest `casebook.yaml` at or
above a folder, else the bundled example)."""

from claims.casebook.discover import CASEBOOK_FILE, Found, discover, find_upward

__all__ = ["CASEBOOK_FILE", "Found", "discover", "find_upward"]
