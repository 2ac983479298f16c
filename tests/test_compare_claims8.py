"""Eighth round of issue 13: ranges told with two magnitudes, near values of small figures,
and a summary's latest development, page notes and "still to come" items.

Sentences and records are made up for these tests (a tanker, a band, a council), none from
the dev stories.
"""

from __future__ import annotations

from storyline.compare.numbers import same_figure
from storyline.compare.summary import publishable, summarise
from storyline.model import Claim, Event, Evidence, Expectation

from test_claims import claims_of, one
from test_summary import art, story_of


def _point(x):
    return (float(x), float(x), "point")


def test_range_with_two_magnitudes_is_one_range():
    _, claims = claims_of("The agency said an estimated 30 million to 50 million litres of fuel have leaked since the collision.")
    c = one(claims, unit="litres")
    assert c.value == [30_000_000, 50_000_000]


def test_range_with_glued_magnitudes_is_one_range():
    _, claims = claims_of("Engineers estimate that 12m to 18m litres have spilled.")
    assert one(claims, unit="litres").value == [12_000_000, 18_000_000]


def test_money_and_a_count_joined_by_to_are_two_figures():
    _, claims = claims_of("The insurer has paid out more than $300m to 41,000 policyholders.")
    assert not any(isinstance(c.value, list) for c in claims)


def test_small_exact_figures_are_read_to_the_unit():
    assert not same_figure(_point(47), _point(49))  # two people's ages, not one age rounded
    assert not same_figure(_point(7), _point(8))
    assert same_figure(_point(30), _point(32))  # "30" may be 32 rounded to the ten
    assert not same_figure(_point(30), _point(36))
    assert same_figure(_point(62_000), _point(60_000))  # large round figures keep their slack


def test_two_ages_in_one_sentence_stay_two_subjects():
    from storyline.compare.comparison import compare_claims

    arts = [art("a", "Post", "2024-10-15"), art("b", "Times", "2024-10-15")]
    claims = []
    for aid, body in (("a", "The singer, 52, said on Monday that her marriage to Tom Grey, 54, is over."),
                      ("b", "The singer, 52, announced the split from Tom Grey, 54, on Monday.")):
        _, cs = claims_of(body)
        for c in cs:
            c.article = aid
            c.id = f"{aid}-{c.subject}"
        claims += cs
    comps = compare_claims(claims, {a.id: a for a in arts}, {a.id: a.outlet for a in arts})
    by = {k.subject: k for k in comps}
    assert by["age of singer"].status == "agree"
    assert {c.value for c in claims if c.subject == "age of singer"} == {52}


def test_page_notes_are_not_prose():
    assert not publishable("Note: The photograph on this page was updated in 2011.")
    assert not publishable("This article has been corrected to show the right date.")
    assert publishable("The council voted to close the library on Monday.")


def test_latest_is_a_window_after_the_dated_background():
    arts = [art("a", "Post", "2024-10-15"), art("b", "Times", "2024-10-15")]
    events = [
        Event(id="e1", date="2023-06", precision="month", text="The band played a charity concert in June",
              sources=["a"], evidence=[], importance=3.0),
        Event(id="e2", date=None, precision=None, text="The band announced it was splitting up",
              sources=["a", "b"], evidence=[], importance=2.0, earliest="2024-10-14", latest="2024-10-15"),
    ]
    story, by_id = story_of(arts, events, [])
    out = summarise(story, by_id)
    assert out[0].text.startswith("Latest: The band announced")


def _expect(xid, text, what, who=None, made="2024-10-15"):
    return Expectation(id=xid, text=text, what=what, article="a", certainty="announced", attributed_to=who,
                       made=made)


def test_still_to_come_names_the_story():
    arts = [art("a", "Post", "2024-10-15")]
    story, by_id = story_of(arts, [], [])
    story.title = "Harbour council approves new ferry terminal"
    story.keywords = ["Harbour Council", "ferry"]
    story.expectations = [_expect("x1", "The couple will continue to work together on the film.", "continue to work together")]
    assert not any(s.text.startswith("Still to come") for s in summarise(story, by_id))
    story.expectations = [_expect("x2", "The Harbour Council will vote on the budget next week.", "vote on the budget")]
    assert any(s.text.startswith("Still to come") for s in summarise(story, by_id))


