"""What each framing category marks, an example, and its known false positives and misses.

The one source of these texts: the app's help lines (the source profile, the lens) show
them, and docs/framing.md's table of categories says the same words
(`tests/test_lens_profile.py` holds them equal). In an example, the words of the cue are
between `**` (Markdown bold, as in the docs).
"""

from __future__ import annotations

from typing import NamedTuple


class Explanation(NamedTuple):
    """One category: `what` it marks (a sentence), an `example` from the bundled casebook
    (the cue between `**`), and its known false positives and misses (`misses`)."""

    what: str
    example: str
    misses: str


EXPLAINED: dict[str, Explanation] = {
    "hedge": Explanation(
        "softens a claim, leaving room for doubt",
        '"both **reportedly** Azerbaijani citizens"; "Armenia **may appear to** be at the '
        'forefront"',
        '"May" is taken for the month when it is capitalised mid-sentence or next to a number '
        '("in May", "5 May", "May 5"); a sentence opening "May …" without a number is taken '
        'as the modal, and "may" written in lower case for the month as a hedge; root modals '
        'are mostly left out, but "could be" as ability counts as a hedge',
    ),
    "booster": Explanation(
        "presents a claim as certain or known to all",
        '"**It is no secret** that"; "**As is known**"',
        '"naturally" and "actually" as manner adverbs ("acted naturally")',
    ),
    "attribution-neutral": Explanation(
        "reports who said something, without judging it",
        '"Zakharova **said**"; "**According to** her"',
        '"said" the adjective is excluded ("the said agreement"), "as noted above" too; "told" '
        'in "told off"; "accused" as a passive participle ("they are accused of")',
    ),
    "attribution-distancing": Explanation(
        "reports a claim while casting doubt on it",
        '"Russia … dismissed the concerns, **claiming** the incident was routine"',
        '"claimed" of a prize, a title, a victory, lives or responsibility is excluded; bare '
        '"claim"/"claims" count only before "that" (the noun is common), so "some sources '
        'claim they" is missed',
    ),
    "attribution-endorsing": Explanation(
        "reports a claim as established fact (factive verbs)",
        '"Zakharova publicly **acknowledged** the complaint"',
        '"shown" in "has shown no remorse" and negative implicatives ("refused to disclose": '
        'Karttunen) are excluded; a passive "were clarified" still counts',
    ),
    "denial": Explanation(
        "reports that someone denies or rejects a claim",
        '"Official Baku **dismissed** the Russian note"',
        '"denied access/entry/bail" and "dismissed from" (fired) are excluded; "rejected" of a '
        'thing, not a claim ("rejected the offer"), still counts',
    ),
    "unnamed-source": Explanation(
        "attributes words to someone who is not named",
        '"**According to those close to the family**"; "**some sources claim**"',
        '"the authorities said" counts though the authority may be clear from context; an '
        'unnamed source whose verb is not next to it ("Local media, citing …, reported") is '
        "missed",
    ),
    "loaded": Explanation(
        "an evaluative word a neutral report would avoid",
        '"The **reckless bully**"; "**blood on their hands**"; "Russian **chauvinism**"',
        'names of events ("the Khojaly **massacre**"); quoted words count too (the JSON\'s '
        "`direct-quote` spans show which are quoted); descriptive crime and legal words are "
        'left out on purpose ("criminal", "illegal"), so their evaluative uses are missed',
    ),
    "agentless-passive": Explanation(
        "a passive that does not say who acted (a heuristic)",
        '"two brothers … **were reportedly detained**"',
        'not counted inside a cue of another category ("As is known" is a booster only); '
        'stative participles are listed out ("is interested in", "are involved in") but '
        'others slip through ("is preoccupied"); "by" within four words counts as an agent '
        'even when it is an instrument ("shot down by a missile") or a time ("by June"); '
        'inverted questions ("why were they targeted") and a second participle sharing one '
        'auxiliary ("was summoned … and handed") are missed',
    ),
    "direct-quote": Explanation(
        "a quotation with the speaker the sentence names (a heuristic)",
        '"“What happened, Mr. Putin? …,” **Mammadov said**"',
        'the speaker must be named in the same sentence by a pattern (`"…," X said`, `X said: '
        '"…"`, `according to X … "…"`); names and titles in quotation marks ("Sputnik '
        'Azerbaijan") and scare quotes are left out; a quote running over paragraphs is missed',
    ),
}


def plain_example(example: str) -> list[tuple[str, bool]]:
    """An example cut into (text, is the cue) pieces at its `**` marks, in order."""
    return [(piece, index % 2 == 1) for index, piece in enumerate(example.split("**")) if piece]
