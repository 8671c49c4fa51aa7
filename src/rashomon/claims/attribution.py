"""Attribution: find who says a sentence's proposition, through which relays, with which stance.

Rules run over the dependency parse of one sentence; in-article references ("he", "the
ministry") are resolved afterwards by `resolve.py`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Literal

from ..models import Sentence, Stance
from .content import claim_object, content_span, doubted_span, outside
from .lexicon import (
    CONFIRM_VERBS,
    DECLINE_VERBS,
    DENIAL_VERBS,
    DOCUMENT_NOUNS,
    FALSITY_WORDS,
    HEDGES,
    REPORT_VERBS,
)
from .parenthetical import parenthetical_clause
from .parse import FINITE_TAGS, Parse
from .predicates import declines_to_vouch, is_predicate
from .subjects import gerund_after_preposition, subject_of

Cue = Literal["denial", "unconfirmed", "hedge"] | None
_WORD = re.compile(r"\w")
# Conjunctions that open a new clause after "..., according to X, ...".
_COORDINATORS = frozenset({"and", "but", "while", "whereas", "yet"})


@dataclass(frozen=True, slots=True)
class SpeakerSpan:
    """A speaker as named in the sentence: head token, name span, apposition aliases."""

    head: int
    start: int
    end: int
    aliases: tuple[str, ...] = ()
    anonymous: bool = False


@dataclass(frozen=True, slots=True)
class Attribution:
    """One speaker chain (outer relay first) with the stance its origin takes."""

    chain: tuple[SpeakerSpan, ...]
    content: tuple[int, int]
    stance: Stance
    verb: int | None = None
    cue: Cue = None


def _in_name(parse: Parse, head: int) -> bool:
    """A date word that ends a proper name ("Skerra Today", "USA Today") names an outlet."""
    return any(parse.tokens[c].pos == "PROPN" for c in parse.kids(head, "compound"))


def _depth(parse: Parse, i: int) -> int:
    return sum(1 for _ in parse.ancestors(i))


def _speaker(parse: Parse, head: int, sentence: range) -> SpeakerSpan | None:
    if head not in sentence or parse.tokens[head].pos in ("VERB", "AUX"):
        return None
    if (parse.tokens[head].ent in ("DATE", "TIME") and not _in_name(parse, head)) or \
            parse.lower(head) == "name":
        return None  # "said Tuesday that" misparsed; "quoted by name"
    if parse.tokens[head].tag in ("WDT", "WP"):
        # "a letter that says", "officials who said": the noun the clause is about;
        # "Who would have believed ...?" names nobody.
        antecedent = _relative_antecedent(parse, head)
        if antecedent is None:
            return None
        head = antecedent
    owner = _owner_of_document(parse, head)
    document = parse.span(parse.name_tokens(head)) if owner != head else None
    head = owner
    names = parse.name_tokens(head)
    start, end = parse.span(names)
    aliases = tuple(_appositions(parse, head))
    if document is not None:  # "a poll by X" is also a name of what X says
        aliases = (*aliases, parse.text[document[0]:document[1]])
    primary = _prefer_proper_name(parse, names, head)
    if primary is not None:
        aliases = (parse.text[start:end], *aliases)
        start, end = primary
    return SpeakerSpan(head, start, end, aliases, _is_anonymous(parse, head))


def _relative_antecedent(parse: Parse, pronoun: int) -> int | None:
    for i in parse.ancestors(pronoun):
        if parse.tokens[i].dep == "relcl":
            head = parse.tokens[i].head
            return head if parse.tokens[head].pos in ("NOUN", "PROPN") else None
    return None


def _owner_of_document(parse: Parse, head: int) -> int:
    """'figures published by the institute' speak for the institute; 'the campaign
    released a statement saying ...' for the campaign (the publisher is the subject of the
    verb whose object the document is)."""
    lemma = parse.tokens[head].lemma.lower()
    if lemma not in DOCUMENT_NOUNS and lemma not in _ISSUED:
        return head
    if parse.tokens[head].dep == "dobj":
        for subject in parse.kids(parse.tokens[head].head, "nsubj"):
            if parse.tokens[subject].pos in ("NOUN", "PROPN", "PRON"):
                return subject
    if lemma not in DOCUMENT_NOUNS:
        return head
    for c in parse.subtree(head):
        tok = parse.tokens[c]
        if tok.ent in ("DATE", "TIME"):
            continue  # "a survey released on Thursday"
        by = tok.dep == "pobj" and parse.lower(tok.head) in _BY
        if tok.pos == "PROPN" and (tok.dep == "poss" or by):
            return c
        if by and parse.lower(tok.head) == "by" and tok.pos == "NOUN" and any(
                parse.lower(d) == "the" for d in parse.kids(c, "det")):
            return c  # "an estimate by the fire service"
    return head


_BY = frozenset("by of from at".split())
# What one issues that says something ("released a statement saying", "fired back a
# response saying"), besides the documents of DOCUMENT_NOUNS.
_ISSUED = frozenset("release response letter message memo email tweet post ad".split())


def _appositions(parse: Parse, head: int) -> list[str]:
    out = []
    for i in parse.name_tokens(head):
        for c in parse.kids(i, "appos"):
            start, end = parse.span(parse.name_tokens(c))
            out.append(parse.text[start:end])
    return out


def _prefer_proper_name(parse: Parse, names: list[int], head: int) -> tuple[int, int] | None:
    """When a common noun has a proper-name apposition ("its chief, Ana Pop"), name the person."""
    if parse.tokens[head].pos == "PROPN":
        return None
    for c in parse.kids(head, "appos"):
        if parse.tokens[c].pos == "PROPN":
            return parse.span(parse.name_tokens(c))
    return None


def _is_anonymous(parse: Parse, head: int) -> bool:
    window = parse.text[parse.tokens[head].start : parse.tokens[head].end + 120].lower()
    return "anonymity" in window or "not authorized" in window or "not authorised" in window


def _according_to(parse: Parse, sentence: range) -> list[tuple[int, int]]:
    """(anchor token, speaker head) pairs for 'according to X' and 'citing X'."""
    pairs: list[tuple[int, int]] = []
    for i in sentence:
        word = parse.lower(i)
        if word == "according":
            for to in parse.kids(i, "prep"):
                objs = parse.kids(to, "pobj")
                pairs.extend((i, obj) for obj in objs if _names_someone(parse, obj))
        elif word == "citing":
            pairs.extend((i, obj) for obj in parse.kids(i, "dobj", "pobj"))
    return pairs


def _names_someone(parse: Parse, head: int) -> bool:
    """'according to plan' names nobody; 'according to the ministry' does."""
    tok = parse.tokens[head]
    return tok.pos == "PROPN" or bool(parse.kids(head)) or tok.tag in ("NNS", "NNPS")


def _stance(parse: Parse, verb: int | None, content: tuple[int, int],
            rng: range) -> tuple[Stance, Cue]:
    if verb is not None:
        lemma = parse.tokens[verb].lemma.lower()
        negated = parse.is_negated(verb)
        if lemma in DENIAL_VERBS:
            return ("uncertain", "hedge") if negated else ("refutes", "denial")
        if (lemma in DECLINE_VERBS and declines_to_vouch(parse, verb)) or (
                lemma in CONFIRM_VERBS and negated):
            return "uncertain", "unconfirmed"
        if _calls_false(parse, verb):
            return "refutes", "denial"
    hedged = _hedged(parse, content, rng) or (verb is not None and any(
        parse.tokens[a].lemma.lower() in HEDGES for a in parse.ancestors(verb)
        if parse.tokens[a].pos in ("VERB", "AUX")))  # "videos appeared to show ..."
    return ("uncertain", "hedge") if hedged else ("supports", None)


def _calls_false(parse: Parse, verb: int) -> bool:
    if parse.tokens[verb].lemma.lower() not in ("call", "describe", "label", "brand", "say"):
        return False
    return any(parse.tokens[c].lemma.lower() in FALSITY_WORDS
               for dep in ("oprd", "xcomp", "acomp", "dobj", "prep")
               for k in parse.kids(verb, dep) for c in parse.subtree(k))


def _hedged(parse: Parse, content: tuple[int, int], rng: range) -> bool:
    for i in rng:
        tok = parse.tokens[i]
        if content[0] <= tok.start < content[1] and (
            tok.lemma.lower() in HEDGES or parse.lower(i) in HEDGES
        ):
            return True
    return any(parse.lower(i) in ("reportedly", "allegedly") for i in rng)


def _main_predicate(parse: Parse, rng: range,
                    quoted: Callable[[int], bool] | None = None) -> int | None:
    """The shallowest reporting predicate; one outside quotation marks first, since a
    verb inside them is the quoted speaker's ("'... we say ...,' Trump said")."""
    predicates = [i for i in rng if is_predicate(parse, i) and subject_of(parse, i) is not None]
    outside = [i for i in predicates if quoted is None or not quoted(parse.tokens[i].start)]
    predicates = outside or [i for i in predicates if not _self_quoted(parse, i, quoted)]
    if not predicates:
        return None
    return min(predicates, key=lambda i: (_depth(parse, i), i))


