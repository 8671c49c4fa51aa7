"""Fetching a URL for the server without letting a request reach private networks.

The host of every URL, redirects included, is resolved first and each address is
checked; a name that resolves to any private, loopback, link-local or reserved
address is refused before a connection is opened.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
from collections.abc import Callable
from urllib.parse import urljoin, urlsplit

import httpx

from ..errors import FetchError
from ..ingest.fetch import USER_AGENT, read_capped
from .errors import RefusedError

log = logging.getLogger(__name__)

MAX_REDIRECTS = 5
Resolver = Callable[[str, int], list[str]]


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise RefusedError(host, f"cannot resolve host ({exc})") from None
    return [str(info[4][0]) for info in infos]


def _bad(address: str) -> str | None:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    for flag in ("is_private", "is_loopback", "is_link_local", "is_reserved", "is_multicast",
                 "is_unspecified"):
        if getattr(ip, flag):
            return flag.removeprefix("is_").replace("_", "-")
    return None


def check_url(url: str, resolver: Resolver = resolve) -> None:
    """Raise `RefusedError` unless ``url`` is http(s) and its host has only public addresses."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise RefusedError(url, "only http and https URLs with a host can be fetched")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    addresses = resolver(parts.hostname, port)
    if not addresses:
        raise RefusedError(url, "the host has no address")
    for address in addresses:
        why = _bad(address)
        if why:
            raise RefusedError(url, f"refused: {parts.hostname} resolves to a {why} "
                                    f"address ({address})")


def fetch_checked(url: str, *, timeout: float, max_bytes: int,
                  resolver: Resolver = resolve) -> tuple[str, bytes]:
    """Download ``url`` following redirects by hand, checking every hop; (final URL, body)."""
    headers = {"User-Agent": USER_AGENT}
    try:
        with httpx.Client(timeout=timeout, follow_redirects=False, headers=headers) as client:
            for _ in range(MAX_REDIRECTS + 1):
                check_url(url, resolver)
                with client.stream("GET", url) as response:
                    if response.is_redirect and "location" in response.headers:
                        url = urljoin(url, response.headers["location"])
                        continue
                    if response.status_code >= 400:
                        raise FetchError(url, f"HTTP {response.status_code}")
                    return url, read_capped(response, url, max_bytes)
    except httpx.HTTPError as exc:
        raise FetchError(url, f"could not fetch: {exc}") from None
    raise RefusedError(url, f"more than {MAX_REDIRECTS} redirects")
