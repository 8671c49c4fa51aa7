"""The HTML page: self-contained, offline, escaped, traceable, and quick to build."""

from __future__ import annotations

import base64
import hashlib
import re
import time
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from rashomon.models import (
    Article,
    Claim,
    Conflict,
    ConflictSide,
    Mention,
    Place,
    Report,
    Source,
    Story,
    TimelineEntry,
    When,
)
from rashomon.report.html import render_html
from rashomon.report.sections import context, highlight, when_text

EVIL = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
VOID = {"meta", "br", "img", "input", "link", "hr", "circle", "rect", "line"}
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "ferry-grounding"


class _Balance(HTMLParser):
    """Checks that every element is closed in the order it was opened."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        return None  # <circle .../> is complete in itself

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]}")
        else:
            self.stack.pop()


def assert_balanced(page: str) -> None:
    """Fail unless the page's tags nest properly."""
    checker = _Balance()
    checker.feed(page)
    assert checker.errors == [] and checker.stack == []


def mention(article: Article, needle: str, stance: str = "supports",
            source_id: str | None = None) -> Mention:
    """A mention of the first occurrence of ``needle`` in ``article``."""
    start = article.text.index(needle)
    return Mention(article.id, start, start + len(needle), needle, stance,  # type: ignore[arg-type]
                   source_id)


def two_outlet_report(text: str = "Police said 12 people died. Officials denied it.",
                      **article_fields: str | None) -> tuple[Report, Article, Article]:
    """Three articles, one disputed claim, one conflict, places and a timeline."""
    a1 = Article("a-1", "one.txt", text, outlet="Daily One", published="2025-06-08",
                 published_from="text", **article_fields)  # type: ignore[arg-type]
    a2 = Article("a-2", "two.txt", "Officials denied that 12 people died on Monday.",
                 outlet="Second Post", published="2025-06-09", published_from="inferred")
    a3 = Article("a-3", "three.txt", "Weather was calm.", outlet="Third Wire")
    support = mention(a1, "Police said 12 people died.", "supports", "src-p")
    refute = mention(a2, "Officials denied that 12 people died on Monday.", "refutes", "src-o")
    claim = Claim("c-1", "12 people died", "disputed", (support, refute), 2, 2,
                  When("2025-06-08"))
    single = Claim("c-2", "Weather was calm", "single-source",
                   (mention(a3, "Weather was calm."),), 1, 1)
    conflict = Conflict("x-1", "denial", "Police assert; officials deny",
                        (ConflictSide("asserted", (support,), ("src-p",)),
                         ConflictSide("denied", (refute,), ("src-o",))), ("c-1",))
    sources = (Source("src-p", "Police"), Source("src-o", "Officials"))
    story = Story("s-1", "Deaths reported", ("a-1", "a-2", "a-3"),
                  When(start="2025-06-08", end="2025-06-09"), (claim, single), (conflict,),
                  (TimelineEntry("12 people died", (support,), When("2025-06-08"), "c-1"),),
                  (), sources)
    return Report((a1, a2, a3), (story,), "0.1.0", "2026-01-01T00:00:00Z"), a1, a2


# --- Escaping and offline -------------------------------------------------------------


def evil_report() -> Report:
    """Hostile strings in every field an article or the pipeline can fill."""
    text = f"Before {EVIL} after."
    article = Article("a-1", f"{EVIL}.txt", text, url="javascript:alert(3)", outlet=EVIL,
                      title=EVIL, byline=EVIL, published="2025-06-08")
    quoted = mention(article, EVIL, "supports", "src-1")
    place = Place("p-1", EVIL, 48.0, 36.0, country=EVIL, mentions=(quoted,))
    claim = Claim("c-1", EVIL, "disputed", (quoted,), 1, 1, When("2025-06-08"), ("p-1",))
    conflict = Conflict("x-1", "detail", EVIL, (ConflictSide(EVIL, (quoted,), ("src-1",)),
                                                ConflictSide(EVIL, (quoted,))), ("c-1",))
    story = Story("s-1", EVIL, ("a-1",), None, (claim,), (conflict,),
                  (TimelineEntry(EVIL, (quoted,), When("2025-06-08"), "c-1"),), (place,),
                  (Source("src-1", EVIL, aliases=(EVIL,)),))
    return Report((article,), (story,), "0.1.0", "now")


def test_hostile_strings_are_shown_as_text() -> None:
    page = render_html(evil_report())
    assert "<script>alert" not in page and "<img" not in page
    assert page.count("<script") == 1  # the page's own
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img" in page
    assert 'href="javascript:' not in page
    assert "javascript:alert(3)" in page  # the url is shown, as text
    assert_balanced(page)


