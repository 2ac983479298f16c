"""Event mentions from sentences, and their merging across outlets."""

from __future__ import annotations

import pytest

from storyline.events.extract import is_caption, is_prose
from storyline.events.merge import choose_date, dates_compatible, merge_events, partial_fits, trigger_match
from storyline.model import Article, EventMention, Evidence, Published


@pytest.fixture(autouse=True)
def _private_parse_cache(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("STORYLINE_EVAL_CACHE", str(tmp_path_factory.getbasetemp() / "parse-cache"))


def article(body: str, published: str | None = "2024-11-10", aid: str = "a") -> Article:
    pub = Published(published, published, published, "dateline") if published else Published()
    return Article(id=aid, source=aid, body=body, published=pub)


def events_of(body: str, published: str | None = "2024-11-10"):
    from storyline.eval.timeline import analyse_for_timeline

    art = article(body, published)
    return art, analyse_for_timeline(art).events


# --------------------------------------------------------------------------- extraction


def test_prose_and_captions():
    assert is_prose("The Russian Senate ratified the treaty on Wednesday.")
    assert not is_prose("Russia Fines Apple and Mozilla for Failing to Remove Banned Information")
    assert is_caption("Putin (L) and Kim attend a reception in Pyongyang, in this June 19 2024 file photo.", [])
    assert is_caption("Kim Jong Un addresses the assembly in Pyongyang.", ["Kim Jong Un addresses the assembly in Pyongyang."])


def test_event_with_its_own_time_and_participants():
    art, evs = events_of("On Wednesday, the Russian Senate ratified the treaty with North Korea.", "2024-11-06")
    (e,) = evs
    assert e.trigger == "ratify"
    assert (e.date, e.precision, e.dated_by) == ("2024-11-06", "day", "text")
    assert e.actor == "Russian Senate" and e.target == "the treaty"
    assert e.evidence.quote == art.body[e.evidence.start:e.evidence.end]


def test_background_states_modals_and_negation_are_not_events():
    _, evs = events_of(
        "Russia and North Korea have been allies since the 1950s. "
        "The two countries have drawn even closer following the invasion of Ukraine in 2022. "
        "The treaty will take effect from the day both sides exchange ratification instruments. "
        "Russia has not confirmed the presence of the troops. "
        "The treaty includes a mutual defence clause."
    )
    assert evs == []


def test_a_statement_is_dated_by_its_saying():
    _, evs = events_of("Ukrainian President Volodymyr Zelensky said on Thursday that North Korea had sent 11,000 troops to Russia.")
    (e,) = evs
    assert (e.trigger, e.date, e.attributed_to) == ("say", "2024-11-07", "Volodymyr Zelensky")


def test_a_past_perfect_saying_with_its_own_time_is_a_dated_statement():
    # the admission is September's news; "last year" belongs to the deed it reports
    _, evs = events_of("In September, the government had admitted it had come close to a deal last year.", "2016-10-14")
    said = [e for e in evs if e.trigger == "admit"]
    assert [(e.date, e.precision) for e in said] == [("2016-09", "month")]
    # without a time of its own it stays background
    _, evs = events_of("The government had admitted it had come close to a deal.", "2016-10-14")
    assert not [e for e in evs if e.trigger == "admit"]


def test_a_past_happening_this_week_is_over_by_the_report():
    _, evs = events_of("The administration issued a revised drilling moratorium this week.", "2010-07-16")
    (e,) = evs
    assert (e.earliest, e.latest) == ("2010-07-12", "2010-07-16")  # a Friday's report: not up to Sunday


def test_a_reported_event_is_bounded_by_the_report():
    _, evs = events_of("North Korea ratified a major defence pact with Russia, state media reported on Tuesday.", "2024-11-12")
    (e,) = evs
    assert e.trigger == "ratify" and e.date is None
    assert (e.dated_by, e.latest) == ("reported", "2024-11-12")


def test_plain_past_in_the_lead_is_the_publication_day_but_not_later():
    body = ("Police arrested two men in Paris. " + "The mayor praised the officers for their work. " * 5
            + "Officers also seized two cars.")
    _, evs = events_of(body, "2024-03-05")
    assert evs[0].trigger == "arrest" and evs[0].date == "2024-03-05" and evs[0].dated_by == "published"
    last = [e for e in evs if e.trigger == "seize"]
    assert last and last[0].date is None  # past the lead: no day claimed


def test_a_lead_timed_from_the_sentence_before_is_not_the_report_s_day():
    _, evs = events_of("The iceberg broke off in September. Just weeks later it shattered into 20 pieces.", "2017-12-29")
    by = {e.trigger: e for e in evs}
    assert by["shatter"].date is None and by["shatter"].dated_by is None  # weeks after September, not December 29
    _, evs = events_of("The minister was arrested in May. Two months later, his party expelled him.", "2017-12-29")
    assert [e.date for e in evs if e.trigger == "expel"] == [None]
    _, evs = events_of("The iceberg broke off in September. Over the next few weeks, it broke into 20 pieces.", "2017-12-29")
    assert [e.date for e in evs if e.trigger == "break" and "pieces" in e.text] == [None]
    _, evs = events_of("The animal, who turned 17 just a day before, dragged the boy through the water.", "2016-05-29")
    assert [e.dated_by for e in evs if e.trigger == "drag"] == ["published"]  # the day before is the birthday's


def test_a_dated_time_clause_before_a_past_state_holds_the_happening():
    _, evs = events_of("The chip is fast. When Google launched its Pixel 2 phone last year, it included a surprise chip.",
                       "2018-02-05")
    launch = [e for e in evs if e.trigger == "launch"]
    assert launch and launch[0].date == "2017" and not launch[0].aside
    _, evs = events_of("The chip is fast. When Google launched its Pixel 2 phone, it included a surprise chip.",
                       "2018-02-05")
    assert all(e.aside for e in evs if e.trigger == "launch")  # no time of its own: told in passing


def test_a_thing_s_size_or_found_property_is_no_happening():
    _, evs = events_of("On Friday the iceberg covered a 100-square-mile area and was found to be unstable. "
                       "On Friday reporters covered the trial. On Friday the reef spanned 2,300 km.", "2017-12-29")
    assert [e.text for e in evs] == ["On Friday reporters covered the trial."]
    _, evs = events_of("The missing climber was found dead on Sunday.", "2017-12-29")
    assert [e.trigger for e in evs] == ["find"]


def test_the_report_s_own_day_keeps_the_window_of_a_small_hours_stamp():
    from storyline.eval.timeline import analyse_for_timeline

    body = "The boy was taken to hospital around 4pm, the zoo said. Keepers shot the gorilla on Saturday."
    art = Article(id="a", source="a", body=body,
                  published=Published("2016-05-29", "2016-05-28", "2016-05-29", "metadata", "01:05 stamp"))
    by = {e.trigger: e for e in analyse_for_timeline(art).events}
    assert (by["take"].earliest, by["take"].latest) == ("2016-05-28", "2016-05-29")  # either day's 4pm
    assert (by["shoot"].earliest, by["shoot"].latest) == ("2016-05-28", "2016-05-28")  # a weekday names its day
    _, evs = events_of(body, "2016-05-29")  # a day stamp with no doubt: its own day
    assert [(e.earliest, e.latest) for e in evs if e.trigger == "take"] == [("2016-05-29", "2016-05-29")]


def test_time_of_a_clause_inside_the_event_is_inherited():
    _, evs = events_of("Russian President Vladimir Putin signed into law a treaty with North Korea, "
                       "according to a decree published on Saturday.")
    (e,) = evs
    assert (e.trigger, e.date, e.dated_by) == ("sign", "2024-11-09", "inherited")


def test_a_happening_described_in_passing_does_not_date_the_news():
    # The display's time is the display's; the reports came in after it.
    _, evs = events_of("The American Meteor Society received over 180 reports from eyewitnesses of the display "
                       "which took place at approximately 6pm EST on December 26.", "2017-12-27")
    (got,) = [e for e in evs if e.trigger == "receive"]
    assert got.date is None and got.dated_by != "inherited"


def test_according_to_is_the_attribution():
    _, evs = events_of("According to the Korean Central News Agency, Kim Jong Un signed the decree on Monday.", "2024-11-12")
    (e,) = evs
    assert e.date == "2024-11-11"
    assert e.attributed_to == "Korean Central News Agency"
    assert e.text.startswith("Kim Jong Un signed")  # the one-line text drops the opening attribution


# --------------------------------------------------------------------------- merging


def mention(aid, sentence, trigger, text, date=None, precision="day", earliest=None, latest=None, actor=None,
            target=None, lemmas=(), dated_by="text", time_text=None, time_value=None):
    if date and len(date) == 10 and not earliest:
        earliest = latest = date
    return EventMention(article=aid, sentence=sentence, trigger=trigger, text=text, actor=actor, target=target,
                        date=date, precision=precision if date else None, earliest=earliest, latest=latest,
                        evidence=Evidence(aid, 0, len(text), text), lemmas=list(lemmas), dated_by=dated_by,
                        time_text=time_text, time_value=time_value)


ARTS = {k: Article(id=k, source=k, body="", outlet=k.upper()) for k in "abcd"}


def test_one_event_from_two_outlets_with_the_finer_date():
    week = mention("a", 0, "ratify", "Russia's upper house ratified the treaty this week.", "2024-11-04", "week",
                   "2024-11-04", "2024-11-10", actor="Federation Council", lemmas=["ratify", "treaty", "upper", "house"])
    day = mention("b", 2, "ratify", "On Wednesday, the Russian Senate ratified the treaty.", "2024-11-06",
                  actor="Federation Council", lemmas=["ratify", "treaty", "senate", "russian"])
    (e,) = merge_events([week, day], ARTS, {"a": "a", "b": "b"})
    assert (e.date, e.precision) == ("2024-11-06", "day")
    assert sorted(e.sources) == ["a", "b"] and e.independent_sources == 2
    assert len(e.evidence) == 2 and e.disagreement == []


def test_one_happening_told_without_a_time_in_the_same_words_is_one_event():
    lem = ["train", "collide", "tunnel", "street"]
    text = "The trains collided in the 53rd Street tunnel under the river."
    ms = [mention(a, 3, "collide", text, None, actor="the trains", lemmas=lem) for a in "abc"]
    for m in ms:
        m.latest = "2017-12-27"
    other = mention("d", 3, "remove", "Firefighters removed one person from the tunnel.", None, actor="Firefighters",
                    lemmas=["firefighter", "remove", "person", "tunnel"])
    other.latest = "2017-12-27"
    events = merge_events(ms + [other], ARTS, {a: a for a in "abcd"})
    assert sorted(len(e.sources) for e in events) == [1, 3]  # three papers' wire paragraph: one event


def test_different_doers_and_months_stay_apart():
    duma = mention("a", 0, "endorse", "The lower house endorsed it last month.", "2024-10", "month", "2024-10-01",
                   "2024-10-31", actor="State Duma", lemmas=["endorse", "treaty"])
    senate = mention("b", 0, "ratify", "The Senate ratified the treaty.", "2024-11-06", actor="Federation Council",
                     lemmas=["ratify", "treaty"])
    assert len(merge_events([duma, senate], ARTS, {"a": "a", "b": "b"})) == 2


def test_date_disagreement_is_recorded_and_wire_copies_count_once():
    lem = ["quake", "strike", "city", "magnitude"]
    ms = [mention("a", 0, "strike", "A quake struck the city on Monday.", "2024-03-04", lemmas=lem),
          mention("b", 0, "strike", "A quake struck the city on Monday.", "2024-03-04", lemmas=lem),
          mention("c", 0, "hit", "A strong quake hit the city on Tuesday.", "2024-03-05", lemmas=lem),
          mention("d", 0, "strike", "A quake struck the city on Monday.", "2024-03-04", lemmas=lem)]
    (e,) = merge_events(ms, ARTS, {"a": "wire", "b": "wire", "c": "c", "d": "d"})
    assert e.date == "2024-03-04"
    assert e.independent_sources == 3
    assert {v.date for v in e.disagreement} == {"2024-03-04", "2024-03-05"}


def test_weak_mention_joins_the_older_dated_event_it_retells():
    signed = mention("a", 1, "sign", "Putin and Kim signed the treaty in Pyongyang on June 19.", "2024-06-19",
                     actor="Vladimir Putin", lemmas=["sign", "treaty", "pyongyang", "putin", "kim"])
    retold = mention("b", 4, "sign", "Putin and Kim signed the treaty during a visit to Pyongyang.", "2024-11-06",
                     earliest="2024-11-05", latest="2024-11-06", actor="Vladimir Putin", dated_by="published",
                     lemmas=["sign", "treaty", "pyongyang", "putin", "kim", "visit"])
    (e,) = merge_events([signed, retold], ARTS, {"a": "a", "b": "b"})
    assert e.date == "2024-06-19" and e.disagreement == []


def test_helpers():
    assert trigger_match("ratify", "endorse") == 0.8 and trigger_match("sign", "sign") == 1.0
    assert trigger_match("sign", "kill") == 0.0
    assert dates_compatible(("2024-11-06", "2024-11-06"), ("2024-11-04", "2024-11-10"))
    assert not dates_compatible(("2024-10-01", "2024-10-31"), ("2024-11-06", "2024-11-06"))
    june = mention("a", 0, "sign", "signed in June", time_text="June", time_value="XXXX-06")
    assert not partial_fits(june, ("2024-11-09", "2024-11-09"))
    assert partial_fits(june, ("2024-06-19", "2024-06-19"))
    saturday = mention("a", 0, "sign", "signed on Saturday", time_text="Saturday")
    assert partial_fits(saturday, ("2024-11-09", "2024-11-09")) and not partial_fits(saturday, ("2024-11-11", "2024-11-11"))
    assert choose_date([], {}) == (None, None, None, None, [])


def test_a_year_describing_a_participant_does_not_date_the_event():
    art, evs = events_of("Verstappen passed Kimi Raikkonen, the 2007 world champion, after the restart.", "2016-11-13")
    passed = [m for m in evs if m.trigger == "pass"]
    assert passed and all(m.date != "2007" for m in passed)


def test_independent_sources_split_evenly_on_the_date_leave_the_covering_window():
    votes = [("2017-11", "month", "2017-11-01", "2017-11-30", "nyt"), ("2017-11", "month", "2017-11-01", "2017-11-30", "nyt-copy"),
             ("2017-12", "month", "2017-12-01", "2017-12-31", "bbc")]
    date, precision, lo, hi, disagreement = choose_date(votes, {"nyt": "nyt", "nyt-copy": "nyt", "bbc": "bbc"})
    assert (date, precision, lo, hi) == (None, None, "2017-11-01", "2017-12-31")
    assert {v.date for v in disagreement} == {"2017-11", "2017-12"}
    # Two independent sources against one: the majority's date stands.
    date, *_ = choose_date(votes, {"nyt": "nyt", "nyt-copy": "ap", "bbc": "bbc"})
    assert date == "2017-11"


def test_what_a_source_only_claims_happened_is_told_in_passing():
    art, evs = events_of("The militant claims some girls were killed in an airstrike. Police say the driver was arrested.",
                         "2016-10-13")
    killed = [m for m in evs if m.trigger == "kill"]
    arrested = [m for m in evs if m.trigger == "arrest"]
    assert killed and all(m.aside for m in killed)
    assert arrested and not any(m.aside for m in arrested)
    art, evs = events_of("Seoul also claimed that Pyongyang shipped millions of shells to Russia.", "2024-11-12")
    shipped = [m for m in evs if m.trigger == "ship"]
    assert shipped and all(m.aside for m in shipped)  # a past claim is still only a claim


def test_one_verb_done_to_different_things_is_two_happenings(monkeypatch):
    from storyline.events import merge
    from storyline.events.merge import similarity, _Vectors

    girls = mention("a", 1, "release", "The girls were released around 5:30 a.m. on Thursday.", "2016-10-13",
                    lemmas=["release", "girl"])
    girls.target = "The girls"
    leaders = mention("b", 2, "release", "Four detained Boko Haram leaders were released Wednesday night.", "2016-10-12",
                      lemmas=["release", "leader", "detain"])
    leaders.target = "Four detained Boko Haram leaders"
    same = mention("c", 3, "release", "The schoolgirls were released at dawn.", "2016-10-13", lemmas=["release", "schoolgirl"])
    same.target = "The girls"
    vec = _Vectors([girls, leaders, same]).vec
    assert similarity(girls, leaders, vec[0], vec[1]) < similarity(girls, same, vec[0], vec[2])
    apart = similarity(girls, leaders, vec[0], vec[1])
    monkeypatch.setattr(merge, "OTHER_OBJECT", 0.0)
    assert similarity(girls, leaders, vec[0], vec[1]) == pytest.approx(apart + 0.2)
    assert similarity(girls, same, vec[0], vec[2]) == pytest.approx(similarity(girls, same, vec[0], vec[2]))


def test_objects_of_one_class_are_one_thing():
    from storyline.events.merge import _other_objects

    assert not _other_objects("the agreement", "the Comprehensive Strategic Partnership Treaty")
    assert not _other_objects("the ferry", "the vessel")
    assert _other_objects("The girls", "Four detained Boko Haram leaders")
    assert not _other_objects(None, "the treaty")  # an unknown object says nothing


def test_an_era_describing_a_thing_does_not_date_the_deed():
    art, evs = events_of("Timberlake emerged above ground with a medley of his early-2000s hits during the show.", "2018-02-05")
    assert evs and all(m.date is None or not m.date.startswith("200") for m in evs)


def test_a_shortened_weekday_before_its_date_does_not_end_the_sentence():
    from storyline.annotate import _continues

    assert _continues("When it landed nine hours later in Honolulu, it was Sun.", "Dec. 31, 2017.")
    assert not _continues("The game is on Sun.", "The team won.")


def test_a_long_line_is_cut_at_a_comma_not_inside_a_phrase():
    from storyline.events.extract import _cap

    text = ("Justin Timberlake took to the stage for the Super Bowl half-time show in Minneapolis armed with his "
            "extensive catalogue of hits, a cadre of dancers, a marching band and a light show that lit up the whole "
            "stadium in the most spectacular of ways for more than thirteen minutes on end in front of the crowd.")
    cut = _cap(text, 20)
    assert cut.endswith("dancers \u2026") and len(cut) < len(text)


def _analysis_of(*sentences: str, published: str):
    """The analysis of a short article made of these paragraphs, after enough filler that the
    cleaner keeps the body."""
    from storyline.model import RawArticle
    from storyline.pipeline import process_raw

    filler = ("The weather in the city was mild and dry for most of the afternoon hours today. Another line of "
              "text adds some words so that the cleaner keeps this body as it is written here.")
    text = "\n\n".join(["A report", filler, *sentences])
    return process_raw(RawArticle(id="x", source="x", format="text", text=text, published=published), published)[1]


def test_an_aspect_verb_and_a_same_time_clause_take_their_complement_s_time():
    analysis = _analysis_of("The couple started dating in 2014 after meeting on the set.",
                            "The driver was arrested when he landed at Heathrow on Monday.", published="2018-02-07")
    by = {e.trigger: e for e in analysis.events}
    assert by["start"].date == "2014" and "date" not in by  # one happening, dated by its complement
    assert by["arrest"].date == "2018-02-05" and by["land"].date == "2018-02-05"


def test_a_saying_is_dated_by_the_interview_it_was_made_in():
    analysis = _analysis_of("\u201cWe need everyone who can help us,\u201d Mr. Reul said, referring to his police "
                            "forces, in an interview on Friday with the broadcaster WDR.", published="2018-01-01")
    said = [e for e in analysis.events if e.trigger == "say"]
    assert said and said[0].date == "2017-12-29"


def test_a_perfect_is_never_dated_after_its_report():
    analysis = _analysis_of("Rescuers have begun pulling people from the wreckage on Tuesday, officials said.",
                            published="2010-01-13")
    for e in analysis.events:
        assert not e.date or e.date <= "2010-01-13"


def test_what_would_happen_is_no_happening():
    analysis = _analysis_of("Experts said millions could die if a pandemic broke out today.",
                            "The minister resigned on Monday.", published="2009-04-28")
    assert [e.trigger for e in analysis.events] == ["resign"]


def test_a_lead_told_in_the_present_on_the_report_s_day_is_the_day_s_news():
    analysis = _analysis_of("Google is enabling the Pixel Visual Core on Pixel 2 phones today.",
                            "Sony releases the update on Thursday.", published="2018-02-05")
    by = {e.trigger: e for e in analysis.events}
    assert by["enable"].date == "2018-02-05"
    assert "release" not in by  # "on Thursday" in the present may be the coming one


def test_a_verb_under_a_plan_s_time_is_part_of_the_plan():
    analysis = _analysis_of("Later this week, we're adding new Augmented Reality Stickers themed around winter sports, "
                            "so you can dress up videos.", published="2018-02-05")
    assert not [e for e in analysis.events if e.trigger == "theme"]


_LATER = ("The council then met in the town hall. The mayor spoke first. A clerk read the minutes. "
          "Members asked questions. The session ran long.")  # pushes what follows out of the lead


def test_a_verb_joined_to_a_perfect_shares_it_unless_it_has_a_past_time():
    analysis = _analysis_of(_LATER, "The abduction has caused international outrage and brought the group to the world's attention.",
                            "The Taliban have strengthened recently and threatened to overrun Kunduz last month.",
                            published="2016-11-11")
    triggers = {e.trigger for e in analysis.events}
    assert "bring" not in triggers  # a perfect's background, not a happening of its own
    assert "threaten" in triggers  # "last month" makes it a past


def test_a_negation_and_a_background_adverb_are_no_news():
    analysis = _analysis_of("Police have not said what caused the blast.", "The city has long argued for a ban.",
                            published="2017-12-29")
    assert not analysis.events

def test_a_clause_describing_a_noun_does_not_date_the_sentence_s_news():
    analysis = _analysis_of("Nicola Sturgeon said the pair who flew back to Scotland on April 21 had not been in an "
                            "affected area.",
                            "Sexual offences have doubled, according to statistics released in June.",
                            published="2009-04-26")
    by = {e.trigger: e for e in analysis.events}
    assert by["fly"].aside  # a detail of what was said: never a line of its own
    assert not by["release"].aside  # a source's own publication dates the report
    analysis = _analysis_of("Oil has poured into the Gulf, endangering an ecosystem already battered by Hurricane Katrina "
                            "in 2005.", "Suttles said BP is preparing to stop the leak that began after the rig exploded "
                            "on April 20.", published="2010-05-29")
    assert all(e.aside for e in analysis.events if e.date and e.date < "2010-05")  # details inside a noun's clause


def test_a_reaction_is_not_the_deed_it_reacts_to():
    from storyline.events.merge import different_deeds

    assert different_deeds(["criticize"], ["set"])
    assert not different_deeds(["designate"], ["set"])


def test_a_saying_verb_with_a_thing_for_object_is_an_act():
    analysis = _analysis_of("The US declared a public health emergency on Sunday.",
                            "Officials declared on Sunday that the outbreak was over.", published="2009-04-27")
    declared = [e for e in analysis.events if e.trigger == "declare"]
    assert [e.text.split()[1] for e in declared] == ["US", "declared"]  # the act, and the dated statement
    assert all(e.date == "2009-04-26" for e in declared)
    analysis = _analysis_of("Officials declared a state of emergency.", "The bridge has been closed.", published="2009-04-27")
    assert "declare" in {e.trigger for e in analysis.events}


def test_a_causing_verb_takes_the_time_of_what_it_caused():
    analysis = _analysis_of("Bad weather forced the clean-up to be suspended at the weekend.", "He agreed to meet on Friday.",
                            published="2010-04-26")
    by = {e.trigger: e for e in analysis.events}
    assert (by["force"].earliest, by["force"].latest) == ("2010-04-24", "2010-04-25")
    assert by.get("agree") is None or by["agree"].date is None  # a plan's day is not the agreeing's


def test_a_stretch_of_time_as_the_subject_describes_a_period():
    analysis = _analysis_of("The tail end of 2017 was packed with asteroid sightings.",
                            "That chaotic New Year's Eve set off fears across the country.", published="2018-01-05")
    triggers = {e.trigger for e in analysis.events}
    assert "pack" not in triggers  # the year's end described, no deed
    assert "set" in triggers  # a night named as the subject stands for what happened on it
    analysis = _analysis_of("A man arrested in 2017 was released on Monday.", "The court met on Tuesday.",
                            published="2018-01-05")
    assert "release" in {e.trigger for e in analysis.events}


def test_two_days_one_article_tells_apart_stay_two_happenings():
    # Time-zone slack lets two outlets' days differ by one; one writer's two days do not.
    mother = mention("a", 3, "die", "The patient died on Sunday at the city hospital.", "2009-06-14",
                     lemmas=["die", "patient", "city", "hospital"])
    son = mention("a", 5, "die", "Her son died on Monday at the city hospital.", "2009-06-15",
                  lemmas=["die", "son", "city", "hospital"])
    events = merge_events([mother, son], ARTS, {"a": "a"})
    assert sorted(e.date for e in events) == ["2009-06-14", "2009-06-15"]
    # Another outlet a day apart may still tell the same death.
    other = mention("b", 1, "die", "The patient died at the city hospital on Monday.", "2009-06-15",
                    lemmas=["die", "patient", "city", "hospital"])
    events = merge_events([mother, other], ARTS, {"a": "a", "b": "b"})
    assert len(events) == 1


def test_a_remark_recalled_with_as_is_no_statement_of_the_day():
    _, evs = events_of("As the director-general said at the beginning of the outbreak, the world is watching it unfold.", "2009-06-15")
    assert not [e for e in evs if e.trigger == "say" and not e.aside]
    _, evs = events_of("The director-general said on Monday that the world was watching.", "2009-06-15")
    assert [e.date for e in evs if e.trigger == "say"] == ["2009-06-15"]


def test_one_doer_written_with_either_apostrophe_is_one_doer():
    # Two outlets run one sentence, one with a typographic apostrophe: one statement, not two.
    a = mention("a", 4, "tell", "Apple's chief executive told the paper last month that he would not.", "2018-01", "month",
                "2018-01-01", "2018-01-31", actor="Apple's chief executive", lemmas=["tell", "apple", "chief", "executive", "paper"])
    b = mention("b", 9, "tell", "Apple\u2019s chief executive told the paper last month that he would not.", "2018-01", "month",
                "2018-01-01", "2018-01-31", actor="Apple\u2019s chief executive", lemmas=["tell", "apple", "chief", "executive", "paper"])
    (e,) = merge_events([a, b], ARTS, {"a": "a", "b": "b"})
    assert len(e.evidence) == 2



def test_a_contracted_is_is_never_a_past():
    # the tagger marks the curly "’s" of "he’s surrounded" as a past form
    _, evs = events_of("Now he\u2019s surrounded by dancers and backing musicians at the show.", "2018-02-05")
    assert not [e for e in evs if e.trigger == "surround"]


def test_a_while_clause_with_its_own_subject_keeps_its_own_time():
    # "while another girl was found ... earlier this year" sets another happening against the
    # escape; "met while filming the series in 2014" is one scene, one time.
    _, evs = events_of("Scores escaped in the hours after the kidnapping, while another 19-year-old was found "
                       "with her baby earlier this year.", "2016-10-14")
    by = {e.trigger: e for e in evs}
    assert by["escape"].date is None and by["find"].date == "2016"
    _, evs = events_of("The couple met while filming the series in 2014.", "2018-02-05")
    assert {e.trigger: e.date for e in evs}["meet"] == "2014"


def test_a_past_the_tagger_took_for_a_participle_is_still_a_past():
    # After a long subject the tagger reads "collided" as a participle; with its own subject
    # and no auxiliary it is the sentence's finite verb.
    _, evs = events_of("Two New York City subway work trains collided in a tunnel early Wednesday morning.",
                       published="2017-12-27")
    assert [(e.trigger, e.date) for e in evs] == [("collide", "2017-12-27")]


def test_a_headline_style_passive_is_no_past():
    # "Excitement ... guaranteed": a passive with its "is" dropped, not a past happening.
    assert events_of("Excitement on launch day guaranteed, one way or another.", published="2018-01-05")[1] == []
    # nor is a handle the tagger took for a participle
    assert events_of("Follow USA TODAY reporter Mike Snider on Twitter: @MikeSnider.", published="2018-02-05")[1] == []
