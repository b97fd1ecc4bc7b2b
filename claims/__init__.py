"""claims: the headless core of contested.

Load a casebook, read its sources into numbered paragraphs, anchor every quote to the one
place it comes from, and report what is wrong. Nothing here imports Textual.

    >>> from claims import load, check
    >>> report = check(load(path))
    >>> report.problems, report.anchors
"""

from claims.check import Report, anchor_dispute, check
from claims.documents import Documents
from claims.loader import Loaded, load
from claims.model import (
    Anchor,
    Casebook,
    Dispute,
    Evidence,
    Location,
    Method,
    Paragraph,
    Position,
    Side,
    Source,
)
from claims.problems import CODES, CasebookUnreadable, ClaimsError, Problem, Severity

__all__ = [
    "CODES",
    "Anchor",
    "Casebook",
    "CasebookUnreadable",
    "ClaimsError",
    "Dispute",
    "Documents",
    "Evidence",
    "Loaded",
    "Location",
    "Method",
    "Paragraph",
    "Position",
    "Problem",
    "Report",
    "Severity",
    "Side",
    "Source",
    "anchor_dispute",
    "check",
    "load",
]
