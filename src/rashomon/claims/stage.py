"""Claims stage: every sentence becomes mentions with speakers, relays, stance and a frame."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ..annotate.quantities_lex import in_base_unit
from ..models import AnnotatedArticle, ArticleClaims, ClaimMention, Frame, Sentence, Speaker, When
from .antecedent import PeopleIndex
from .attribution import Attribution, SpeakerSpan, attribute_sentence
from .clauses import clause_spans, set_off_adverbial
from .gender import article_genders
from .parse import Parse
from .quotes import carried_speakers, quoted_test
from .resolve import SpeakerMemory, names_someone
from .sources import speaker_kind
from .turns import headline_speaker, turn_speakers
from .when import clause_time

# Sentences shorter than this carry no checkable proposition ("Read more.").
_MIN_WORDS = 4
_POSSESSIVE = re.compile(r"\s*['’]s$")
_CREDIT = re.compile(r"\((AFP|AP|Reuters|dpa|EFE|ANSA|Xinhua|TASS|Interfax|UNIAN)\b[^)]*\)")


def _to_speaker(parse: Parse, span: SpeakerSpan, outlets: Sequence[str]) -> Speaker:
    text = _POSSESSIVE.sub("", parse.text[span.start : span.end].strip(" ,\"'“”"))
    kind = "anonymous" if span.anonymous else speaker_kind(
        " ".join((text, *span.aliases)), parse.tokens[span.head].ent, outlets)
    person = any(parse.tokens[i].ent == "PERSON" for i in parse.name_tokens(span.head))
    person = person or any(_looks_like_person(a) for a in span.aliases)
    return Speaker(text, span.start, span.end, kind, span.aliases, person)


def _looks_like_person(name: str) -> bool:
    words = name.split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words)


def _frame(annotated: AnnotatedArticle, parse: Parse, content: tuple[int, int]) -> Frame:
    start, end = content
    root = next(iter(parse.span_roots(start, end)), None)
    actor = patient = predicate = None
    negated = False
    if root is not None:
        predicate = parse.tokens[root].lemma.lower()
        negated = parse.is_negated(root)
        actor = _phrase(parse, parse.kids(root, "nsubj", "nsubjpass"))
        patient = _phrase(parse, parse.kids(root, "dobj", "attr", "pobj"))
    return Frame(
        actor=actor, predicate=predicate, patient=patient,
        places=tuple(p.gazetteer_id or "name:" + p.name.lower()
                     for p in annotated.places if start <= p.start < end),
        when=_event_time(annotated, parse, start, end),
        quantities=tuple(in_base_unit(q) for q in annotated.quantities
                         if start <= q.start < end),
        units=tuple(u for u in annotated.units if start <= u.start < end),
        negated=negated,
    )


def _event_time(annotated: AnnotatedArticle, parse: Parse, start: int, end: int) -> When | None:
    """The time a proposition spanning ``start:end`` is about (a dateline's date is not):
    its own clause's, else that of the statement reporting it (`clause_time`)."""
    dateline = dateline_end(annotated)
    times = [t for t in annotated.times if t.start >= dateline]
    sentence = next(((s.start, s.end) for s in annotated.sentences if s.start <= start < s.end),
                    (start, end))
    return clause_time(times, parse, start, end, sentence)


_DATELINE = re.compile(r"^[A-ZÀ-Þ][A-ZÀ-Þ .'’-]+,[^\n—–]{0,80}?[—–]")


def dateline_end(annotated: AnnotatedArticle) -> int:
    """Where a dateline ("KYIV, June 8 (Agency) —") ends: its date is not an event time."""
    found = _DATELINE.match(annotated.article.text)
    return found.end() if found else 0


def _phrase(parse: Parse, heads: list[int]) -> str | None:
    if not heads:
        return None
    start, end = parse.span(parse.name_tokens(heads[0]))
    return parse.text[start:end]


def _clip(span: tuple[int, int], sentence: Sentence) -> tuple[int, int]:
    start, end = max(span[0], sentence.start), min(span[1], sentence.end)
    return (start, end) if end > start else (sentence.start, sentence.end)


def _mention(annotated: AnnotatedArticle, parse: Parse, index: int, sentence: Sentence,
             attribution: Attribution, chain: tuple[Speaker, ...]) -> ClaimMention:
    start, end = attribution.content
    start, end = max(start, sentence.start), min(end, sentence.end)
    if end <= start:
        start, end = sentence.start, sentence.end
    frame = _frame(annotated, parse, (start, end))
    return ClaimMention(
        article_id=annotated.article.id, sentence=index, start=sentence.start,
        end=sentence.end, quote=sentence.text, content_start=start, content_end=end,
        stance=attribution.stance, chain=chain,
        frame=frame, when=frame.when or sentence.when,
        cue=attribution.cue,
    )


def _eligible(parse: Parse, sentence: Sentence) -> bool:
    return len(sentence.text.split()) >= _MIN_WORDS and bool(parse.token_range(sentence))


def named_outlets(text: str, outlets: Sequence[str]) -> tuple[str, ...]:
    """The outlet names a text mentions (case aside): only these can make one of its
    speakers a media source, so an article's claims depend on no other outlet."""
    lower = text.lower()
    return tuple(o for o in outlets if o and o.lower() in lower)


def extract_claims(annotated: AnnotatedArticle, outlets: Sequence[str] = ()) -> ArticleClaims:
    """Claims of one article, speakers resolved against earlier sentences of the same article."""
    outlets = named_outlets(annotated.article.text, outlets)
    parse = Parse(annotated)
    places = [p.text for p in annotated.places]
    sentences = annotated.sentences
    genders = article_genders(annotated.article.text, sentences, annotated.entities)
    quoted = quoted_test(parse.text)
    people = PeopleIndex(parse, sentences, annotated.entities, quoted)
    memory = SpeakerMemory(annotated.article.text, annotated.entities, annotated.article.outlet,
                           places, genders, people)
    # A short sentence ("Clinton said.") claims nothing, but may speak a quotation before it.
    raw = [attribute_sentence(parse, s, quoted) if parse.token_range(s) else []
           for s in sentences]
    # A sentence inside a quotation or a transcript's turn takes the speaker from there.
    carried = {i: raw[j][k] for i, (j, k) in carried_speakers(parse, sentences, raw).items()}
    carried.update(turn_speakers(parse, sentences, annotated.entities))
    carried.update(headline_speaker(parse, sentences, annotated.entities))
    chains: dict[int, tuple[Speaker, ...]] = {}
    dateline = dateline_end(annotated)
    mentions = []
    for index, sentence in enumerate(sentences):
        for k, attribution in enumerate(raw[index] if _eligible(parse, sentence) else ()):
            source = carried.get(index, attribution) if k == 0 else attribution
            if id(source) not in chains:
                chains[id(source)] = _resolve_chain(parse, memory, source, outlets)
            chain = chains[id(source)]
            content = _clip(attribution.content, sentence)
            content = (max(content[0], dateline), content[1]) if content[1] > dateline else content
            for clause in clause_spans(parse, content):
                unit = _clause_attribution(parse, attribution, clause)
                mentions.append(_mention(annotated, parse, index, sentence, unit, chain))
    credits = tuple(sorted(set(_CREDIT.findall(annotated.article.text))))
    return ArticleClaims(annotated, tuple(mentions), credits)


# Cues that doubt what the speaker reports: a denial, a non-confirmation.
_DOUBTING = frozenset({"denial", "unconfirmed"})


def _clause_attribution(parse: Parse, attribution: Attribution,
                        clause: tuple[int, int]) -> Attribution:
    """The attribution of one clause of its content. A doubt covers what is reported, not
    an adverbial clause of the doubting statement itself (`set_off_adverbial`): "..., saying
    he had only been questioned" is something the speaker asserts."""
    stance, cue = attribution.stance, attribution.cue
    if cue in _DOUBTING and set_off_adverbial(parse, clause, attribution.verb):
        stance, cue = "supports", None
    return Attribution(attribution.chain, clause, stance, attribution.verb, cue)


def retime(claims: ArticleClaims, annotated: AnnotatedArticle) -> ArticleClaims:
    """``claims`` of an article as they are against ``annotated``, the same annotation with
    its times resolved again (an undated article once its story implies a window): equal to
    `extract_claims` of ``annotated``, without parsing attributions again, since only the
    mentions' times depend on the article's times."""
    mentions = []
    parse = Parse(annotated)
    for mention in claims.mentions:
        when = _event_time(annotated, parse, mention.content_start, mention.content_end)
        sentence_when = annotated.sentences[mention.sentence].when
        mentions.append(replace(mention, frame=replace(mention.frame, when=when),
                                when=when or sentence_when))
    return ArticleClaims(annotated, tuple(mentions), claims.credits)


def _resolve_chain(parse: Parse, memory: SpeakerMemory, attribution: Attribution,
                   outlets: Sequence[str]) -> tuple[Speaker, ...]:
    speakers = (_to_speaker(parse, span, outlets) for span in attribution.chain)
    # A span of nothing but quote marks or "'s" names nobody: it is left out of the chain
    # rather than kept as a nameless speaker.
    # An unresolved "it" or "that" is dropped too: it says nothing about who speaks.
    return tuple(r for s in speakers if s.text and names_someone(r := memory.resolve(s)))
