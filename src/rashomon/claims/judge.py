"""The stance judge: the one place a mention's stance towards its claim is decided.

The claims stage reads a stance off each sentence with rules (`attribution`): a denial
verb, a non-confirmation, a hedge. Once mentions are grouped into a claim, the judge reads
each mention's clause (its content: not the rest of its sentence, whose other clauses
may deny something else) against the claim's text with the Emergent regression
(`stance_model`, without the parse of the sentence's main verb, so no spaCy call) and
keeps the rules where they are certain, and where the clause does not speak of the claim
(it repeats under a fifth of the claim's content words: the claim's group is misaligned):

- an explicit denial or non-confirmation (the rules' ``denial``/``unconfirmed`` cue) stays;
- the regression's "against" is ``refutes``; its "for" keeps the rules' stance (a hedge the
  rules found around the clause, "appeared to", is outside what the regression reads);
- its "observing" (the sentence reports the claim without vouching for it) is the rules'
  stance when a speaker says it (the speaker asserts or hedges it), else ``uncertain``.

``eval/bench_emergent.py`` scores this same function on the Emergent pairs (claim text
against headline), with parameters trained without the pair's claim.
"""

from __future__ import annotations

from typing import Any

from ..models import ClaimMention
from .stance_model import LABELS, Stance, _content, _stem, load_model, scores_from_params, tokenize

#: Rule cues the judge never overrides: the rules are certain of these.
CERTAIN_CUES = frozenset({"denial", "unconfirmed"})
#: Share of the claim's content words a clause must repeat for the judge to read it: an
#: Emergent headline always speaks of its claim, a mention aligned into a claim may not
#: ("territory it has not previously held" beside "Russia has amassed a force"). On
#: Emergent out of fold: 0 -> 0.688 accuracy, 0.2 -> 0.663, 0.34 -> 0.643, 0.5 -> 0.616;
#: 0.2 is the highest that keeps the seeds' three misaligned mentions from "refuting".
ABOUT = 0.2


def speaks_of(claim: str, clause: str) -> bool:
    """Whether ``clause`` repeats at least ``ABOUT`` of the claim's content words (stems)."""
    wanted = {_stem(w) for w in _content(tokenize(claim))}
    said = {_stem(w) for w in _content(tokenize(clause))}
    return not wanted or len(wanted & said) >= ABOUT * len(wanted)


def judge_label(claim: str, sentence: str, params: dict[str, Any] | None = None) -> str:
    """The regression's Emergent label (for, against, observing) of a sentence on a claim."""
    probs = scores_from_params(params or load_model(), claim, sentence, parse=False)
    return LABELS[max(range(len(LABELS)), key=probs.__getitem__)]


def judge_stance(claim: str, mention: ClaimMention,
                 params: dict[str, Any] | None = None) -> Stance:
    """The stance ``mention`` takes towards the claim whose text is ``claim``."""
    if mention.cue in CERTAIN_CUES or not speaks_of(claim, mention.content):
        return mention.stance
    label = judge_label(claim, mention.content, params)
    if label == "against":
        return "refutes"
    if label == "for" or mention.speaker is not None:
        return mention.stance
    return "uncertain"
