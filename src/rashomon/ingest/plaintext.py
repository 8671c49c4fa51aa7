"""Plain text and Markdown articles. (Stub: being written.)"""

from __future__ import annotations

from .draft import Draft, normalise_text


def draft_from_body(body: str, *, path: str | None, **meta: str | None) -> Draft:
    """Clean a body and fill what metadata did not give from the text."""
    return Draft(text=normalise_text(body), path=path).merged(**meta)


def read_plaintext(text: str, *, path: str | None, markdown: bool) -> Draft:
    """Read a .txt or .md article."""
    return draft_from_body(text, path=path)
