"""Dated events a sentence names besides the one its claims are about.

A sentence often dates more than one event: "The number detained in connection with
Saturday's unrest has risen to 19, the gendarmerie said on Monday" names the unrest
(Saturday), the rise and the statement (Monday). Each claim mention carries one time, that
of its own clause (`claims.when`), so Saturday appears on no claim. The story's timeline
also lists such references, each citing the mention of its sentence: the time and the
phrase it belongs to ("Saturday's unrest"; "the gendarmerie said on Monday").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ..claims.parse import Parse
from ..claims.stage import dateline_end
from ..models import ArticleClaims, Claim, Mention, TimeExpr, TimelineEntry, When

# Longest phrase kept for a reference; a longer one is cut to the time and its neighbours.
_MAX_PHRASE = 90
_PREDICATES = ("VERB", "AUX")
_NOMINALS = ("NOUN", "PROPN")
# A clock time alone ("at 10:00 AM") takes its day from elsewhere, and "now" or "current"
# is the publication day: neither names a dated event of its own.
_DAY_WORD = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day|\b(?:yester|to)day\b"
                       r"|\btonight\b|\blast\s+night\b|(?<![:.\d])\b\d{1,2}(?:st|nd|rd|th)?\b(?![:.\d])",
                       re.I)


def _by_sentence(claims: Sequence[Claim]) -> dict[tuple[str, int], list[tuple[Claim, Mention]]]:
    out: dict[tuple[str, int], list[tuple[Claim, Mention]]] = {}
    for claim in claims:
        for m in claim.mentions:
            out.setdefault((m.article_id, m.start), []).append((claim, m))
    return out


def _dated(claim: Claim, mention: Mention) -> set[str]:
    return {w.date for w in (claim.when, mention.when) if w is not None and w.date}


def _names_a_day(t: TimeExpr) -> bool:
    """Whether a time names its day itself ("Saturday's", "on March 3", "Sunday evening")."""
    return t.kind in ("date", "time") and (t.value or "")[:1].isdigit() \
        and bool(_DAY_WORD.search(t.text))


def _head(parse: Parse, t: TimeExpr) -> int | None:
    return next(iter(parse.span_roots(t.start, t.end)), None)


def _governed(parse: Parse, head: int | None, t: TimeExpr) -> tuple[int, int]:
    """The span of the noun a time dates, with its dependents ("Saturday's unrest"), or of
    the predicate it dates from its subject to the time ("the gendarmerie said on Monday")."""
    for j in parse.ancestors(head) if head is not None else ():
        tok = parse.tokens[j]
        if tok.pos in _NOMINALS:
            return parse.span(parse.subtree(j, skip=("relcl", "acl", "appos")))
        if tok.pos in _PREDICATES:
            subject = parse.kids(j, "nsubj", "nsubjpass")
            first = parse.span(parse.subtree(subject[0]))[0] if subject else tok.start
            return min(first, tok.start, t.start), max(tok.end, t.end)
    return t.start, t.end


def _phrase(parse: Parse, t: TimeExpr, bounds: tuple[int, int]) -> str:
    """The phrase a time belongs to (`_governed`); when that is long, the time with its
    predicate ("on Tuesday rejected"), else the time alone."""
    head = _head(parse, t)
    start, end = _governed(parse, head, t)
    start, end = max(start, bounds[0]), min(end, bounds[1])
    if end - start > _MAX_PHRASE or start >= end:
        verbs = (j for j in parse.ancestors(head) if parse.tokens[j].pos in _PREDICATES) \
            if head is not None else iter(())
        verb = next(verbs, None)
        pred = parse.tokens[verb] if verb is not None else None
        start = min(t.start, pred.start) if pred is not None else t.start
        end = max(t.end, pred.end) if pred is not None else t.end
    if end - start > _MAX_PHRASE or start >= end:
        start, end = t.start, t.end
    return parse.text[start:end].strip(" ,;:")


def _references(item: ArticleClaims, index: dict[tuple[str, int], list[tuple[Claim, Mention]]],
                ) -> Iterable[TimelineEntry]:
    annotated = item.annotated
    article = annotated.article.id
    parse: Parse | None = None
    seen: set[tuple[int, str]] = set()
    # A dateline's date is when the article was filed, not an event it names.
    times = [t for t in annotated.times if t.start >= dateline_end(annotated)]
    for sentence in annotated.sentences:
        cited = index.get((article, sentence.start))
        if not cited:
            continue
        dated = set().union(*(_dated(c, m) for c, m in cited))
        for t in times:
            day = t.when.date if t.when is not None else None
            if not (sentence.start <= t.start < sentence.end) or not _names_a_day(t) \
                    or not day or day in dated or (sentence.start, day) in seen:
                continue
            seen.add((sentence.start, day))
            parse = parse or Parse(annotated)
            claim, mention = cited[0]
            text = _phrase(parse, t, (sentence.start, sentence.end))
            yield TimelineEntry(text, (mention,), When(date=day), claim.id)


def dated_references(items: Sequence[ArticleClaims], claims: Sequence[Claim],
                     ) -> list[TimelineEntry]:
    """Timeline entries for the day-precise times of the claims' sentences that no claim of
    that sentence is dated by (see the module docstring)."""
    index = _by_sentence(claims)
    return [entry for item in items for entry in _references(item, index)]
