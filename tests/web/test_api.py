"""The web app's JSON API and pages through FastAPI's TestClient: every endpoint, the
errors, the token rule, URL refusal without any network, and the 50-article timing."""

from __future__ import annotations

import json
import re
import socket
import sqlite3
import time
from contextlib import closing
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from rashomon.cli import cli
from rashomon.errors import UsageError
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
from rashomon.store.database import connect
from rashomon.store.rows import write_report

fastapi = pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from rashomon.errors import RefusedError  # noqa: E402
from rashomon.web import WebConfig, check_bind, create_app  # noqa: E402
from rashomon.web.safe_fetch import check_url  # noqa: E402

HTML = {"accept": "text/html"}
N_ARTICLES = 50
ARTICLE_TEXT = (
    "Officials in Harbourton said on Monday that the ferry Northern Star ran aground near "
    "Kelp Point with 212 passengers aboard. The coast guard said all passengers were rescued. "
    "The ferry operator said the vessel had passed its last inspection in March, but a union "
    "spokesman disputed that, saying the inspection was postponed. Divers will examine the "
    "hull on Tuesday, the harbour master said.")


# --- a synthetic store: one story of 50 articles, written straight into the tables ------


def _sentence(i: int) -> str:
    return (f"Officials said {100 + i} people were evacuated from Riverton on day {i}. "
            f"A spokesman denied that the dam gate {i} had failed. ")


def _article(i: int) -> Article:
    text = "".join(_sentence(j) for j in range(i, i + 20))
    return Article(f"a-{i:04d}", f"outlet{i}/story.txt", text, outlet=f"Outlet {i % 17}",
                   title=f"Flood report {i}", published=f"2024-05-{1 + i % 28:02d}",
                   published_from="metadata", language="en")


def _mention(article: Article, k: int, stance: str = "supports") -> Mention:
    start = article.text.index(f"on day {k + int(article.id[2:])}.")
    end = start + len("on day 1.")
    return Mention(article.id, start, end, article.text[start:end], stance,  # type: ignore[arg-type]
                   "src-1", None, When(date=article.published))


def synthetic_report(n: int = N_ARTICLES) -> Report:
    """A plausible big story: 50 articles, 400 claims, conflicts, timeline, places."""
    articles = [_article(i) for i in range(n)]
    claims = []
    for c in range(400):
        members = [articles[(c + j) % n] for j in range(6)]
        mentions = tuple(_mention(a, c % 5, "refutes" if j == 5 else "supports")
                         for j, a in enumerate(members))
        status = ("disputed", "corroborated", "single-source")[c % 3]
        claims.append(Claim(f"c-{c:04d}", f"Claim number {c} about the Riverton flood", status,
                            mentions, 6, 4, When(date=f"2024-05-{1 + c % 28:02d}"),
                            ("p-1",)))
    sides = (ConflictSide("says yes", claims[0].mentions[:3], ("src-1",)),
             ConflictSide("says no", claims[0].mentions[3:], ()))
    conflicts = tuple(Conflict(f"x-{k}", "denial", f"Did gate {k} fail?", sides,
                               ("c-0000", "c-0001")) for k in range(10))
    timeline = tuple(TimelineEntry(c.text, c.mentions, c.when or When(), c.id)
                     for c in claims[:60])
    places = tuple(Place(f"p-{k}", f"Town {k}", 48.0 + k / 10, 17.0 + k / 7,
                         country="SK", feature="city", mentions=claims[k].mentions)
                   for k in range(12))
    sources = (Source("src-1", "Flood office", "official"),)
    story = Story("s-synthetic", "Riverton flood", tuple(a.id for a in articles),
                  When(start="2024-05-01", end="2024-05-28"), tuple(claims), conflicts,
                  timeline, places, sources)
    return Report(tuple(articles), (story,), "0.1.0", "2024-06-01T00:00:00Z")


