"""Loading a casebook: casebook.yaml, its includes and review.yaml, into `Casebook` records.

Loading is strict and exhaustive: every problem in the YAML (unknown key, wrong type,
duplicate key or id, unknown side or source, path outside the casebook) is collected with
its location, and whatever is sound is still loaded, so the user sees every problem in one
run and the app can open a casebook that has some. Only a casebook whose own file cannot
be read raises (`CasebookUnreadable`).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml
from rich.color import Color, ColorParseError

from claims.casefiles import CASEBOOK_FILE, REVIEW_FILE, casebook_file, included, review_file
from claims.colours import side_colours
from claims.gcpause import paused_gc
from claims.model import (
    Casebook,
    Dispute,
    DisputeReview,
    Evidence,
    Location,
    Position,
    Side,
    Source,
)
from claims.nodes import Fields, check_slug, clipped
from claims.paths import Confined, OutsideCasebook, display
from claims.problems import CasebookUnreadable, Problem, Problems
from claims.review.loading import read_ratings, read_reviews
from claims.schema import (
    CASEBOOK,
    DISPUTE,
    DISPUTE_FILE,
    DISPUTE_KINDS,
    EVIDENCE,
    EXTRACTS,
    KINDS,
    POSITION,
    SIDE,
    SOURCE,
)
from claims.yamlfile import YamlError, compose, location, read_yaml, yaml_text

__all__ = ["CASEBOOK_FILE", "REVIEW_FILE", "Loaded", "casebook_file", "load", "load_progressively"]


@dataclass(frozen=True)
class Loaded:
    """A casebook and the problems found while reading it.

    `complete` is False for the early part `load_progressively` gives: its problems are
    not final (cross-file checks and review.yaml come with the rest).
    """

    casebook: Casebook
    problems: list[Problem]
    complete: bool = True


def load(path: Path) -> Loaded:
    """Load the casebook at `path` (a directory with casebook.yaml, or a YAML file).

    Raises `CasebookUnreadable` when the casebook's own file cannot be read (see
    `casebook_file`, `claims.yamlfile.read_yaml`); every other problem is in `problems`,
    at most `claims.problems.PER_FILE` of one code in one file (then one "… and N more").
    """
    with paused_gc():
        *_, whole = _stages(path, early=False)
    return whole


def load_progressively(path: Path) -> Iterator[Loaded]:
    """Load the casebook at `path` in two steps, for an app that wants to show something soon.

    Yields a first, incomplete `Loaded` (`complete` False) as soon as casebook.yaml and the
    first file with disputes are read, then the whole casebook. Raises like `load`.
    """
    stages = _stages(path, early=True)
    while True:
        with paused_gc():
            stage = next(stages, None)
        if stage is None:
            return
        yield stage


def _casebook_node(file: Path, text: str, items: Callable[[yaml.Node], None]) -> yaml.Node:
    try:
        node = compose(file, text, items)
    except YamlError as exc:
        raise CasebookUnreadable([exc.problem]) from None
    if node is None or not isinstance(node, yaml.MappingNode):
        raise CasebookUnreadable(
            [
                Problem(
                    "syntax",
                    f"{display(file.name)} should be a mapping with "
                    "`title:`, `sides:`, `sources:`…",
                    location(file, node) if node is not None else Location(file),
                    hint="`contested init PATH` writes a skeleton to start from",
                )
            ]
        )
    return node


def _stages(path: Path, early: bool) -> Iterator[Loaded]:
    file = casebook_file(path)
    root = file.parent
    problems = Problems()
    try:
        text = yaml_text(file)
    except YamlError as exc:
        raise CasebookUnreadable([exc.problem]) from None
    streamed = 0

    def count(_item: yaml.Node) -> None:  # a big file's disputes wait for its sides
        nonlocal streamed
        streamed += 1

    node = _casebook_node(file, text, count)
    top = Fields(file, node, CASEBOOK, problems)
    # Read once: each read of a value of the wrong type reports it (a source without its
    # own `language:` takes the casebook's; every snapshot has the title).
    title, description, language = top.text("title"), top.text("description"), top.text("language")
    publisher, url = top.text("publisher"), top.text("url")  # for ClaimReview exports
    top_locs = top.locs()
    files = [file]
    sides = _sides(top, problems)
    confined = Confined(root)
    sources = _sources(top, language, confined, problems)
    threshold = top.number("fuzzy-threshold", 50, 100)
    ratings = read_ratings(top, problems)
    seen: dict[str, Location] = {}
    disputes: list[Dispute] = []

    def add(path: Path) -> Callable[[yaml.Node], None]:
        def one(item: yaml.Node) -> None:
            disputes.extend(_disputes([(path, item)], sides, sources, problems, seen))

        return one

    if streamed:  # composed again, now that sides and sources are known
        try:
            compose(file, text, add(file))
        except YamlError as exc:  # changed since? it composed a moment ago
            problems.append(exc.problem)
    else:
        raw = [(file, item) for item in top.items("disputes")]
        disputes.extend(_disputes(raw, sides, sources, problems, seen))
    del text, node
    reviews: dict[str, DisputeReview] = {}

    def snapshot(complete: bool) -> Loaded:
        casebook = Casebook(
            root=root,
            file=file,
            title=title or display(file.parent.name),
            description=description,
            language=language,
            sides=sides,
            sources=sources,
            disputes=tuple(disputes),
            fuzzy_threshold=threshold if threshold is not None else 90.0,
            publisher=publisher,
            url=url,
            reviews=reviews,
            ratings=ratings,
            files=tuple(files),
            locs=top_locs,
        )
        return Loaded(casebook, problems.listed(), complete)

    shown_early = not early
    if not shown_early and disputes:
        shown_early = True
        yield snapshot(False)
    for pattern, pattern_loc in top.located_texts("include", single_ok=True):
        for path in included(confined, root, pattern, pattern_loc, problems):
            if path in (file, root / REVIEW_FILE) or path in files:
                continue  # a glob such as `*.yaml` also matches these; they hold no disputes
            files.append(path)
            try:
                inc_node = read_yaml(path, items=add(path))
            except YamlError as exc:
                problems.append(exc.problem)
                continue
            if inc_node is None:
                continue
            inc = Fields(path, inc_node, DISPUTE_FILE, problems)
            add_all = add(path)
            for item in inc.items("disputes"):  # none if the file was streamed
                add_all(item)
            del inc, inc_node
            if not shown_early and disputes:
                shown_early = True
                yield snapshot(False)
    review = review_file(confined, root, problems)
    if review is not None:
        reviews.update(read_reviews(review, problems))
        files.append(review)
    yield snapshot(True)


def _sides(top: Fields, problems: list[Problem]) -> dict[str, Side]:
    """The sides; one without a colour gets a default near none given (`side_colours`)."""
    read = []
    for side_id, key_node, value in top.entries("sides"):
        check_slug(side_id, location(top.path, key_node), problems, "side id")
        fields = Fields(top.path, value, SIDE, problems, f"side {side_id!r}")
        label = fields.text("label", required=True)
        read.append((side_id, label or side_id, _colour(fields, "colour"), key_node))
    colours = side_colours([colour for _id, _label, colour, _node in read])
    return {
        side_id: Side(side_id, label, colour, location(top.path, key_node))
        for (side_id, label, _given, key_node), colour in zip(read, colours, strict=True)
    }


def _colour(fields: Fields, name: str) -> str | None:
    """A colour name or #rrggbb, as #rrggbb (so Rich and Textual read it alike)."""
    value = fields.text(name)
    if value is None:
        return None
    try:
        return Color.parse(value.strip()).get_truecolor().hex
    except (ColorParseError, ValueError):  # ValueError: `rgb(` and 5,000 digits (int's limit)
        fields.problems.append(
            Problem(
                "syntax",
                f"{name!r} is {clipped(value)!r}, which is not a colour",
                fields.loc_of(name),
                hint='use a colour name such as "red" or "#rrggbb"; '
                "leave it out to get one picked for you",
            )
        )
        return None


