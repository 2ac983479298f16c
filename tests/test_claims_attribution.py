"""Who a claim is attributed to (storyline.compare.attribution, via the claim extractor):
speakers of quotes, pronouns, background clauses, counting bodies, unnamed sources,
initials, and the dates of claims from undated articles. Hand-written sentences, parsed by
the installed spaCy model."""

from __future__ import annotations

from test_claims import claims_of, one

from storyline.compare.claims import initials
from storyline.compare.words import words


def test_word_lists_load_once_from_data_files():
    assert "official" in words("unnamed_sources")
    assert "record" in words("counting_verbs")
    assert words("temporal_links") is words("temporal_links")


def test_quote_speaker_named_after_the_quote_closes():
    _, claims = claims_of('"At least seven people are now confirmed as having died," the transport police said.')
    c = one(claims, value=7)
    assert c.attributed_to == "the transport police"


def test_first_person_speaker_is_the_one_who_says_the_quote():
    _, claims = claims_of('Deputy Chief Constable Adrian Hanstock said: "We can confirm that at least seven people '
                          'have lost their lives as a result of this incident."')
    c = one(claims, value=7)
    assert "Hanstock" in (c.attributed_to or "")


def test_quote_without_a_named_speaker_is_not_the_outlets_claim():
    _, claims = claims_of('The crowd was angry. "Together, we are currently working to free two people still trapped.')
    assert not [c for c in claims if c.value == 2]


def test_quote_opened_by_the_sentence_before():
    _, claims = claims_of('The spokesman for the fire brigade said: "Crews are at the scene." '
                          '"More than 60 firefighters are working to free the people still trapped."')
    c = one(claims, value=60)
    assert "spokesman" in (c.attributed_to or "")


def test_he_said_is_the_person_named_just_before():
    _, claims = claims_of("Elon Musk spoke to reporters at the launch site on Monday. "
                          "The propellant on the rocket will have the explosive energy of four million pounds of TNT, "
                          "he said.")
    c = one(claims, value=4_000_000)
    assert "Musk" in (c.attributed_to or "")


def test_relative_clause_is_background_not_the_speakers_claim():
    _, claims = claims_of("The Taliban said the bombing was revenge for air strikes in Kunduz that left 32 civilians "
                          "dead.")
    c = one(claims, value=32)
    assert c.attributed_to is None


def test_temporal_clause_is_background():
    _, claims = claims_of("Wendt said the move ignored the political dimension, two years after hundreds of women "
                          "reported being assaulted in Cologne.")
    for c in claims:
        if c.value == "hundreds":
            assert c.attributed_to is None


def test_the_clock_time_of_a_statement_s_own_happening_is_the_speaker_s():
    _, claims = claims_of("Fire department officials say firefighters removed one person from the tunnel after the "
                          "accident occurred around 5:10 a.m.", published="2017-12-27")
    (c,) = [c for c in claims if c.subject == "time of incident"]
    assert "officials" in (c.attributed_to or "")  # told in sequence by the officials, not taken as known


def test_the_agency_is_the_body_named_just_before():
    _, claims = claims_of("The Metropolitan Transportation Authority says two work trains bumped into each other. "
                          "The agency says 12 workers are being treated for minor injuries.")
    c = one(claims, value=12)
    assert c.attributed_to == "The Metropolitan Transportation Authority"
    _, claims = claims_of("Officials met in the city. The agency says 12 workers are being treated for minor injuries.")
    assert one(claims, value=12).attributed_to == "The agency"  # nobody named: the words as written
    _, claims = claims_of("Gorilla World will be closed. The zoo said the 26-year-old male entered the area.")
    assert "Gorilla World" not in (one(claims, value=26).attributed_to or "")  # a zoo is not its exhibit


def test_coordinated_act_is_not_a_report():
    _, claims = claims_of("The insurgency has claimed more than 20,000 lives and displaced 2.6 million people from "
                          "their homes.")
    c = one(claims, value=2_600_000)
    assert c.attributed_to is None


