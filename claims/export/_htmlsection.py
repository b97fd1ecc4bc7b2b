"""What a section of the HTML report drawn apart (coverage, timeline) gets from the report."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from claims.export._evidence import Record
from claims.model import Casebook, Dispute


class Section(NamedTuple):
    """The report as a section sees it: `casebook`, the `disputes` exported (in order) and
    their quotes' `records`; `esc` escapes text for HTML; `link_of(source id)` is the id of
    the source's section in the report, or None when it has none; `dispute_link` and
    `quote_link` the ids of a dispute's and a quote's place; `colour_ok` says whether a
    side colour may go into a style or an SVG attribute."""

    casebook: Casebook
    disputes: Sequence[Dispute]
    records: Sequence[Record]
    esc: Callable[[str], str]
    link_of: Callable[[str], str | None]
    dispute_link: Callable[[Dispute], str]
    quote_link: Callable[[Record], str]
    colour_ok: Callable[[str], bool]
