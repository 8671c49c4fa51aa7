"""RSS 2.0, RSS 1.0 and Atom feeds: one draft per item, read with feedparser."""

from __future__ import annotations

import logging
import re
from email.utils import parsedate_to_datetime
from typing import Any

import feedparser

from ..errors import InputError
from .dates import parse_date_value
from .draft import Draft
from .htmlpage import html_fragment_to_text
from .plaintext import draft_from_body

log = logging.getLogger(__name__)

_PROLOG_ENCODING = re.compile(r"""^(\s*<\?xml[^>]*?encoding\s*=\s*)["'][^"']*["']""")
# Words feeds append to the outlet's name that are about the feed, not the outlet.
_FEED_SUFFIX = re.compile(
    r"(?:\s*[-–—|:]\s*(?:rss(?:\s*feed)?|atom(?:\s*feed)?|(?:news\s*)?feed|home|homepage"
    r"|latest(?:\s+news)?|top\s+stories|headlines|all\s+stories|english(?:\s+service)?"
    r"|english\s+edition)"
    r"|\s+(?:rss|atom)(?:\s+feed)?|\s+feed)\s*$",
    re.I)


def read_feed(text: str, *, path: str) -> list[Draft | InputError]:
    """One draft (or error) per feed item; items are ``path#n`` unless there is only one."""
    parsed = feedparser.parse(_as_utf8(text), sanitize_html=False)
    entries = parsed.entries
    # The lenient parser salvages fragments of broken XML; with no item text among
    # them, the XML error is the useful message.
    if parsed.bozo and not any(_entry_body(e) for e in entries):
        raise InputError(path, f"malformed XML feed: {_reason(parsed.bozo_exception)}")
    if not entries:
        raise InputError(path, "feed has no items")
    if parsed.bozo:
        log.warning("%s: feed is not well-formed (%s); read leniently", path,
                    _reason(parsed.bozo_exception))
    channel = parsed.feed
    outlet = feed_outlet(_plain(channel.get("title")))
    title_detail = channel.get("title_detail") or {}
    language = _language(channel.get("language") or title_detail.get("language"))
    single = len(entries) == 1
    return [_entry_draft(entry, path if single else f"{path}#{n}", outlet, language)
            for n, entry in enumerate(entries, 1)]


def _as_utf8(text: str) -> bytes:
    """Re-encode as UTF-8 and say so in the prolog: the text is already decoded."""
    return _PROLOG_ENCODING.sub(r'\1"utf-8"', text.lstrip("\ufeff"), count=1).encode("utf-8")


def _reason(exc: Any) -> str:
    message = getattr(exc, "getMessage", lambda: str(exc))()
    line = getattr(exc, "getLineNumber", lambda: None)()
    return f"{message} (line {line})" if line else str(message)


def feed_outlet(title: str | None) -> str | None:
    """A feed's title without feed-ish suffixes ('X News – English Service' -> 'X News')."""
    if not title:
        return None
    stripped = title
    while True:
        shorter = _FEED_SUFFIX.sub("", stripped).strip()
        if shorter == stripped or not shorter:
            break
        stripped = shorter
    return stripped or title


def _language(value: str | None) -> str | None:
    if not value:
        return None
    primary = re.split(r"[-_]", value.strip())[0].lower()
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else None


def _plain(value: str | None) -> str | None:
    text = html_fragment_to_text(value) if value else ""
    return " ".join(text.split()) or None


def _entry_body(entry: Any) -> str:
    """content:encoded / Atom content beats the summary, which is often a teaser."""
    candidates = [c.get("value", "") for c in entry.get("content", []) or []]
    candidates.append(entry.get("summary", "") or "")
    best = max(candidates, key=lambda v: len(v.strip()))
    return html_fragment_to_text(best)


def _entry_date(entry: Any) -> str | None:
    for key in ("published", "updated", "created", "date"):
        raw = entry.get(key)
        if raw:
            found = parse_date_value(raw) or _rfc822_date(raw)
            if found:
                return found
    return None


def _rfc822_date(raw: str) -> str | None:
    """The date as written (local to the outlet), not shifted to UTC."""
    try:
        return parsedate_to_datetime(raw).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _entry_byline(entry: Any) -> str | None:
    names = [a.get("name") for a in entry.get("authors", []) or [] if a.get("name")]
    if len(names) > 1:
        return ", ".join(names[:-1]) + " and " + names[-1]
    return _plain(names[0] if names else entry.get("author"))


def _entry_draft(entry: Any, where: str, outlet: str | None, language: str | None,
                 ) -> Draft | InputError:
    body = _entry_body(entry)
    if not body:
        return InputError(where, "no article text")
    published = _entry_date(entry)
    return draft_from_body(
        body, path=where, url=entry.get("link"), outlet=outlet,
        title=_plain(entry.get("title")), byline=_entry_byline(entry), published=published,
        published_from="metadata" if published else None, language=language,
    )
