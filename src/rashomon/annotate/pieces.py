"""Parse texts longer than spaCy accepts in one go, in pieces, with exact offsets.

spaCy refuses a text over ``nlp.max_length`` characters (E088), and its parser and
entity recogniser need about 1 GB per 100,000 characters. A long article is cut at
paragraph breaks (else at sentence ends, else at spaces, else anywhere), each piece is
parsed, and the pieces' docs are joined into one doc whose text is the article's, so
every character offset is the one a single parse would give.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

# The longest piece parsed at once: spaCy's own advice for parser memory.
PIECE_CHARS = 100_000
_CUTS = ("\n", ". ", " ")


def piece_size(nlp: Any) -> int:
    """How many characters one piece may hold for ``nlp``."""
    return max(1, min(PIECE_CHARS, int(getattr(nlp, "max_length", PIECE_CHARS)) - 1))


def _cut(text: str, start: int, size: int) -> int:
    """Where the piece starting at ``start`` ends: just after the last good break."""
    end = start + size
    if end >= len(text):
        return len(text)
    for mark in _CUTS:
        at = text.rfind(mark, start + size // 2, end)
        if at >= 0:
            return at + len(mark)
    return end


def split_text(text: str, size: int) -> list[str]:
    """``text`` as consecutive pieces of at most ``size`` characters that join back to it."""
    if len(text) <= size:
        return [text]
    pieces, start = [], 0
    while start < len(text):
        end = _cut(text, start, size)
        pieces.append(text[start:end])
        start = end
    return pieces


def parse_all(nlp: Any, texts: Sequence[str]) -> list[Any]:
    """One spaCy doc per text (one ``pipe`` over every piece), long texts joined back."""
    size = piece_size(nlp)
    split = [split_text(t, size) for t in texts]
    flat = [p for pieces in split for p in pieces]
    # Whole articles go in one batch (fastest); pieces a few at a time, as each is big.
    batch = len(flat) if len(flat) == len(texts) else 4
    docs = iter(nlp.pipe(flat, batch_size=max(1, batch)))
    out = []
    for pieces in split:
        parts = [next(docs) for _ in pieces]
        out.append(parts[0] if len(parts) == 1 else _joined(parts))
    return out


def _joined(parts: list[Any]) -> Any:
    from spacy.tokens import Doc

    return Doc.from_docs(parts, ensure_whitespace=False)
