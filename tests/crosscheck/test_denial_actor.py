"""A flat negation denies a statement only about the same actor."""

from __future__ import annotations

import pytest

from .stories import denials


@pytest.mark.parametrize(
    ("assertion", "negative", "expected"),
    [
        # another actor: no denial
        ("Witnesses said the ferry hit the harbour wall.",
         "The operator said the tug did not hit the harbour wall.", 0),
        ("Witnesses said the crew reported a fault in the radar.",
         "The operator said the passengers did not report a fault in the radar.", 0),
        # the same actor, named again or by a pronoun: a denial
        ("Witnesses said the ferry hit the harbour wall.",
         "The operator said the ferry did not hit the harbour wall.", 1),
        ("Witnesses said the ferry hit the harbour wall.",
         "The operator said it did not hit the harbour wall.", 1),
        # "we" is the speaker
        ("Witnesses said the operator ignored the storm warning.",
         "\u201cWe did not ignore the storm warning,\u201d the operator said.", 1),
    ],
)
def test_a_negation_denies_what_the_same_actor_did(assertion: str, negative: str,
                                                   expected: int) -> None:
    assert denials(assertion, negative) == expected
