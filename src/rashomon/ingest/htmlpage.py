"""Web pages: the article's own text and metadata, without the page around it."""

from __future__ import annotations

import json
import logging
import re
from html.parser import HTMLParser
from typing import Any

import trafilatura
from lxml import etree
from lxml import html as lxml_html
from trafilatura.utils import load_html

from ..errors import InputError
from .dates import parse_date_value
from .draft import Draft
from .plaintext import draft_from_body

log = logging.getLogger(__name__)

# Meta tags that carry the original publication date, most specific first.
_DATE_META = (
    "article:published_time", "og:published_time", "og:article:published_time",
    "datepublished", "publishdate", "publish-date", "pubdate", "date", "dc.date",
    "dc.date.issued", "dcterms.created", "sailthru.date", "parsely-pub-date",
)
_AUTHOR_META = ("author", "article:author", "dc.creator", "byl", "parsely-author")
_BYLINE_CLASS = re.compile(r"byline|author|post-meta|article-meta|\bmeta\b", re.I)
_BY = re.compile(r"^\s*by\s+", re.I)
# Where a byline line stops naming people: a separator, a date, a place after a comma.
_BYLINE_END = re.compile(r"(?:\s+[|·•/—–-]|[|·•,;]|\s+\d|\s+on\s|\s+updated\b).*$", re.I | re.S)
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ")


def read_html(html: str, *, path: str | None, url: str | None = None) -> Draft:
    """Extract the main article of a web page as a `Draft` (raises `InputError` if none)."""
    where = path or url or "<html>"
    try:
        tree = load_html(html)
    except (ValueError, etree.ParserError) as exc:
        raise InputError(where, f"unreadable HTML: {exc}") from exc
    if tree is None:
        raise InputError(where, "unreadable HTML page")
    page = _page_metadata(tree)
    doc = trafilatura.bare_extraction(
        tree, url=url, with_metadata=True, include_comments=False, include_tables=False,
        include_images=False, favor_precision=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    body = _body_text(doc) if doc is not None else ""
    if not body.strip():
        raise InputError(where, "no article text found in HTML page")
    meta = _merge_metadata(page, doc)
    body = _drop_leading_title(body, meta.get("title"))
    return draft_from_body(body, path=path, **meta)


def _merge_metadata(page: dict[str, str | None], doc: Any) -> dict[str, str | None]:
    outlet = page.get("outlet") or getattr(doc, "sitename", None)
    title = _strip_site_suffix(getattr(doc, "title", None) or page.get("title"), outlet)
    published = page.get("published") or _iso(getattr(doc, "date", None))
    byline = page.get("byline") or _clean_byline(getattr(doc, "author", None))
    return {
        "url": page.get("url") or getattr(doc, "url", None),
        "outlet": outlet,
        "title": title,
        "byline": byline,
        "published": published,
        "published_from": "metadata" if published else None,
        "language": page.get("language") or getattr(doc, "language", None),
    }


def _iso(value: str | None) -> str | None:
    return parse_date_value(value) if value else None


def _page_metadata(tree: lxml_html.HtmlElement) -> dict[str, str | None]:
    """What the page declares about itself, read before trafilatura prunes the tree."""
    metas = _meta_values(tree)
    published = next((d for key in _DATE_META if (d := _iso(metas.get(key)))), None)
    published = published or _iso(_json_ld(tree, "datePublished")) or _iso(_time_datetime(tree))
    author = next((metas[k] for k in _AUTHOR_META if metas.get(k, "").strip()
                   and not metas[k].startswith("http")), None)
    lang = tree.get("lang") or metas.get("og:locale") or metas.get("content-language")
    canonical = tree.xpath("//link[@rel='canonical']/@href")
    return {
        "published": published,
        "outlet": _clean(metas.get("og:site_name") or metas.get("application-name")),
        "title": _clean(metas.get("og:title")),
        "byline": _clean_byline(author or _json_ld_author(tree) or _byline_element(tree)),
        "language": _primary_language(lang),
        "url": metas.get("og:url") or (str(canonical[0]) if canonical else None),
    }


def _meta_values(tree: lxml_html.HtmlElement) -> dict[str, str]:
    out: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop")
               or meta.get("http-equiv") or "").strip().lower()
        value = meta.get("content")
        if key and value and key not in out:
            out[key] = value.strip()
    return out


def _json_ld_objects(tree: lxml_html.HtmlElement) -> list[dict[str, Any]]:
    objects: list[dict[str, Any]] = []
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        for item in stack:
            if isinstance(item, dict):
                objects.append(item)
                graph = item.get("@graph")
                if isinstance(graph, list):
                    objects.extend(g for g in graph if isinstance(g, dict))
    return objects


