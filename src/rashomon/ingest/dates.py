"""Publication dates from metadata strings and article heads. (Stub: being written.)"""

from __future__ import annotations


def parse_date_value(value: str) -> str | None:
    """A metadata date string as ISO 'YYYY-MM-DD' (or coarser), None when unreadable."""
    return value[:10] if value[:4].isdigit() else None
