"""Publication dates checked against the URL, the crawl time and the text (storyline.clean.published)."""

from __future__ import annotations

import pytest

from storyline.clean import clean
from storyline.clean.published import crawl_coincident, date_article, is_bare, read_text, url_date
from storyline.ingest.newsplease import record_to_article


@pytest.mark.parametrize(
    "url, day",
    [
        ("https://www.example.com/2019/03/08/world/minister-resigns.html", "2019-03-08"),
        ("https://example.org/world/2019/mar/08/minister-resigns", "2019-03-08"),
        ("http://example.net/world/2019-03/08/content_1234.htm", "2019-03-08"),
        ("https://example.com/news/minister-resigns-2019-03-08/", "2019-03-08"),
        ("https://example.com/archive/20190308/minister-resigns", "2019-03-08"),
        ("https://example.com/news/12345-minister-resigns", None),
        ("https://example.com/2019/13/45/not-a-date", None),
        ("https://example.com/news/story?date=2019/03/08/", None),  # the query is not the path
        (None, None),
    ],
)
def test_url_date(url, day):
    assert url_date(url) == day


def test_bare_dates_and_crawl_times():
    assert is_bare("2019-03-08T00:00:00") and is_bare("2019-03-08")
    assert not is_bare("2019-03-08T14:05:00") and not is_bare("8 March 2019") and not is_bare(None)
    # The download clock read an hour (a zone) away, to the minute: the crawl itself.
    assert crawl_coincident("2019-03-20T10:26:00", "2019-03-20T11:26:42")
    assert crawl_coincident("2019-03-20T11:26:10", "2019-03-20T11:26:42")
    # Published some hours and minutes before the crawl: a real time.
    assert not crawl_coincident("2019-03-20T07:49:31", "2019-03-20T11:26:42")
    assert not crawl_coincident("2019-03-08T10:26:00", "2019-03-20T11:26:42")
    assert not crawl_coincident("2019-03-20T00:00:00", "2019-03-20T11:00:42")  # a bare date is no clock
    assert not crawl_coincident("2019-03-08T10:26:00", None)


FRIDAY_STORY = (
    "The minister resigned on Friday after the inquiry published its report, officials said.\n\n"
    "The inquiry had found that the ministry ignored warnings for two years. On Thursday, the opposition "
    "called for a vote of no confidence."
)


def test_bare_metadata_a_day_after_the_url_yields_to_the_text():
    # 2019-03-08 is a Friday: the report's newest news is that day, the bare date is the next.
    pub = date_article(FRIDAY_STORY, metadata="2019-03-09T00:00:00",
                       url="https://example.com/2019/03/08/minister-resigns.html")
    assert (pub.date, pub.how) == ("2019-03-08", "url")
    assert "bare date" in pub.evidence and "2019-03-09" in pub.evidence


def test_bare_metadata_kept_when_the_text_points_to_it():
    # Here the URL is a day late (a print-dated URL) and the text's Friday is the metadata day.
    pub = date_article(FRIDAY_STORY, metadata="2019-03-08T00:00:00",
                       url="https://example.com/2019/03/09/minister-resigns.html")
    assert (pub.date, pub.how) == ("2019-03-08", "metadata")


def test_an_undecided_split_takes_the_earlier_day_and_keeps_the_window():
    text = "The minister resigned after the inquiry published its report, officials said. " * 3
    pub = date_article(text, metadata="2019-03-09T00:00:00", url="https://example.com/2019/03/08/x.html")
    assert (pub.date, pub.earliest, pub.latest) == ("2019-03-08", "2019-03-08", "2019-03-09")


def test_a_timed_metadata_date_is_not_overridden_by_the_url():
    pub = date_article(FRIDAY_STORY, metadata="2019-03-09T08:12:44",
                       url="https://example.com/2019/03/08/minister-resigns.html")
    assert (pub.date, pub.how) == ("2019-03-09", "metadata")


def test_witnesses_far_apart_are_not_weighed():
    pub = date_article(FRIDAY_STORY, metadata="2019-03-20T00:00:00",
                       url="https://example.com/2019/03/08/minister-resigns.html")
    assert (pub.date, pub.how) == ("2019-03-20", "metadata")


AHEAD = (
    "The city's marathon will be run on Sunday, March 17, 2019, along a new route, organisers said.\n\n"
    "Last year's race drew 30,000 runners. On March 18, 2018, the course was shortened because of snow."
)


def test_a_crawl_date_the_text_contradicts_becomes_a_window():
    pub = date_article(AHEAD, metadata="2019-04-02T21:26:00", downloaded="2019-04-02T22:26:42")
    assert pub.date is None
    assert pub.latest == "2019-04-02"  # a page exists before it is downloaded
    assert pub.earliest == "2018-03-18"  # no older than the newest date it tells
    assert "crawl" in pub.evidence and "told as ahead" in pub.evidence


