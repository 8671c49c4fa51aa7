"""Article collections as data: JSON, JSON Lines, CSV and TSV, fields found by name."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, Literal

from ..errors import InputError, InputWarning
from ..options import Options
from .dates import parse_date_value
from .draft import Draft
from .plaintext import draft_from_body

# Field names per article attribute, compared lower-case with punctuation removed.
_NAMES: dict[str, tuple[str, ...]] = {
    "text": ("body", "text", "content", "article", "articlebody", "fulltext", "bodytext",
             "articletext", "maintext", "story"),
    "title": ("title", "headline", "name"),
    "published": ("date", "published", "publishedat", "pubdate", "datepublished",
                  "publicationdate", "publishdate", "time", "created", "createdat", "timestamp"),
    "url": ("url", "link", "href", "permalink", "canonicalurl"),
    "outlet": ("source", "outlet", "publisher", "sitename", "sourcename", "publication",
               "site", "domain"),
    "byline": ("byline", "author", "authors", "creator", "writer"),
    "language": ("language", "lang"),
}
# Second pass: a key containing one of these words (but not an id or count of it).
_PARTS: dict[str, tuple[str, ...]] = {
    "text": ("body", "text", "content"), "title": ("title", "headline"),
    "published": ("date", "published"), "url": ("url", "link"),
    "outlet": ("source", "outlet", "publisher"), "byline": ("author", "byline"),
}
_NOT_VALUES = ("id", "ids", "count", "length", "len", "type", "format", "lang", "language")
_WRAPPERS = ("articles", "items", "data", "results", "entries", "records", "documents", "posts")
_OPTION_FOR = {"text": "text_column", "title": "title_column", "published": "date_column",
               "url": "url_column", "outlet": "outlet_column"}
# A body column not named like one must look like prose: this long on average.
_MIN_GUESSED_BODY = 200

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def read_records(
    text: str, fmt: Literal["json", "jsonl", "csv", "tsv"], *, path: str, options: Options
) -> Iterator[Draft | InputError]:
    """Yield one draft (or the error that stopped it) per article in a data file."""
    if fmt == "json":
        yield from _read_json(text, path, options)
    elif fmt == "jsonl":
        yield from _read_jsonl(text, path, options)
    else:
        yield from _read_table(text, "\t" if fmt == "tsv" else ",", path, options)


def names_a_field(name: str) -> bool:
    """Whether a column called ``name`` is read as an article field (body, title, ...)."""
    return any(_key(name) in names for names in _NAMES.values())


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _field_map(keys: list[str], options: Options) -> dict[str, str | None]:
    """Attribute -> the actual key holding it (an option's name wins over guessing)."""
    by_key = {_key(k): k for k in reversed(keys)}
    chosen: dict[str, str | None] = {}
    for attr, names in _NAMES.items():
        override = getattr(options, _OPTION_FOR[attr]) if attr in _OPTION_FOR else None
        if override:
            chosen[attr] = by_key.get(_key(override))
            continue
        chosen[attr] = next((by_key[n] for n in names if n in by_key), None) or _partial(
            by_key, _PARTS.get(attr, ()))
    if chosen["title"] and chosen["title"] == chosen["outlet"]:
        chosen["title"] = None
    return chosen


def _partial(by_key: Mapping[str, str], parts: tuple[str, ...]) -> str | None:
    for part in parts:
        for norm, key in by_key.items():
            if part in norm and not norm.endswith(_NOT_VALUES):
                return key
    return None


def _text(value: Any) -> str | None:
    """A field value as text: nested {"name": ...} objects and lists of strings included."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, Mapping):
        return _text(value.get("name") or value.get("title") or value.get("text"))
    if isinstance(value, list):
        parts = [t for t in (_text(v) for v in value) if t]
        return ", ".join(parts) if parts and len(max(parts, key=len)) < 80 else (
            "\n\n".join(parts) or None)
    text = str(value).strip()
    return text or None


def _date(value: Any) -> str | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = value / 1000 if value > 1e11 else value  # epoch milliseconds or seconds
        try:
            return datetime.fromtimestamp(seconds, tz=UTC).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    text = _text(value)
    return parse_date_value(text) if text else None


def _draft(record: Mapping[str, Any], fields: Mapping[str, str | None], where: str,
           ) -> Draft | InputError:
    def get(attr: str) -> Any:
        key = fields.get(attr)
        return record.get(key) if key is not None else None

    body = _text(get("text"))
    if not body:
        return InputError(where, "no article text")
    raw = get("published")
    published = _date(raw)
    if published and isinstance(raw, str):
        # As written: the draft reads it against the text, and notes a "10/03/2026".
        published = raw.strip()
    return draft_from_body(
        body, path=where, url=_text(get("url")), outlet=_text(get("outlet")),
        title=_text(get("title")), byline=_text(get("byline")), published=published,
        published_from="metadata" if published else None, language=_text(get("language")),
    )


def _guess_body_key(records: Sequence[Mapping[str, Any]]) -> str | None:
    """No field is named like a body: take the one with the longest values, if prose-long."""
    totals: dict[str, int] = {}
    for record in records[:50]:
        for key, value in record.items():
            if isinstance(value, str) and not value.startswith("http"):
                totals[key] = totals.get(key, 0) + len(value)
    if not totals:
        return None
    key = max(totals, key=lambda k: totals[k])
    return key if totals[key] / min(len(records), 50) >= _MIN_GUESSED_BODY else None


def _fields_for(records: Sequence[Mapping[str, Any]], options: Options) -> dict[str, str | None]:
    keys = list(dict.fromkeys(k for r in records[:50] for k in r))
    fields = _field_map(keys, options)
    if fields["text"] is None and not options.text_column:
        fields["text"] = _guess_body_key(records)
    return fields


# JSON ----------------------------------------------------------------------------------

def _read_json(text: str, path: str, options: Options) -> Iterator[Draft | InputError]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield InputError(path, f"malformed JSON at line {exc.lineno}, column {exc.colno}: "
                               f"{exc.msg}")
        return
    if isinstance(data, dict):
        wrapped = next((data[k] for k in data if _key(k) in _WRAPPERS
                        and isinstance(data[k], list)), None)
        if wrapped is None:
            fields = _fields_for([data], options)
            yield _draft(data, fields, path)
            return
        data = wrapped
    if not isinstance(data, list):
        yield InputError(path, "JSON holds neither an article object nor a list of them")
        return
    yield from _read_objects(list(enumerate(data, 1)), path, options)


def _read_objects(numbered: list[tuple[int, Any]], path: str, options: Options,
                  ) -> Iterator[Draft | InputError]:
    if not numbered:
        yield InputError(path, "no articles found")
        return
    records = [item for _, item in numbered if isinstance(item, dict)]
    guessed_body = None if options.text_column else _guess_body_key(records)
    for n, item in numbered:
        where = f"{path}#{n}"
        if isinstance(item, InputError):
            yield item
        elif not isinstance(item, dict):
            yield InputError(where, f"not a JSON object but {type(item).__name__}")
        else:
            # JSON items need not share keys (JSONL merged from several sources).
            fields = _field_map(list(item), options)
            fields["text"] = fields["text"] or guessed_body
            yield _draft(item, fields, where)


def _read_jsonl(text: str, path: str, options: Options) -> Iterator[Draft | InputError]:
    numbered: list[tuple[int, Any]] = []
    n = 0
    for line_no, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        n += 1
        try:
            numbered.append((n, json.loads(line)))
        except json.JSONDecodeError as exc:
            error = InputError(f"{path}#{n}", f"malformed JSON on line {line_no}: {exc.msg} "
                                              f"(column {exc.colno})")
            numbered.append((n, error))
    yield from _read_objects(numbered, path, options)


# CSV / TSV -----------------------------------------------------------------------------

def _read_table(text: str, delimiter: str, path: str, options: Options,
                ) -> Iterator[Draft | InputError]:
    kind = "TSV" if delimiter == "\t" else "CSV"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader, None)
        rows = list(reader)
    except csv.Error as exc:
        yield InputError(path, f"malformed {kind} on line {reader.line_num}: {exc}")
        return
    if not header or not rows:
        yield InputError(path, f"no articles found in {kind} (a header row and rows needed)")
        return
    header = [h.strip().lstrip("\ufeff") for h in header]
    fields = _table_fields(header, rows, options)
    if fields["text"] is None:
        yield InputError(path, f"no article text column among {header}; name one with "
                               "the text_column option")
        return
    long_rows = [n for n, row in enumerate(rows, 1)
                 if len(row) > len(header) and any(c.strip() for c in row[len(header):])]
    if long_rows:
        yield InputWarning(path, f"{len(long_rows)} row(s) have more cells than the header's "
                                 f"{len(header)} (first: row {long_rows[0]}, line "
                                 f"{long_rows[0] + 1}); the extra cells were ignored")
    for n, row in enumerate(rows, 1):
        if not any(cell.strip() for cell in row):
            continue  # trailing blank lines
        yield _draft(dict(zip(header, row, strict=False)), fields, f"{path}#{n}")


def _table_fields(header: list[str], rows: list[list[str]], options: Options,
                  ) -> dict[str, str | None]:
    fields = _field_map(header, options)
    if fields["text"] is None and not options.text_column:
        sample = [dict(zip(header, r, strict=False)) for r in rows[:50]]
        fields["text"] = _guess_body_key(sample)
    return fields
