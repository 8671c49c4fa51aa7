"""The intermediate form every reader produces before an `Article` is made."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Any

from ..models import Article, PublishedFrom, stable_id
from .language import detect_language


@dataclass(frozen=True, slots=True)
class Draft:
    """What a reader found in one article; ``month_day`` is a dateline with no year."""

    text: str
    path: str | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    byline: str | None = None
    published: str | None = None
    published_from: PublishedFrom | None = None
    language: str | None = None
    month_day: tuple[int, int] | None = None
    notes: tuple[str, ...] = ()  # what the reader could only guess (shown as warnings)

    def merged(self, **meta: str | None) -> Draft:
        """Fill fields that are still empty from ``meta`` (metadata beats guesses)."""
        updates: dict[str, Any] = {k: v for k, v in meta.items() if v and not getattr(self, k)}
        return replace(self, **updates) if updates else self


_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_BLANKS = re.compile(r"\n{3,}")


def normalise_text(text: str) -> str:
    """NFC, unified newlines, single spaces, at most one blank line between paragraphs."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\ufeff", "").replace("\u00ad", "")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


def to_article(draft: Draft) -> Article:
    """Freeze a draft into an `Article` with a stable id from its address and text."""
    key = draft.path or draft.url or ""
    return Article(
        id=stable_id("a", key, draft.text),
        path=draft.path,
        text=draft.text,
        url=draft.url,
        outlet=draft.outlet,
        title=draft.title,
        byline=draft.byline,
        published=draft.published,
        published_from=draft.published_from if draft.published else None,
        language=draft.language or detect_language(draft.text),
    )
