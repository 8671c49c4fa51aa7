"""The API reference page, rendered on the server from the app's OpenAPI schema.

FastAPI's own /docs page loads its viewer from a CDN, which an offline laptop cannot
reach; this page needs nothing but the server.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

_METHODS = ("get", "post", "put", "patch", "delete")


@dataclass(frozen=True, slots=True)
class Parameter:
    """One path, query or form parameter."""

    name: str
    where: str
    kind: str
    required: bool
    description: str


@dataclass(frozen=True, slots=True)
class Endpoint:
    """One method on one path, as the reference lists it."""

    method: str
    path: str
    summary: str
    description: str
    parameters: tuple[Parameter, ...]
    body: tuple[str, ...]
    responses: tuple[tuple[str, str], ...]


def _kind(schema: dict[str, Any]) -> str:
    if "anyOf" in schema:
        return " or ".join(_kind(s) for s in schema["anyOf"])
    if schema.get("type") == "array":
        return f"list of {_kind(schema.get('items', {}))}"
    return str(schema.get("type") or schema.get("$ref", "").rsplit("/", 1)[-1] or "any")


def _parameters(operation: dict[str, Any]) -> tuple[Parameter, ...]:
    return tuple(
        Parameter(p["name"], p.get("in", ""), _kind(p.get("schema", {})),
                  bool(p.get("required")), p.get("description", ""))
        for p in operation.get("parameters", [])
    )


def _responses(operation: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    return tuple((code, r.get("description", "")) for code, r in
                 sorted(operation.get("responses", {}).items()))


def endpoints(schema: dict[str, Any]) -> list[Endpoint]:
    """Every operation of an OpenAPI schema, in path order."""
    out = []
    for path, item in sorted(schema.get("paths", {}).items()):
        for method in _METHODS:
            op = item.get(method)
            if op is None:
                continue
            body = tuple(op.get("requestBody", {}).get("content", {}))
            out.append(Endpoint(method.upper(), path, op.get("summary", ""),
                                op.get("description", ""), _parameters(op), body,
                                _responses(op)))
    return out
