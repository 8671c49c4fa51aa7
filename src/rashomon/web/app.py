"""The FastAPI application: pages, the JSON API, the guards and the one error handler."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from importlib import resources

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.exceptions import HTTPException

from .. import __version__
from ..errors import RashomonError
from ..report.map import tile_origin
from ..store.database import connect
from .config import WebConfig
from .errors import status_of
from .routes_api import router as api_router
from .routes_pages import router as pages_router
from .security import COOKIE, BodyLimit, cross_site, token_ok
from .views import JINJA_GLOBALS

log = logging.getLogger(__name__)

ALLOWED_METHODS = "GET, HEAD, POST, OPTIONS"
MULTIPART_SLACK = 64 * 1024  # form boundaries and text fields around the files
_ASSETS = {"report.css": ("rashomon.report", "static", "text/css"),
           "report.js": ("rashomon.report", "static", "text/javascript"),
           "web.css": ("rashomon.web", "templates", "text/css")}
# Pages load only their own stylesheets and script; nothing else, from anywhere.
_CSP = ("default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:{tiles}; "
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")


def content_policy(config: WebConfig) -> str:
    """The pages' security policy; images may also come from the map's tile server."""
    origin = tile_origin(config.map_tiles)
    return _CSP.format(tiles=f" {origin}" if origin else "")


def _templates() -> Jinja2Templates:
    env = Environment(loader=PackageLoader("rashomon.web", "templates"),
                      autoescape=select_autoescape(["html"]))
    env.globals.update(JINJA_GLOBALS, version=__version__)
    return Jinja2Templates(env=env)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or "text/html" not in request.headers.get(
        "accept", "")


def error_response(request: Request, status: int, code: str, message: str) -> Response:
    """The error as ``{"error": {...}}`` for API clients, as a page for browsers."""
    if _wants_json(request):
        return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, "error.html", {
        "status": status, "code": code, "message": message}, status_code=status)


async def _rashomon_error(request: Request, exc: Exception) -> Response:
    """The one translation of Rashomon errors into HTTP."""
    assert isinstance(exc, RashomonError)
    status, code = status_of(exc)
    if status >= 500:
        log.error("%s %s: %s", request.method, request.url.path, exc)
    return error_response(request, status, code, str(exc))


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    too_large = request.scope.get("state", {}).get("too_large")
    if too_large:  # the form parser's own error about a body `BodyLimit` cut short
        limit = request.app.state.config.max_upload
        return error_response(request, 413, "too_large",
                              f"request body too large (limit {limit} bytes)")
    code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
    return error_response(request, exc.status_code, code, str(exc.detail))


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    where = "; ".join(f"{'.'.join(str(p) for p in err.get('loc', ()))}: {err.get('msg')}"
                      for err in exc.errors())
    return error_response(request, 422, "bad_request", where or "invalid request")


Handler = Callable[[Request], Awaitable[Response]]


def _guard(config: WebConfig) -> Callable[[Request, Handler], Awaitable[Response]]:
    policy = content_policy(config)

    async def guard(request: Request, call_next: Handler) -> Response:
        if config.token and not token_ok(request, config.token):
            response = error_response(request, 401, "unauthorized",
                                      "this server needs 'Authorization: Bearer <token>'")
            response.headers["WWW-Authenticate"] = "Bearer"
            return response
        if cross_site(request):
            return error_response(request, 403, "cross_site", "cross-site request refused")
        if request.scope.get("state", {}).get("too_large"):
            return error_response(request, 413, "too_large",
                                  f"request body too large (limit {config.max_upload} bytes)")
        if request.method == "OPTIONS":
            return Response(status_code=204, headers={"Allow": ALLOWED_METHODS})
        head = request.method == "HEAD"
        if head:  # answered as GET without the body, as HTTP says
            request.scope["method"] = "GET"
        response = await call_next(request)
        if head:
            response = Response(status_code=response.status_code,
                                headers=dict(response.headers))
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        # "same-origin": with no referrer at all, browsers send "Origin: null" on the
        # pages' own form posts, which the cross-site guard has to refuse.
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if config.token and "token" in request.query_params:
            # Links inside the pages carry no token: the browser keeps it in a cookie.
            response.set_cookie(COOKIE, config.token, httponly=True, samesite="strict")
        return response
    return guard


def _asset_route(name: str) -> Callable[[], Response]:
    package, folder, media = _ASSETS[name]
    text = resources.files(package).joinpath(folder, name).read_text(encoding="utf-8")

    def asset() -> Response:
        return Response(text, media_type=media, headers={"Cache-Control": "max-age=300"})
    return asset


def create_app(config: WebConfig) -> FastAPI:
    """The web app for the store at ``config.db`` (created when it does not exist yet)."""
    connect(config.db).close()
    app = FastAPI(title="Rashomon", version=__version__, docs_url=None, redoc_url=None,
                  description="Cross-checked news stories: pages and a JSON API.")
    app.state.config = config
    app.state.templates = _templates()
    app.add_exception_handler(RashomonError, _rashomon_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.middleware("http")(_guard(config))
    app.add_middleware(BodyLimit, limit=config.max_upload + MULTIPART_SLACK)
    for name in _ASSETS:
        app.add_api_route(f"/assets/{name}", _asset_route(name), include_in_schema=False)
    app.include_router(api_router)
    app.include_router(pages_router)
    return app
