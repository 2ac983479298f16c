"""Publication dates a reader can defend: crawl stamps on old pages, edited metadata against the
URL, and small-hours stamps of evening reports (storyline.clean.published)."""

from __future__ import annotations

from storyline.clean.published import date_article

OLD_PAGE = (
    "A lion escaped from its enclosure at the city zoo on Saturday and was shot by keepers, the zoo said.\n\n"
    "Sad news from the zoo today — City Zoo (@CityZoo) June 4, 2016\n\n"
    "The lion had arrived at the zoo in 2012."
)


def test_a_crawl_stamp_long_after_every_spelled_out_date_is_rejected():
    # The stamp is the download time read an hour away; the text's newest full date is 2016.
    pub = date_article(OLD_PAGE, metadata="2017-11-30T14:57:00", downloaded="2017-11-30T15:57:41")
    # 2016-06-04 is a Saturday: the weekday fits the spelled-out day, so the window is the week
    # after it; "on Saturday" is as well written on the Sunday, so no day is claimed.
    assert pub.date is None
    assert pub.earliest == "2016-06-04" and pub.latest == "2016-06-10"
    assert "crawl time" in pub.evidence and "more than 90 days older" in pub.evidence


def test_without_weekdays_the_crawl_rejection_leaves_a_window():
    text = "The documents were published by the newspaper on June 4, 2016, and the minister resigned."
    pub = date_article(text, metadata="2017-11-30T14:57:00", downloaded="2017-11-30T15:57:41")
    assert pub.date is None and (pub.earliest, pub.latest) == ("2016-06-04", "2017-11-30")


def test_a_recent_crawl_stamp_is_an_upper_bound_not_a_day():
    # Background of December 2016, but "throughout 2017" told as past: the page is not old, yet
    # the stamp is still the crawler's clock; the old month must not pin the day either.
    text = ("On Sunday, the party voted for the resolution.\n\nThroughout 2017, the government adopted "
            "a number of steps. In December 2016, parliament passed the law.")
    pub = date_article(text, metadata="2018-01-01T21:41:00", downloaded="2018-01-01T22:41:54")
    assert pub.date is None and pub.latest == "2018-01-01"


def test_a_real_time_shortly_before_the_crawl_is_not_a_crawl_stamp():
    pub = date_article(OLD_PAGE, metadata="2017-11-30T11:12:31", downloaded="2017-11-30T15:57:41")
    assert pub.date == "2017-11-30"


def test_metadata_months_after_the_url_is_an_edit():
    text = "\u201cHe surprised me today,\u201d his father said after the race. \u201cIt was incredible.\u201d"
    pub = date_article(text, metadata="2017-03-22T14:21:01", url="https://example.com/sport/2016/11/13/driver-third/")
    assert (pub.date, pub.how) == ("2016-11-13", "url")
    assert (pub.earliest, pub.latest) == ("2016-11-13", "2017-03-22")
    assert "later edit" in pub.evidence


def test_a_url_the_text_outgrows_does_not_replace_the_metadata():
    text = "The zoo closed the exhibit on May 28, 2016, after the incident, officials said."
    pub = date_article(text, metadata="2016-06-01T10:00:00", url="https://example.com/2016/03/18/zoos/")
    assert (pub.date, pub.how) == ("2016-06-01", "metadata")


EVENING = ("The company raised its offer on Monday, it said in a statement. Its shares rose 3 percent "
           "on Monday afternoon. The board will meet on March 6.")


def test_a_small_hours_stamp_of_an_evening_report_reaches_back_a_day():
    # 2018-02-06 03:15 (no zone) is Monday evening in the Americas and Tuesday in Asia; the text's
    # newest day is Monday. Either day fits: the window is the answer, neither end is the date.
    pub = date_article(EVENING, metadata="2018-02-06T03:15:53")
    assert (pub.date, pub.earliest, pub.latest) == (None, "2018-02-05", "2018-02-06")
    assert "small hours" in pub.evidence


def test_small_hours_stamps_left_alone_when_the_text_says_otherwise():
    # "yesterday" is written on the stamp's day; a day-time stamp; a named zone; late-night news.
    assert date_article("The company raised its offer yesterday.", metadata="2018-02-06T03:15:53").date == "2018-02-06"
    assert date_article(EVENING, metadata="2018-02-06T09:15:53").date == "2018-02-06"
    assert date_article(EVENING, metadata="2018-02-06T03:15:53-05:00").date == "2018-02-06"
    late = "A blast was heard at around 11pm local time on Monday evening, police said."
    assert date_article(late, metadata="2018-02-06T01:11:34").date == "2018-02-06"
    today = "The company raised its offer on Monday. On Tuesday, the board met."
    assert date_article(today, metadata="2018-02-06T03:15:53").date == "2018-02-06"


def test_a_midnight_day_older_than_what_the_text_tells_as_past_is_a_placeholder():
    # The page's stamp is a year before the delay its own text reports as done.
    text = ("The space station's re-entry was delayed in September 2017, the agency said.\n\n"
            "It is expected to fall to Earth within months.")
    pub = date_article(text, metadata="2016-09-21T00:00:00", downloaded="2018-01-14T13:53:28")
    assert pub.date is None and (pub.earliest, pub.latest) == ("2017-09-01", "2018-01-14")
    assert "placeholder" in pub.evidence


def test_a_midnight_day_stands_when_the_text_tells_nothing_later():
    text = "The space station's re-entry was delayed in September 2017, the agency said."
    pub = date_article(text, metadata="2017-09-21T00:00:00", downloaded="2018-01-14T13:53:28")
    assert (pub.date, pub.how) == ("2017-09-21", "metadata")


def test_a_date_told_as_coming_does_not_make_the_day_a_placeholder():
    text = "The agency said the station will fall to Earth in March 2018."
    pub = date_article(text, metadata="2017-09-21T00:00:00", downloaded="2018-01-14T13:53:28")
    assert pub.date == "2017-09-21"


def test_a_small_hours_stamp_under_a_url_of_the_day_before_is_the_url_s_day():
    text = "The space station is expected to crash to Earth within months, an expert said."
    url = "https://www.example.com/science/2017/oct/13/station-will-crash"
    pub = date_article(text, metadata="2017-10-14T00:43:22", url=url)
    assert (pub.date, pub.earliest, pub.latest, pub.how) == ("2017-10-13", "2017-10-13", "2017-10-14", "url")
    # a stamp later in the day, or a URL of the same day, leaves the stamp's day
    assert date_article(text, metadata="2017-10-14T09:43:22", url=url).date == "2017-10-14"
    assert date_article(text, metadata="2017-10-14T00:43:22", url=url.replace("oct/13", "oct/14")).date == "2017-10-14"


def test_a_window_opens_no_earlier_than_the_url_s_month():
    # A stamp that is the crawler's clock leaves a window; an address minted in February 2018
    # says the page is no older than that month.
    p = date_article("Tarantino said the crash was the biggest regret of his life.", metadata="2018-02-06T13:55:45",
                     url="http://www.example.com/2018/02/tarantino-responds-1201925124/",
                     downloaded="2018-02-06T16:55:34")
    assert (p.date, p.earliest, p.latest) == (None, "2018-02-01", "2018-02-06")
    # a URL with its day is a witness of its own, not a month's floor
    p = date_article("Tarantino said the crash was the biggest regret of his life.", metadata="2018-02-06T13:55:45",
                     url="http://www.example.com/2018/02/05/tarantino-responds/", downloaded="2018-02-06T16:55:34")
    assert p.date == "2018-02-05"
