"""The grammatical gender an article gives its people, from the article itself.

No name list: a person is "he" or "she" by what the article says of them. Evidence, by
surname (the last word of a PERSON entity):
- an honorific before the name ("Mr. Obama", "Ms. Warren"), which decides;
- gendered third-person pronouns in sentences that name that one person and nobody else
  ("Warren said she ..."), counted over the whole article; a gender needs twice as many
  votes as the other one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

from ..models import Entity, Sentence

Gender = str  # "m" or "f"
_HONORIFICS = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}
_PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m",
             "she": "f", "her": "f", "hers": "f", "herself": "f"}
_WORD = re.compile(r"[A-Za-z]+")
_HONORIFIC = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s+(?:[A-Z][\w’'-]*\s+)*([A-Z][\w’'-]+)")
_QUOTED = re.compile("\u201c[^\u201d]*\u201d|\"[^\"]*\"")


@lru_cache(maxsize=4096)
def surname(name: str) -> str:
    """The key a person is known by: the last word of the name, lowercased."""
    words = _WORD.findall(name.replace("’s", "").replace("'s", ""))
    return words[-1].lower() if words else ""


def pronoun_gender(word: str) -> Gender | None:
    """'she' -> 'f', 'him' -> 'm', anything else -> None."""
    return _PRONOUNS.get(word.lower())


def article_genders(text: str, sentences: Sequence[Sentence],
                    entities: Iterable[Entity]) -> dict[str, Gender]:
    """Surname -> gender for the people of one article where its text says."""
    people = [e for e in entities if e.label == "PERSON"]
    decided = {m.group(2).lower(): _HONORIFICS[m.group(1).lower()]
               for m in _HONORIFIC.finditer(text)}
    votes: dict[str, Counter[str]] = {}
    for sentence in sentences:
        named = {surname(e.text) for e in people
                 if sentence.start <= e.start < sentence.end} - {""}
        if len(named) != 1:
            continue
        # Pronouns inside a quotation are the quoted speaker's, about anybody.
        said = _QUOTED.sub(" ", sentence.text)
        found = Counter(g for w in _WORD.findall(said) if (g := pronoun_gender(w)))
        if found:
            votes.setdefault(named.pop(), Counter()).update(found)
    out = {}
    for key, count in votes.items():
        for gender, other in (("m", "f"), ("f", "m")):
            if count[gender] >= 2 * max(count[other], 1) - (count[other] == 0):
                out[key] = gender
    out.update(decided)
    return out


def compatible(genders: Mapping[str, Gender], name: str, wanted: Gender | None) -> bool:
    """Whether a pronoun of gender ``wanted`` may refer to ``name`` (unknown is compatible)."""
    if wanted is None:
        return True
    known = genders.get(surname(name))
    return known is None or known == wanted