def test_still_to_come_not_shown_when_the_party_has_since_confirmed_it():
    arts = [art("a", "Post", "2024-10-15"), art("b", "Times", "2024-10-16")]
    confirmed = Claim(id="k1", subject="Acme on prices", text="Acme has confirmed the new prices.", article="b",
                      value="confirmed", unit=None, attributed_to="Acme", kind="response", date="2024-10-16",
                      evidence=[Evidence("b", 0, 4, "Body")])
    story, by_id = story_of(arts, [], [confirmed])
    story.title = "Acme changes its prices"
    story.keywords = ["Acme"]
    story.expectations = [_expect("x1", "Acme said it would be back soon with an update on the prices.",
                                  "be back with an update on the prices", who="Acme")]
    assert not any(s.text.startswith("Still to come") for s in summarise(story, by_id))
    confirmed.date = "2024-10-01"  # confirmed before the promise: not its keeping
    assert any(s.text.startswith("Still to come") for s in summarise(story, by_id))


def test_capital_k_glued_to_a_number_is_a_class_not_thousands():
    _, claims = claims_of("You no longer need to buy a 4K TV to see the sharper picture, and 8K screens remain rare.")
    assert not any(c.value in (4000, 8000) for c in claims), [(c.subject, c.value) for c in claims]
    _, claims = claims_of("The charity raised $50K at the gala.")
    assert any(c.value == 50000 for c in claims), [(c.subject, c.value) for c in claims]


def _fig(cid, aid, value, qualifier=None, date="2024-10-15"):
    return Claim(id=cid, subject="people taken to hospital", text="...", article=aid, value=value, unit="people",
                 qualifier=qualifier, kind="figure", date=date, evidence=[Evidence(aid, 0, 4, "Body")])


def test_a_strict_bound_leaves_out_its_own_exact_number():
    from storyline.compare.comparison import consistent, values_agree

    assert not consistent(_fig("1", "a", 61, "more than"), _fig("2", "b", 61))
    assert not values_agree(_fig("1", "a", 61, "more than"), _fig("2", "b", 61))
    assert consistent(_fig("1", "a", 61, "at least"), _fig("2", "b", 61))  # "at least" includes it
    assert consistent(_fig("1", "a", 60, "more than"), _fig("2", "b", 62))
    assert not consistent(_fig("1", "a", 700, "nearly"), _fig("2", "b", 701))
    assert consistent(_fig("1", "a", 700, "nearly"), _fig("2", "b", 690))


def test_strict_bound_against_its_number_at_one_time_is_a_conflict():
    from storyline.compare.comparison import compare_claims

    arts = [art("a", "Post", "2024-10-15"), art("b", "Times", "2024-10-15")]
    comps = compare_claims([_fig("1", "a", 61, "more than"), _fig("2", "b", 61)], {x.id: x for x in arts},
                           {"a": "Post", "b": "Times"})
    assert comps[0].status == "conflict"


def _age(cid, aid, value, holder, date="2024-10-15"):
    return Claim(id=cid, subject=f"age of {holder}", text="...", article=aid, value=value, unit="years",
                 kind="figure", date=date, evidence=[Evidence(aid, 0, 4, "Body")])


def test_a_role_nouns_ages_far_apart_are_different_people():
    from storyline.compare.comparison import compare_claims

    arts = [art("a", "Post", "2024-10-15"), art("b", "Times", "2024-10-16")]
    keys = {"a": "Post", "b": "Times"}
    comps = compare_claims([_age("1", "a", 19, "daughter"), _age("2", "b", 5, "daughter", "2024-10-16")],
                           {x.id: x for x in arts}, keys)
    assert [k.status for k in comps] == ["single", "single"]
    # a one-year misreport of one child stays one subject, shown side by side
    comps = compare_claims([_age("1", "a", 3, "boy"), _age("2", "b", 4, "boy", "2024-10-16")],
                           {x.id: x for x in arts}, keys)
    assert len(comps) == 1 and comps[0].status != "single"
    # a named person's ages are one person's, whatever the gap
    comps = compare_claims([_age("1", "a", 19, "Ann Lee"), _age("2", "b", 29, "Ann Lee", "2024-10-16")],
                           {x.id: x for x in arts}, keys)
    assert len(comps) == 1


