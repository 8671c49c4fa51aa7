"""Claims stage: who says what, with which stance.

In: an `AnnotatedArticle` (and the corpus's outlet names). Out: its `ArticleClaims`, one
`ClaimMention` per clause with speaker chain, stance and time (`extract_claims`), and the
story's canonical `Source`s (`build_sources`). `attribution` finds speakers and cues,
`resolve` carries them across sentences, `clauses` cuts sentences, `stance_model` and
`stance_lora` score a headline's stance towards a claim.
"""

from __future__ import annotations

from .sources import build_sources
from .stage import extract_claims

__all__ = ["build_sources", "extract_claims"]
