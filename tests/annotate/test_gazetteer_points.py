"""Representative points of regions derived from their cities (hand-made points)."""

from __future__ import annotations

from rashomon.annotate.gazetteer import _hull_centre


def test_hull_centre_is_the_area_middle_not_the_crowd() -> None:
    # A square region whose towns crowd into its south-west corner: the centre of the
    # area, not of the towns, is the region's point.
    crowd = [(0.1 * i, 0.1 * j) for i in range(5) for j in range(5)]
    corners = [(0.0, 0.0), (10.0, 0.0), (0.0, 10.0), (10.0, 10.0)]
    lat, lon = _hull_centre(crowd + corners)
    assert abs(lat - 5.0) < 0.01 and abs(lon - 5.0) < 0.01


def test_hull_centre_leaves_out_a_far_island() -> None:
    towns = [(float(i), float(j)) for i in range(5) for j in range(5)] * 3
    lat, lon = _hull_centre([*towns, (40.0, 40.0)])
    assert abs(lat - 2.0) < 0.01 and abs(lon - 2.0) < 0.01


def test_hull_centre_of_too_few_points() -> None:
    assert _hull_centre([(1.0, 2.0), (3.0, 4.0)]) == (2.0, 3.0)
