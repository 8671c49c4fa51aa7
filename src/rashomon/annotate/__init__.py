"""Annotate stage: sentences, entities, times, places, quantities and military units.

In: `Article`s. Out: `AnnotatedArticle`s, every annotation a span of the article's text
(`annotate_all`, in worker processes for many articles). `nlp` runs spaCy (loaded lazily
by `spacy_loader`), `timex*` normalise times, `gazetteer` and `geocode*` place names,
`quantities` figures with their units, `units` military formations.
"""

from __future__ import annotations

from .stage import annotate_all

__all__ = ["annotate_all"]
