"""Adding articles from the web: uploads, pasted text and fetched URLs, through the store.

Every submission is written to a private temporary folder and handed to the store's
`add_inputs`, exactly as `rashomon add` would read it. Files are named after their
content, so two different uploads called ``article.txt`` never pass for two versions of
one article. Adds are serialised: the store allows one writer at a time anyway.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

from ..ingest import ingest, read_document
from ..ingest.decode import decode_bytes
from ..ingest.draft import Draft
from ..ingest.sources import InputItem
from ..models import Problem
from ..options import Options
from ..store.database import add_inputs
from .config import WebConfig
from .data import story_of
from .errors import BadRequestError, RefusedError, TooLargeError
from .safe_fetch import fetch_checked

log = logging.getLogger(__name__)

_LOCK = threading.Lock()
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True, slots=True)
class Upload:
    """One submitted file: the name the client gave and its bytes."""

    name: str
    data: bytes


@dataclass(slots=True)
class Added:
    """What one web add did: the articles it read and where the first one landed."""

    article_ids: list[str]
    story_id: str | None
    new: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data for the API."""
        return {"article_ids": self.article_ids, "story_id": self.story_id, "added": self.new,
                "problems": [{"where": p.where, "message": p.message, "severity": p.severity}
                             for p in self.problems]}


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:12]


def safe_name(name: str, data: bytes) -> str:
    """A file name without any folder part, stamped with the content's hash."""
    base = PurePath(name.replace("\\", "/")).name or "upload.txt"
    stem, suffix = PurePath(base).stem, PurePath(base).suffix
    stem = _UNSAFE.sub("_", stem).strip("._")[:60] or "upload"
    suffix = _UNSAFE.sub("", suffix)[:10]
    return f"{stem}-{_digest(data)}{suffix}"


def check_sizes(uploads: Sequence[Upload], limit: int) -> None:
    """Raise `TooLargeError` for the first upload over ``limit`` bytes."""
    for upload in uploads:
        if len(upload.data) > limit:
            raise TooLargeError(upload.name, f"file too large ({len(upload.data)} bytes, "
                                             f"limit {limit})")


def record_upload(text: str, title: str | None = None, url: str | None = None,
                  published: str | None = None, outlet: str | None = None) -> Upload:
    """Pasted text (and its metadata) as a one-record JSON file the ingest stage reads."""
    if not text or not text.strip():
        raise BadRequestError("text", "no article text given")
    record = {k: v for k, v in (("text", text), ("title", title), ("url", url),
                                ("published", published), ("source", outlet)) if v}
    data = json.dumps(record, ensure_ascii=False).encode("utf-8")
    # Named by URL when there is one, so pasting a changed article again is a new version.
    key = _digest((url or text).encode("utf-8"))
    return Upload(f"pasted-{key}.json", data)


def fetched_upload(url: str, config: WebConfig) -> Upload:
    """Fetch ``url`` (public addresses only) and keep what was read as a JSON record."""
    if not config.allow_fetch:
        raise RefusedError(url, "fetching URLs is disabled (start the server with --allow-fetch)")
    final, body = fetch_checked(url, timeout=config.fetch_timeout, max_bytes=config.max_upload)
    text = decode_bytes(body, url)
    item = InputItem(url, url, "urls", lambda: body, url=final)
    drafts = [d for d in read_document(text, item, Options()) if isinstance(d, Draft)]
    if not drafts or not drafts[0].text.strip():
        raise BadRequestError(url, "no article text found at this address")
    d = drafts[0]
    return record_upload(d.text, d.title, d.url or url, d.published, d.outlet)


def _write(folder: Path, uploads: Sequence[Upload]) -> list[str]:
    paths = []
    for upload in uploads:
        path = folder / safe_name(upload.name, upload.data)
        path.write_bytes(upload.data)
        paths.append(str(path))
    return paths


def _renamed(problems: Sequence[Problem], names: dict[str, str]) -> list[Problem]:
    # Problems name the temporary file; the user knows it by the name they gave.
    out = []
    for p in problems:
        where = p.where
        for tmp, name in names.items():
            if tmp in where:
                where = name + where[where.index(tmp) + len(tmp):]
        out.append(Problem(where, p.message, p.severity))
    return out


def add_uploads(config: WebConfig, uploads: Sequence[Upload]) -> Added:
    """Read the uploads and add their articles to the store; 422 when none can be read."""
    if not uploads:
        raise BadRequestError("request", "nothing to add: give a file, text or a URL")
    check_sizes(uploads, config.max_upload)
    options = Options(show_progress=False, workers=1)
    with tempfile.TemporaryDirectory(prefix="rashomon-web-") as tmp:
        paths = _write(Path(tmp), uploads)
        names = {Path(p).name: u.name for p, u in zip(paths, uploads, strict=True)}
        # Read first, outside the lock: a malformed file is refused without waiting.
        read = ingest(paths, options)
        problems = _renamed(read.problems, names)
        if not read.articles:
            errors = "; ".join(str(p) for p in problems if p.severity == "error")
            raise BadRequestError("could not read the upload", errors or "no articles")
        with _LOCK:
            result = add_inputs(config.db, paths, options, command="web")
    ids = [a.id for a in read.articles]
    log.info("web add: %d articles read, %d new", len(ids), len(result.added))
    return Added(ids, story_of(config.db, ids[0]), [*result.added, *result.new_versions],
                 problems)