def _sources(
    top: Fields, language: str | None, confined: Confined, problems: list[Problem]
) -> dict[str, Source]:
    sources: dict[str, Source] = {}
    for source_id, key_node, value in top.entries("sources"):
        check_slug(source_id, location(top.path, key_node), problems, "source id")
        fields = Fields(top.path, value, SOURCE, problems, f"source {source_id!r}")
        name = fields.text("file", required=True)
        if name is None:
            continue
        path: Path | None = None
        try:
            path = confined.resolve(name)
        except OutsideCasebook as why:
            problems.append(
                Problem(
                    "outside-casebook",
                    f"source file {name!r} is outside the casebook: {why}",
                    fields.loc_of("file"),
                    hint="copy the document into the casebook (e.g. sources/) and name it "
                    "relative to casebook.yaml",
                )
            )
        sources[source_id] = Source(
            id=source_id,
            file=name,
            title=fields.text("title") or Path(name).name,
            loc=location(top.path, key_node),
            published=fields.date("published"),
            outlet=fields.text("outlet"),
            author=fields.text("author"),
            url=fields.text("url"),
            kind=fields.choice("kind", KINDS),
            language=fields.text("language") or language,
            extract=fields.choice("extract", EXTRACTS),
            path=path,
            locs=fields.locs(),
        )
    return sources


