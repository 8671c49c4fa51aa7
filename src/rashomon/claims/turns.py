"""Transcripts: paragraphs that open with a speaker's name and a colon ("PENCE: Well, ...").

A paragraph is a turn when it opens (after an optional quotation mark) with one to four
capitalised words and a colon, and those words name a person of the article: a PERSON
entity there, or the surname of one elsewhere ("PENCE" after "Mike Pence"). Headers such
as "UPDATE:" or "Still to come:" name nobody and are not turns. An article needs two
turns to be a transcript. Every sentence of a turn is the turn's speaker's.

A headline ("Warren: Banks Must Pay.") speaks for its label the same way, on its own: the
article's first line, whose label of one to six words before the colon has no verb ("X
said: ..." is a reporting clause) and ends in a name of a person or an organisation (an
entity there, or one whose name elsewhere holds the label's last word) or in a document
noun ("Poll: ..."); "The Latest:", "Breaking:", a topic ("Ottawa shooting:"), a place
("Bosnia:") or a bare media tag ("Video:") name nobody.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..models import Entity, Sentence
from .attribution import Attribution, SpeakerSpan
from .gender import surname
from .lexicon import DOCUMENT_NOUNS
from .parse import Parse

_HEADLINE = re.compile(r"\s*([A-Z][^:\n]{0,60}?):\s+\S")
_NAMING = frozenset(["PERSON", "ORG", "NORP"])
# A headline label that tags the kind of item, not who speaks ("Video: ...").
_MEDIA_TAGS = frozenset("video videos footage image images photo photos map maps".split())
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


def headline_speaker(parse: Parse, sentences: Sequence[Sentence],
                     entities: Sequence[Entity]) -> dict[int, Attribution]:
    """Sentence index -> an attribution to a headline's label ("Sanders: ..."), for the
    sentences of the article's first line."""
    text = parse.text
    line_end = text.find("\n")
    line_end = len(text) if line_end < 0 else line_end
    match = _HEADLINE.match(text[:line_end])
    if match is None or len(match.group(1).split()) > 6:
        return {}
    start, end = match.start(1), match.end(1)
    tokens = parse.tokens_between(start, end)
    if not tokens:
        return {}
    # The label's last word is a name: inside a person, organisation or group entity there
    # ("Rep. Duncan Hunter", "Judicial Watch's Farrell"), or a word of such a name elsewhere
    # ("Cruz"). Not a topic around a name ("Ottawa shooting", "Big Bank Hank dead") nor a
    # place ("Bosnia:" is a dateline).
    head = parse.tokens[tokens[-1]]
    last = parse.lower(tokens[-1])
    named = any(e.label in _NAMING and (
        (start <= e.start and e.start <= head.start < e.end)
        or (e.label != "NORP" and last in e.text.lower().split())) for e in entities)
    document = head.lemma.lower() in DOCUMENT_NOUNS and not (
        len(tokens) == 1 and last in _MEDIA_TAGS)  # "Video:" tags a clip, "Poll:" speaks
    if not (named or document):
        return {}
    if any(parse.tokens[i].pos in ("VERB", "AUX") for i in tokens):
        return {}  # "X said: ..." is a reporting clause, not a label
    span = SpeakerSpan(tokens[-1], start, end)
    said = Attribution((span,), (end + 1, line_end), "supports")
    return {i: said for i, s in enumerate(sentences) if s.start < line_end and s.end > end}
