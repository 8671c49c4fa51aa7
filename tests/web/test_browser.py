"""The web app in a real browser: Playwright drives Debian's chromium against a uvicorn
server started in a background thread on a free port of 127.0.0.1.

Skips cleanly when playwright, chromium or ../shared is missing. The databases are
built once per module through the real pipeline (about a minute for both corpora).
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from rashomon.options import Options
from rashomon.store.database import add_inputs

from ..conftest import SHARED

sync_api = pytest.importorskip("playwright.sync_api")
uvicorn = pytest.importorskip("uvicorn")

from rashomon.web import WebConfig, create_app  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
# Screenshots go here (RASHOMON_TEST_ARTIFACTS moves them out of the working tree).
ARTIFACTS = Path(os.environ.get("RASHOMON_TEST_ARTIFACTS")
                 or Path(__file__).resolve().parents[2] / "test-artifacts")
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "ferry-grounding"
SEEDS = SHARED / "seeds"
DEV = SHARED / "eval" / "dev" / "articles"
# A further report of the seeds' event, to upload through the form.
UPLOAD = """Russian troops push into Dnipropetrovsk region

Russian forces crossed from the Donetsk region into Ukraine's Dnipropetrovsk region on
Sunday, Russia's Ministry of Defense said, in what it called a new offensive. Units of the
90th Tank Division reached the western border of Donetsk and advanced into Dnipropetrovsk,
the ministry said. Ukrainian officials denied that Russian troops had taken any territory
in the Dnipropetrovsk region and said fighting continued near the regional border.
Ukrainian authorities ordered the evacuation of civilians from villages near the border
in April. Analysts said Novopavlivka, a logistics hub, could be the next target.
"""


class Server:
    """A uvicorn server for one database, run in a daemon thread."""

    def __init__(self, db: Path) -> None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        app = create_app(WebConfig(db, port=self.port))
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        """The server's address."""
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Server:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def _built(folder: Path, db: Path) -> Path:
    if not folder.is_dir():
        pytest.skip(f"{folder} is not available")
    add_inputs(db, [str(folder)], Options(show_progress=False))
    return db


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium (/usr/bin/chromium) is not installed")
    with sync_api.sync_playwright() as pw:
        try:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        except sync_api.Error as exc:
            pytest.skip(f"chromium does not start here: {exc}")
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def seeds_server(tmp_path_factory: pytest.TempPathFactory, browser: Any) -> Iterator[Server]:
    db = _built(SEEDS, tmp_path_factory.mktemp("seeds") / "seeds.db")
    with Server(db) as server:
        yield server


@pytest.fixture(scope="module")
def dev_server(tmp_path_factory: pytest.TempPathFactory, browser: Any) -> Iterator[Server]:
    db = _built(DEV, tmp_path_factory.mktemp("dev") / "dev.db")
    with Server(db) as server:
        yield server


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    yield page
    context.close()
    assert errors == [], errors  # no script errors and no resource refused by the policy


def _first_story(page: Any, server: Server) -> str:
    page.goto(server.url + "/")
    link = page.locator("table.story-list a").first
    link.click()
    page.wait_for_load_state()
    return str(page.url)


def _screenshot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("details").evaluate_all("els => els.forEach(d => d.open = true)")
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def test_seeds_story_shows_conflicts_timeline_and_map(page: Any, seeds_server: Server) -> None:
    url = _first_story(page, seeds_server)
    assert "/stories/s-" in url
    conflicts = page.locator("div.conflict")
    assert conflicts.count() > 0
    first = conflicts.first
    assert first.locator("div.side").count() >= 2 and first.locator("blockquote mark").count()
    assert page.locator("ol.timeline > li").count() > 0
    markers = page.locator("svg.map g.marker")
    assert markers.count() > 0 and markers.first.locator("circle").is_visible()
    assert page.locator("table.matrix tbody tr").count() > 0
    # The claim filter (the report's script) works on the served page too.
    page.locator("button[data-status=disputed]").click()
    shown = page.locator("li.claim:visible")
    assert shown.count() > 0 and shown.count() == page.locator(
        "li.claim[data-status=disputed]").count()
    page.locator("button[data-status=all]").click()
    _screenshot(page, "seeds-story.png")
    # A quote opens its article with the quoted words highlighted.
    quote = first.locator("blockquote a.q").first
    words = quote.locator("mark").inner_text()
    quote.click()
    page.wait_for_load_state()
    assert "/articles/" in page.url
    # The mark where the quote starts is the link's target; marks of other claims'
    # sentences may cut the quote into several segments.
    target = page.locator(f"div.text mark[id='{page.url.rsplit('#', 1)[1]}']")
    assert target.is_visible() and words.startswith(target.inner_text())


