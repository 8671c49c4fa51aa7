"""read_feed: RSS 2.0, RSS 1.0 and Atom."""

from __future__ import annotations

from pathlib import Path

import pytest

from rashomon.errors import InputError
from rashomon.ingest.draft import Draft
from rashomon.ingest.feeds import feed_outlet, read_feed

FORMATS = Path(__file__).parents[1] / "fixtures" / "formats"


def _read(name: str) -> list[Draft | InputError]:
    return read_feed((FORMATS / name).read_text(encoding="utf-8"), path=name)


def test_rss_two_items() -> None:
    first, second = _read("two_items.rss")
    assert isinstance(first, Draft) and isinstance(second, Draft)
    assert (first.path, second.path) == ("two_items.rss#1", "two_items.rss#2")
    assert first.title == "Ferry service to Gull Island suspended after storm"
    assert first.outlet == "Avalon Coast Radio"
    assert first.byline == "Jory Penhale"
    assert first.url == "https://avalonradio.example/2031/03/16/ferry-suspended"
    # The date as the outlet wrote it, not moved to UTC (which would be the 17th).
    assert (first.published, first.published_from) == ("2031-03-16", "metadata")
    assert first.language == "en"
    assert first.text == ("The ferry to Gull Island was suspended on Sunday after a storm "
                          "damaged the landing stage, the operator said.\n\n"
                          "Islanders were told to expect “several days” without a crossing.")
    assert second.title == "Harbour board delays vote on keepers’ rota"
    assert second.text.startswith("The harbour board postponed Monday’s vote")
    assert second.published == "2031-03-17"


def test_single_item_feed_uses_plain_path() -> None:
    (draft,) = _read("one_item.rss")
    assert isinstance(draft, Draft)
    assert draft.path == "one_item.rss"
    assert draft.outlet == "Gull Island Gazette"


def test_atom() -> None:
    first, second = _read("news.atom")
    assert isinstance(first, Draft) and isinstance(second, Draft)
    assert first.path == "news.atom#1"
    assert first.outlet == "Northshore Bulletin"
    assert first.published == "2031-03-18"
    assert first.url == "https://northshore.example/2031/03/18/barrier"
    assert first.text.startswith("The new tidal barrier held back a surge of 2.4 metres")
    assert "\n\nIt was the first big test" in first.text
    assert second.published == "2031-03-17"  # only <updated>
    assert second.byline == "Senara Kitto and Tamsin Rowe"
    assert first.language == "en"


def test_rss_1_0() -> None:
    rdf = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
  xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://x.example/"><title>Valley Times News Feed</title>
    <link>https://x.example/</link><description>d</description></channel>
  <item rdf:about="https://x.example/1"><title>Bridge opens</title>
    <link>https://x.example/1</link><dc:date>2031-04-01T10:00:00+02:00</dc:date>
    <dc:creator>Kerra Hosking</dc:creator>
    <description>The new bridge opened on Tuesday.</description></item>
</rdf:RDF>"""
    (draft,) = read_feed(rdf, path="valley.rdf")
    assert isinstance(draft, Draft)
    assert draft.outlet == "Valley Times News"
    assert draft.published == "2031-04-01"
    assert draft.byline == "Kerra Hosking"
    assert draft.text == "The new bridge opened on Tuesday."


def test_malformed_feed() -> None:
    with pytest.raises(InputError) as info:
        _read("malformed.xml")
    assert info.value.where == "malformed.xml"
    assert info.value.problem.startswith("malformed XML feed: ")
    assert "(line " in info.value.problem


def test_feed_without_items() -> None:
    with pytest.raises(InputError, match="no items"):
        read_feed('<rss version="2.0"><channel><title>T</title></channel></rss>', path="e.rss")


def test_item_without_body() -> None:
    rss = ('<rss version="2.0"><channel><title>T</title><item><title>a</title></item>'
           '<item><title>b</title><description>Body b.</description></item></channel></rss>')
    empty, ok = read_feed(rss, path="f.rss")
    assert isinstance(empty, InputError) and empty.where == "f.rss#1"
    assert isinstance(ok, Draft) and ok.text == "Body b."


def test_declared_latin1_prolog_on_decoded_text() -> None:
    rss = ('<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>T'
           '</title><item><title>Peña</title><description>Peña said “no”.</description></item>'
           '</channel></rss>')
    (draft,) = read_feed(rss, path="l.rss")
    assert isinstance(draft, Draft) and draft.text == "Peña said “no”." and draft.title == "Peña"


@pytest.mark.parametrize(("title", "outlet"), [
    ("Altiplano Radio – English Service", "Altiplano Radio"),
    ("Coast News - RSS", "Coast News"),
    ("Harbour Daily RSS Feed", "Harbour Daily"),
    ("Plain Name", "Plain Name"),
    ("Feed", "Feed"),
])
def test_feed_outlet(title: str, outlet: str) -> None:
    assert feed_outlet(title) == outlet


def test_dev_corpus_rss(shared: Path) -> None:
    import json

    path = shared / "eval" / "dev" / "articles" / "007_altiplano_rss.xml"
    if not path.is_file():
        pytest.skip("dev RSS file not available")
    gold = json.loads((shared / "eval" / "dev" / "gold.json").read_text())["articles"]
    (draft,) = read_feed(path.read_text(encoding="utf-8"), path=path.name)
    assert isinstance(draft, Draft)
    assert draft.outlet == gold[path.name]["outlet"]
    assert draft.published == gold[path.name]["published"]
