"""Rashomon's error hierarchy; each edge (CLI, HTTP) translates these once."""

from __future__ import annotations


class RashomonError(Exception):
    """Base of every error Rashomon raises on purpose."""


class UsageError(RashomonError):
    """The user asked for something that cannot work (bad option, nothing to read)."""


class InputError(RashomonError):
    """One input (file, feed item, URL) could not be read; names it and the problem."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem


class InputWarning(InputError):
    """One input was read, but with something its user should know (bytes replaced)."""


class FetchError(InputError):
    """A URL could not be fetched (timeout, too large, HTTP error, refused)."""


class RefusedError(FetchError):
    """A URL that will not be fetched (private address, fetching disabled, bad scheme)."""


class BusyError(RashomonError):
    """Another writer held the store for longer than this run would wait."""
