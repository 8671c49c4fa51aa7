"""The command line: outputs, exit codes, and one clear line per bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from rashomon.cli import cli

from .conftest import FIXTURES

CORPUS = FIXTURES / "corpus"


def run(*args: str, input: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "rashomon", *args], capture_output=True,
                          text=True, input=input, timeout=120)


def test_analyze_writes_json_and_html(tmp_path: Path) -> None:
    out, page = tmp_path / "r.json", tmp_path / "r.html"
    proc = run("analyze", str(CORPUS), "-o", str(out), "--html", str(page))
    assert proc.returncode == 0, proc.stderr
    report = json.loads(out.read_text())
    assert len(report["articles"]) == 2
    assert "<html" in page.read_text()
    assert "2 articles" in proc.stdout + proc.stderr


def test_missing_path_is_reported_and_rest_processed(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    proc = run("analyze", str(CORPUS), str(tmp_path / "nope.txt"), "-o", str(out))
    assert proc.returncode == 1
    assert "nope.txt: no such file or directory" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert len(json.loads(out.read_text())["articles"]) == 2


def test_nothing_readable_exits_1_without_traceback(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    proc = run("analyze", str(empty), "-o", str(tmp_path / "r.json"))
    assert proc.returncode == 1
    assert "no articles found in this directory" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "r.json").exists()


def test_usage_error_exits_2() -> None:
    proc = run("analyze")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr


def test_stdin_and_stdout() -> None:
    proc = run("analyze", "-", "-o", "-", "-q",
               input="Harbour reopens\n\nThe harbour reopened on Monday, officials said.\n")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["articles"][0]["path"] == "stdin"
    assert report["articles"][0]["title"] == "Harbour reopens"


def test_glob_input(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    proc = run("analyze", str(CORPUS / "*.md"), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert [a["path"] for a in json.loads(out.read_text())["articles"]] == ["lighthouse-2.md"]


def test_glob_without_matches(tmp_path: Path) -> None:
    proc = run("analyze", str(tmp_path / "*.nothing"), "-o", str(tmp_path / "r.json"))
    assert proc.returncode == 1
    assert "no files match this pattern" in proc.stderr


@pytest.mark.parametrize("command", [[], ["analyze"]])
def test_help_on_every_command(command: list[str]) -> None:
    result = CliRunner().invoke(cli, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output


def test_existing_report_survives_failed_run(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    out.write_text("previous report")
    proc = run("analyze", str(tmp_path / "missing"), "-o", str(out))
    assert proc.returncode == 1
    assert out.read_text() == "previous report"


def test_unknown_engine_exits_2() -> None:
    result = CliRunner().invoke(cli, ["analyze", str(CORPUS), "--engine", "spark"])
    assert result.exit_code == 2
    assert "spark" in result.output


def test_no_cache_run_leaves_no_cache(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    proc = run("analyze", str(CORPUS), "-o", str(tmp_path / "r.json"), "-q", "--no-cache",
               "--cache-dir", str(cache))
    assert proc.returncode == 0, proc.stderr
    assert not cache.exists()
    proc = run("analyze", str(CORPUS), "-o", str(tmp_path / "r.json"), "-q",
               "--cache-dir", str(cache))
    assert proc.returncode == 0, proc.stderr
    assert any(cache.iterdir())


def test_map_tiles_option(tmp_path: Path) -> None:
    page = tmp_path / "r.html"
    proc = run("analyze", str(CORPUS), "-o", str(tmp_path / "r.json"), "-q", "--html",
               str(page), "--map-tiles", "https://tiles.example.org/{z}/{x}/{y}.png")
    assert proc.returncode == 0, proc.stderr
    assert "img-src data: https://tiles.example.org;" in page.read_text()


def test_bad_map_tiles_exit_2_before_any_work(tmp_path: Path) -> None:
    proc = run("analyze", str(CORPUS), "-o", str(tmp_path / "r.json"),
               "--map-tiles", "ftp://x/{z}/{x}/{y}")
    assert proc.returncode == 2 and "map tiles" in proc.stderr
    assert "Traceback" not in proc.stderr and not (tmp_path / "r.json").exists()


def test_article_over_the_cap_is_skipped_and_the_rest_analysed(tmp_path: Path) -> None:
    long = tmp_path / "long.txt"
    long.write_text("The ferry ran aground near the port. " * 2000)
    out = tmp_path / "r.json"
    proc = run("analyze", str(CORPUS), str(long), "-o", str(out), "--max-article-chars",
               "20000", "--no-cache")
    assert proc.returncode == 1, proc.stderr
    assert "long.txt: article text is 73,999 characters, over the 20,000 limit" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert len(json.loads(out.read_text())["articles"]) == 2


def test_private_urls_are_refused_and_the_rest_analysed(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    urls = ["http://127.0.0.1:9/story", "http://169.254.169.254/latest/meta-data",
            "http://[::ffff:169.254.169.254]/", "http://10.0.0.1/"]
    proc = run("analyze", str(CORPUS), *urls, "-o", str(out), "--no-cache")
    assert proc.returncode == 1, proc.stderr
    refused = [line for line in proc.stderr.splitlines() if "refused:" in line]
    assert len(refused) == 4 and all("--allow-private-urls" in line for line in refused)
    assert "Traceback" not in proc.stderr
    assert len(json.loads(out.read_text())["articles"]) == 2


def test_allow_private_urls_fetches_a_local_address(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import httpx

    asked: list[str] = []

    def local_server(self: object, request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url))
        return httpx.Response(200, text="Harbour reopens\n\nThe harbour reopened on Monday, "
                                        "officials in Harbourton said.\n")

    monkeypatch.setattr(httpx.HTTPTransport, "handle_request", local_server)
    out = tmp_path / "r.json"
    result = CliRunner().invoke(cli, ["analyze", "http://127.0.0.1:9/story", "-o", str(out),
                                      "-q", "--no-cache", "--allow-private-urls"])
    assert result.exit_code == 0, result.output
    assert asked == ["http://127.0.0.1:9/story"]
    assert json.loads(out.read_text())["articles"][0]["url"] == "http://127.0.0.1:9/story"


def test_a_newline_in_a_file_name_cannot_forge_problem_lines(tmp_path: Path) -> None:
    (tmp_path / "bad\nerror: forged.txt").write_bytes(b"")
    proc = run("analyze", str(CORPUS), str(tmp_path), "-o", str(tmp_path / "r.json"), "-q",
               "--no-cache")
    problems = [line for line in proc.stderr.splitlines() if line.startswith("error:")]
    assert len(problems) == 1 and "bad\\nerror: forged.txt: empty file" in problems[0]


@pytest.mark.parametrize("entities", [
    '<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">',
    '<!ENTITY xxe SYSTEM "file:///etc/passwd">',
])
def test_feeds_with_entity_declarations_are_refused_by_name(tmp_path: Path,
                                                            entities: str) -> None:
    feed = tmp_path / "feed.rss"
    feed.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE rss [\n{entities}\n]>\n'
                    '<rss version="2.0"><channel><title>T</title><item><title>x</title>'
                    "<description>&b; &xxe; ferry</description></item></channel></rss>\n")
    proc = run("annotate", str(feed))
    assert proc.returncode == 1
    assert proc.stderr.splitlines()[0] == (
        "error: feed.rss: XML with entity declarations in its DTD (<!ENTITY>): refused, as "
        "entity expansion and external entities are unsafe to read")
    assert "HTML" not in proc.stderr and "ERROR" not in proc.stderr


def test_serve_refuses_a_public_bind_without_a_token_with_exit_2(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "rashomon", "serve", "--db",
                           str(tmp_path / "x.db"), "--host", "0.0.0.0"], capture_output=True,
                          text=True, timeout=120,
                          env={k: v for k, v in os.environ.items() if k != "RASHOMON_TOKEN"})
    assert proc.returncode == 2 and "--token" in proc.stderr
    assert "Traceback" not in proc.stderr