def write_store(path: Path, report: Report) -> None:
    """Store ``report`` and its articles as `rashomon add` would have."""
    with closing(connect(path)) as conn:
        conn.execute("BEGIN IMMEDIATE")
        for a in report.articles:
            conn.execute(
                "INSERT INTO articles (id, address, path, url, outlet, title, byline, published,"
                " published_from, language, text, content_hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (a.id, a.path, a.path, a.url, a.outlet, a.title, a.byline, a.published,
                 a.published_from, a.language, a.text, a.id))
            conn.execute("INSERT INTO articles_fts (article_id, title, text) VALUES (?, ?, ?)",
                         (a.id, a.title or "", a.text))
        write_report(conn, report, None)
        conn.execute("COMMIT")


@pytest.fixture(scope="module")
def big_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web") / "big.db"
    write_store(path, synthetic_report())
    return path


@pytest.fixture(scope="module")
def client(big_db: Path) -> TestClient:
    return TestClient(create_app(WebConfig(big_db)))


def _error(response: httpx.Response, status: int, code: str) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["error"]["code"] == code
    return str(body["error"]["message"])


# --- reading ------------------------------------------------------------------------------


def test_stories_list(client: TestClient) -> None:
    stories = client.get("/api/stories").json()["stories"]
    assert stories == [{"id": "s-synthetic", "title": "Riverton flood",
                        "period": "2024-05-01 – 2024-05-28", "articles": 50, "outlets": 17,
                        "claims": 400,
                        "disputed_claims": 134, "conflicts": 10}]


def test_story_is_the_report_story(client: TestClient) -> None:
    story = client.get("/api/stories/s-synthetic").json()
    assert story == synthetic_report().stories[0].to_dict()
    _error(client.get("/api/stories/s-nope"), 404, "not_found")


def test_article(client: TestClient) -> None:
    article = client.get("/api/articles/a-0003").json()
    assert article["title"] == "Flood report 3" and article["story_ids"] == ["s-synthetic"]
    assert "no article 'a-nope'" in _error(client.get("/api/articles/a-nope"), 404, "not_found")


