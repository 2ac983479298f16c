"""Text with figures that states no claim (storyline.compare.nonclaims), alone and through
extract_claims; uses the installed spaCy model."""

from __future__ import annotations

import pytest

from storyline.compare.nonclaims import comments_start
from test_claims import claims_of, one


def test_reader_comments_start_at_a_stamped_header():
    body = ("The ferry operator said 300 passengers were evacuated.\n"
            "At 10:14 am on 28 May 2010, jdoe77 wrote: I think 5,000 people were on that ship.\n"
            "Another reader says 20,000.")
    start = comments_start(body)
    assert start == body.index("At 10:14")
    _, claims = claims_of(body)
    assert [c.value for c in claims] == [300]


def test_one_bare_wrote_line_is_not_a_comment_section():
    assert comments_start("The minister wrote: the 300 jobs are safe.\nThe union disagreed.") is None
    assert comments_start("anna_k wrote: first.\nbob12 wrote: second.") == 0


@pytest.mark.parametrize("text", [
    "BACK NEXT 26 MAY - 29 MAY: TOP KILL OF THE PREVENTER - FAILED after 3,000 tries.",
    "Deploy 2,500 boats with 8 workers per boat and collect 20 tons per day.",
    "Trips per boat (8-10) x 2500 boats = approx. 20,000 trips a day.",
    "He sailed his Farr 40 racing yacht at the regatta in the summer.",
    "One of the people sitting in front of the wall said nothing.",
    "The leak may be five times larger than officials first said.",
    "The driver, aged 45, was arrested at the scene on Monday.",
    "Hilary interviewed one worker who told her about the leak.",
])
def test_not_claims(text):
    _, claims = claims_of(text)
    # an age is a figure of its person ("age of driver", test_claims), never a count
    assert [c for c in claims if c.unit not in (None, "response") and not c.subject.startswith("age of")] == [], \
        [(c.subject, c.value) for c in claims]


def test_opinions_and_unsourced_forecasts_are_not_assertions():
    _, claims = claims_of("The company's logo should reflect the spreading spill, the designer reckons.")
    assert claims == []
    _, claims = claims_of("The public probably won't hear about the inquiry again.")
    assert claims == []


def test_rejecting_a_plan_is_not_denying_a_claim():
    _, claims = claims_of("The senator has rejected a proposed cap on damages as inadequate.")
    assert not [c for c in claims if c.kind == "response"]
    _, claims = claims_of("The ministry has rejected the report as false.")
    assert [c.value for c in claims if c.kind == "response"] == ["denied"]


def test_comment_board_furniture_starts_the_comments():
    body = ("Crews laid 300 miles of boom on Sunday, the agency said.\n"
            "You hear nothing about it. Posted by: reader42 | June 17, 2010 1:49 PM | Report abuse\n"
            "Thousands of rigs have drilled there for 60 years without a spill.")
    assert comments_start(body) == body.index("You hear")
    _, claims = claims_of(body)
    assert [c.value for c in claims] == [300]


@pytest.mark.parametrize("text", [
    "The operator said its 5G network now reaches most towns across the country.",
    "The company said 4G and 5G phones make up most of its sales this year.",
    "Emergency services received 911 calls about the blast on Sunday night.",
    "The movement says the 1% own more than half of the world's wealth.",
    "South Korea scrambled F-15K fighters on Tuesday, the military said.",
    "Since 9/11, the airport has searched every bag, officials said.",
    "Officials said the MH17 inquiry would report in the spring.",
])
def test_names_and_codes_are_not_quantities(text):
    _, claims = claims_of(text)
    assert [c for c in claims if c.kind == "figure"] == [], [(c.subject, c.value) for c in claims]


def test_quantities_beside_codes_and_glued_units_stay():
    _, claims = claims_of("The operator said its 5G network now reaches 300 towns across the country.")
    assert [c.value for c in claims if c.kind == "figure"] == [300]
    _, claims = claims_of("The company raised $20bn in the sale, officials said.")
    assert [c.value for c in claims if c.kind == "figure"] == [20_000_000_000]
    _, claims = claims_of("The group sent 12 T-72 tanks to the border, officials said.")
    assert [c.value for c in claims if c.kind == "figure"] == [12]


