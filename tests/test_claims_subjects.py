"""Claim subjects: what a figure counts, what happens to it, what money pays for
(storyline.compare.measured via extract_claims); uses the installed spaCy model.

Sentences are made up or reworded news copy from other stories than the seed articles.
"""

from __future__ import annotations

import pytest

from test_claims import claims_of, one


def subjects(text: str) -> dict[str, object]:
    _, claims = claims_of(text)
    return {c.subject: c for c in claims}


@pytest.mark.parametrize("text, subject", [
    ("Four people were hospitalized after the chemical leak, officials said.", "people hospitalized"),
    ("At least seven factory workers were taken to hospital on Monday.", "workers hospitalized"),
    ("The blast at the mine killed 29 workers in April.", "workers killed"),
    ("Twenty-nine miners died in the explosion.", "miners killed"),
    ("The ferry sank with the loss of 41 lives.", "people killed"),
    ("The fire claimed 15 lives in the old town.", "people killed"),
    ("Nearly 70,000 people have lodged claims for compensation.", "people lodged claims"),
    ("Eleven fishermen are still missing after the storm.", "fishermen still missing"),
    ("Two people remain trapped after the accident.", "people still trapped"),
    ("Five people were left trapped inside the vehicle.", "people trapped"),
    ("The raid left 32 civilians dead, officials said.", "people killed"),
    ("At least seven people have lost their lives in the crash.", "people killed"),
    ("At least seven people are now confirmed as having died, the police said.", "people killed"),
    ("Twenty-one schoolgirls captured by the group two years ago have been freed.", "girls freed"),
    ("Rescuers worked to free 12 miners trapped in the shaft.", "miners trapped"),
    ("The group has killed more than 20,000 people since 2009.", "people killed (cumulative)"),
    ("The group has killed 20,000 people in the past seven years.", "people killed (cumulative)"),
    ("More than 30 people were killed last week when aircraft struck the village.", "people killed (earlier)"),
])
def test_counted_noun_with_its_predicate(text, subject):
    assert subject in subjects(text), subjects(text).keys()


def test_verbs_of_placing_leave_the_subject_alone():
    a = subjects("Nairobi has sent about 2,000 troops to the border, officials said.")
    b = subjects("Several thousand Kenyan soldiers are stationed near the border, the newspaper reported.")
    c = subjects("Several thousand Kenyan soldiers are training near the border, the newspaper reported.")
    assert "Kenya troops" in a and "Kenya troops" in b and "Kenya troops" in c


def test_an_anonymous_group_is_known_by_what_it_does():
    # no owner: what the group is doing is all that says who is counted
    assert "people working" in subjects("About 7,900 people are working to protect the coastline.")


def test_deaths_in_an_earlier_year_are_another_subject():
    s = subjects("Regulators blamed a 2005 refinery blast that killed 15 workers, the report said.")
    assert "workers killed in 2005" in s
    assert "workers killed" in subjects("The refinery blast on Monday killed 15 workers.")


def test_part_of_a_toll_is_kept_apart():
    assert "workers killed on deck" in subjects("Nine workers on the drill deck were killed, the engineer said.")


@pytest.mark.parametrize("text, subject", [
    ("The storm has cost insurers $3bn so far.", "cost of storm (USD)"),
    ("Qantas has paid $5bn in claims to passengers.", "Qantas claims paid (USD)"),
    ("The company has paid out more than $200m to 32,000 claimants.", "paid to claimants (USD)"),
    ("The government will set up a $20bn fund for flood claims.", "fund for flood claims (USD)"),
    ("Shares in Toyota fell 3.5% in early trading.", "Toyota shares fell (%)"),
    ("The council's bill is $69m, the auditor said.", "council bill (USD)"),
    ("That could lead to fines of up to $4,300 for each tonne of waste dumped.", "fines per tonne (USD)"),
])
def test_money_named_by_what_it_pays_or_costs(text, subject):
    assert subject in subjects(text), subjects(text).keys()


def test_units_as_units():
    c = one(claims_of("Pressure in the pipeline reached 6,811 pounds per square inch on Monday.")[1], unit="psi")
    assert c.subject == "pressure (psi)" and c.value == 6811
    c = one(claims_of("A 12-man crew aboard a supply boat carried the parts.")[1], unit="men")
    assert c.subject == "crew (men)"
    c = one(claims_of("Fertiliser run-off leaves 6,000 to 7,000 square miles of dead zone each summer.")[1],
            unit="square miles")
    assert c.value == [6000, 7000]


def test_material_named_in_the_sentence_before():
    _, claims = claims_of("Crude oil is still escaping from the broken pipeline. At least four million gallons "
                          "have leaked so far, the agency said.")
    assert one(claims, unit="gallons").subject == "oil leaked (gallons)"


