"""Request guards: the bearer token, the body size limit and cross-site form posts."""

from __future__ import annotations

import hmac
import json
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import TooLargeError

COOKIE = "rashomon_token"


def token_ok(request: Request, token: str) -> bool:
    """Whether the request carries the token: header, ``?token=`` or the cookie set from it."""
    header = request.headers.get("authorization", "")
    given = [header[7:].strip() if header.lower().startswith("bearer ") else "",
             request.query_params.get("token", ""), request.cookies.get(COOKIE, "")]
    # Constant-time comparison: the token must not leak through response timing.
    return any(g and hmac.compare_digest(g.encode(), token.encode()) for g in given)


def cross_site(request: Request) -> bool:
    """A write sent by a page of another site (its Origin names another host)."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return False
    origin = request.headers.get("origin")
    if origin is None:
        return False  # not sent by a browser's cross-site form or script
    return origin == "null" or urlsplit(origin).netloc != request.headers.get("host", "")


class BodyLimit:
    """Stop reading a request body past ``limit`` bytes (declared or actually sent)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check the declared length, then count what arrives."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length", b"")
        state = scope.setdefault("state", {})
        if declared.isdigit() and int(declared) > self.limit:
            state["too_large"] = int(declared)
        seen, started = 0, False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                state["too_large"] = seen  # for handlers that turn this error into another
                raise TooLargeError("request", f"body too large (over {self.limit} bytes)")
            return message

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, tracked)
        except Exception as exc:
            # A body sent without a declared length (chunked) ends here mid-read, often
            # wrapped by the middleware's task group: answer 413, not a server error.
            if started or not _is_too_large(exc):
                raise
            await _refuse(send, self.limit)


def _is_too_large(exc: BaseException | None) -> bool:
    if exc is None:
        return False
    if isinstance(exc, TooLargeError):
        return True
    if isinstance(exc, BaseExceptionGroup):
        return any(_is_too_large(e) for e in exc.exceptions)
    return _is_too_large(exc.__cause__)


async def _refuse(send: Send, limit: int) -> None:
    body = json.dumps({"error": {"code": "too_large",
                                 "message": f"request body too large (limit {limit} bytes)"}})
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body.encode()})
