"""Round 21 of issue 13: figures only a headline or standfirst tells (compare.headline), a
number after "all but", figures told inside unnamed claims or reports, the time a service was
called and a fixed time two sources of one outlet give otherwise. Sentences written for the
test (an avalanche, a bus, a recount, a warehouse fire); none from the dev stories."""

from __future__ import annotations

from test_claims import claims_of, one
from test_compare_claims11 import _fig
from test_compare_claims13 import _art, _compare

from storyline.compare.headline import lead_claims
from storyline.model import Article, Published


def _article(body: str, standfirst: str | None = None, title: str | None = None) -> Article:
    return Article(id="a", source="a", body=body, standfirst=standfirst, title=title, outlet="Daily Test",
                   published=Published(date="2024-05-03", earliest="2024-05-03", latest="2024-05-03", how="metadata"))


def test_a_figure_only_the_standfirst_gives_is_a_claim_quoted_from_it():
    standfirst = "Two climbers died and 14 were injured when an avalanche struck the north face on Sunday."
    article = _article("Two climbers died on the mountain on Sunday. Rescue teams worked through the night.",
                       standfirst=standfirst)
    _, body_claims = claims_of(article.body)
    for c in body_claims:
        c.article = "a"
    found = lead_claims([article], body_claims)
    assert [(c.subject, c.value) for c in found] == [("people injured", 14)]  # the two dead: the body told them
    ev = found[0].evidence[0]
    assert ev.part == "standfirst" and standfirst[ev.start:ev.end] == ev.quote
    assert found[0].id not in {c.id for c in body_claims}


def test_a_headline_figure_the_body_gives_is_not_told_twice():
    article = _article("Fourteen people were injured when the avalanche struck.",
                       title="Avalanche leaves 14 people injured on north face")
    _, body_claims = claims_of(article.body)
    for c in body_claims:
        c.article = "a"
    assert lead_claims([article], body_claims) == []


def test_a_number_after_all_but_counts_no_one():
    _, claims = claims_of("All but three of the passengers were injured when the bus overturned.")
    assert all(c.value != 3 for c in claims), [(c.subject, c.value) for c in claims]
    _, claims = claims_of("Three of the passengers were injured when the bus overturned.")
    assert any(c.value == 3 for c in claims)


def test_a_figure_inside_unnamed_claims_is_theirs():
    _, claims = claims_of("The recount begins on Monday amid claims of 400 ballots lost in the post.")
    c = next(c for c in claims if c.value == 400)
    assert c.attributed_to == "claims" and c.anonymous
    _, claims = claims_of("The recount begins on Monday amid claims by the council of 400 ballots lost in the post.")
    assert all(c.attributed_to != "claims" for c in claims if c.value == 400)
    # a figure in a clause said of something inside the claims is that clause's
    _, claims = claims_of("Among the claims of the auditors, who examined 400 ballots, was a missing seal.")
    assert all(c.attributed_to != "claims" for c in claims if c.value == 400)


def test_the_time_a_service_was_called_is_a_figure_of_its_own():
    _, claims = claims_of("Firefighters were called to the warehouse at 9.50pm on Thursday, the brigade said.")
    c = one(claims, subject="time emergency services were called", value="21:50")
    assert c.unit == "local time"
    # the active "called" is a phone call, no alarm; the time of the happening keeps its own subject
    _, claims = claims_of("She called her brother at 9.50pm on Thursday to say she was safe.")
    assert not [c for c in claims if c.value == "21:50"]


def test_a_fixed_time_two_sources_of_one_outlet_give_otherwise_is_a_dispute():
    subject = "time emergency services were called"
    a = _fig("1", "a", "21:50", None, "2024-03-01", subject, "local time")
    b = _fig("2", "a", "21:44", None, "2024-03-01", subject, "local time")
    b.attributed_to = "a fire brigade spokesman"
    arts = [_art("a", "Post", "2024-03-01T10:00:00"), _art("b", "Times", "2024-03-05T12:00:00")]
    loose = _fig("3", "b", "21:47", "about", "2024-03-05", subject, "local time")  # fits both
    assert _compare([a, b, loose], *arts)[subject][1] == "conflict"
    # a count the outlet moves on with its sources is news, not a dispute
    a, b = _fig("1", "a", 40), _fig("2", "a", 52)
    b.attributed_to = "the fire brigade"
    assert _compare([a, b, _fig("3", "b", 52, date="2024-03-05")], *arts)["soldiers stationed"][1] == "evolving"


def test_standfirst_evidence_is_written_with_its_part_and_never_marked_in_the_body():
    from storyline.model import Evidence, asdict
    from storyline.report.html import cited_spans

    body, lead = Evidence("a", 0, 4, "Body"), Evidence("a", 0, 9, "Two dead.", part="standfirst")
    assert "part" not in asdict(body) and asdict(lead)["part"] == "standfirst"
    story = {"claims": [{"evidence": [asdict(body)]}, {"evidence": [asdict(lead)]}]}
    assert cited_spans([story], "a") == [asdict(body)]


def test_a_figure_in_what_a_party_bills_a_thing_as_is_that_party_s():
    text = ("The new ferry, billed by its operator as \u201cthe fastest on the coast by a factor of two,\u201d "
            "enters service in May with 40 cabins.")
    _, claims = claims_of(text)
    assert one(claims, unit="times", value=2).attributed_to == "its operator"
    _, claims = claims_of(text.replace(" by its operator", ""))
    assert one(claims, unit="times", value=2).attributed_to is None  # nobody named: as before


def test_a_measure_in_a_clause_is_of_that_clause_s_subject():
    # "took the bend at 50mph" inside "... feared the worst when ...": the bus's speed
    _, claims = claims_of("Two passengers said they feared the worst when the bus took the bend at 50mph.")
    assert one(claims, unit="mph", value=50).subject == "bus (mph)"


def test_under_and_below_before_a_figure_are_its_bound():
    _, claims = claims_of("The satellite's perigee is now below 300km, the agency said.")
    assert one(claims, value=300).qualifier == "below"


def test_claims_that_are_money_or_a_speaker_s_reports_are_no_hearsay():
    _, claims = claims_of("The storms resulted in claims of $18m for the insurer.")
    assert one(claims, value=18000000).attributed_to is None  # insurance claims: their own size
    _, claims = claims_of("The warden said: \u201cWe have had reports of hundreds of dead fish on the shore.\u201d")
    assert one(claims, value="hundreds").attributed_to == "The warden"
