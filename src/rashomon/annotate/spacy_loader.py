"""Import spaCy without dragging torch into processes that never use it.

thinc, spaCy's machine-learning layer, imports torch as soon as it is installed, just
to know it is there. Torch costs about 200 MB of memory and two seconds per process;
the convolutional pipelines we load by default never call it. So the first import of
spaCy hides torch from thinc, unless the pipeline to be loaded is one that runs on
torch (a transformer). Torch itself stays importable for the sentence encoder.
"""

from __future__ import annotations

import importlib.util
import runpy
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

_TORCH_MARKERS = ("transformer", "pytorch", "torch", "curated")


def _config_texts(model: str) -> list[str] | None:
    """The text of the model's config files, or None if the model cannot be found."""
    root = Path(model)
    if not root.exists():
        try:
            spec = importlib.util.find_spec(model)
        except (ImportError, ValueError):
            return None
        if spec is None or not spec.submodule_search_locations:
            return None
        root = Path(next(iter(spec.submodule_search_locations)))
    configs = [root / "config.cfg", *root.glob("*/config.cfg")]
    texts = [c.read_text(encoding="utf-8", errors="replace") for c in configs if c.is_file()]
    return texts or None


def needs_torch(model: str) -> bool:
    """Whether a spaCy pipeline (package name or folder) runs on torch; True if unsure."""
    texts = _config_texts(model)
    if texts is None:
        return True
    lowered = "\n".join(texts).lower()
    return any(marker in lowered for marker in _TORCH_MARKERS)


def import_spacy(model: str | None = None) -> Any:
    """Import and return spaCy; the first import hides torch unless ``model`` needs it."""
    if "spacy" in sys.modules or "thinc" in sys.modules or "torch" in sys.modules:
        import spacy

        return spacy
    if model is not None and needs_torch(model):
        import spacy

        return spacy
    sys.modules["torch"] = None  # type: ignore[assignment]  # makes `import torch` fail
    try:
        import spacy
    finally:
        del sys.modules["torch"]
    return spacy


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """spaCy's English stop words, read without importing spaCy (and so thinc)."""
    if "spacy" not in sys.modules:
        spec = importlib.util.find_spec("spacy")
        if spec is not None and spec.submodule_search_locations:
            source = Path(next(iter(spec.submodule_search_locations)), "lang", "en",
                          "stop_words.py")
            if source.is_file():
                return frozenset(runpy.run_path(str(source))["STOP_WORDS"])
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)
