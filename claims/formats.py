"""A `Report` written out: for people (ruff-like lines), as JSON, or as GitHub annotations.

Every string written goes through `claims.text.shown` (names of files through
`claims.paths.display`, which is the same): lines for people in `claims.terminal.Output`,
annotations in `github_problems`, JSON in `dumps` (each string shown, then the text made
safe by `claims.text.json_text`)."""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from typing import Any

from claims.check import Report
from claims.citation import page_fields
from claims.model import Anchor, Location
from claims.paths import display
from claims.problems import Problem, Severity, capped
from claims.terminal import Output, Part
from claims.text import json_text, shown

FORMATS = ("human", "json", "github")


def shown_path(path: Path, base: Path | None = None, *, up: bool = False) -> str:
    """A path as a user would type it: relative to `base` (default: the working directory)
    when inside it; with `up`, also when it is elsewhere in the project `base` is in (its
    repository, else its casebook: `claims.casebook.discover.project_root`), as
    `../casebook.yaml`, as pytest names files. Else as it is (absolute), as it is too
    when the working directory was removed."""
    if base is None:
        try:
            base = Path.cwd()
        except OSError:
            return display(str(path))
    if path.is_relative_to(base):
        return display(str(path.relative_to(base)))
    if up and path.is_absolute() and base.is_absolute():
        from claims.casebook.discover import project_root

        top = project_root(base)
        if top is not None and path.is_relative_to(top):
            return display(os.path.relpath(path, base))
    return display(str(path))


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' * (count != 1)}"


def where(loc: Location, base: Path | None = None) -> str:
    """`FILE:LINE:COL` for people, FILE as `shown_path(..., up=True)` names it."""
    return f"{shown_path(loc.file, base, up=True)}:{loc.line}:{loc.column}"


def human(report: Report, out: Output) -> None:
    for problem in capped(report.problems):
        problem_lines(problem, out)
    out.line(*summary(report))


def counts(problems: list[Problem]) -> tuple[int, int]:
    """(errors, warnings) in `problems`, a "… and N more" problem counting as its N."""
    errors = warnings = 0
    for problem in problems:
        if problem.is_error:
            errors += problem.more or 1
        else:
            warnings += problem.more or 1
    return errors, warnings


def problem_lines(problem: Problem, out: Output) -> None:
    """`FILE:LINE:COL: severity[code] message`, then its hint if it has one."""
    colour = "red" if problem.severity is Severity.ERROR else "yellow"
    out.line(
        (where(problem.loc), "bold"),
        ": ",
        (f"{problem.severity}[{problem.code}]", f"bold {colour}"),
        " ",
        problem.message,
    )
    if problem.hint:
        out.line("  = hint: ", (problem.hint, "dim"))


def summary(report: Report) -> tuple[Part, ...]:
    casebook = report.casebook
    methods = Counter(a.method for a in report.anchors if a.method is not None)
    found = sum(methods.values())
    how = ", ".join(f"{n} {m}" for m, n in sorted(methods.items()))
    numbers = (
        f"{plural(len(casebook.sources), 'source')}, "
        f"{plural(len(casebook.disputes), 'dispute')}, "
        f"{found}/{plural(len(report.anchors), 'quote')} anchored" + (f" ({how})" if how else "")
    )
    if not report.problems:
        return (("All checks passed", "bold green"), f": {numbers}.")
    errors, warnings = counts(report.problems)
    return (
        (plural(errors, "error"), "bold red"),
        ", ",
        (plural(warnings, "warning"), "bold yellow"),
        f": {numbers}.",
    )


def dumps(value: Any) -> str:
    """`value` as JSON text for people and programs alike: every string in it (keys too)
    `shown`, and raw what JSON allows raw but a terminal or JavaScript does not escaped."""
    return json_text(json.dumps(_shown(value), ensure_ascii=False, indent=2))


