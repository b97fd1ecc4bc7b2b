"""Which language a source's cues are looked for in, and whether its text plainly is not.

A source's language is its own `language:`, else the casebook's `language:`, else English,
*assumed*. When the source has no `language:` of its own, its text is checked against the
language it would get, by a simple heuristic (documented in docs/framing.md), so that a
Russian text is never framed as English and shown as zeros:

- the text's letters (its first `SAMPLE` characters): fewer than half of them in the
  script of the language's function words (Latin for English) → not that language;
- its words (the same characters): at least `MIN_WORDS` of them, and fewer than
  `MIN_SHARE` of them the language's function words (`lists/<language>/function-words.txt`:
  the, of, and, to, …; about three words in ten of English news prose, almost none of
  French, German or Spanish) → not that language.

A language without a `function-words.txt` is never checked. A text too short to tell
(fewer than `MIN_WORDS` words) passes on its script alone.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from typing import NamedTuple

from claims.framing.lists import NoFramingLists, _lines
from claims.model import Casebook, Source

#: Characters of a source's text the check reads (from its start).
SAMPLE = 3_000
#: Words a text needs before its share of function words is judged.
MIN_WORDS = 20
#: The share of function words below which a text is not the language.
MIN_SHARE = 0.05
#: Names of languages in messages ("does not look English"); others are given as tags.
NAMES = {"en": "English"}

_LETTERS = re.compile(r"[^\W\d_]+")


class Language(NamedTuple):
    """A source's language: `tag` (BCP 47, as the casebook gives it, or "en"), `own` (the
    source's own `language:`), `assumed` (neither the source nor the casebook gives one:
    English is assumed)."""

    tag: str
    own: bool
    assumed: bool


class LanguageNotEvident(NoFramingLists):
    """A source with no `language:` of its own whose text does not look like the language it
    would get: "no `language:` for 'ru-src' and its text does not look English; set
    `language:` for it in casebook.yaml" (with "(the casebook's `language: en`)" before
    the ";" when the casebook gave the language)."""

    def __init__(self, source: str, language: str, from_casebook: bool) -> None:
        self.language = language
        self.source = source
        name = NAMES.get(language.split("-")[0].lower(), f"like {language!r}")
        why = f" (the casebook's `language: {language}`)" if from_casebook else ""
        LookupError.__init__(
            self,
            f"no `language:` for {source!r} and its text does not look {name}{why}; "
            f"set `language:` for it in casebook.yaml (a BCP 47 tag: ru, fr, de, …)",
        )


def language(source: Source, casebook: Casebook) -> Language:
    """The language of `source` in `casebook` (see `Language`): its own `language:` (the
    loader copies the casebook's into sources without one, so "own" is read from where the
    key stands, `source.locs`), else the casebook's, else "en" assumed."""
    own = bool(source.language) and ("language" in source.locs or not casebook.language)
    if own and source.language:
        return Language(source.language, True, False)
    if casebook.language:
        return Language(casebook.language, False, False)
    return Language("en", False, True)


@functools.cache
def _function_words(primary: str) -> tuple[frozenset[str], frozenset[str]]:
    """(the function words of `primary`, the scripts of their letters): empty when the
    language has no `function-words.txt`."""
    words = frozenset(w.lower() for w in _lines(primary, "function-words") or ())
    scripts = frozenset(_script(c) for w in words for c in w)
    return words, scripts


def _script(letter: str) -> str:
    if letter.isascii():
        return "LATIN"
    return unicodedata.name(letter, "?").split(" ")[0]


def looks_like(tag: str, texts: Sequence[str]) -> bool:
    """True unless `texts` (paragraphs) plainly are not in language `tag` (the module's
    heuristic; True for a language without `function-words.txt`, and for no text)."""
    words, scripts = _function_words(tag.split("-")[0].split("_")[0].lower())
    if not words:
        return True
    sample: list[str] = []
    size = 0
    for text in texts:
        sample.append(text[: SAMPLE - size])
        size += len(sample[-1])
        if size >= SAMPLE:
            break
    joined = " ".join(sample).lower()
    found = _LETTERS.findall(joined)
    if not found:
        return True
    if not (joined.isascii() and "LATIN" in scripts):  # else every letter is Latin
        letters = sum(map(len, found))
        inside = 0
        for word in found:
            if word.isascii():
                inside += len(word) if "LATIN" in scripts else 0
            else:
                inside += sum(1 for c in word if _script(c) in scripts)
        if inside * 2 < letters:
            return False
    if len(found) < MIN_WORDS:
        return True
    common = sum(1 for w in found if w in words)
    return common >= MIN_SHARE * len(found)


def checked(source: Source, casebook: Casebook, texts: Sequence[str]) -> Language:
    """`language(source, casebook)`, its text checked when the source has no `language:`
    of its own (`looks_like`). Raises `LanguageNotEvident` when it plainly is not."""
    found = language(source, casebook)
    if not found.own and not looks_like(found.tag, texts):
        raise LanguageNotEvident(source.id, found.tag, not found.assumed)
    return found