def test_hyphenated_and_spaced_money():
    assert one(claims_of("Investors welcomed a $20-billion rescue fund.")[1], unit="USD").value == 20_000_000_000
    assert one(claims_of("The clean-up has cost $1.6 bn so far.")[1], unit="USD").value == 1_600_000_000


def test_projections_are_marked():
    _, claims = claims_of("The new ship will be capable of processing 15,000 barrels of oil a day.")
    assert "projected" in one(claims, unit="barrels per day").hedges
    _, claims = claims_of("If oil prices go to $100 a barrel, importers will suffer.")
    assert all("projected" in c.hedges for c in claims)


def test_figures_the_tagger_splits():
    c = one(claims_of("A mile-long tube has siphoned off more than half a million gallons of oil this week.")[1],
            unit="gallons")
    assert (c.value, c.qualifier, c.subject) == (500000, "more than", "oil collected (gallons)")
    c = one(claims_of("An estimated 4.9 m barrels of oil leaked into the sea.")[1], unit="barrels")
    assert c.value == 4_900_000
    c = one(claims_of("The insurer could face billions of dollars in damage claims from the floods.")[1], unit="USD")
    assert c.subject == "damage claims faced (USD)" and c.value == "billions"
    assert one(claims_of("The storm has killed hundreds of turtles and birds.")[1], value="hundreds").subject \
        == "turtles killed"


def test_first_figures_and_worst_cases_are_not_current():
    _, claims = claims_of("At first, the operator claimed the pipe was leaking 1,000 barrels of oil a day.")
    assert "earlier figure" in one(claims, unit="barrels per day").hedges
    _, claims = claims_of("Under the plan, the worst case envisaged was a spill of 250,000 barrels of oil a day.")
    assert "projected" in one(claims, unit="barrels per day").hedges
    _, claims = claims_of("The new cap is part of a system that can collect up to 80,000 barrels of oil a day.")
    assert "projected" in one(claims, unit="barrels per day").hedges


def test_a_total_stands_for_the_amount():
    _, claims = claims_of("The airline said it spent a total of $93 million on advertising from April to July.")
    assert one(claims, unit="USD").subject == "spent on advertising (USD)"


def test_an_offer_belongs_to_whoever_makes_it():
    _, claims = claims_of("Microsoft made an offer of $44.6 billion for Yahoo. Google made an offer of $50 billion "
                          "for Yahoo.")
    assert one(claims, value=44_600_000_000).subject != one(claims, value=50_000_000_000).subject
    assert "Microsoft" in one(claims, value=44_600_000_000).subject


def test_an_explicitly_earlier_offer_is_kept_apart_from_the_current_one():
    _, claims = claims_of("Broadcom raised its offer to $121 billion from its initial $105 billion offer.")
    new, old = one(claims, value=121_000_000_000), one(claims, value=105_000_000_000)
    assert new.subject == "Broadcom offer (USD)"
    assert "initial" in old.subject and "Broadcom" in old.subject


def test_a_measure_of_a_named_thing_is_that_thing():
    assert "speed limit (mph)" in subjects("The tram was negotiating a sharp curve which has a speed limit of 12 mph.")
    assert "slick covered (square miles)" in subjects("The slick covers an area of 2,500 square miles.")


def test_a_financial_result_is_its_takers():
    # two banks' charges are two quantities, not one that changed
    _, claims = claims_of("Goldman Sachs expects to take a $5 billion hit to profits for the fourth quarter.")
    assert one(claims, value=5_000_000_000).subject == "Goldman Sachs hit (USD)"
    _, claims = claims_of("Bank of America said in a filing it could book a $3 billion charge.")
    assert one(claims, value=3_000_000_000).subject == "Bank of America charge (USD)"
    _, claims = claims_of("BP set up a $20bn fund for victims.")
    assert one(claims, value=20_000_000_000).subject == "fund for victims (USD)"  # a fund is not "taken"


def test_a_companys_legal_form_is_not_part_of_whose_figure_it_is():
    from storyline.compare.subjects import owner_name
    assert owner_name("Bank of America Corp.") == owner_name("Bank of America") == "Bank of America"
    assert owner_name("Goldman Sachs Group Inc") == "Goldman Sachs"


def test_a_speaker_is_not_what_is_measured():
    s = subjects("Police said the bus was travelling at 60mph when it left the road.")
    assert "bus (mph)" in s and not any("police" in k.lower() for k in s), s.keys()


def test_open_and_closed_compounds_fold():
    assert "troops" in subjects("Roughly 1,000 service members have remained at the base, officials said.")


def test_a_bounding_year_does_not_place_the_count():
    # "after ... in 2015": the troops have stayed since then; they are not 2015's troops
    s = subjects("After the end of the combat mission in 2015, about 900 soldiers have remained in the country.")
    assert "troops" in s, s.keys()


