"""Conflict cards read as sentences: the disputed claim in the heading, each side headed
by who holds it and what they hold, and one line on why it is a conflict."""

from __future__ import annotations

import re
from html import unescape

import pytest

from rashomon.models import Article, Claim, Conflict, ConflictSide, Source, Story
from rashomon.report.cards import conflict_html
from rashomon.report.sections import StoryContext

from .test_html import assert_balanced, mention

A1 = Article("a-1", "1.txt", "The agency said 40 passengers were rescued. Police said the "
             "radar failed.", outlet="Daily One", published="2025-03-02")
A2 = Article("a-2", "2.txt", "The board said 60 passengers were rescued. The operator denied "
             "that the radar failed.", outlet="Second Post", published="2025-03-03")
FORTY = mention(A1, "The agency said 40 passengers were rescued.", "supports", "src-a")
SIXTY = mention(A2, "The board said 60 passengers were rescued.", "supports", "src-b")
RADAR = mention(A1, "Police said the radar failed.", "supports", "src-p")
DENIED = mention(A2, "The operator denied that the radar failed.", "refutes", "src-o")
CLAIMS = (Claim("c-r", "The radar failed", "disputed", (RADAR, DENIED)),
          Claim("c-n", "40 passengers were rescued", "corroborated", (FORTY, SIXTY)),
          Claim("c-x", "Another thing", "single-source", (SIXTY,)))
SOURCES = (Source("src-a", "the agency"), Source("src-b", "the board"),
           Source("src-p", "Police"), Source("src-o", "The operator"))
CTX = StoryContext.build(Story("s-1", "T", ("a-1", "a-2"), None, CLAIMS, (), (), (), SOURCES),
                         {"a-1": A1, "a-2": A2})


def _card(kind: str, sides: tuple[ConflictSide, ...], claims: tuple[str, ...]) -> str:
    html = conflict_html(Conflict("x-1", kind, "words the detector chose", sides, claims), CTX)  # type: ignore[arg-type]
    assert_balanced(html)
    return html


def _text(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html))


def test_a_denial_names_the_claim_and_who_says_or_denies_it() -> None:
    card = _card("denial", (ConflictSide("asserted by Police", (RADAR,), ("src-p",)),
                            ConflictSide("The operator denies", (DENIED,), ("src-o",))),
                 ("c-x", "c-r"))
    heading = _text(re.findall(r"<h4[^>]*>(.*?)</h4>", card)[0])
    assert heading == "denial “The radar failed”"
    sides = [_text(h) for h in re.findall(r"<h5>(.*?)</h5>", card)]
    assert sides == ["Police says so", "The operator denies it"]
    assert "the other denies it." in _text(card)
    assert 'title="words the detector chose"' in card


@pytest.mark.parametrize(("kind", "phrase"), [("quantity", "figures"), ("date", "dated"),
                                              ("place", "placed"), ("detail", "detail")])
def test_a_value_conflict_heads_each_side_with_its_value(kind: str, phrase: str) -> None:
    card = _card(kind, (ConflictSide("40 passengers", (FORTY,), ("src-a",)),
                        ConflictSide("60 passengers", (SIXTY,), ("src-b",))), ("c-n",))
    sides = [_text(h) for h in re.findall(r"<h5>(.*?)</h5>", card)]
    assert sides == ["the agency says: 40 passengers", "the board says: 60 passengers"]
    why = _text(re.findall(r'<p class="why">(.*?)</p>', card)[0])
    assert phrase in why and "“40 passengers” vs “60 passengers”" in why


def test_an_update_runs_from_the_earlier_report_to_the_later() -> None:
    card = _card("update", (ConflictSide("60 passengers", (SIXTY,), ("src-b",)),
                            ConflictSide("40 passengers", (FORTY,), ("src-a",))), ("c-n",))
    assert "“40 passengers”, then “60 passengers”" in _text(card)
    assert card.index("the agency") < card.index("the board")


def test_unnamed_speakers_and_unknown_kinds_still_read() -> None:
    own = mention(A1, "The agency said 40 passengers were rescued.")
    card = _card("novel", (ConflictSide("one", (own,)), ConflictSide("two", (SIXTY,))), ())
    assert "Daily One (own reporting)" in _text(card)
    assert "words the detector chose" in _text(card)  # no claim cited: the summary heads it


def test_a_side_that_denies_and_doubts_says_both() -> None:
    doubt = mention(A2, "The operator denied that the radar failed.", "uncertain", "src-o")
    card = _card("denial", (ConflictSide("asserted", (RADAR,), ("src-p",)),
                            ConflictSide("denied", (DENIED, doubt), ("src-o",))), ("c-r",))
    assert "The operator denies or does not confirm it" in _text(card)