def _json_ld(tree: lxml_html.HtmlElement, key: str) -> str | None:
    for obj in _json_ld_objects(tree):
        if isinstance(obj.get(key), str):
            return str(obj[key])
    return None


def _json_ld_author(tree: lxml_html.HtmlElement) -> str | None:
    for obj in _json_ld_objects(tree):
        author = obj.get("author")
        authors = author if isinstance(author, list) else [author]
        raw = [a.get("name") if isinstance(a, dict) else a for a in authors]
        names = [n for n in raw if isinstance(n, str) and n.strip()]
        if names:
            return _join_names(names)
    return None


def _time_datetime(tree: lxml_html.HtmlElement) -> str | None:
    stamps = tree.xpath("//time[@pubdate]/@datetime") or tree.xpath("//time/@datetime")
    return str(stamps[0]) if stamps else None


def _byline_element(tree: lxml_html.HtmlElement) -> str | None:
    """A short 'By ...' line in an element whose class says it holds the byline."""
    for el in tree.xpath("//*[@class]"):
        if not _BYLINE_CLASS.search(el.get("class", "")):
            continue
        text = " ".join(el.text_content().split())
        if _BY.match(text) and len(text) < 200:
            return text
    return None


def _clean_byline(value: str | None) -> str | None:
    if not value:
        return None
    value = _BY.sub("", " ".join(value.split()))
    if ";" in value:  # trafilatura joins several authors with ';'
        value = _join_names([v.strip() for v in value.split(";")])
    else:
        value = _BYLINE_END.sub("", value.replace(" & ", " and "))
    return value.strip(" ·|,;-") or None


def _join_names(names: list[str]) -> str:
    names = [n for n in names if n]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _clean(value: str | None) -> str | None:
    return " ".join(value.split()) if value and value.strip() else None


def _primary_language(value: str | None) -> str | None:
    """'en-US' / 'en_GB' -> 'en'."""
    if not value:
        return None
    primary = re.split(r"[-_]", value.strip())[0].lower()
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else None


def _strip_site_suffix(title: str | None, outlet: str | None) -> str | None:
    """'Headline | Site' -> 'Headline' (the site name as a suffix or a prefix)."""
    title = _clean(title)
    if not title:
        return None
    for sep in _TITLE_SEPARATORS:
        if sep not in title:
            continue
        head, _, tail = title.rpartition(sep)
        if outlet and tail.strip().lower() == outlet.lower() or (not outlet and len(tail) < 40
                                                                 and len(head) > len(tail)):
            return head.strip()
        first, _, rest = title.partition(sep)
        if outlet and first.strip().lower() == outlet.lower():
            return rest.strip()
    return title


def _body_text(doc: Any) -> str:
    """trafilatura's body tree as paragraphs separated by blank lines."""
    if doc.body is None:
        return "\n\n".join(line for line in (doc.text or "").splitlines() if line.strip())
    blocks = [_element_text(el) for el in doc.body]
    return "\n\n".join(b for b in blocks if b)


def _element_text(el: etree._Element) -> str:
    for lb in el.iter("lb"):
        lb.tail = "\n" + (lb.tail or "")
    if el.tag == "list":
        items = [" ".join("".join(item.itertext()).split()) for item in el.iter("item")]
        return "\n".join(i for i in items if i)
    lines = "".join(el.itertext()).split("\n")
    return "\n".join(" ".join(line.split()) for line in lines if line.strip())


def _drop_leading_title(body: str, title: str | None) -> str:
    """trafilatura keeps the <h1>; the title is metadata, not article text."""
    first, _, rest = body.partition("\n\n")
    if title and rest and _fold(first) == _fold(title):
        return rest
    return body


def _fold(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


class _FragmentText(HTMLParser):
    """Collects text of an HTML fragment, with blocks as paragraphs."""

    _BLOCKS = frozenset([
        "p", "div", "section", "article", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6",
        "ul", "ol", "li", "tr", "table", "pre", "header", "footer", "figure",
    ])
    _SKIP = frozenset(["script", "style", "figcaption", "noscript", "template"])

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self.skipping += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in self._BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self._BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(re.sub(r"\s+", " ", data))


def html_fragment_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed item body): paragraphs, entities decoded."""
    if "<" not in fragment and "&" not in fragment:
        return fragment.strip()
    parser = _FragmentText()
    parser.feed(fragment)
    parser.close()
    lines = [line.strip() for line in "".join(parser.parts).split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
