"""The web app fetches under the same policy as the CLI: see `rashomon.ingest.fetch`."""

from __future__ import annotations

from ..ingest.fetch import MAX_REDIRECTS, Resolver, check_url, fetch_checked, resolve

__all__ = ["MAX_REDIRECTS", "Resolver", "check_url", "fetch_checked", "resolve"]
