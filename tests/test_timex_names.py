"""A deictic time word capitalised inside a sentence belongs to a name or a title, not a time."""

from storyline.annotate.timex import find_timexes


def test_today_inside_a_title_or_a_paper_name_is_no_time():
    text = ("A study by the author of iGen: Why Today's Super-Connected Kids Are Growing Up found that users "
            "are unhappy. He told USA Today that he would resign.")
    assert find_timexes(text, "2018-02-05") == []


def test_today_opening_a_sentence_or_a_quote_is_a_time():
    assert [t.value for t in find_timexes("Today, the Senate voted. ``Today is a sad day,'' she said.", "2018-02-05")] == [
        "2018-02-05", "2018-02-05"]
    assert [t.value for t in find_timexes("The vote was held today.", "2018-02-05")] == ["2018-02-05"]


def test_a_bare_clock_time_is_on_the_day_named_just_before():
    text = "A tram derailed on Wednesday morning. Seven people died. The derailment occurred at about 6.10am."
    assert [t.value for t in find_timexes(text, "2016-11-10")] == ["2016-11-09TMO", "2016-11-09T06:10"]
    # With no day named nearby it is on the report's day.
    assert [t.value for t in find_timexes("The blast happened at 5:52 p.m. near the port.", "2017-12-27")] == [
        "2017-12-27T17:52"]


def test_a_period_ending_a_title_or_an_award_is_no_time():
    text = ("The act won her national attention as Newsweek's Hero of the Year. "
            "He was named Employee of the Month and starred in the Trial of the Century.")
    assert find_timexes(text, "2016-05-30") == []


def test_the_year_in_prose_is_still_a_time():
    assert [t.value for t in find_timexes("Sales fell by a third over the year.", "2016-05-30")] != []
    assert [t.value for t in find_timexes("The Year of the Dragon began in 2016.", "2016-05-30")] == ["2016"]
