"""The HTML page is self-contained and never runs article text."""

from __future__ import annotations

from rashomon.models import Article, Report, Story
from rashomon.render_html import render_html


def test_article_text_is_escaped() -> None:
    article = Article("a-1", "x.html", "Hello <script>alert(1)</script> & bye",
                      title="<b>Title</b>")
    report = Report((article,), (Story("s-1", "Story", ("a-1",)),), "0.1.0", "now")
    page = render_html(report)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;Title&lt;/b&gt;" in page
    assert "http://" not in page and "https://" not in page