_FIRST_SECOND = frozenset("i we you me us".split())


def _self_quoted(parse: Parse, verb: int, quoted: Callable[[int], bool] | None) -> bool:
    """'“I think we will win”': inside quotation marks, "I" or "we" is whoever the
    quotation is by, not a speaker of its own."""
    if quoted is None or not quoted(parse.tokens[verb].start):
        return False
    subject = subject_of(parse, verb)
    return subject is not None and parse.lower(subject) in _FIRST_SECOND


def _relays(parse: Parse, verb: int, rng: range) -> list[SpeakerSpan]:
    """Media the speaker told ("told The New York Times") sit between outlet and speaker."""
    out = []
    for c in parse.kids(verb, "dative", "dobj"):
        if parse.tokens[verb].lemma.lower() == "tell" and parse.tokens[c].pos == "PROPN":
            span = _speaker(parse, c, rng)
            if span:
                out.append(span)
    return out


def _inner_source(parse: Parse, verb: int, rng: range) -> SpeakerSpan | None:
    """A source the speaker cites ("..., X reported, citing Y")."""
    for anchor, head in _according_to(parse, rng):
        if parse.lower(anchor) == "citing" and verb in parse.ancestors(anchor):
            return _speaker(parse, head, rng)
    return None


def _according_relay(parse: Parse, verb: int, rng: range) -> SpeakerSpan | None:
    """'X said ..., according to broadcaster Y': Y relays X."""
    for anchor, head in _according_to(parse, rng):
        if parse.lower(anchor) == "according" and anchor not in parse.subtree(
                subject_of(parse, verb) or verb):
            return _speaker(parse, head, rng)
    return None


