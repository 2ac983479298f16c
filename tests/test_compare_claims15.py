"""Fifteenth round of issue 13: a count whose noun points back, a running total that falls.

Sentences and records are made up for these tests (a flood, a quarry blast, a drought), none
from the dev stories.
"""

from __future__ import annotations

from test_claims import claims_of, one
from test_compare_claims11 import _fig
from test_compare_claims13 import _art, _compare


def test_others_counts_the_noun_counted_before_it():
    # "injured 40 others": the 40 are people, hurt, and a count of their own
    _, claims = claims_of("The blast at the quarry killed three workers and injured 14 others on Monday, police said.")
    one(claims, subject="workers killed", value=3)
    hurt = one(claims, subject="workers injured", value=14)
    assert hurt.attributed_to == "police"


def test_others_after_a_toll_in_a_clause_of_its_own():
    _, claims = claims_of("The flood killed 12 people in the valley, and 40 others were injured, officials said.")
    one(claims, subject="people killed", value=12)
    one(claims, subject="people injured", value=40)


def test_displacement_names_the_displaced():
    _, claims = claims_of("The drought has caused the deaths of 300 people and the displacement of 1.2 million "
                          "others since 2019.")
    one(claims, subject="people displaced (cumulative)", value=1200000)


def test_others_with_no_count_before_it_is_no_count():
    _, claims = claims_of("Rescuers freed a driver, and 12 others waited on the bank.")
    assert not [c for c in claims if c.value == 12]


def test_a_running_total_that_falls_later_is_a_conflict():
    arts = [_art("a", "Post", "2024-03-01T10:00:00"), _art("b", "Times", "2024-09-20T12:00:00")]
    subject = "people displaced (cumulative)"
    claims = [_fig("1", "a", 2600000, None, "2024-03-01", subject, "people"),
              _fig("2", "b", 2300000, None, "2024-09-20", subject, "people")]
    assert _compare(claims, *arts) == {subject: (["1", "2"], "conflict")}


def test_a_running_total_that_rises_is_a_change():
    arts = [_art("a", "Post", "2024-03-01T10:00:00"), _art("b", "Times", "2024-09-20T12:00:00")]
    subject = "people displaced (cumulative)"
    claims = [_fig("1", "a", 2300000, None, "2024-03-01", subject, "people"),
              _fig("2", "b", 2600000, None, "2024-09-20", subject, "people")]
    assert _compare(claims, *arts) == {subject: (["1", "2"], "evolving")}


def test_a_count_that_falls_later_is_still_a_change_when_it_is_no_running_total():
    # "people still trapped": fewer later is news, not a dispute
    arts = [_art("a", "Post", "2024-03-01T10:00:00"), _art("b", "Times", "2024-03-05T12:00:00")]
    subject = "people still trapped"
    claims = [_fig("1", "a", 9, None, "2024-03-01", subject, "people"),
              _fig("2", "b", 2, None, "2024-03-05", subject, "people")]
    assert _compare(claims, *arts) == {subject: (["1", "2"], "evolving")}


def test_a_falling_running_total_told_as_a_floor_is_no_conflict():
    arts = [_art("a", "Post", "2024-03-01T10:00:00"), _art("b", "Times", "2024-09-20T12:00:00")]
    subject = "people displaced (cumulative)"
    claims = [_fig("1", "a", 2600000, None, "2024-03-01", subject, "people"),
              _fig("2", "b", 2000000, "more than", "2024-09-20", subject, "people")]
    assert _compare(claims, *arts)[subject][1] != "conflict"


def test_others_to_whom_nothing_happened_is_a_mention():
    # "two others working in the tool shed": no toll of the two, only where they were
    _, claims = claims_of("Nine workers on the loading dock were killed, along with two others working in the "
                          "nearby tool shed.")
    one(claims, value=9)
    assert not [c for c in claims if c.value == 2]
