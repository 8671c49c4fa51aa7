"""The data model: every stage takes and returns these frozen dataclasses.

`report` holds what the `rashomon.report/1` contract shows (each class converts to and
from its plain dicts with ``to_dict``/``from_dict``); `annotations` what the stages pass
between them before the report (annotations, speakers, claim mentions); `codec` turns
any of them into plain JSON data and back for the store and the cache.
"""

from __future__ import annotations

from .annotations import (
    AnnotatedArticle,
    ArticleClaims,
    ClaimMention,
    Echelon,
    Entity,
    Frame,
    MilitaryUnit,
    PlaceRef,
    Quantity,
    Sentence,
    Speaker,
    TimeExpr,
    TimePrecision,
    Token,
)
from .report import (
    REPORT_SCHEMA,
    Article,
    Claim,
    ClaimStatus,
    Conflict,
    ConflictKind,
    ConflictSide,
    Mention,
    Place,
    PlaceFeature,
    Problem,
    PublishedFrom,
    Report,
    Source,
    SourceKind,
    Stance,
    Story,
    TimelineEntry,
    When,
    stable_id,
)

__all__ = [
    "AnnotatedArticle",
    "Article",
    "ArticleClaims",
    "Claim",
    "ClaimMention",
    "ClaimStatus",
    "Conflict",
    "ConflictKind",
    "ConflictSide",
    "Echelon",
    "Entity",
    "Frame",
    "Mention",
    "MilitaryUnit",
    "Place",
    "PlaceFeature",
    "PlaceRef",
    "Problem",
    "PublishedFrom",
    "Quantity",
    "REPORT_SCHEMA",
    "Report",
    "Sentence",
    "Source",
    "SourceKind",
    "Speaker",
    "Stance",
    "Story",
    "TimeExpr",
    "TimePrecision",
    "TimelineEntry",
    "Token",
    "When",
    "stable_id",
]
