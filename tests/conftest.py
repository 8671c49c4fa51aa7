"""Shared test helpers: where fixtures and ../shared live."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture
def shared() -> Path:
    """The ../shared folder beside the repository; skip the test when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not available")
    return SHARED
