"""Fetch an article URL, only when the user gives one: one policy for the CLI and the web.

Timeouts and a size cap; redirects are followed by hand, at most `MAX_REDIRECTS`. The
host of every hop is resolved first and each of its addresses checked: a private,
loopback, link-local or reserved address is refused before any connection, unless
private addresses were allowed on purpose (``--allow-private-urls``). The connection
then goes to the address that was checked, not to a second lookup of the name, so a
name that changes its answer in between (DNS rebinding) cannot slip through.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
from collections.abc import Callable
from urllib.parse import urljoin, urlsplit

import httpx

from ..errors import FetchError, RefusedError

log = logging.getLogger(__name__)

USER_AGENT = "rashomon/0.1 (+news cross-checking; offline-first)"
MAX_REDIRECTS = 5
Resolver = Callable[[str, int], list[str]]


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


def check_url(url: str, resolver: Resolver = resolve, allow_private: bool = False) -> str:
    """The address to connect to for ``url``; `RefusedError` unless it is http(s) and
    (without ``allow_private``) its host has only public addresses."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise RefusedError(url, "only http and https URLs with a host can be fetched")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    addresses = resolver(parts.hostname, port)
    if not addresses:
        raise RefusedError(url, "the host has no address")
    for address in addresses if not allow_private else ():
        why = _bad(address)
        if why:
            raise RefusedError(url, f"refused: {parts.hostname} resolves to a {why} "
                                    f"address ({address}); --allow-private-urls fetches it")
    return addresses[0]


def _pinned(client: httpx.Client, url: str, address: str) -> httpx.Request:
    """A GET of ``url`` sent to ``address``, with the URL's host for HTTP and TLS."""
    target = httpx.URL(url)
    return client.build_request(
        "GET", target.copy_with(host=address.split("%")[0]),
        headers={"Host": target.netloc.decode("ascii")},
        extensions={"sni_hostname": target.host})


def _get(client: httpx.Client, url: str, address: str, max_bytes: int) -> str | bytes:
    """One hop: the body, or the URL a redirect points to."""
    response = client.send(_pinned(client, url, address), stream=True)
    try:
        if response.is_redirect and "location" in response.headers:
            return urljoin(url, response.headers["location"])
        if response.status_code >= 400:
            raise FetchError(url, f"HTTP {response.status_code} "
                                  f"{response.reason_phrase}".rstrip())
        return read_capped(response, url, max_bytes)
    finally:
        response.close()


def fetch_checked(url: str, *, timeout: float, max_bytes: int, allow_private: bool = False,
                  resolver: Resolver = resolve,
                  transport: httpx.BaseTransport | None = None) -> tuple[str, bytes]:
    """Download ``url``, checking every redirect hop; (final URL, body)."""
    headers = {"User-Agent": USER_AGENT}
    try:
        with httpx.Client(timeout=timeout, follow_redirects=False, headers=headers,
                          transport=transport) as client:
            for _ in range(MAX_REDIRECTS + 1):
                address = check_url(url, resolver, allow_private)
                got = _get(client, url, address, max_bytes)
                if isinstance(got, bytes):
                    return url, got
                url = got
    except httpx.TimeoutException:
        raise FetchError(url, f"timed out after {timeout:g} s") from None
    except httpx.HTTPError as exc:
        raise FetchError(url, f"could not fetch: {exc}") from None
    raise RefusedError(url, f"more than {MAX_REDIRECTS} redirects")


def fetch_url(url: str, *, timeout: float, max_bytes: int, allow_private: bool = False,
              resolver: Resolver = resolve,
              transport: httpx.BaseTransport | None = None) -> bytes:
    """Download ``url`` under the fetch policy; raise `FetchError` naming the URL on a
    refused address, timeout, size or HTTP error."""
    return fetch_checked(url, timeout=timeout, max_bytes=max_bytes,
                         allow_private=allow_private, resolver=resolver,
                         transport=transport)[1]