def _disputes(
    raw: list[tuple[Path, yaml.Node]],
    sides: dict[str, Side],
    sources: dict[str, Source],
    problems: list[Problem],
    seen: dict[str, Location],
) -> list[Dispute]:
    """Disputes from their YAML nodes; `seen` holds the ids met so far, in any file."""
    disputes: list[Dispute] = []
    for path, node in raw:
        fields = Fields(path, node, DISPUTE, problems)
        dispute_id = fields.slug("id", required=True)
        question = fields.text("question", required=True)
        if dispute_id is not None:
            fields.what = f"dispute {dispute_id!r}"
        positions = tuple(
            position
            for item in fields.items("positions")
            if (position := _position(path, item, fields.what, sides, sources, problems))
        )
        if dispute_id is None or question is None:
            continue
        if dispute_id in seen:
            first = seen[dispute_id]
            problems.append(
                Problem(
                    "duplicate-id",
                    f"dispute id {dispute_id!r} is used twice "
                    f"(first at {display(first.file.name)}:{first.line})",
                    fields.loc_of("id"),
                    hint="give each dispute its own id",
                )
            )
            continue
        seen[dispute_id] = fields.loc_of("id")
        _unique_position_ids(positions, problems)
        disputes.append(
            Dispute(
                id=dispute_id,
                question=question,
                positions=positions,
                loc=fields.loc,
                date=fields.date("date"),
                tags=fields.texts("tags"),
                description=fields.text("description"),
                url=fields.text("url"),
                kind=fields.choice("kind", DISPUTE_KINDS),
                locs=fields.locs(),
            )
        )
    return disputes


def _position(
    path: Path,
    node: yaml.Node,
    dispute: str,
    sides: dict[str, Side],
    sources: dict[str, Source],
    problems: list[Problem],
) -> Position | None:
    fields = Fields(path, node, POSITION, problems, f"a position of {dispute}")
    side = fields.text("side", required=True)
    holder = fields.text("holder", required=True)
    claim = fields.text("claim", required=True)
    if side is not None and side not in sides:
        problems.append(_unknown("side", side, sides, fields.loc_of("side")))
    evidence = tuple(
        item
        for entry in fields.items("evidence")
        if (item := _evidence(path, entry, sources, problems))
    )
    if side is None or holder is None or claim is None:
        return None
    return Position(
        side=side,
        holder=holder,
        claim=claim,
        evidence=evidence,
        loc=fields.loc,
        id=fields.slug("id"),
        locs=fields.locs(),
    )


def _evidence(
    path: Path, node: yaml.Node, sources: dict[str, Source], problems: list[Problem]
) -> Evidence | None:
    fields = Fields(path, node, EVIDENCE, problems)
    source = fields.text("source", required=True)
    quote = fields.text("quote", required=True)
    if source is not None and source not in sources:
        problems.append(_unknown("source", source, sources, fields.loc_of("source")))
    if source is None or quote is None:
        return None
    return Evidence(
        source=source,
        quote=quote,
        loc=fields.loc,
        before=fields.text("before"),
        after=fields.text("after"),
        paragraph=fields.integer("paragraph"),
        note=fields.text("note"),
        page=_page(fields),
        locs=fields.locs(),
    )


def _page(fields: Fields) -> str | None:
    """`page:` as text (a printed page label: `page: 23` and `page: "xii"` both read as
    written, white space at the ends dropped); an empty one is a `syntax` problem."""
    page = fields.text("page")
    if page is None:
        return None
    if not page.strip():
        where = fields.loc_of("page")
        fields.problems.append(
            Problem("syntax", "'page' in evidence should be a printed page label, not empty", where,
                    hint='write the page as printed, e.g. `page: 23` or `page: "xii"`')
        )  # fmt: skip
        return None
    return page.strip()


def _unknown(what: str, name: str, known: Mapping[str, object], loc: Location) -> Problem:
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return Problem(
        "unknown-ref",
        f"unknown {what} {name!r}" + (f"; did you mean {close[0]!r}?" if close else ""),
        loc,
        hint=f"declare it under `{what}s:` in casebook.yaml"
        + (f" (declared: {', '.join(sorted(known))})" if known else ""),
    )


def _unique_position_ids(positions: tuple[Position, ...], problems: list[Problem]) -> None:
    seen: set[str] = set()
    for position in positions:
        if position.id is None:
            continue
        if position.id in seen:
            problems.append(
                Problem(
                    "duplicate-id",
                    f"position id {position.id!r} is used twice in this dispute",
                    position.locs.get("id", position.loc),
                    hint="position ids must be unique within their dispute",
                )
            )
        seen.add(position.id)
