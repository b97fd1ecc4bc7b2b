"""The framing lens: the words that carry a framing cue, in context, counted per source.

It never scores bias. It finds spans (`cues`), counts them per source (`profile`), and
shows which source speaks to which dispute for which sides (`coverage`); every number it
gives is a count of spans a reader can look at. The categories, their sources in the
literature and their known false positives are in docs/framing.md; the lists are data
files in `claims/framing/lists/<language>/` (`claims.framing.lists` gives their syntax).
"""

from claims.framing.cues import Cue, cues
from claims.framing.lists import ATTRIBUTION, CATEGORIES, HEURISTIC, NoFramingLists, languages
from claims.framing.profile import Coverage, Profile, Voice, coverage, language_of, profile

__all__ = [
    "ATTRIBUTION",
    "CATEGORIES",
    "HEURISTIC",
    "Coverage",
    "Cue",
    "NoFramingLists",
    "Profile",
    "Voice",
    "coverage",
    "cues",
    "language_of",
    "languages",
    "profile",
]
