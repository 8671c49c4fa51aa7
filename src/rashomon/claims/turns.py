"""Transcripts: paragraphs that open with a speaker's name and a colon ("PENCE: Well, ...").

A paragraph is a turn when it opens (after an optional quotation mark) with one to four
capitalised words and a colon, and those words name a person of the article: a PERSON
entity there, or the surname of one elsewhere ("PENCE" after "Mike Pence"). Headers such
as "UPDATE:" or "Still to come:" name nobody and are not turns. An article needs two
turns to be a transcript. Every sentence of a turn is the turn's speaker's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..models import Entity, Sentence
from .attribution import Attribution, SpeakerSpan
from .gender import surname
from .parse import Parse

_TURN = re.compile(r"[\"\u201c]?((?:[A-Z][\w.'\u2019-]*\s){0,3}[A-Z][\w.'\u2019-]*):\s+\S")


def _person_named(label: str, start: int, people: Sequence[Entity]) -> str | None:
    """The full name of the person a turn label names, if the article has one."""
    key = surname(label)
    here = [e for e in people if e.start <= start < e.end]
    if here:
        return here[0].text
    named = [e.text for e in people if surname(e.text) == key and " " in e.text.strip()]
    return named[0] if named else None


def turn_speakers(parse: Parse, sentences: Sequence[Sentence],
                  entities: Sequence[Entity]) -> dict[int, Attribution]:
    """Sentence index -> an attribution to the turn's speaker, for transcript articles."""
    text = parse.text
    people = [e for e in entities if e.label == "PERSON"]
    found: list[tuple[int, int, str, int]] = []
    pos = 0
    for line in text.split("\n"):
        match = _TURN.match(line)
        if match and len(match.group(1)) > 1:
            found.append((pos, pos + len(line), match.group(1), pos + match.start(1)))
        pos += len(line) + 1
    # A label that names a person once names them in every turn it opens.
    names = {label: full for _, _, label, start in found
             if (full := _person_named(label, start, people))}
    turns: list[tuple[int, int, Attribution]] = []
    for p_start, p_end, label, start in found:
        tokens = parse.tokens_between(start, start + len(label))
        if label in names and tokens:
            full = names[label]
            aliases = (full,) if full.lower() != label.lower() else ()
            span = SpeakerSpan(tokens[-1], start, start + len(label), aliases)
            turns.append((p_start, p_end, Attribution((span,), (start, p_end), "supports")))
    if len(turns) < 2:
        return {}
    out = {}
    for i, sentence in enumerate(sentences):
        for t_start, t_end, attribution in turns:
            if t_start <= sentence.start < t_end:
                out[i] = attribution
    return out
