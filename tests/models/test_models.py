"""Data model round trips."""

from __future__ import annotations

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
    stable_id,
)


def _report() -> Report:
    mention = Mention("a-1", 0, 4, "Rain", "supports", None, None, When(date="2025-05-18"))
    story = Story(
        "s-1", "Flood", ("a-1",), When(start="2025-05-18", end="2025-05-19"),
        claims=(Claim("c-1", "Rain fell", "single-source", (mention,), 1, 1),),
        conflicts=(Conflict("x-1", "quantity", "2 vs 3", (ConflictSide("2", (mention,)),
                                                           ConflictSide("3", (mention,)))),),
        timeline=(TimelineEntry("Rain", (mention,), When(date="2025-05-18"), "c-1"),),
        places=(Place("p-1", "Ružomberok", 49.07, 19.3, feature="town"),),
        sources=(Source("src-1", "Police", "official"),),
    )
    article = Article("a-1", "x.txt", "Rain fell.", published="2025-05-18",
                      published_from="text")
    return Report((article,), (story,), "0.1.0", "2026-01-01T00:00:00Z")


def test_report_round_trip() -> None:
    report = _report()
    assert Report.from_dict(report.to_dict()).to_dict() == report.to_dict()


def test_stable_id_depends_only_on_parts() -> None:
    assert stable_id("a", "x", "y") == stable_id("a", "x", "y")
    assert stable_id("a", "x", "y") != stable_id("a", "xy")
    assert stable_id("s", "x").startswith("s-")


def test_timeline_dates_sit_at_top_level() -> None:
    entry = TimelineEntry("t", (), When(start="2025-05-17", end="2025-05-18"))
    assert entry.to_dict()["start"] == "2025-05-17"
    assert "when" not in entry.to_dict()
