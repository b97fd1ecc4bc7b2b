"""Anchoring: where each quote stands in its source, and how sure that is.

- `normalize`: rule 2's normalised text, with a map back to the original characters;
- `rules`: the three rules (exact, normalised, fuzzy) with `before`/`after` binding;
- `candidates`: a word index that keeps the fuzzy rule off every paragraph of a big source;
- `align`: word-level alignment that fixes a fuzzy span to whole words and says what differs;
- `diff`: what differs, laid out for people.
"""

from claims.anchoring.rules import Ambiguous, Found, Missing, Outcome, anchor

__all__ = ["Ambiguous", "Found", "Missing", "Outcome", "anchor"]
