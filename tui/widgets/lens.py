"""The framing lens's look: a style per cue category, the paragraphs with their cues
highlighted, and the legend under the source while the lens is on.

A cue is drawn on a translucent tint of its category's colour (with its own text
attribute, so no two categories differ by hue alone): the tint is blended with whatever is
under it, the theme's background (dark or light: the theme's own text colour stays
legible on both) or a cited quote's side colour, so a cue inside a quote shows both, the
quote's colour tinted by the cue's. `direct-quote` spans, long and holding other cues, get
the faintest tint. The cue gone to with `n`/`N` is drawn reversed.

Every text from the source (a cue's words in the legend) goes through `claims.text.steady`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual.content import Content
from textual.widgets import Static

from claims.framing import CATEGORIES, HEURISTIC, Cue
from claims.text import steady

#: (colour, text attribute, tint %) of each category: hue and attribute both differ.
LOOKS: dict[str, tuple[str, str, int]] = {
    "hedge": ("#e5c07b", "italic", 45),
    "booster": ("#ff8c42", "bold", 45),
    "attribution-neutral": ("#8fa3bf", "", 45),
    "attribution-distancing": ("#c678dd", "italic", 45),
    "attribution-endorsing": ("#98c379", "bold", 45),
    "denial": ("#e06c75", "bold italic", 50),
    "unnamed-source": ("#61afef", "underline", 45),
    "loaded": ("#ff5fd7", "bold underline", 50),
    "agentless-passive": ("#56b6c2", "italic underline", 40),
    "direct-quote": ("#a0a0a0", "", 20),
}
CURRENT = "reverse"  # added to the cue gone to
CUE_TEXT = 40  # characters of a cue's words shown in the legend, then "…"


def cue_style(category: str) -> str:
    """The style of a cue of `category` (a Textual style string)."""
    colour, attribute, tint = LOOKS[category]
    return f"{attribute} on {colour} {tint}%".strip()


def swatch(category: str) -> tuple[str, str]:
    """The category's name drawn as its cues are, for legends and bars' labels."""
    return (f" {category} ", cue_style(category))


def lensed(body: Content, cues: Iterable[Cue], current: Cue | None = None) -> Content:
    """`body` (a paragraph as the source view draws it) with `cues` (of that paragraph)
    highlighted, `direct-quote` spans first so the cues inside them show over them, and
    `current` (if among them) reversed. Offsets are the cues' (code points), which
    `steady` keeps; a cue past the body's end is clipped by `Content.stylize`."""
    ordered = sorted(cues, key=lambda c: (c.category != "direct-quote", c.start))
    for cue in ordered:
        body = body.stylize(cue_style(cue.category), cue.start, cue.end)
    if current is not None:
        body = body.stylize(CURRENT, current.start, current.end)
    return body


def short(text: str) -> str:
    """A cue's words for the legend: one line, `CUE_TEXT` characters at most, `steady`."""
    flat = " ".join(text.split())
    return steady(flat if len(flat) <= CUE_TEXT else flat[: CUE_TEXT - 1] + "…")


def legend(
    counts: dict[str, int],
    *,
    step: tuple[int, int, Cue] | None = None,
    focus: str | None = None,
    problem: str | None = None,
    assumed: str | None = None,
) -> Content:
    """The lens's legend: its state (`problem`, e.g. no lists for the language; else the
    cue gone to, `step` = (1-based place, of how many, the cue), or how to step), then each
    category shown with its count in this source (`counts`, in `CATEGORIES` order; those
    at 0 named after, dimmed), then its keys. `focus` names what n/N step through when not
    every cue (a category opened from the profile). `assumed` is the language assumed for
    a source with no `language:` ("en"), said after the title."""
    parts: list[str | tuple[str, str]] = [("Framing lens", "bold")]
    if assumed is not None and problem is None:
        parts.append((f" ({steady(assumed)} assumed: no `language:`)", "$warning"))
    if problem is not None:
        parts += [": ", (steady(problem), "bold $warning"), ("  · f: lens off", "$text-muted")]
        return Content.assemble(*parts)
    if focus is not None:
        parts += [" · ", (f"{focus} only", "bold")]
    if step is not None:
        place, total, cue = step
        parts += [f" · cue {place} of {total} · ", swatch(cue.category), ": ", short(cue.text)]
    elif sum(counts.values()):
        parts.append(("  · n/N: step through the cues", "$text-muted"))
    else:
        parts.append(" · no cues in this source")
    parts.append("\n")
    absent = []
    for category in CATEGORIES:
        if category not in counts:
            continue
        if not counts[category]:
            absent.append(category)
            continue
        mark = "*" if category in HEURISTIC else ""
        parts += [swatch(category), f"{mark} {counts[category]}  "]
    if absent:
        parts.append((f"none: {', '.join(absent)}  ", "$text-muted"))
    keys = "f: every category" if focus is not None else "f: lens off"
    parts.append((f"(* heuristic · p: profile · {keys})", "$text-muted"))
    return Content.assemble(*parts)


def counted(cues: Sequence[Cue], categories: Iterable[str]) -> dict[str, int]:
    """How many of `cues` each of `categories` has (0 for those with none)."""
    counts = dict.fromkeys(categories, 0)
    for cue in cues:
        if cue.category in counts:
            counts[cue.category] += 1
    return counts


class LensLegend(Static):
    """The legend under the source while the lens is on (hidden while it is off)."""

    DEFAULT_CSS = """
    LensLegend {
        display: none;
        height: auto;
        max-height: 6;
        padding: 0 1;
        border-top: solid $panel-lighten-2;
    }
    """

    def __init__(self) -> None:
        super().__init__(Content(), id="lens-legend", markup=False)