def test_counting_body_is_the_source():
    _, claims = claims_of("Last year, Berlin police recorded 14 sexual assaults at the event.")
    c = one(claims, value=14)
    assert c.attributed_to == "Berlin police"


def test_unnamed_sources_flagged_with_their_description_kept():
    _, claims = claims_of("Western officials said Pyongyang had sent around 3,000 troops to Russia.")
    c = one(claims, value=3000)
    assert c.attributed_to == "Western officials" and c.anonymous
    _, claims = claims_of("Ukrainian President Volodymyr Zelensky said North Korea had sent 11,000 troops to Russia.")
    c = one(claims, value=11000)
    assert not c.anonymous


def test_initials_spelled_out_from_the_article():
    body = ("Initial findings of the Rail Accident Investigation Branch (RAIB) show the tram was speeding. "
            "The RAIB said the tram was travelling at 40 mph on the curve.")
    assert initials(body) == {"RAIB": "Rail Accident Investigation Branch"}
    _, claims = claims_of(body)
    c = one(claims, value=40)
    assert "Rail Accident Investigation Branch" in c.attributed_to
    assert initials("He bought shares (ABC) in a firm.") == {}


def test_a_partys_own_response_is_attributed_to_it():
    _, claims = claims_of("The ratification comes after Ukrainian President Volodymyr Zelensky confirmed the first "
                          "encounters between his troops and North Korean soldiers.")
    c = one(claims, kind="response")
    assert c.value == "confirmed" and "Zelensky" in c.attributed_to
    _, claims = claims_of("Moscow has so far declined to comment on the reported deployment of North Korean troops.")
    c = one(claims, kind="response")
    assert c.value == "declined to comment" and c.attributed_to == "Moscow"


def test_undated_article_gives_undated_claims():
    _, claims = claims_of("The Washington Post reported that several thousand soldiers are training in Russia.",
                          published=None)
    c = one(claims, value="several thousand")
    assert c.date is None
    _, claims = claims_of("Officials said on 3 October 2024 that 3,000 soldiers were training in Russia.",
                          published=None)
    assert one(claims, value=3000).date == "2024-10-03"


def test_numbers_read_right_not_from_names_or_codes():
    from storyline.compare.numbers import number

    assert number("two-and-a-half") == 2.5 and number("two and a half") == 2.5
    _, claims = claims_of("Shares in the company fell five per cent on Monday, traders said.")
    assert not [c for c in claims if c.unit == "cents"]
    _, claims = claims_of("NASA's rocket will produce a maximum thrust of 8.8 million pounds.")
    assert [c.unit for c in claims if c.value == 8_800_000] == ["pounds"]
    _, claims = claims_of("South Korea scrambled F-15K fighters after the launch, officials said.")
    assert not [c for c in claims if c.value == 15000 or c.value == 15]
    _, claims = claims_of("The company sold 12 Boeing 737 jets and four Su-27 planes last year.")
    assert not [c for c in claims if c.value in (737, 27)]


def test_the_same_figure_again_is_a_back_reference():
    _, claims = claims_of("Boko Haram freed 21 schoolgirls on Thursday, officials said. "
                          "The return of the 21 girls is an encouraging sign.")
    assert [c.value for c in claims] == [21]


def test_figure_told_in_a_tweet_or_post_goes_to_the_poster():
    _, claims = claims_of("Musk tweeted that the first mission will run at 92 per cent capacity.")
    assert "Musk" in (one(claims, value=92).attributed_to or "")
    _, claims = claims_of("Elon Musk posted on Instagram that the company had laid off 500 workers.")
    assert "Musk" in (one(claims, value=500).attributed_to or "")


def test_figure_a_company_posts_is_not_a_report():
    _, claims = claims_of("The company posted a loss of $5 billion.")
    assert one(claims, value=5_000_000_000).attributed_to is None


