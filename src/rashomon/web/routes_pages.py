"""The server-rendered pages: story list and search, a story, an article, the add form."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from ..common.recent import Recent
from .adding import Upload, add_uploads, fetched_upload, record_upload
from .apidocs import endpoints
from .config import WebConfig
from .data import (
    content_version,
    find,
    list_stories,
    load_article,
    load_story,
    stories_with_article,
    stories_with_source,
)
from .pages import ArticleView, SourceView
from .views import StoryView

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
_FIELDS = ("text", "title", "outlet", "published", "url")
# Rendered story pages by store, story, tiles and the store's content version: a page
# is the same until the store changes (rendering one took ~80 ms; serving it, ~1 ms).
_RENDERED: Recent[tuple[str, str, str, tuple[int, ...]], bytes] = Recent(128)


def _config(request: Request) -> WebConfig:
    config: WebConfig = request.app.state.config
    return config


def _page(request: Request, name: str, **values: object) -> Response:
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, name, values)


@router.get("/")
def index(request: Request, q: str = "") -> Response:
    """The stories, and the search hits when there is a query."""
    db = _config(request).db
    hits = find(db, q) if q.strip() else []
    return _page(request, "index.html", stories=list_stories(db), query=q.strip(), hits=hits)


@router.get("/stories/{story_id}")
def story_page(request: Request, story_id: str) -> Response:
    """One story as the HTML report shows it (rendered once per content of the store)."""
    config = _config(request)
    key = (str(config.db), story_id, config.map_tiles or "", content_version(config.db))
    body = _RENDERED.get(key)
    if body is None:
        story, articles = load_story(config.db, story_id)
        page = _page(request, "story.html",
                     view=StoryView.build(story, articles, config.map_tiles))
        body = bytes(page.body)
        _RENDERED.put(key, body)
    return HTMLResponse(body)


@router.get("/articles/{article_id}")
def article_page(request: Request, article_id: str, start: int | None = None,
                 end: int | None = None) -> Response:
    """An article's claims and conflicts, and its text with its claims' sentences marked
    (one mention outlined when ``start`` and ``end`` are given)."""
    db = _config(request).db
    article, stories = load_article(db, article_id)
    view = ArticleView(article, stories_with_article(db, article_id))
    return _page(request, "article.html", article=article, stories=stories, view=view,
                 text=view.text(start, end))


@router.get("/sources/{source_id}")
def source_page(request: Request, source_id: str) -> Response:
    """Everything one source said, across stories, with its stances."""
    stories, articles = stories_with_source(_config(request).db, source_id)
    return _page(request, "source.html", view=SourceView.build(source_id, stories, articles))


@router.get("/docs")
def api_docs(request: Request) -> Response:
    """The JSON API reference, rendered here so it works offline."""
    schema = request.app.openapi()
    return _page(request, "api.html", endpoints=endpoints(schema),
                 description=schema.get("info", {}).get("description", ""))


@router.get("/add")
def add_form(request: Request) -> Response:
    """The form for uploading files, pasting text or giving a URL."""
    config = _config(request)
    return _page(request, "add.html", allow_fetch=config.allow_fetch,
                 max_mb=f"{config.max_upload / 1_048_576:g} MB")


@router.post("/add")
async def add_submit(request: Request) -> Response:
    """Add what the form holds, then show the story the (first) article landed in."""
    config = _config(request)
    # Parsed here, not by FastAPI: its parser caps a text field at 1 MB, and the form
    # promises the upload limit for pasted text too.
    form = await request.form(max_part_size=config.max_upload + 1)
    uploads = [Upload(f.filename or "upload", await f.read(config.max_upload + 1))
               for f in form.getlist("files") if isinstance(f, UploadFile) and f.filename]
    field = {k: v for k in _FIELDS if isinstance(v := form.get(k), str) and v.strip()}
    if "text" in field:
        uploads.append(record_upload(field["text"], field.get("title"), field.get("url"),
                                     field.get("published"), field.get("outlet")))
    elif "url" in field and not uploads:
        uploads.append(await run_in_threadpool(fetched_upload, field["url"].strip(), config))
    added = await run_in_threadpool(add_uploads, config, uploads)
    target = (f"/stories/{added.story_id}" if added.story_id
              else f"/articles/{added.article_ids[0]}")
    return RedirectResponse(target, status_code=303)
