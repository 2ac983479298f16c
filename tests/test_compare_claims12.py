"""Twelfth round of issue 13: counts of a happening years before, told loosely; a year the
parse missed that the sentence gives; readable subject labels.

Sentences and records are made up for these tests (a mine, a ferry, a dam), none from the dev
stories.
"""

from __future__ import annotations

import pytest
from test_claims import claims_of
from test_compare_claims11 import _art, _fig

from storyline.compare.comparison import compare_claims
from storyline.model import Claim, Evidence


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


def _told(values: list[int], texts: list[str]) -> dict:
    """Subjects of a past ferry sinking's toll (claim 1) and today's, with the sentences given."""
    arts = [_art("a", "Post", "2024-10-14T10:00:00"), _art("b", "Times", "2024-10-14T12:00:00"),
            _art("c", "Herald", "2024-10-15T09:00:00")]
    claims = [_fig("1", "a", 41, None, "2024-10-14", "people killed in 2022", "people")]
    for n, (value, text) in enumerate(zip(values, texts), start=2):
        claims.append(_fig(str(n), "bc"[n - 2], value, None, "2024-10-1" + "45"[n - 2], "people killed", "people"))
        claims[-1].text = text
    return {k.subject: k.claims for k in _compare(claims, *arts)}


def test_a_claim_whose_sentence_gives_the_year_joins_the_dated_twin():
    comps = _told([41, 6], ["Two years ago, 41 people died when the ferry sank.",
                            "Six people were killed when the bus overturned on Tuesday."])
    assert comps == {"people killed in 2022": ["1", "2"], "people killed": ["3"]}  # today's crash stays apart
    # a year that belongs to another figure of the sentence moves nothing
    comps = _told([12, 12], ["12 people died, the worst toll since the ferry sank two years ago.",
                             "12 people died on Monday, more than the 41 who died when the ferry sank in 2022."])
    assert comps["people killed"] == ["2", "3"]


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


@pytest.mark.parametrize("text, subject", [
    # a hashtag that runs a name and a counted noun together reads as both
    ("Rebels freed 21 #Chibokgirls on Thursday, officials said.", "Chibok girls freed"),
    ("Police counted 40 #floodvictims in the town.", "flood victims"),
    # a party responding on its own thing is not named twice
    ("The Red Cross confirmed its role in the swap.", "Red Cross on its role"),
    ("The company denied its involvement in the scheme.", "company on its involvement"),
])
def test_readable_labels(text, subject):
    _, claims = claims_of(text)
    assert [c.subject for c in claims] == [subject]


def test_a_name_and_its_noun_alone_joins_the_one_subject_that_says_what_happened():
    from storyline.compare.samefigure import join_same_figures

    freed = [_fig("1", "a", 21, subject="Dapchi girls freed", unit="girls"),
             _fig("2", "b", 21, subject="Dapchi girls freed", unit="girls")]
    tagged = [_fig("3", "c", 21, subject="Dapchi girls", unit="girls"),
              _fig("4", "c", "dozens", subject="Dapchi girls", unit="girls")]
    out = dict(join_same_figures([("Dapchi girls freed", freed), ("Dapchi girls", tagged)]))
    assert [c.id for c in out["Dapchi girls freed"]] == ["1", "2", "3"]
    assert [c.id for c in out["Dapchi girls"]] == ["4"]  # a vague count of them stays apart
    # another name's count, or two subjects it could join, and it stays
    other = [_fig("5", "d", 21, subject="Dapchi girls abducted", unit="girls")]
    tagged = [_fig("3", "c", 21, subject="Dapchi girls", unit="girls")]
    out = dict(join_same_figures([("Dapchi girls freed", freed), ("Dapchi girls abducted", other),
                                  ("Dapchi girls", tagged)]))
    assert [c.id for c in out["Dapchi girls"]] == ["3"]


def test_labels_keep_hyphenated_words_and_model_names_whole():
    from storyline.annotate.nlp import parse
    from storyline.compare.measured import phrase

    def named(text, noun):
        doc = parse(text)
        return phrase(next(t for t in doc if t.text == noun))

    assert named("A souped-up model of the truck could haul 20 tonnes.", "model") == "souped-up model"
    assert named("The Atlas 5-Heavy rocket can lift 9,000 pounds.", "rocket") == "Atlas 5-Heavy rocket"
    assert named("Some 300 oil clean-up workers were hired.", "workers") == "oil clean-up workers"


def test_participles_and_plurals_of_labels_are_spelled_right():
    from storyline.compare.subjects import noun_class, participle

    assert [participle(v) for v in ("patrol", "ban", "stop", "visit", "open", "fix", "dig")] == \
        ["patrolled", "banned", "stopped", "visited", "opened", "fixed", "dug"]
    assert noun_class("personnel") == "personnel"


def test_a_statement_under_a_key_of_lemmas_is_shown_in_its_own_words():
    arts = [_art("a", "Post", "2024-10-14T10:00:00")]
    said = Claim(id="1", subject="repair take month", text="Repairs to the dam would take nine months, the \u201cengineers\u201d said",
                 article="a", value="yes", kind="assertion", date="2024-10-14", evidence=[Evidence("a", 0, 4, "Body")])
    comps = _compare([said], *arts)
    assert comps[0].subject == said.subject == "Repairs to the dam would take nine months, the engineers said"
    # a label already in the text's words stays
    said.subject = "repairs to the dam would take nine months"
    assert _compare([said], *arts)[0].subject == "repairs to the dam would take nine months"
