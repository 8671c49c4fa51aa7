"""Resolve in-article references to earlier speakers: "he", "the ministry", "Kováčik"."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from ..models import Entity, Speaker
from .antecedent import Named, PeopleIndex
from .gender import Gender, compatible, pronoun_gender, surname
from .lexicon import INSTITUTION_NOUNS, PRONOUNS_GROUP, PRONOUNS_PERSON

_DETERMINERS = re.compile(r"^(?:the|this|that|these|those|its|his|her|their)\s+", re.I)
_ACRONYM_DEF = re.compile(
    r"((?:[A-Z][\w’'.-]*\s+)(?:(?:of|the|for|de|del|la|los|and|on|[A-Z][\w’'.-]*)\s+)*"
    r"[A-Z][\w’'.-]*)\s+\(([A-Z][A-Za-zÀ-Þ.]{1,11})\)"
)


def acronyms(text: str) -> dict[str, str]:
    """'Slovak Hydrometeorological Institute (SHMÚ)' -> {'SHMÚ': 'Slovak ... Institute'}."""
    return {m.group(2): m.group(1).strip() for m in _ACRONYM_DEF.finditer(text)}


# How many sentences back a named person may be the antecedent of "he" / "she"; past
# that, the last person who spoke (PolNeAR train).
_REACH = 3


class SpeakerMemory:
    """Speakers seen so far in one article, to resolve later references to them."""

    def __init__(self, text: str, entities: Sequence[Entity] = (), outlet: str | None = None,
                 places: Sequence[str] = (), genders: Mapping[str, Gender] | None = None,
                 index: PeopleIndex | None = None) -> None:
        self.text = text
        self.history: list[Speaker] = []
        self.genders = dict(genders or {})
        self.acronyms = acronyms(text)
        self.organisations = [e for e in entities if e.label == "ORG"
                              and _could_be_antecedent(e.text, outlet, places)]
        self.index = index

    def resolve(self, speaker: Speaker) -> Speaker:
        """The earlier speaker this one refers to (with the new name as an alias), or itself."""
        target = self._antecedent(speaker)
        if target is None:
            speaker = self._expand_acronym(speaker)
            self.history.append(speaker)
            return speaker
        resolved = Speaker(target.text, speaker.start, speaker.end, target.kind,
                           _merge_aliases(target, speaker), target.person)
        self.history.append(resolved)
        return resolved

    def _antecedent(self, speaker: Speaker) -> Speaker | None:
        lower = speaker.text.lower()
        if lower in PRONOUNS_PERSON:
            return self._person_before(speaker)
        if lower == "it":
            # "it" is one organisation or document, named or described ("The agency").
            return self._latest(lambda s: not s.person and s.kind != "media" and _singular(s))
        if lower in PRONOUNS_GROUP:
            return self._latest(lambda s: not s.person and s.kind != "media" and _named(s))
        if _DETERMINERS.match(speaker.text) and not _has_proper_word(speaker.text):
            return self._definite(speaker)
        if speaker.person and len(speaker.text.split()) == 1:
            return self._latest(lambda s: s.text.lower().split()[-1:] == [lower])
        return self._latest(lambda s: speaker.text in s.aliases)

    def _person_before(self, speaker: Speaker) -> Speaker | None:
        """The person a "he" / "she" means: of the pronoun's gender where the article
        tells, the likeliest antecedent of the last few sentences (`antecedent.rank`),
        else the last person who spoke."""
        wanted = pronoun_gender(speaker.text)

        def fits(name: str) -> bool:
            return compatible(self.genders, name, wanted)

        spoken = [s for s in self.history if s.kind != "media" and s.start < speaker.start
                  and (s.person or self._known_person(s.text))]
        found = next((s for s in reversed(spoken) if fits(s.text)), None)
        if self.index is not None:
            here = self.index.sentence_of(speaker.start)
            candidates = [self.index.speaker(s.text, s.start) for s in spoken if s.start >= 0]
            candidates += self.index.before(speaker.start, (s.text for s in spoken))
            near = [c for c in candidates if here - c.sentence <= _REACH]
            best = next((c for c in self.index.rank(near, speaker.start) if fits(c.name)), None)
            if best is None and found is None:
                best = next((c for c in self.index.rank(candidates, speaker.start)
                             if fits(c.name)), None)
            if best is not None:
                found = self._as_speaker(best, spoken)
        if found is not None and wanted is not None:
            # What the article calls "he" once it calls "he" again, not "she".
            self.genders.setdefault(surname(found.text), wanted)
        return found

    def _known_person(self, name: str) -> bool:
        """A speaker the tagger missed as a person ("Tester said") whom the article shows
        to be one: a title or a pronoun gave them a gender, or a person's full name ends
        in their name."""
        key = surname(name)
        return key in self.genders or (self.index is not None and key in self.index.full_names)

    @staticmethod
    def _as_speaker(named: Named, spoken: Sequence[Speaker]) -> Speaker:
        """The speaker a named person already is, else a new one under that name."""
        key = surname(named.name)
        for earlier in reversed(spoken):
            if surname(earlier.text) == key or named.name in earlier.aliases:
                return earlier
        return Speaker(named.name, named.start, named.start + len(named.name), "other", (), True)

    def _definite(self, speaker: Speaker) -> Speaker | None:
        """'the ministry' -> the latest speaker or organisation whose name shares the noun."""
        noun = _stem(speaker.text.lower().split()[-1])
        found = self._latest(lambda s: noun in _words(s))
        if found or noun not in INSTITUTION_NOUNS or not _bare(speaker.text):
            return found
        institution = self._latest(lambda s: not s.person and _named(s) and s.kind in (
            "official", "government", "military"))
        if institution:
            return institution
        before = [e for e in self.organisations if e.end <= speaker.start]
        named = [e for e in before if noun in {_stem(w) for w in e.text.lower().split()}]
        pick = named[-1] if named else _most_named(before, self.organisations)
        return Speaker(pick.text, pick.start, pick.end, speaker.kind) if pick else None

    def _latest(self, test: Callable[[Speaker], bool]) -> Speaker | None:
        for earlier in reversed(self.history):
            if test(earlier):
                return earlier
        return None

    def _expand_acronym(self, speaker: Speaker) -> Speaker:
        full = self.acronyms.get(speaker.text)
        if not full:
            return speaker
        return Speaker(full, speaker.start, speaker.end, speaker.kind,
                       (*speaker.aliases, speaker.text), speaker.person)


# Pronouns that name nobody until resolved: a speaker left as one of these is dropped.
# So are negative ones: "nobody disputes X" says everyone agrees, nobody says anything.
_NON_REFERRING = frozenset("it its this that these those which who whom what you nobody "
                           "none neither".split()) | {"no one", "no-one"}


def names_someone(speaker: Speaker) -> bool:
    """False for a speaker that is still a bare pronoun like 'it' or 'that' (unresolved)."""
    return speaker.text.lower() not in _NON_REFERRING


def _could_be_antecedent(name: str, outlet: str | None, places: Sequence[str]) -> bool:
    """Not the article's own outlet, not a place the tagger took for an organisation, not a
    shouted dateline ("BUCHAREST")."""
    lower, own = name.lower(), (outlet or "").lower()
    if own and (own in lower or lower in own):
        return False
    return not name.isupper() and lower not in {p.lower() for p in places}


def _named(speaker: Speaker) -> bool:
    """Has a proper name in it (not just 'the company' or 'an official')."""
    words = speaker.text.split()
    first_is_name = words[:1] != [] and words[0][:1].isupper() and words[0].lower() not in (
        "the", "a", "an")
    return first_is_name or any(w[:1].isupper() for w in words[1:])


def _most_named(before: Sequence[Entity], everywhere: Sequence[Entity]) -> Entity | None:
    """Of the organisations named so far, the one the article names most (first on ties)."""
    if not before:
        return None
    counts: dict[str, int] = {}
    for e in everywhere:
        counts[e.text.lower()] = counts.get(e.text.lower(), 0) + 1
    return max(before, key=lambda e: counts[e.text.lower()])


def _singular(speaker: Speaker) -> bool:
    """'The agency', 'Reuters', not 'officials' or 'the authorities'."""
    last = speaker.text.split()[-1]
    return not (last.islower() and last.endswith("s") and not last.endswith("ss"))


def _bare(text: str) -> bool:
    """'the airline', 'the Hyderabad-based newspaper': a description that needs an antecedent."""
    words = [w for w in text.split()[1:] if not w.lower().endswith("-based")]
    return len(words) == 1


def _stem(word: str) -> str:
    """Crude stem so 'institute' meets 'Instituto' and 'officers' meets 'officer'."""
    return word.strip(".,'’\"")[:6]


def _words(speaker: Speaker) -> set[str]:
    words: set[str] = set()
    for name in (speaker.text, *speaker.aliases):
        words.update(_stem(w) for w in re.findall(r"\w+", name.lower()))
    return words


def _has_proper_word(text: str) -> bool:
    return any(w[:1].isupper() for w in text.split()[1:])


def _merge_aliases(target: Speaker, new: Speaker) -> tuple[str, ...]:
    seen = dict.fromkeys((*target.aliases, new.text, *new.aliases))
    seen.pop(target.text, None)
    return tuple(seen)
