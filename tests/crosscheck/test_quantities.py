"""Quantities as intervals: rounding and hedges widen them, bounds open them."""

from __future__ import annotations

import math

import pytest

from rashomon.annotate.quantities import find_quantities
from rashomon.crosscheck.quantities import interval, intervals_disjoint, point_differs, same_figure
from rashomon.models import Quantity


def q(text: str) -> Quantity:
    found = find_quantities(text)
    assert len(found) == 1, f"{text!r} -> {found}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("2,300", 2250, 2350),  # rounded to hundreds
        ("2,350", 2345, 2355),
        ("12", 11.5, 12.5),
        ("54.8%", 54.75, 54.85),
        ("about 2,300", 2185, 2415),  # a hedge allows +-5 %
        ("at least 312 people", 312, math.inf),
        ("up to 40 people", -math.inf, 40),
    ],
)
def test_interval_bounds(text: str, low: float, high: float) -> None:
    lo, hi = interval(q(text))
    assert lo == pytest.approx(low) and hi == pytest.approx(high)


def test_more_than_excludes_its_number() -> None:
    lo, hi = interval(q("more than 300 people"))
    assert lo > 300 and hi == math.inf
    lo, hi = interval(q("fewer than 20 people"))
    assert hi < 20 and lo == -math.inf


def test_a_range_is_its_own_interval() -> None:
    assert interval(q("between 10 and 20 people")) == (10, 20)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("2,300", "2,350"),  # rounding of the rounder figure covers the other
        ("about 2,300", "roughly 2,300"),
        ("about 2,300", "2,350"),
        ("at least 312 people", "more than 300 people"),
        ("more than 300 people", "312 people"),
        ("up to 40 people", "35 people"),
        ("between 10 and 20 people", "15 people"),
        ("2,000", "2,000"),
    ],
)
def test_compatible_figures_overlap(a: str, b: str) -> None:
    assert same_figure(q(a), q(b))
    assert same_figure(q(b), q(a))
    assert not intervals_disjoint(interval(q(a)), interval(q(b)))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("49.6 per cent", "nearly 55 per cent"),
        ("12 dead", "15 dead"),
        ("more than 5,000", "2,300"),
        ("fewer than 20 people", "25 people"),
        ("2,300", "2,500"),
        ("54.8%", "54.6%"),
    ],
)
def test_incompatible_figures_are_disjoint(a: str, b: str) -> None:
    assert not same_figure(q(a), q(b))
    assert intervals_disjoint(interval(q(a)), interval(q(b)))
    assert intervals_disjoint(interval(q(b)), interval(q(a)))


def test_different_units_are_never_the_same_figure() -> None:
    assert not same_figure(q("55 per cent"), q("55 people"))


@pytest.mark.parametrize(
    ("a", "b", "differs"),
    [
        ("2,300", "2,350", False),  # within the rounding of 2,300
        ("12", "15", True),
        ("about 2,300", "roughly 2,300", False),
        ("at least 312 people", "more than 300 people", False),  # 312 rounds to "300"
        ("at least 312 people", "more than 320 people", True),
        ("between 10 and 20 people", "15 people", False),  # no point to compare
    ],
)
def test_point_differs(a: str, b: str, differs: bool) -> None:
    assert point_differs(q(a), q(b)) is differs


@pytest.mark.xfail(reason="rounding is read from the written digits only: '1.5 million' gets "
                          "+-0.05 instead of +-50,000, so it is disjoint from '1,520,000'",
                   strict=False)
def test_rounding_of_scaled_figures() -> None:
    assert same_figure(q("1.5 million"), q("1,520,000"))
