"""Find military formations in raw text ("90th Tank Division", "Azov regiment").

Rule based, exact spans (``u.text == text[u.start:u.end]``). Choices worth knowing:

* ``key`` ignores the echelon, so "90th Tank Division" and "90th tank regiment" share the
  key ``90-tank`` (one unit written two ways) while their echelons stay comparable.
* The branch is normalised (British spelling, "mechanised" -> "mechanized", "naval infantry"
  -> "marine", "motor rifle" -> "motorized rifle"); honorifics ("Guards", "Separate",
  "Red Banner") and proper names ("Kholodnyi Yar") are dropped from it.
* A numbered unit with no branch word keys on its echelon: "72nd Brigade" -> ``72-brigade``;
  :func:`same_unit` also matches it with "72nd Mechanized Brigade".
* A named unit has ``number=None`` and keys on its name: "Azov regiment" -> ``azov``,
  "the Wagner group" -> ``wagner``. "the" is left out of the span.
* A sub-unit with its parent is ONE unit: "2nd Battalion, 5th Marines" has number 2,
  echelon "battalion", branch "marine" and key ``5-marine/2``.
* Lower-case "2nd group"/"3rd company" without a branch word are not units (too often a
  group of people or a business).
"""

from __future__ import annotations

import re

from ..models import Echelon, MilitaryUnit

_ECHELONS: dict[str, Echelon] = {
    "division": "division", "brigade": "brigade", "regiment": "regiment",
    "battalion": "battalion", "army": "army", "corps": "corps", "company": "company",
    "squadron": "squadron", "platoon": "platoon", "group": "group", "fleet": "fleet",
    "unit": "unit", "marines": "regiment", "legion": "unit", "flotilla": "fleet",
}
_RANK: dict[str, int] = {
    "platoon": 1, "company": 2, "squadron": 2, "battalion": 3, "regiment": 4, "brigade": 5,
    "division": 6, "corps": 7, "army": 8, "fleet": 8,
}
# Branch words as written -> normalised branch; None marks an honorific that is dropped.
_BRANCH: dict[str, str | None] = {
    "air defence": "air defense", "air defense": "air defense", "air assault": "air assault",
    "naval infantry": "marine", "motor rifle": "motorized rifle", "combined arms": "combined arms",
    "special forces": "special forces", "special operations": "special forces",
    "territorial defence": "territorial defense", "territorial defense": "territorial defense",
    "national guard": "national guard", "red banner": None, "special purpose": None,
    "tank": "tank", "armored": "armored", "armoured": "armored", "mechanized": "mechanized",
    "mechanised": "mechanized", "motorized": "motorized", "motorised": "motorized",
    "rifle": "rifle", "airborne": "airborne", "paratrooper": "airborne", "parachute": "airborne",
    "marine": "marine", "marines": "marine", "assault": "assault", "infantry": "infantry",
    "artillery": "artillery", "mountain": "mountain", "cavalry": "cavalry",
    "engineer": "engineer", "engineering": "engineer", "sapper": "engineer",
    "signals": "signals", "reconnaissance": "reconnaissance", "recon": "reconnaissance",
    "missile": "missile", "rocket": "rocket", "aviation": "aviation", "fighter": "fighter",
    "bomber": "bomber", "helicopter": "helicopter", "jaeger": "jaeger", "ranger": "ranger",
    "spetsnaz": "special forces", "light": "light", "heavy": "heavy", "naval": "naval",
    "guards": None, "guard": None, "separate": None, "independent": None, "presidential": None,
}
_ORDINAL_WORDS: dict[str, int] = {
    w: i for i, w in enumerate(
        ["First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth",
         "Tenth", "Eleventh", "Twelfth"], start=1)
}
# Capitalised words before an echelon that are not a unit's name.
_NAME_STOP = frozenset(
    ["The", "A", "An", "This", "That", "These", "Each", "Every", "Another", "Any", "One", "Our",
     "Their", "His", "Her", "Its", "Which", "No", "Some", "State", "Working", "Contact",
     "Research", "Rights", "Media", "Advisory", "Crisis", "Minsk", "Normandy", "Ramstein",
     "Investment", "Holding", "Police", "Army", "Air", "Navy", "Military", "Security",
     "Intelligence", "Border", "Special", "Task", "Battle", "Strike", "Carrier", "Parliamentary",
     "Political", "Terrorist", "Militant", "Rebel", "Armed", "Islamist", "Opposition", "In",
     "On", "At", "By", "For", "From", "With", "Of", "And", "But", "When", "After", "Before"]
)
_LOWER_AMBIGUOUS = frozenset(["group", "unit", "company", "army", "corps", "fleet"])

