"""Cross-check stage: within one story, what the sources agree on and what they dispute.

In: a framed `Story` and its articles' `ArticleClaims`. Out: the `Story` filled with
claims (mentions that state the same thing, `alignment`), their status and independent
origins (`independence`), conflicts with their sides (`conflicts` types a pair of
statements, `sides` gathers the pairs into conflicts, `quantities` compares figures),
places, sources and a timeline (`build_story`). `units` cuts mentions into clause units,
`similarity` and `linkage` compare and cluster them; `blockwise` does it in bounded
memory for very large stories.
"""

from __future__ import annotations

from .story import build_story

__all__ = ["build_story"]
