"""Errors only the web app raises, and the one table that maps every error to HTTP."""

from __future__ import annotations

# RefusedError is the CLI's too (one fetch policy); imported from here by the app.
from ..errors import (
    BusyError,
    FetchError,
    InputError,
    RashomonError,
    RefusedError,
    UsageError,
)
from ..store.schema import StoreError


class NotFoundError(RashomonError):
    """An id (story, article) that the database does not hold."""


class TooLargeError(InputError):
    """An upload over the configured size limit."""


class BadQueryError(UsageError):
    """A search query that cannot be run (empty or too long)."""


class BadRequestError(InputError):
    """A request body that cannot be used (malformed JSON, missing text, no file)."""


# Most specific first: the first class an error is an instance of decides.
_STATUS: tuple[tuple[type[RashomonError], int, str], ...] = (
    (NotFoundError, 404, "not_found"),
    (TooLargeError, 413, "too_large"),
    (RefusedError, 403, "refused"),
    (BadQueryError, 400, "bad_query"),
    (BadRequestError, 422, "bad_request"),
    (FetchError, 502, "fetch_failed"),
    (InputError, 422, "invalid_input"),
    (StoreError, 500, "store_error"),
    (BusyError, 503, "store_busy"),
    (UsageError, 400, "bad_request"),
    (RashomonError, 500, "error"),
)


def status_of(exc: RashomonError) -> tuple[int, str]:
    """The HTTP status and error code for a Rashomon error."""
    for cls, status, code in _STATUS:
        if isinstance(exc, cls):
            return status, code
    return 500, "error"
