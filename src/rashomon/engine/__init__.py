"""Engines: the pipeline that runs the stages in order, and what makes it fast.

`pipeline` (`Analyzer`, `analyze`): ingest -> annotate -> stories on `add`, then claims
-> cross-check -> report on `report`. `stages` wraps the per-article stage functions in
the content-hash result `cache` in one place. `ray_engine` runs annotation and story
clustering on a Ray cluster.
"""

from __future__ import annotations

from .pipeline import Analyzer, analyze

__all__ = ["Analyzer", "analyze"]