def test_captions_and_credits_state_no_claim():
    body = ("Police said 40 people were hurt in the crash.\n"
            "Image copyright PA Image caption Scores of staff, about 200 people, were injured, police said.\n"
            "Photo: the brigade said some 300 firefighters attended the blaze.")
    _, claims = claims_of(body)
    assert [c.value for c in claims] == [40]


def test_a_name_under_a_picture_is_not_who_speaks_next():
    body = ("Image copyright PA Image caption Martin Roe was on the tram.\n"
            "He said 60 people were trapped in the carriage.")
    _, claims = claims_of(body)
    assert all(c.attributed_to != "Martin Roe" for c in claims)


@pytest.mark.parametrize("text", [
    "Others claim the measures in place will not tackle the problem at the root cause.",
    "Critics argue that the new law has failed its purpose entirely.",
    "NASA officials said the rocket is just the latest evidence of the centre's transformation.",
    "The company's founder said the powerful new launcher has a lot to prove.",
])
def test_opinions_and_appraisals_are_not_assertions(text):
    _, claims = claims_of(text)
    assert [c for c in claims if c.kind == "assertion"] == [], [(c.subject, c.attributed_to) for c in claims]


def test_an_anonymous_factual_assertion_stays():
    _, claims = claims_of("Local sources said their release was part of a prisoner swap with the government.")
    assert [c.kind for c in claims] == ["assertion"]


@pytest.mark.parametrize("text", [
    "The journalists were denied visas by the government, the newspaper said.",
    "The embassy denied them entry to the country on Monday.",
    "The suspect was denied bail at the hearing on Tuesday.",
    "The ministry denied permission for the march, organisers said.",
])
def test_refusing_a_thing_is_not_denying_a_claim(text):
    _, claims = claims_of(text)
    assert [c for c in claims if c.kind == "response"] == []


def test_denying_a_report_is_still_a_response():
    _, claims = claims_of("The ministry denied the report that troops had crossed the border.")
    assert [c.value for c in claims if c.kind == "response"] == ["denied"]


@pytest.mark.parametrize("text", [
    "The wreckage after a bus left the road near the village, killing three people and injuring another 25.",
    "Firefighters at the site of the blaze that destroyed 40 homes in the valley on Sunday.",
])
def test_a_picture_line_is_not_a_claim(text):
    _, claims = claims_of(text)
    assert claims == [], [(c.subject, c.value) for c in claims]


def test_a_sentence_opening_with_a_time_phrase_is_not_a_picture_line():
    _, claims = claims_of("In May last year, some 2,000 fans, mostly from abroad, clashed with police outside the ground.")
    assert [c.value for c in claims] == [2000], [(c.subject, c.value) for c in claims]


def test_an_agency_caption_run_into_the_text_is_not_a_claim():
    _, claims = claims_of("This March 3, 2019 photo made available by the company shows the ship, which will "
                          "carry 9,000 passengers, in port.")
    assert claims == [], [(c.subject, c.value) for c in claims]


def test_a_reported_happening_to_one_party_is_an_assertion_with_its_speaker():
    _, claims = claims_of("The captain of the ferry has been arrested, the coastguard said.")
    c = one(claims, kind="assertion")
    assert (c.subject, c.value, c.attributed_to) == ("captain arrested", "yes", "the coastguard")


@pytest.mark.parametrize("text", [
    "The captain of the ferry has been arrested.",                 # nobody says so
    "The captain of the ferry has been arrested, a source said.",  # nobody a reader can hold to it
    "Lives have been lost, the mayor said.",                       # no one party
    "The captain may have been arrested, officials said.",         # a possibility
])
def test_unspoken_or_unowned_happenings_are_not_assertions(text):
    _, claims = claims_of(text)
    assert [c for c in claims if c.kind == "assertion"] == [], [(c.subject, c.attributed_to) for c in claims]
