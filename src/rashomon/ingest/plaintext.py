"""Plain text and Markdown articles, and the body cleaning that every reader shares.

`clean_body` turns a pasted or exported article body into the text a report quotes:
markdown syntax, photo credits, captions, "Related:" lines, reporting credits and
"Original url:" trailers go; what they said about the article (its address, outlet,
byline) is kept aside. `draft_from_body` is the one place a body becomes a `Draft`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import cast

from ..models import PublishedFrom
from . import meta as found
from .dates import (
    date_marker,
    find_date_in_text,
    month_first_text,
    numeric_ambiguity,
    parse_date_line,
    parse_date_value,
)
from .draft import Draft, normalise_text

HEAD_LINES = 8  # boilerplate (byline, kicker, date line) is only looked for this early
MAX_TITLE_CHARS = 200
MAX_TITLE_WORDS = 30
MAX_CREDIT_WORDS = 20
_META_KEYS = ("url", "outlet", "title", "byline", "published", "published_from", "language")
_SOURCES: tuple[str, ...] = ("metadata", "text", "inferred")
# (published, published_from, month_day, notes) of `_publication`.
_Published = tuple[str | None, PublishedFrom | None, tuple[int, int] | None, tuple[str, ...]]

# Outlet evidence, strongest first: the article names itself before anyone else names it.
_BY_OUTLET, _KICKER, _AGENCY, _PHOTO, _ORIGIN = range(5)

_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^>\s]+)>", re.I)
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")
_RULE = re.compile(r"^\s{0,3}(?:[*_-]\s*){3,}$")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^\s{0,3}(?:=+|-{2,})\s*$")
_BULLET = re.compile(r"^(\s*)[*+]\s+(?=\S)")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
# Emphasis only where the marks hug a word: "snake_case" and "5 * 3" are left alone.
_STRONG = re.compile(
    r"(?<![\w*])\*\*(?=\S)(.+?)(?<=\S)\*\*(?![\w*])|(?<![\w_])__(?=\S)(.+?)(?<=\S)__(?![\w_])"
)
_EM = re.compile(
    r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])"
    r"|(?<![\w_])_(?=[^\s_])([^_\n]+?)(?<=[^\s_])_(?![\w_])"
)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>])")
_HIDDEN = 0xE000
_UNHIDE = re.compile("[\ue000-\ue07f]")
_ITALIC_LINE = re.compile(r"^\s*(?:\*(?!\*)[^*]+\*|_(?!_)[^_]+_)\s*$")
_BOLD_LINE = re.compile(r"^\s*(?:\*\*[^*]+\*\*|__[^_]+__)\s*$")
_RELATED = re.compile(
    r"^(?:related(?:\s+(?:articles?|stor(?:y|ies)|coverage|content|reading|links?))?"
    r"|read\s+(?:more|also|next)|see\s+also|also\s+read|more\s+on\s+this(?:\s+story)?"
    r"|recommended(?:\s+reading)?)\s*:",
    re.I,
)
_ORIGINAL_URL = re.compile(
    r"^\W*(?:original|source|canonical)\s*(?:url|link|address|article)\W*:", re.I
)
_URL = re.compile(r"https?://[^\s<>()\[\]\"']+", re.I)
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘(]?[^\W\d_])")
_CLOSED = re.compile(r"[.!?:;\"”’)\]…]$")
_FRONT = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*\n", re.S)
_FRONT_KEYS = {
    "title": "title", "headline": "title", "date": "published", "published": "published",
    "pubdate": "published", "author": "byline", "byline": "byline", "url": "url",
    "link": "url", "canonical_url": "url", "source": "outlet", "outlet": "outlet",
    "publisher": "outlet", "site": "outlet", "lang": "language", "language": "language",
}


@dataclass(frozen=True, slots=True)
class CleanBody:
    """A cleaned body and what its removed lines said about the article."""

    text: str
    url: str | None = None
    outlet: str | None = None
    byline: str | None = None
    credits: tuple[str, ...] = ()


@dataclass(slots=True)
class _Notes:
    """What removed lines told us, each kind of evidence ranked (lower rank wins)."""

    url: str | None = None
    credits: list[str] = field(default_factory=list)
    outlets: dict[int, str] = field(default_factory=dict)
    bylines: dict[int, str] = field(default_factory=dict)

    def outlet(self, rank: int, name: str | None) -> None:
        if name:
            self.outlets.setdefault(rank, name.strip())

    def byline(self, rank: int, name: str | None) -> None:
        if name:
            self.bylines.setdefault(rank, name.strip())


def _best(ranked: dict[int, str]) -> str | None:
    return ranked[min(ranked)] if ranked else None


def strip_markdown(line: str) -> str:
    """One line without markdown syntax: links keep their text, images go, marks go."""
    # Escaped characters hide in the private use area so that no rule below acts on them.
    line = _ESCAPE.sub(lambda m: chr(_HIDDEN + ord(m.group(1))), line)
    line = _IMAGE.sub("", line)
    line = _LINK.sub(r"\1", line)
    line = _REF_LINK.sub(r"\1", line)
    line = _AUTOLINK.sub(r"\1", line)
    heading = _HEADING.match(line)
    line = heading.group(1) if heading else _BULLET.sub(r"\1", _QUOTE.sub("", line))
    line = _STRONG.sub(lambda m: m.group(1) or m.group(2), line)
    line = _EM.sub(lambda m: m.group(1) or m.group(2), line)
    return _UNHIDE.sub(lambda m: chr(ord(m.group(0)) - _HIDDEN), line)


def _take_original_url(lines: list[str], notes: _Notes) -> list[str]:
    """Drop "Original url:" lines and the address line after them, keeping the address."""
    out: list[str] = []
    waiting = False
    for line in lines:
        address = _URL.search(line)
        if _ORIGINAL_URL.match(line):
            waiting = address is None
            notes.url = notes.url or (address.group(0) if address else None)
            continue
        if waiting and line.strip():
            waiting = False
            if address and len(line.strip().strip("<>[]()")) <= len(address.group(0)) + 2:
                notes.url = notes.url or address.group(0)
                continue
        out.append(line)
    return out


def _is_bold_credit(line: str, plain: str) -> bool:
    """A short line wholly in bold that credits a picture ("**Agency / Name**")."""
    if not _BOLD_LINE.match(line) or len(plain.split()) > MAX_CREDIT_WORDS:
        return False
    if plain.rstrip()[-1:] in ".!?":
        return False
    return "/" in plain or "©" in plain or found.is_photo_line(plain)


def _head_boilerplate(plain: str, notes: _Notes) -> bool:
    """A byline, kicker or date line at the top; what it names goes into ``notes``."""
    byline = found.byline_from_line(plain)
    if byline:
        notes.byline(0, byline[0])
        notes.outlet(_BY_OUTLET, byline[1])
        return True
    kicker = found.kicker_outlet(plain)
    if kicker:
        notes.outlet(_KICKER, kicker)
        return True
    return parse_date_line(plain) is not None


def _line_kind(line: str, head: bool, notes: _Notes) -> str:
    """'text', 'photo' (a removed picture credit) or 'drop' for one non-blank line."""
    if _REF_DEF.match(line) or _RULE.match(line):
        return "drop"
    if _IMAGE.fullmatch(line.strip()):
        return "photo"
    plain = strip_markdown(line).strip()
    if not plain or _RELATED.match(plain):
        return "drop"
    if found.is_credit_line(plain):
        notes.credits.append(plain.strip("() ").rstrip(".").strip())
        notes.byline(1, found.byline_from_credit(plain))
        return "drop"
    if found.is_photo_line(plain) or _is_bold_credit(line, plain):
        notes.outlet(_PHOTO, found.photo_credit_outlet(plain))
        return "photo"
    if head and _head_boilerplate(plain, notes):
        return "drop"
    return "text"


def _classify(lines: list[str], notes: _Notes) -> list[tuple[str, str]]:
    """Each kept line with its kind; dropped lines are left out, blank lines kept."""
    items: list[tuple[str, str]] = []
    seen = 0
    for raw in lines:
        marker = date_marker(raw)
        line = raw[marker.end():] if marker else raw
        if not line.strip():
            items.append(("blank", ""))
            continue
        seen += 1
        kind = _line_kind(line, seen <= HEAD_LINES, notes)
        if kind != "drop":
            items.append((kind, line))
    return items


def _beside_photo(items: list[tuple[str, str]], index: int) -> bool:
    """Whether the nearest non-blank line before or after ``index`` is a picture credit."""
    for step in (-1, 1):
        i = index + step
        while 0 <= i < len(items) and items[i][0] == "blank":
            i += step
        if 0 <= i < len(items) and items[i][0] == "photo":
            return True
    return False


def _drop_glued_caption(line: str, notes: _Notes) -> str:
    """Cut a caption sentence that ends a paragraph with a credit: "... region (AFP/File)"."""
    credit = found.trailing_photo_credit(line)
    if credit is None:
        return line
    notes.outlet(_PHOTO, found.photo_credit_outlet(line))
    body = line[:credit.start()].rstrip()
    ends = list(_SENTENCE_END.finditer(body))
    return body[:ends[-1].end()].rstrip() if ends else ""


def _join_broken(text: str) -> str:
    """Re-join a paragraph that a stray blank line cut mid-sentence."""
    paragraphs: list[str] = []
    for paragraph in text.split("\n\n"):
        if paragraphs and paragraph[:1].islower() and not _CLOSED.search(paragraphs[-1]):
            paragraphs[-1] += " " + paragraph
        else:
            paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)


def _dateline_outlet(text: str) -> str | None:
    for line in [line for line in text.split("\n") if line.strip()][:3]:
        agency = found.dateline_agency(line)
        if agency:
            return agency
    return None


def clean_body(text: str) -> CleanBody:
    """Clean an article body; see the module docstring for what is removed and kept."""
    notes = _Notes()
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    items = _classify(_take_original_url(lines, notes), notes)
    kept: list[str] = []
    for i, (kind, line) in enumerate(items):
        if kind == "text" and not (_ITALIC_LINE.match(line) and _beside_photo(items, i)):
            kept.append(_drop_glued_caption(strip_markdown(line), notes))
        else:
            kept.append("")
    body = _join_broken(normalise_text("\n".join(kept)))
    notes.outlet(_AGENCY, _dateline_outlet(body))
    if notes.url:
        notes.outlet(_ORIGIN, found.outlet_from_url(notes.url, body))
    return CleanBody(body, notes.url, _best(notes.outlets), _best(notes.bylines),
                     tuple(notes.credits))


def _publication(body: str, given: dict[str, str]) -> _Published:
    """(published, published_from, month_day, notes): metadata first, then the article
    head; ``notes`` says when a numeric date could be read either way."""
    language = given.get("language")
    if "published" in given:
        month_first = month_first_text(body, language)
        value = parse_date_value(given["published"], month_first)
        if value:
            source = given.get("published_from", "metadata")
            note = numeric_ambiguity(given["published"], month_first)
            return (value, cast(PublishedFrom, source if source in _SOURCES else "metadata"),
                    None, (note,) if note else ())
    hit = find_date_in_text(body, language)
    if hit is None:
        return None, None, None, ()
    if hit.value:
        return hit.value, "text", None, (hit.note,) if hit.note else ()
    return None, None, hit.month_day, ()


def draft_from_body(body: str, *, path: str | None, **meta: str | None) -> Draft:
    """Clean a body and fill what metadata did not give from the text.

    ``meta`` (url, outlet, title, byline, published, published_from, language) always
    wins; the publication date, byline, outlet and address are otherwise read from the
    body, and a dateline without a year goes to ``month_day``.
    """
    given = {k: v.strip() for k, v in meta.items() if k in _META_KEYS and v and v.strip()}
    clean = clean_body(body)
    published, source, month_day, notes = _publication(body, given)
    url = given.get("url") or clean.url
    outlet = given.get("outlet") or clean.outlet
    if not outlet and url:
        outlet = found.outlet_from_url(url, clean.text)
    return Draft(
        text=clean.text, path=path, url=url, outlet=outlet, title=given.get("title"),
        byline=given.get("byline") or clean.byline, published=published,
        published_from=source, language=given.get("language"), month_day=month_day,
        notes=notes,
    )


def _is_title(line: str) -> bool:
    """A short line that reads like a headline, not a sentence, date, byline or credit."""
    text = strip_markdown(line).strip()
    if not text or len(text) > MAX_TITLE_CHARS or len(text.split()) > MAX_TITLE_WORDS:
        return False
    if text[-1] in ".,;:" or text[0].islower():
        return False
    return not (parse_date_line(text) or found.byline_from_line(text)
                or found.is_credit_line(text) or found.is_photo_line(text))


def _ends_head_line(line: str | None) -> bool:
    """What may follow a headline: a blank line or a bare "date YYYY-MM-DD" marker."""
    if line is None:
        return False
    marker = date_marker(line)
    return not (line[marker.end():] if marker else line).strip()


def split_title(text: str, *, markdown: bool) -> tuple[str | None, str]:
    """(title, rest): a heading or a headline-like first line is taken out of the body.

    A "date YYYY-MM-DD" marker on the title line stays in the body, on a line of its own.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return None, text
    marker = date_marker(lines[first])
    line = lines[first][marker.end():] if marker else lines[first]
    after = lines[first + 1] if first + 1 < len(lines) else None
    heading = _HEADING.match(line)
    taken = 1
    if heading:
        title = heading.group(1)
    elif markdown and after is not None and _SETEXT.match(after) and line.strip():
        title, taken = line, 2
    elif _is_title(line) and _ends_head_line(after):
        title = line
    else:
        return None, text
    rest = lines[:first] + ([marker.group(1)] if marker else []) + lines[first + taken:]
    return strip_markdown(title).strip() or None, "\n".join(rest)


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """Simple "key: value" YAML front matter of a Markdown file, mapped to draft fields."""
    block = _FRONT.match(text)
    if not block:
        return {}, text
    meta: dict[str, str] = {}
    for line in block.group(1).split("\n"):
        key, sep, value = line.partition(":")
        name = _FRONT_KEYS.get(key.strip().lower())
        if sep and name and value.strip():
            meta.setdefault(name, value.strip().strip("\"'"))
    return meta, text[block.end():]


def read_plaintext(text: str, *, path: str | None, markdown: bool) -> Draft:
    """Read a .txt or .md article: front matter and title first, then `draft_from_body`."""
    meta, rest = _front_matter(text)
    title, body = split_title(rest, markdown=markdown)
    if title:
        meta.setdefault("title", title)
    return draft_from_body(body, path=path, **meta)
