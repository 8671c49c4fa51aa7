"""Hostile and odd inputs, built here (never stored): each is analysed, or gives one clear
problem line while the rest is analysed, and never a traceback."""

from __future__ import annotations

import codecs
import gzip
import json
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from rashomon.ingest import ingest
from rashomon.options import Options

BODY = ("The ferry Northern Star ran aground near Kelp Point on Monday, the coast guard said. "
        "All 212 passengers were rescued, officials in Harbourton said.")
CAP = 200_000  # --max-article-chars for these runs: the long cases stay quick


@dataclass(frozen=True)
class Case:
    """One input: its file name, how to make its bytes, and what must come of it."""

    name: str
    make: Callable[[], bytes]
    articles: int  # how many articles it yields
    problem: str | None = None  # part of its one problem line (error or warning)
    in_cli_run: bool = True  # part of the end-to-end run (not the 10,000-item feed)


def _text(title: str, body: str = BODY, newline: str = "\n") -> bytes:
    return f"{title}{newline}{newline}{body}{newline}".encode()


def _feed(items: str, doctype: str = "") -> bytes:
    return (f'<?xml version="1.0"?>\n{doctype}<rss version="2.0"><channel><title>Wire</title>'
            f"{items}</channel></rss>\n").encode()


def _items(count: int) -> str:
    return "".join(f"<item><title>Item {i}</title><link>https://news.example/{i}</link>"
                   f"<description>Report {i}: {BODY}</description></item>"
                   for i in range(count))


LAUGHS = ('<!DOCTYPE rss [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
          '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>\n')
XXE = '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'

CASES = [
    # The issue's own cases.
    Case("long-one-line.txt", lambda: ("Ferry. " + "word " * 60_000).encode(), 0,
         "over the 200,000 limit"),
    Case("big-cell.csv",
         lambda: f'title,text\nBig,{"word " * 50_000}\nSmall,"{BODY}"\n'.encode(), 1,
         "over the 200,000 limit"),
    Case("stray-byte.txt", lambda: _text("Ferry aground near Ålesund").replace(
        b"Monday", b"Mon\xffday"), 1, "1 invalid UTF-8 byte(s) replaced"),
    Case("latin1-commas.txt", lambda: (
        "Ferry aground near Ålesund, police say\n\nThe ferry ran aground near Ålesund, "
        "police said.\n\nAll were rescued, the coast guard said.\n").encode("latin-1"), 1),
    Case("laughs.rss", lambda: _feed(_items(1), LAUGHS), 0, "entity declarations"),
    Case("xxe.rss", lambda: _feed(_items(1), XXE), 0, "entity declarations"),
    Case("bad\nerror: forged.txt", lambda: b"", 0, "bad\\nerror: forged.txt: empty file"),
    Case("extra-cells.csv",
         lambda: f'title,text\nA,"{BODY}",stray\nB,"{BODY} Again."\n'.encode(), 2,
         "more cells than the header"),
    Case("russian.txt", lambda: (
        "Паром сел на мель\n\nМинистерство отрицает, что паром сел на мель у причала в "
        "понедельник. Все пассажиры в безопасности, заявил представитель порта.\n").encode(),
         1),
    # Our own.
    Case("zero-width-rtl.txt", lambda: _text(
        "Ferry\u200b aground", BODY.replace("ferry", "\u202eferry\u202c").replace(
            " on ", " \u200fon\u200e ")), 1),
    Case("sentences.txt", lambda: ("Ships sailed at dawn. " * 100_000).encode(), 0,
         "over the 200,000 limit"),
    Case("crlf.txt", lambda: _text("Ferry aground", newline="\r\n"), 1),
    Case("lone-cr.txt", lambda: _text("Ferry aground", newline="\r"), 1),
    Case("nul.txt", lambda: _text("Ferry aground").replace(b" ", b"\x00", 5), 0,
         "binary file, not text"),
    Case("packed.txt", lambda: gzip.compress(_text("Ferry aground")), 0,
         "binary file, not text"),
    Case("nested.html", lambda: ("<html><body>" + "<div>" * 5000 + f"<p>{BODY}</p>"
                                 + "</div>" * 5000 + "</body></html>").encode(), 0,
         "no article text found in HTML page"),
    Case("deep.json", lambda: ('{"a":' * 50 + json.dumps({"text": BODY}) + "}" * 50).encode(),
         0, "no article text"),
    Case("copy-a.txt", lambda: _text("Ferry aground, copy"), 1),
    Case("copy-b.txt", lambda: _text("Ferry aground, copy"), 1),
    Case("many.rss", lambda: _feed(_items(10_000)), 10_000, in_cli_run=False),
    Case("blank.txt", lambda: b" \n\t\n  \n", 0, "empty file"),
    Case("utf16.txt", lambda: codecs.BOM_UTF16_LE + _text("Ferry aground").decode().encode(
        "utf-16-le"), 1),
    Case("broken.json", lambda: b'{"title": "x", "text": ', 0, "malformed JSON"),
    Case("no-spaces.txt", lambda: b"x" * 150_000, 1),  # cut into pieces anywhere
    Case("half-bad.jsonl", lambda: (json.dumps({"title": "One", "text": BODY}) + "\n{nope\n"
                                    + json.dumps({"title": "Two", "text": BODY + " Two."})
                                    + "\n").encode(), 2, "line 2"),
    Case("emoji.txt", lambda: ("🚢🌊⚓ " * 40).encode(), 1),
    Case("ansi.txt", lambda: _text("\x1b[31mFerry aground\x1b[0m"), 1),
    Case("script-only.html", lambda: b"<html><head><script>var a = 1;</script></head>"
                                     b"<body><script>alert(1)</script></body></html>", 0,
         "no article text found in HTML page"),
    Case("form-feed.txt", lambda: _text("Ferry\taground", BODY.replace(". ", ".\f\v ")), 1),
]


def _write(folder: Path, cases: list[Case]) -> None:
    folder.mkdir()
    for case in cases:
        (folder / case.name).write_bytes(case.make())


@pytest.mark.parametrize("case", CASES, ids=[c.name.replace("\n", "\\n") for c in CASES])
def test_each_input_is_read_or_named_in_one_problem(tmp_path: Path, case: Case) -> None:
    _write(tmp_path / "in", [case])
    result = ingest([str(tmp_path / "in")], Options(max_article_chars=CAP))
    assert len(result.articles) == case.articles, result.problems
    if case.problem is None:
        assert not result.problems
    else:
        assert len(result.problems) == 1 and case.problem in str(result.problems[0]).replace(
            "\n", "\\n")


def test_all_of_them_in_one_run(tmp_path: Path) -> None:
    cases = [c for c in CASES if c.in_cli_run]
    _write(tmp_path / "in", cases)
    out = tmp_path / "report.json"
    proc = subprocess.run(
        [sys.executable, "-m", "rashomon", "analyze", str(tmp_path / "in"), "-o", str(out),
         "-q", "--no-cache", "--workers", "1", "--max-article-chars", str(CAP)],
        capture_output=True, text=True, timeout=900)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 1, proc.stderr
    lines = proc.stderr.splitlines()
    for case in cases:
        if case.problem:
            name = case.name.replace("\n", "\\n")
            hits = [line for line in lines if name in line and case.problem in line]
            assert len(hits) == 1, (case.name, lines)
    assert sum("is not analysed" in line for line in lines) == 1  # the Russian article
    report = json.loads(out.read_text())
    assert len(report["articles"]) == sum(c.articles for c in cases)
