"""Any data-model value to plain JSON data and back (dataclasses as dicts of fields).

Used for what the store and the result cache keep as JSON: annotations and claims.
Annotated articles have their own compact form (tokens as rows).
"""

from __future__ import annotations

import types
from collections.abc import Callable
from dataclasses import fields, is_dataclass
from functools import cache
from itertools import starmap
from typing import Any, Union, get_args, get_origin, get_type_hints

from .annotations import AnnotatedArticle, Token
from .report import Article

TOKEN_FIELDS = tuple(f.name for f in fields(Token))


def encode(value: Any) -> Any:
    """Any model value as plain JSON data (dataclasses become dicts of every field)."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, (list, tuple)):
        return [encode(v) for v in value]
    return value


@cache
def type_hints(cls: type) -> dict[str, Any]:
    """The resolved field types of a dataclass, looked up once per class."""
    return get_type_hints(cls)


def decode(hint: Any, data: Any) -> Any:
    """Rebuild a value of type ``hint`` from what `encode` made of it."""
    return _decoder(hint)(data)


def _same(data: Any) -> Any:
    return data


@cache
def _decoder(hint: Any) -> Callable[[Any], Any]:
    """A function that decodes values of type ``hint``, worked out once per type: loading
    a big story decodes hundreds of thousands of values of a few dozen types."""
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        options = [a for a in get_args(hint) if a is not type(None)]
        return _decoder(options[0]) if len(options) == 1 else _same
    if origin is tuple:
        item = _decoder(get_args(hint)[0])
        return lambda data: None if data is None else tuple(item(v) for v in data)
    if isinstance(hint, type) and is_dataclass(hint):
        return _dataclass_decoder(hint)
    if hint is float:
        return lambda data: float(data) if isinstance(data, int) else data
    return _same  # Literal, str, int, bool, dict: stored as they are


def _dataclass_decoder(cls: type) -> Callable[[Any], Any]:
    hints = type_hints(cls)
    known = frozenset(f.name for f in fields(cls))
    # Only the fields whose values need rebuilding (dataclasses, tuples, floats) are
    # touched; the others (most of an annotation's) go to the constructor as they are.
    special: list[tuple[str, Callable[[Any], Any]]] = []
    ready = False

    def build(data: Any) -> Any:
        nonlocal ready
        if data is None:
            return None
        if not ready:  # filled on first use: a dataclass may contain its own type
            # Built whole, then put in place at once: another thread may decode too.
            found = [(name, dec) for name in sorted(known)
                     if (dec := _decoder(hints[name])) is not _same]
            special[:] = found
            ready = True
        if special:
            data = dict(data)
            for name, dec in special:
                if name in data:
                    data[name] = dec(data[name])
        try:
            return cls(**data)
        except TypeError:
            if data.keys() <= known:
                raise
            # Data written by a version with fields this one no longer has.
            return cls(**{k: v for k, v in data.items() if k in known})

    return build


def annotated_to_dict(item: AnnotatedArticle, with_article: bool = True) -> dict[str, Any]:
    """Every annotation of an article, tokens included, as plain JSON data.

    Tokens are stored as rows (lists in `TOKEN_FIELDS` order) because they outnumber
    everything else and repeating their keys would triple the store's size.
    """
    out: dict[str, Any] = {}
    for f in fields(item):
        if f.name == "tokens":
            out["tokens"] = [[getattr(t, k) for k in TOKEN_FIELDS] for t in item.tokens]
        elif f.name == "article":
            if with_article:
                out["article"] = item.article.to_dict()
        else:
            out[f.name] = encode(getattr(item, f.name))
    return out


def annotated_from_dict(data: dict[str, Any], article: Article | None = None) -> AnnotatedArticle:
    """Rebuild an `AnnotatedArticle` from `annotated_to_dict` output (article given or inside)."""
    hints = type_hints(AnnotatedArticle)
    values: dict[str, Any] = {}
    for f in fields(AnnotatedArticle):
        if f.name == "tokens":
            # starmap: a big story decodes ~10^5 tokens, and a generator costs 35% more.
            values["tokens"] = tuple(starmap(Token, data.get("tokens", [])))
        elif f.name == "article":
            values["article"] = article or Article.from_dict(data["article"])
        elif f.name in data:
            values[f.name] = decode(hints[f.name], data[f.name])
    return AnnotatedArticle(**values)