def _root_according(parse: Parse, verb: int | None, rng: range) -> bool:
    """'according to X' on the main clause outranks a reporting verb buried deeper."""
    for anchor, _ in _according_to(parse, rng):
        if parse.lower(anchor) == "according" and (
                verb is None or _depth(parse, anchor) <= _depth(parse, verb) - 1):
            return True
    return False


def attribute_sentence(parse: Parse, sentence: Sentence,
                       quoted: Callable[[int], bool] | None = None) -> list[Attribution]:
    """Every attribution in a sentence: the main one first, then clauses and embedded claims.
    ``quoted`` tells whether a character offset lies inside quotation marks."""
    rng = parse.token_range(sentence)
    verb = _main_predicate(parse, rng, quoted)
    if verb is None or _root_according(parse, verb, rng):
        return _without_verb(parse, sentence, rng)
    others = _other_predicates(parse, verb, rng)
    out = _attribute_predicate(parse, verb, sentence, rng)
    if others:
        cut = min(parse.span(parse.subtree(o))[0] for o in others)
        main = out[0]
        if main.content[0] < cut < main.content[1]:
            trimmed = (main.content[0], cut)
            out[0] = Attribution(main.chain, trimmed, main.stance, main.verb, main.cue)
    for other in others:
        out.extend(_attribute_predicate(parse, other, sentence, rng))
    out = _with_parenthetical(parse, out, sentence, rng, quoted)
    rest = _narration(parse, verb, out[0], sentence, rng)
    # "..., saying that ...", "... and said that ...": the outlet's remainder is that
    # verb's clause, now spoken by its own speaker.
    spoken = [parse.tokens[o].start for o in others
              if _participle_beside(parse, o, verb) or _coordinated_beside(parse, o, verb)]
    return out + [r for r in rest if not any(r.content[0] <= s < r.content[1] for s in spoken)]


