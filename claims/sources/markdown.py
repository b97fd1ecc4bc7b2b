"""Paragraphs of a Markdown file, by markdown-it-py (CommonMark).

Each heading, paragraph (also inside list items and block quotes) and code block is one
paragraph. Inline markup is dropped (`*so*` becomes `so`), link text kept, soft line breaks
become spaces.

Raw HTML is read as an `.html` source is (`claims.sources.html`), since every Markdown
renderer passes it through to the browser: an HTML block (`<div>…</div>` on lines of its
own) gives the paragraphs of its block elements; a paragraph holding inline HTML (`<em>`,
`<br>`, `<span hidden>`) is read through the same rules, so a `<br>` breaks the line (and
two in a row end the paragraph) and hidden text is left out.

Blocks nested deeper than `DEEP` (block quotes in block quotes, lists in lists) are not
parsed further: what is inside is kept as one paragraph of its text, markers and all,
rather than dropped as markdown-it drops what lies past its nesting limit.
"""

from __future__ import annotations

from html import escape

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token

from claims.model import Paragraph
from claims.sources import html as html_reader
from claims.sources.decode import clean

#: Block nesting (markdown-it's token level) from which the rest of a container is kept as
#: plain text. markdown-it parses nested blocks recursively, a few Python frames per level.
DEEP = 40


def _flatten_deep(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """A block rule run before all others: past `DEEP`, the lines left in this container
    become one paragraph (markdown-it itself skips them once it reaches `maxNesting`)."""
    if state.level < DEEP:
        return False
    if not silent:
        state.push("paragraph_open", "p", 1).map = [start, end]
        inline = state.push("inline", "", 0)
        inline.content = state.getLines(start, end, state.blkIndent, False).strip()
        inline.map = [start, end]
        inline.children = []
        state.push("paragraph_close", "p", -1)
    state.line = end
    return True


_PARSER = MarkdownIt("commonmark", {"maxNesting": DEEP + 10})
_PARSER.block.ruler.before("table", "flatten_deep", _flatten_deep)


def paragraphs(text: str) -> list[Paragraph]:
    """The paragraphs of a Markdown file, numbered from 1, each with the 1-based line of the
    file where its block starts (for an HTML block's paragraphs, where its text starts).
    Raises `claims.sources.decode.Unparsable` if raw HTML in it cannot be parsed."""
    blocks: list[tuple[str, int]] = []
    for token in _PARSER.parse(text):
        first = token.map[0] if token.map else 0
        if token.type == "inline":
            children = token.children or []
            if any(child.type == "html_inline" for child in children):
                found = html_reader.blocks(_inline_html(children))
                blocks.extend((block, line + first) for block, line in found)
                continue
            plain = _inline_text(children)
        elif token.type in ("fence", "code_block"):
            plain = token.content.rstrip("\n")
        elif token.type == "html_block":
            found = html_reader.blocks(token.content)
            blocks.extend((block, line + first) for block, line in found)
            continue
        else:
            continue
        blocks.append((plain, first + 1))
    out: list[Paragraph] = []
    for block, line in blocks:
        plain = clean(block).strip()  # `&#12;` gives a form feed: white space, as in the file
        if plain:
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


def _inline_html(children: list[Token]) -> str:
    """A paragraph's inline tokens as HTML: text escaped, raw HTML as written, one line of
    HTML per line of the paragraph (so the HTML reader's line numbers count from its first)."""
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(escape(child.content, quote=False))
        elif child.type == "softbreak":
            parts.append("\n")
        elif child.type == "hardbreak":
            parts.append("<br>\n")
        elif child.type == "html_inline":
            parts.append(child.content)
        elif child.type == "image":
            parts.append(escape(_inline_text(child.children or []), quote=False))
    return "".join(parts)
