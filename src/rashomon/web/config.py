"""The web server's settings and the rule for where it may listen."""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError
from ..report.map import DEFAULT_TILES

TOKEN_ENV = "RASHOMON_TOKEN"
DEFAULT_MAX_UPLOAD = 5 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class WebConfig:
    """Everything `create_app` needs; ``token`` None means no authentication."""

    db: Path
    host: str = "127.0.0.1"
    port: int = 8000
    allow_fetch: bool = False
    token: str | None = None
    max_upload: int = DEFAULT_MAX_UPLOAD
    fetch_timeout: float = 20.0
    map_tiles: str | None = DEFAULT_TILES


def is_loopback(host: str) -> bool:
    """Whether ``host`` only accepts connections from this machine."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a name: it may resolve to anything


def resolve_token(token: str | None) -> str | None:
    """The token given, else the one in $RASHOMON_TOKEN; empty means none."""
    value = token if token is not None else os.environ.get(TOKEN_ENV)
    return value or None


def check_bind(config: WebConfig) -> None:
    """Refuse to listen beyond this machine without a token: anyone could read and add."""
    if not is_loopback(config.host) and not config.token:
        raise UsageError(
            f"refusing to listen on {config.host}: other machines could read and change the "
            f"database. Give --token TOKEN (or set {TOKEN_ENV}) to require "
            "'Authorization: Bearer TOKEN', or listen on 127.0.0.1")
    if config.token is not None and len(config.token) < 8:
        raise UsageError("the token must be at least 8 characters long")
