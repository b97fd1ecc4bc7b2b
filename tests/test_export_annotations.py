"""`contested export --format annotations`: W3C Web Annotations, checked against the W3C's
own test schemas (every MUST assertion of `annotations/annotationMusts.test`, plus the
selector assertions), read from `../shared/w3c-web-annotation-tests/` beside the repo (the
tests skip, saying so, when that folder is absent; nothing of it is copied here)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import BUNDLED, CASEBOOK, SOURCE, RunCli, make_casebook
from export_formats_support import REPO, render

jsonschema = pytest.importorskip("jsonschema")
referencing = pytest.importorskip("referencing")

W3C = REPO.parent / "shared" / "w3c-web-annotation-tests"
needs_w3c = pytest.mark.skipif(
    not (W3C / "annotations" / "annotationMusts.test").is_file(),
    reason=f"the W3C web-annotation test schemas are not at {W3C}",
)

#: The selector assertions besides the MUSTs: a selector, a TextQuoteSelector with prefix
#: and suffix, and a TextPositionSelector are present (each "valid" means: implemented).
SELECTOR_ASSERTIONS = (
    "annotations/specificResource/4.2-selectorFound.json",
    "annotations/specificResource/4.2.4-textQuoteSelector.json",
    "annotations/specificResource/4.2.4-prefix.json",
    "annotations/specificResource/4.2.4-suffix.json",
    "annotations/specificResource/4.2.5-textPositionSelector.json",
    "annotations/specificResource/4.2.4-textQuoteSelectorValid.json",
    "annotations/specificResource/4.2-TextDataPositionSelectorValid.json",
)


def _registry() -> Any:
    """Every W3C schema, keyed by its `id` (the `$ref`s name them by bare id)."""
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4

    resources = []
    for path in sorted(W3C.rglob("*.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        if "id" in contents:
            resources.append((contents["id"], Resource(contents, DRAFT4)))
    return Registry().with_resources(resources)


def _validator(relative: str, registry: Any) -> Any:
    schema = json.loads((W3C / relative).read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(
        schema, registry=registry, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )


def _musts() -> list[str]:
    test = json.loads((W3C / "annotations" / "annotationMusts.test").read_text("utf-8"))
    return list(test["assertions"])


def _failures(annotation: dict[str, Any], assertions: list[str], registry: Any) -> list[str]:
    return _check(annotation, [(r, _validator(r, registry)) for r in assertions])


def _check(annotation: dict[str, Any], validators: list[tuple[str, Any]]) -> list[str]:
    out = []
    for relative, validator in validators:
        error = next(iter(validator.iter_errors(annotation)), None)
        if error is not None:
            out.append(f"{relative}: {error.message[:200]}")
    return out


def _annotations(data: bytes) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    collection = json.loads(data)
    return collection, collection.get("first", {}).get("items", [])


@needs_w3c
def test_the_bundled_casebook_passes_every_w3c_must_and_selector_assertion() -> None:
    registry = _registry()
    musts = _musts()
    assert len(musts) == 54  # every MUST of annotationMusts.test is run
    collection, items = _annotations(render(BUNDLED, "annotations"))
    assert collection["total"] == len(items) > 100
    validators = [(r, _validator(r, registry)) for r in musts + list(SELECTOR_ASSERTIONS)]
    for annotation in items:
        assert _check(annotation, validators) == []


@needs_w3c
def test_the_harness_rejects_what_the_w3c_schemas_forbid() -> None:
    """The schemas' `$ref`s resolve and bite: a broken annotation fails the MUSTs."""
    registry = _registry()
    _, items = _annotations(render(BUNDLED, "annotations", ["cause-of-death"]))
    good = items[0]
    no_context = {k: v for k, v in good.items() if k != "@context"}
    assert _failures(no_context, ["annotations/3.1-annotationContextValidated.json"], registry)
    both = {**good, "bodyValue": "x"}
    assert _failures(both, ["annotations/3.2.5-notBodyBodyValue.json"], registry)
    bad_selector = json.loads(json.dumps(good))
    del bad_selector["target"]["selector"][0]["exact"]
    check = ["annotations/specificResource/4.2.4-textQuoteSelectorValid.json"]
    assert _failures(bad_selector, check, registry)
    bad_position = json.loads(json.dumps(good))
    bad_position["target"]["selector"][1]["start"] = "one"
    check = ["annotations/specificResource/4.2-TextDataPositionSelectorValid.json"]
    assert _failures(bad_position, check, registry)


