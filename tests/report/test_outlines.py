"""Bundled country outlines for the offline map."""

from __future__ import annotations

from rashomon.report.outlines import countries, outline_paths


def identity(lat: float, lon: float) -> tuple[float, float]:
    return lon * 10, -lat * 10


def test_outlines_cover_the_world() -> None:
    names = {c.name for c in countries()}
    assert len(names) > 200
    assert {"Ukraine", "Brazil", "Japan", "Kenya"} <= names


def test_only_countries_meeting_the_frame_are_drawn() -> None:
    drawn = dict(outline_paths((30.0, 46.0, 36.0, 50.0), identity))  # central Ukraine
    assert "Ukraine" in drawn
    assert "Brazil" not in drawn and "Japan" not in drawn
    assert drawn["Ukraine"].startswith("M") and drawn["Ukraine"].endswith("z")


def test_points_closer_than_the_threshold_are_dropped() -> None:
    coarse = dict(outline_paths((30.0, 46.0, 36.0, 50.0), identity, min_px=20))
    fine = dict(outline_paths((30.0, 46.0, 36.0, 50.0), identity, min_px=1))
    assert len(coarse["Ukraine"]) < len(fine["Ukraine"])


def test_empty_frame_in_the_ocean_draws_nothing() -> None:
    assert outline_paths((-140.0, -40.0, -139.0, -39.0), identity) == []
