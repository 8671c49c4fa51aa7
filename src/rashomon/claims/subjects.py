"""Who speaks a reporting verb: its subject, the agent of a passive, an inverted subject
("..., said the mayor"), a subject shared with a governing verb, or, when the parser gave
the verb none, the noun phrase just before it."""

from __future__ import annotations

from .lexicon import DOCUMENT_NOUNS
from .parse import Parse
from .predicates import is_predicate


def subject_of(parse: Parse, verb: int) -> int | None:
    """Who speaks: the subject (the agent of a passive), borrowed from a governing verb."""
    inverted = _inverted_subject(parse, verb)
    if inverted is not None:
        return inverted
    current = verb
    for _ in range(3):
        agents = [o for a in parse.kids(current, "agent") for o in parse.kids(a, "pobj")]
        if agents:
            return agents[0]
        if parse.kids(current, "nsubjpass", "auxpass"):
            return None
        controller = _object_control(parse, current)
        if controller is not None:
            return controller
        subjects = parse.kids(current, "nsubj")
        if parse.tokens[current].tag == "VBG":
            # "..., calling Trump a fraud": a participle's subject is not after it.
            subjects = [c for c in subjects if c < current]
        if subjects:  # two subjects are a misparse: the nearer one is the verb's
            return min(subjects, key=lambda c: abs(c - current))
        prep = parse.tokens[current].head
        if parse.tokens[current].dep == "pcomp" and parse.lower(prep) in _GERUND_PREPS \
                and parse.tokens[parse.tokens[prep].head].pos in ("VERB", "AUX"):
            current = parse.tokens[prep].head  # "picked up ... by saying": who picked up
            continue
        if parse.tokens[current].dep not in ("conj", "xcomp", "advcl"):
            break
        current = _coordinated_head(parse, current)
    return _adjacent_subject(parse, verb)


# Prepositions before a gerund that shares the subject of the verb above ("by saying").
_GERUND_PREPS = frozenset("by after before while in without".split())


def _object_control(parse: Parse, verb: int) -> int | None:
    """'led Republicans to say that ...': the object of the verb above speaks."""
    if parse.tokens[verb].dep != "xcomp" or parse.kids(verb, "nsubj"):
        return None
    objects = [o for o in parse.kids(parse.tokens[verb].head, "dobj") if o < verb]
    return objects[-1] if objects else None


def _coordinated_head(parse: Parse, verb: int) -> int:
    """The clause a verb hangs from; for "X said the quay was safe and added that ...",
    which the parser coordinates with "was", the reporting verb above that complement (so
    too a participle: "..., adding that ...")."""
    head, tok = parse.tokens[verb].head, parse.tokens[verb]
    if (tok.dep == "conj" or tok.tag == "VBG") and parse.tokens[head].dep == "ccomp" \
            and is_predicate(parse, verb) and is_predicate(parse, parse.tokens[head].head) \
            and (not is_predicate(parse, head) or _said_by_document(parse, head)):
        return parse.tokens[head].head
    return head


def _said_by_document(parse: Parse, verb: int) -> bool:
    """'the results showed ... and called ...': a document's verb, which a person's
    reporting verb coordinated with it does not share a subject with."""
    return any(parse.tokens[c].lemma.lower() in DOCUMENT_NOUNS or parse.lower(c) in DOCUMENT_NOUNS
               for c in parse.kids(verb, "nsubj"))


def _inverted_subject(parse: Parse, verb: int) -> int | None:
    """'..." said Lars Hovde' / ', said the mayor': the speaker follows the verb (not
    after a participle: ', telling reporters ...')."""
    if verb == 0 or parse.word(verb - 1) not in (",", "\u201d", '"', "\u2019", "'") \
            or parse.tokens[verb].tag == "VBG":
        return None
    after = [c for c in parse.kids(verb, "nsubj") if c > verb]
    if after:
        return after[0]
    if any(c < verb for c in parse.kids(verb, "nsubj", "nsubjpass")):
        return None
    j = verb + 1
    while j < len(parse.tokens) and parse.tokens[j].pos in ("DET", "ADJ", "NUM"):
        j += 1
    if j >= len(parse.tokens) or parse.tokens[j].pos not in ("PROPN", "NOUN"):
        return None
    while parse.tokens[j].head > j and parse.tokens[parse.tokens[j].head].pos in ("PROPN", "NOUN"):
        j = parse.tokens[j].head
    clauses = set(parse.kids(verb, "ccomp", "xcomp"))
    if clauses & {j, *parse.ancestors(j)}:
        return None
    return j


def _adjacent_subject(parse: Parse, verb: int) -> int | None:
    """'..., the ministry's section said' mis-parsed: take the noun just before the verb."""
    j = verb - 1
    while j >= 0 and parse.tokens[j].pos in ("ADV", "AUX", "PART") and j > verb - 3:
        j -= 1
    if j >= 0 and parse.tokens[j].pos in ("NOUN", "PROPN") and parse.tokens[j].dep != "pobj":
        return j
    return None