def test_search_finds_a_claim(page: Any, seeds_server: Server) -> None:
    story = page.request.get(seeds_server.url + "/api/stories").json()["stories"][0]
    claims = page.request.get(f"{seeds_server.url}/api/stories/{story['id']}").json()["claims"]
    claim = max(claims, key=lambda c: len(c["text"]))
    words = [w.strip(".,;:“”\"'’()") for w in claim["text"].split()]
    query = " ".join(sorted((w for w in words if w.isalpha()), key=len)[-2:])
    page.goto(seeds_server.url + "/")
    page.get_by_label("Search").fill(query)
    page.get_by_role("button", name="Search").click()
    page.wait_for_load_state()
    hits = page.locator("li.hit.claim a")
    assert hits.count() > 0, query
    hits.first.click()
    page.wait_for_load_state()
    assert f"/stories/{story['id']}#" in page.url
    claim_id = page.url.rsplit("#", 1)[1]
    assert page.locator(f"li.claim[id='{claim_id}']").is_visible()


def test_uploaded_article_appears_in_its_story(page: Any, seeds_server: Server,
                                               tmp_path: Path) -> None:
    before = page.request.get(seeds_server.url + "/api/stories").json()["stories"][0]
    upload = tmp_path / "dnipro-push.txt"
    upload.write_text(UPLOAD, encoding="utf-8")
    page.goto(seeds_server.url + "/add")
    page.get_by_label("Files").set_input_files(str(upload))
    with page.expect_navigation(timeout=120_000):
        page.get_by_role("button", name="Add").click()
    assert "/stories/" in page.url, page.locator("main").inner_text()
    assert page.locator("details#articles a", has_text="Russian troops push").count() == 1
    # It joined the seeds' story: every earlier article is still listed beside it.
    assert page.locator("details#articles tbody tr").count() == before["articles"] + 1
    stories = page.request.get(seeds_server.url + "/api/stories").json()["stories"]
    assert len(stories) == 1 and stories[0]["articles"] == before["articles"] + 1


def test_dev_corpus_story_screenshot(page: Any, dev_server: Server) -> None:
    stories = page.request.get(dev_server.url + "/api/stories").json()["stories"]
    biggest = max(stories, key=lambda s: (s["conflicts"], s["articles"]))
    page.goto(f"{dev_server.url}/stories/{biggest['id']}")
    assert page.locator("div.conflict").count() == biggest["conflicts"]
    _screenshot(page, "dev-story.png")
    assert (ARTIFACTS / "dev-story.png").stat().st_size > 10_000



# A 1×1 PNG: the tile server's answer when the test plays "online".
_PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
                     "0000000b49444154789c63f80f040009fb03fdfb5e6b2b0000000049454e44ae426082")


def test_map_tiles_load_only_when_the_reader_asks(page: Any, seeds_server: Server) -> None:
    asked: list[str] = []

    def tile(route: Any) -> None:
        asked.append(route.request.url)
        route.fulfill(status=200, content_type="image/png", body=_PNG)

    page.route("https://tile.openstreetmap.org/**", tile)
    _first_story(page, seeds_server)
    page.locator("details").evaluate_all("els => els.forEach(d => d.open = true)")
    assert page.locator("svg.map path.land").count() > 0  # outlines without any tile
    page.wait_for_timeout(300)
    assert asked == []
    button = page.locator("button.tiles-toggle").first
    button.click()
    # Locator waits, not wait_for_function: polling a string predicate needs eval, which
    # the page's CSP forbids (it only worked when the first evaluation was already true).
    page.locator("svg.map.tiled").first.wait_for()
    page.wait_for_timeout(500)
    assert asked and all(u.endswith(".png") for u in asked)
    assert page.locator(".tiles-credit").first.is_visible()
    button.click()
    assert page.locator("svg.map.tiled").count() == 0


def test_map_tiles_offline_fall_back_to_outlines(browser: Any, seeds_server: Server) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
    _first_story(page, seeds_server)
    page.locator("details").evaluate_all("els => els.forEach(d => d.open = true)")
    page.locator("button.tiles-toggle").first.click()
    sync_api.expect(page.locator("button.tiles-toggle").first).to_contain_text("unavailable")
    assert page.locator("svg.map.tiled").count() == 0
    assert page.locator("svg.map path.land").first.is_visible()
    context.close()


