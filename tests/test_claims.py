"""Claim extraction from parsed text (storyline.compare.claims); uses the installed spaCy model."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from storyline.model import Article, ArticleAnalysis, Published, Sentence

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
# Publication dates of the seed articles, read from their text and the events they report
# (the cleaner finds only two of them; inferring the rest is the timeline stage's job).
SEED_DATES = {"000": "2024-10-24", "001": "2024-11-06", "002": "2024-11-10", "003": "2024-11-12", "004": "2024-10-15"}


def claims_of(body: str, published: str | None = "2024-05-03", outlet: str = "Daily Test"):
    from storyline.annotate.nlp import parse
    from storyline.annotate.timex import find_timexes
    from storyline.compare.claims import extract_claims

    article = Article(id="t", source="t", body=body, outlet=outlet,
                      published=Published(date=published, earliest=published, latest=published, how="metadata"))
    doc = parse(body)
    anchor = dt.date.fromisoformat(published) if published else None
    analysis = ArticleAnalysis(article="t", sentences=[Sentence(s.start_char, s.end_char, s.text) for s in doc.sents],
                               timexes=find_timexes(body, anchor), anchor=published)
    return article, extract_claims(article, doc, analysis)


def one(claims, **want):
    found = [c for c in claims if all(getattr(c, k) == v for k, v in want.items())]
    assert found, f"no claim with {want} in {[(c.subject, c.value) for c in claims]}"
    return found[0]


def test_count_subject_value_attribution_and_evidence():
    article, claims = claims_of("Officials in Kyiv said on Wednesday that Russia had deployed about 50,000 soldiers near the border.")
    c = one(claims, subject="Russia troops")
    assert c.value == 50000 and c.qualifier == "about" and c.unit == "troops"
    assert c.attributed_to == "Officials in Kyiv"
    assert c.date == "2024-05-01"  # "on Wednesday" before the 3 May publication date
    ev = c.evidence[0]
    assert article.body[ev.start:ev.end] == ev.quote


def test_synonyms_and_owner_forms_meet():
    _, a = claims_of("Pyongyang has sent 3,000 troops to the front, officials said.")
    _, b = claims_of("Several thousand North Korean soldiers are training there, the newspaper reported.")
    assert {c.subject for c in a} & {c.subject for c in b} == {"North Korea troops"}


def test_casualties_are_a_different_subject_from_deployments():
    _, claims = claims_of("At least 40 soldiers were killed in the attack, the army said.")
    c = one(claims, subject="troops killed")
    assert c.value == 40 and c.qualifier == "at least"


def test_rate_with_material_and_change():
    _, claims = claims_of("Up to 5,000 barrels of oil a day are thought to be spilling into the water.")
    c = one(claims, subject="oil leaked (barrels per day)")
    assert c.value == 5000 and c.qualifier == "up to" and c.unit == "barrels per day"
    assert "thought to" in c.hedges
    _, claims = claims_of("The company said it was collecting 15,000 barrels a day from the damaged oil well.")
    assert one(claims, unit="barrels per day").subject == "oil collected (barrels per day)"


def test_range_with_conversion_in_parentheses():
    _, claims = claims_of("Government teams estimated the flow ranges from 12,000 barrels (504,000 gallons) "
                          "to 25,000 barrels per day, the director said.")
    c = one(claims, unit="barrels per day")
    assert c.value == [12000, 25000]
    assert not [x for x in claims if x.unit == "gallons"]


def test_money_and_percent():
    _, claims = claims_of("The company agreed to set up a $20bn compensation fund, and its shares fell 15% on Tuesday.")
    one(claims, unit="USD", value=20_000_000_000)
    one(claims, unit="%", value=15)


def test_tally():
    _, claims = claims_of("The Senate voted 68 to 31 to pass the bill, which now goes to the House.")
    c = one(claims, unit="votes for-against")
    assert c.value == "68-31" and c.subject == "Senate vote"


def test_response_claim_and_its_subject():
    _, claims = claims_of("China has not confirmed the presence of Russian troops on its territory.")
    c = one(claims, kind="response")
    assert c.subject == "China on Russia troops" and c.value == "not confirmed"


def test_anonymous_and_hedged_assertion():
    _, claims = claims_of("The deal allegedly includes a secret annex on arms sales, the newspaper reported, "
                          "citing an anonymous official.")
    c = one(claims, value="reportedly")  # relayed, not stated: never a plain "yes"
    assert c.anonymous and "allegedly" in c.hedges
    assert c.attributed_to == "the newspaper, citing an anonymous official"
    _, claims = claims_of("The minister will resign next week, people familiar with the matter said.")
    assert all(x.anonymous for x in claims)


def test_identifiers_years_and_small_counts_are_not_claims():
    _, claims = claims_of("Article 51 of the charter, adopted in 1945, lets the two countries act together.")
    assert claims == []


@pytest.fixture(scope="module")
def seed_claims():
    if not EXAMPLES.is_dir():
        pytest.skip("seed articles not found")
    from storyline.annotate import analyse_article
    from storyline.clean import clean
    from storyline.compare.claims import compare_claims
    from storyline.compare.wire import find_wire_groups, independence_keys
    from storyline.ingest import read_inputs

    articles = []
    for raw in read_inputs([str(EXAMPLES)], None):
        a = clean(raw)
        d = SEED_DATES[a.id[:3]]
        if not a.published.date:
            a.published = Published(date=d, earliest=d, latest=d, how="folder")
        articles.append(a)
    claims = [c for a in articles for c in analyse_article(a).claims]
    by_id = {a.id: a for a in articles}
    keys = independence_keys(articles, find_wire_groups(articles))
    return claims, compare_claims(claims, by_id, keys)


def test_seed_troop_figures_evolve(seed_claims):
    claims, comparison = seed_claims
    troops = [c for c in claims if c.subject == "North Korea troops"]
    assert len({c.article for c in troops}) >= 3
    comp = next(k for k in comparison if k.subject == "North Korea troops")
    assert comp.status == "evolving"
    seen = {(c.article[:3], str(c.value), c.attributed_to) for c in troops}
    assert ("000", "3000", "Western officials") in seen
    assert ("004", "several thousand", "The Washington Post") in seen
    assert any(a == "001" and v == "11000" and "Ukraine" in s for a, v, s in seen)
    assert any(a == "002" and v == "11000" and "Zelensky" in s for a, v, s in seen)
    dates = [r["date"] for r in comp.values]
    assert dates == sorted(dates) and dates[0] < "2024-11" <= dates[-1]
    assert comp.independent_sources >= 3


def test_seed_single_sources(seed_claims):
    claims, comparison = seed_claims
    vote = next(c for c in claims if c.unit == "votes for-against")
    assert vote.value == "397-0" and vote.single_source and vote.status == "single"
    secret = next(c for c in claims if "secret clause" in c.subject)
    assert secret.single_source and secret.anonymous and "allegedly" in secret.hedges
    assert "Wall Street Journal" in secret.attributed_to
    comp = next(k for k in comparison if k.subject == secret.subject)
    assert comp.anonymous_only and comp.status == "single"


def test_seed_russian_response_agrees_across_outlets(seed_claims):
    _, comparison = seed_claims
    comp = next(k for k in comparison if k.subject == "Russia on North Korea troops")
    assert comp.status == "agree" and comp.independent_sources >= 2


def test_ranges_written_with_magnitudes():
    _, claims = claims_of("The government has estimated that 600,000 to 1.2 million gallons a day are leaking.")
    assert one(claims, unit="gallons per day").value == [600000, 1200000]
    _, claims = claims_of("Estimates put the total amount of oil lost at 23.7 million to 51.5 million gallons.")
    assert one(claims, unit="gallons").value == [23700000, 51500000]


@pytest.mark.parametrize("text, subject, value, unit", [
    ("Martin Roe, 30, from Croydon, was on the tram.", "age of Martin Roe", 30, "years"),
    ("A 42-year-old driver was arrested, police said.", "age of driver", 42, "years"),
    ("The tram driver, aged 42, was arrested on Wednesday, police said.", "age of tram driver", 42, "years"),
    ("The boy, 4, was found alive in the wreck on Monday morning.", "age of boy", 4, "years"),
    ("A 20-month-old boy was carried out of the forest, officials said.", "age of boy", 20, "months"),
])
def test_ages_are_figures_of_their_person(text, subject, value, unit):
    _, claims = claims_of(text)
    c = one(claims, subject=subject)
    assert (c.value, c.unit) == (value, unit)


def test_a_named_person_s_age_is_the_writer_s_an_unnamed_one_s_the_report_s():
    _, claims = claims_of("Sarah Silverman announced Monday that her relationship with Michael Sheen, 49, is over.")
    assert one(claims, subject="age of Michael Sheen").attributed_to is None  # who is who, in the writer's words
    _, claims = claims_of("A 42-year-old driver was arrested, police said.")
    assert one(claims, subject="age of driver").attributed_to == "police"  # what the police told of him


def test_two_ages_of_one_person_conflict():
    from storyline.compare.claims import compare_claims

    a1, c1 = claims_of("The boy, 4, was found alive in the wreck, police said.", outlet="One")
    a2, c2 = claims_of("The boy, 3, was found alive in the wreck, officials said.", outlet="Two")
    a2.id = "u"
    for c in c2:
        c.article, c.id = "u", c.id + "u"
        c.evidence[0].article = "u"
    comparison = compare_claims(c1 + c2, {"t": a1, "u": a2}, {"t": "One", "u": "Two"})
    ages = [k for k in comparison if k.subject == "age of boy"]
    assert ages and ages[0].status == "conflict", [(k.subject, k.status) for k in comparison]


def test_partitives_count_the_part_with_its_own_verb():
    _, claims = claims_of("Police said 21 of the schoolgirls were freed on Thursday.")
    assert one(claims, subject="girls freed").value == 21
    _, claims = claims_of("Officials said 82 of the 276 girls abducted in 2014 have been released.")
    assert one(claims, subject="girls freed").value == 82
    assert one(claims, subject="girls abducted in 2014").value == 276  # the clause that tells the abduction dates it
    _, claims = claims_of("One of the people sitting in front of the wall said nothing.")
    assert claims == []


def test_a_figure_keeps_the_conversion_its_text_gives():
    from storyline.compare.comparison import show

    _, claims = claims_of("The rocket will eventually launch 140,000 pounds (63,500kg) of cargo into orbit.")
    c = one(claims, value=63500)  # compared in the metric figure the text gives (compare/units.py)
    assert (c.unit, c.converted, show(c)) == ("kg", "140,000 pounds", "63,500 kg (140,000 pounds)")
    _, claims = claims_of("Officials said 40 people (including 12 children) were hurt.")
    assert one(claims, value=40).converted is None


def test_a_hyphened_verb_and_particle_is_no_counted_noun():
    _, claims = claims_of("The rocket's 12 strap-on boosters will fly back to the launch site.")
    assert [c.unit for c in claims if c.value == 12] == ["boosters"]


def test_the_headlines_figure_told_again_is_not_a_new_claim():
    from storyline.compare.claims import _headline_figures
    assert _headline_figures("21 Girls Kidnapped From Chibok School Released, Nigeria Says") == {"21"}
    assert _headline_figures("Twenty-one schoolgirls freed in exchange for four militants") == {"21", "4"}


def test_a_small_count_of_people_with_a_verb_is_a_figure_and_the_same_count_told_again_is_not():
    _, claims = claims_of("Four detained militant leaders were released on Wednesday night, a military source said.")
    assert [(c.subject, c.value) for c in claims] == [("leaders freed", 4)]
    _, claims = claims_of("The girls were handed over for four prisoners. The four militants were brought to the town "
                          "by helicopter.")
    assert not [c for c in claims if c.value == 4 and "brought" in c.subject]
    _, claims = claims_of("Two women told the paper they were scared.")
    assert not claims  # a mention, not a count


def test_seed_zelensky_confirmation_is_his(seed_claims):
    claims, _ = seed_claims
    confirmed = [c for c in claims if c.kind == "response" and c.value == "confirmed" and "Zelensky" in c.subject]
    assert confirmed and all("Zelensky" in (c.attributed_to or "") for c in confirmed)


def test_a_toll_whose_noun_the_sentence_leaves_out():
    _, claims = claims_of("Seven people die, 51 are hurt, and a driver is arrested after a tram derails, police say.")
    assert ("people injured", 51) in {(c.subject, c.value) for c in claims}
    _, claims = claims_of("Eight people are hurt, while a total of 51 had been taken to two hospitals.")
    assert ("people hospitalized", 51) in {(c.subject, c.value) for c in claims}
    _, claims = claims_of("People were trapped inside and more than 50 were taken to hospital after the derailment.")
    assert [(c.subject, c.value) for c in claims] == [("people hospitalized", 50)]
    # parts of a set told before, and vague counts with no noun, are not tolls of their own (a
    # part is a count of its own, labelled with its set: round 14)
    _, claims = claims_of("The hospital was treating 20 people, four of whom were seriously injured.")
    assert [c.subject for c in claims if c.value == 4] == ["people seriously injured (of 20)"]
    _, claims = claims_of("Several people died and dozens were injured.")
    assert not [c for c in claims if c.value == "dozens"]


def test_a_dozen_is_twelve():
    _, claims = claims_of("Ali said that a dozen captives died in a bombing.")
    assert [(c.subject, c.value) for c in claims] == [("captives killed", 12)]


def test_the_wounded_counted_without_a_noun_are_people():
    _, claims = claims_of("The head doctor said four dead bodies and 120 wounded had been brought in.")
    assert ("people injured", 120) in {(c.subject, c.value) for c in claims}


def test_the_second_act_of_an_earlier_event_shares_its_year():
    _, claims = claims_of("An explosion at a refinery in Texas in 2005 killed 15 people and injured 170.")
    assert ("people injured in 2005", 170) in {(c.subject, c.value) for c in claims}


def test_a_magnitude_closing_the_sentence_is_part_of_the_figure():
    # "$700m." ends the sentence: the tokenizer keeps the stop on "m.", which is no counted noun
    _, claims = claims_of("Industry officials say replacing the rig would cost up to $700m.")
    money = one(claims, value=700_000_000)
    assert not money.subject.startswith("m.") and money.subject.startswith("cost")


def test_a_pound_named_by_a_people_is_their_currency_not_sterling():
    _, claims = claims_of("The court ordered the former minister to pay 1 million Egyptian pounds as compensation.")
    assert [c.unit for c in claims if c.value == 1_000_000] == ["Egyptian pounds"]
    _, claims = claims_of("The club agreed to pay 70 million British pounds for the striker.")
    assert [c.unit for c in claims if c.value == 70_000_000] == ["GBP"]


def test_how_long_a_named_thing_lasts_is_a_figure_of_it():
    _, claims = claims_of("The man was arrested following an 18-month investigation by the fraud squad.")
    c = one(claims, subject="length of investigation")
    assert (c.value, c.unit) == (18, "months")
    _, claims = claims_of("A court sentenced Mohamed Morsi to three years in prison on Saturday.")
    assert (one(claims, subject="prison sentence of Morsi").value, one(claims, subject="prison sentence of Morsi").unit) == (
        3, "years")
    # an earlier term is not the one reported; a number the tagger split is not read in half
    _, claims = claims_of("He had already been sentenced to 45 years in prison in two other trials.")
    assert [c for c in claims if c.unit == "years"] == []
    _, claims = claims_of("Earlier, he was handed a 20-year sentence on other charges.")
    assert [c for c in claims if c.unit == "years"] == []
    _, claims = claims_of("The launch has a two-and-a-half hour window opening at 1:30 p.m.")
    assert [c for c in claims if c.subject.startswith("length of")] == []
    _, claims = claims_of("A 42-year-old driver was arrested.")
    assert [c.subject for c in claims if c.unit == "years"] == ["age of driver"]


def test_a_record_or_a_stretch_of_time_is_no_thing_that_lasts():
    _, claims = claims_of("Shares fell to a 14-year low after the company cut its 30-day review period.")
    assert [c for c in claims if c.subject.startswith("length of")] == []
    _, claims = claims_of("Israel captured the West Bank in the 1967 Six-Day War.")
    assert [c for c in claims if c.subject.startswith("length of")] == []  # a name, not a length


def test_a_made_up_magnitude_or_a_range_of_a_count_is_not_read_as_a_figure_or_a_vote():
    _, claims = claims_of("The leak contains 11 zillion documents from the law firm.")
    assert claims == []
    _, claims = claims_of("The firm opens about 20,000 companies a year but also rejects 70 to 80 applicants.")
    assert not [c for c in claims if c.kind == "tally"]
    assert one(claims, subject="applicants rejected").value == [70, 80]
    _, claims = claims_of("Lawmakers in the State Duma voted 397 to 0 to ratify the agreement.")
    assert one(claims, kind="tally").value == "397-0"


def test_a_hedged_assertion_is_worded_as_hedged_and_agrees_with_a_plain_telling():
    from storyline.compare.claims import assertion_value
    from storyline.compare.comparison import values_agree
    from storyline.model import Claim

    assert assertion_value(False, ["may"]) == "possibly" and assertion_value(True, ["reportedly"]) == "reportedly not"
    assert assertion_value(False, []) == "yes" and assertion_value(False, ["earlier figure"]) == "yes"
    assert assertion_value(False, ["claimed"]) == "claimed" and assertion_value(False, ["think"]) == "possibly"
    told = [Claim(id=str(i), subject="s", text="t", article="a", value=v, kind="assertion") for i, v in enumerate(
        ("yes", "reportedly", "possibly not"))]
    assert values_agree(told[0], told[1]) and not values_agree(told[0], told[2])


def test_how_many_times_faster_is_a_figure_of_the_act():
    _, claims = claims_of("The smoke-rings are a pair of linked eddies that travel up to ten times the speed of normal eddies.")
    c = one(claims, subject="traveled (ratio)")
    assert (c.value, c.unit, c.qualifier) == (10, "times", "up to")
    _, claims = claims_of("Ocean eddies can travel ten times as fast as a normal eddy, Hughes said.")
    assert one(claims, subject="traveled (ratio)").attributed_to == "Hughes"
    _, claims = claims_of("The upper stage will fire three times.")
    assert [c.subject for c in claims] == ["fired (times)"]  # a count of acts stays one
    _, claims = claims_of("\u201cIt can run five times faster than before.\u201d")
    assert claims == []  # a quotation whose speaker the text does not name is nobody's figure


def test_a_couple_hundred_is_two_or_three_hundred():
    from storyline.compare.numbers import parse_figure

    f = parse_figure("a couple hundred")
    assert (f.low, f.high) == (200, 300)
    _, claims = claims_of("A \u201ccouple hundred\u201d people in high-tax areas received their stock early, the source said.")
    assert [c.value for c in claims if c.unit == "people"] == ["couple hundred"]  # not 100


def test_odds_are_no_count():
    _, claims = claims_of("There is a little over a 1 in 10,000 chance it will hit any person, officials said.")
    assert not [c for c in claims if c.value in (1, 10000)]
