"""The stage layer of the data model: annotations and claims, before the report.

Every annotation carries its span in `Article.text`: text == article.text[start:end].
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from .report import Article, PlaceFeature, SourceKind, Stance, When, plain_dict

TimePrecision = Literal["time", "day", "week", "month", "season", "quarter", "year", "decade",
                        "range", "duration", "unresolved"]
Echelon = Literal["army", "corps", "division", "brigade", "regiment", "battalion", "company",
                  "squadron", "platoon", "group", "fleet", "unit"]


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence span; ``when`` is the time it is about, when the text says."""

    start: int
    end: int
    text: str
    when: When | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain dict for `rashomon annotate --json`."""
        return plain_dict(self, omit_none=("when",))


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity from the NLP pipeline (spaCy label)."""

    text: str
    start: int
    end: int
    label: str

    def to_dict(self) -> dict[str, Any]:
        """Plain dict."""
        return plain_dict(self)


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """A time expression normalised against an anchor date.

    ``value`` is TimeML-style ("2025-06-08", "2025-W23", "2025-06", "2025", "P3D",
    "PRESENT_REF"); ``when`` gives the calendar span it covers, for comparing; both are
    None when the expression is relative and there was no anchor.
    """

    text: str
    start: int
    end: int
    kind: Literal["date", "time", "duration", "set"]
    value: str | None
    precision: TimePrecision
    when: When | None = None
    relative: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Plain dict."""
        return plain_dict(self)


@dataclass(frozen=True, slots=True)
class PlaceRef:
    """A place mention, geocoded when the gazetteer knows it (else lat/lon are None)."""

    text: str
    start: int
    end: int
    name: str
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    feature: PlaceFeature = "other"
    gazetteer_id: str | None = None
    precision: Literal["point", "city", "region", "country", "unresolved"] = "unresolved"

    def to_dict(self) -> dict[str, Any]:
        """Plain dict."""
        return plain_dict(self)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number of something: a value or a range, how approximate, in which unit."""

    text: str
    start: int
    end: int
    value: float | None
    low: float | None = None
    high: float | None = None
    approx: Literal["exact", "about", "at_least", "at_most", "more_than", "less_than",
                    "vague"] = "exact"
    unit: str | None = None
    counted: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain dict."""
        return plain_dict(self)


@dataclass(frozen=True, slots=True)
class MilitaryUnit:
    """A military formation; ``key`` is the same for one unit written two ways."""

    text: str
    start: int
    end: int
    number: int | None
    branch: str | None
    echelon: Echelon
    key: str

    def to_dict(self) -> dict[str, Any]:
        """Plain dict."""
        return plain_dict(self)


@dataclass(frozen=True, slots=True)
class Token:
    """One token of the parse; ``head`` is the index of its syntactic head in the article."""

    start: int
    end: int
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    ent: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Plain dict."""
        return plain_dict(self)


@dataclass(frozen=True, slots=True)
class AnnotatedArticle:
    """An article with every annotation the annotate stage adds."""

    article: Article
    sentences: tuple[Sentence, ...] = ()
    entities: tuple[Entity, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    places: tuple[PlaceRef, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    units: tuple[MilitaryUnit, ...] = ()
    warnings: tuple[str, ...] = ()
    tokens: tuple[Token, ...] = field(default=(), repr=False)

    def to_dict(self) -> dict[str, Any]:
        """Per-article annotation lists, as `rashomon annotate --json` prints them."""
        out = plain_dict(self)
        out.pop("tokens")
        out["article"] = {k: v for k, v in self.article.to_dict().items() if k != "text"}
        return out


# --- Claims layer -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who says something, as one article names them (``start`` -1 when not in the text)."""

    text: str
    start: int
    end: int
    kind: SourceKind = "other"
    aliases: tuple[str, ...] = ()
    person: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Plain dict."""
        return plain_dict(self)


@dataclass(frozen=True, slots=True)
class Frame:
    """The parts of a proposition that later stages compare across articles."""

    actor: str | None = None
    predicate: str | None = None
    patient: str | None = None
    places: tuple[str, ...] = ()
    when: When | None = None
    quantities: tuple[Quantity, ...] = ()
    units: tuple[MilitaryUnit, ...] = ()
    negated: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Plain dict."""
        return plain_dict(self)


@dataclass(frozen=True, slots=True)
class ClaimMention:
    """One speaker's stance towards one proposition in one sentence.

    ``start``/``end`` cover the sentence (what a report quotes); ``content_start``/
    ``content_end`` the proposition itself. ``chain`` runs from the outermost relay to
    the origin ("NYT", "three officers"); the outlet itself is not in it.
    """

    article_id: str
    sentence: int
    start: int
    end: int
    quote: str
    content_start: int
    content_end: int
    stance: Stance
    chain: tuple[Speaker, ...] = ()
    frame: Frame = field(default_factory=Frame)
    when: When | None = None
    cue: Literal["denial", "unconfirmed", "hedge"] | None = None

    @property
    def speaker(self) -> Speaker | None:
        """The origin: the innermost speaker, or None for the outlet's own voice."""
        return self.chain[-1] if self.chain else None

    @property
    def content(self) -> str:
        """The proposition's text."""
        return self.quote[self.content_start - self.start : self.content_end - self.start]

    def to_dict(self) -> dict[str, Any]:
        """Plain dict for `rashomon claims --json`."""
        out = plain_dict(self)
        out["content"] = self.content
        return out


@dataclass(frozen=True, slots=True)
class ArticleClaims:
    """The claims stage's output for one article."""

    annotated: AnnotatedArticle
    mentions: tuple[ClaimMention, ...]
    credits: tuple[str, ...] = ()