def _shown(value: Any) -> Any:
    if isinstance(value, str):
        return shown(value)
    if isinstance(value, dict):
        return {shown(key): _shown(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_shown(item) for item in value]
    return value


def as_json(report: Report) -> str:
    from claims.review.progress import reviews_json

    errors, warnings = counts(report.problems)
    return dumps(
        {
            "casebook": display(str(report.casebook.file)),
            "problems": [_problem_json(p) for p in capped(report.problems)],
            "anchors": [_anchor_json(a, report) for a in report.anchors],
            "reviews": reviews_json(report.casebook),
            "summary": {
                "errors": errors,
                "warnings": warnings,
                "sources": len(report.casebook.sources),
                "disputes": len(report.casebook.disputes),
                "quotes": len(report.anchors),
                "anchored": sum(a.found for a in report.anchors),
            },
        }
    )


def _problem_json(problem: Problem) -> dict[str, Any]:
    out: dict[str, Any] = {
        "code": problem.code,
        "severity": str(problem.severity),
        "file": shown_path(problem.loc.file),
        "line": problem.loc.line,
        "column": problem.loc.column,
        "message": problem.message,
        "hint": problem.hint,
    }
    if problem.at is not None:
        out["dispute"], out["position"], out["evidence"] = problem.at
    if problem.more:
        out["more"] = problem.more
    return out


def _anchor_json(anchor: Anchor, report: Report) -> dict[str, Any]:
    dispute = report.casebook.dispute(anchor.dispute)
    quote = None
    if dispute is not None:
        quote = dispute.positions[anchor.position].evidence[anchor.evidence].quote
    document = report.documents.get(anchor.source)
    out: dict[str, Any] = {
        "dispute": anchor.dispute,
        "position": anchor.position,
        "evidence": anchor.evidence,
        "source": anchor.source,
        "paragraph": anchor.paragraph,
        "start": anchor.start,
        "end": anchor.end,
        "method": str(anchor.method) if anchor.method else None,
        "score": anchor.score,
        "quote": quote,
    }
    if document is not None and anchor.paragraph is not None:
        out.update(page_fields(document.paragraph(anchor.paragraph)))  # a PDF's only
        paragraph = document.paragraph(anchor.paragraph).text
        out["text"] = paragraph[anchor.start : anchor.end]
        if anchor.changes and quote is not None:
            out["differences"] = [
                {"quote": quote[c.quote_start : c.quote_end], "source": paragraph[c.start : c.end]}
                for c in anchor.changes
            ]
    if anchor.candidates:
        out["candidates"] = list(anchor.candidates)
    if anchor.closest is not None:
        out["closest"] = anchor.closest
    if anchor.furniture is not None:  # found only in the page's furniture: say so
        out["furniture"] = anchor.furniture
        out["note"] = anchor.in_furniture
    if anchor.places and document is not None:
        out["places"] = [
            {
                "paragraph": p.paragraph,
                "start": p.start,
                "end": p.end,
                "text": document.paragraph(p.paragraph).text[p.start : p.end],
                **page_fields(document.paragraph(p.paragraph)),
            }
            for p in anchor.places
        ]
    if anchor.note:
        out["note"] = anchor.note
    return out


def problems_json(problems: list[Problem]) -> str:
    """The JSON of a casebook that could not be read at all: its problems, no anchors."""
    return dumps({"problems": [_problem_json(p) for p in problems], "anchors": []})


def github(report: Report) -> str:
    """GitHub Actions workflow commands: one annotation per problem (at most
    `claims.problems.PER_FILE` of one code in one file, then one "… and N more")."""
    return github_problems(capped(report.problems))


def github_problems(problems: list[Problem]) -> str:
    """One annotation per problem, its file relative to the repository's checkout
    (`$GITHUB_WORKSPACE`, when the working directory is in it: GitHub places annotations by
    that path) or else to the working directory; absolute when outside it."""
    base = _workspace()
    lines = []
    for problem in problems:
        level = "error" if problem.is_error else "warning"
        message = problem.message + (f" (hint: {problem.hint})" if problem.hint else "")
        props = ",".join(
            [
                f"file={_prop(shown_path(problem.loc.file, base))}",
                f"line={problem.loc.line}",
                f"col={problem.loc.column}",
                f"title={_prop(problem.code)}",
            ]
        )
        lines.append(f"::{level} {props}::{_data(message)}")
    return "\n".join(lines)


def _workspace() -> Path | None:
    """`$GITHUB_WORKSPACE` when the working directory is in it, else None."""
    workspace = os.environ.get("GITHUB_WORKSPACE")
    try:
        here = Path.cwd()
    except OSError:
        return None
    if workspace and Path(workspace).is_absolute() and here.is_relative_to(workspace):
        return Path(workspace)
    return None


def _data(value: str) -> str:
    value = shown(value)
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")
