"""Twelfth round of issue 13: counts of a happening years before, told loosely; a year the
parse missed that the sentence gives; readable subject labels.

Sentences and records are made up for these tests (a mine, a ferry, a dam), none from the dev
stories.
"""

from __future__ import annotations

from test_claims import claims_of
from test_compare_claims11 import _art, _fig

from storyline.compare.comparison import compare_claims


def _compare(claims, *arts):
    return compare_claims(claims, {x.id: x for x in arts}, {x.id: x.outlet for x in arts})


def test_a_count_of_a_happening_years_before_told_as_floors_agrees():
    arts = [_art("a", "Post", "2024-10-14T10:00:00"), _art("b", "Times", "2024-10-14T12:00:00"),
            _art("c", "Herald", "2024-10-15T09:00:00")]
    past = "miners trapped in 2019"
    claims = [_fig("1", "a", 120, "more than", "2024-10-14", past, "miners"),
              _fig("2", "b", 133, None, "2024-10-14", past, "miners"),
              _fig("3", "c", 100, "more than", "2024-10-15", past, "miners")]
    assert [(k.subject, k.status) for k in _compare(claims, *arts)] == [(past, "agree")]
    # two exact values of it still differ
    claims = [_fig("1", "a", 120, None, "2024-10-14", past, "miners"),
              _fig("2", "b", 133, None, "2024-10-14", past, "miners")]
    assert _compare(claims, *arts)[0].status != "agree"
    # today's toll, floors then a figure, is a toll that rose
    now = "miners trapped"
    claims = [_fig("1", "a", 20, "at least", "2024-10-14", now, "miners"),
              _fig("3", "c", 33, None, "2024-10-15", now, "miners")]
    assert _compare(claims, *arts)[0].status == "evolving"


def test_a_claim_whose_sentence_gives_the_year_joins_the_dated_twin():
    arts = [_art("a", "Post", "2024-10-14T10:00:00"), _art("b", "Times", "2024-10-14T12:00:00"),
            _art("c", "Herald", "2024-10-15T09:00:00")]
    past, now = "people killed in 2022", "people killed"
    claims = [_fig("1", "a", 41, None, "2024-10-14", past, "people"),
              _fig("2", "b", 41, None, "2024-10-14", now, "people"),
              _fig("3", "c", 6, None, "2024-10-15", now, "people")]
    claims[1].text = "Two years ago, 41 people died when the ferry sank."
    claims[2].text = "Six people were killed when the bus overturned on Tuesday."
    comps = {k.subject: k for k in _compare(claims, *arts)}
    assert comps[past].claims == ["1", "2"] and comps[past].status == "agree"
    assert comps[now].claims == ["3"]  # today's crash stays apart
    assert claims[1].subject == past


def test_the_clause_that_tells_the_happening_dates_the_count():
    _, claims = claims_of("Rescuers reached 12 of the more than 40 miners trapped in the shaft in 2019.")
    assert {c.subject for c in claims} >= {"miners trapped in 2019"}
    _, claims = claims_of("The 30 miners rescued in 2019 were honoured on Monday.")
    assert {c.subject for c in claims} == {"miners rescued in 2019"}
    # a clause of another change does not date the count it carries
    _, claims = claims_of("Twenty-one villagers displaced by the flood in 2019 were rehoused on Monday.")
    assert not any("2019" in c.subject and "displaced" not in c.subject for c in claims)


def test_years_counted_back_from_the_article_name_the_year():
    _, claims = claims_of("Four workers were killed two years ago at the mine.")
    assert [c.subject for c in claims] == ["workers killed in 2022"]
    _, claims = claims_of("More than 200 schoolgirls kidnapped more than two years ago are still missing.")
    assert [c.subject for c in claims] == ["girls still abducted in 2022"]


def test_all_reports_attribute_it_only_when_every_report_names_that_source():
    arts = [_art("a", "Post", "2024-10-14T10:00:00"), _art("b", "Times", "2024-10-14T12:00:00")]
    claims = [_fig("1", "a", 40), _fig("2", "b", 40)]
    claims[0].attributed_to = "the army"
    assert "attribute" not in _compare(claims, *arts)[0].note
    claims[1].attributed_to = "the army"
    assert _compare(claims, *arts)[0].note == "all reports attribute it to the army"
