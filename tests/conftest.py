"""Shared test helpers: where fixtures and ../shared live."""

from __future__ import annotations

import importlib.util
import os
import tempfile
from pathlib import Path
from types import ModuleType

import pytest

# The result cache of a test run lives apart from the user's own.
os.environ.setdefault("RASHOMON_CACHE_DIR", tempfile.mkdtemp(prefix="rashomon-test-cache-"))

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture
def shared() -> Path:
    """The ../shared folder beside the repository; skip the test when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not available")
    return SHARED


def load_shared_scorer() -> ModuleType:
    """../shared/eval/score.py as a module (it is not part of the project)."""
    spec = importlib.util.spec_from_file_location("shared_eval_score",
                                                  SHARED / "eval" / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
