"""Reading the review parts of a casebook for the loader: `ratings:` in casebook.yaml (the
casebook's own scale) and review.yaml (what reviewers decided), with located problems.

A rating in review.yaml is kept as written even when the scale does not know it: `check`
reports it (`unknown-rating`, with "did you mean") and the next write keeps it.
"""

from __future__ import annotations

import math
from pathlib import Path

import yaml
from rich.color import Color, ColorParseError

from claims.model import DisputeReview, Location, Rating, Review
from claims.nodes import Fields, T, clipped, pairs
from claims.problems import Problem
from claims.schema import DISPUTE_REVIEW, RATING, REVIEW_POSITION, STATUSES
from claims.yamlfile import YamlError, location, read_yaml


def read_ratings(top: Fields, problems: list[Problem]) -> tuple[Rating, ...]:
    """The casebook's own rating scale (`ratings:` of casebook.yaml's `top` fields), in
    its order; empty when not given. A rating with any problem (no id or label, an id
    that is not a slug, a bad colour or value, an unknown key) is reported and left out,
    never offered; a second one with the same id is reported (`duplicate-id`) and left out."""
    out: list[Rating] = []
    seen: dict[str, Location] = {}
    for item in top.items("ratings"):
        before = len(problems)
        fields = Fields(top.path, item, RATING, problems, "a rating of `ratings:`")
        rating_id = fields.slug("id", required=True)
        label = fields.text("label", required=True)
        if rating_id is None or label is None:
            continue
        fields.what = f"rating {rating_id!r}"
        colour = _colour(fields)
        value = _number(fields, "value")
        if len(problems) > before:  # reported: not offered as if it were fine
            continue
        if rating_id in seen:
            problems.append(
                Problem(
                    "duplicate-id",
                    f"rating id {rating_id!r} is used twice (first at line {seen[rating_id].line})",
                    fields.loc_of("id"),
                    hint="give each rating its own id",
                )
            )
            continue
        seen[rating_id] = fields.loc_of("id")
        out.append(Rating(rating_id, label, colour, value))
    return tuple(out)


def _number(fields: Fields, name: str) -> float | None:
    """Any finite number (`value:` of a rating); anything else is a located problem."""
    node = fields.values.get(name)
    if node is None:
        return None
    if isinstance(node, yaml.ScalarNode) and node.tag in (T + "int", T + "float"):
        try:
            value = float(str(node.value).replace("_", ""))
        except ValueError:
            value = math.nan
        if math.isfinite(value):
            return value
    fields.problems.append(
        Problem(
            "syntax",
            f"{name!r} in {fields.what} should be a number (higher is better), "
            f"not {clipped(str(getattr(node, 'value', '')))!r}",
            fields.loc_of(name),
        )
    )
    return None


def _colour(fields: Fields) -> str | None:
    """`colour:` as #rrggbb (a colour name or #rrggbb), else a located problem."""
    value = fields.text("colour")
    if value is None:
        return None
    try:
        return Color.parse(value.strip()).get_truecolor().hex
    except (ColorParseError, ValueError):
        fields.problems.append(
            Problem(
                "syntax",
                f"'colour' is {clipped(value)!r}, which is not a colour",
                fields.loc_of("colour"),
                hint='use a colour name such as "red" or "#rrggbb"; leave it out for grey',
            )
        )
        return None


def read_reviews(file: Path, problems: list[Problem]) -> dict[str, DisputeReview]:
    """review.yaml at `file`: dispute id -> its review; problems (syntax, wrong types,
    unknown keys, duplicate keys) appended to `problems`."""
    try:
        node = read_yaml(file)
    except YamlError as exc:
        problems.append(exc.problem)
        return {}
    if node is None:
        return {}
    if not isinstance(node, yaml.MappingNode):
        problems.append(Problem("syntax", "review.yaml should be a mapping", location(file, node)))
        return {}
    reviews: dict[str, DisputeReview] = {}
    for dispute_id, key_node, value in pairs(file, node, problems, "review.yaml"):
        fields = Fields(file, value, DISPUTE_REVIEW, problems, f"review of {dispute_id!r}")
        positions: dict[str, Review] = {}
        key_locs: dict[str, Location] = {}
        for key, pos_key, pos_value in fields.entries("positions"):
            pos = Fields(file, pos_value, REVIEW_POSITION, problems, f"review of {key!r}")
            rating = pos.text("rating", required=True)  # checked against the scale by `check`
            key_locs[key] = location(file, pos_key)
            if rating is None:
                continue
            positions[key] = Review(
                rating=rating,
                loc=pos.loc,
                note=pos.text("note"),
                by=pos.text("by"),
                at=pos.text("at"),
                locs=pos.locs(),
            )
        reviews[dispute_id] = DisputeReview(
            status=fields.choice("status", STATUSES) or "open",
            positions=positions,
            loc=location(file, key_node),
            key_locs=key_locs,
            by=fields.text("by"),
            at=fields.text("at"),
        )
    return reviews