def test_lives_claimed_are_the_dead_and_a_shared_since_bounds_both_acts():
    s = subjects("The rebellion has claimed more than 9,000 lives and displaced 40,000 people since 2011.")
    assert "people killed (cumulative)" in s and "people displaced (cumulative)" in s, s.keys()
    assert "people killed" in subjects("There have been at least three fatalities, the mayor said.")


def test_carriages_and_cars_of_a_train_are_one_unit():
    a = subjects("The four-carriage train left the tracks near the station.")
    b = subjects("The four-car train left the tracks near the station.")
    assert "train (cars)" in a and "train (cars)" in b, (a.keys(), b.keys())


def test_an_adjective_after_a_measure_names_its_dimension():
    a = subjects("The new tower, measuring 1,017 feet (310 metres) tall, opened on Monday.")
    b = subjects("The tower stands 310 metres tall.")
    assert "tower height (metres)" in a and "tower height (metres)" in b, (a.keys(), b.keys())
    assert "queue length (miles)" in subjects("The queue outside the stadium was 2 miles long on Sunday.")


def test_a_since_clause_makes_a_running_total():
    assert "people killed (cumulative)" in subjects("Since the war began in 2012, 4,000 people have been killed.")


def test_the_object_of_two_acts_is_known_by_the_tabled_one():
    assert "women assaulted" in subjects("Gangs of men robbed and assaulted hundreds of women at the festival.")
    assert "women assaulted" in subjects("Gangs of men assaulted and robbed hundreds of women at the festival.")


def test_treating_and_brought_in_for_treatment_are_one_count():
    a = subjects("The city hospital said it was treating 35 people, nine of whom were seriously hurt.")
    b = subjects("The city hospital said 35 people had been brought in for treatment.")
    assert "people treated" in a and "people treated" in b, (a.keys(), b.keys())


def test_an_age_in_an_earlier_event_is_kept_apart():
    s = subjects("In a similar case at another zoo in 1996, a 3-year-old boy fell into the bear pit and survived.")
    assert "age of boy in 1996" in s, s.keys()
    assert "age of boy" in subjects("A 4-year-old boy fell into the enclosure on Saturday, officials said.")


def test_the_subject_of_the_first_act_owns_the_second_acts_object():
    assert "Kenya troops" in subjects("Kenya leads the mission in the region and has about 4,000 troops in the country.")


def test_a_participle_after_the_noun_says_what_happened_even_when_misparsed():
    # whatever the parse makes of "initially seized", the 300 are the ones taken
    s = subjects("Of the 300 villagers initially seized, dozens escaped in the hours after the raid.")
    assert any(k.startswith("villagers") and ("abducted" in k or "seized" in k) for k in s), s.keys()


def test_a_days_fall_beside_a_running_loss_stays_the_days():
    s = subjects("The company's share price fell 3% in early trading, and it has now lost a third of its value "
                 "since the disaster.")
    assert not any("cumulative" in k for k in s), s.keys()


def test_a_dimension_needs_its_holder():
    s = subjects("A slick 130 miles long and 70 miles wide was moving towards the coast.")
    assert "slick length (miles)" in s and "slick width (miles)" in s, s.keys()
    # nothing says whose: no bare "length" to gather every length of the story
    assert not any(k.startswith(("length", "width")) for k in
                   subjects("Reports of huge plumes including one as large as 10 miles long underscored the risk."))


def test_single_people_named_after_a_count_join_the_toll():
    # the count and each person named after it died: three people, never two workers
    s = subjects("It is the first such crash since 1987, when two workers and the pilot died after the helicopter came down.")
    assert s["people killed in 1987"].value == 3
    assert subjects("Two passengers and the driver were killed in the crash on Monday.")["people killed"].value == 3
    # a second count, or a plural after it, names no single person: each count stays its own
    s = subjects("Two miners and three engineers were killed in the collapse.")
    assert s["miners killed"].value == 2 and s["engineers killed"].value == 3
    assert subjects("Four climbers and guides were injured on the ridge on Sunday.")["climbers injured"].value == 4


def test_a_ratio_told_with_a_comparison_is_a_figure():
    # ahead of all the rest, told as a superlative or as "more ... than any other": one subject
    assert subjects("The ferry will be the largest working vessel out there today, by a factor of two.")[
        "lead over all others (factor)"].value == 2
    assert subjects("That is more thrust than any other engine in service, by a factor of three.")[
        "lead over all others (factor)"].value == 3
    assert subjects("That is more liftoff punch than the old engine, by a factor of three.")[
        "more liftoff punch (factor)"].value == 3
    # no comparison in the sentence: what the factor compares is not said
    assert not any(s.endswith("(factor)") for s in subjects("Prices have risen by a factor of four since 2010."))
    assert not any(s.endswith("(factor)") for s in subjects("The rate is still too low by at least a factor of five."))