def test_single_quoted_quote_that_follows_an_attributed_quote_has_its_speaker():
    _, claims = claims_of("Elon Musk posted pictures of the rocket. 'Falcon Heavy now vertical on the launchpad,' "
                          "he wrote on Instagram on Thursday. 'At 2,500 tons of thrust, it will be the most powerful "
                          "rocket in the world.'")
    assert "Musk" in (one(claims, value=2500).attributed_to or "")


def test_apostrophes_are_not_quotes():
    _, claims = claims_of("The girls' parents said 21 girls were freed on Musk's plane.")
    assert "parents" in (one(claims, value=21).attributed_to or "")


def test_quote_opened_after_according_to_and_a_colon():
    _, claims = claims_of("According to SpaceX founder Elon Musk: 'Destination is Mars orbit. The rocket has 2,500 "
                          "tons of thrust.'")
    assert "Musk" in (one(claims, value=2500).attributed_to or "")


def test_a_finding_that_governs_a_clause_is_reported_by_who_found_it():
    _, claims = claims_of("Prosecutors established that more than 2,000 men were involved in the assaults.")
    assert one(claims, value=2000).attributed_to == "Prosecutors"


def test_source_said_in_a_parenthetical_before_another_clause():
    _, claims = claims_of("At least seven people were killed when a tram derailed near London on Wednesday, the "
                          "British police and emergency services said, and the driver of the tram has been arrested.")
    assert "police" in (one(claims, value=7).attributed_to or "")


def test_relative_clause_describing_the_thing_is_part_of_the_statement():
    _, claims = claims_of("A Nato spokesman said the explosion had caused massive damage to the building, where about "
                          "30 people worked.")
    assert "spokesman" in (one(claims, value=30).attributed_to or "")


def test_a_figure_in_the_history_of_a_noun_after_the_attribution_is_the_writer_s():
    from test_claims import claims_of

    _, claims = claims_of("Militants handed over 21 schoolgirls to the authorities on Thursday, the government said, "
                          "in the first release of any of the more than 200 girls kidnapped from their school two years ago.")
    by_value = {c.value: c for c in claims}
    assert by_value[21].attributed_to == "the government" and by_value[21].qualifier is None
    assert by_value[200].attributed_to is None


def test_reportedly_with_no_named_source_is_unnamed_reports():
    from test_claims import claims_of

    _, claims = claims_of("The previous ten safety alerts reportedly included four derailments.")
    c = next(c for c in claims if c.value == 10)
    assert (c.attributed_to, c.anonymous) == ("unnamed reports", True)


def test_a_participle_of_reporting_shares_its_verb_s_speaker_and_the_source_drops_its_time():
    from test_claims import claims_of

    _, claims = claims_of("The Taliban said on Friday, adding that 30 people had been killed.")
    assert claims[0].attributed_to == "The Taliban"
    _, claims = claims_of("The UN welcomes the release of 82 schoolgirls, said a spokesperson here on Monday.")
    assert claims[0].attributed_to == "a spokesperson"


def test_it_said_is_the_body_that_spoke_before():
    from test_claims import claims_of

    _, claims = claims_of("The Nigerian government said the girls were well. A 20-month-old boy born in captivity "
                          "was also released, it said.")
    assert next(c for c in claims if c.subject == "age of boy").attributed_to == "The Nigerian government"
    _, claims = claims_of("The ferry sank on Monday. It carried 300 passengers, it said.")
    assert all(c.attributed_to is None for c in claims)


def test_initials_the_article_spells_out_earlier_without_brackets():
    assert initials("According to the Global Terrorism Index, it was the deadliest group. "
                    "That year, the GTI said, it killed 6,644 people.") == {"GTI": "Global Terrorism Index"}
    assert initials("The BBC said so. Later the BBC added more.") == {}  # never spelled out: left as written


def test_an_embedded_posts_figures_are_its_authors():
    _, claims = claims_of("The Red Cross says it acted as an intermediary.\n1/2 Today we transferred 21 of the "
                          "schoolgirls and handed them to the government authorities. \u2014 ICRC Africa "
                          "(@ICRC_Africa) October 13, 2016\nThe release was not verified.")
    assert one(claims, value=21).attributed_to == "ICRC Africa"


