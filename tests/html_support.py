"""A one-source casebook over a saved page, for tests of how HTML sources are read."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path


def bridge_casebook(
    root: Path, page: bytes, quote: str, extract: str = "", second: str = "decision came too late"
) -> Path:
    """`root` as a casebook whose one source is `page` (sources/page.html, with `extract`
    when given) and whose dispute `bridge` quotes `quote` and `second` from it."""
    (root / "sources").mkdir(parents=True, exist_ok=True)
    (root / "sources" / "page.html").write_bytes(page)
    extra = f"\n    extract: {extract}" if extract else ""
    (root / "casebook.yaml").write_text(
        textwrap.dedent(
            f"""\
            title: Bridge
            sides:
              council: {{label: Council}}
              residents: {{label: Residents}}
            sources:
              news:
                file: sources/page.html{{extra}}
            disputes:
              - id: bridge
                question: Was the bridge closed?
                positions:
                  - side: council
                    holder: The council
                    claim: It was closed.
                    evidence:
                      - source: news
                        quote: {json.dumps(quote)}
                  - side: residents
                    holder: Residents
                    claim: Too late.
                    evidence:
                      - source: news
                        quote: {json.dumps(second)}
            """
        ).replace("{extra}", extra),
        encoding="utf-8",
    )
    return root
