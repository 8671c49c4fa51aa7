"""Bylines, outlets and credits stated in an article's own lines."""

from __future__ import annotations

import pytest

from rashomon.ingest.meta import (
    byline_from_credit,
    byline_from_line,
    dateline_agency,
    host_of,
    is_credit_line,
    is_photo_line,
    kicker_outlet,
    looks_like_names,
    outlet_from_url,
    photo_credit_outlet,
)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("By Katarína Hudecová", ("Katarína Hudecová", None)),
        ("By Alžběta Horáková | Visegrad Weekly", ("Alžběta Horáková", "Visegrad Weekly")),
        ("by Jo Pell and Ada Quill", ("Jo Pell and Ada Quill", None)),
        ("By Ludwig van Dorn — Harbour Review", ("Ludwig van Dorn", "Harbour Review")),
    ],
)
def test_byline_from_line(line: str, expected: tuple[str, str | None]) -> None:
    assert byline_from_line(line) == expected


@pytest.mark.parametrize(
    "line", ["By Sunday the river had fallen.", "By the end of the week, it was over", "Bye"]
)
def test_byline_from_line_ignores_sentences(line: str) -> None:
    assert byline_from_line(line) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("(Reporting by Gabriela Íñiguez in Zacatecas; additional reporting by Tomás Ruiz; "
         "editing by Paul Okafor)", "Gabriela Íñiguez"),
        ("(Reporting by Priya Venkataraman in Hyderabad and Anand Kulkarni in Bengaluru; "
         "editing by Rhea D’Souza)", "Priya Venkataraman and Anand Kulkarni"),
        ("Reporting by Andrei Pop and Irina Vasilescu; editing by Tom Whitcombe",
         "Andrei Pop and Irina Vasilescu"),
        ("With reporting from Meridian News Service.", None),
    ],
)
def test_byline_from_credit(line: str, expected: str | None) -> None:
    assert byline_from_credit(line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("AFP contributed reporting.", True),
        ("*Juraj Vavrinec contributed reporting from Liptovský Mikuláš.*".strip("*"), True),
        ("Staff writers contributed to this report.", True),
        ("With reporting from Meridian News Service.", True),
        ("Additional reporting by Mara Quint", True),
        ("(Reporting by A. Writer; editing by B. Editor)", True),
        ("The mayor said volunteers contributed reporting. Then she left.", False),
        ("Reporters said the river rose overnight.", False),
    ],
)
def test_is_credit_line(line: str, expected: bool) -> None:
    assert is_credit_line(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Photo: Residents wade through water. (Tatra Observer/Marek Ondrejka)", True),
        ("Caption: Protesters hold banners.", True),
        ("Photo caption: A kitchen in Likavka.", True),
        ("Photographers were kept away from the site.", False),
    ],
)
def test_is_photo_line(line: str, expected: bool) -> None:
    assert is_photo_line(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Residents wade through a street. (Tatra Observer/Marek Ondrejka)", "Tatra Observer"),
        ("Photo: Ulises Carrillo / Northern Mexico Monitor", "Northern Mexico Monitor"),
        ("Ukraine has denied it (AFP/Representational)", None),
        ("Telegram / Regional Administration head Ivan Petrenko", None),
        ("A plain sentence.", None),
    ],
)
def test_photo_credit_outlet(line: str, expected: str | None) -> None:
    assert photo_credit_outlet(line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Cabin & Crew Magazine — Analysis", "Cabin & Crew Magazine"),
        ("Harbour Review | Opinion", "Harbour Review"),
        ("Analysis of the flood — what went wrong", None),
    ],
)
def test_kicker_outlet(line: str, expected: str | None) -> None:
    assert kicker_outlet(line) == expected


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("HYDERABAD (Asia Pacific Wire) – Nilgiri Airways denied it.", "Asia Pacific Wire"),
        ("ZACATECAS, Mexico, July 12 (Meridian News Service) — The count.",
         "Meridian News Service"),
        ("The minister (left) — who spoke first — said so.", None),
        ("No dateline here.", None),
    ],
)
def test_dateline_agency(paragraph: str, expected: str | None) -> None:
    assert dateline_agency(paragraph) == expected


@pytest.mark.parametrize(
    ("url", "text", "expected"),
    [
        ("https://www.themoscowtimes.com/2025/06/13/x", "as The Moscow Times reported",
         "The Moscow Times"),
        ("https://www.themoscowtimes.com/2025/06/13/x", "", "themoscowtimes.com"),
        ("https://news.bbc.co.uk/a", "the BBC said", "BBC"),
        ("valleyherald.com/story", "", "valleyherald.com"),
        ("not a url", "", None),
    ],
)
def test_outlet_from_url(url: str, text: str, expected: str | None) -> None:
    assert outlet_from_url(url, text) == expected


def test_host_of_strips_www() -> None:
    assert host_of("<https://www.example.org/a?b=1>") == "example.org"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Jo Pell", True), ("Jo Pell and Ada Quill", True), ("Ludwig van Dorn", True),
     ("the desk", False), ("Team 7", False)],
)
def test_looks_like_names(text: str, expected: bool) -> None:
    assert looks_like_names(text) is expected
