"""Plain text and Markdown articles: body cleaning, titles and the draft they give."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rashomon.ingest.plaintext import (
    clean_body,
    draft_from_body,
    read_plaintext,
    split_title,
    strip_markdown,
)

TEXT = Path(__file__).parents[1] / "fixtures" / "text"
LEFTOVERS = ("](#)", "**", "contributed reporting", "Original url", "Representational",
             "date 2025", "Photo:", "Caption:", "Related article")


def _read(name: str) -> str:
    return (TEXT / name).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("The board [reported](#) it.", "The board reported it."),
        ("See [the map](https://x.org/a_(b) \"Map\") now.", "See the map now."),
        ("Go to <https://example.org/a>.", "Go to https://example.org/a."),
        ("![a dam](img.png)The dam.", "The dam."),
        ("A **bold** and __strong__ claim.", "A bold and strong claim."),
        ("An *italic* and _slanted_ word.", "An italic and slanted word."),
        ("Keep snake_case_name and 5 * 3 and 2*3*4.", "Keep snake_case_name and 5 * 3 and 2*3*4."),
        ("## A subheading ##", "A subheading"),
        ("> A quoted line", "A quoted line"),
        ("* a bullet", "a bullet"),
        (r"An escaped \*star\*", "An escaped *star*"),
    ],
)
def test_strip_markdown(line: str, expected: str) -> None:
    assert strip_markdown(line) == expected


def test_clean_body_removes_credits_captions_and_trailers() -> None:
    clean = clean_body(_read("export.md"))
    for leftover in LEFTOVERS + ("Lena Ostrova", "Engineers inspect", "June 13, 2025"):
        assert leftover not in clean.text
    assert clean.text.startswith(  # the heading stays: only read_plaintext takes titles
        "Valley dam reopens after month of repairs\n\nThe Ostra dam reopened on Friday")
    assert "spill_gate_log" in clean.text and "5 * 3 gates" in clean.text
    assert clean.url == "https://www.valleyherald.com/2025/06/13/valley-dam-reopens"
    assert clean.outlet == "Valley Herald"
    assert clean.credits == ("Northwind Agency contributed reporting",)


def test_clean_body_keeps_paragraphs_and_joins_a_broken_one() -> None:
    clean = clean_body(_read("wire.txt"))
    assert "into a second week, and called" in clean.text
    assert clean.text.count("\n\n") == 3  # title, dateline paragraph, two more paragraphs
    assert "Dockers gather" not in clean.text and "Reporting by" not in clean.text
    assert clean.byline == "Tomas Verne and Ada Quill"
    assert clean.outlet == "Coastline Wire"


def test_clean_body_cuts_a_caption_glued_to_a_paragraph() -> None:
    text = clean_body(_read("marker.txt")).text
    assert text.startswith("The lighthouse on Cape Irro was switched off")
    assert "found in its tower." in text
    assert "stands dark" not in text and "date 2025" not in text


@pytest.mark.parametrize(
    ("body", "credit"),
    [
        ("Text of the story.\n\nAFP contributed reporting.", "AFP contributed reporting"),
        ("Text.\n\n*With reporting from Harbour Wire.*", "With reporting from Harbour Wire"),
        ("Text.\n\nMara Quint contributed to this report.",
         "Mara Quint contributed to this report"),
        ("Text.\n\nAdditional reporting by Mara Quint", "Additional reporting by Mara Quint"),
    ],
)
def test_clean_body_collects_credit_lines(body: str, credit: str) -> None:
    clean = clean_body(body)
    assert clean.text == "Text of the story." or clean.text == "Text."
    assert clean.credits == (credit,)


@pytest.mark.parametrize(
    "line",
    ["Related: Floods close valley road", "Read more: Dam history",
     "**Related article:** [Other story](#)", "Caption: Residents on the bridge.",
     "**Agency / Photographer Name**", "![a dam](dam.jpg)", "---"],
)
def test_clean_body_drops_boilerplate_lines(line: str) -> None:
    assert clean_body(f"First paragraph.\n\n{line}\n\nLast paragraph.").text == (
        "First paragraph.\n\nLast paragraph."
    )


def test_clean_body_keeps_a_bold_subheading_as_text() -> None:
    text = clean_body("Intro.\n\n**What happens next**\n\nMore.").text
    assert text == "Intro.\n\nWhat happens next\n\nMore."


def test_clean_body_of_an_empty_text() -> None:
    assert clean_body("").text == ""


def test_draft_from_body_reads_what_metadata_lacks() -> None:
    draft = draft_from_body(_read("wire.txt"), path="wire.txt")
    assert draft.path == "wire.txt"
    assert draft.published is None and draft.published_from is None
    assert draft.month_day == (3, 4)
    assert draft.outlet == "Coastline Wire"
    assert draft.byline == "Tomas Verne and Ada Quill"


def test_draft_from_body_lets_metadata_win() -> None:
    draft = draft_from_body(
        _read("export.md"), path=None, url="https://other.example.com/a", outlet="Other Daily",
        byline="Jo Pell", title="Given title", published="2025-06-14T09:00:00+02:00",
        published_from="metadata", language="en",
    )
    assert (draft.url, draft.outlet, draft.byline, draft.title) == (
        "https://other.example.com/a", "Other Daily", "Jo Pell", "Given title")
    assert (draft.published, draft.published_from, draft.language) == (
        "2025-06-14", "metadata", "en")


@pytest.mark.parametrize(
    ("meta", "published", "source"),
    [
        ({"published": "2025-06-14"}, "2025-06-14", "metadata"),
        ({"published": "2025-06-14", "published_from": "inferred"}, "2025-06-14", "inferred"),
        ({"published": "not a date"}, "2025-06-13", "text"),
        ({"published": None}, "2025-06-13", "text"),
    ],
)
def test_draft_from_body_publication_source(
    meta: dict[str, str | None], published: str, source: str
) -> None:
    draft = draft_from_body("June 13, 2025\n\nThe story.", path=None, **meta)
    assert (draft.published, draft.published_from) == (published, source)


def test_draft_from_body_falls_back_on_the_url_host() -> None:
    draft = draft_from_body("The Valley Herald said so.", path=None,
                            url="https://www.valleyherald.com/x")
    assert draft.outlet == "Valley Herald"


@pytest.mark.parametrize(
    ("name", "title", "published", "outlet", "byline"),
    [
        ("export.md", "Valley dam reopens after month of repairs", "2025-06-13",
         "Valley Herald", None),
        ("wire.txt", "Harbour cranes stand idle as dockers walk out in Portveyra", None,
         "Coastline Wire", "Tomas Verne and Ada Quill"),
        ("marker.txt", None, "2025-06-08", None, None),
        ("marker_title.txt", "After the strike: Portveyra counts the cost", "2025-05-22",
         "Valley Herald", "Jo Pell"),
        ("kicker.txt", "Why harbour strikes always start in March", None, "Harbour Review",
         None),
    ],
)
def test_read_plaintext_fixtures(
    name: str, title: str | None, published: str | None, outlet: str | None, byline: str | None
) -> None:
    draft = read_plaintext(_read(name), path=name, markdown=name.endswith(".md"))
    assert (draft.title, draft.published, draft.outlet, draft.byline) == (
        title, published, outlet, byline)
    assert draft.published_from == ("text" if published else None)
    assert not any(leftover in draft.text for leftover in LEFTOVERS)
    assert title is None or title not in draft.text


@pytest.mark.parametrize(
    ("text", "markdown", "title"),
    [
        ("# A heading\n\nBody.", False, "A heading"),
        ("A headline\n=========\n\nBody.", True, "A headline"),
        ("A headline\n\nBody.", False, "A headline"),
        ("A headline\n date 2025-09-10\n\nBody.", False, "A headline"),
        ("A full sentence ends here.\n\nBody.", False, None),
        ("A line\nthat runs on.", False, None),
        ("June 13, 2025\n\nBody.", False, None),
        ("By Jo Pell\n\nBody.", False, None),
        ("", False, None),
    ],
)
def test_split_title(text: str, markdown: bool, title: str | None) -> None:
    found, rest = split_title(text, markdown=markdown)
    assert found == title
    if title:
        assert title not in rest


def test_split_title_keeps_the_date_marker_in_the_body() -> None:
    title, rest = split_title(" date 2025-05-22 A headline\n\nBody.", markdown=False)
    assert title == "A headline"
    assert rest.startswith("date 2025-05-22")


def test_read_plaintext_takes_markdown_front_matter() -> None:
    text = "---\ntitle: Front title\ndate: 2025-06-01\nauthor: Jo Pell\n---\nThe story.\n"
    draft = read_plaintext(text, path="a.md", markdown=True)
    assert (draft.title, draft.published, draft.published_from, draft.byline) == (
        "Front title", "2025-06-01", "metadata", "Jo Pell")
    assert draft.text == "The story."


def _seed(shared: Path, prefix: str) -> str:
    path = next((shared / "seeds").glob(f"{prefix}_*.txt"))
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("prefix", "published", "titled"),
    [("000", None, False), ("001", "2025-06-13", True), ("003", "2025-06-08", False)],
)
def test_seeds(shared: Path, prefix: str, published: str | None, titled: bool) -> None:
    draft = read_plaintext(_seed(shared, prefix), path=None, markdown=False)
    assert draft.published == published
    assert (draft.title is not None) is titled
    assert not any(leftover in draft.text for leftover in LEFTOVERS)
    assert "AFP/" not in draft.text and "\n\n\n" not in draft.text
    assert not any(line.startswith("Telegram /") for line in draft.text.split("\n"))


def test_dev_articles_match_gold_dates(shared: Path) -> None:
    dev = shared / "eval" / "dev"
    gold = json.loads((dev / "gold.json").read_text(encoding="utf-8"))["articles"]
    for path in sorted((dev / "articles").glob("*.*")):
        if path.suffix not in (".txt", ".md"):
            continue
        draft = read_plaintext(path.read_text(encoding="utf-8"), path=path.name,
                               markdown=path.suffix == ".md")
        expected = gold[path.name]["published"]
        if draft.month_day is not None:
            assert expected is not None and expected[5:] == "{:02d}-{:02d}".format(*draft.month_day)
        else:
            assert draft.published == expected, path.name
