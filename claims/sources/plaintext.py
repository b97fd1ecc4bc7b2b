"""Paragraphs of a `.txt` file.

Blocks are separated by blank lines; a file with no blank line between its lines of text
(as many scraped articles are) is one paragraph per line; blank lines at the start or end
do not count. Lines inside a block are joined with a space. A line holding only white space
(spaces, tabs, and the form feeds and vertical tabs `decode` has made spaces) is blank.
"""

from __future__ import annotations

from collections.abc import Iterable

from claims.model import Paragraph


def paragraphs(text: str) -> list[Paragraph]:
    """The paragraphs of a text file, numbered from 1, each with the 1-based line where it
    starts."""
    lines = text.split("\n")
    filled = [index for index, line in enumerate(lines) if line.strip()]
    # Only a blank line between two lines of text separates; blank lines at the ends do not.
    blank_separated = bool(filled) and any(
        not line.strip() for line in lines[filled[0] : filled[-1]]
    )
    if not blank_separated:
        return _numbered((line.strip(), number) for number, line in enumerate(lines, 1))
    blocks: list[tuple[str, int]] = []
    current: list[str] = []
    start = 1
    for number, line in enumerate(lines, 1):
        if line.strip():
            if not current:
                start = number
            current.append(line.strip())
        elif current:
            blocks.append((" ".join(current), start))
            current = []
    if current:
        blocks.append((" ".join(current), start))
    return _numbered(iter(blocks))


def _numbered(blocks: Iterable[tuple[str, int]]) -> list[Paragraph]:
    out: list[Paragraph] = []
    for text, line in blocks:
        if text:
            out.append(Paragraph(len(out) + 1, text, line))
    return out
