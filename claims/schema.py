"""The keys of every mapping in a casebook, as data.

One description serves three purposes: the loader validates against it (unknown keys, with
"did you mean"; wrong types; missing keys), `contested schema` turns it into a JSON Schema
for editors, and the docs list it. Key names are the user's interface (see the format page):
add optional keys here, never rename one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

KINDS = ("news", "opinion", "official", "transcript", "report", "social", "other")
#: How an HTML source is read: its article (the default) or every visible block of the page.
EXTRACTS = ("article", "page")
#: What a dispute is (`kind:`): `variants` when its positions are renderings of one statement
#: (two translations of a speech, spellings of a name), shown aligned word by word.
DISPUTE_KINDS = ("variants",)
RATINGS = ("supported", "partly-supported", "unsupported", "false", "unverifiable", "unrated")
STATUSES = ("open", "reviewed")
#: An id, as JSON Schema (ECMA-262) reads it. Python must use `fullmatch`: its `$` also
#: matches before a final newline, which would let `"d1\n"` pass.
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"


@dataclass(frozen=True)
class Key:
    """One key of a mapping: its name, value type, and a line of documentation.

    `type` is one of: str, int, number (50 to 100), float (any number), date, strs (a
    list of strings), str-or-strs, label (text or a whole number, read as text: a printed
    page label),
    shape (a nested mapping, `shape`), shapes (a list of them), or idmap (a mapping from
    ids to `shape`).
    """

    name: str
    type: str
    doc: str
    required: bool = False
    enum: tuple[str, ...] = ()
    shape: Shape | None = None


@dataclass(frozen=True)
class Shape:
    name: str
    doc: str
    keys: tuple[Key, ...]

    index: dict[str, Key] = field(init=False, repr=False, compare=False)
    required: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", {k.name: k for k in self.keys})
        object.__setattr__(self, "required", tuple(k.name for k in self.keys if k.required))

    def key(self, name: str) -> Key | None:
        return self.index.get(name)

    @property
    def names(self) -> list[str]:
        return [k.name for k in self.keys]


EVIDENCE = Shape(
    "evidence",
    "A quote from a source that states or reports the position.",
    (
        Key("source", "str", "Id of a source declared under `sources:`.", required=True),
        Key("quote", "str", "The source's exact words.", required=True),
        Key("before", "str", "A few words just before the quote, to tell places apart."),
        Key("after", "str", "A few words just after the quote, to tell places apart."),
        Key("paragraph", "int", "1-based paragraph where the quote was when written (a hint)."),
        Key(
            "page",
            "label",
            "PDF sources: the printed page label where the quote was when written, "
            'e.g. 23 or "xii" (a hint, like `paragraph`).',
        ),
        Key("note", "str", "A note on this piece of evidence."),
    ),
)

POSITION = Shape(
    "position",
    "One account in a dispute, held by a named holder, on one side.",
    (
        Key("side", "str", "Id of a side declared under `sides:`.", required=True),
        Key("holder", "str", "Who holds this position.", required=True),
        Key("claim", "str", "The position in your own short words.", required=True),
        Key("id", "str", "Slug unique within the dispute; keeps reviews attached."),
        Key("evidence", "shapes", "Quotes that state or report it.", shape=EVIDENCE),
    ),
)

DISPUTE = Shape(
    "dispute",
    "One contested question and the positions taken on it.",
    (
        Key("id", "str", "Slug unique in the casebook.", required=True),
        Key("question", "str", "The contested question.", required=True),
        Key("date", "date", "When the disputed event happened (ISO date)."),
        Key("tags", "strs", "Short tags for filtering."),
        Key("description", "str", "Context for the dispute."),
        Key("url", "str", "Where this dispute's review is published (overrides the casebook's)."),
        Key(
            "kind",
            "str",
            "`variants`: positions are renderings of one statement, shown aligned word by word.",
            enum=DISPUTE_KINDS,
        ),
        Key("positions", "shapes", "The accounts.", required=True, shape=POSITION),
    ),
)

SIDE = Shape(
    "side",
    "A camp that holds positions across disputes.",
    (
        Key("label", "str", "Label shown for the side.", required=True),
        Key("colour", "str", "A colour name or #rrggbb; one is picked if left out."),
    ),
)

SOURCE = Shape(
    "source",
    "One document: an article, a statement, a transcript, a report.",
    (
        Key("file", "str", "Path relative to casebook.yaml, inside the casebook.", required=True),
        Key("title", "str", "Title shown with every quote (default: the file name)."),
        Key("published", "date", "Publication date (ISO)."),
        Key("outlet", "str", "Publisher."),
        Key("author", "str", "Author."),
        Key("url", "str", "Where the original is."),
        Key("kind", "str", "What kind of document it is.", enum=KINDS),
        Key("language", "str", "BCP 47 language (default: the casebook's)."),
        Key(
            "extract",
            "str",
            "HTML only: `article` (default) reads the article a reader sees; `page` reads "
            "every visible block of the page.",
            enum=EXTRACTS,
        ),
    ),
)

RATING = Shape(
    "rating",
    "One step of the casebook's own rating scale.",
    (
        Key("id", "str", "What review.yaml holds, e.g. `misleading`.", required=True),
        Key("label", "str", "What is shown, e.g. `Misleading`.", required=True),
        Key("colour", "str", "A colour name or #rrggbb; a grey if left out."),
        Key(
            "value",
            "float",
            "A number, higher is better: makes the rating ordinal (ClaimReview's ratingValue).",
        ),
    ),
)

CASEBOOK = Shape(
    "casebook",
    "casebook.yaml: metadata, sides, sources, disputes (or includes).",
    (
        Key("title", "str", "Title of the casebook.", required=True),
        Key("description", "str", "What the casebook is about."),
        Key("language", "str", "Default language of sources (BCP 47)."),
        Key("publisher", "str", "The desk or organisation that publishes the review."),
        Key("url", "str", "The page where the review is (or will be) published."),
        Key("sides", "idmap", "Side id -> side.", shape=SIDE),
        Key("sources", "idmap", "Source id -> source.", shape=SOURCE),
        Key("include", "str-or-strs", "Globs of dispute files, relative, inside the casebook."),
        Key("disputes", "shapes", "The disputes.", shape=DISPUTE),
        Key(
            "fuzzy-threshold",
            "number",
            "Similarity (50-100, default 90) a fuzzy quote match must reach.",
        ),
        Key(
            "ratings",
            "shapes",
            "The desk's own rating scale (default: supported, partly-supported, unsupported, "
            "false, unverifiable, unrated).",
            shape=RATING,
        ),
    ),
)

DISPUTE_FILE = Shape(
    "dispute file",
    "A file pulled in by `include:`; holds a `disputes:` list.",
    (Key("disputes", "shapes", "The disputes.", required=True, shape=DISPUTE),),
)

REVIEW_POSITION = Shape(
    "review",
    "A reviewer's rating and note on one position.",
    (
        Key(
            "rating",
            "str",
            "The verdict: one of the casebook's `ratings:` (these are the default six).",
            required=True,
            enum=RATINGS,
        ),
        Key("note", "str", "Why."),
        Key("by", "str", "Who reviewed."),
        Key("at", "str", "When (ISO timestamp)."),
    ),
)

DISPUTE_REVIEW = Shape(
    "dispute review",
    "Review of one dispute, keyed by its id.",
    (
        Key("status", "str", "Review status.", enum=STATUSES),
        Key("by", "str", "Who set the status last."),
        Key("at", "str", "When the status was set (ISO timestamp, UTC)."),
        Key("positions", "idmap", "Position id (or holder) -> review.", shape=REVIEW_POSITION),
    ),
)

SHAPES = {"casebook": CASEBOOK, "disputes": DISPUTE_FILE}


def json_schema(which: str = "casebook") -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) for `casebook.yaml`, a dispute file, or review.yaml."""
    if which == "review":
        body: dict[str, Any] = {
            "type": "object",
            "additionalProperties": _shape_schema(DISPUTE_REVIEW),
        }
        title = "contested review.yaml"
    else:
        body = _shape_schema(SHAPES[which])
        title = f"contested {SHAPES[which].name}"
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": title,
        **body,
    }


