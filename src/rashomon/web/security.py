"""Request guards: the bearer token, the body size limit and cross-site form posts."""

from __future__ import annotations

import hmac
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
        if declared.isdigit() and int(declared) > self.limit:
            scope.setdefault("state", {})["too_large"] = int(declared)
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise TooLargeError("request", f"body too large (over {self.limit} bytes)")
            return message

        await self.app(scope, counted, send)
