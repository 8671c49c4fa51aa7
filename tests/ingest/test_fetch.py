"""URL fetching: size cap, timeouts and HTTP errors become clear errors (no network)."""

from __future__ import annotations

import httpx
import pytest

from rashomon.errors import FetchError
from rashomon.ingest.fetch import fetch_url

URL = "https://news.example/story"


def _transport(handler: object) -> httpx.MockTransport:
    return httpx.MockTransport(handler)  # type: ignore[arg-type]


def test_fetch_returns_body() -> None:
    transport = _transport(lambda request: httpx.Response(200, content=b"<html>ok</html>"))
    assert fetch_url(URL, timeout=1, max_bytes=100, transport=transport) == b"<html>ok</html>"


def test_fetch_refuses_oversized_body() -> None:
    transport = _transport(lambda request: httpx.Response(200, content=b"x" * 500))
    with pytest.raises(FetchError, match="too large"):
        fetch_url(URL, timeout=1, max_bytes=100, transport=transport)


def test_fetch_timeout_is_named() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    with pytest.raises(FetchError, match="timed out") as info:
        fetch_url(URL, timeout=0.5, max_bytes=100, transport=_transport(handler))
    assert info.value.where == URL


def test_fetch_http_error() -> None:
    transport = _transport(lambda request: httpx.Response(404))
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch_url(URL, timeout=1, max_bytes=100, transport=transport)
