"""The command palette (ctrl+p): find a dispute, open a source, filter by a side."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from claims.text import steady

if TYPE_CHECKING:
    from tui.app import ContestedApp


def _display(matcher: Matcher, kind: str, text: str) -> Content:
    """The hit as plain text (Matcher.highlight would parse it as markup), matches bold."""
    text = steady(text)  # casebook text; the same length, so the offsets hold
    content = Content.assemble((kind, "dim"), text)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        content = content.stylize("bold underline", len(kind) + offset, len(kind) + offset + 1)
    return content


class CasebookCommands(Provider):
    """Disputes (by question or id), sources (by title) and sides (by label)."""

    def entries(self) -> list[tuple[str, str, object]]:
        app: ContestedApp = self.app  # type: ignore[assignment]
        screen = app.main_screen
        session = screen.session if screen else None
        if screen is None or session is None:
            return []
        casebook = session.casebook
        out: list[tuple[str, str, object]] = []
        for dispute in casebook.disputes:
            out.append(("Dispute: ", f"{dispute.question} ({dispute.id})",
                        partial(screen.goto_dispute, dispute.id)))  # fmt: skip
        for source in casebook.sources.values():
            out.append(("Source: ", source.title, partial(screen.open_source, source.id, None)))
        for side in casebook.sides.values():
            out.append(("Side: ", side.label, partial(screen.set_filter, side.label)))
        return out

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for kind, text, command in self.entries():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, _display(matcher, kind, text), command, text=kind + text)  # type: ignore[arg-type]

    async def discover(self) -> Hits:
        for kind, text, command in self.entries()[:40]:
            shown = Content.assemble((kind, "dim"), steady(text))
            yield DiscoveryHit(shown, command, text=kind + text)  # type: ignore[arg-type]