_I = re.IGNORECASE


def _alt(words: list[str]) -> str:
    """Regex alternation, longest first, spaces matching any whitespace."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len)[::-1])


_ECH_ALT = _alt(list(_ECHELONS))
_MID = rf"(?:\s+(?:(?i:{_alt(list(_BRANCH))})\b|[A-Z][\w'’-]*))"
_NUMBERED = re.compile(
    rf"(?P<ord>\d{{1,4}}(?:st|nd|rd|th)|{_alt(list(_ORDINAL_WORDS))})"
    rf"(?P<mid>{_MID}{{0,5}}?)\s+(?P<ech>(?i:{_ECH_ALT}))\b"
)
_ORDINAL_SCAN = re.compile(r"(?<![\w/-])\d{1,4}(?:st|nd|rd|th)\b")
_ECH_NEXT = re.compile(rf"\s+(?P<ech>(?i:{_ECH_ALT}))\b")
_NESTED_SEP = re.compile(r"\s*,\s*|\s+of\s+(?:the\s+)?|\s+", _I)
_NAME_BEFORE = re.compile(
    r"(?<![\w'’-])(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})"
    r"(?:\s+(?:mercenary|paramilitary|militia|volunteer|private\s+military))?\s+$"
)
_NAMED_ECHELONS = ("regiment", "battalion", "brigade", "group", "fleet", "unit", "legion")


def find_units(text: str) -> list[MilitaryUnit]:
    """Return the military units in ``text``: sorted, non-overlapping, exact spans."""
    numbered = _merge_nested(text, _numbered(text))
    taken = [(u.start, u.end) for u in numbered]
    named = [u for u in _named(text) if not any(u.start < b and a < u.end for a, b in taken)]
    return sorted(numbered + named, key=lambda u: u.start)


def same_unit(a: MilitaryUnit, b: MilitaryUnit) -> bool:
    """True when ``a`` and ``b`` name one formation, whatever echelon each report gives.

    Equal keys match; so does one number written with and without its branch at the same
    echelon ("72nd Brigade" vs "72nd Mechanized Brigade").
    """
    if a.key == b.key:
        return True
    if a.number is None or a.number != b.number or "/" in a.key + b.key:
        return False
    return (a.branch is None or b.branch is None) and a.echelon == b.echelon


def echelon_rank(echelon: str) -> int:
    """Size order: platoon 1 < company 2 (= squadron) < battalion 3 < regiment 4 <
    brigade 5 < division 6 < corps 7 < army 8 (= fleet); 0 for unsized "group"/"unit"."""
    return _RANK.get(echelon, 0)


def _numbered(text: str) -> list[MilitaryUnit]:
    """Units that carry an ordinal: "90th Tank Division", "First Guards Tank Army"."""
    starts = [m.start() for m in _ORDINAL_SCAN.finditer(text)]
    starts += [i for w in _ORDINAL_WORDS for i in _find_all(text, w)]
    out: list[MilitaryUnit] = []
    floor = 0
    for start in sorted(starts):
        m = _NUMBERED.match(text, start) if start >= floor else None
        unit = _from_numbered(text, m) if m else None
        if unit is not None:
            out.append(unit)
            floor = unit.end
    return out


def _from_numbered(text: str, m: re.Match[str]) -> MilitaryUnit | None:
    """Build a unit from a _NUMBERED match (extending "Army" to "Army Corps")."""
    ech_word, end = m.group("ech"), m.end()
    nxt = _ECH_NEXT.match(text, end)
    if nxt is not None:
        ech_word, end = nxt.group("ech"), nxt.end()
    branch = _branch(m.group("mid"))
    if ech_word.lower() == "marines":
        branch = branch or "marine"
    if ech_word.islower() and ech_word in _LOWER_AMBIGUOUS and branch is None:
        return None
    ordinal = m.group("ord")
    number = _ORDINAL_WORDS.get(ordinal) or int(ordinal[:-2])
    echelon = _ECHELONS[ech_word.lower()]
    key = f"{number}-{branch or echelon}"
    return MilitaryUnit(text[m.start() : end], m.start(), end, number, branch, echelon, key)


def _branch(mid: str) -> str | None:
    """Normalised branch from the words between ordinal and echelon; None if none."""
    words = mid.lower().split()
    found: list[str] = []
    i = 0
    while i < len(words):
        pair = " ".join(words[i : i + 2])
        step = 2 if pair in _BRANCH else 1
        norm = _BRANCH.get(pair) if step == 2 else _BRANCH.get(words[i])
        if norm and norm not in found:
            found.append(norm)
        i += step
    return " ".join(found) or None


def _merge_nested(text: str, units: list[MilitaryUnit]) -> list[MilitaryUnit]:
    """Fold "2nd Battalion, 5th Marines" (a sub-unit then its parent) into one unit."""
    out: list[MilitaryUnit] = []
    for unit in units:
        prev = out[-1] if out else None
        if prev is not None and _is_parent(text, prev, unit):
            out[-1] = MilitaryUnit(
                text[prev.start : unit.end], prev.start, unit.end, prev.number,
                prev.branch or unit.branch, prev.echelon, f"{unit.key}/{prev.number}",
            )
        else:
            out.append(unit)
    return out


def _is_parent(text: str, child: MilitaryUnit, parent: MilitaryUnit) -> bool:
    """True when ``parent`` directly follows ``child`` and is a larger echelon."""
    if "/" in child.key or not 0 < echelon_rank(child.echelon) < echelon_rank(parent.echelon):
        return False
    sep = _NESTED_SEP.fullmatch(text, child.end, parent.start)
    return sep is not None


def _named(text: str) -> list[MilitaryUnit]:
    """Units known by a name: "Azov regiment", "the Wagner group", "Black Sea Fleet"."""
    low = text.lower()
    out: list[MilitaryUnit] = []
    for word in _NAMED_ECHELONS:
        for at in _find_all(low, word):
            if low[at + len(word) : at + len(word) + 1].isalpha():
                continue  # "groups", "units" - plural or a longer word
            unit = _from_name(text, at, at + len(word))
            if unit is not None:
                out.append(unit)
    return out


def _from_name(text: str, ech_start: int, ech_end: int) -> MilitaryUnit | None:
    """Build a named unit from the capitalised words just before an echelon word."""
    m = _NAME_BEFORE.search(text, max(0, ech_start - 60), ech_start)
    if m is None:
        return None
    words = m.group("name").split()
    keep = _strip_name(words)
    if not keep or all(w.lower() in _BRANCH for w in keep):
        return None
    start = m.start("name") + len(m.group("name")) - len(_tail(m.group("name"), len(keep)))
    echelon = _ECHELONS[text[ech_start:ech_end].lower()]
    name = " ".join(w.lower() for w in keep)
    return MilitaryUnit(text[start:ech_end], start, ech_end, None, None, echelon, name)


def _strip_name(words: list[str]) -> list[str]:
    """Drop leading words that are not the name: articles, possessives, nationalities."""
    while words and (
        words[0] in _NAME_STOP
        or words[0].endswith(("'s", "’s"))
        or words[0].endswith(("ian", "ish", "ese", "ean", "ani"))
    ):
        words = words[1:]
    return words


def _tail(name: str, n: int) -> str:
    """The last ``n`` whitespace-separated words of ``name``, with original spacing."""
    parts = re.split(r"(\s+)", name)
    return "".join(parts[-(2 * n - 1) :])


def _find_all(haystack: str, needle: str) -> list[int]:
    """Every offset of ``needle`` that starts a word."""
    out: list[int] = []
    i = haystack.find(needle)
    while i >= 0:
        if i == 0 or not haystack[i - 1].isalnum():
            out.append(i)
        i = haystack.find(needle, i + 1)
    return out
