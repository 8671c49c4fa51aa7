"""Shared fixtures of the annotation tests."""

from __future__ import annotations

import pytest

from rashomon.annotate.gazetteer import Gazetteer


@pytest.fixture(scope="session")
def gaz() -> Gazetteer:
    """The default index (built into the user cache on first use)."""
    return Gazetteer.load()
