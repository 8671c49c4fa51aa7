"""Helpers for the place tests."""

from __future__ import annotations

from rashomon.models import Entity


def ents(text: str, *spans: tuple[str, str]) -> list[Entity]:
    """Entities for the first occurrence of each (surface, label)."""
    out = []
    for surface, label in spans:
        start = text.index(surface)
        out.append(Entity(surface, start, start + len(surface), label))
    return out
