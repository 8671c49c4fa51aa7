"""What a negative statement denies: a refutation, or a flat "no X" against "X happened",
and the negations, questions and refusals that deny nothing (used by
`conflicts.denial`)."""

from __future__ import annotations

import re

from ..claims.lexicon import REPORT_VERBS
from ..models import ClaimMention
from .units import Unit, fold_predicate

# A mention that refutes its claim. "Has not confirmed" is not one: a non-confirmation
# leaves the claim open (the claim's mention shows it, stance "uncertain"), and reporting
# it as a dispute was the commonest false alarm on stories nobody tuned for.
DOUBT_CUES = frozenset({"denial"})
DOUBTFUL = frozenset({"denial", "unconfirmed"})


def _head(unit: Unit) -> ClaimMention:
    return unit.mentions[0]


def no_answer(unit: Unit) -> bool:
    """A refusal to answer ("would not comment on details", "did not respond"): it
    asserts nothing a denial could dispute."""
    return unit.negated and _head(unit).frame.predicate in _NON_RESPONSE


def agrees_with_denial(asserted: Unit, denied: Unit) -> bool:
    """A negative sentence that uses the denied claim's own verb agrees with the
    denial: "No defect was reported", "There is no record of a defect being reported"
    against denying "that a defect had been reported"."""
    verb = _head(denied).frame.predicate
    return _head(denied).cue == "denial" and asserted.negated != denied.negated and (
        same_predicate(asserted, denied) or _words_of(verb, asserted))


def _words_of(lemma: str | None, unit: Unit) -> bool:
    """Whether the clause uses a form of the verb ("being reported" for "report")."""
    return lemma is not None and any(w.startswith(lemma[:5]) for w in words(unit.text))


def doubts(unit: Unit, other: Unit, strict: bool, loose: bool) -> bool:
    """Refutes; or says 'no X' where the other says X happened."""
    if _head(unit).cue in DOUBTFUL:
        return _head(unit).cue in DOUBT_CUES
    # The negation must be on the clause's own verb: one inside a relative, purpose or
    # conditional clause ("leave, which was not sanctioned") leaves the statement standing.
    if strict or not unit.verb_negated or other.negated or _head(other).cue in DOUBTFUL:
        return False
    # A negated verb of saying ("we said never again", "did not say so") is about what
    # was said: it answers only another report of saying, not any similar statement.
    reports = _head(unit).frame.predicate in REPORT_VERBS
    return ((loose and not reports) or same_predicate(unit, other)) and (
        _flat_negation(unit) and _denies_what_other_says(unit, other)
        and same_actor(unit, other))


_RELATIVE = frozenset("who whom whose which".split())  # "that" is often "That is not …"
# Not answering is not denying: "did not respond to a request for comment", "terms were
# not disclosed", "could not be reached".
_NON_RESPONSE = frozenset("respond comment reply answer return disclose reach".split())
# Negations that leave the event standing: "not fully controlled" grants part of it;
# "settled, or not" leaves it open; "not only" adds to it; "not the first time" says it
# happened, and before; "not yet known", "not clear whether" say nobody knows yet (76
# times in 71 of the 1,683 FNC-1 bodies, an open question in each of ten read).
_PARTIAL = re.compile(r"(?:\bnot|n['’]t)\s+(?:fully|entirely|completely|wholly|necessarily|"
                      r"quite|all|only)\b|\bor not\b"
                      r"|(?:\bnot|n['’]t)\s+(?:\w+\s+){0,2}the\s+(?:first|only|last)\b"
                      r"|(?:\bnot|n['’]t)\s+(?:yet\s+|immediately\s+)?(?:known|clear|certain|"
                      r"conclusive|determined|established|verified)\b", re.I)


_FUNCTION_WORDS = frozenset("a an the any no none some of for in on at to by with and or "
                            "its their his her this that these those".split())


def words(text: str) -> list[str]:
    """The lowercase words of a text."""
    return re.findall(r"[a-z]+", text.lower())


def _stems(text: str) -> set[str]:
    return {w[:5] for w in words(text) if len(w) > 2 and w not in _FUNCTION_WORDS}


def _denies_what_other_says(unit: Unit, other: Unit) -> bool:
    """A negated object must be something the other clause speaks of: "no fire on board"
    denies "a fire broke out on board", but "not seized any settlements" does not deny
    "seized territory", nor "not a surprise" the news it comments on."""
    said = _stems(other.text) | {t[:5] for t in other.terms}
    # A contrast denies only its negated phrase: "is a purchase, not a loan" disputes a
    # loan, not whatever else the other statement says of the crane.
    if unit.contrast and not {t[:5] for t in unit.contrast} & said:
        return False
    patient = _head(unit).frame.patient
    return not patient or bool(_stems(patient) & said)


# Words that stand for someone named elsewhere: an actor made of them matches any actor.
_STAND_INS = frozenset("he she it they this that these those there who which what one "
                       "you him her them".split())
_FIRST_PERSON = frozenset("i we me us".split())


def _actor_stems(unit: Unit) -> set[str] | None:
    """Stems of who does the act (the first person is the speaker), or None where a
    pronoun or nobody stands there and any actor may be meant."""
    head = _head(unit)
    said = words(head.frame.actor or "")
    if said and set(said) <= _FIRST_PERSON and head.speaker:
        said = words(head.speaker.text)
    if not said or set(said) & (_STAND_INS | _FIRST_PERSON):
        return None
    return _stems(" ".join(said)) or None


def same_actor(unit: Unit, other: Unit) -> bool:
    """A flat negation denies only a statement about the same actor: "the tribunals do
    not conduct binding arbitration" does not deny that "the parties could agree to
    binding arbitration". Where either actor is a pronoun or missing, it may be."""
    mine, theirs = _actor_stems(unit), _actor_stems(other)
    return mine is None or theirs is None or bool(mine & theirs)


def _flat_negation(unit: Unit) -> bool:
    """A negative statement that can deny another: asserted in the speaker's own main
    clause, not hedged ("may not have held"), not a relative clause describing someone
    ("who did not vote"), not a non-answer, not a partial or open negation, and not in a
    question or a conditional ("If they catch five, dozens did not get caught")."""
    head = _head(unit)
    actor = (head.frame.actor or "").lower()
    return (head.stance != "uncertain" and actor not in _RELATIVE
            and head.frame.predicate not in _NON_RESPONSE and not _PARTIAL.search(unit.text)
            and not asks(unit) and not _CONDITIONAL.match(head.quote))


_CONDITIONAL = re.compile(r"""[\s"'“‘(]*(?:if|unless|should)\b""", re.I)


def asks(unit: Unit) -> bool:
    """Whether the unit's sentence is a question, or the unit an embedded one ("asked
    which plant made the batches"): either way it asserts nothing."""
    return unit.asks or _head(unit).quote.rstrip(" \"'”’)").endswith("?")


def same_predicate(a: Unit, b: Unit) -> bool:
    """Both clauses say something with the same verb (lemma; "start" is "begin")."""
    pa, pb = fold_predicate(_head(a).frame.predicate), fold_predicate(_head(b).frame.predicate)
    return pa is not None and pa == pb
