"""A denial's two sides are never one voice: one speaker named two ways, or a sentence
that repeats the denial itself."""

from __future__ import annotations

import pytest

from .stories import denials


@pytest.mark.parametrize(
    ("assertion", "negative", "expected"),
    [
        # one person, with and without a first name or title
        ("Senator Mara Olsen said the harbour tax will rise next year.",
         "Olsen said the harbour tax will not rise next year.", 0),
        ("Senator Olsen said the harbour tax will rise next year.",
         "Senator Mara Olsen said the harbour tax will not rise next year.", 0),
        # a spokesperson named for the body they speak for
        ("A Brackwater Council spokesman said the harbour tax will rise next year.",
         "Brackwater Council said the harbour tax will not rise next year.", 0),
        # two speakers: a denial
        ("Senator Mara Olsen said the harbour tax will rise next year.",
         "Mayor Ivo Rask said the harbour tax will not rise next year.", 1),
        # generic names may stand for either side
        ("Officials said the harbour tax will rise next year.",
         "Port officials said the harbour tax will not rise next year.", 1),
    ],
)
def test_one_speaker_named_two_ways_is_no_denial(assertion: str, negative: str,
                                                 expected: int) -> None:
    assert denials(assertion, negative) == expected


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("The ferry did not hit the harbour wall on Monday evening, the captain said, "
         "but it scraped the old pier.",
         "The ferry did not hit the harbour wall on Monday evening, the pilot said, "
         "but it scraped the old pier."),
        ("\u201cThey are not smuggling cattle across the northern border,\u201d said the "
         "sheriff.",
         "\u2018They are not smuggling cattle across the northern border,\u2019 the deputy "
         "replied, \u2018but they are going to be smuggling fuel across it.\u2019"),
    ],
)
def test_a_copy_of_the_denying_sentence_does_not_assert_against_it(first: str,
                                                                    second: str) -> None:
    assert denials(first, second) == 0