# --- pages that explain themselves and lead the reader ---------------------------------


@pytest.fixture(scope="module")
def example_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from rashomon.engine.pipeline import analyze
    from rashomon.report.html import render_html

    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(render_html(analyze([str(EXAMPLE)], Options(show_progress=False))),
                    encoding="utf-8")
    return path


def _legend_opens(page: Any) -> None:
    legend = page.locator("details.legend")
    assert legend.count() == 1 and not legend.get_attribute("open")
    assert not legend.locator("dd").first.is_visible()
    legend.locator("summary").click()
    assert legend.locator("dt", has_text="corroborated").is_visible()
    assert "two or more independent origins" in legend.inner_text()


def test_report_legend_tooltips_and_quiet_highlighting(page: Any, example_report: Path) -> None:
    page.goto(example_report.as_uri())
    _legend_opens(page)
    for badge in page.locator(".badge, .kind").all()[:50]:
        assert len(badge.get_attribute("title") or "") > 20
    text = page.locator("div.text").first
    assert "quiet" in (text.get_attribute("class") or "")
    assert page.locator("div.text mark.st-sup, div.text mark.st-ref").count() > 0
    page.locator("button[data-marks]").click()
    assert "quiet" not in (text.get_attribute("class") or "")
    page.locator("button[data-marks]").click()
    _screenshot(page, "report.png")


def test_matrix_shows_whole_outlet_names(page: Any, example_report: Path) -> None:
    page.goto(example_report.as_uri())
    heads = page.locator("table.matrix th.col span").evaluate_all(
        "els => els.map(e => [e.textContent, e.parentElement.title, e.scrollHeight,"
        " e.clientHeight, e.getBoundingClientRect().top"
        " - e.closest('.matrix-wrap').getBoundingClientRect().top])")
    assert len(heads) >= 5 and any("–" in text for text, *_ in heads)  # "Nightdesk – …"
    for text, title, scroll, client, top in heads:
        assert text == title and scroll <= client + 1 and top >= 0, text


def test_story_page_legend_and_conflict_cards(page: Any, seeds_server: Server) -> None:
    _first_story(page, seeds_server)
    _legend_opens(page)
    card = page.locator("div.conflict").first
    assert card.locator("p.why").inner_text().startswith("Why this is a conflict:")
    assert card.locator("h5 .who").first.inner_text()
    _screenshot(page, "story.png")


def test_article_claims_and_source_pages_link_together(page: Any, seeds_server: Server) -> None:
    story_url = _first_story(page, seeds_server)
    page.locator("details#articles tbody a").first.click()
    page.wait_for_load_state()
    assert "/articles/" in page.url
    claims = page.locator("#article-claims li.claim")
    assert claims.count() > 0 and claims.first.locator(".badge").count() == 1
    _screenshot(page, "article.png")
    source = page.locator("#article-claims a.source").first
    name = source.inner_text()
    source.click()
    page.wait_for_load_state()
    assert "/sources/src-" in page.url and page.locator("h2").inner_text() == name
    said = page.locator("#source-said li.claim")
    assert said.count() > 0 and said.first.locator("span.lbl").count() == 1
    _screenshot(page, "source.png")
    said.first.locator("a.claim-text").click()
    page.wait_for_load_state()
    assert page.url.startswith(story_url.split("#")[0] + "#c-")
    assert page.locator(f"li.claim[id='{page.url.rsplit('#', 1)[1]}']").is_visible()


def _column(page: Any, index: int) -> list[int]:
    cells = page.locator(f"table.story-list tbody tr:visible td:nth-child({index})")
    return [int(t) for t in cells.all_inner_texts()]


def test_home_page_sorts_and_filters_stories(page: Any, dev_server: Server) -> None:
    page.goto(dev_server.url + "/")
    assert page.locator("section.intro").is_visible()
    rows = page.locator("table.story-list tbody tr")
    assert rows.count() > 1
    page.locator("th", has_text="Articles").click()
    counts = _column(page, 3)
    assert counts == sorted(counts, reverse=True)
    page.locator("th", has_text="Articles").click()
    assert _column(page, 3) == sorted(counts)
    page.locator("th", has_text="Conflicts").click()
    conflicts = _column(page, 7)
    assert conflicts == sorted(conflicts, reverse=True)
    title = rows.first.locator("td").first.inner_text()
    page.get_by_label("Filter stories").fill(title)
    assert 1 <= page.locator("table.story-list tbody tr:visible").count() < rows.count()
    _screenshot(page, "home.png")