@needs_w3c
def test_the_collection_and_its_page_are_what_the_model_names() -> None:
    registry = _registry()
    collection, _ = _annotations(render(BUNDLED, "annotations"))
    for definition, instance in (
        ("annotationCollectionTypeValueFound", collection),
        ("annotationPageTypeValueFound", collection["first"]),
    ):
        schema = {"$ref": f"collections.json#/definitions/{definition}"}
        validator = jsonschema.Draft4Validator(schema, registry=registry)
        assert list(validator.iter_errors(instance)) == []
    assert collection["@context"] == "http://www.w3.org/ns/anno.jsonld"


EMOJI_SOURCE = "Intro 😀 words 🇦🇿 here.\n\nThe 🚀 launch was at dawn, 👍 everyone agreed.\n"
EMOJI_CASEBOOK = """\
title: Emoji
sides: {a: {label: Side A}}
sources:
  e: {file: e.txt, title: Emoji source}
  w: {file: w.txt, url: 'https://example.org/w', title: Web}
disputes:
  - id: d
    question: When?
    positions:
      - side: a
        holder: Someone
        claim: At dawn.
        evidence:
          - {source: e, quote: 'launch was at dawn, 👍 everyone', note: an emoji inside}
          - {source: w, quote: Plain words}
          - {source: e, quote: a quote that is not there at all}
"""


def test_positions_count_code_points_over_the_plain_text(tmp_path: Path) -> None:
    root = make_casebook(
        tmp_path, EMOJI_CASEBOOK, {"e.txt": EMOJI_SOURCE, "w.txt": "Plain words.\n"}
    )
    _, items = _annotations(render(root, "annotations"))
    quote, position = items[0]["target"]["selector"]
    text = "Intro 😀 words 🇦🇿 here.\n\nThe 🚀 launch was at dawn, 👍 everyone agreed."
    start = text.index("launch")
    assert (position["start"], position["end"]) == (start, start + 30)
    # Code points: each of the four emoji code points before it is one (two UTF-16 units
    # each: 34 in JavaScript), and 👍 inside the quote is one.
    assert start == 30
    assert len(text[:start].encode("utf-16-le")) // 2 == 34
    assert text[position["start"] : position["end"]] == quote["exact"]
    assert quote["exact"] == "launch was at dawn, 👍 everyone"
    assert quote["prefix"] == text[:start]  # fewer than 32 characters before it
    assert quote["suffix"] == " agreed."
    # No URL: the source is named by the SHA-256 of the file's bytes.
    digest = hashlib.sha256(EMOJI_SOURCE.encode("utf-8")).hexdigest()
    assert items[0]["target"]["source"] == f"urn:sha256:{digest}"
    assert items[1]["target"]["source"] == "https://example.org/w"
    # A quote not found: only what the casebook says, no position.
    assert items[2]["target"]["selector"] == [
        {"type": "TextQuoteSelector", "exact": "a quote that is not there at all"}
    ]
    bodies = [(b["purpose"], b["value"]) for b in items[0]["body"]]
    assert bodies == [
        ("commenting", "At dawn."),
        ("tagging", "Someone"),
        ("tagging", "Side A"),
        ("tagging", "Unrated"),
        ("commenting", "Note: an emoji inside"),
    ]


def test_ratings_and_notes_become_bodies_and_bytes_are_deterministic(tmp_path: Path) -> None:
    review = "raid:\n  positions:\n    Police: {rating: supported, note: Matches the log.}\n"
    root = make_casebook(
        tmp_path, CASEBOOK, {"sources/report.txt": SOURCE}, {"review.yaml": review}
    )
    first = render(root, "annotations")
    assert first == render(root, "annotations")
    _, items = _annotations(first)
    values = [b["value"] for b in items[0]["body"]]
    assert values == ["At dawn.", "Police", "Police", "Supported", "Review note: Matches the log."]
    assert len({a["id"] for a in items}) == len(items)
    assert all(a["id"].startswith("urn:uuid:") for a in items)


def test_an_empty_selection_is_an_empty_collection(tmp_path: Path) -> None:
    root = make_casebook(tmp_path, "title: Empty\n")
    collection, items = _annotations(render(root, "annotations"))
    assert (collection["type"], collection["total"], items) == ("AnnotationCollection", 0, [])
    assert "first" not in collection


def test_the_command_writes_annotations(run_cli: RunCli, tmp_path: Path) -> None:
    code, out, err = run_cli("export", BUNDLED, "--format", "annotations", "-d", "cause-of-death")
    assert (code, err) == (0, "")
    collection = json.loads(out)
    assert collection["total"] == 5
    assert {a["type"] for a in collection["first"]["items"]} == {"Annotation"}


def test_two_positions_with_one_holder_get_their_own_ids(tmp_path: Path) -> None:
    yaml = CASEBOOK.replace("holder: Families", "holder: Police")
    root = make_casebook(tmp_path, yaml, {"sources/report.txt": SOURCE})
    _, items = _annotations(render(root, "annotations"))
    assert len({a["id"] for a in items}) == len(items) == 2
