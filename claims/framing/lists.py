"""The framing lists: data files in `claims/framing/lists/<language>/`, compiled to regexes.

One file per category (`hedge.txt`, `booster.txt`, …) and a few helper files (`reporting.txt`,
`unnamed-heads.txt`, `participles.txt`, `passive-exclude.txt`, `vader-exclude.txt`).
Adding a language is adding a folder of such files; a category whose file is missing is
not looked for in that language (`Lists.categories` says which are).

Syntax of a list file, one cue a line (comments after `#`, which cite the taxonomy):

- words separated by spaces are matched with any run of white space between them, the
  whole cue on word boundaries (no letter, digit, `_` or `-` just before or after it),
  ignoring case; apostrophes and quotation marks are folded (`’` is `'`) before matching;
- `~verb` stands for the verb's regular forms: verb, verb+s, verb+ed, verb+ing, spelled by
  the usual rules (`-es` after s/sh/ch/x/z/o, `y` to `ies`/`ied` after a consonant, a
  final silent `e` dropped before `-ing` and `-ed`). Verbs that double their last
  consonant (admit, admitted) or are irregular (say, said) are written out with `|`;
- `a|b|c` is one word with alternatives; `word?` an optional word;
- `<name>` is the alternatives of the file `name.txt` of the same folder, or a built-in:
  `<Nationality>` (a capitalised word ending in -an, -ian, -i, -ese, -ish, -ch or -ern:
  Russian, Azerbaijani, Western), `<adverb>` (a word in -ly, or now/also/still) and
  `<word>` (any one word);
- `!phrase` is an exclusion: a cue of this file that lies inside a match of it is dropped
  ("!the said" keeps "the said agreement" from being attribution).

`loaded` adds to its own file the strongly negative words of VADER's lexicon (Hutto, C. J.
& Gilbert, E. (2014) "VADER: A Parsimonious Rule-based Model for Sentiment Analysis of
Social Media Text", ICWSM; MIT licence), read at run time from the installed
`vaderSentiment` package: single words of valence ≤ -2.5 (on VADER's -4…+4 scale), less
those in `vader-exclude.txt`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

#: The categories, in the order they are shown.
CATEGORIES = (
    "hedge",
    "booster",
    "attribution-neutral",
    "attribution-distancing",
    "attribution-endorsing",
    "denial",
    "unnamed-source",
    "loaded",
    "agentless-passive",
    "direct-quote",
)
#: Categories found by a heuristic in code (with helper lists), not by a list of cues.
HEURISTIC = ("agentless-passive", "direct-quote")
#: Categories that attribute content to a source (for named versus unnamed attribution).
ATTRIBUTION = ("attribution-neutral", "attribution-distancing", "attribution-endorsing", "denial")
#: The forms of *be* and *get* that make a passive (claims/framing/cues.py).
BE_FORMS = frozenset(
    {"am", "is", "are", "was", "were", "be", "been", "being"}
    | {"get", "gets", "got", "gotten", "getting"}
)
#: VADER valence at or below which a word counts as loaded (VADER's scale: -4 to +4).
VADER_THRESHOLD = -2.5

#: Apostrophes and quotation marks folded before matching: one character for one, so
#: offsets into the folded text are offsets into the paragraph.
FOLD = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2033": '"',
    }
)
BEFORE = r"(?<![\w-])"
AFTER = r"(?![\w-])"
_BUILTIN = {
    "Nationality": r"(?-i:[A-Z][a-z]+(?:an|ian|ani|i|ese|ish|ch|ern))",
    "adverb": r"(?:\w+ly|now|also|still)",
    "word": r"[\w'-]+",
}


class NoFramingLists(LookupError):
    """A language with no framing lists: the message names it and the languages that have
    lists ("no framing lists for 'ru'; lists exist for: en")."""

    def __init__(self, language: str) -> None:
        self.language = language
        have = ", ".join(languages()) or "none"
        super().__init__(
            f"no framing lists for {language!r}; lists exist for: {have} "
            f"(adding a language is adding claims/framing/lists/<language>/*.txt)"
        )


@dataclass(frozen=True)
class Lists:
    """One language's compiled lists. `patterns[category]` matches one of that
    category's cues at a given place, `patterns["!" + category]` one of its exclusions;
    `sizes[category]` how many lines of cues its file has (VADER's words added to
    `loaded`'s); `participles` and `not_passive` the agentless-passive
    heuristic's word sets; `categories` those this language has."""

    language: str
    patterns: dict[str, re.Pattern[str] | None]
    sizes: dict[str, int]
    participles: frozenset[str]
    not_passive: frozenset[str]
    categories: tuple[str, ...]
    #: Lower-cased first words of the cues, each to (category, gate) pairs: a cue of that
    #: category ("!" + category for an exclusion) can start with the word, provided that
    #: one of the gate's words is in the text too (None: no gate). Matching tries a
    #: category's pattern only where such a word stands (`claims.framing.cues`).
    starts: dict[str, tuple[tuple[str, frozenset[str] | None], ...]]
    #: The keys of `starts`, as a set.
    first_words: frozenset[str]
    #: Every word whose places matching needs: `first_words`, the gates' words and the
    #: forms of *be* and *get* (for agentless passives).
    scanned: frozenset[str]
    #: (category, gate) of the cues that start with `<Nationality>` (tried at each such
    #: word when one of the gate's words is in the text).
    nationality_starts: tuple[tuple[str, frozenset[str] | None], ...]


def languages() -> list[str]:
    """The languages that have a folder of lists, sorted."""
    root = resources.files("claims.framing") / "lists"
    return sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith("_"))


