"""Which verbs report speech or a stance: reporting verbs, attitudes and speech acts."""

from __future__ import annotations

from .content import verb_lemma
from .lexicon import (
    ATTITUDE_VERBS,
    CONFIRM_VERBS,
    DECLINE_VERBS,
    DENIAL_VERBS,
    REPORT_VERBS,
    SPEECH_ACT_VERBS,
    VOUCH_VERBS,
)
from .parse import Parse


def is_predicate(parse: Parse, i: int) -> bool:
    """Whether token ``i`` is a reporting predicate: a reporting, denial or confirming verb,
    an attitude with a complement, a speech act in its speaking sense."""
    tok = parse.tokens[i]
    if tok.pos not in ("VERB", "AUX") and tok.dep not in ("ROOT", "ccomp", "parataxis"):
        return False
    word = verb_lemma(parse, i)
    if word in SPEECH_ACT_VERBS:
        return _speech_act(parse, i, word)
    if word in ATTITUDE_VERBS:
        return _has_complement(parse, i) and not _as_passive(parse, i)
    return word in REPORT_VERBS or word in DENIAL_VERBS or word in CONFIRM_VERBS or (
        word in DECLINE_VERBS and declines_to_vouch(parse, i))


def _has_complement(parse: Parse, verb: int) -> bool:
    """What an attitude is about: a clause, an object or a prepositional object."""
    return bool(parse.kids(verb, "ccomp", "xcomp", "dobj", "prep", "oprd"))


def _as_passive(parse: Parse, verb: int) -> bool:
    """'Jihadi John named as Mohammed Emwazi', 'X portrayed as a hero': a headline's
    passive without its auxiliary, the verb straight before "as" with no object; its
    subject is who is named, not who names ("X named Y as her running mate" has one)."""
    nxt = verb + 1
    return (nxt < len(parse.tokens) and parse.lower(nxt) == "as"
            and parse.tokens[nxt].head == verb
            and not parse.kids(verb, "dobj", "ccomp", "xcomp", "nsubjpass"))


def _speech_act(parse: Parse, verb: int, lemma: str) -> bool:
    """'called for an inquiry', 'called on X to', 'pointed out that'; not 'called the
    police (on ...)' or 'pointed at the map'. "Called the plan a mistake" is an opinion of
    the plan (PolNeAR counts it as an attribution)."""
    if lemma == "point":  # "pointed out that", "pointed to the polls"
        return any(parse.lower(c) in ("out", "to") for c in parse.kids(verb, "prt", "prep"))
    if lemma == "question":  # "questioned whether", "questioned her judgment", not a suspect
        return bool(parse.kids(verb, "ccomp")) or any(
            parse.lower(m) in ("whether", "if") for c in parse.kids(verb, "advcl", "ccomp")
            for m in parse.kids(c, "mark")) or any(
            parse.kids(o, "poss") for o in parse.kids(verb, "dobj"))
    if lemma == "call":
        # "called the plan a mistake", parsed with the name as a complement or an apposition
        if parse.kids(verb, "oprd", "ccomp", "xcomp") or any(
                parse.kids(o, "appos") for o in parse.kids(verb, "dobj")):
            return True
        marks = [m for c in parse.kids(verb, "advcl") for m in parse.kids(c, "mark")]
        return (not parse.kids(verb, "dobj") and any(
            parse.lower(p) in ("for", "on") for p in parse.kids(verb, "prep", "prt"))) or any(
            parse.lower(m) == "for" for m in marks)  # "called for X to resign"
    return True


def declines_to_vouch(parse: Parse, verb: int) -> bool:
    """'declined to confirm/comment', not 'refused to concede'."""
    return any(parse.tokens[x].lemma.lower() in CONFIRM_VERBS | VOUCH_VERBS
               for x in parse.kids(verb, "xcomp"))
