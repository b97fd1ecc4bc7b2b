"""Paragraphs of a Markdown file, by markdown-it-py (CommonMark).

Each heading, paragraph (also inside list items and block quotes) and code block is one
paragraph. Inline markup is dropped (`*so*` becomes `so`), link text kept, raw HTML left out,
soft line breaks become spaces.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token

from claims.model import Paragraph

_PARSER = MarkdownIt("commonmark")


def paragraphs(text: str) -> list[Paragraph]:
    out: list[Paragraph] = []
    for token in _PARSER.parse(text):
        if token.type == "inline":
            plain = _inline_text(token.children or [])
        elif token.type in ("fence", "code_block"):
            plain = token.content.rstrip("\n")
        else:
            continue
        plain = plain.strip()
        if plain:
            line = token.map[0] + 1 if token.map else 1
            out.append(Paragraph(len(out) + 1, plain, line))
    return out


def _inline_text(children: list[Token]) -> str:
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
        elif child.type == "image":
            parts.append(_inline_text(child.children or []))
    return "".join(parts)
