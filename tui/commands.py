"""The command palette (ctrl+p): find a dispute, open a source, filter by a side; review
(rate, note, mark reviewed, undo) and filter by rating or review status; the framing
comparison and the coverage matrix (`F`, `C`)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from claims.text import steady

if TYPE_CHECKING:
    from tui.app import ContestedApp
    from tui.screens.main import MainScreen


def review_entries(screen: MainScreen) -> list[tuple[str, str, object]]:
    """Reviewing: the focused position's rating and note, the dispute's status, undo; and
    filters by rating (`rating:ID`) and review status (`status:…`)."""
    from tui.widgets.dispute_view import DisputeView

    desk, view = screen.desk, screen.query_one(DisputeView)
    out: list[tuple[str, str, object]] = []
    if view.dispute is not None and view.cards:
        holder = view.dispute.positions[view.cards[view.cursor].position].holder
        out.append(("Review: ", f"rate {holder}…", partial(desk.rate, view)))
        out.append(("Review: ", f"note on {holder}…", partial(desk.edit_note, view)))
    if screen.wanted is not None:
        out.append(("Review: ", "mark reviewed / open again", desk.toggle_status))
    out.append(("Review: ", "undo the last review change", desk.undo_last))
    for rating in desk.scale.ratings:
        out.append(("Filter: ", f"rated {rating.label} (rating:{rating.id})",
                    partial(screen.set_filter, f"rating:{rating.id}")))  # fmt: skip
    for status, meaning in (("reviewed", "reviewed"), ("open", "not reviewed yet"),
                            ("partly", "partly rated")):  # fmt: skip
        out.append(("Filter: ", f"{meaning} (status:{status})",
                    partial(screen.set_filter, f"status:{status}")))  # fmt: skip
    return out


def export_entries(screen: MainScreen) -> list[tuple[str, str, object]]:
    """The palette's "Export dispute…" (the highlighted one) and "Export casebook…": a
    dialog asks for the format and the file (`tui.screens.export_path`)."""
    from tui.screens.export_path import ask

    out: list[tuple[str, str, object]] = []
    if screen.wanted is not None:
        out.append(("", f"Export dispute… ({screen.wanted})", partial(ask, screen, False)))
    out.append(("", "Export casebook…", partial(ask, screen, True)))
    return out


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
        out.append(("", "Framing: compare the sources (F)", app.action_framing))
        out.append(("", "Coverage: which source speaks to which dispute (C)", app.action_coverage))
        return out + review_entries(screen) + export_entries(screen)

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