def test_report_matches_the_schema(client: TestClient, shared: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    report = client.get("/api/report").json()
    assert report["schema"] == "rashomon.report/1" and len(report["articles"]) == N_ARTICLES
    schema = json.loads((shared / "spec" / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(report, schema)


def test_search(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "Claim number 17"}).json()["hits"]
    assert hits[0]["kind"] == "claim" and hits[0]["story_id"] == "s-synthetic"
    assert "[17]" in hits[0]["snippet"]
    articles = client.get("/api/search", params={"q": "Riverton evacuated"}).json()["hits"]
    assert any(h["kind"] == "article" for h in articles)
    _error(client.get("/api/search"), 400, "bad_query")
    _error(client.get("/api/search", params={"q": "   "}), 400, "bad_query")
    _error(client.get("/api/search", params={"q": "x" * 300}), 400, "bad_query")
    # FTS5 syntax in user text is searched for, never parsed.
    assert client.get("/api/search", params={"q": 'AND "( NEAR'}).status_code == 200


def test_unknown_route_and_validation_errors_are_json(client: TestClient) -> None:
    _error(client.get("/api/nothing-here"), 404, "not_found")
    _error(client.get("/api/search", params={"q": "a", "limit": "many"}), 422, "bad_request")


def test_pages(client: TestClient) -> None:
    index = client.get("/", headers=HTML).text
    assert "Riverton flood" in index and 'href="/stories/s-synthetic"' in index
    found = client.get("/", params={"q": "number 17"}, headers=HTML).text
    assert 'href="/stories/s-synthetic#c-0017"' in found and "<mark>17</mark>" in found
    page = client.get("/stories/s-synthetic", headers=HTML)
    assert page.headers["content-security-policy"].startswith("default-src 'none'")
    for part in ('class="conflict"', 'class="badge disputed"', 'ol class="timeline"',
                 'class="marker city"', 'table class="matrix"'):
        assert part in page.text
    article = client.get("/articles/a-0002", params={"start": 10, "end": 30}, headers=HTML).text
    assert re.search(r'<mark class="d\d st-target" id="a-0002-10">', article)
    missing = client.get("/stories/s-nope", headers=HTML)
    assert missing.status_code == 404 and "no story" in missing.text
    assert "<form" in client.get("/add", headers=HTML).text
    assert client.get("/assets/report.css").status_code == 200
    assert "/api/stories" in client.get("/openapi.json").json()["paths"]
    assert client.get("/docs").status_code == 200


def test_story_page_has_the_legend_and_badge_tooltips(client: TestClient) -> None:
    page = client.get("/stories/s-synthetic", headers=HTML).text
    assert page.index('<details class="legend"') < page.index('<details class="sec"')
    badges = re.findall(r'<span class="(?:badge [a-z-]+|kind)"[^>]*>', page)
    assert badges and all(re.search(r' title="[^"]{20,}"', b) for b in badges)


def test_story_page_links_speakers_to_their_source_page(client: TestClient) -> None:
    page = client.get("/stories/s-synthetic", headers=HTML).text
    card = page[page.index('<div class="conflict"'):page.index('<div class="sides">')]
    side = page[page.index('<div class="side">'):]
    assert "Why this is a conflict" in card
    assert side.startswith('<div class="side"><h5><span class="who"><a class="source" '
                           'href="/sources/src-1">Flood office</a>')
    assert '<span class="lbl sup">Supported by</span> <a class="source" href="/sources/src-1">' \
        in page


def test_home_page_explains_and_lists_stories_sortably(client: TestClient) -> None:
    page = client.get("/", headers=HTML).text
    assert '<section class="intro">' in page and "<b>claim</b>" in page
    assert 'table class="story-list sortable"' in page and 'data-filter="story-list"' in page
    heads = re.findall(r'<th data-sort="(\w+)"[^>]*><button type="button">([^<]+)</button>', page)
    assert [h for _, h in heads] == ["Story", "When", "Articles", "Outlets", "Claims",
                                      "Disputed claims", "Conflicts"]
    assert '<td class="n">17</td>' in page  # outlets


def test_article_page_lists_its_claims_and_conflicts(client: TestClient) -> None:
    page = client.get("/articles/a-0002", headers=HTML).text
    claims = re.findall(r'<li class="claim" data-status="([a-z-]+)">', page)
    # Claims c take articles c..c+5 (mod 50): article 2 is in 6 of every 50.
    assert len(claims) == 6 * 8 and claims == sorted(claims, key=["disputed", "corroborated",
                                                                   "single-source"].index)
    assert 'href="/stories/s-synthetic#c-0002"' in page
    assert 'href="/sources/src-1">Flood office</a>' in page
    assert page.count('href="/stories/s-synthetic#x-') == 10
    assert "data-marks" in page and 'class="d1 st-' in page


def test_source_page_lists_what_it_said_with_stances(client: TestClient) -> None:
    page = client.get("/sources/src-1", headers=HTML).text
    assert "<h2>Flood office</h2>" in page
    statements = re.findall(r'<span class="lbl (sup|ref|unc)">', page)
    assert len(statements) == 400 * 6 and statements.count("ref") == 400
    assert 'href="/stories/s-synthetic#c-0399"' in page and 'href="/articles/a-00' in page
    assert "states 2000, denies 400, hedges 0" in page
    missing = client.get("/sources/src-nope", headers=HTML)
    assert missing.status_code == 404 and "no source" in missing.text
    data = client.get("/api/sources/src-1").json()
    assert data["name"] == "Flood office" and len(data["statements"]) == 2400
    first = data["statements"][0]
    assert first["story_id"] == "s-synthetic" and first["mention"]["source_id"] == "src-1"
    assert len(data["conflicts"]) == 10
    _error(client.get("/api/sources/src-nope"), 404, "not_found")


def test_api_reference_works_offline(client: TestClient) -> None:
    page = client.get("/docs", headers=HTML)
    assert page.status_code == 200
    assert page.headers["content-security-policy"].startswith("default-src 'none'")
    for path in client.get("/openapi.json").json()["paths"]:
        assert f"<code>{path}</code>" in page.text
    assert "cdn" not in page.text.lower() and "<script src=\"http" not in page.text


def test_story_page_with_50_articles_renders_under_a_second(client: TestClient) -> None:
    timings = []
    for _ in range(3):
        start = time.perf_counter()
        response = client.get("/stories/s-synthetic", headers=HTML)
        timings.append(time.perf_counter() - start)
        assert response.status_code == 200
    print(f"50-article story page: first {timings[0] * 1000:.0f} ms, "
          f"best {min(timings) * 1000:.0f} ms, {len(response.content) // 1024} KiB")
    assert timings[0] < 1.0


# --- bad uploads ---------------------------------------------------------------------------


@pytest.fixture
def small(tmp_path: Path) -> TestClient:
    return TestClient(create_app(WebConfig(tmp_path / "small.db", max_upload=2000,
                                           allow_fetch=True)))


def test_oversized_upload(small: TestClient) -> None:
    big = {"files": ("big.txt", b"word " * 1000, "text/plain")}
    assert "big.txt" in _error(small.post("/api/articles", files=big), 413, "too_large")
    huge = {"files": ("huge.txt", b"word " * 20_000, "text/plain")}
    _error(small.post("/api/articles", files=huge), 413, "too_large")
    _error(small.post("/api/articles", json={"text": "x" * 100_000}), 413, "too_large")


def test_default_upload_limit_is_5_mb(client: TestClient) -> None:
    data = b"a" * (5 * 1024 * 1024 + 100_000)
    _error(client.post("/api/articles", files={"files": ("big.txt", data)}), 413, "too_large")


def test_malformed_files(small: TestClient) -> None:
    bad_json = {"files": ("feed.json", b'{"title": "x", "text": ', "application/json")}
    message = _error(small.post("/api/articles", files=bad_json), 422, "bad_request")
    assert "feed.json" in message and "malformed JSON" in message
    bad_csv = {"files": ("rows.csv", b"title,url\nA,http://a.example\nB,http://b.example\n",
                         "text/csv")}
    message = _error(small.post("/api/articles", files=bad_csv), 422, "bad_request")
    assert "rows.csv" in message
    assert "rashomon-web-" not in message  # the temporary folder never shows


def test_bad_json_bodies(small: TestClient) -> None:
    headers = {"content-type": "application/json"}
    assert "malformed JSON" in _error(
        small.post("/api/articles", content=b"{nope", headers=headers), 422, "bad_request")
    _error(small.post("/api/articles", json=["a list"]), 422, "bad_request")
    _error(small.post("/api/articles", json={"title": "no text"}), 422, "bad_request")
    _error(small.post("/api/articles", json={"text": "t", "title": 5}), 422, "bad_request")
    _error(small.post("/api/articles", content=b"plain", headers={"content-type": "text/plain"}),
           422, "bad_request")
    _error(small.post("/api/articles", files={}, data={"x": "1"}), 422, "bad_request")


# --- URL fetching refuses private addresses before connecting ------------------------------


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    attempts: list[str] = []

    def refuse(self: httpx.Client, request: httpx.Request, **_: object) -> httpx.Response:
        attempts.append(str(request.url))
        raise AssertionError("no connection may be opened")

    monkeypatch.setattr(httpx.Client, "send", refuse)
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: attempts.append(str(a)))
    return attempts


@pytest.mark.parametrize("url", ["http://127.0.0.1/admin", "http://localhost:8080/",
                                 "http://10.1.2.3/", "http://169.254.169.254/latest/meta-data",
                                 "http://[::1]/", "http://0.0.0.0/", "http://192.168.1.1/",
                                 "http://[::ffff:127.0.0.1]/", "ftp://example.com/a"])
def test_private_urls_are_refused_before_connecting(small: TestClient, no_network: list[str],
                                                    url: str) -> None:
    response = small.post("/add", data={"url": url})
    assert "refused" in _error(response, 403, "refused") or url.startswith("ftp")
    assert no_network == []


def test_a_name_with_any_private_address_is_refused() -> None:
    def resolver(host: str, port: int) -> list[str]:
        return ["93.184.215.14", "10.0.0.7"]

    with pytest.raises(RefusedError, match="private"):
        check_url("https://news.example/story", resolver)
    check_url("https://news.example/story", lambda h, p: ["93.184.215.14"])


def test_fetching_is_off_by_default(client: TestClient, no_network: list[str]) -> None:
    message = _error(client.post("/add", data={"url": "https://example.com/"}), 403, "refused")
    assert "--allow-fetch" in message and no_network == []


# --- the token and bind rule ----------------------------------------------------------------


def test_bind_rule(tmp_path: Path) -> None:
    for host in ("127.0.0.1", "localhost", "::1", "127.0.0.2"):
        check_bind(WebConfig(tmp_path / "x.db", host=host))
    for host in ("0.0.0.0", "192.168.1.10", "example.org", "::"):
        with pytest.raises(UsageError, match="--token"):
            check_bind(WebConfig(tmp_path / "x.db", host=host))
    check_bind(WebConfig(tmp_path / "x.db", host="0.0.0.0", token="s3cret-token"))


def test_serve_refuses_a_public_bind_without_a_token(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RASHOMON_TOKEN", raising=False)
    db = str(tmp_path / "x.db")
    result = CliRunner().invoke(cli, ["serve", "--db", db, "--host", "0.0.0.0"])
    assert result.exit_code == 2  # a usage error, as the README says
    assert "--token" in result.output and "Traceback" not in result.output
    assert not Path(db).exists()  # refused before anything was opened


def test_token_is_required_everywhere(big_db: Path) -> None:
    app = create_app(WebConfig(big_db, host="0.0.0.0", token="s3cret-token"))
    anonymous = TestClient(app)
    _error(anonymous.get("/api/stories"), 401, "unauthorized")
    _error(anonymous.get("/api/stories", headers={"authorization": "Bearer wrong-token"}),
           401, "unauthorized")
    assert anonymous.get("/", headers=HTML).status_code == 401
    bearer = {"authorization": "Bearer s3cret-token"}
    assert anonymous.get("/api/stories", headers=bearer).status_code == 200
    browser = TestClient(app)
    assert browser.get("/", params={"token": "s3cret-token"}, headers=HTML).status_code == 200
    # The first page sets a cookie, so the links inside the pages work without the token.
    assert browser.get("/stories/s-synthetic", headers=HTML).status_code == 200


def test_cross_site_posts_are_refused(client: TestClient) -> None:
    response = client.post("/add", data={"text": "x"}, headers={"origin": "https://evil.example"})
    _error(response, 403, "cross_site")


# --- adding through the real pipeline --------------------------------------------------------


def test_add_json_and_upload(tmp_path: Path) -> None:
    client = TestClient(create_app(WebConfig(tmp_path / "new.db")))
    assert client.get("/api/stories").json() == {"stories": []}
    assert client.get("/api/report").json()["stories"] == []
    body = {"text": ARTICLE_TEXT, "title": "Ferry aground", "url": "https://news.example/f",
            "published": "2024-03-04"}
    added = client.post("/api/articles", json=body)
    assert added.status_code == 201, added.text
    first = added.json()
    assert first["added"] == first["article_ids"] and first["story_id"]
    story = client.get(f"/api/stories/{first['story_id']}").json()
    assert first["article_ids"][0] in story["article_ids"] and story["claims"]
    article = client.get(f"/api/articles/{first['article_ids'][0]}").json()
    assert article["url"] == "https://news.example/f" and article["published"] == "2024-03-04"
    again = client.post("/api/articles", json=body).json()
    assert again["added"] == [] and again["story_id"] == first["story_id"]
    text = ARTICLE_TEXT.replace("212", "214").encode()
    upload = client.post("/api/articles", files={"files": ("ferry.txt", text, "text/plain")})
    assert upload.status_code == 201 and upload.json()["story_id"]
    form = client.post("/add", data={"text": ARTICLE_TEXT + " More later.", "title": "Update"},
                       follow_redirects=False)
    assert form.status_code == 303 and form.headers["location"].startswith("/stories/")


def test_pages_admit_images_from_the_tile_server_only(big_db: Path) -> None:
    default = TestClient(create_app(WebConfig(big_db))).get("/", headers=HTML)
    assert "img-src 'self' data: https://tile.openstreetmap.org;" in default.headers[
        "content-security-policy"]
    story = TestClient(create_app(WebConfig(big_db))).get("/stories/s-synthetic", headers=HTML)
    assert 'class="tiles-toggle"' in story.text and "data-src=\"https://tile." in story.text
    off = TestClient(create_app(WebConfig(big_db, map_tiles=None)))
    assert "img-src 'self' data:;" in off.get("/", headers=HTML).headers[
        "content-security-policy"]
    assert "tiles-toggle" not in off.get("/stories/s-synthetic", headers=HTML).text


def test_long_uploads_are_analysed_in_pieces_or_refused_past_the_cap(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from rashomon.annotate.nlp import load_nlp

    # spaCy's limit brought down to what a test can parse: the upload is over it.
    monkeypatch.setattr(load_nlp(), "max_length", 2000)
    client = TestClient(create_app(WebConfig(tmp_path / "long.db")))
    text = ((ARTICLE_TEXT + "\n\n") * 12).encode()
    upload = client.post("/api/articles", files={"files": ("long.txt", text, "text/plain")})
    assert upload.status_code == 201, upload.text
    over = ("The ferry ran aground. " * 100_000).encode()  # 2.3 MB: over the 1,000,000 cap
    message = _error(client.post("/api/articles", files={"files": ("huge.txt", over)}),
                     422, "bad_request")
    assert "huge.txt" in message and "--max-article-chars" in message


# --- limits, methods and edges (issue 25) ----------------------------------------------------


def test_chunked_uploads_over_the_limit_are_413(small: TestClient) -> None:
    def chunks() -> object:
        for _ in range(100):  # 100 KB: past the limit and the multipart slack
            yield b"word " * 200  # 1,000 bytes a chunk, no declared length

    boundary = "b0undary"
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; "
            "filename=\"big.txt\"\r\nContent-Type: text/plain\r\n\r\n").encode()

    def multipart() -> object:
        yield head
        yield from chunks()  # type: ignore[misc]
        yield f"\r\n--{boundary}--\r\n".encode()

    kind = {"content-type": f"multipart/form-data; boundary={boundary}"}
    _error(small.post("/api/articles", content=multipart(), headers=kind), 413, "too_large")
    _error(small.post("/add", content=multipart(), headers=kind), 413, "too_large")
    json_kind = {"content-type": "application/json"}
    _error(small.post("/api/articles", content=chunks(), headers=json_kind), 413, "too_large")


def test_pasted_text_may_be_as_large_as_the_form_says(tmp_path: Path) -> None:
    client = TestClient(create_app(WebConfig(tmp_path / "paste.db", max_upload=3_000_000)))
    # 1.2 MB in one form field, over starlette's 1 MB default for a part (the spaces are
    # cleaned away, so the article itself stays short to analyse).
    text = ARTICLE_TEXT + " " * 1_200_000 + "More later."
    response = client.post("/add", data={"text": text, "title": "Long"},
                           files={"files": ("", b"", "application/octet-stream")},
                           follow_redirects=False)
    assert response.status_code == 303, response.text[:300]


def test_head_and_options_are_answered(client: TestClient) -> None:
    head = client.head("/api/stories")
    assert head.status_code == 200 and head.content == b""
    assert client.head("/", headers=HTML).status_code == 200
    options = client.options("/api/stories")
    assert options.status_code == 204 and "GET" in options.headers["allow"]


def test_story_pages_are_served_from_a_cache_until_the_store_changes(
        big_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from rashomon.web import routes_pages

    db = tmp_path / "cached.db"
    shutil.copy(big_db, db)
    client = TestClient(create_app(WebConfig(db)))
    first = client.get("/stories/s-synthetic", headers=HTML)
    assert first.status_code == 200
    with monkeypatch.context() as patch:  # the store is not read again while unchanged
        patch.setattr(routes_pages, "load_story", lambda *a: pytest.fail("read again"))
        again = client.get("/stories/s-synthetic", headers=HTML)
    assert again.text == first.text
    with closing(sqlite3.connect(db)) as conn:  # another writer changes the story
        conn.execute("UPDATE stories SET document = json_set(document, '$.title', "
                     "'A changed title') WHERE id = 's-synthetic'")
        conn.commit()
    assert "A changed title" in client.get("/stories/s-synthetic", headers=HTML).text