def test_reportedly_advised_is_the_advisers_claim_hedged():
    _, claims = claims_of("Police have also reportedly advised festival-goers to leave valuables at home.")
    c = next(c for c in claims if c.kind == "assertion")
    assert c.attributed_to == "Police" and "reportedly" in c.hedges and not c.anonymous


def test_they_added_is_the_spokesperson_who_spoke_last():
    _, claims = claims_of('James Long, who lives nearby, told the Standard: "It happened on a bend." '
                          'A London Fire Brigade spokesman said they had been called at 6.04am. '
                          '"There are eight fire engines and 40 firefighters in attendance," they added.')
    assert "Fire Brigade spokesman" in (one(claims, value=40).attributed_to or "")


def test_a_forecast_or_poll_gives_the_figure_of_its_verb():
    _, claims = claims_of("Weather forecasts call for an 80 percent chance of favorable conditions.")
    assert one(claims, value=80).attributed_to == "Weather forecasts"
    _, claims = claims_of("The company's shares rose 8 percent on Monday.")
    assert one(claims, value=8).attributed_to is None


def test_forecast_as_a_verb_is_no_document():
    _, claims = claims_of("The investment bank forecast that changes to tax rules will knock $5 billion off its profit.")
    assert "forecast" not in (one(claims, value=5_000_000_000).attributed_to or "")


def test_a_while_clause_with_another_party_is_not_the_speakers():
    _, claims = claims_of("Citigroup Inc. said it expects a hit of as much as $20 billion, while Bank of America Corp. "
                          "will take a $3 billion charge.")
    assert one(claims, value=20_000_000_000).attributed_to == "Citigroup Inc."
    assert one(claims, value=3_000_000_000).attributed_to is None
    _, claims = claims_of("Police said 20 people were injured while 3 people were killed.")
    assert one(claims, value=3).attributed_to == "Police"  # no other party named: still the police's words


def test_he_is_never_a_name_the_article_also_gives_as_a_place():
    from spacy.tokens import Span

    from storyline.annotate.nlp import parse
    from storyline.compare.attribution import antecedent

    doc = parse("Parents in Kawari waited. Kawari spoke to the families. It is good news, he said.")
    # the tagger's mistake the rule guards against: the town read as a person where it is a subject
    doc.ents = [Span(doc, 2, 3, label="GPE"), Span(doc, 5, 6, label="PERSON")]
    he = next(t for t in doc if t.lower_ == "he")
    assert antecedent(he) is None


def test_a_figure_someone_expects_or_forecasts_is_theirs():
    _, claims = claims_of("The bank is expecting a $5 billion hit to profits during the fourth quarter.")
    assert one(claims, value=5_000_000_000).attributed_to == "The bank"
    _, claims = claims_of("NEW YORK — The bank expects to take a $5 billion hit to profits this quarter.")
    assert one(claims, value=5_000_000_000).attributed_to == "The bank"
    # inside someone's report, the one who reports it
    _, claims = claims_of("Smith estimated that a retiring Briton could expect a decline of up to 3 percent in pensions.")
    assert one(claims, value=3).attributed_to == "Smith"
    _, claims = claims_of('"Just like you would expect some plants will have three-alarm fires on land," Hunt said.')
    assert one(claims, value=3).attributed_to == "Hunt"
    # what a report is about is not what it says
    _, claims = claims_of("The inquiry examined 300 complaints about the hospital.")
    assert all(c.attributed_to is None for c in claims)


def test_a_figure_of_what_a_statement_followed_is_the_writer_s():
    _, claims = claims_of("Some of the biggest names said they were unfairly targeted following the leak of "
                          "11.5 million confidential documents.")
    assert one(claims, value=11_500_000).attributed_to is None
    _, claims = claims_of("Police said 12 people were arrested following the protest.")
    assert one(claims, value=12).attributed_to == "Police"