def _narration(parse: Parse, verb: int, main: Attribution, sentence: Sentence,
               rng: range) -> list[Attribution]:
    """The outlet's own clause around a subordinate reporting verb that speaks only its
    complement ("Authorities sent text messages, urging residents to leave"): its text
    outside that verb's clause, with no speaker, when that text has a verb."""
    if parse.tokens[verb].dep == "ROOT":
        return []
    start, end = parse.span(parse.subtree(verb))
    if not (start <= main.content[0] and main.content[1] <= end):
        return []
    span = outside(parse, verb, sentence)
    if span[1] <= span[0] or not _WORD.search(parse.text[span[0]:span[1]]):
        return []
    # A headline's label or a bare noun phrase ("HairGate: users say ...") asserts nothing.
    if not any(parse.tokens[i].pos in ("VERB", "AUX") for i in parse.tokens_between(*span)):
        return []
    stance, cue = _stance(parse, None, span, rng)
    return [Attribution((), span, stance, None, cue)]


def _other_predicates(parse: Parse, main: int, rng: range) -> list[int]:
    """Reporting clauses with their own speaker beside the main one ("..., while X said")."""
    out = []
    for i in rng:
        if i == main or (parse.tokens[i].dep not in ("advcl", "conj", "parataxis")
                         and not _gerund_of_clause(parse, i, main)):
            continue
        if not parse.kids(i, "ccomp", "xcomp", "oprd") or (
                main not in parse.ancestors(i) and not _participle_beside(parse, i, main)
                and not _coordinated_beside(parse, i, main)):
            continue
        # "X said ... and added that ...", "..., adding that ...": the subject is shared;
        # but "X denied A and said B" keeps B with the denial (B is its reason; apart, the
        # cross-check paired B with the claim X denies in examples/ferry-grounding).
        shared = not parse.kids(i, "nsubj") and parse.tokens[i].dep == "conj"
        if shared and parse.tokens[main].lemma.lower() in DENIAL_VERBS:
            continue
        if is_predicate(parse, i) and subject_of(parse, i) is not None:
            out.append(i)
    return out


def _with_parenthetical(parse: Parse, out: list[Attribution], sentence: Sentence, rng: range,
                        quoted: Callable[[int], bool] | None) -> list[Attribution]:
    """'CNN, Cruz said, called the move significant': the clause set off by commas
    speaks the whole sentence, before what the sentence's own verb says."""
    found = parenthetical_clause(parse, rng, quoted)
    if found is None:
        return out
    verb, first = found
    speaker = _speaker(parse, verb - 1, rng)
    if speaker is None:
        return out
    speaker = replace(speaker, start=min(speaker.start, parse.tokens[first].start))
    content = (sentence.start, sentence.end)
    stance, cue = _stance(parse, verb, content, rng)
    said = Attribution((speaker,), content, stance, verb, cue)
    # The clause's verb read already: keep it unless the parser gave it the fronted phrase.
    own = [a for a in out if a.verb == verb]
    if own and own[0].chain and first <= own[0].chain[-1].head < verb:
        return out
    return [said, *(a for a in out if a.verb != verb)]


def _participle_beside(parse: Parse, verb: int, main: int) -> bool:
    """'X appeared to oppose the effort, saying that ...': a reporting participle set off
    by a comma that hangs on a verb above the main predicate, not under it."""
    return parse.tokens[verb].tag == "VBG" and parse.tokens[verb].dep == "advcl" \
        and verb > 0 and parse.word(verb - 1) == "," \
        and parse.tokens[verb].head in parse.ancestors(main)


def _gerund_of_clause(parse: Parse, verb: int, main: int) -> bool:
    """'The mayor appeared to defend the budget by saying ...': a reporting gerund after a
    preposition, of the main predicate's own clause; not one inside what someone else
    reports or a relative clause ("told the board it should answer by saying ...", "a
    leaflet that opens by warning ...": whose report that is stays the outer speaker's)."""
    if not gerund_after_preposition(parse, verb):
        return False
    for a in parse.ancestors(verb):
        if a == main:
            return True
        if parse.tokens[a].dep in ("ccomp", "relcl", "acl"):
            return False
    return False


def _coordinated_beside(parse: Parse, verb: int, main: int) -> bool:
    """'Asked about the ferry, X smiled and said ...', 'X declined to name the captains
    but said ...': a finite reporting verb coordinated with a clause above the main
    predicate, sharing that clause's subject (it has none of its own). Only predicates
    under the main one were read, so the verb after "and"/"but" had no speaker."""
    tok = parse.tokens[verb]
    return tok.dep == "conj" and tok.tag in FINITE_TAGS and verb not in parse.ancestors(main) \
        and not parse.kids(verb, "nsubj", "nsubjpass", "expl")


