"""Sixteenth round of issue 13: claims the groups need that were not found.

Small counts in a list of counts, the year a body was founded, the clock time of the story's
happening, how long and how often an act was done, and "he said" after the speaker's quoted
lines. Sentences and records are made up for these tests (a warehouse fire, a ferry, a charity,
a mine), none from the dev stories.
"""

from __future__ import annotations

from test_claims import claims_of, one
from test_compare_claims11 import _fig
from test_compare_claims13 import _art, _compare

from storyline.compare.comparison import consistent


def test_small_counts_in_a_list_of_counts_are_claims():
    _, claims = claims_of("Six fire engines, three aerial ladders and 40 firefighters were at the scene of the "
                          "warehouse fire on Monday.")
    one(claims, subject="engines", value=6)
    one(claims, subject="ladders", value=3)
    one(claims, subject="firefighters", value=40)  # "at the scene" picks no subset out


def test_a_small_count_alone_or_a_thing_s_parts_stay_out():
    _, claims = claims_of("Three scientists visited the warehouse on Monday.")
    assert not [c for c in claims if c.value == 3]
    _, claims = claims_of("The new ferry, with its two engines and 40 cabins, will sail next spring.")
    assert not [c for c in claims if c.value == 2]


def test_the_year_a_named_body_was_founded():
    _, claims = claims_of("Maria Lopez founded the Coastal Relief Fund in 1998 to help fishermen's families.")
    one(claims, subject="Coastal Relief Fund founded (year)", value=1998)
    _, claims = claims_of("She created a new team in 1998 to help fishermen's families.")
    assert not [c for c in claims if c.value == 1998]


def test_the_clock_time_of_the_happening():
    _, claims = claims_of("The explosion happened at around 9:40pm local time near the harbour, police said.",
                          published="2024-05-03")
    c = one(claims, subject="time of incident", value="21:40")
    assert c.qualifier == "around" and c.unit == "local time"
    # a time of another act, a bound, a time stamp and a happening that did not happen give none
    for text in ("Police were called to the harbour at 9.50pm on Friday.",
                 "The blast happened after 9pm on Friday, police said.",
                 "The ferry did not collide with the pier at about 9pm, officials said."):
        _, claims = claims_of(text, published="2024-05-03")
        assert not [c for c in claims if c.subject == "time of incident"], text


def test_clock_times_of_one_happening_agree_within_a_quarter_hour_when_told_loosely():
    a = _fig("1", "a", "21:40", "around", subject="time of incident", unit="local time")
    b = _fig("2", "b", "21:50", None, subject="time of incident", unit="local time")
    c = _fig("3", "c", "22:10", "about", subject="time of incident", unit="local time")
    exact = _fig("4", "d", "21:45", None, subject="time of incident", unit="local time")
    assert consistent(a, b) and not consistent(a, c) and not consistent(b, exact)


def test_a_happening_s_time_told_otherwise_a_day_later_is_a_conflict():
    arts = [_art("a", "Post", "2024-03-01T10:00:00"), _art("b", "Times", "2024-03-02T12:00:00")]
    subject = "time of incident"
    claims = [_fig("1", "a", "21:30", "around", "2024-03-01", subject, "local time"),
              _fig("2", "b", "21:00", "around", "2024-03-02", subject, "local time")]
    assert _compare(claims, *arts) == {subject: (["1", "2"], "conflict")}


def test_how_long_and_how_often_an_act_was_done():
    _, claims = claims_of("The cage fell for about 20 seconds before the brakes held, the miner said.")
    one(claims, subject="fallen for (seconds)", value=20)
    _, claims = claims_of("The ferry's crew sounded the alarm four times before midnight.")
    one(claims, subject="sounded (times)", value=4)
    _, claims = claims_of("Prices rose three times as fast as wages.")
    assert [c.subject for c in claims if c.unit == "times"] == ["risen (ratio)"]  # a ratio, never a count of acts
    _, claims = claims_of("He said the crew would only need to sound the alarm twice or three times.")
    assert not [c for c in claims if c.unit == "times"]


def test_he_after_the_speaker_s_quoted_lines_is_the_speaker():
    body = ("Miner Tom Reyes, 44, was among those rescued. He said the cage stopped without warning. "
            "\u201cWe heard a bang. I thought, \u2018This is it.\u2019 Nobody moved.\u201d "
            "He said the cage fell for about 20 seconds before the brakes held.")
    _, claims = claims_of(body)
    assert one(claims, subject="fallen for (seconds)", value=20).attributed_to == "Tom Reyes"
