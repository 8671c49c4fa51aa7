"""Claims stage: every sentence becomes mentions with speakers, relays, stance and a frame."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..models import (
    AnnotatedArticle,
    ArticleClaims,
    ClaimMention,
    Frame,
    Sentence,
    Speaker,
    When,
)
from .attribution import Attribution, SpeakerSpan, attribute_sentence
from .parse import Parse
from .resolve import SpeakerMemory
from .sources import speaker_kind

# Sentences shorter than this carry no checkable proposition ("Read more.").
_MIN_WORDS = 4
_POSSESSIVE = re.compile(r"\s*['’]s$")
_CREDIT = re.compile(r"\((AFP|AP|Reuters|dpa|EFE|ANSA|Xinhua|TASS|Interfax|UNIAN)\b[^)]*\)")


def _to_speaker(parse: Parse, span: SpeakerSpan, outlets: Sequence[str]) -> Speaker:
    text = _POSSESSIVE.sub("", parse.text[span.start : span.end].strip(" ,\"'“”"))
    kind = "anonymous" if span.anonymous else speaker_kind(
        " ".join((text, *span.aliases)), parse.tokens[span.head].ent, outlets)
    return Speaker(text, span.start, span.end, kind, span.aliases)


def _frame(annotated: AnnotatedArticle, parse: Parse, content: tuple[int, int],
           when: When | None) -> Frame:
    start, end = content
    inside = range(*_token_bounds(parse, start, end))
    root = next((i for i in inside if parse.tokens[i].head not in inside
                 or parse.tokens[i].head == i), None)
    actor = patient = predicate = None
    negated = False
    if root is not None:
        predicate = parse.tokens[root].lemma.lower()
        negated = parse.is_negated(root)
        actor = _phrase(parse, parse.kids(root, "nsubj", "nsubjpass"))
        patient = _phrase(parse, parse.kids(root, "dobj", "attr", "pobj"))
    return Frame(
        actor=actor, predicate=predicate, patient=patient,
        places=tuple(p.name for p in annotated.places if start <= p.start < end),
        when=when,
        quantities=tuple(q for q in annotated.quantities if start <= q.start < end),
        units=tuple(u for u in annotated.units if start <= u.start < end),
        negated=negated,
    )


def _token_bounds(parse: Parse, start: int, end: int) -> tuple[int, int]:
    idx = [i for i, t in enumerate(parse.tokens) if start <= t.start < end]
    return (idx[0], idx[-1] + 1) if idx else (0, 0)


def _phrase(parse: Parse, heads: list[int]) -> str | None:
    if not heads:
        return None
    start, end = parse.span(parse.name_tokens(heads[0]))
    return parse.text[start:end]


def _mention(annotated: AnnotatedArticle, parse: Parse, index: int, sentence: Sentence,
             attribution: Attribution, chain: tuple[Speaker, ...]) -> ClaimMention:
    start, end = attribution.content
    start, end = max(start, sentence.start), min(end, sentence.end)
    if end <= start:
        start, end = sentence.start, sentence.end
    return ClaimMention(
        article_id=annotated.article.id, sentence=index, start=sentence.start,
        end=sentence.end, quote=sentence.text, content_start=start, content_end=end,
        stance=attribution.stance, chain=chain,
        frame=_frame(annotated, parse, (start, end), sentence.when), when=sentence.when,
    )


def extract_claims(annotated: AnnotatedArticle, outlets: Sequence[str] = ()) -> ArticleClaims:
    """Claims of one article, speakers resolved against earlier sentences of the same article."""
    parse = Parse(annotated)
    memory = SpeakerMemory(annotated.article.text)
    mentions = []
    for index, sentence in enumerate(annotated.sentences):
        if len(sentence.text.split()) < _MIN_WORDS or not parse.token_range(sentence):
            continue
        for attribution in attribute_sentence(parse, sentence):
            chain = tuple(_resolved(parse, memory, span, outlets) for span in attribution.chain)
            mentions.append(_mention(annotated, parse, index, sentence, attribution, chain))
    credits = tuple(sorted(set(_CREDIT.findall(annotated.article.text))))
    return ArticleClaims(annotated, tuple(mentions), credits)


def _resolved(parse: Parse, memory: SpeakerMemory, span: SpeakerSpan,
              outlets: Sequence[str]) -> Speaker:
    speaker = _to_speaker(parse, span, outlets)
    is_person = parse.tokens[span.head].ent == "PERSON"
    return memory.resolve(speaker, is_person)
