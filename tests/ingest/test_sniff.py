"""sniff_format: content decides, the extension breaks ties."""

from __future__ import annotations

from pathlib import Path

import pytest

from rashomon.ingest.sniff import sniff_format

FORMATS = Path(__file__).parents[1] / "fixtures" / "formats"


@pytest.mark.parametrize(("name", "expected"), [
    ("article_page.html", "html"),
    ("two_items.rss", "rss"),
    ("news.atom", "atom"),
    ("list.json", "json"),
    ("object.json", "json"),
    ("feed.jsonl", "jsonl"),
    ("odd_columns.csv", "csv"),
    ("odd_columns.tsv", "tsv"),
    ("malformed.json", "json"),
    ("malformed.xml", "rss"),
])
def test_fixtures_keep_their_extension(name: str, expected: str) -> None:
    assert sniff_format(name, (FORMATS / name).read_text(encoding="utf-8")) == expected


def test_content_beats_wrong_extension() -> None:
    html = (FORMATS / "article_page.html").read_text(encoding="utf-8")
    rss = (FORMATS / "two_items.rss").read_text(encoding="utf-8")
    atom = (FORMATS / "news.atom").read_text(encoding="utf-8")
    assert sniff_format("page.txt", html) == "html"
    assert sniff_format("feed", rss) == "rss"
    assert sniff_format("feed.xml", rss) == "rss"
    assert sniff_format("stuff.xml", atom) == "atom"


def test_rss_1_0() -> None:
    rdf = ('<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax'
           '-ns#" xmlns="http://purl.org/rss/1.0/"><channel/></rdf:RDF>')
    assert sniff_format("x.xml", rdf) == "rss"


def test_json_that_is_jsonl() -> None:
    lines = '{"title": "a", "body": "x"}\n{"title": "b", "body": "y"}\n'
    assert sniff_format("dump.json", lines) == "jsonl"
    assert sniff_format("dump", lines) == "jsonl"


def test_json_without_extension() -> None:
    assert sniff_format("dump", '[{"title": "a"}]') == "json"


def test_bracketed_prose_stays_text() -> None:
    assert sniff_format("wire.txt", "[Reuters] The mayor said on Monday...") == "text"


def test_markdown_by_content() -> None:
    assert sniff_format("note.txt", "# Heading\n\nSome text.\n") == "markdown"
    assert sniff_format("note", "See [one](https://a.example) and [two](https://b.example).") \
        == "markdown"
    assert sniff_format("note.md", "Just prose, no markup at all.") == "markdown"


def test_plain_text() -> None:
    assert sniff_format("story.txt", "The mayor said, on Monday, that the river rose.") == "text"
    assert sniff_format("README", "Hello, world.\nSecond line, with a comma.") == "text"


def test_tables_without_or_with_wrong_extension() -> None:
    tsv = "id\ttitle\tbody\n1\tA\tText one.\n2\tB\tText two.\n"
    csv_text = "id,title,body\n1,A,Text one.\n2,B,\"Text, two.\"\n"
    assert sniff_format("data", tsv) == "tsv"
    assert sniff_format("data.txt", csv_text) == "csv"
    assert sniff_format("data.csv", tsv) == "tsv"


def test_html_extension_without_markup_is_text() -> None:
    assert sniff_format("saved.html", "Only words here, nothing else.") == "text"


@pytest.mark.parametrize("text", [
    "Ferry aground near Alesund, police say\n\nThe ferry ran aground on Monday, police said.\n\n"
    "Divers will examine the hull, the harbour master said.\n\n"
    "All 212 passengers were rescued, the coast guard said.\n",
    "Harbour reopens, mayor says\nThe harbour reopened, officials said.\n"
    "Ships returned, the port said.\n",
])
def test_a_txt_with_commas_is_text_unless_its_header_names_fields(text: str) -> None:
    assert sniff_format("ferry.txt", text) == "text"
