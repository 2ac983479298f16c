"""Figures as news writes them (storyline.compare.numbers)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.compare.numbers import interval, number, parse_figure, render, same_figure, tidy


@pytest.mark.parametrize(
    "text, value, qualifier, unit",
    [
        ("around 3,000", 3000, "around", None),
        ("several thousand", "several thousand", None, None),
        ("11,000", 11000, None, None),
        ("between 35,000 and 60,000", [35000, 60000], None, None),
        ("12,000-19 ,000", [12000, 19000], None, None),  # tokenised text
        ("35-60 ,000", [35000, 60000], None, None),  # the magnitude written once
        ("5 to 10 million", [5_000_000, 10_000_000], None, None),
        ("$ 360m", 360_000_000, None, "USD"),
        ("$20bn", 20_000_000_000, None, "USD"),
        ("34 %", 34, None, "%"),
        ("up to five thousand", 5000, "up to", None),
        ("twenty-five", 25, None, None),
        ("1.9 million", 1_900_000, None, None),
        ("millions", "millions", None, None),
        ("more than 3,100", 3100, "more than", None),
    ],
)
def test_parse_figure(text, value, qualifier, unit):
    f = parse_figure(text)
    assert f is not None
    assert (f.value, f.qualifier, f.unit) == (value, qualifier, unit)


def test_not_figures():
    assert parse_figure("a day") is None
    assert parse_figure("the treaty") is None
    assert number("a") is None


def test_bounds_and_vague_intervals():
    assert parse_figure("up to 5,000").low == 0
    assert math.isinf(parse_figure("more than 100").high)
    lo, hi = parse_figure("several thousand").low, parse_figure("several thousand").high
    assert lo <= 3000 <= hi and not lo <= 11000 <= hi


def test_same_figure():
    assert same_figure(interval("several thousand"), interval(3000, "around"))
    assert not same_figure(interval(3000, "around"), interval(11000, "around"))
    assert same_figure(interval(11000), interval(11000, "around"))
    # overlapping ranges leave room for one figure; disjoint ones do not
    assert same_figure(interval([12000, 19000]), interval([12000, 25000]))
    assert not same_figure(interval([12000, 19000]), interval([20000, 40000]))
    assert same_figure(interval(5000, "up to"), interval(5000))
    assert same_figure(interval(4000), interval([1000, 5000]))


def test_rounded_and_exact_figures():
    assert same_figure(interval(60000), interval(62000))  # 60,000 may be 62,000 rounded
    assert same_figure(interval(5000), interval(5400))
    assert not same_figure(interval(35000), interval(40000))
    assert not same_figure(interval(1000), interval(1400))
    assert not same_figure(interval(15), interval(11))  # small counts are exact
    assert not same_figure(interval(20), interval(17))


@given(st.integers(min_value=0, max_value=10**12))
def test_digits_with_commas_round_trip(n):
    assert number(f"{n:,}") == n
    assert parse_figure(render(n)).value == n


@given(st.integers(min_value=1, max_value=10**9), st.integers(min_value=1, max_value=10**9))
def test_ranges_round_trip(a, b):
    if a == b:
        return
    f = parse_figure(f"between {a:,} and {b:,}")
    assert f.value == [min(a, b), max(a, b)]
    assert (f.low, f.high) == (min(a, b), max(a, b))


@given(st.text(alphabet="0123456789 ,.-$%abcdefghijklmnopqrstuvwxyz", max_size=30))
def test_parser_never_raises(text):
    parse_figure(text)
    tidy(text)


def test_a_decimal_written_without_its_zero_keeps_its_point():
    from storyline.compare.numbers import number, parse_figure

    assert number(".500") == 0.5  # a record "never even .500", not 500 records
    assert parse_figure(".500").value == 0.5
    assert number("500.") == 500 and parse_figure("around 3,000.").value == 3000  # a sentence's full stop goes
