"""The report layer of the data model: what `rashomon.report/1` holds.

Each class converts to and from the plain dicts of the `rashomon.report/1`
contract (see ``shared/spec/report.md``) with ``to_dict``/``from_dict``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields
from functools import cache
from typing import Any, Literal, TypeVar

REPORT_SCHEMA = "rashomon.report/1"

PublishedFrom = Literal["metadata", "text", "inferred"]
Stance = Literal["supports", "refutes", "uncertain"]
ClaimStatus = Literal["corroborated", "single-source", "disputed"]
ConflictKind = Literal["denial", "quantity", "date", "place", "detail", "update"]
SourceKind = Literal["government", "military", "official", "media", "expert", "anonymous", "other"]
PlaceFeature = Literal["country", "region", "city", "town", "village", "other"]

T = TypeVar("T")


def stable_id(prefix: str, *parts: str) -> str:
    """Return a short id that depends only on ``parts`` (same input, same id)."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()
    return f"{prefix}-{digest[:10]}"


# Exact built-in scalar types (not subclasses) have no to_dict: a report holds millions.
_SCALARS = frozenset({str, int, float, bool, type(None)})


def _plain(value: Any) -> Any:
    if type(value) in _SCALARS:
        return value
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def plain_dict(obj: Any, omit_none: tuple[str, ...] = ()) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in _field_names(obj.__class__):
        value = getattr(obj, name)
        if value is None and name in omit_none:
            continue
        out[name] = _plain(value)
    return out


@dataclass(frozen=True, slots=True)
class When:
    """A point (``date``) or a range (``start``/``end``), at the text's precision."""

    date: str | None = None
    start: str | None = None
    end: str | None = None

    def to_dict(self) -> dict[str, str]:
        """Only the fields that are set."""
        pairs = (("date", self.date), ("start", self.start), ("end", self.end))
        return {k: v for k, v in pairs if v}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> When | None:
        """Build from a report dict; ``None`` stays ``None``."""
        if not data:
            return None
        return cls(data.get("date"), data.get("start"), data.get("end"))


def _when(data: dict[str, Any] | None) -> When | None:
    return When.from_dict(data)


@dataclass(frozen=True, slots=True)
class Article:
    """One ingested news article; ``text`` is what every offset in a report points into."""

    id: str
    path: str | None
    text: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    byline: str | None = None
    published: str | None = None
    published_from: PublishedFrom | None = None
    language: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The report's article object, fields in contract order."""
        keys = ("id", "path", "url", "outlet", "title", "byline", "published",
                "published_from", "language", "text")
        return {k: getattr(self, k) for k in keys}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """Build from a report's article object."""
        return cls(
            id=data["id"], path=data.get("path"), text=data["text"], url=data.get("url"),
            outlet=data.get("outlet"), title=data.get("title"), byline=data.get("byline"),
            published=data.get("published"), published_from=data.get("published_from"),
            language=data.get("language"),
        )


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of one article's text that states something."""

    article_id: str
    start: int
    end: int
    quote: str
    stance: Stance | None = None
    source_id: str | None = None
    attributed_as: str | None = None
    when: When | None = None

    def to_dict(self) -> dict[str, Any]:
        """The report's mention object (optional fields left out when unset)."""
        return plain_dict(self, omit_none=("stance", "attributed_as", "when"))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Mention:
        """Build from a report's mention object."""
        return cls(
            article_id=data["article_id"], start=data["start"], end=data["end"],
            quote=data["quote"], stance=data.get("stance"), source_id=data.get("source_id"),
            attributed_as=data.get("attributed_as"), when=_when(data.get("when")),
        )


def _mentions(items: list[dict[str, Any]] | None) -> tuple[Mention, ...]:
    return tuple(Mention.from_dict(m) for m in items or [])


@dataclass(frozen=True, slots=True)
class Claim:
    """One proposition, with every mention of it across a story's articles."""

    id: str
    text: str
    status: ClaimStatus
    mentions: tuple[Mention, ...]
    outlets: int = 0
    independent_sources: int = 0
    when: When | None = None
    place_ids: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The report's claim object."""
        return plain_dict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Claim:
        """Build from a report's claim object."""
        return cls(
            id=data["id"], text=data["text"], status=data["status"],
            mentions=_mentions(data.get("mentions")), outlets=data.get("outlets", 0),
            independent_sources=data.get("independent_sources", 0),
            when=_when(data.get("when")), place_ids=tuple(data.get("place_ids", [])),
        )


@dataclass(frozen=True, slots=True)
class ConflictSide:
    """One position in a conflict, with the mentions that take it."""

    label: str
    mentions: tuple[Mention, ...]
    source_ids: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The report's conflict side object."""
        return plain_dict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ConflictSide:
        """Build from a report's conflict side object."""
        mentions = _mentions(data.get("mentions"))
        return cls(data["label"], mentions, tuple(data.get("source_ids", [])))


