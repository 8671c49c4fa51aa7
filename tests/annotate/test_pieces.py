"""Long articles are parsed in pieces with exact offsets (spaCy's E088 never escapes)."""

from __future__ import annotations

from typing import Any

import pytest

from rashomon.annotate.nlp import load_nlp
from rashomon.annotate.pieces import split_text
from rashomon.annotate.stage import AnnotateContext, annotate_batch
from rashomon.models import Article
from rashomon.options import Options

PARAGRAPH = ("Officials in Lisbon said on Monday that the ferry ran aground near the port. "
             "Police denied the report, and 40 people were moved.\n\n")


@pytest.mark.parametrize(("text", "size"), [
    (PARAGRAPH * 10, 300),
    ("word " * 500, 64),          # no paragraph breaks: cut at spaces
    ("x" * 1000, 97),             # no break at all: cut anywhere
    ("short", 100),
    ("", 10),
])
def test_pieces_join_back_exactly_and_fit(text: str, size: int) -> None:
    pieces = split_text(text, size)
    assert "".join(pieces) == text
    assert all(len(p) <= size for p in pieces)


def test_pieces_end_at_paragraph_breaks_when_there_are_some() -> None:
    pieces = split_text(PARAGRAPH * 10, 400)
    assert all(p.endswith("\n") for p in pieces[:-1])


@pytest.fixture
def ctx() -> AnnotateContext:
    return AnnotateContext.from_options(Options())


def _spans(nlp_ctx: AnnotateContext, article: Article) -> tuple[Any, ...]:
    item = annotate_batch([article], nlp_ctx)[0]
    return (tuple((s.start, s.end) for s in item.sentences),
            tuple((e.start, e.end, e.label) for e in item.entities),
            tuple((t.start, t.end) for t in item.tokens), item.article.text)


def test_article_over_spacy_max_length_is_annotated_like_one_parse(
        ctx: AnnotateContext, monkeypatch: pytest.MonkeyPatch) -> None:
    article = Article(id="long", text=PARAGRAPH * 12, path="long.txt")
    whole = _spans(ctx, article)
    nlp = load_nlp()
    # The same failure as a 1,000,001-character article, at a size a test can parse.
    monkeypatch.setattr(nlp, "max_length", 400)
    with pytest.raises(ValueError, match="E088"):
        nlp(article.text)
    pieced = _spans(ctx, article)
    assert pieced == whole
    sentences, _, tokens, text = pieced
    assert all(text[a:b].strip() for a, b in sentences)
    assert all(text[a:b] for a, b in tokens)
