"""Problems: what `check` reports, and the one error tree of the library.

A problem always names a location (file, line, column) and, where one helps, a hint that
says what to do. Codes are the ones of the casebook format page, plus a few of our own.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from claims.model import Location


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


#: Every code `check` can give, with its severity and one line on what it means.
CODES: dict[str, tuple[Severity, str]] = {
    "syntax": (Severity.ERROR, "YAML that does not parse, a wrong type, or an unknown key"),
    "duplicate-id": (Severity.ERROR, "two sources, sides or disputes with one id; a duplicate key"),
    "missing-file": (
        Severity.ERROR,
        "a source file that is missing, unreadable or not UTF-8",
    ),
    "outside-casebook": (Severity.ERROR, "a source `file` or `include` outside the casebook root"),
    "unknown-ref": (Severity.ERROR, "a `side` or evidence `source` that is not declared"),
    "quote-not-found": (Severity.ERROR, "no place in the source reaches the fuzzy threshold"),
    "ambiguous-quote": (Severity.ERROR, "two or more places, nothing to choose between them"),
    "quote-drifted": (Severity.WARNING, "found only fuzzily, or away from its `paragraph` hint"),
    "one-sided": (Severity.WARNING, "a dispute with fewer than two positions"),
    "unused-source": (Severity.WARNING, "a source no evidence cites"),
    "orphan-review": (Severity.WARNING, "a review whose dispute or position no longer exists"),
    "no-evidence": (Severity.WARNING, "a position with no evidence: nothing ties it to a source"),
    "empty-include": (Severity.WARNING, "an `include` pattern that matches no file"),
    "empty-source": (Severity.WARNING, "a source file with no text in it"),
}


@dataclass(frozen=True, slots=True)
class Problem:
    code: str
    message: str
    loc: Location
    hint: str | None = None
    #: The evidence a problem is about: (dispute id, 0-based position, 0-based evidence).
    at: tuple[str, int, int] | None = None

    @property
    def severity(self) -> Severity:
        return CODES[self.code][0]

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


class ClaimsError(Exception):
    """Base of every error the library raises on purpose."""


class CasebookUnreadable(ClaimsError):
    """The casebook cannot be read at all (exit status 2); carries the problem(s) why."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(p.message for p in problems))