def _attribute_predicate(parse: Parse, verb: int, sentence: Sentence,
                         rng: range) -> list[Attribution]:
    subject = subject_of(parse, verb)
    speaker = _speaker(parse, subject, rng) if subject is not None else None
    content = content_span(parse, verb, sentence, rng, subject)
    chain = [s for s in (*_relays(parse, verb, rng), speaker) if s]
    if speaker:
        inner = _inner_source(parse, verb, rng)
        relay = _according_relay(parse, verb, rng)
        chain = [speaker, inner] if inner else [relay, *chain] if relay else chain
    stance, cue = _stance(parse, verb, content, rng)
    own = _own_doubt(parse, verb)
    if own is not None and cue is None:
        # "The ministry said it had not confirmed whether X": the ministry doubts X.
        content = doubted_span(parse, own)
        stance, cue = _stance(parse, own, content, rng)
    out = [Attribution(tuple(chain), content, stance, verb, cue)]
    out.extend(_embedded(parse, verb, rng))
    return out


_SELF = frozenset("it they he she we i".split())


def _own_doubt(parse: Parse, verb: int) -> int | None:
    """The complement of a reporting verb when it is the speaker's own denial or
    non-confirmation ("said it had not confirmed ...", "said they denied ...")."""
    for c in parse.kids(verb, "ccomp"):
        lemma = parse.tokens[c].lemma.lower()
        doubt = lemma in DENIAL_VERBS or (lemma in CONFIRM_VERBS and parse.is_negated(c))
        subject = subject_of(parse, c)
        if doubt and subject is not None and parse.lower(subject) in _SELF:
            return c
    return None


def _without_verb(parse: Parse, sentence: Sentence, rng: range) -> list[Attribution]:
    for anchor, head in _according_to(parse, rng):
        speaker = _speaker(parse, head, rng)
        if speaker:
            split = _before_coordinate(parse, anchor, sentence)
            content = split[0] if split else outside(parse, anchor, sentence)
            stance, cue = _stance(parse, None, content, rng)
            said = Attribution((speaker,), content, stance, None, cue)
            if split is None:
                return [said]
            rest_stance, rest_cue = _stance(parse, None, split[1], rng)
            return [said, Attribution((), split[1], rest_stance, None, rest_cue)]
    content = (sentence.start, sentence.end)
    # "It was reported that ..." hedges; "the plan was praised" does not.
    impersonal = any(is_predicate(parse, i) and parse.kids(i, "auxpass")
                     and parse.tokens[i].lemma.lower() in REPORT_VERBS for i in rng)
    stance, cue = ("uncertain", "hedge") if impersonal else _stance(parse, None, content, rng)
    return [Attribution((), content, stance, None, cue)]


def _before_coordinate(parse: Parse, anchor: int, sentence: Sentence,
                       ) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """'A had happened, according to X, and B is ...': the phrase closes the clause before
    it, and the clause joined after it by a conjunction is the outlet's own (however long
    each side is). The two spans, or None when no conjunction follows the phrase."""
    start, end = parse.span(parse.subtree(anchor))
    before = parse.text[sentence.start:start].rstrip(" ,;:—–-")
    gap = parse.text[end:sentence.end]
    after = gap.lstrip(" ,;:—–-")
    first = after.split(maxsplit=1)[0].lower() if after.strip() else ""
    # The comma sets the phrase off: "according to X and Y" names two sources.
    set_off = "," in gap[:len(gap) - len(after)]
    if not _WORD.search(before) or first not in _COORDINATORS or not set_off:
        return None
    return (sentence.start, sentence.start + len(before)), (sentence.end - len(after), sentence.end)


def _embedded(parse: Parse, verb: int, rng: range) -> list[Attribution]:
    """The owner of a refuted claim supports it: 'rejected Russia's claim that ...'."""
    claim = claim_object(parse, verb)
    if claim is None or claim[0] is None:
        return []
    owner = _speaker(parse, claim[0], rng)
    if owner is None:
        return []
    stance, cue = _stance(parse, None, claim[1], rng)
    return [Attribution((owner,), claim[1], stance, None, cue)]
