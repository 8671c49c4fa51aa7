"""Story clustering features: what one article contributes to the TF-IDF vectors.

An article becomes three bags of terms (title words, body words, named entities); the
clustering module weights them with an incremental IDF. Everything here is per-article
and deterministic, so a stored index can take one more article later.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..annotate.spacy_loader import stop_words
from ..models import AnnotatedArticle, Entity, Token
from .timeplace import Cell, named_years, place_cells

Bag = tuple[tuple[str, int], ...]

CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"})
# Calendar words link unrelated stories of the same week; the decay handles time instead.
_TIME_ENTS = frozenset({"DATE", "TIME", "ORDINAL", "CARDINAL", "PERCENT"})
# Reporting verbs and newsroom words appear in every story, whatever it is about.
_NEWS_WORDS = frozenset(
    "say tell add report according accord claim state told says said statement news "
    "reporter journalist people year day week month time".split()
)
_WORD = re.compile(r"[^\W_][\w'’-]*", re.UNICODE)
_EDGE = re.compile(r"^[\W_]+|[\W_]+$", re.UNICODE)
_POSSESSIVE = re.compile(r"['’]s$")
_LEADING = ("the ", "a ", "an ")


@dataclass(frozen=True, slots=True)
class StoryDoc:
    """One article as the clustering sees it: its date, three bags of (term, count), the
    years its dates fall in, the cells of the places it names, and the years of its dates
    precise to the month or better (see `timeplace`)."""

    id: str
    published: date | None
    title: Bag = ()
    body: Bag = ()
    entities: Bag = ()
    years: tuple[int, ...] = ()
    cells: tuple[Cell, ...] = ()
    exact_years: tuple[int, ...] = ()

    def to_dict(self) -> dict[str, object]:
        """Plain JSON-able dict (for caching features beside a stored index)."""
        return {"id": self.id, "published": self.published.isoformat() if self.published else None,
                "title": [list(p) for p in self.title], "body": [list(p) for p in self.body],
                "entities": [list(p) for p in self.entities], "years": list(self.years),
                "cells": [list(c) for c in self.cells], "exact_years": list(self.exact_years)}

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> StoryDoc:
        """Inverse of `to_dict`."""
        day = data.get("published")
        return cls(str(data["id"]), date.fromisoformat(str(day)) if day else None,
                   _bag_of(data.get("title")), _bag_of(data.get("body")),
                   _bag_of(data.get("entities")), _years_of(data.get("years")),
                   _cells_of(data.get("cells")), _years_of(data.get("exact_years")))


def _years_of(value: object) -> tuple[int, ...]:
    return tuple(int(y) for y in value) if isinstance(value, list) else ()


def _cells_of(value: object) -> tuple[Cell, ...]:
    pairs = value if isinstance(value, list) else []
    return tuple((int(lat), int(lon)) for lat, lon in pairs)


def _bag_of(value: object) -> Bag:
    pairs = value if isinstance(value, list) else []
    return tuple((str(t), int(c)) for t, c in pairs)


@lru_cache(maxsize=1 << 16)  # the same words come back in every article
def fold(text: str) -> str:
    """Lowercase without accents, so 'Ružomberok' and 'Ruzomberok' are one term."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def entity_key(text: str) -> str:
    """Normalised entity text: folded, no article, no possessive, single spaces."""
    key = " ".join(fold(text).replace("’", "'").split())
    for lead in _LEADING:
        if key.startswith(lead):
            key = key[len(lead):]
    key = _EDGE.sub("", _POSSESSIVE.sub("", key))
    return key


def _content_term(token: Token) -> str | None:
    if token.pos not in CONTENT_POS or token.ent in _TIME_ENTS:
        return None
    return _lemma_term(token.pos, token.lemma)


@lru_cache(maxsize=1 << 16)
def _lemma_term(pos: str, lemma: str) -> str | None:
    term = _EDGE.sub("", fold(lemma))
    if len(term) < 2 or term in stop_words() or term in _NEWS_WORDS:
        return None
    if pos == "NUM" and not any(ch.isdigit() for ch in term):
        return None  # spelled-out small numbers ("three") say nothing about the event
    return term


def body_terms(tokens: Iterable[Token]) -> Counter[str]:
    """Content-word lemmas of the parsed text."""
    return Counter(t for t in map(_content_term, tokens) if t)


def _surface_lemmas(tokens: Iterable[Token], text: str) -> dict[str, str]:
    # The title is not parsed; words it shares with the body borrow the body's lemma.
    out: dict[str, str] = {}
    for tok in tokens:
        term = _content_term(tok)
        if term:
            out.setdefault(fold(text[tok.start:tok.end]), term)
    return out


def title_terms(title: str | None, lemmas: Mapping[str, str]) -> Counter[str]:
    """Title words, lemmatised through the body's parse where the body uses them."""
    out: Counter[str] = Counter()
    for match in _WORD.finditer(title or ""):
        word = _POSSESSIVE.sub("", fold(match.group()).replace("’", "'"))
        term = lemmas.get(word, word)
        if _keep_title_term(term):
            out[term] += 1
    return out


def _keep_title_term(term: str) -> bool:
    if len(term) < 2 or term in stop_words() or term in _NEWS_WORDS:
        return False
    return not term.isdigit() or len(term) > 2  # keep years and counts, not "2 dead"


def entity_terms(entities: Iterable[Entity], title: str | None) -> Counter[str]:
    """Entity keys; a multi-word person also counts under the surname later mentions use."""
    out: Counter[str] = Counter()
    for ent in entities:
        if ent.label not in ENTITY_LABELS:
            continue
        key = entity_key(ent.text)
        if len(key) < 2:
            continue
        out[key] += 1
        if ent.label == "PERSON" and " " in key:
            out[key.rsplit(" ", 1)[1]] += 1
    folded = f" {fold(title or '')} "
    for key in list(out):
        if f" {key} " in folded or f" {key}'" in folded:
            out[key] += 1  # named in the headline: what the story is about
    return out


def _published(value: str | None) -> date | None:
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _bag(counts: Counter[str]) -> Bag:
    return tuple(sorted(counts.items()))


def story_doc(annotated: AnnotatedArticle) -> StoryDoc:
    """The clustering features of one annotated article."""
    article = annotated.article
    body = body_terms(annotated.tokens)
    title = title_terms(article.title, _surface_lemmas(annotated.tokens, article.text))
    ents = entity_terms(annotated.entities, article.title)
    return StoryDoc(article.id, _published(article.published), _bag(title), _bag(body),
                    _bag(ents), named_years(annotated.times), place_cells(annotated.places),
                    named_years(annotated.times, exact=True))


def content_terms(tokens: Sequence[Token], entities: Sequence[Entity], title: str | None,
                  ) -> Bag:
    """Body and entity terms of an article from its tokens, entities and title (its story
    doc without the title terms, which need a second pass over the tokens)."""
    return _bag(body_terms(tokens)) + _bag(entity_terms(entities, title))


def published_day(annotated: AnnotatedArticle) -> date | None:
    """The article's publication day, as story docs hold it."""
    return _published(annotated.article.published)


def unit_tf(bag: Bag) -> dict[str, float]:
    """Sublinear term frequencies scaled to unit length (long articles don't dominate)."""
    weights = {t: 1.0 + math.log(c) for t, c in bag if c > 0}
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {t: w / norm for t, w in weights.items()}
