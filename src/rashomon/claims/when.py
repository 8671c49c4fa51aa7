"""The time a claim mention is about: the time of what its own clause reports.

A sentence often names several times: "The toll from Sunday's storm rose to 12 on Friday,
police said on Saturday." A mention's time is the one attached to its own predicate
(Friday), not one that modifies a noun of the clause ("Sunday's storm") or belongs to a
clause about another event ("a fire that broke out on Saturday", "the toll announced the
day before"). Where the clause names no time of its own and is only what someone said,
it is the time the statement was made ("..., police said on Saturday"). The dependency
parse decides which time is which; without a parse every time of the span counts.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..annotate.timex import sentence_time
from ..models import TimeExpr, Token, When
from .lexicon import DENIAL_VERBS, REPORT_VERBS, SPEECH_ACT_VERBS
from .parse import Parse

# Relations that open a clause about another event than its head's.
_OTHER_EVENT = frozenset({"relcl", "acl", "advcl", "csubj", "appos"})
# A time under a noun dates that thing ("Sunday's election", "the 2024 vote"), not the
# clause. Numbers are left out: spaCy often hangs "rose to 12 on Friday" on the 12.
_NOMINAL = frozenset({"NOUN", "PROPN"})
_SPEECH = REPORT_VERBS | SPEECH_ACT_VERBS | DENIAL_VERBS


def _head(parse: Parse, t: TimeExpr) -> int | None:
    """The token of a time expression whose head lies outside it (None without tokens)."""
    inside = parse.tokens_between(t.start, t.end)
    members = set(inside)
    for i in inside:
        if parse.tokens[i].head not in members or parse.tokens[i].head == i:
            return i
    return None


def _reaches(parse: Parse, head: int, target: int, direct: bool = False) -> bool:
    """Whether ``target`` governs ``head`` with no noun or other event's clause between
    (``direct``: nor any other predicate, so "said ... that X had fired on Saturday" does
    not date the saying)."""
    for j in parse.ancestors(head):
        if j == target:
            return True
        tok = parse.tokens[j]
        if tok.pos in _NOMINAL:
            return _on_subject(parse, head, j) == target
        if tok.dep in _OTHER_EVENT or (direct and tok.pos in ("VERB", "AUX")):
            return False
    return False


def _on_subject(parse: Parse, head: int, noun: int) -> int | None:
    """The verb that "The ministry on Monday said" dates: spaCy hangs the time on the
    subject noun, yet a time right between a subject and its verb dates the verb."""
    tok = parse.tokens[noun]
    verb = tok.head
    if tok.dep not in ("nsubj", "nsubjpass") or parse.tokens[verb].pos not in ("VERB", "AUX"):
        return None
    after = parse.tokens[head].end
    between = parse.text[after:parse.tokens[verb].start]
    if head <= noun or verb <= head or between.strip(" ,") or \
            any(t.pos not in ("ADP", "PUNCT") for t in _path(parse, head, noun)):
        return None
    return verb


def _path(parse: Parse, head: int, top: int) -> list[Token]:
    """The tokens strictly between ``head`` and its ancestor ``top``."""
    out: list[Token] = []
    for j in parse.ancestors(head):
        if j == top:
            break
        out.append(parse.tokens[j])
    return out


def _predicate(parse: Parse, start: int, end: int) -> int | None:
    """The clause's main predicate: its top verb, else its top token."""
    inside = parse.tokens_between(start, end)
    members = set(inside)
    roots = [i for i in inside if parse.tokens[i].head not in members
             or parse.tokens[i].head == i]
    verbs = [i for i in roots if parse.tokens[i].pos in ("VERB", "AUX")]
    top = verbs or roots
    return top[0] if top else None


def _attached(parse: Parse, times: Sequence[TimeExpr], target: int,
              direct: bool = False) -> list[TimeExpr]:
    heads = ((t, _head(parse, t)) for t in times)
    return [t for t, h in heads if h is not None and _reaches(parse, h, target, direct)]


def _after_speech(parse: Parse, t: TimeExpr) -> int | None:
    """The reporting verb right before a time ("said on Monday they would ..."): it dates
    the saying, though spaCy often hangs it on the reported verb."""
    inside = parse.tokens_between(t.start, t.end)
    if not inside:
        return None
    prev = inside[0] - 1
    if prev >= 0 and parse.lower(prev) == "on":
        prev -= 1
    if prev < 0:
        return None
    tok = parse.tokens[prev]
    return prev if tok.pos in ("VERB", "AUX") and tok.lemma.lower() in _SPEECH else None


def clause_time(times: Sequence[TimeExpr], parse: Parse, start: int, end: int,
                sentence: tuple[int, int]) -> When | None:
    """The time of the clause ``start:end`` of a sentence, from the sentence's ``times``.

    First a time of the clause's own predicate; else the time of the nearest reporting
    verb above it ("X, police said on Tuesday": Tuesday); else, as without a parse, the
    best time anywhere in the clause.
    """
    inside = [t for t in times if start <= t.start < end]
    root = _predicate(parse, start, end)
    if root is None:
        return sentence_time(inside)
    around = [t for t in times if sentence[0] <= t.start < sentence[1]]
    spoken = {t.start: verb for t in around if (verb := _after_speech(parse, t)) is not None}
    own = [t for t in _attached(parse, inside, root) if t.start not in spoken]
    if own:
        return sentence_time(own)
    for above in parse.ancestors(root):
        if parse.tokens[above].lemma.lower() not in _SPEECH:
            continue
        said = [t for t in around if spoken.get(t.start) == above]
        said = said or _attached(parse, around, above, direct=True)
        if said:
            return sentence_time(said)
    return sentence_time(inside)
