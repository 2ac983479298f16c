"""Publication windows narrowed by what an undated article's lead looks ahead to."""

from __future__ import annotations

import pytest

from storyline.model import Article, Published
from storyline.timeline.infer import anticipated, anticipation_bound, infer_dates


@pytest.fixture(autouse=True)
def _private_parse_cache(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("STORYLINE_EVAL_CACHE", str(tmp_path_factory.getbasetemp() / "parse-cache"))


def _story(undated_body: str, title: str | None = None):
    from storyline.eval.timeline import analyse_for_timeline

    dated = Article(id="dated", source="dated", body="Parliament approved the national budget on Tuesday after a long debate.",
                    published=Published("2019-03-20", "2019-03-20", "2019-03-20", "dateline"))
    undated = Article(id="undated", source="undated", body=undated_body, title=title)
    arts = [dated, undated]
    return arts, {a.id: analyse_for_timeline(a) for a in arts}


def test_a_lead_that_looks_ahead_was_written_before_the_step_is_reported_done():
    arts, analyses = _story("The government introduces a bill to approve the national budget for next year. "
                            "Ministers met in the capital to discuss it.")
    verbs = [v for v, _, _ in anticipated(arts[1], analyses["undated"])]
    assert verbs == ["approve"]
    pub = infer_dates(arts, analyses)["undated"]
    # Parliament approved it on Tuesday 2019-03-19, reported on 2019-03-20.
    assert pub.date is None and pub.latest == "2019-03-19" and pub.how == "inferred"
    assert "anticipates 'approve'" in pub.evidence


def test_no_bound_when_the_report_tells_the_step_done_or_anticipates_something_else():
    arts, analyses = _story("The government is set to approve the national budget for next year. "
                            "Parliament approved the national budget on Tuesday.")
    refs = [m for m in analyses["dated"].events]
    assert anticipation_bound(arts[1], analyses["undated"], refs) is None
    arts, analyses = _story("The government is set to raise the national pension age next year. "
                            "Ministers met in the capital to discuss it.")
    assert anticipation_bound(arts[1], analyses["undated"], list(analyses["dated"].events)) is None
    # A plan recalled in the past tense may long predate its outcome: no bound.
    arts, analyses = _story("The government planned to approve the national budget for next year. "
                            "Ministers met in the capital to discuss it.")
    assert anticipated(arts[1], analyses["undated"]) == []


def test_an_inferred_window_stays_inside_the_articles_own_bounds():
    from storyline.timeline.infer import _within_own

    own = Published(None, "2019-03-01", "2019-03-25", "metadata", "no later than the crawl")
    # An open-ended inferred window keeps the crawl bound.
    got = _within_own(Published(None, "2019-03-10", None, "inferred", "reports events of 2019-03-10 as past"), own)
    assert (got.date, got.earliest, got.latest) == (None, "2019-03-10", "2019-03-25")
    assert "crawl" in got.evidence and "2019-03-10 as past" in got.evidence
    # An inferred day outside the article's own window is not a day.
    got = _within_own(Published("2019-04-02", "2019-04-02", "2019-04-05", "inferred", "x"), own)
    assert got is None
    got = _within_own(Published("2019-03-30", "2019-03-20", "2019-04-05", "inferred", "x"), own)
    assert (got.date, got.earliest, got.latest) == (None, "2019-03-20", "2019-03-25")
    # Inside: kept.
    got = _within_own(Published("2019-03-12", "2019-03-12", "2019-03-15", "inferred", "x"), own)
    assert (got.date, got.earliest, got.latest) == ("2019-03-12", "2019-03-12", "2019-03-15")
    # No own bounds: nothing to keep inside.
    pub = Published(None, "2019-03-10", None, "inferred", "x")
    assert _within_own(pub, Published()) is pub



def test_a_bare_metadata_day_the_story_contradicts_is_overridden():
    from storyline.eval.timeline import analyse_for_timeline

    dated = Article(id="dated", source="dated", body="Parliament approved the national budget on Tuesday after a long debate.",
                    published=Published("2019-03-20", "2019-03-20", "2019-03-20", "dateline"))
    body = "Parliament approved the national budget on Tuesday after a long debate. The opposition walked out."
    stamped = Article(id="stamped", source="stamped", body=body,
                      published=Published("2019-02-01", "2019-02-01", "2019-02-01", "metadata", "2019-02-01T00:00:00"))
    arts = [dated, stamped]
    analyses = {a.id: analyse_for_timeline(a) for a in arts}
    pub = infer_dates(arts, analyses, unanchor=lambda a, an: analyse_for_timeline(a))["stamped"]
    # Its "Tuesday" is the approval the dated report gives: 2019-03-19, not 2019-01-29.
    assert pub.how == "inferred" and pub.earliest == "2019-03-19" and "no time of day" in pub.evidence
    # A stamp with a time of day, or a day the article's times fit, stands.
    stamped.published = Published("2019-02-01", "2019-02-01", "2019-02-01", "metadata", "2019-02-01T09:12:00")
    assert "stamped" not in infer_dates(arts, analyses, unanchor=lambda a, an: analyse_for_timeline(a))
    # A URL giving the same day confirms the stamp: it is no placeholder.
    stamped.published = Published("2019-02-01", "2019-02-01", "2019-02-01", "metadata", "2019-02-01T00:00:00")
    stamped.url = "https://news.test/world/2019/02/01/budget-vote.html"
    assert "stamped" not in infer_dates(arts, analyses, unanchor=lambda a, an: analyse_for_timeline(a))
    stamped.url = None
    stamped.published = Published("2019-03-19", "2019-03-19", "2019-03-19", "metadata", "2019-03-19T00:00:00")
    analyses["stamped"] = analyse_for_timeline(stamped)
    assert "stamped" not in infer_dates(arts, analyses, unanchor=lambda a, an: analyse_for_timeline(a))


def test_a_bare_metadata_day_yields_to_a_window_from_the_day_of_the_same_headline():
    from storyline.eval.timeline import analyse_for_timeline

    title = "Chicago club fires its head coach after a losing season"
    wire = Article(id="wire", source="wire", title=title, body="The club fired its head coach on Monday.",
                   published=Published("2018-01-01", "2018-01-01", "2018-01-01", "url", "https://x.test/2018/01/01/a"))
    copy = Article(id="copy", source="copy", title=title, body="The club announced the firing of its coach on Monday.",
                   published=Published("2017-12-20", "2017-12-20", "2017-12-20", "metadata", "2017-12-20T00:00:00"))
    arts = [wire, copy]
    analyses = {a.id: analyse_for_timeline(a) for a in arts}
    pub = infer_dates(arts, analyses, unanchor=lambda a, an: analyse_for_timeline(a))["copy"]
    # no earlier than the wire's day; a reprint may run days later, so that day is no date
    assert (pub.date, pub.earliest, pub.latest, pub.how) == (None, "2018-01-01", None, "inferred")
    assert "same headline" in pub.evidence
    copy.published = Published("2018-01-12", "2018-01-12", "2018-01-12", "metadata", "2018-01-12T00:00:00")
    pub = infer_dates(arts, analyses, unanchor=lambda a, an: analyse_for_timeline(a))["copy"]
    assert (pub.date, pub.earliest, pub.latest) == (None, "2018-01-01", "2018-01-12")  # a later placeholder bounds it
    copy.published = Published("2018-01-02", "2018-01-02", "2018-01-02", "metadata", "2018-01-02T00:00:00")
    assert "copy" not in infer_dates(arts, analyses, unanchor=lambda a, an: analyse_for_timeline(a))  # a day on: it stands