def test_only_the_page_script_may_run() -> None:
    page = render_html(evil_report())
    script = re.search(r"<script>(.*?)</script>", page, re.S)
    assert script is not None
    digest = base64.b64encode(hashlib.sha256(script.group(1).encode()).digest()).decode()
    policy = re.search(r'Content-Security-Policy" content="([^"]*)"', page)
    assert policy is not None
    assert "default-src 'none'" in policy.group(1)
    assert f"script-src 'sha256-{digest}'" in policy.group(1)


def test_page_loads_nothing_from_outside() -> None:
    report, _, _ = two_outlet_report(url="https://news.example/story?a=1&b=2")
    page = render_html(report)
    links = re.findall(r'<a class="url" href="([^"]*)" rel="([^"]*)"', page)
    assert links == [("https://news.example/story?a=1&amp;b=2", "noopener noreferrer nofollow")]
    rest = re.sub(r'<a class="url"[^>]*>[^<]*</a>', "", page)
    # Map tiles are only offered (data-src, switched on by the reader's click).
    rest = re.sub(r' data-src="https://tile\.openstreetmap\.org/[^"]*"', "", rest)
    rest = rest.replace("img-src data: https://tile.openstreetmap.org;", "img-src data:;")
    rest = re.sub(r"loads background tiles from https://tile\.openstreetmap\.org", "", rest)
    assert "http://" not in rest and "https://" not in rest
    for pattern in (" src=", "<link", "@import", "url(", "<iframe", "<object"):
        assert pattern not in page


def test_without_tiles_the_policy_admits_no_other_origin() -> None:
    report, _, _ = two_outlet_report()
    page = render_html(report, tiles=None)
    assert "img-src data:;" in page and "tile.openstreetmap.org" not in page


# --- Mentions and highlighting --------------------------------------------------------


def test_overlapping_spans_are_split_not_nested() -> None:
    text = "abcdefghij<&>"
    out = highlight("a-1", text, [(1, 5), (3, 8), (3, 4), (9, 13), (20, 30), (6, 6)])
    assert out == ('a<mark class="d1" id="a-1-1">bc</mark><mark class="d3" id="a-1-3">d'
                   '</mark><mark class="d2">e</mark><mark class="d1">fgh</mark>i'
                   '<mark class="d1" id="a-1-9">j&lt;&amp;&gt;</mark>')
    assert unescape(re.sub(r"<[^>]+>", "", out)) == text
    assert_balanced(out)


def test_quotes_link_to_highlighted_article_text() -> None:
    report, a1, a2 = two_outlet_report()
    page = render_html(report)
    for article in (a1, a2):
        ident = f"{article.id}-0"
        assert f'href="#{ident}"' in page
        assert re.search(rf'<mark class="d1 st-[a-z]+" id="{ident}">', page)
    assert_balanced(page)


def test_conflict_quotes_sit_in_their_sentence() -> None:
    text = "First line. The mayor said the bridge was closed at noon. Later text."
    assert context(text, text.index("the bridge"), text.index(" at noon")) == (
        "The mayor said ", "the bridge was closed", " at noon.")
    assert context(text, 0, 11) == ("", "First line.", "")


def test_conflicts_show_each_side_with_sources() -> None:
    page = render_html(two_outlet_report()[0])
    sides = re.findall(r'<div class="side"><h5><span class="who">([^<]*)</span>', page)
    assert sides == ["Police", "Officials"]


def test_claims_show_status_counts_and_who_says_what() -> None:
    page = render_html(two_outlet_report()[0])
    assert re.search(r'<span class="badge disputed" title="[^"]+">disputed</span>', page)
    assert "2 outlets · 2 independent sources" in page
    assert '<span class="lbl sup">Supported by</span> Police' in page
    assert '<span class="lbl ref">Refuted by</span> Officials' in page


def test_header_counts_and_inferred_dates() -> None:
    page = render_html(two_outlet_report()[0])
    assert "<li><b>3</b><span>articles</span></li>" in page
    assert "<li><b>1</b><span>disputed claims</span></li>" in page
    assert re.search(r'<span class="kind" title="[^"]+">denial</span> 1', page)
    assert re.search(r'2025-06-09 <span class="inferred" title="[^"]+">\(inferred\)</span>', page)


# --- Timeline, map, matrix ------------------------------------------------------------


def test_timeline_is_in_date_order() -> None:
    report, a1, _ = two_outlet_report()
    m = mention(a1, "Police")
    entries = tuple(TimelineEntry(f"event {d}", (m,), w) for d, w in (
        ("c", When("2025-06-10")), ("a", When(start="2025-06-01", end="2025-06-30")),
        ("b", When("2025-06-02")), ("z", When("2024"))))
    story = Story("s-1", "t", ("a-1",), timeline=entries)
    page = render_html(Report(report.articles, (story,), "0.1.0"))
    assert re.findall(r"<time>([^<]*)</time>", page) == ["2024", "2025-06", "2025-06-02",
                                                         "2025-06-10"]


