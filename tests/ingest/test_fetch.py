"""URL fetching: one policy (no private addresses, every redirect hop checked, the checked
address is the one connected to), size cap, timeouts and HTTP errors (no network)."""

from __future__ import annotations

from functools import partial

import httpx
import pytest

from rashomon.errors import FetchError, RefusedError
from rashomon.ingest.fetch import check_url, fetch_url

URL = "https://news.example/story"
PUBLIC = "93.184.215.14"


def public(host: str, port: int) -> list[str]:
    """A resolver that never touches the network: every name is one public address."""
    return [PUBLIC]


fetch = partial(fetch_url, resolver=public)


def _transport(handler: object) -> httpx.MockTransport:
    return httpx.MockTransport(handler)  # type: ignore[arg-type]


def test_fetch_returns_body() -> None:
    transport = _transport(lambda request: httpx.Response(200, content=b"<html>ok</html>"))
    assert fetch(URL, timeout=1, max_bytes=100, transport=transport) == b"<html>ok</html>"


def test_fetch_refuses_oversized_body() -> None:
    transport = _transport(lambda request: httpx.Response(200, content=b"x" * 500))
    with pytest.raises(FetchError, match="too large"):
        fetch(URL, timeout=1, max_bytes=100, transport=transport)


def test_fetch_timeout_is_named() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    with pytest.raises(FetchError, match="timed out") as info:
        fetch(URL, timeout=0.5, max_bytes=100, transport=_transport(handler))
    assert info.value.where == URL


def test_fetch_http_error() -> None:
    transport = _transport(lambda request: httpx.Response(404))
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch(URL, timeout=1, max_bytes=100, transport=transport)


def _never(request: httpx.Request) -> httpx.Response:
    raise AssertionError(f"no connection may be opened ({request.url})")


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:8000/admin", "http://169.254.169.254/latest/meta-data",
    "http://[::ffff:169.254.169.254]/", "http://10.0.0.1/", "http://[::1]/", "http://0.0.0.0/",
    "http://192.168.1.1/", "file:///etc/passwd",
])
def test_private_and_odd_urls_are_refused_before_connecting(url: str) -> None:
    # Literal addresses need no lookup; the real resolver answers them offline.
    with pytest.raises(RefusedError):
        fetch_url(url, timeout=1, max_bytes=100, transport=_transport(_never))


def test_a_name_resolving_to_a_private_address_is_refused() -> None:
    with pytest.raises(RefusedError, match=r"private address \(169.254.169.254\)"):
        check_url(URL, lambda host, port: [PUBLIC, "169.254.169.254"])


def test_every_redirect_hop_is_checked() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.host == PUBLIC, "only the public first hop is connected to"
        return httpx.Response(302, headers={"location": "http://10.0.0.1/secret"})

    with pytest.raises(RefusedError, match="10.0.0.1"):
        fetch(URL, timeout=1, max_bytes=100, transport=_transport(handler))


def test_the_checked_address_is_the_one_connected_to() -> None:
    answers = iter([[PUBLIC], ["127.0.0.1"]])  # a name that changes its answer (rebinding)
    seen: list[tuple[str, str, object]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append((request.url.host, request.headers["host"],
                     request.extensions.get("sni_hostname")))
        return httpx.Response(200, content=b"ok")

    body = fetch_url(URL, timeout=1, max_bytes=100, transport=_transport(handler),
                     resolver=lambda host, port: next(answers))
    assert body == b"ok"
    assert seen == [(PUBLIC, "news.example", "news.example")]


def test_private_addresses_only_with_the_explicit_flag() -> None:
    transport = _transport(lambda request: httpx.Response(200, content=b"local"))
    url = "http://127.0.0.1:8000/a"
    with pytest.raises(RefusedError, match="--allow-private-urls"):
        fetch_url(url, timeout=1, max_bytes=100, transport=transport)
    assert fetch_url(url, timeout=1, max_bytes=100, transport=transport,
                     allow_private=True) == b"local"
