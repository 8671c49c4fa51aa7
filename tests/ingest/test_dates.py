"""Dates: metadata values and publication dates in article heads."""

from __future__ import annotations

from pathlib import Path

import pytest

from rashomon.ingest import ingest
from rashomon.ingest.dates import (
    find_date_in_text,
    month_first_text,
    numeric_ambiguity,
    parse_date_line,
    parse_date_value,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-05-19T17:42:00+02:00", "2025-05-19"),
        ("2025-05-19T23:30:00-05:00", "2025-05-19"),  # the date as written, not shifted to UTC
        ("2025-05-19 17:42", "2025-05-19"),
        ("Thu, 10 Jul 2025 16:20:00 -0600", "2025-07-10"),
        ("19 May 2025", "2025-05-19"),
        ("May 19, 2025", "2025-05-19"),
        ("Sept. 3, 2025", "2025-09-03"),
        ("3rd of March 2025", "2025-03-03"),
        ("2025/05/19", "2025-05-19"),
        ("20250519", "2025-05-19"),
        ("19/05/2025", "2025-05-19"),
        ("5/19/2025", "2025-05-19"),
        ("1747612800", "2025-05-19"),
        ("May 2025", "2025-05"),
        ("2025-05", "2025-05"),
        ("2025", "2025"),
        ("  2025-05-19  ", "2025-05-19"),
    ],
)
def test_parse_date_value_reads_common_forms(value: str, expected: str) -> None:
    assert parse_date_value(value) == expected


@pytest.mark.parametrize(
    "value",
    ["", "junk", "yesterday", "1700-01-01", "2150-01-01", "2025-02-30", "2025-13-01",
     "99999999", "May 45, 2025", "x" * 500, "31/31/2025"],
)
def test_parse_date_value_gives_none_for_junk(value: str) -> None:
    assert parse_date_value(value) is None


@pytest.mark.parametrize(
    ("value", "month_first", "expected"),
    [
        ("21.09.2025", False, "2025-09-21"),
        ("21/09/2025", False, "2025-09-21"),
        ("09/21/2025", False, "2025-09-21"),  # only month-first makes sense
        ("10/03/2026", False, "2026-03-10"),  # both could: day-first by default
        ("10/03/2026", True, "2026-10-03"),
        ("10.03.2026", True, "2026-03-10"),  # dotted dates are day-first everywhere
        ("05-06-2025", False, "2025-06-05"),
    ],
)
def test_numeric_dates_day_first_unless_told(value: str, month_first: bool,
                                              expected: str) -> None:
    assert parse_date_value(value, month_first) == expected


def test_ambiguous_numeric_date_is_noted() -> None:
    note = numeric_ambiguity("10/03/2026")
    assert note is not None and "2026-03-10" in note and "2026-10-03" in note
    assert numeric_ambiguity("21/09/2025") is None
    assert numeric_ambiguity("21.09.2025") is None
    assert numeric_ambiguity("2025-09-21") is None


@pytest.mark.parametrize(
    ("text", "language", "month_first"),
    [
        ("Filed 10/03/2026. The ruling of 09/21/2025 stands.", None, True),
        ("Filed 10/03/2026. The ruling of 21/09/2025 stands.", None, False),
        ("Filed 10/03/2026.", None, False),
        ("Filed 10/03/2026.", "en-US", True),
        ("Filed 10/03/2026.", "pt", False),
    ],
)
def test_month_first_from_other_dates_or_language(text: str, language: str | None,
                                                  month_first: bool) -> None:
    assert month_first_text(text, language) is month_first


@pytest.mark.parametrize(
    ("head", "expected", "noted"),
    [
        ("Cheese recalled\n\n10/03/2026 19:02 · Gazette Newsdesk\n\nBody text.", "2026-03-10",
         True),
        ("Cheese recalled\n\n21.09.2025\n\nBody text.", "2025-09-21", False),
        ("Cheese recalled\n\n10/03/2026\n\nThe recall of 09/21/2025 was lifted.",
         "2026-10-03", True),
    ],
)
def test_numeric_date_lines_in_the_head(head: str, expected: str, noted: bool) -> None:
    hit = find_date_in_text(head)
    assert hit is not None and hit.value == expected
    assert (hit.note is not None) is noted


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("June 13, 2025", "2025-06-13"),
        ("13 June 2025", "2025-06-13"),
        ("2025-06-13", "2025-06-13"),
        ("Published: 13 June 2025 10:02", "2025-06-13"),
        ("**Published:** 13 June 2025 10:02 GMT", "2025-06-13"),
        ("Updated June 13, 2025", "2025-06-13"),
        ("June 13, 2025 at 10:02 a.m. EDT", "2025-06-13"),
        ("*Friday, June 13, 2025*", "2025-06-13"),
        ("Updated 2:41 PM EDT, Fri June 13, 2025", "2025-06-13"),
        ("10:02 AM, Jun 13, 2025", "2025-06-13"),
    ],
)
def test_parse_date_line_accepts_lines_that_are_only_a_date(line: str, expected: str) -> None:
    assert parse_date_line(line) == expected


