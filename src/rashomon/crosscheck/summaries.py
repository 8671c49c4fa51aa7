"""Conflict summaries that say what differs and who holds each side.

A summary is the one line an analyst reads in the JSON, the Markdown export and the
HTML tooltip: "Figures disagree on passengers evacuated: '60 passengers' (the union) vs
'40 passengers' (Brattvik Ferries)". Each side names its sources (the story's source
names, else the speaker as written, else the outlet whose own voice it is), so a reader
sees who holds which value without opening the sides.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..models import ConflictSide, Mention

NAMES_SHOWN = 3  # names per side before "and N more"
CLAIM_CHARS = 90  # of a denied statement quoted in its summary


@dataclass(frozen=True, slots=True)
class Namer:
    """What a summary needs from the story: its sources' and places' names, and the
    outlet of each article (for statements in an outlet's own voice)."""

    sources: Mapping[str, str] = field(default_factory=dict)  # source id -> name
    places: Mapping[str, str] = field(default_factory=dict)  # gazetteer id or "name:x" -> name
    outlets: Mapping[str, str] = field(default_factory=dict)  # article id -> outlet
    published: Mapping[str, str] = field(default_factory=dict)  # article id -> ISO date

    def who(self, mention: Mention) -> str:
        """Who says it: the named source, the speaker as written, or the outlet."""
        if mention.source_id and mention.source_id in self.sources:
            return self.sources[mention.source_id]
        if mention.attributed_as:
            return mention.attributed_as
        return self.outlets.get(mention.article_id) or "the outlet"

    def first_published(self, side: ConflictSide) -> str:
        """The earliest publication date among the side's articles ("" if none is dated)."""
        return min((self.published.get(m.article_id) or "~" for m in side.mentions),
                   default="~").replace("~", "")

    def place_label(self, label: str) -> str:
        """A place side's label ("geonames:123, name:x") with the places' names."""
        return ", ".join(self.places.get(part, part.removeprefix("name:"))
                         for part in label.split(", "))


def side_names(side: ConflictSide, namer: Namer) -> str:
    """The side's speakers, in order of first mention: "A", "A and B", "A, B and 2 more"."""
    names = list(dict.fromkeys(namer.who(m) for m in side.mentions))
    if len(names) > NAMES_SHOWN:
        shown = names[:NAMES_SHOWN - 1]
        return f"{', '.join(shown)} and {len(names) - len(shown)} more"
    if len(names) > 1:
        return f"{', '.join(names[:-1])} and {names[-1]}"
    return names[0] if names else "the outlet"


def summary(kind: str, topic: str, sides: Sequence[ConflictSide], namer: Namer) -> str:
    """The conflict's line; ``topic`` says what differs ("Figures disagree on deaths").
    An update's figures follow their first publication ("three, then five, then seven");
    ``sides`` are otherwise kept in the order given."""
    if kind in ("denial", "unconfirmed"):
        return _denial(kind, topic, sides, namer)
    if kind == "update":
        dated = [(namer.first_published(side) or "~", k) for k, side in enumerate(sides)]
        sides = [sides[k] for _, k in sorted(dated)]
    joiner = " then " if kind == "update" else " vs "
    values = joiner.join(f"'{side.label}' ({side_names(side, namer)})" for side in sides)
    return f"{topic}: {values}"


def _denial(kind: str, claim: str, sides: Sequence[ConflictSide], namer: Namer) -> str:
    """"'The radar was off': asserted by A; denied by B" ("not confirmed by" for an
    `unconfirmed` conflict). The statement leads, so two denials between the same
    sources read apart."""
    asserting = [s for s in sides if s.label.startswith("asserted")]
    doubting = [s for s in sides if not s.label.startswith("asserted")]
    if not asserting or not doubting:
        return "; ".join(side_names(s, namer) for s in sides)
    verb = "denied" if kind == "denial" else "not confirmed"
    who = (f"asserted by {side_names(asserting[0], namer)}; "
           f"{verb} by {side_names(doubting[0], namer)}")
    # A reported clause keeps its complementiser ("that crew reported a fault"): drop it.
    claim = claim.removeprefix("that ").removeprefix("That ")
    return f"'{shortened(claim)}': {who}" if claim else who[:1].upper() + who[1:]


def shortened(text: str, limit: int = CLAIM_CHARS) -> str:
    """``text`` cut at a word before ``limit`` characters, with an ellipsis if cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