def test_dated_claims_stand_in_for_a_missing_timeline() -> None:
    page = render_html(two_outlet_report()[0])
    assert re.findall(r"<time>([^<]*)</time>", page) == ["2025-06-08"]
    assert when_text(When(start="2014-01-01", end="2014-12-31")) == "2014"


def test_map_has_a_marker_per_located_place() -> None:
    report, a1, _ = two_outlet_report()
    places = (Place("p-1", "Kyiv", 50.45, 30.52, feature="city"),
              Place("p-2", "Dnipro", 48.46, 35.04, feature="city"),
              Place("p-3", "Ukraine", 49.0, 32.0, feature="country"),
              Place("p-4", "Nowhere", None, None))
    story = Story("s-1", "t", ("a-1",), places=places)
    page = render_html(Report(report.articles, (story,), "0.1.0"))
    svg = re.search(r'<svg class="map".*?</svg>', page, re.S)
    assert svg is not None
    assert svg.group(0).count('<g class="marker') == 3
    assert '<line class="grat"' in svg.group(0)
    assert "<title>Kyiv" in svg.group(0)
    # country outlines drawn from bundled data, clipped to the frame: no tiles needed
    assert '<path class="land"' in svg.group(0) and "<title>Ukraine</title>" in svg.group(0)
    assert "clip-path=" in svg.group(0)
    assert 'Not located: Nowhere' in page
    assert_balanced(page)


def test_map_of_one_place_still_has_an_area() -> None:
    story = Story("s-1", "t", (), places=(Place("p-1", "Solo", 10.0, 10.0),))
    page = render_html(Report((), (story,), "0.1.0"))
    assert re.search(r'<circle cx="400\.0" cy="230\.0"', page)


def test_matrix_marks_supports_refutes_and_omissions() -> None:
    page = render_html(two_outlet_report()[0])
    table = re.search(r'<table class="matrix">.*?</table>', page, re.S)
    assert table is not None
    heads = re.findall(r'<th class="col" title="[^"]*"><span>([^<]*)</span></th>', table.group(0))
    assert heads == ["Daily One", "Second Post", "Third Wire"]
    rows = re.findall(r"<tr><td><a href=\"#(c-\d)\">.*?</tr>", table.group(0))
    assert rows == ["c-1"]  # single-source claims are left out
    cells = re.findall(r'<td class="c (\w+)">([^<]*)</td>', table.group(0))
    assert cells == [("sup", "✓"), ("ref", "✗"), ("om", "")]


# --- Whole page -----------------------------------------------------------------------


def big_report(articles: int = 50, claims: int = 2000) -> Report:
    """One story with many articles and claims, each claim in three outlets."""
    sentence = "Officials said the bridge at Kherson was hit {n} times on Monday. "
    docs = tuple(Article(f"a-{i}", f"{i}.txt", "".join(sentence.format(n=n) for n in range(80)),
                         outlet=f"Outlet {i}", title=f"Report {i}", published="2025-06-08")
                 for i in range(articles))
    out = []
    for c in range(claims):
        picks = [docs[(c + k) % articles] for k in range(3)]
        ms = tuple(mention(d, sentence.format(n=c % 80).strip(), ("supports", "refutes")[k == 2],
                           f"src-{k}") for k, d in enumerate(picks))
        out.append(Claim(f"c-{c}", f"claim {c}", ("corroborated", "disputed")[c % 2], ms, 3, 2,
                         When(f"2025-06-{c % 28 + 1:02d}")))
    places = tuple(Place(f"p-{i}", f"Town {i}", 45 + i / 10, 30 + i / 7) for i in range(40))
    conflicts = tuple(Conflict(f"x-{i}", "quantity", "counts differ",
                               (ConflictSide("one", out[i].mentions[:2]),
                                ConflictSide("two", out[i].mentions[2:]))) for i in range(100))
    sources = tuple(Source(f"src-{k}", f"Source {k}") for k in range(3))
    story = Story("s-1", "Big", tuple(d.id for d in docs), None, tuple(out), conflicts, (),
                  places, sources)
    return Report(docs, (story,), "0.1.0", "now")


def test_big_story_renders_quickly_and_deterministically() -> None:
    report = big_report()
    started = time.perf_counter()
    page = render_html(report)
    elapsed = time.perf_counter() - started
    assert elapsed < 1.0, f"render took {elapsed:.2f}s"
    assert page == render_html(report)
    assert page.count('<li class="claim"') == 2000
    assert page.count('<g class="marker') == 40


@pytest.mark.skipif(not EXAMPLE.is_dir(), reason="example corpus not available")
def test_real_pipeline_output_renders() -> None:
    from rashomon.engine.pipeline import analyze

    report = analyze([str(EXAMPLE)])
    page = render_html(report)
    assert_balanced(page)
    assert page.count('<article class="doc"') == len(report.articles)
    for story in report.stories:
        for claim in story.claims:
            for m in claim.mentions:
                assert f'id="{m.article_id}-{m.start}"' in page
