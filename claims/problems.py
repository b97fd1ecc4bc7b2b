"""Problems: what `check` reports, and the one error tree of the library.

A problem always names a location (file, line, column) and, where one helps, a hint that
says what to do. Codes are the ones of the casebook format page, plus a few of our own.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from claims.model import Location
from claims.paths import display


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
    "quote-in-furniture": (
        Severity.ERROR,
        "not in a web page's article, but in what it left out (menus, footers, banners)",
    ),
    "ambiguous-quote": (Severity.ERROR, "two or more places, nothing to choose between them"),
    "quote-drifted": (Severity.WARNING, "found only fuzzily, or away from its `paragraph` hint"),
    "one-sided": (Severity.WARNING, "a dispute with fewer than two positions"),
    "unused-source": (Severity.WARNING, "a source no evidence cites"),
    "orphan-review": (Severity.WARNING, "a review whose dispute or position no longer exists"),
    "unknown-rating": (Severity.ERROR, "a review whose rating is not on the casebook's scale"),
    "ambiguous-review-key": (
        Severity.WARNING,
        "positions of one dispute sharing a review key (a holder, no `id:`): one review for all",
    ),
    "no-evidence": (Severity.WARNING, "a position with no evidence: nothing ties it to a source"),
    "empty-include": (Severity.WARNING, "an `include` pattern that matches no file"),
    "empty-source": (Severity.WARNING, "a source file with no text in it"),
    "bad-url": (Severity.WARNING, "a `url:` that is not a plain http(s) address"),
    "bad-language": (Severity.WARNING, "a `language:` that is not a BCP 47 tag (`en`, `pt-BR`)"),
}


@dataclass(frozen=True, slots=True)
class Problem:
    code: str
    message: str
    loc: Location
    hint: str | None = None
    #: The evidence a problem is about: (dispute id, 0-based position, 0-based evidence).
    at: tuple[str, int, int] | None = None
    #: For the one line that stands for problems left out ("… and N more"): how many it
    #: stands for. 0 for every real problem.
    more: int = 0

    @property
    def severity(self) -> Severity:
        return CODES[self.code][0]

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


#: At most this many problems of one code in one file are listed; the rest are counted and
#: stand as one "… and N more" problem. Keeps a file of a million broken items from making
#: millions of problems (memory, time, and a report nobody reads).
PER_FILE = 100


def left_out(code: str, file: Path, count: int, loc: Location) -> Problem:
    """The problem that stands for `count` problems of `code` in `file` not listed; it sits
    at `loc`, the first of them."""
    name = display(file.name)
    return Problem(
        code,
        f"… and {count:,} more `{code}` problems in {name}",
        loc,
        hint="fix the ones listed, then run `contested check` again to see the rest",
        more=count,
    )


class Problems(list[Problem]):
    """A list of problems that keeps at most `limit` of one code in one file.

    `append` lists the first `limit` problems of each (code, file) and only counts the rest;
    `listed()` gives the kept problems followed by one `left_out` problem per (code, file)
    that had more. Memory is O(kinds × files × limit), whatever the input. (`extend` and
    slicing are plain list operations: they do not cap.)
    """

    def __init__(self, limit: int = PER_FILE) -> None:
        super().__init__()
        self.limit = limit
        self._counts: dict[tuple[str, Path], int] = {}
        self._first_left: dict[tuple[str, Path], Location] = {}

    def append(self, problem: Problem) -> None:
        key = (problem.code, problem.loc.file)
        count = self._counts.get(key, 0) + 1
        self._counts[key] = count
        if count <= self.limit:
            super().append(problem)
        elif count == self.limit + 1:
            self._first_left[key] = problem.loc

    def full(self, code: str, file: Path) -> bool:
        """Whether problems of `code` in `file` are only counted now (the cap is reached)."""
        return self._counts.get((code, file), 0) >= self.limit

    def tally(self, code: str, loc: Location, times: int = 1) -> None:
        """Count `times` problems of `code` at `loc` past the cap, without making them
        (for callers that asked `full` first). Same result as appending them."""
        key = (code, loc.file)
        count = self._counts.get(key, 0)
        self._counts[key] = count + times
        if count <= self.limit < count + times:
            self._first_left.setdefault(key, loc)

    def listed(self) -> list[Problem]:
        """The kept problems, then one "… and N more" problem per (code, file) over the cap."""
        summaries = [
            left_out(code, file, self._counts[code, file] - self.limit, loc)
            for (code, file), loc in self._first_left.items()
        ]
        return [*self, *summaries]


def capped(problems: list[Problem], limit: int = PER_FILE) -> list[Problem]:
    """`problems` with at most `limit` of one code in one file, in their order; the rest
    (and any "… and N more" problem already there) folded into one "… and N more" problem
    placed where the first left-out one was."""
    counts: dict[tuple[str, Path], int] = {}
    more: dict[tuple[str, Path], int] = {}
    slots: dict[tuple[str, Path], int] = {}
    out: list[Problem] = []
    for problem in problems:
        key = (problem.code, problem.loc.file)
        if not problem.more:
            count = counts.get(key, 0) + 1
            counts[key] = count
            if count <= limit:
                out.append(problem)
                continue
        more[key] = more.get(key, 0) + (problem.more or 1)
        if key not in slots:
            slots[key] = len(out)
            out.append(problem)  # a placeholder, replaced below
    for key, index in slots.items():
        out[index] = left_out(key[0], key[1], more[key], out[index].loc)
    return out


class ClaimsError(Exception):
    """Base of every error the library raises on purpose."""


class CasebookUnreadable(ClaimsError):
    """The casebook cannot be read at all (exit status 2); carries the problem(s) why."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(p.message for p in problems))
