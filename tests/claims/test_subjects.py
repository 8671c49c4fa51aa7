"""Who speaks when the parser hangs the speaker's name elsewhere (hand-written sentences)."""

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


def _spoken(text: str) -> list[ClaimMention]:
    article = Article("a-test", "t.txt", text, published="2025-03-05")
    mentions = extract_claims(annotate(article, _ctx()), outlets=["Harbour Gazette"]).mentions
    return [m for m in mentions if m.chain]


def _first_spoken(text: str) -> ClaimMention:
    return _spoken(text)[0]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # the name hung on the meeting, before a parenthesis
        ("Monday at the Nordvik Harbour Board’s annual meeting Sen. Ana Pop (D-NV) said the "
         "new ferry was a “costly failure” in every way.", "Ana Pop"),
        # a survey share hung on the verb as a number
        ("About 4 in 10 say they want the next mayor to have stricter rules.", "4 in 10"),
        # a trailing reporting clause whose name the parser listed with the content's nouns
        ("The two passengers who were hurt were taken to the hospital in Nordvik, a "
         "40-year-old woman and a 12-year-old boy, coast guard spokeswoman Ana Pop told a "
         "news conference in Skerra.", "Ana Pop"),
        # a subject inside the quotation marks is a word of the quotation
        ("“A very good captain, a very good captain this man,” Solheim, the mayor of Nordvik "
         "since 2019, said when a reporter asked about the crew.", "Solheim"),
    ],
)
def test_the_name_before_the_verb_speaks(text: str, speaker: str) -> None:
    assert speaker in _first_spoken(text).chain[-1].text


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("“That is a serious concern, because the crew was never trained for it,” Brekke, 58, "
         "told the Harbour Gazette on Monday when asked about the grounding.",
         "the crew was never trained"),
        ("“A very good captain, a very good captain this man,” Solheim, the mayor of Nordvik "
         "since 2019, said when a reporter asked about the crew.", "a very good captain"),
    ],
)
def test_a_quotation_before_its_reporting_clause_is_what_is_said(text: str, said: str) -> None:
    assert any(said in m.content for m in _spoken(text))


@pytest.mark.parametrize(
    "text",
    [
        "The mayor praised the crew, thanked the coast guard and told reporters the quay "
        "would reopen.",
        "Worried by the storm, the harbour board, which runs the port, said the ferry would "
        "stay in Nordvik.",
    ],
)
def test_a_subject_the_parser_found_is_kept(text: str) -> None:
    chain = _first_spoken(text).chain
    assert chain[-1].text.lower().startswith(("the mayor", "the harbour board"))


def test_a_participle_after_the_quotation_speaks_its_own_object() -> None:
    text = ("“The ferry is safe and the crew is well trained,” the mayor said in a statement, "
            "calling on the harbour board to reopen the quay.")
    calling = [m for m in _spoken(text) if "reopen the quay" in m.content]
    assert calling and all("crew" not in m.content for m in calling)


@pytest.mark.parametrize(
    ("text", "clause"),
    [
        ("Mayor Ana Pop says she’s “excited where we stand” as she faces a critically "
         "important test in Nordvik’s council election.", "excited where we stand"),
    ],
)
def test_a_short_clause_is_kept_with_the_clause_it_hangs_from(text: str, clause: str) -> None:
    assert any(clause in m.content for m in _spoken(text))


@pytest.mark.parametrize(
    "text",
    [
        "''If the board had waited, I would have been stuck in Skerra for a long time,'' "
        "Mr. Brekke, now 81 and retired in Nordvik, said by telephone this week.",
        "“If the board had waited, I would have been stuck in Skerra for a long time,” "
        "Mr. Brekke, now 81 and retired in Nordvik, said by telephone this week.",
    ],
)
def test_the_name_after_the_closing_mark_speaks_not_an_i_inside(text: str) -> None:
    assert _first_spoken(text).chain[-1].text == "Mr. Brekke"


def test_a_quoted_title_after_the_subject_is_no_closing_quotation() -> None:
    text = ("Ana Pop, author of ''The Harbour Fund,'' a lively new book about shipping, "
            "pointed out that the board had ignored the warnings.")
    assert _first_spoken(text).chain[-1].text.startswith("Ana Pop")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“All of my friends are sailors, overwhelmingly so,” Brack, 49, told Harbour Radio.",
         "Brack"),
        ("“Yes, I support the mayor,” Ana Pop III, founder of the Nordvik Trust, tells Harbour "
         "News in an interview.", "Ana Pop III"),
        ("And it was not a one-off or an accident — Brendan Holt, a spokesman for the mayor, "
         "told HARBOURNEWS that the mayor had warned the board.", "Brendan Holt"),
        # "asked" does invert
        ("“Why should the ferry stop now?” asked Mr. Brekke, the harbour master.", "Mr. Brekke"),
    ],
)
def test_whom_one_tells_is_not_who_speaks(text: str, speaker: str) -> None:
    assert _first_spoken(text).chain[-1].text == speaker


def test_a_quotation_opened_with_two_apostrophes_is_what_is_said() -> None:
    text = ("''Follow us,'' Ms. Pell said, and the boys, curious, trailed behind, on the way "
            "to the harbour office.")
    assert any("Follow us" in m.content and m.chain[-1].text == "Ms. Pell"
               for m in _spoken(text))