@dataclass(frozen=True, slots=True)
class Conflict:
    """A typed disagreement between two or more sides."""

    id: str
    kind: ConflictKind
    summary: str
    sides: tuple[ConflictSide, ...]
    claim_ids: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The report's conflict object."""
        return plain_dict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Conflict:
        """Build from a report's conflict object."""
        sides = tuple(ConflictSide.from_dict(s) for s in data.get("sides", []))
        claim_ids = tuple(data.get("claim_ids", []))
        return cls(data["id"], data["kind"], data["summary"], sides, claim_ids)


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """A dated point or range on a story's timeline."""

    text: str
    mentions: tuple[Mention, ...]
    when: When
    claim_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The report's timeline entry: the date fields sit at the top level."""
        out: dict[str, Any] = dict(self.when.to_dict())
        out.update(text=self.text, claim_id=self.claim_id, mentions=_plain(self.mentions))
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TimelineEntry:
        """Build from a report's timeline entry."""
        when = When(data.get("date"), data.get("start"), data.get("end"))
        return cls(data["text"], _mentions(data.get("mentions")), when, data.get("claim_id"))


@dataclass(frozen=True, slots=True)
class Place:
    """A geocoded (or, with null coordinates, unresolved) place of a story."""

    id: str
    name: str
    lat: float | None
    lon: float | None
    aliases: tuple[str, ...] = ()
    country: str | None = None
    admin1: str | None = None
    feature: PlaceFeature = "other"
    gazetteer_id: str | None = None
    mentions: tuple[Mention, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The report's place object."""
        return plain_dict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Place:
        """Build from a report's place object."""
        return cls(
            id=data["id"], name=data["name"], lat=data.get("lat"), lon=data.get("lon"),
            aliases=tuple(data.get("aliases", [])), country=data.get("country"),
            admin1=data.get("admin1"), feature=data.get("feature", "other"),
            gazetteer_id=data.get("gazetteer_id"), mentions=_mentions(data.get("mentions")),
        )


@dataclass(frozen=True, slots=True)
class Source:
    """A canonical speaker, with the names the articles give it."""

    id: str
    name: str
    kind: SourceKind = "other"
    aliases: tuple[str, ...] = ()
    via: tuple[str, ...] = ()
    claim_ids: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The report's source object."""
        return plain_dict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Source:
        """Build from a report's source object."""
        return cls(
            id=data["id"], name=data["name"], kind=data.get("kind", "other"),
            aliases=tuple(data.get("aliases", [])), via=tuple(data.get("via", [])),
            claim_ids=tuple(data.get("claim_ids", [])),
        )


@dataclass(frozen=True, slots=True)
class Story:
    """A group of articles about one event, with what was found across them."""

    id: str
    title: str
    article_ids: tuple[str, ...]
    period: When | None = None
    claims: tuple[Claim, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    places: tuple[Place, ...] = ()
    sources: tuple[Source, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The report's story object."""
        return plain_dict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Story:
        """Build from a report's story object."""
        return cls(
            id=data["id"], title=data["title"], article_ids=tuple(data.get("article_ids", [])),
            period=_when(data.get("period")),
            claims=tuple(Claim.from_dict(c) for c in data.get("claims", [])),
            conflicts=tuple(Conflict.from_dict(c) for c in data.get("conflicts", [])),
            timeline=tuple(TimelineEntry.from_dict(t) for t in data.get("timeline", [])),
            places=tuple(Place.from_dict(p) for p in data.get("places", [])),
            sources=tuple(Source.from_dict(s) for s in data.get("sources", [])),
        )


@dataclass(frozen=True, slots=True)
class Problem:
    """One input that could not be (fully) read: shown to the user, never raised."""

    where: str
    message: str
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True, slots=True)
class Report:
    """The whole analysis result in the `rashomon.report/1` shape."""

    articles: tuple[Article, ...]
    stories: tuple[Story, ...]
    generator_version: str
    generated_at: str | None = None
    problems: tuple[Problem, ...] = field(default=(), compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The report object; ``problems`` are for the terminal, not the contract."""
        out: dict[str, Any] = {
            "schema": REPORT_SCHEMA,
            "generator": {"name": "rashomon", "version": self.generator_version},
        }
        if self.generated_at:
            out["generated_at"] = self.generated_at
        out["articles"] = [a.to_dict() for a in self.articles]
        out["stories"] = [s.to_dict() for s in self.stories]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        """Build from a report object."""
        return cls(
            articles=tuple(Article.from_dict(a) for a in data.get("articles", [])),
            stories=tuple(Story.from_dict(s) for s in data.get("stories", [])),
            generator_version=data.get("generator", {}).get("version", "unknown"),
            generated_at=data.get("generated_at"),
        )