@pytest.mark.parametrize(
    "line", ["June 13, 2025, officials said", "On June 13, 2025 the port closed.", "Monday", "",
             "Shelling resumed at 10:02, June 13, 2025, officials said"]
)
def test_parse_date_line_rejects_sentences(line: str) -> None:
    assert parse_date_line(line) is None


@pytest.mark.parametrize(
    ("text", "value", "quoted"),
    [
        (" date 2025-06-08 Kyiv's forces said on Sunday.", "2025-06-08", "date 2025-06-08"),
        ("A headline\n date 2025-09-10 \n\nBody.", "2025-09-10", "date 2025-09-10"),
        ("A headline\n\nJune 13, 2025\n\nBody text.", "2025-06-13", "June 13, 2025"),
        ("A headline\n\nPublished: 13 June 2025 10:02\n\nBody.", "2025-06-13",
         "Published: 13 June 2025 10:02"),
        ("KYIV, June 8, 2025 (Agency) — Officials said.", "2025-06-08", "KYIV, June 8, 2025"),
        ("Posted 2025-06-13T10:02:00Z by the desk\n\nBody.", "2025-06-13", "2025-06-13T10:02:00Z"),
    ],
)
def test_find_date_in_text_reads_the_head(text: str, value: str, quoted: str) -> None:
    hit = find_date_in_text(text)
    assert hit is not None and hit.value == value and hit.month_day is None
    assert quoted in text[hit.start:hit.end]


@pytest.mark.parametrize(
    ("text", "month_day"),
    [
        ("RUŽOMBEROK, Slovakia, May 18 — At least three people died.", (5, 18)),
        ("BUCHAREST, Oct 11 (Eastgate Press) – Thousands marched.", (10, 11)),
        ("Title\n\nZACATECAS, Mexico, July 12 (Meridian News Service) — The count.", (7, 12)),
        ("LONDON, 8 June (Wire) - Prices rose.", (6, 8)),
    ],
)
def test_find_date_in_text_gives_month_day_for_a_yearless_dateline(
    text: str, month_day: tuple[int, int]
) -> None:
    hit = find_date_in_text(text)
    assert hit is not None and hit.value is None and hit.month_day == month_day
    assert text[hit.start:hit.end].split(",")[0].isupper()


@pytest.mark.parametrize(
    "text",
    [
        "HYDERABAD (Asia Pacific Wire) – The airline denied it.",
        "Title\n\nThe talks on June 2, 2025 went well, officials said.",
        "Nothing dated here at all.",
        "",
        "\n".join(f"Line {i} of the story." for i in range(12)) + "\nJune 13, 2025",
        "Title\n\n" + "Body text goes on. " * 60 + "\n\n2025-06-13",
        "RUŽOMBEROK, Slovakia, February 31 — An impossible day.",
    ],
)
def test_find_date_in_text_never_guesses(text: str) -> None:
    assert find_date_in_text(text) is None


def test_a_marker_beats_a_dateline() -> None:
    hit = find_date_in_text("Title\n date 2025-09-10\n\nKYIV, June 8 (Wire) — Text.")
    assert hit is not None and hit.value == "2025-09-10"


def test_a_full_date_line_beats_a_yearless_dateline() -> None:
    hit = find_date_in_text("June 9, 2025\n\nKYIV, June 8 (Wire) — Text.")
    assert hit is not None and hit.value == "2025-06-09"


def test_ingest_warns_about_an_ambiguous_publication_date(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Cheese recalled\n\n10/03/2026 19:02\n\nHealth authorities said on Tuesday "
                    "that 14 people had been infected.\n", encoding="utf-8")
    result = ingest([str(path)])
    assert result.articles[0].published == "2026-03-10"
    assert [p.severity for p in result.problems] == ["warning"]
    assert "day-first" in result.problems[0].message


def test_jsonl_record_with_an_ambiguous_date_is_noted(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text('{"title": "Cheese recalled", "published": "10/03/2026", "text": '
                    '"Health authorities said on Tuesday that 14 people had been infected '
                    'with listeria in an outbreak linked to fresh cheese."}\n',
                    encoding="utf-8")
    result = ingest([str(path)])
    assert result.articles[0].published == "2026-03-10"
    assert any("day-first" in p.message for p in result.problems)