def test_a_crawl_date_the_text_agrees_with_is_only_an_upper_bound():
    # Nothing contradicts the crawler's clock, but nothing makes it the publication day either.
    pub = date_article(AHEAD, metadata="2019-03-12T21:26:00", downloaded="2019-03-12T22:26:42")
    assert pub.date is None and (pub.earliest, pub.latest) == ("2018-03-18", "2019-03-12")
    assert "crawl time" in pub.evidence


def test_a_crawl_date_gives_way_to_the_url_day():
    pub = date_article(AHEAD, metadata="2019-03-12T21:26:00", downloaded="2019-03-12T22:26:42",
                       url="https://example.com/2019/03/10/marathon-route/")
    assert (pub.date, pub.how) == ("2019-03-10", "url")


def test_a_rejected_crawl_date_falls_back_to_a_url_the_text_accepts():
    pub = date_article(AHEAD, metadata="2019-04-02T21:26:00", downloaded="2019-04-02T22:26:42",
                       url="https://example.com/2019/03/11/marathon-route.html")
    assert (pub.date, pub.how) == ("2019-03-11", "url")


def test_without_metadata():
    assert date_article(AHEAD, metadata=None, url="https://example.com/2019/03/11/x").date == "2019-03-11"
    assert date_article(AHEAD, metadata=None) is None
    pub = date_article(AHEAD, metadata=None, downloaded="2019-04-02T22:26:42")
    assert (pub.date, pub.latest) == (None, "2019-04-02")


def test_times_counted_from_the_day_itself_never_contradict_it():
    # "last month" moves with the day: told "ahead" it is a wrong guess of tense, not evidence.
    text = "Prices will rise again, after they fell last month, the ministry said on Monday."
    assert read_text(text, "2019-03-12").contradictions == []


def test_read_text_sees_past_and_future():
    r = read_text(FRIDAY_STORY, "2019-03-09")
    assert r.newest_past == "2019-03-08" and r.lag == 1 and not r.contradictions
    r = read_text(AHEAD, "2019-04-02")
    assert r.contradictions


def test_news_please_record_end_to_end():
    rec = {"title": "City marathon gets a new route", "maintext": AHEAD, "url": "https://example.com/sport/marathon",
           "date_publish": "2019-04-02T21:26:00", "date_download": "2019-04-02T22:26:42", "source_domain": "example.com"}
    art = clean(record_to_article(rec, "rec.json", "a1"))
    assert art.published.date is None and art.published.latest == "2019-04-02"
    rec["date_download"] = "2020-01-01T00:00:00"  # crawled long after: the metadata stands
    assert clean(record_to_article(rec, "rec.json", "a1")).published.date == "2019-04-02"


def test_a_date_read_from_the_article_text_is_not_taken_for_its_publication_date():
    """htmldate's extensive search reads dates out of the page's text; one the article itself
    gives as the day of something it reports is not the day it was published."""
    from storyline.clean import clean
    from storyline.model import RawArticle

    body = ("<p>North Korea ratified a defence pact with Russia, state media reported on Tuesday.</p>"
            "<p>The treaty, signed in Pyongyang on June 19, 2024, was ratified by a decree of the leader, "
            "the agency said in its short report.</p>"
            "<p>The treaty will take effect from the day both sides exchange ratification instruments.</p>")
    page = f"<!DOCTYPE html><html><head><title>Pact</title></head><body><article>{body}</article></body></html>"
    art = clean(RawArticle(id="p", source="p.html", format="html", html=page, url="http://127.0.0.1/news/p.html"))
    assert art.published.date is None
    assert "rejected" in (art.published.evidence or "") and "June 19, 2024" in art.published.evidence
    # A date in the page around the article (its metadata) is kept as before.
    meta = page.replace("<title>", '<meta property="article:published_time" content="2024-11-12T08:00:00Z"><title>')
    art = clean(RawArticle(id="q", source="q.html", format="html", html=meta, url="http://127.0.0.1/news/q.html"))
    assert art.published.date == "2024-11-12"


def test_a_bare_day_that_is_the_crawl_day_is_only_an_upper_bound():
    # A page that gives no date is stamped "today" by the crawler, with no time of day: twelve
    # days after the other outlets ran the story, it would put the page on the crawl day.
    text = "Astronauts identified microbes aboard the space station. The samples were returned to Earth."
    pub = date_article(text, metadata="2018-01-14T00:00:00", downloaded="2018-01-14T13:53:33")
    assert pub.date is None and pub.latest == "2018-01-14"
    assert "crawl" in pub.evidence
    # The text's weekday still pins a page the crawl found on its day of publication.
    told = "The minister resigned on Friday, officials said on Saturday."
    pub = date_article(told, metadata="2019-03-09T00:00:00", downloaded="2019-03-09T18:02:11",
                       url="https://example.com/2019/03/09/minister-resigns.html")
    assert pub.date == "2019-03-09"
    # A bare day before the crawl day is the outlet's (rule 2 and the rest decide it).
    pub = date_article(text, metadata="2018-01-02T00:00:00", downloaded="2018-01-14T13:53:33")
    assert pub.date == "2018-01-02"
