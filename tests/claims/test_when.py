"""A mention's time is that of its own clause, else of the statement that reports it."""

from __future__ import annotations

from functools import lru_cache

import pytest

from rashomon.annotate.stage import AnnotateContext, annotate
from rashomon.claims.stage import extract_claims
from rashomon.models import Article, ClaimMention
from rashomon.options import Options


@lru_cache(maxsize=1)
def _ctx() -> AnnotateContext:
    return AnnotateContext.from_options(Options())


def mentions(text: str) -> tuple[ClaimMention, ...]:
    # Published on Wednesday 5 March 2025.
    article = Article("a-when", "t.txt", text, published="2025-03-05")
    return extract_claims(annotate(article, _ctx())).mentions


def dates(text: str) -> list[str | None]:
    return [m.when.date if m.when else None for m in mentions(text)]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # A time under a noun dates that thing, not what the clause reports.
        ("The toll from Sunday's storm rose to 12 on Tuesday, police said.", "2025-03-04"),
        # A relative clause is another event.
        ("A wildfire that broke out on Sunday was brought under control on Monday, "
         "the fire service said.", "2025-03-03"),
        # No time of its own: the time it was said.
        ("The number of people detained after Saturday's unrest has risen to 19, "
         "the gendarmerie said on Tuesday.", "2025-03-04"),
        ("The death toll from the floods that hit the region over the weekend has risen "
         "to seven, police said on Tuesday.", "2025-03-04"),
        # "said on Tuesday they would ...": Tuesday dates the saying, not the strike.
        ("The unions said on Tuesday they would hold a general strike on March 20 unless "
         "wages rise.", "2025-03-20"),
        # "X on Tuesday rejected ...": the time hangs on the subject in the parse.
        ("The electoral institute on Tuesday rejected the opposition's allegations of fraud "
         "in Sunday's election.", "2025-03-04"),
    ],
)
def test_first_mention_time(text: str, date: str) -> None:
    assert dates(text)[0] == date


def test_relative_clause_keeps_its_own_time() -> None:
    text = ("A wildfire that broke out on Sunday near the village was still burning on "
            "Monday evening, the fire service said.")
    found = dates(text)
    assert "2025-03-03" in found and "2025-03-02" in found


def test_without_times_nothing() -> None:
    assert dates("The ferry company said the crossing would resume soon after repairs.") \
        in ([None], ["2025-03-05"])
