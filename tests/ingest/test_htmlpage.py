"""read_html and html_fragment_to_text."""

from __future__ import annotations

from pathlib import Path

import pytest

from rashomon.errors import InputError
from rashomon.ingest.htmlpage import html_fragment_to_text, read_html

FORMATS = Path(__file__).parents[1] / "fixtures" / "formats"


@pytest.fixture(scope="module")
def page() -> str:
    return (FORMATS / "article_page.html").read_text(encoding="utf-8")


def test_metadata(page: str) -> None:
    draft = read_html(page, path="article_page.html", url="https://courier.example/x")
    assert draft.path == "article_page.html"
    assert draft.title == "Lighthouse keepers vote to strike over night shifts"
    assert draft.outlet == "Port Avalon Courier"
    assert draft.published == "2031-03-14"
    assert draft.published_from == "metadata"
    assert draft.byline == "Morwenna Tregear"
    assert draft.language == "en"
    assert draft.url == "https://courier.example/x"


def test_text_has_paragraphs_and_no_boilerplate(page: str) -> None:
    text = read_html(page, path="p.html").text
    assert text.startswith("Lighthouse keepers on the Avalon coast voted on Thursday")
    assert "\n\nThe keepers’ association said 41 of its 44 members" in text
    assert "“Nobody can stay awake" in text
    for junk in ("cookie", "Accept", "Harbour", "Read more", "Ferry timetable",
                 "All rights reserved", "Privacy", "lamp room", "Courier archive"):
        assert junk not in text, junk
    # The headline is metadata, not the first paragraph.
    assert not text.startswith("Lighthouse keepers vote to strike")


def test_page_without_article_text() -> None:
    html = (FORMATS / "no_article.html").read_text(encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_html(html, path="no_article.html")
    assert info.value.where == "no_article.html"
    assert info.value.problem == "no article text found in HTML page"


def test_title_suffix_stripped_without_site_name() -> None:
    body = "".join(f"<p>Paragraph {i} says the council met on Monday and agreed a plan for "
                   f"the harbour wall repairs, which will cost a lot.</p>" for i in range(6))
    html = f"<html><head><title>Council agrees wall plan | Some Site</title></head>" \
           f"<body><article>{body}</article></body></html>"
    assert read_html(html, path="x.html").title == "Council agrees wall plan"


def test_json_ld_date_and_author() -> None:
    body = "".join(f"<p>Sentence number {i} about the tidal barrier that held back the surge "
                   f"of water on Tuesday, engineers said.</p>" for i in range(6))
    html = ('<html><head><script type="application/ld+json">{"@type": "NewsArticle", '
            '"datePublished": "2031-03-18T11:00:00Z", "author": [{"name": "Senara Kitto"}, '
            '{"name": "Tamsin Rowe"}]}</script></head>'
            f"<body><article><h1>Barrier holds</h1>{body}</article></body></html>")
    draft = read_html(html, path="x.html")
    assert draft.published == "2031-03-18"
    assert draft.byline == "Senara Kitto and Tamsin Rowe"


def test_fragment_to_text() -> None:
    fragment = ("<p>First &ldquo;para&rdquo; &amp; more.</p><p>Second<br>line</p>"
                "<figure><img src=x><figcaption>Caption</figcaption></figure>"
                "<script>var x = 1;</script><ul><li>one</li><li>two</li></ul>")
    text = html_fragment_to_text(fragment)
    assert text == "First “para” & more.\n\nSecond\nline\n\none\n\ntwo"


def test_fragment_plain_text_untouched() -> None:
    assert html_fragment_to_text("  Just text.  ") == "Just text."


def test_dev_corpus_pages(shared: Path) -> None:
    import json

    folder = shared / "eval" / "dev" / "articles"
    gold = json.loads((shared / "eval" / "dev" / "gold.json").read_text())["articles"]
    pages = sorted(folder.glob("*.html"))
    if not pages:
        pytest.skip("no dev HTML pages")
    for path in pages:
        draft = read_html(path.read_text(encoding="utf-8"), path=path.name)
        assert draft.outlet == gold[path.name]["outlet"]
        assert draft.published == gold[path.name]["published"]
        assert draft.title and "|" not in draft.title
        assert "cookie" not in draft.text.lower()
        assert "Read more" not in draft.text