def _lines(language: str, name: str) -> list[str] | None:
    """The cue lines of `lists/<language>/<name>.txt` (comments and blank lines left out),
    None when there is no such file."""
    path = resources.files("claims.framing") / "lists" / language / f"{name}.txt"
    if not path.is_file():
        return None
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip().translate(FOLD)
        if line:
            out.append(line)
    return out


def verb_forms(verb: str) -> list[str]:
    """The regular forms of an English verb: [verb, 3rd person -s, past -ed, -ing]."""
    vowels = "aeiou"
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        third = verb + "es"
    elif verb.endswith("y") and len(verb) > 1 and verb[-2] not in vowels:
        third = verb[:-1] + "ies"
    else:
        third = verb + "s"
    if verb.endswith("e"):
        past = verb + "d"
    elif verb.endswith("y") and len(verb) > 1 and verb[-2] not in vowels:
        past = verb[:-1] + "ied"
    else:
        past = verb + "ed"
    if verb.endswith("ie"):
        ing = verb[:-2] + "ying"
    elif verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")):
        ing = verb[:-1] + "ing"
    else:
        ing = verb + "ing"
    return [verb, third, past, ing]


def _word(token: str, language: str, seen: tuple[str, ...]) -> str:
    if token.startswith("<") and token.endswith(">"):
        name = token[1:-1]
        if name in _BUILTIN:
            return _BUILTIN[name]
        if name in seen:
            raise ValueError(f"framing list {name!r} includes itself")
        lines = _lines(language, name)
        if lines is None:
            raise ValueError(f"framing list {language}/{name}.txt is missing")
        alts = [_phrase(x, language, (*seen, name)) for x in lines if not x.startswith("!")]
        return "(?:" + "|".join(alts) + ")"
    forms = verb_forms(token[1:]) if token.startswith("~") else token.split("|")
    forms.sort(key=len, reverse=True)
    return "(?:" + "|".join(re.escape(f) for f in forms) + ")"


def _phrase(line: str, language: str, seen: tuple[str, ...] = ()) -> str:
    """A regex for one cue line (without the word boundaries)."""
    out = ""
    glued = True  # the next word needs no white space before it (line start, or after an
    # optional first word, which carries its own)
    for token in line.split():
        optional = token.endswith("?") and len(token) > 1
        part = _word(token[:-1] if optional else token, language, seen)
        if optional and glued:
            out += f"(?:{part}\\s+)?"
        elif optional:
            out += f"(?:\\s+{part})?"
            glued = False
        else:
            out += part if glued else r"\s+" + part
            glued = False
    return out


def _firsts(line: str, language: str, seen: tuple[str, ...] = ()) -> tuple[set[str], bool]:
    """(the lower-cased words a cue line can start with, whether it can start with a
    `<Nationality>`). Raises `ValueError` for a line that can start with any word."""
    words: set[str] = set()
    tokens = line.split()
    for index, token in enumerate(tokens):
        optional = token.endswith("?") and len(token) > 1
        token = token[:-1] if optional else token
        nationality = False
        if token.startswith("<") and token.endswith(">"):
            name = token[1:-1]
            if name == "Nationality":
                nationality = True
            elif name in _BUILTIN:
                raise ValueError(f"a framing cue cannot start with <{name}>: {line!r}")
            else:
                for sub in _lines(language, name) or ():
                    if not sub.startswith("!"):
                        more, nat = _firsts(sub, language, (*seen, name))
                        words |= more
                        nationality = nationality or nat
        elif token.startswith("~"):
            words.update(verb_forms(token[1:].lower()))
        else:  # a word's places are found by token, and "it's" is the tokens "it", "s"
            words.update(w.lower().split("'")[0] for w in token.split("|"))
        if not optional or index == len(tokens) - 1:
            return words, nationality
        rest, nat = _firsts(" ".join(tokens[index + 1 :]), language, seen)
        return words | rest, nationality or nat
    return words, False