def test_outlet_promotion_and_glued_teasers_are_not_claims():
    _, claims = claims_of("Gardening 101: Plotnews shows you the 12 plants you need this spring.", outlet="plotnews.com")
    assert not claims, [(c.subject, c.value) for c in claims]
    _, claims = claims_of("15 BRILLIANT gadgets for your kitchen Take a look at 15 of the best new gadgets on sale.",
                          outlet="example.com")
    assert not claims, [(c.subject, c.value) for c in claims]
    _, claims = claims_of("Officials told Plotnews that 40 people had died, and you could see the smoke.",
                          outlet="plotnews.com")
    assert any(c.value == 40 for c in claims)


def test_a_plan_told_with_a_time_ahead_is_not_a_development():
    arts = [art("a", "Post", "2024-10-15")]
    planned = Event(id="e1", date=None, precision=None, text="New winter themes for the app",
                    sources=["a"], importance=3.0, earliest="2024-10-15", latest="2024-10-15",
                    evidence=[Evidence("a", 0, 60, "Later this week, we're adding new winter themes for the app.")])
    done = Event(id="e2", date="2024-10-14", precision="day", text="The company released the app update",
                 sources=["a"], importance=1.0, evidence=[Evidence("a", 61, 99, "The company released the app update on Monday.")])
    story, by_id = story_of(arts, [planned, done], [])
    text = " ".join(s.text for s in summarise(story, by_id))
    assert "winter themes" not in text and "released the app update" in text


def test_a_persons_age_under_a_short_name_joins_the_full_name():
    from storyline.compare.comparison import compare_claims

    arts = [art("a", "Post", "2024-10-15"), art("b", "Times", "2024-10-15"), art("c", "Globe", "2024-10-15")]
    keys = {"a": "Post", "b": "Times", "c": "Globe"}
    claims = [_age("1", "a", 52, "Ann Lee"), _age("2", "b", 52, "Lee"), _age("3", "c", 52, "Ann"),
              _age("4", "c", 30, "Tom")]
    comps = {k.subject: k for k in compare_claims(claims, {x.id: x for x in arts}, keys)}
    assert comps["age of Ann Lee"].status == "agree" and len(comps["age of Ann Lee"].claims) == 3
    assert "age of Tom" in comps  # no full name ends in it


def test_a_measure_is_rounded_to_its_last_digit_a_count_is_exact():
    from storyline.compare.comparison import consistent

    fell = _fig("1", "a", 6, "more than")
    fell.unit = "%"
    six = _fig("2", "b", 6)
    six.unit = "%"
    assert consistent(fell, six)  # "fell 6 percent" may be 6.3
    assert not consistent(_fig("3", "a", 6, "more than"), _fig("4", "b", 6))  # six people are six


def test_money_before_a_count_is_not_a_range_when_the_tagger_leaves_the_sign_out():
    _, claims = claims_of("The fund has so far paid out $105m to 32,000 claimants.")
    assert not any(isinstance(c.value, list) for c in claims), [(c.subject, c.value) for c in claims]


def test_money_ranges_signed_once_stay_ranges():
    _, claims = claims_of("Analysts said clean-up costs could total $15-23 billion.")
    assert any(c.value == [15_000_000_000, 23_000_000_000] for c in claims), [(c.subject, c.value) for c in claims]
    _, claims = claims_of("Net income rose 15 percent to $4.41 billion.")
    assert not any(isinstance(c.value, list) for c in claims), [(c.subject, c.value) for c in claims]


def test_money_then_an_unscaled_number_is_two_figures():
    _, claims = claims_of("It has paid out more than $40m to 15,000 individual claimants.")
    assert not any(isinstance(c.value, list) for c in claims), [(c.subject, c.value) for c in claims]
    _, claims = claims_of("The firm has sent a bill for $480m to one of its partners in the well.")
    assert not any(isinstance(c.value, list) for c in claims), [(c.subject, c.value) for c in claims]


def test_a_decimal_lower_end_shares_the_magnitude_in_words():
    from storyline.compare.numbers import parse_figure

    assert parse_figure("1.4 to 1.5 million").value == [1_400_000, 1_500_000]
    assert parse_figure("2.5 to 60,000").value == [2.5, 60_000]  # no magnitude word: left as written