def _shape_schema(shape: Shape) -> dict[str, Any]:
    return {
        "type": "object",
        "description": shape.doc,
        "properties": {key.name: _key_schema(key) for key in shape.keys},
        "required": [key.name for key in shape.keys if key.required],
        "additionalProperties": False,
    }


def _key_schema(key: Key) -> dict[str, Any]:
    schema: dict[str, Any]
    if key.type == "str":
        schema = {"type": "string"}
    elif key.type == "int":
        schema = {"type": "integer", "minimum": 1}
    elif key.type == "label":
        schema = {"type": ["string", "integer"]}
    elif key.type == "number":
        schema = {"type": "number", "minimum": 50, "maximum": 100}
    elif key.type == "float":
        schema = {"type": "number"}
    elif key.type == "date":
        schema = {"type": "string", "format": "date"}
    elif key.type == "strs":
        schema = {"type": "array", "items": {"type": "string"}}
    elif key.type == "str-or-strs":
        schema = {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}
    elif key.type == "shapes":
        assert key.shape is not None
        schema = {"type": "array", "items": _shape_schema(key.shape)}
    elif key.type == "idmap":
        assert key.shape is not None
        schema = {"type": "object", "additionalProperties": _shape_schema(key.shape)}
        if key.name in ("sides", "sources"):
            schema["propertyNames"] = {"pattern": ID_PATTERN}
    else:  # pragma: no cover - a programming error in the table above
        raise ValueError(key.type)
    if key.enum:
        schema["enum"] = list(key.enum)
    if key.name == "id":
        schema["pattern"] = ID_PATTERN
    schema["description"] = key.doc
    return schema
