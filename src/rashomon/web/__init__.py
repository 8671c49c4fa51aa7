"""A local web app over the store: server-rendered pages and a JSON API (FastAPI)."""

from __future__ import annotations

from .app import create_app
from .config import TOKEN_ENV, WebConfig, check_bind, is_loopback, resolve_token
from .server import serve

__all__ = ["TOKEN_ENV", "WebConfig", "check_bind", "create_app", "is_loopback",
           "resolve_token", "serve"]
