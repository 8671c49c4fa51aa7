"""The Ray engine: per-article annotation as Ray Data ``map_batches`` over model-holding actors.

The per-article stage (spaCy, times, places, quantities, units) is where a corpus
spends its time and it needs nothing but the article, so it is the part that spreads
over a cluster: each actor loads the models once and annotates batches of articles.
Story clustering of a large new corpus runs as Ray tasks too, one per block of
consecutive articles, merged on the driver (`clustering_blocks`). Claims and
cross-checking then run on the driver exactly as the local engine runs them.

Articles travel as JSON (the same encoding the store uses), so nothing but plain
strings crosses process and machine boundaries.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import asdict
from typing import Any

from ..errors import UsageError
from ..models import AnnotatedArticle, Article
from ..models.codec import annotated_from_dict, annotated_to_dict
from ..options import Options
from ..stories.blocks import Block, StoryState, cluster_block, cluster_in_blocks
from ..stories.clustering import StoryDoc, StoryIndex

log = logging.getLogger(__name__)

INSTALL_HINT = "the Ray engine needs Ray: pip install 'rashomon[ray]' (or 'ray[data]')"


def import_ray() -> Any:
    """The ``ray`` module, or a clear error saying how to install it."""
    try:
        import ray
        import ray.data  # noqa: F401  (Ray Data ships as an extra of Ray)
    except ImportError as exc:
        raise UsageError(f"{INSTALL_HINT} ({exc})") from None
    return ray


def start(options: Options) -> Any:
    """Connect to the cluster at ``options.ray_address``, or start Ray on this machine."""
    ray = import_ray()
    if ray.is_initialized():
        return ray
    settings: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False,
                                "logging_level": logging.WARNING}
    if options.ray_address:
        settings["address"] = options.ray_address
    else:
        settings["num_cpus"] = max(1, options.workers)
    try:
        ray.init(**settings)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        where = options.ray_address or "this machine"
        raise UsageError(f"could not start Ray on {where}: {exc}") from None
    return ray


class AnnotateActor:
    """Holds the spaCy pipeline and the gazetteer; annotates one batch per call."""

    # Set on a per-run subclass (see `_actor_class`): options travel with the class
    # itself rather than as constructor arguments in Ray's object store.
    OPTIONS: dict[str, Any] = {}

    def __init__(self) -> None:
        from ..annotate.stage import AnnotateContext

        self.options = Options(**self.OPTIONS)
        self.ctx = AnnotateContext.from_options(self.options)

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        """Annotate the batch's articles; returns their ids and annotations as JSON."""
        from ..annotate.stage import annotate_batch

        articles = [Article.from_dict(json.loads(raw)) for raw in batch["article"]]
        done = annotate_batch(articles, self.ctx)
        return {"id": [a.article.id for a in done],
                "annotated": [json.dumps(annotated_to_dict(a, with_article=False))
                              for a in done]}


def annotate_with_ray(articles: Sequence[Article], options: Options,
                      progress: Callable[[int], None] | None = None) -> list[AnnotatedArticle]:
    """Annotate articles on Ray; same results, in the same order, as `annotate_all`."""

    if not articles:
        return []
    ray = start(options)
    # Our own progress bar reports per batch; Ray's bars and notes would draw over it.
    ray.data.DataContext.get_current().enable_progress_bars = False
    logging.getLogger("ray.data").setLevel(logging.ERROR)
    rows = [{"id": a.id, "article": json.dumps(a.to_dict())} for a in articles]
    dataset = ray.data.from_items(rows).map_batches(
        _actor_class(options), batch_size=max(1, options.batch_size),
        concurrency=max(1, options.workers), num_cpus=1, batch_format="default")
    # The actors send annotations without the article: the driver already has it.
    sent = {a.id: a for a in articles}
    by_id: dict[str, AnnotatedArticle] = {}
    for batch in dataset.iter_batches(batch_size=max(1, options.batch_size),
                                      batch_format="default"):
        for aid, raw in zip(batch["id"], batch["annotated"], strict=True):
            by_id[str(aid)] = annotated_from_dict(json.loads(raw), sent[str(aid)])
        if progress:
            progress(len(batch["id"]))
    return [by_id[a.id] for a in articles]


def cluster_with_ray(docs: Sequence[StoryDoc], options: Options) -> StoryIndex:
    """Stories of a large corpus: blocks of ``options.cluster_block_size`` articles are
    clustered as Ray tasks, then merged on the driver (see `clustering_blocks`)."""
    ray = start(options)
    remote = ray.remote(num_cpus=1)(cluster_block)

    def on_ray(func: Callable[[Block], StoryState], blocks: Sequence[Block]) -> list[StoryState]:
        return list(ray.get([remote.remote(b) for b in blocks]))

    index = cluster_in_blocks(docs, options.cluster_block_size, mapper=on_ray)
    log.info("clustered %d articles in blocks of %d on Ray", len(docs),
             options.cluster_block_size)
    return index


def _actor_class(options: Options) -> type[AnnotateActor]:
    """An actor class carrying these options as plain data (one process each: no pool)."""
    values = asdict(options)
    values["workers"] = 1
    return type("AnnotateActor", (AnnotateActor,), {"OPTIONS": values})
