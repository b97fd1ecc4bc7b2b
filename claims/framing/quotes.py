"""`direct-quote`: quotations whose speaker the sentence names (English patterns).

A heuristic, labelled as such. Quotation marks are folded first (`“ ” „ « »` are `"`), and
within a paragraph they are paired in order (first with second, third with fourth; an odd
last one is left alone). A quotation is a direct quote when its sentence names a speaker
by one of the patterns of the reported-speech literature (Bergler 2005; Caldas-Coulthard
1994):

- after it: `"…," X said` / `"…," said X` (a speech verb next to a speaker);
- before it, in the same sentence: `according to X, … "…"`; `X said: "…"` / `X said that
  "…"` (the last speech verb before the quotation, with a speaker just before it, or the
  sentence's first words naming one); `X … posed the question: "…"`.

A speaker is a pronoun (he, she, they), a run of capitalised words (Mammadov, Maria
Zakharova) that is not a function word, or "the" and up to three words (the journalist,
the AzTV chairman). Left out, as no speaker's wording: names and titles in quotation marks
(every word capitalised, at most four words: "Sputnik Azerbaijan"), scare quotes without a
speech verb in their sentence, and a text's own invented voice ("would be: "…"").

Known misses: a speaker two sentences away, a quotation running over paragraphs, and a
speaker named only by a possessive ("The Russian side's justification—that "…"").
"""

from __future__ import annotations

import re

from claims.framing.lists import FOLD

SPEECH = (
    "said|says|say|added|adds|stated|states|told|tells|wrote|writes|noted|asked|asks|"
    "reported|replied|explained|continued|concluded|declared|insisted|claimed|claims|argued|recalled|"
    "warned|emphasized|emphasised|stressed|announced|commented|remarked|calling|called|"
    "described|considered|cited|quoted|assured|posed|raised|alleged|accused|accusing|"
    "labelled|labeled|branded|acknowledged|admitted|confirmed|denied|wrote|tweeted|posted"
)
_FUNCTION = {
    "a", "an", "the", "this", "that", "these", "those", "in", "on", "at", "it", "but",
    "however", "yet", "and", "or", "so", "if", "when", "while", "as", "for", "after",
    "before", "then", "still", "even", "now", "meanwhile", "also", "there", "here", "what",
    "why", "how", "who", "where", "do", "does", "did", "is", "are", "was", "were", "i",
    "we", "you", "our", "my", "his", "her", "their", "its", "one", "some", "many",
    "additionally", "following", "during", "since", "although", "despite", "according",
    "from", "with", "by", "to", "of", "not", "no", "yes",
}  # fmt: skip
_NAME = r"[A-Z][\w'.-]*(?:\s+[A-Z][\w'-]*){0,3}"
_THE = r"[Tt]he\s+[\w'-]+(?:\s+[\w'-]+){0,2}?"
SPEAKER = rf"(?:[Hh]e|[Ss]he|[Tt]hey|{_THE}|{_NAME})"
_AFTER = re.compile(
    rf"\s*[,.]?\s*(?:(?P<s1>{SPEAKER})\s+(?:\w+ly\s+)?(?:{SPEECH})|(?:{SPEECH})\s+(?P<s2>{SPEAKER}))\b"
)
_ACCORDING = re.compile(rf"\b[Aa]ccording\s+to\s+(?P<s>{SPEAKER}|her|him|them)\b")
_VERB = re.compile(rf"\b(?:{SPEECH})\b")
_BEFORE_VERB = re.compile(rf"(?P<s>{SPEAKER})\s*,?\s+(?:(?:\w+ly|also|then|later)\s+){{0,2}}$")
_LEADING = re.compile(rf"^(?P<s>{SPEAKER})\b")
_SENTENCE_END = re.compile(r"[.!?][\"')\]]?\s+(?=[\"'(A-Z0-9])")
_TITLE_WORDS = re.compile(r"[\w'.&-]+")
_SMALL = {"of", "the", "and", "for", "in", "on", "a", "an", "de", "to"}


def _speaker(found: str | None) -> str | None:
    """The speaker as found, or None when it is a function word ("The", "In")."""
    if not found:
        return None
    first = found.split()[0].lower()
    if first in _FUNCTION and first not in ("the", "he", "she", "they"):
        return None
    if first == "the" and len(found.split()) < 2:
        return None
    return found


def _is_name(content: str) -> bool:
    """A quotation that is a name or title ("Sputnik Azerbaijan", "Hafta", "Minval")."""
    words = _TITLE_WORDS.findall(content)
    if not words or len(words) > 4 or re.search(r"[,;:!?]|\.\s", content):
        return False
    return all(w[0].isupper() or w.lower() in _SMALL or w[0].isdigit() for w in words)


def _sentence_start(text: str, at: int) -> int:
    start = 0
    for match in _SENTENCE_END.finditer(text, 0, at):
        start = match.end()
    return start


def speaker_of(text: str, start: int, end: int) -> str | None:
    """The speaker the sentence names for the quotation `text[start:end]` (its marks
    included), None when no pattern names one. `text` is folded (`FOLD`)."""
    after = _AFTER.match(text, end, min(len(text), end + 80))
    if after is not None:
        found = _speaker(after.group("s1") or after.group("s2"))
        if found:
            return found
    sentence = _sentence_start(text, start)
    prefix = text[sentence:start]
    according = _ACCORDING.search(prefix)
    if according is not None:
        return according.group("s")
    verbs = list(_VERB.finditer(prefix))
    if not verbs:
        return None
    last = verbs[-1]
    before = _BEFORE_VERB.search(prefix, 0, last.start())
    if before is not None:
        found = _speaker(before.group("s"))
        if found:
            return found
    leading = _LEADING.match(prefix)
    return _speaker(leading.group("s")) if leading is not None else None


def direct_quotes(paragraph: str) -> list[tuple[int, int, str]]:
    """(start, end, speaker) of each direct quote of one paragraph: 0-based code points,
    the quotation marks included, `end` exclusive."""
    text = paragraph.translate(FOLD)
    marks = [i for i, c in enumerate(text) if c == '"']
    out = []
    for first, second in zip(marks[::2], marks[1::2], strict=False):
        content = text[first + 1 : second]
        if not content.strip() or _is_name(content):
            continue
        speaker = speaker_of(text, first, second + 1)
        if speaker is not None:
            out.append((first, second + 1, speaker))
    return out
