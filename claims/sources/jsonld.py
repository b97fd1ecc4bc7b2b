"""A page's JSON-LD: its objects, and the few structural questions metadata asks of them.

Reading never raises: broken, huge or deeply nested JSON-LD gives what could be read. Blocks
over `JSON_LIMIT` characters are skipped; at most `JSON_NODES` objects are looked at.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

#: The biggest JSON-LD block parsed, in characters.
JSON_LIMIT = 1_000_000
#: JSON-LD objects looked at, at most, in one page.
JSON_NODES = 10_000
_ARTICLE_TYPES = ("article", "posting", "claimreview", "report")


def json_ld(root: Any) -> list[dict[str, Any]]:
    """Every JSON object in the page's JSON-LD blocks (`@graph` and lists opened), at most
    `JSON_NODES`, outermost first."""
    found: list[dict[str, Any]] = []
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        text = script.text or ""
        if len(text) > JSON_LIMIT:
            continue
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            continue
        for node in objects(data):
            found.append(node)
            if len(found) >= JSON_NODES:
                return found
    return found


def objects(data: object) -> Iterator[dict[str, Any]]:
    """Top-level objects of a JSON-LD block: lists and `@graph` opened, breadth first,
    without recursion (no depth can overflow the stack)."""
    queue = [data]
    seen = 0
    while queue and seen < JSON_NODES:
        item = queue.pop(0)
        seen += 1
        if isinstance(item, list):
            queue.extend(item[:JSON_NODES])
        elif isinstance(item, dict):
            yield item
            graph = item.get("@graph")
            if isinstance(graph, list | dict):
                queue.append(graph)


def is_article(node: dict[str, Any]) -> bool:
    """Whether `node`'s `@type` (a string or a list) is an article kind: NewsArticle,
    BlogPosting, ClaimReview, Report and the like."""
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and k.lower().endswith(_ARTICLE_TYPES) for k in kinds)


def resolve(item: object, by_id: dict[str, dict[str, Any]]) -> object:
    """`item`, or the object it refers to when it is only a reference (`{"@id": …}` with
    no `name`) to an object of `by_id` (objects by `@id`)."""
    if isinstance(item, dict) and "name" not in item and isinstance(item.get("@id"), str):
        return by_id.get(item["@id"], item)
    return item


def organisation(item: object) -> bool:
    """Whether `item` is an object typed Organization (or NewsMediaOrganization)."""
    kind = item.get("@type") if isinstance(item, dict) else None
    kinds = kind if isinstance(kind, list) else [kind]
    return any(
        isinstance(k, str) and k.lower() in ("organization", "newsmediaorganization") for k in kinds
    )
