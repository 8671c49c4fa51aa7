"""Stories stage: group annotated articles that report the same events.

In: `AnnotatedArticle`s. Out: stories as lists of article ids (`cluster_articles`, or
`StoryIndex` fed one article at a time, which gives the same groups), each framed by
`story_frame` (id, title, period) as an empty `Story`. `clustering` holds the index,
`features` what an article is compared by, `timeplace` when and where its text says it
is, `blocks` clustering of big corpora in parallel blocks, `undated` the publication
window an undated article's story implies, `periods` a story's frame and period.
"""

from __future__ import annotations

from .clustering import StoryIndex, cluster_articles
from .periods import story_frame
from .undated import date_undated

__all__ = ["StoryIndex", "cluster_articles", "date_undated", "story_frame"]
