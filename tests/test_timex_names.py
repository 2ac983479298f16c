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
