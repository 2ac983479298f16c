"""Round 22 of issue 13: who vouches for a figure. Sentences written for the test; none from
the dev stories."""

from __future__ import annotations

from test_claims import claims_of

from storyline.compare.comparison import compare_claims


def test_a_count_of_the_tellers_is_the_writer_s():
    # The accusers do not vouch for how many of them there are: the writer counts them.
    _, claims = claims_of("The producer has been accused by dozens of women of misconduct since October.")
    counts = [c for c in claims if c.value == "dozens"]
    assert counts and all(c.attributed_to is None for c in counts)
    # a figure the teller gives stays theirs
    _, claims = claims_of("Two officials said 40 people were hurt in the blast.")
    hurt = [c for c in claims if c.value == 40]
    assert hurt and hurt[0].attributed_to == "Two officials"
    assert all(c.attributed_to is None for c in claims if c.value == 2)


def test_values_no_time_separates_are_no_change():
    from test_compare_claims11 import _fig
    from test_compare_claims13 import _art, _compare

    # Two outlets the same morning: money kept abroad and the quarter's estimated earnings share
    # the word "earnings", nothing more. No time orders them, and an estimate makes no conflict.
    a, b = _art("a", "Wire", "2024-10-15T09:00:00"), _art("b", "Paper", "2024-10-15T09:00:00")
    abroad = _fig("1", "a", 31_200_000_000, subject="earnings (USD)", unit="USD")
    quarter = _fig("2", "b", 1_900_000_000, subject="earnings (USD)", unit="USD")
    quarter.hedges = ["projected"]
    got = compare_claims([abroad, quarter], {"a": a, "b": b}, {"a": "Wire", "b": "Paper"})
    assert sorted((k.claims, k.status) for k in got) == [(["1"], "single"), (["2"], "single")]
    # told a day apart, the same two values are a figure that changed
    b2 = _art("b", "Paper", "2024-10-16T09:00:00")
    quarter.date = "2024-10-16"
    assert _compare([abroad, quarter], a, b2) == {"earnings (USD)": (["1", "2"], "evolving")}
