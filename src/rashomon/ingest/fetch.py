"""Fetch an article URL, only when the user gives one: timeouts and a size cap."""

from __future__ import annotations

import logging

import httpx

from ..errors import FetchError

log = logging.getLogger(__name__)

USER_AGENT = "rashomon/0.1 (+news cross-checking; offline-first)"


def read_capped(response: httpx.Response, url: str, max_bytes: int) -> bytes:
    """The response body, or `FetchError` once it passes ``max_bytes`` (declared or read)."""
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(url, f"response too large ({declared} bytes, limit {max_bytes})")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(url, f"response too large (over {max_bytes} bytes)")
        chunks.append(chunk)
    return b"".join(chunks)


def fetch_url(
    url: str, *, timeout: float, max_bytes: int, transport: httpx.BaseTransport | None = None
) -> bytes:
    """Download ``url``; raise `FetchError` naming the URL on timeout, size or HTTP errors."""
    try:
        with httpx.Client(
            timeout=timeout, follow_redirects=True, transport=transport,
            headers={"User-Agent": USER_AGENT},
        ) as client, client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise FetchError(url, f"HTTP {response.status_code} {response.reason_phrase}")
            return read_capped(response, url, max_bytes)
    except httpx.TimeoutException:
        raise FetchError(url, f"timed out after {timeout:g} s") from None
    except httpx.HTTPError as exc:
        raise FetchError(url, f"could not fetch: {exc}") from None
