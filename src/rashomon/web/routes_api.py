"""The JSON API under /api: stories, articles, sources, search, the whole report, adding
articles."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from .. import __version__
from ..models import Report
from .adding import Upload, add_uploads, record_upload
from .config import WebConfig
from .data import (
    find,
    list_stories,
    load_article,
    load_report,
    load_story,
    stories_with_source,
)
from .errors import BadRequestError
from .pages import SourceView

router = APIRouter(prefix="/api", tags=["api"])

_ADD_BODY: dict[str, Any] = {"requestBody": {"content": {
    "multipart/form-data": {"schema": {"type": "object", "properties": {
        "files": {"type": "array", "items": {"type": "string", "format": "binary"}}}}},
    "application/json": {"schema": {"type": "object", "required": ["text"], "properties": {
        "text": {"type": "string"}, "title": {"type": "string"}, "url": {"type": "string"},
        "published": {"type": "string"}, "outlet": {"type": "string"}}}},
}}}
_TEXT_FIELDS = ("text", "title", "url", "published", "outlet")


def _config(request: Request) -> WebConfig:
    config: WebConfig = request.app.state.config
    return config


@router.get("/stories")
def api_stories(request: Request) -> dict[str, Any]:
    """Every story with its counts."""
    return {"stories": [s.to_dict() for s in list_stories(_config(request).db)]}


@router.get("/stories/{story_id}")
def api_story(request: Request, story_id: str) -> dict[str, Any]:
    """One story object of the report (`rashomon.report/1`)."""
    story, _ = load_story(_config(request).db, story_id)
    return story.to_dict()


@router.get("/articles/{article_id}")
def api_article(request: Request, article_id: str) -> dict[str, Any]:
    """One article object, with the ids of the stories it is in."""
    article, stories = load_article(_config(request).db, article_id)
    return {**article.to_dict(), "story_ids": [s.id for s in stories]}


@router.get("/sources/{source_id}")
def api_source(request: Request, source_id: str) -> dict[str, Any]:
    """One source and everything it said: each mention with its claim, story and stance."""
    view = SourceView.build(source_id, *stories_with_source(_config(request).db, source_id))
    return view.to_dict()


@router.get("/search")
def api_search(request: Request, q: str = "", limit: int = 30) -> dict[str, Any]:
    """Claims and articles holding every word of ``q``, best first."""
    return {"query": q, "hits": find(_config(request).db, q, max(1, min(limit, 200)))}


@router.get("/report")
def api_report(request: Request) -> dict[str, Any]:
    """The whole stored report (`rashomon.report/1`)."""
    report = load_report(_config(request).db) or Report((), (), __version__)
    return report.to_dict()


@router.post("/articles", status_code=201, openapi_extra=_ADD_BODY)
async def api_add(request: Request) -> JSONResponse:
    """Add articles: multipart ``files``, or JSON ``{text, title?, url?, published?}``."""
    config = _config(request)
    kind = request.headers.get("content-type", "")
    if kind.startswith("multipart/form-data"):
        uploads = await _files(request, config.max_upload)
    elif kind.startswith("application/json"):
        uploads = [_pasted(await request.body())]
    else:
        raise BadRequestError("request", "send multipart/form-data files or a JSON object")
    added = await run_in_threadpool(add_uploads, config, uploads)
    return JSONResponse(added.to_dict(), status_code=201)


async def _files(request: Request, limit: int) -> list[Upload]:
    form = await request.form()
    files = [v for _, v in form.multi_items() if isinstance(v, UploadFile)]
    return [Upload(f.filename or "upload", await f.read(limit + 1)) for f in files]


def _pasted(body: bytes) -> Upload:
    try:
        data = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise BadRequestError("request body", f"malformed JSON ({exc})") from None
    if not isinstance(data, dict):
        raise BadRequestError("request body", "expected a JSON object")
    wrong = [k for k in _TEXT_FIELDS if k in data and not isinstance(data[k], str | None)]
    if wrong:
        raise BadRequestError("request body", f"not a string: {', '.join(wrong)}")
    return record_upload(data.get("text") or "", data.get("title"), data.get("url"),
                         data.get("published"), data.get("outlet"))
