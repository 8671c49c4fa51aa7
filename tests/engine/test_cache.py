"""The content-hash result cache: re-runs reuse annotations and vectors, never stale ones."""

from __future__ import annotations

import logging
import zlib
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import rashomon.engine.pipeline as pipeline
import rashomon.engine.stages as stages
from rashomon.engine.cache import FILE_NAME, ResultCache, annotation_key, claims_key, forget_recent
from rashomon.models import AnnotatedArticle, Article, ArticleClaims
from rashomon.options import Options

from ..conftest import FIXTURES

CORPUS = FIXTURES / "corpus"


def without_time(report: Any) -> dict[str, Any]:
    data: dict[str, Any] = report.to_dict()
    data.pop("generated_at", None)
    return data


@pytest.fixture
def options(tmp_path: Path) -> Options:
    return Options(cache_dir=str(tmp_path / "cache"), workers=1, show_progress=False)


def test_second_run_reads_annotations_from_the_cache(options: Options,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    first = pipeline.analyze([str(CORPUS)], options)
    calls: list[int] = []
    real = stages.annotate_all

    def counting(articles: Sequence[Article], *args: Any, **kwargs: Any) -> Any:
        calls.append(len(articles))
        return real(articles, *args, **kwargs)

    monkeypatch.setattr(stages, "annotate_all", counting)
    second = pipeline.analyze([str(CORPUS)], options)
    assert sum(calls) == 0
    assert without_time(second) == without_time(first)


def test_changed_text_or_options_miss_the_cache() -> None:
    article = Article(id="a-1", text="The ferry docked at noon.", title="Ferry", path=None)
    base = annotation_key(article, Options())
    assert annotation_key(replace(article, text="The ferry docked at one."), Options()) != base
    assert annotation_key(replace(article, published="2025-01-02"), Options()) != base
    assert annotation_key(article, Options(spacy_model="en_core_web_md")) != base
    assert annotation_key(article, Options(workers=1)) == base  # speed knobs do not count


def test_vectors_are_computed_once(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / FILE_NAME)
    seen: list[str] = []

    def fake(texts: Sequence[str]) -> np.ndarray:
        seen.extend(texts)
        return np.array([[float(len(t)), 1.0] for t in texts], dtype=np.float32)

    embed = cache.embedder(fake, "fake")
    first = embed(["a", "bb", "a"])
    again = ResultCache(tmp_path / FILE_NAME).embedder(fake, "fake")(["bb", "ccc"])
    assert seen == ["a", "bb", "ccc"]
    assert first.shape == (3, 2) and again[0].tolist() == [2.0, 1.0]


def test_cache_off_writes_nothing(tmp_path: Path) -> None:
    options = Options(cache=False, cache_dir=str(tmp_path), workers=1)
    assert ResultCache.from_options(options) is None
    pipeline.analyze([str(CORPUS / "lighthouse.txt")], options)
    assert not (tmp_path / FILE_NAME).exists()


def test_unusable_cache_only_warns(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / FILE_NAME).write_bytes(b"this is not a database" * 100)
    with caplog.at_level(logging.WARNING):
        report = pipeline.analyze([str(CORPUS / "lighthouse.txt")],
                                  Options(cache_dir=str(folder), workers=1))
    assert len(report.articles) == 1
    assert "cache" in caplog.text


def test_second_run_reads_claims_from_the_cache(options: Options,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    first = pipeline.analyze([str(CORPUS)], options)
    calls: list[str] = []
    real = stages.extract_claims

    def counting(annotated: AnnotatedArticle, outlets: Sequence[str] = ()) -> Any:
        calls.append(annotated.article.id)
        return real(annotated, outlets)

    monkeypatch.setattr(stages, "extract_claims", counting)
    second = pipeline.analyze([str(CORPUS)], options)
    assert calls == []
    assert without_time(second) == without_time(first)


def test_claims_key_follows_the_outlets_the_text_names(options: Options) -> None:
    [item] = pipeline.annotate_inputs([str(CORPUS / "lighthouse.txt")], options).articles
    named = item.article.text.split()[0]  # any word of the text can be an outlet's name
    key = claims_key(item.article, [named], options)
    assert claims_key(item.article, [named, "Zyx Gazette"], options) == key
    assert claims_key(item.article, [], options) != key
    assert claims_key(replace(item.article, text=item.article.text + " More."), [named],
                      options) != key


def test_second_run_reads_alignment_units_from_the_cache(
        options: Options, monkeypatch: pytest.MonkeyPatch) -> None:
    first = pipeline.analyze([str(CORPUS)], options)
    calls: list[str] = []
    real = stages.article_units

    def counting(item: ArticleClaims) -> Any:
        calls.append(item.annotated.article.id)
        return real(item)

    monkeypatch.setattr(stages, "article_units", counting)
    second = pipeline.analyze([str(CORPUS)], options)
    assert calls == []
    assert without_time(second) == without_time(first)


def test_second_run_reads_cross_checked_stories_from_the_cache(
        options: Options, monkeypatch: pytest.MonkeyPatch) -> None:
    first = pipeline.analyze([str(CORPUS)], options)

    def no_build(*_: Any) -> Any:
        raise AssertionError("a stored story was cross-checked again")

    monkeypatch.setattr(pipeline, "build_story", no_build)
    second = pipeline.analyze([str(CORPUS)], options)
    assert without_time(second) == without_time(first)


def test_a_story_whose_member_changed_is_cross_checked_again(
        options: Options, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in sorted(CORPUS.iterdir()):
        (corpus / path.name).write_bytes(path.read_bytes())
    pipeline.analyze([str(corpus)], options)
    changed = sorted(p for p in corpus.iterdir() if p.suffix == ".txt")[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n\nThe ferry was refloated "
                       "on Friday, the coast guard said.\n", encoding="utf-8")
    again = pipeline.analyze([str(corpus)], options)
    fresh = pipeline.analyze([str(corpus)], Options(cache=False, workers=1,
                                                     show_progress=False))
    assert without_time(again) == without_time(fresh)


@pytest.mark.parametrize(("table", "damaged"), [
    ("claims", b"not compressed json"),
    ("units", zlib.compress(b"[[[99]]]")),  # a unit row with too few fields
    ("stories", b"not compressed json"),
])
def test_unreadable_entries_are_computed_again(options: Options, table: str, damaged: bytes,
                                               caplog: pytest.LogCaptureFixture) -> None:
    first = pipeline.analyze([str(CORPUS)], options)
    cache = ResultCache.from_options(options)
    assert cache is not None and cache.conn is not None
    with cache.conn:
        cache.conn.execute(f"UPDATE {table} SET value = ?", (damaged,))
        if table != "stories":  # stored stories would spare reading the damaged rows
            cache.conn.execute("DELETE FROM stories")
    cache.close()
    forget_recent()  # as a new process would, read the damaged file
    with caplog.at_level(logging.WARNING):
        second = pipeline.analyze([str(CORPUS)], options)
    assert table in caplog.text
    assert without_time(second) == without_time(first)