def test_reported_by_names_the_source_as_according_to_does():
    _, claims = claims_of("The approval comes one day after Prime Minister Benjamin Netanyahu met with 11 senior "
                          "religious rabbis to ask for their support, reported by Haaretz, in the wake of a "
                          "controversial bill which would prevent police from recommending criminal charges.")
    assert one(claims, value=11).attributed_to == "Haaretz"


def test_according_to_inside_a_relative_clause_speaks_only_for_that_clause():
    _, claims = claims_of("The prime minister's cabinet on Wednesday approved a transfer of 40 million shekels in funding "
                          "for West Bank settlements, which is set to take effect immediately according to the resolution.")
    assert one(claims, value=40_000_000).attributed_to is None  # the outlet's own figure
    _, claims = claims_of("The cabinet approved a transfer of 40 million shekels, according to the resolution.")
    assert one(claims, value=40_000_000).attributed_to == "the resolution"
    _, claims = claims_of("The containment system is capturing nearly 1 million gallons per day from the well, which is "
                          "spewing as much as 2.5 million gallons a day, according to the government's worst-case estimate.")
    assert one(claims, value=2_500_000).attributed_to == "the government's worst-case estimate"  # the sentence's source


def test_a_picture_is_no_source_and_rumours_name_nobody():
    _, claims = claims_of("These renders also suggest that the Galaxy S9 will keep in place the 3.5mm headphone jack.")
    assert all(c.attributed_to is None for c in claims)  # the outlet's reading of a picture
    _, claims = claims_of("The pictures seem to confirm a number of early rumours concerning the phone.")
    assert claims == []  # a picture answers nothing
    _, claims = claims_of("Samsung has not commented on their validity.")
    assert [c.value for c in claims] == ["has not commented"]  # silence, not a refusal
    _, claims = claims_of("While Ice Universe did not reveal details, rumours suggest Samsung may introduce a "
                          "dual-lens camera to the Galaxy S9.")
    assert [(c.value, c.attributed_to, c.anonymous) for c in claims] == [("possibly", "unnamed reports", True)]
    _, claims = claims_of("An area of nearly 60,000 square miles of Gulf waters is closed to fishing, the latest "
                          "U.S. government reports said.")
    assert one(claims, value=60000).attributed_to == "the latest U.S. government reports"  # whose reports is said
    _, claims = claims_of("The new image found oil covering about 2,000 square miles, rather than the roughly 3,400 "
                          "square miles observed last Thursday, said Hans Graber of the University of Miami.")
    assert one(claims, value=2000).attributed_to == "Hans Graber of the University of Miami"  # the one who reads it


def test_a_phrase_held_in_quotation_marks_says_nothing():
    _, claims = claims_of("One website mocked the reports: \"He wrote 2 articles totaling over 5,000 words, using the "
                          "phrases 'allegedly', 'speculation suggests' and 'may have been'\".")
    assert all(c.attributed_to != "speculation" for c in claims)


def test_a_source_noun_keeps_the_name_of_whose_it_is():
    _, claims = claims_of("At least 48 officials have been caught up in the campaign, according to information "
                          "maintained by the Asia Society on its website.")
    assert one(claims, value=48).attributed_to == "information maintained by the Asia Society"


def test_its_investigation_is_told_by_the_one_who_owns_it():
    _, claims = claims_of("Le Monde said its investigation into the papers found HSBC has 2,300 offshore companies.")
    assert one(claims, value=2300).attributed_to == "Le Monde"


def test_the_place_a_relative_clause_hangs_on_is_not_its_counter():
    _, claims = claims_of("The memo used a loophole offered by the Isle of Man, where about 1,000 privately owned "
                          "aircraft are recorded on a government registry.")
    assert one(claims, value=1000).attributed_to is None


def test_an_index_is_what_is_measured_not_who_measures():
    _, claims = claims_of("Qualcomm's shares fell 7 percent since 2005, while the wider semiconductor index "
                          "has returned 106 percent.")
    assert all(c.attributed_to != "the wider semiconductor index" for c in claims)
