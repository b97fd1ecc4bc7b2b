"""The check floor for HTML sources: parse each page with lxml, find each quote with
`str.find` in its text, nothing else.

    python benchmarks/floor_check_html.py CASEBOOK_DIR

As `floor_check.py`, but every source is parsed with `lxml.html` first and searched in
the page's whole text (`text_content()`): no article extraction, no paragraphs, no
normalising. Exits 1 if any quote is missing.
"""

from __future__ import annotations

import sys
from pathlib import Path

import lxml.html
import yaml


def main(root: Path) -> int:
    top = yaml.load((root / "casebook.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    disputes = list(top.get("disputes") or [])
    for pattern in top.get("include") or []:
        for path in sorted(root.glob(pattern)):
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
            disputes.extend(data.get("disputes") or [])
    texts = {
        source_id: lxml.html.fromstring((root / meta["file"]).read_bytes()).text_content()
        for source_id, meta in top["sources"].items()
    }
    found = missing = 0
    for dispute in disputes:
        for position in dispute["positions"]:
            for evidence in position["evidence"]:
                if texts[evidence["source"]].find(evidence["quote"]) >= 0:
                    found += 1
                else:
                    missing += 1
    print(f"{found} found, {missing} missing")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
