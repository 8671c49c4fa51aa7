"""Bylines, outlets and credits that an article states in its own text.

Every function takes one plain line (markdown already removed) or a plain text and
answers None when the line is not what it looks for: these are rules about how
news copy is laid out, not guesses about what it says.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# Lower-case words that may sit inside a person's name ("Ludwig van Beethoven").
_PARTICLES = frozenset(
    ["de", "del", "della", "der", "di", "da", "dos", "du", "la", "le", "van", "von", "bin",
     "ibn", "al", "el", "y"]
)
_NAME_SPLIT = re.compile(r"\s*(?:,|\band\b|&)\s*")
_BY = re.compile(
    r"^by\s+(?P<names>[^|—–]+?)(?:\s*(?:\||—|–|\s-\s)\s*(?P<outlet>[^|]+?))?\s*$", re.I
)
_REPORTING = re.compile(r"^\(?\s*(?:reporting|writing)\s+by\s+(?P<names>[^;()]+)", re.I)
_AT_PLACE = re.compile(r"\s+(?:in|from)\s+[^\W\d_][^,;]*?(?=\s+and\s+|\s*,|\s*$)")
_CREDIT = re.compile(
    r"^\(?\s*(?:[^()]{0,160}?\bcontributed\s+(?:reporting|to\s+this\s+(?:report|story|article))\b"
    r"|(?:with|additional)\s+reporting\s+(?:from|by)\b"
    r"|(?:reporting|writing|editing|edited|compiled)\s+by\b)",
    re.I,
)
_SENTENCE_BREAK = re.compile(r"[a-z]{2}[.!?]\s+[A-Z]")
_KICKER = re.compile(
    r"^(?P<outlet>[^\W\d_][^—–|:]{1,60}?)\s+[—–|-]\s+(?:analysis|opinion|comment(?:ary)?|features?"
    r"|explainer|interview|review|editorial|column|news|special report|investigation|profile"
    r"|briefing|dispatch|essay|world|business|politics)$",
    re.I,
)
_AGENCY = re.compile(
    r"^(?P<lead>[^\W\d_][^()\n]{0,80}?)\s*\((?P<agency>[^\W\d_][^()\n]{1,60}?)\)\s*[—–-]\s"
)
_TRAILING_CREDIT = re.compile(r"\((?P<a>[^()/\n]{2,50})/(?P<b>[^()/\n]{2,50})\)\s*$")
_SLASH_CREDIT = re.compile(r"^(?P<a>[^/]{2,60}?)\s*/\s*(?P<b>[^/]{2,60})$")
_PHOTO_LEAD = re.compile(
    r"^(?:(?:file\s+)?photo(?:graph)?s?|images?|pictures?|caption|photo\s+caption|credits?"
    r"|photo\s+credit|pictured|illustration)\s*:\s*",
    re.I,
)
_WORD = re.compile(r"[^\W_][\w&'’.-]*")
_SECOND_LEVEL = frozenset(["co", "com", "org", "net", "gov", "ac", "edu"])


def looks_like_names(text: str, *, max_words: int = 5) -> bool:
    """True for one or more person names: capitalised words, joined by "and" or commas."""
    parts = [p for p in _NAME_SPLIT.split(text.strip()) if p]
    return bool(parts) and all(_is_name(p, max_words) for p in parts)


def _is_name(part: str, max_words: int) -> bool:
    words = part.split()
    if not 1 <= len(words) <= max_words or any(ch.isdigit() for ch in part):
        return False
    if part.rstrip()[-1:] in ".:;!?" and not re.search(r"\b[A-Z]\.$", part):
        return False
    return words[0][0].isupper() and all(w[0].isupper() or w in _PARTICLES for w in words)


def _is_person(text: str) -> bool:
    """A photographer-like name: two to four capitalised words."""
    return 2 <= len(text.split()) <= 4 and looks_like_names(text, max_words=4)


def byline_from_line(line: str) -> tuple[str, str | None] | None:
    """("A", "Outlet") from "By A | Outlet", ("A", None) from "By A"; None for other lines."""
    m = _BY.match(line.strip())
    if not m or not looks_like_names(m["names"]):
        return None
    outlet = m["outlet"].strip() if m["outlet"] else None
    return m["names"].strip(), outlet or None


def byline_from_credit(line: str) -> str | None:
    """The reporters of a wire credit: "(Reporting by A in P and B; editing by C)" -> "A and B"."""
    m = _REPORTING.match(line.strip())
    if not m:
        return None
    names = _AT_PLACE.sub("", m["names"]).strip(" .)")
    return names if looks_like_names(names) else None


def is_credit_line(line: str) -> bool:
    """A one-sentence credit: "X contributed reporting", "With reporting from X", "Editing by Y"."""
    text = line.strip().strip("()").strip()
    if not text or len(text) > 300 or _SENTENCE_BREAK.search(text.rstrip(".")):
        return False
    return bool(_CREDIT.match(text))


def kicker_outlet(line: str) -> str | None:
    """The outlet of a kicker line such as "Outlet Name — Analysis"."""
    m = _KICKER.match(line.strip())
    return m["outlet"].strip() if m and looks_like_names(m["outlet"], max_words=6) else None


def dateline_agency(paragraph: str) -> str | None:
    """The agency of a dateline opening a paragraph: "HYDERABAD (Asia Pacific Wire) –"."""
    m = _AGENCY.match(paragraph.strip(" *_"))
    if not m or len(m["lead"].split()) > 10:
        return None
    place = m["lead"].split(",")[0]
    capitalised = all(w[0].isupper() for w in place.split())
    return m["agency"].strip() if (place.isupper() or capitalised) else None


def photo_credit_outlet(line: str) -> str | None:
    """The outlet named in a photo credit, when the other side of the slash is a person.

    "(Outlet/Photographer)" ends a caption; "Photo: Photographer / Outlet" is a credit line.
    "(AFP/Representational)" names no photographer, so it names no outlet either.
    """
    text = line.strip()
    trailing = _TRAILING_CREDIT.search(text)
    if trailing:
        outlet, person = trailing["a"].strip(), trailing["b"].strip()
        return outlet if _is_person(person) else None
    slash = _SLASH_CREDIT.match(_PHOTO_LEAD.sub("", text))
    if slash:
        person, outlet = slash["a"].strip(), slash["b"].strip()
        return outlet if _is_person(person) and looks_like_names(outlet, max_words=6) else None
    return None


def trailing_photo_credit(line: str) -> re.Match[str] | None:
    """A parenthesised "(Agency/Name)" credit closing a line, as captions end."""
    m = _TRAILING_CREDIT.search(line.rstrip())
    return m if m and m["a"].strip()[:1].isupper() else None


def is_photo_line(line: str) -> bool:
    """A line introduced as a picture credit or caption ("Photo: ...", "Caption: ...")."""
    return bool(_PHOTO_LEAD.match(line.strip()))


def host_of(url: str) -> str | None:
    """The host of an address without "www."; None when there is none."""
    raw = url.strip().strip("<>")
    try:
        host = urlsplit(raw if "//" in raw else "//" + raw).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    return re.sub(r"^(?:www\d?|m|amp)\.", "", host)


def _site_label(host: str) -> str:
    """The name part of a host: "themoscowtimes" in "themoscowtimes.com", "bbc" in "bbc.co.uk"."""
    parts = host.split(".")
    if len(parts) >= 3 and parts[-2] in _SECOND_LEVEL:
        return parts[-3]
    return parts[-2] if len(parts) >= 2 else parts[0]


def _phrase_for(label: str, text: str) -> str | None:
    """A run of capitalised words in ``text`` whose letters spell ``label``."""
    words = list(_WORD.finditer(text))
    for i, first in enumerate(words):
        if not first.group(0)[0].isupper():
            continue
        spelled = ""
        for word in words[i:i + 6]:
            spelled += re.sub(r"[^a-z0-9]", "", word.group(0).lower())
            if spelled == label:
                return text[first.start():word.end()].rstrip(".")
            if not label.startswith(spelled):
                break
    return None


def outlet_from_url(url: str, text: str = "") -> str | None:
    """A readable outlet name for an address: spelled as ``text`` writes it, else the host."""
    host = host_of(url)
    if host is None:
        return None
    label = _site_label(host)
    return (_phrase_for(label, text) if text and len(label) >= 3 else None) or host