def _gate(line: str, language: str) -> frozenset[str] | None:
    """Words one of which a text must hold for the cue line to match in it: the
    alternatives of its longest required word after the first (a `<file>` gives the words
    its lines start with; None when it has no such word: "the said" gives {"said"}), so a
    line that starts with a common word ("the", "in") is tried only in texts that hold
    its rarer words."""
    best: list[str] = []
    for token in line.split()[1:]:
        if token.endswith("?") or token[1:-1] in _BUILTIN:
            continue
        if token.startswith("<"):
            forms = sorted(_firsts(token, language)[0])
        elif token.startswith("~"):
            forms = verb_forms(token[1:])
        else:
            forms = token.split("|")
        forms = [f.lower().split("'")[0] for f in forms]
        if forms and min(map(len, forms)) > min(map(len, best), default=0):
            best = forms
    return frozenset(best) if best else None


def _compile(alternatives: list[str]) -> re.Pattern[str] | None:
    if not alternatives:
        return None
    body = "|".join(alternatives)
    return re.compile(f"{BEFORE}(?:{body}){AFTER}", re.IGNORECASE)


@functools.cache
def vader_loaded() -> frozenset[str]:
    """VADER's strongly negative single words (valence ≤ `VADER_THRESHOLD`), less
    `lists/en/vader-exclude.txt`; empty when the vaderSentiment package is not installed."""
    try:
        text = (resources.files("vaderSentiment") / "vader_lexicon.txt").read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return frozenset()
    exclude = set(_lines("en", "vader-exclude") or ())
    words = set()
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) < 2 or not re.fullmatch(r"[a-z][a-z'-]+", parts[0]):
            continue
        try:
            valence = float(parts[1])
        except ValueError:
            continue
        if valence <= VADER_THRESHOLD and parts[0] not in exclude:
            words.add(parts[0])
    return frozenset(words)


@functools.cache
def lists_for(language: str) -> Lists:
    """The compiled lists of `language` (a BCP 47 tag; its primary subtag is used: "en-GB"
    reads `lists/en/`). Raises `NoFramingLists` for a language with no folder of lists,
    `ValueError` for a list file that refers to a missing one."""
    primary = language.split("-")[0].split("_")[0].lower()
    if not primary or primary not in languages():
        raise NoFramingLists(language)
    patterns: dict[str, re.Pattern[str] | None] = {}
    sizes: dict[str, int] = {}
    have: list[str] = []
    starts: dict[str, list[tuple[str, frozenset[str] | None]]] = {}
    nationality_starts: list[tuple[str, frozenset[str] | None]] = []
    for category in CATEGORIES:
        if category in HEURISTIC:
            continue
        lines = _lines(primary, category)
        if lines is None:
            continue
        cues = [x for x in lines if not x.startswith("!")]
        extra = sorted(vader_loaded()) if category == "loaded" and primary == "en" else []
        alternatives = sorted(
            [*(_phrase(x, primary) for x in cues), *(re.escape(w) for w in extra)],
            key=len,
            reverse=True,
        )
        patterns[category] = _compile(alternatives)
        excluded = [x[1:].strip() for x in lines if x.startswith("!")]
        patterns["!" + category] = _compile([_phrase(x, primary) for x in excluded])
        for line in excluded:
            for word in _firsts(line, primary)[0]:
                starts.setdefault(word, []).append(("!" + category, _gate(line, primary)))
        sizes[category] = len(cues) + len(set(extra) - set(cues))
        have.append(category)
        for word in extra:
            starts.setdefault(word, []).append((category, None))
        for cue in cues:
            words, nationality = _firsts(cue, primary)
            gate = _gate(cue, primary)
            for word in words:
                starts.setdefault(word, []).append((category, gate))
            if nationality:
                nationality_starts.append((category, gate))
    participles = frozenset(_lines(primary, "participles") or ())
    not_passive = frozenset(_lines(primary, "passive-exclude") or ())
    if participles:
        have.append("agentless-passive")
        sizes["agentless-passive"] = len(participles)
    if primary == "en":  # the quotation patterns are English (claims/framing/quotes.py)
        have.append("direct-quote")
    ordered = tuple(c for c in CATEGORIES if c in have)
    return Lists(
        primary,
        patterns,
        sizes,
        participles,
        not_passive,
        ordered,
        {w: tuple(dict.fromkeys(c)) for w, c in starts.items()},
        frozenset(starts),
        frozenset(starts).union(
            *(g for pairs in starts.values() for _, g in pairs if g is not None), BE_FORMS
        ),
        tuple(dict.fromkeys(nationality_starts)),
    )
