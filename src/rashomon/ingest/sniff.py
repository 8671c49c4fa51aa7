"""Which reader a file needs: its content decides, its extension only breaks ties."""

from __future__ import annotations

import csv
import json
import re
from pathlib import PurePath
from typing import Literal

from .records import names_a_field

Format = Literal["text", "markdown", "html", "json", "jsonl", "csv", "tsv", "rss", "atom"]

_BY_EXTENSION: dict[str, Format] = {
    ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".json": "json",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "tsv", ".tab": "tsv",
    ".rss": "rss", ".atom": "atom",
}
_HEAD = 8192
_RSS = re.compile(r"<(?:rss\b|rdf:RDF\b|(?:\w+:)?channel\b)", re.I)
_ATOM = re.compile(r"<(?:\w+:)?feed\b[^>]*>", re.I)
_HTML = re.compile(
    r"<(?:!doctype\s+html|html|head|body|meta|title|div|p|article|section|span|h[1-6]|br)\b",
    re.I)
_MD_HEADING = re.compile(r"^#{1,6} \S", re.M)
_MD_LINK = re.compile(r"\[[^\]\n]+\]\((?:https?://|/|#)[^)\s]*\)")
_MD_EMPHASIS = re.compile(r"^(?:[-*] |\d+\. |> ).*\*\*[^*\n]+\*\*|^\*\*[^*\n]+\*\*", re.M)
# A document type with an internal subset that declares entities: the vector of
# entity-expansion bombs ("billion laughs") and external-entity reads (XXE).
_ENTITY_DTD = re.compile(r"<!DOCTYPE[^\[>]*\[[^\]]*<!ENTITY", re.I)
_HEADER_CELL = re.compile(r"^[\w][\w .:/()#-]{0,39}$")


def declares_entities(text: str) -> bool:
    """Whether an XML or HTML document declares entities in its DTD (never read)."""
    return _ENTITY_DTD.search(text[:65536]) is not None


def sniff_format(name: str, text: str) -> Format:
    """Guess the format of ``text`` read from a file called ``name``."""
    ext = PurePath(name).suffix.lower()
    by_ext = _BY_EXTENSION.get(ext)
    head = text[:_HEAD].lstrip("\ufeff \t\r\n")
    found = _markup(head) or _json(head, text, by_ext) or _table(head, by_ext)
    if found:
        return found
    if by_ext == "markdown" or _looks_markdown(head):
        return "markdown"
    # A named markup/data extension whose content did not agree is read as text.
    return "text"


def _markup(head: str) -> Format | None:
    if not head.startswith("<"):
        lowered = head[:1024].lower()
        return "html" if "<html" in lowered or "<!doctype html" in lowered else None
    body = re.sub(r"<\?xml[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>]*>", "", head, flags=re.S).lstrip()
    if _RSS.match(body):
        return "rss"
    if _ATOM.match(body):
        return "atom"
    if _HTML.search(head):
        return "html"
    # Other XML: the HTML reader strips tags and finds whatever prose there is.
    return "html"


def _json(head: str, text: str, by_ext: Format | None) -> Format | None:
    if not head.startswith(("{", "[")):
        return None
    lines = [ln for ln in head.splitlines() if ln.strip()]
    if head.startswith("{") and len(lines) > 1 and lines[1].lstrip().startswith("{"):
        try:
            json.loads(lines[0])
            return "jsonl"
        except ValueError:
            pass
    if by_ext in ("json", "jsonl"):
        return by_ext
    try:
        json.loads(text)
    except ValueError:
        # "[Reuters] ..." in a .txt is prose, not broken JSON.
        return None
    return "json"


def _table(head: str, by_ext: Format | None) -> Format | None:
    first = head.split("\n", 1)[0]
    tabs, commas = first.count("\t"), first.count(",")
    if by_ext in ("csv", "tsv"):
        if by_ext == "csv" and tabs and not commas:
            return "tsv"
        if by_ext == "tsv" and commas and not tabs:
            return "csv"
        return by_ext
    if by_ext in ("markdown", "html"):
        return None
    for delimiter, fmt in (("\t", "tsv"), (",", "csv")):
        if delimiter in first and _consistent_table(head, delimiter):
            # A .txt is prose unless its header names article fields: a headline with
            # a comma over paragraphs with one comma each is no table.
            if by_ext == "text" and not _names_fields(first, delimiter):
                return None
            return fmt  # type: ignore[return-value]
    return None


def _names_fields(header: str, delimiter: str) -> bool:
    try:
        cells = next(csv.reader([header], delimiter=delimiter))
    except (csv.Error, StopIteration):
        return False
    return any(names_a_field(cell) for cell in cells)


def _consistent_table(head: str, delimiter: str) -> bool:
    """A header of short column names, then rows with that many fields."""
    try:
        rows = list(csv.reader(head.splitlines()[:-1] or [head], delimiter=delimiter))
    except csv.Error:
        return False
    if len(rows) < 2 or len(rows[0]) < 2:
        return False
    header = rows[0]
    if not all(_HEADER_CELL.match(cell.strip()) for cell in header):
        return False
    # Quoted multi-line fields split rows apart here; only complete-looking rows count.
    complete = [r for r in rows[1:] if len(r) == len(header)]
    return len(complete) >= max(1, (len(rows) - 1) // 2)


def _looks_markdown(head: str) -> bool:
    return bool(_MD_HEADING.search(head)) or len(_MD_LINK.findall(head)) >= 2 or bool(
        _MD_EMPHASIS.search(head))
