"""The stance judge: the one place a mention's stance towards its claim is decided.

The claims stage reads a stance off each sentence with rules (`attribution`): a denial
verb, a non-confirmation, a hedge. Once mentions are grouped into a claim, the judge reads
each mention's clause (its content: not the rest of its sentence, whose other clauses
may deny something else) against the claim's text with the Emergent regression
(`stance_model`, without the parse of the sentence's main verb, so no spaCy call) and
keeps the rules where they are certain:

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
from .stance_model import LABELS, Stance, load_model, scores_from_params

#: Rule cues the judge never overrides: the rules are certain of these.
CERTAIN_CUES = frozenset({"denial", "unconfirmed"})


def judge_label(claim: str, sentence: str, params: dict[str, Any] | None = None) -> str:
    """The regression's Emergent label (for, against, observing) of a sentence on a claim."""
    probs = scores_from_params(params or load_model(), claim, sentence, parse=False)
    return LABELS[max(range(len(LABELS)), key=probs.__getitem__)]


def judge_stance(claim: str, mention: ClaimMention,
                 params: dict[str, Any] | None = None) -> Stance:
    """The stance ``mention`` takes towards the claim whose text is ``claim``."""
    if mention.cue in CERTAIN_CUES:
        return mention.stance
    label = judge_label(claim, mention.content, params)
    if label == "against":
        return "refutes"
    if label == "for" or mention.speaker is not None:
        return mention.stance
    return "uncertain"
