"""Typed, located reads of YAML nodes against a `Shape`, collecting problems as it goes.

`Fields` checks one mapping node: duplicate keys, unknown keys (with "did you mean"),
missing required keys. Its getters check each value's type; a wrong type is a problem
and the getter returns None, so the loader can go on and report everything in one pass.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterator
from pathlib import Path

import yaml

from claims.model import Location
from claims.problems import Problem, Problems
from claims.schema import ID_PATTERN, Shape
from claims.text import sanitize
from claims.yamlfile import location

T = "tag:yaml.org,2002:"
STR = T + "str"


def describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return {
        T + "null": "nothing (null)",
        T + "int": "a number",
        T + "float": "a number",
        T + "bool": "true/false",
        T + "timestamp": "a date",
    }.get(node.tag, "text")


_ISO_SHAPE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[Tt ].*)?")
_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def calendar_fault(written: str) -> str | None:
    """What is wrong with `written` when it has an ISO date's shape (YYYY-MM-DD, maybe
    followed by a time) but names no day of the (proleptic Gregorian) calendar: "month 13
    does not exist (months are 01 to 12)", "'2025-02-30' is not a day of the calendar
    (February 2025 has 28 days)"; None for any other text (a real date, or not that shape).
    Used by `Fields.date` so that `check` says what is wrong, not just "not a date"."""
    import calendar

    match = _ISO_SHAPE.fullmatch(written)
    if match is None:
        return None
    year, month, day = (int(part) for part in match.groups())
    date_text = written[:10]
    if year == 0:
        return f"{date_text!r}: year 0000 does not exist (years run from 0001)"
    if not 1 <= month <= 12:
        return f"{date_text!r}: month {month:02d} does not exist (months are 01 to 12)"
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return (
            f"{date_text!r} is not a day of the calendar "
            f"({_MONTH_NAMES[month - 1]} {year} has {days} days)"
        )
    return None


def pairs(
    path: Path, node: yaml.MappingNode, problems: list[Problem], what: str
) -> Iterator[tuple[str, yaml.Node, yaml.Node]]:
    """Yield (key, key node, value node), reporting non-text and duplicate keys."""
    seen: dict[str, Location] = {}
    for key_node, value_node in node.value:
        loc = location(path, key_node)
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == T + "null":
            problems.append(Problem("syntax", f"a key in {what} must be text", loc))
            continue
        key = sanitize(str(key_node.value))
        if key in seen:
            first = seen[key]
            problems.append(
                Problem(
                    "duplicate-id",
                    f"duplicate key {key!r} in {what} (first at line {first.line})",
                    loc,
                    hint="YAML keeps only one of them; remove or rename one",
                )
            )
            continue
        seen[key] = loc
        yield key, key_node, value_node


SLUG = re.compile(ID_PATTERN)


def check_slug(value: str, loc: Location, problems: list[Problem], what: str) -> None:
    """Report an id that is not a slug (ids are typed on command lines and in reviews).

    The whole id must match (`fullmatch`: `$` alone would let `d1\n` through)."""
    if not SLUG.fullmatch(value):
        problems.append(
            Problem(
                "syntax",
                f"{what} {value!r} is not a valid id",
                loc,
                hint="use letters, digits, '.', '_' and '-', starting with a letter or digit",
            )
        )


def whole_number(node: yaml.Node) -> int | None:
    """The whole number a plain scalar spells, or None: decimal digits (leading zeros
    allowed, `_` separators ignored), `0x`/`0o`/`0b` forms, or a float with no fraction."""
    if not isinstance(node, yaml.ScalarNode) or node.tag not in (T + "int", T + "float"):
        return None
    text = str(node.value).replace("_", "").strip()
    try:  # a ValueError from digits past int's limit (4,300) too: no whole number we use
        return int(text, 10) if _DECIMAL.fullmatch(text) else int(text, 0)
    except ValueError:
        pass
    try:
        number = float(text)
    except ValueError:
        return None
    return int(number) if number.is_integer() else None


_DECIMAL = re.compile(r"[-+]?[0-9]+")


def clipped(value: str, limit: int = 40) -> str:
    """A value quoted in a message, cut to `limit` characters (a number of 5,000 digits)."""
    return value if len(value) <= limit else value[: limit - 1] + "…"


class Fields:
    """The checked keys of one mapping node, read against `shape`."""

    def __init__(
        self, path: Path, node: yaml.Node, shape: Shape, problems: list[Problem], what: str = ""
    ) -> None:
        self.path = path
        self.node = node
        self.loc = location(path, node)
        self.problems = problems
        self.what = what or shape.name
        self.values: dict[str, yaml.Node] = {}
        if not isinstance(node, yaml.MappingNode):
            self._wrong(node, "a mapping of keys to values")
            return
        index, values = shape.index, self.values
        odd: list[tuple[yaml.Node, yaml.Node]] = []
        for key_node, value_node in node.value:
            # the common case, kept cheap: a known plain key, seen once
            key = key_node.value if type(key_node) is yaml.ScalarNode else None
            if key in index and key not in values and key_node.tag == STR:
                values[key] = value_node
            else:
                odd.append((key_node, value_node))
        if odd:
            self._odd_keys(odd, shape)
        for name in shape.required:
            if name not in values:
                self._missing(shape)
                break

    def _missing(self, shape: Shape) -> None:
        """Report the required keys that are not there (only count them past the cap)."""
        missing = [name for name in shape.required if name not in self.values]
        if not missing:
            return
        problems = self.problems
        if isinstance(problems, Problems) and problems.full("syntax", self.path):
            problems.tally("syntax", self.loc, len(missing))  # a flood: no messages made
            return
        for name in missing:
            problems.append(
                Problem(
                    "syntax",
                    f"{self.what} is missing required key {name!r}",
                    self.loc,
                    hint=f"add `{name}:` ({shape.index[name].doc})",
                )
            )

    def _odd_keys(self, odd: list[tuple[yaml.Node, yaml.Node]], shape: Shape) -> None:
        """Report the keys the fast path left: not text, repeated, or unknown."""
        seen = {name: self.values[name] for name in self.values}
        for key_node, value_node in odd:
            loc = location(self.path, key_node)
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == T + "null":
                self.problems.append(Problem("syntax", f"a key in {self.what} must be text", loc))
                continue
            key = sanitize(str(key_node.value))
            if key in seen:
                self.problems.append(
                    Problem(
                        "duplicate-id",
                        f"duplicate key {key!r} in {self.what} "
                        f"(first at line {seen[key].start_mark.line + 1})",
                        loc,
                        hint="YAML keeps only one of them; remove or rename one",
                    )
                )
                continue
            seen[key] = value_node
            if shape.key(key) is None:
                close = difflib.get_close_matches(key, shape.names, n=1, cutoff=0.6)
                self.problems.append(
                    Problem(
                        "syntax",
                        f"unknown key {key!r} in {self.what}"
                        + (f"; did you mean {close[0]!r}?" if close else ""),
                        loc,
                        hint="known keys: " + ", ".join(shape.names),
                    )
                )
                continue
            self.values[key] = value_node

    def loc_of(self, name: str) -> Location:
        node = self.values.get(name)
        return location(self.path, node) if node is not None else self.loc

    def locs(self) -> dict[str, Location]:
        return {name: location(self.path, node) for name, node in self.values.items()}

    def _wrong(self, node: yaml.Node, expected: str, name: str = "") -> None:
        where = f"{name!r} in {self.what}" if name else self.what
        self.problems.append(
            Problem(
                "syntax",
                f"{where} should be {expected}, not {describe(node)}",
                location(self.path, node),
            )
        )

    def text(self, name: str, required: bool = False) -> str | None:
        """A text value; any plain scalar counts (`claim: yes` means the text "yes")."""
        node = self.values.get(name)
        if node is None:
            return None
        if isinstance(node, yaml.ScalarNode) and node.tag != T + "null":
            value = sanitize(str(node.value))
            if value.strip() or not required:
                return value
            self._wrong(node, "non-empty text", name)
        else:
            self._wrong(node, "text", name)
        return None

    def slug(self, name: str, required: bool = False) -> str | None:
        """An id: text that must be a slug (reported if not, but still returned)."""
        value = self.text(name, required)
        if value is not None:
            check_slug(value, self.loc_of(name), self.problems, f"{name!r}")
        return value

    def choice(self, name: str, choices: tuple[str, ...]) -> str | None:
        value = self.text(name)
        if value is None or value in choices:
            return value
        close = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
        self.problems.append(
            Problem(
                "syntax",
                f"{name!r} is {value!r}; it must be one of: {', '.join(choices)}"
                + (f" (did you mean {close[0]!r}?)" if close else ""),
                self.loc_of(name),
            )
        )
        return None

    def integer(self, name: str, minimum: int = 1) -> int | None:
        """A whole number as a person writes it: `2`, `02` and `+2` are 2, `010` is ten.

        Leading zeros are read as decimal (YAML 1.2, and what anyone aligning columns
        means), not as YAML 1.1 octal; `0x`/`0o` forms are read as such. Anything else is
        a located `syntax` problem that says what the value is and what to write.
        """
        node = self.values.get(name)
        if node is None:
            return None
        value = whole_number(node)
        if value is not None and value >= minimum:
            return value
        if value is not None:
            self._problem(
                node, f"{name!r} in {self.what} should be at least {minimum}, not {value}"
            )
        elif isinstance(node, yaml.ScalarNode) and node.tag in (T + "int", T + "float"):
            self._problem(
                node,
                f"{name!r} in {self.what} should be a whole number of at least {minimum}, "
                f"not {clipped(node.value)!r}",
            )
        else:
            self._wrong(node, f"a whole number of at least {minimum}", name)
        return None

    def _problem(self, node: yaml.Node, message: str) -> None:
        self.problems.append(Problem("syntax", message, location(self.path, node)))

    def number(self, name: str, low: float, high: float) -> float | None:
        node = self.values.get(name)
        if node is None:
            return None
        if isinstance(node, yaml.ScalarNode) and node.tag in (T + "int", T + "float"):
            try:
                value = float(node.value.replace("_", ""))
            except ValueError:
                value = low - 1
            if low <= value <= high:
                return value
        self._wrong(node, f"a number from {low:g} to {high:g}", name)
        return None

    def date(self, name: str) -> dt.date | None:
        node = self.values.get(name)
        if node is None:
            return None
        if isinstance(node, yaml.ScalarNode) and node.tag in (T + "timestamp", T + "str"):
            written = str(node.value).strip()
            try:
                return dt.date.fromisoformat(written[:10])
            except ValueError:
                pass
            fault = calendar_fault(written)
            if fault is not None:
                where = f"{name!r} in {self.what}" if name else self.what
                self.problems.append(
                    Problem("syntax", f"{where}: {fault}", location(self.path, node))
                )
                return None
        self._wrong(node, "an ISO date like 2025-07-01", name)
        return None

    def texts(self, name: str, single_ok: bool = False) -> tuple[str, ...]:
        return tuple(text for text, _ in self.located_texts(name, single_ok))

    def located_texts(self, name: str, single_ok: bool = False) -> list[tuple[str, Location]]:
        """Like `texts`, each with the location of its own node (to point at one item)."""
        node = self.values.get(name)
        if node is None:
            return []
        if single_ok and isinstance(node, yaml.ScalarNode) and node.tag != T + "null":
            return [(sanitize(str(node.value)), location(self.path, node))]
        if not isinstance(node, yaml.SequenceNode):
            self._wrong(node, "a list of text", name)
            return []
        out = []
        for item in node.value:
            if isinstance(item, yaml.ScalarNode) and item.tag != T + "null":
                out.append((sanitize(str(item.value)), location(self.path, item)))
            else:
                self._wrong(item, "text", name)
        return out

    def items(self, name: str) -> list[yaml.Node]:
        """The items of a list value."""
        node = self.values.get(name)
        if node is None:
            return []
        if isinstance(node, yaml.SequenceNode):
            return list(node.value)
        self._wrong(node, "a list", name)
        return []

    def entries(self, name: str) -> list[tuple[str, yaml.Node, yaml.Node]]:
        """The (id, key node, value node) entries of an id -> mapping value."""
        node = self.values.get(name)
        if node is None:
            return []
        if isinstance(node, yaml.MappingNode):
            return list(pairs(self.path, node, self.problems, f"`{name}:`"))
        if isinstance(node, yaml.ScalarNode) and node.tag == T + "null":
            return []
        self._wrong(node, "a mapping of ids to entries", name)
        return []
