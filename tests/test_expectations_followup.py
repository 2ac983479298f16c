"""Following expectations up against later events: hand-built records.

The event sentences are parsed inside ``follow_up`` (it must tell a report of a vote from
a forecast of one), so these tests load the shared spaCy model, but every record is
written here.
"""

from __future__ import annotations

from storyline.expectations.followup import follow_up, procedures
from storyline.model import Article, Event, Evidence, Expectation, Published, TimeExpr


def _article(aid: str, date: str | None) -> Article:
    return Article(id=aid, source=aid, body="", published=Published(date, date, date, "metadata"))


def _event(eid: str, aid: str, quote: str, date: str | None, precision: str | None = "day") -> Event:
    return Event(id=eid, date=date, precision=precision, text=quote, sources=[aid],
                 evidence=[Evidence(aid, 0, len(quote), quote)])


def _exp(xid: str, aid: str, what: str, subject: str | None, made: str | None, bound: TimeExpr | None = None,
         certainty: str = "announced", condition: str | None = None) -> Expectation:
    # the sentence as extraction keeps it: passive when "what" starts with a participle
    be = "be " if what.split()[0].endswith(("ed", "ent")) else ""
    text = f"{subject or 'It'} will {be}{what}."
    return Expectation(id=xid, text=text, what=what, article=aid, certainty=certainty, subject=subject,
                       made=made, bound=bound, condition=condition)


ARTICLES = {
    "duma": _article("duma", "2024-10-24"),
    "senate": _article("senate", "2024-11-06"),
    "decree": _article("decree", "2024-11-10"),
    "later": _article("later", "2024-11-12"),
}

FILLER = [  # a story has more events than the ones that matter; they make shares meaningful
    _event("f1", "decree", "The president signed a decree on the ratification on Saturday.", "2024-11-09"),
    _event("f2", "decree", "The leader said on Thursday that 11,000 soldiers had been sent abroad.", "2024-11-07"),
    _event("f3", "later", "Officials claimed on Monday that artillery shells were shipped across the border.",
           "2024-11-11"),
    _event("f4", "duma", "The two leaders signed the agreement in June during a summit.", "2024-06"),
]


def _upper_house_case():
    x = _exp("duma:x0", "duma", "sent to the upper-house council for a final vote",
             "the strategic partnership agreement", "2024-10-24")
    events = FILLER + [
        _event("e1", "duma", "Lawmakers in the lower house voted 397 to 0 on Thursday to ratify the agreement, "
                             "which will be now sent to the upper-house council for a final vote.", "2024-10-24"),
        _event("e2", "senate", "On Wednesday, the Senate ratified the strategic partnership treaty.", "2024-11-06"),
        _event("e3", "decree", "The upper house ratified the treaty this week, while the lower house endorsed it "
                               "last month.", "2024-11-04", "week"),
    ]
    return x, events


def test_forecast_of_a_vote_is_fulfilled_by_the_later_ratification_and_cites_its_reports():
    x, events = _upper_house_case()
    [x] = follow_up([x], events, ARTICLES)
    assert x.status == "fulfilled"
    assert x.fulfilled_by == "e2"  # dated to the day, after the forecast
    assert x.fulfilled_date == "2024-11-06"
    assert x.fulfilled_sources == ["decree", "senate"]
    by_id = {e.id: e for e in events}
    assert by_id["e2"].fulfils == ["duma:x0"] and by_id["e3"].fulfils == ["duma:x0"]
    assert by_id["e1"].fulfils == []  # the forecasting sentence does not confirm itself


def test_a_report_of_another_chamber_or_another_action_does_not_fulfil():
    x = _exp("duma:x0", "duma", "sent to the upper-house council for a final vote",
             "the strategic partnership agreement", "2024-10-24")
    events = FILLER + [
        _event("e1", "senate", "The lower house endorsed the treaty again on Tuesday.", "2024-11-05"),
        _event("e2", "senate", "The upper house debated the treaty on Tuesday.", "2024-11-05"),
    ]
    [x] = follow_up([x], events, ARTICLES)
    assert x.status == "open"
    assert x.fulfilled_by is None


def test_an_event_before_the_forecast_does_not_fulfil_it():
    x = _exp("senate:x0", "senate", "sent to the upper-house council for a final vote",
             "the strategic partnership agreement", "2024-11-06")
    events = FILLER + [_event("e1", "duma", "The upper house ratified the treaty on Monday.", "2024-10-21")]
    [x] = follow_up([x], events, ARTICLES)
    assert x.status == "open"


def test_a_forecast_repeated_later_is_not_its_own_fulfilment():
    x = _exp("duma:x0", "duma", "sent to the upper-house council for a final vote",
             "the strategic partnership agreement", "2024-10-24")
    events = FILLER + [_event("e1", "senate", "The agreement will be sent to the upper house for a vote on "
                                              "Wednesday.", "2024-11-06")]
    [x] = follow_up([x], events, ARTICLES)
    assert x.status == "open"


def test_bound_passed_without_report_is_overdue_against_the_story_clock():
    past = TimeExpr("by Monday", 0, 10, value="2024-10-28", precision="day", kind="future",
                    earliest="2024-10-28", latest="2024-10-28")
    ahead = TimeExpr("by the end of the year", 0, 10, value="2024", precision="year", kind="future",
                     earliest="2024-10-24", latest="2024-12-31")
    xs = [
        _exp("duma:x1", "duma", "deployed to the front", "several thousand soldiers", "2024-10-24", past, "expected"),
        _exp("duma:x2", "duma", "deployed to the front", "several thousand soldiers", "2024-10-24", ahead, "expected"),
        _exp("duma:x3", "duma", "not deployed to the front", "several thousand soldiers", "2024-10-24", past),
        _exp("duma:x4", "duma", "deployed to the front", "several thousand soldiers", "2024-10-24", past, "possible"),
    ]
    xs = follow_up(xs, list(FILLER), ARTICLES)
    # the latest article is from 2024-11-12: Monday's bound (and a few days' slack for the
    # news to come out) has passed, the year's has not; a negated forecast or a mere
    # possibility ("may be deployed by Monday") is never overdue
    assert [x.status for x in xs] == ["overdue", "open", "open", "open"]


def test_procedure_steps_done_then_next():
    x, events = _upper_house_case()
    y = _exp("later:x0", "later", "take effect", "The treaty", "2024-11-12",
             condition="from the day both sides exchange ratification instruments")
    xs = follow_up([y, x], events, ARTICLES)
    assert (x.procedure, x.step) == (y.procedure, 1) and y.step == 2
    [proc] = procedures(xs)
    assert proc["done"] == 1 and proc["next"] == 2
    assert [s["status"] for s in proc["steps"]] == ["fulfilled", "open"]
    assert proc["steps"][0]["date"] == "2024-11-06"


def test_follow_up_is_repeatable():
    x, events = _upper_house_case()
    follow_up([x], events, ARTICLES)
    follow_up([x], events, ARTICLES)
    assert {e.id: e.fulfils for e in events}["e2"] == ["duma:x0"]


def test_whats_next_lists_pending_newest_first_once_each():
    from storyline.expectations.followup import whats_next

    x, events = _upper_house_case()
    y = _exp("later:x0", "later", "take effect", "The treaty", "2024-11-12")
    z = _exp("decree:x0", "decree", "take effect", "The treaty", "2024-11-10")
    w = _exp("senate:x0", "senate", "deployed to the front", "several thousand soldiers", "2024-11-06")
    follow_up([x, y, z, w], events, ARTICLES)
    assert [e.id for e in whats_next([x, y, z, w])] == ["later:x0", "senate:x0"]


def test_a_report_after_the_bound_fulfils_late_and_a_month_bound_waits_for_the_news():
    month = TimeExpr("by the end of October", 0, 10, value="2024-10", precision="month", kind="future",
                     earliest="2024-10-24", latest="2024-10-31")
    x = _exp("duma:x0", "duma", "sent to the upper-house council for a final vote",
             "the strategic partnership agreement", "2024-10-24", month)
    y = _exp("duma:x1", "duma", "deployed to the front", "several thousand soldiers", "2024-10-24", month)
    events = FILLER + [_event("e2", "senate", "On Wednesday, the Senate ratified the treaty.", "2024-11-06")]
    follow_up([x, y], events, ARTICLES)
    assert (x.status, x.fulfilled_date) == ("fulfilled", "2024-11-06")
    assert y.status == "open"  # 2024-10-31 plus half a month is after the story's last article


def test_the_one_expected_to_act_must_be_the_one_who_acted():
    x = _exp("duma:x5", "duma", "publish its final report on the accident", "The safety commission", "2024-10-24")
    other = FILLER + [_event("e1", "senate", "The operator published its final report on the accident on Monday.",
                             "2024-11-04")]
    [x] = follow_up([x], other, ARTICLES)
    assert x.status == "open"
    same = FILLER + [_event("e1", "senate", "The safety commission published its final report on the accident "
                                            "on Monday.", "2024-11-04")]
    [x] = follow_up([x], same, ARTICLES)
    assert x.status == "fulfilled" and x.fulfilled_by == "e1"


def test_not_overdue_when_a_later_report_may_tell_it_in_other_words():
    monday = TimeExpr("on Monday", 0, 10, value="2024-10-28", precision="day", kind="point",
                      earliest="2024-10-28", latest="2024-10-28")
    x = _exp("duma:x6", "duma", "visit the flooded northern province", "The prime minister", "2024-10-24", monday)
    quiet = follow_up([x], list(FILLER), ARTICLES)[0].status
    related = FILLER + [_event("e1", "senate", "The prime minister inspected the flooded northern province on Monday.",
                               "2024-10-28")]
    [x] = follow_up([x], related, ARTICLES)
    assert (quiet, x.status) == ("overdue", "open")


def test_a_meeting_set_for_a_day_is_not_fulfilled_by_one_a_month_later():
    monday = TimeExpr("on Monday", 0, 10, value="2024-10-28", precision="day", kind="point",
                      earliest="2024-10-28", latest="2024-10-28")
    x = _exp("duma:x7", "duma", "meet the fishermen's union in the port city", "The prime minister", "2024-10-24",
             monday)
    later = FILLER + [_event("e1", "later", "The prime minister met the fishermen's union in the port city on "
                                            "Monday.", "2024-11-11")]
    [x] = follow_up([x], later, ARTICLES)
    assert x.status != "fulfilled"
    on_time = FILLER + [_event("e1", "senate", "The prime minister met the fishermen's union in the port city on "
                                               "Monday.", "2024-10-28")]
    [x] = follow_up([x], on_time, ARTICLES)
    assert x.status == "fulfilled"


def test_a_name_matches_its_shorter_form_but_not_a_name_sharing_a_word():
    friday = TimeExpr("on Friday", 0, 10, value="2024-11-01", precision="day", kind="point",
                      earliest="2024-11-01", latest="2024-11-01")
    x = _exp("duma:x8", "duma", "make his second visit to the Gulf of Mexico region", "he", "2024-10-24", friday)
    ev = FILLER + [_event("e1", "senate", "The president, who made his second visit to the Gulf disaster zone on "
                                          "Friday, is sending officials back there.", "2024-11-01")]
    [x] = follow_up([x], ev, ARTICLES)
    assert x.status == "fulfilled"
    y = _exp("duma:x9", "duma", "make his second visit to the Gulf of Mexico region", "he", "2024-10-24", friday)
    other = FILLER + [_event("e1", "senate", "The president made his second visit to Mexico City on Friday.",
                             "2024-11-01")]
    [y] = follow_up([y], other, ARTICLES)
    assert y.status != "fulfilled"


# ------------------------------------------------------------------ one item per step, honest dates


def _said(x: Expectation, quote: str, start: int = 0) -> Expectation:
    x.text = quote
    x.evidence = [Evidence(x.article, start, start + len(quote), quote)]
    return x


def test_the_same_step_in_two_articles_is_one_item_with_both_quotes():
    a = _said(_exp("duma:x0", "duma", "sent to the upper-house council for a final vote",
                   "the strategic partnership agreement", "2024-10-24"),
              "The agreement will be sent to the upper-house council for a final vote.")
    b = _said(_exp("decree:x3", "decree", "put to a vote in the upper-house council", "the treaty", "2024-11-10"),
              "The treaty will be put to a vote in the upper-house council.")
    other = _said(_exp("decree:x4", "decree", "signed by the president", "the treaty", "2024-11-10"),
                  "The treaty will be signed by the president.", 100)
    xs = follow_up([a, b, other], list(FILLER), ARTICLES)
    assert [x.id for x in xs] == ["duma:x0", "decree:x4"]
    merged = xs[0]
    assert [e.article for e in merged.evidence] == ["duma", "decree"]
    assert merged.made == "2024-10-24"  # the first announcement
    assert a.evidence == [a.evidence[0]]  # the article's own record is left as it was


def test_two_steps_of_one_sentence_are_one_item():
    quote = "Private guards will patrol the square, backed by officers who will be on patrol."
    a = _said(_exp("duma:x0", "duma", "patrol the square", "Private guards", "2024-10-24"), quote)
    b = _said(_exp("duma:x1", "duma", "be on patrol", "officers", "2024-10-24"), quote)
    xs = follow_up([a, b], list(FILLER), ARTICLES)
    assert len(xs) == 1 and xs[0].what == "patrol the square"


def test_schedules_that_do_not_meet_stay_apart():
    month = TimeExpr("later this month", 0, 10, value="2024-10", precision="month", kind="future",
                     earliest="2024-10-24", latest="2024-10-31")
    tuesday = TimeExpr("on Tuesday", 0, 10, value="2024-11-12", precision="day", kind="future",
                       earliest="2024-11-12", latest="2024-11-12")
    a = _said(_exp("duma:x0", "duma", "launch the rocket", "the company", "2024-10-24", month),
              "The company will launch the rocket later this month.")
    b = _said(_exp("later:x0", "later", "launch the rocket", "the company", "2024-11-12", tuesday),
              "The company will launch the rocket on Tuesday.")
    xs = follow_up([a, b], list(FILLER), ARTICLES)
    assert len(xs) == 2


def test_an_undated_article_makes_its_expectations_in_its_window():
    articles = dict(ARTICLES, undated=Article(id="undated", source="u", body="",
                                              published=Published(None, "2024-06-19", "2024-11-06", "inferred")))
    x = _said(_exp("undated:x0", "undated", "deployed to the front by the end of the year", "soldiers", None,
                   certainty="possible"),
              "The soldiers may be deployed to the front by the end of the year.", 40)
    [x] = follow_up([x], list(FILLER), articles)
    assert x.made is None and (x.made_earliest, x.made_latest) == ("2024-06-19", "2024-11-06")
    # every day of the window puts the end of the year in 2024: that is the bound
    assert x.bound is not None and x.bound.value == "2024" and x.bound.latest == "2024-12-31"
    assert x.bound.text == "the end of the year"
    assert x.what == "deployed to the front"
    quote = x.evidence[0].quote
    assert quote[x.bound.start - 40:x.bound.end - 40] == "the end of the year"
    assert x.status == "open"


def test_a_state_forecast_to_last_is_never_overdue():
    thursday = TimeExpr("until Thursday", 0, 10, value="2024-10-31", precision="day", kind="future",
                        earliest="2024-10-31", latest="2024-10-31")
    x = _exp("duma:x0", "duma", "remain this high", "the waves", "2024-10-24", thursday, "expected")
    y = _exp("duma:x1", "duma", "patrol the harbour", "the coast guard", "2024-10-24", thursday, "expected")
    xs = follow_up([x, y], list(FILLER), ARTICLES)
    assert [x.status for x in xs] == ["open", "overdue"]


def test_the_same_step_in_other_words_is_one_item_but_not_through_a_chain():
    a = _said(_exp("duma:x0", "duma", "flock to the riverside festival", "thousands of revellers", "2024-10-24"),
              "Thousands of revellers are expected to flock to the riverside festival.")
    b = _said(_exp("senate:x0", "senate", "descend on the riverside festival", "thousands of revellers",
                   "2024-11-06"),
              "Thousands of revellers are expected to descend on the riverside festival.")
    c = _said(_exp("later:x0", "later", "close the riverside road", "the police", "2024-11-12"),
              "The police will close the riverside road.")
    xs = follow_up([a, b, c], list(FILLER), ARTICLES)
    assert [len(x.evidence) for x in xs] == [2, 1]


def test_a_report_in_any_sentence_of_a_later_article_keeps_it_from_overdue():
    monday = TimeExpr("by Monday", 0, 10, value="2024-10-28", precision="day", kind="future",
                      earliest="2024-10-28", latest="2024-10-28")
    body = ("The ministry gave no figures. Several thousand reservists were deployed to the northern front on "
            "Tuesday, a regional governor said.")
    articles = dict(ARTICLES, later=Article(id="later", source="later", body=body,
                                            published=Published("2024-11-12", "2024-11-12", "2024-11-12", "metadata")))
    x = _exp("duma:x1", "duma", "deployed to the northern front", "several thousand reservists", "2024-10-24",
             monday, "expected")
    [x] = follow_up([x], list(FILLER), articles)
    assert x.status == "open"  # no event of the story tells it, but a sentence of a later article does
    quiet = dict(articles, later=Article(id="later", source="later", body="The ministry gave no figures.",
                                         published=articles["later"].published))
    y = _exp("duma:x1", "duma", "deployed to the northern front", "several thousand reservists", "2024-10-24",
             monday, "expected")
    [y] = follow_up([y], list(FILLER), quiet)
    assert y.status == "overdue"


def test_one_actor_two_kinds_of_step_stay_apart():
    a = _said(_exp("duma:x0", "duma", "testify about the Gulf spill", "Tony Hayward", "2024-10-24"),
              "Tony Hayward will testify about the Gulf spill.")
    b = _said(_exp("senate:x0", "senate", "resign over the Gulf spill", "Tony Hayward", "2024-11-06"),
              "Tony Hayward will resign over the Gulf spill.")
    assert len(follow_up([a, b], list(FILLER), ARTICLES)) == 2


def test_one_quotation_printed_by_two_outlets_is_one_item():
    words = "Something has gone wrong and we will work tirelessly with the tram operator {} to establish the cause."
    a = _said(_exp("duma:x0", "duma", "work tirelessly with the tram operator to establish the cause", "we",
                   "2024-10-24"), "\u201c" + words.format("FirstGroup") + "\u201d")
    b = _said(_exp("senate:x1", "senate", "work tirelessly", "we", "2024-11-06"),
              "The commissioner said: \"" + words.format("First Group") + "\"")
    xs = follow_up([a, b], list(FILLER), ARTICLES)
    assert [[e.article for e in x.evidence] for x in xs] == [["duma", "senate"]]


def test_the_subject_of_one_statement_acting_in_the_others_passive_is_one_step():
    a = _said(_exp("duma:x0", "duma", "staffed by members of the German Red Cross", "The safe space",
                   "2024-10-24"),
              "The safe space will be staffed by members of the German Red Cross.")
    b = _said(_exp("senate:x0", "senate", "be available to offer immediate support to victims",
                   "Up to five members of a Red Cross team", "2024-11-06"),
              "Up to five members of a Red Cross team will be available to offer immediate support to victims.")
    xs = follow_up([a, b], list(FILLER), ARTICLES)
    assert [[e.article for e in x.evidence] for x in xs] == [["duma", "senate"]]


def test_the_agent_of_a_passive_doing_another_kind_of_step_stays_apart():
    a = _said(_exp("duma:x0", "duma", "signed by the president of the federation", "the treaty", "2024-10-24"),
              "The treaty will be signed by the president of the federation.")
    b = _said(_exp("senate:x0", "senate", "resign over the treaty", "the president of the federation",
                   "2024-11-06"),
              "The president of the federation will resign over the treaty.")
    assert len(follow_up([a, b], list(FILLER), ARTICLES)) == 2


def _day(text: str, day: str) -> TimeExpr:
    return TimeExpr(text, 0, 10, value=day, precision="day", kind="future", earliest=day, latest=day)


def test_the_same_kind_of_action_set_for_the_same_day_is_one_step():
    a = _said(_exp("duma:x0", "duma", "blast off for the first time", "A rocket more powerful than any other",
                   "2024-10-24", _day("Tuesday", "2024-11-12")),
              "A rocket more powerful than any other is scheduled to blast off Tuesday for the first time.")
    b = _said(_exp("senate:x0", "senate", "launch", None, "2024-11-06", _day("Tuesday", "2024-11-12")),
              "Launch is scheduled during a window Tuesday opening at 1:30 p.m.")
    xs = follow_up([a, b], list(FILLER), ARTICLES)
    assert [[e.article for e in x.evidence] for x in xs] == [["duma", "senate"]]


def test_the_same_kind_of_action_on_other_days_or_by_others_stays_apart():
    a = _said(_exp("duma:x0", "duma", "blast off", "the rocket", "2024-10-24", _day("Tuesday", "2024-11-12")),
              "The rocket will blast off on Tuesday.")
    b = _said(_exp("senate:x0", "senate", "launch", None, "2024-11-06", _day("Wednesday", "2024-11-13")),
              "Launch is scheduled for Wednesday.")
    assert len(follow_up([a, b], list(FILLER), ARTICLES)) == 2
    c = _said(_exp("duma:x1", "duma", "begin", "the peace talks", "2024-10-24", _day("Tuesday", "2024-11-12")),
              "The peace talks will begin on Tuesday.", 50)
    d = _said(_exp("senate:x1", "senate", "begin", "the rail strike", "2024-11-06", _day("Tuesday", "2024-11-12")),
              "The rail strike will begin on Tuesday.", 50)
    assert len(follow_up([c, d], list(FILLER), ARTICLES)) == 2
    e = _said(_exp("duma:x2", "duma", "begin", "the hearing", "2024-10-24", _day("Tuesday", "2024-11-12")),
              "The hearing will begin on Tuesday.", 90)
    f = _said(_exp("senate:x2", "senate", "launch", None, "2024-11-06", _day("Tuesday", "2024-11-12")),
              "Launch is scheduled for Tuesday.", 90)
    assert len(follow_up([e, f], list(FILLER), ARTICLES)) == 2


# ---------------------------------------------------------------- issue 14, fourth round


def _body_article(aid: str, date: str, body: str) -> Article:
    return Article(id=aid, source=aid, body=body, published=Published(date, date, date, "metadata"))


def test_a_figure_forecast_to_rise_is_fulfilled_by_a_later_report_that_it_rose():
    x = Expectation(id="a:x0", text="The doctor said four dead and 120 wounded had been brought in and that the "
                                    "numbers might rise.",
                    what="rise", article="a", certainty="possible", subject="the numbers", made="2016-11-10")
    arts = {"a": _body_article("a", "2016-11-10", x.text),
            "b": _body_article("b", "2016-11-11", "The death toll from the bombing rose to at least six on Friday, "
                                                  "with more than 100 others wounded.")}
    [done] = follow_up([x], [], arts)
    assert done.status == "fulfilled" and done.fulfilled_sources == ["b"]


def test_a_figure_said_to_rise_again_does_not_fulfil_it():
    x = Expectation(id="a:x0", text="The death toll may rise.", what="rise", article="a", certainty="possible",
                    subject="The death toll", made="2016-11-10")
    arts = {"a": _body_article("a", "2016-11-10", x.text),
            "b": _body_article("b", "2016-11-11", "Officials said the death toll could have risen overnight."),
            "c": _body_article("c", "2016-11-11", "The price of bread rose sharply."),
            "d": _body_article("d", "2016-11-11", "The number of stray pets at the shelter rose to 40.")}
    [still] = follow_up([x], [], arts)  # another figure, another measure, or another count
    assert still.status == "open"


def test_a_step_set_again_for_a_later_date_is_overdue_once_its_bound_passed():
    end = TimeExpr(text="the end of the month", start=0, end=1, value="2018-01", precision="month",
                   earliest="2018-01-25", latest="2018-01-31", kind="future")
    tue = TimeExpr(text="Tuesday", start=0, end=1, value="2018-02-06", precision="day",
                   earliest="2018-02-06", latest="2018-02-06")
    first = _exp("a:x0", "a", "blast off on a test mission", "the launch vehicle", "2018-01-05", end)
    again = _exp("b:x0", "b", "blast off for the first time", "The launch vehicle", "2018-02-05", tue)
    arts = {"a": _article("a", "2018-01-05"), "b": _article("b", "2018-02-05")}
    out = follow_up([first, again], [], arts)
    status = {x.id: x.status for x in out}
    assert status["a:x0"] == "overdue"  # the bound passed a week ago and the story sets it for Tuesday
    assert status["b:x0"] == "open"


def test_an_expected_happening_named_by_a_noun_is_fulfilled_when_told_done_later():
    week = TimeExpr(text="next week", start=0, end=1, value="2018-W02", precision="week",
                    earliest="2018-01-08", latest="2018-01-14")
    x = Expectation(id="a:x0", text="A full test firing of the engines is expected next week, Musk said.",
                    what="A full test firing of the engines", article="a", certainty="expected", subject=None,
                    made="2018-01-05", bound=week)
    arts = {"a": _body_article("a", "2018-01-05", x.text),
            "b": _body_article("b", "2018-02-05", "A test firing of the 27 engines in January showed that the firm "
                                                  "can ignite all of them.")}
    [done] = follow_up([x], [], arts)
    assert done.status == "fulfilled" and done.fulfilled_sources == ["b"]


def test_a_name_the_story_gives_a_made_thing_does_not_act():
    x = Expectation(id="a:x0", text="The Falcon Heavy will allow the firm to bid on missions.",
                    what="allow the firm to bid on missions", article="a", certainty="announced",
                    subject="The Falcon Heavy", made="2018-02-06")
    y = Expectation(id="a:x1", text="SpaceX will broadcast the launch on its website.",
                    what="broadcast the launch on its website", article="a", certainty="announced",
                    subject="SpaceX", made="2018-02-06")
    arts = {"a": _body_article("a", "2018-02-06", x.text + " " + y.text),
            "b": _body_article("b", "2018-02-05", "The Falcon Heavy rocket stands on the pad. Customers may ride "
                                                  "a SpaceX capsule. SpaceX said the weather looks good.")}
    out = follow_up([x, y], [], arts)
    assert [x.id for x in out] == ["a:x1"]  # SpaceX speaks: a firm, though it makes capsules


# ---------------------------------------------------------------- issue 14, fifth round


def test_one_actor_given_the_same_action_in_two_articles_is_one_step():
    a = _said(_exp("duma:x0", "duma", "evacuate its personnel", "troops", "2024-10-24", certainty="expected"),
              "The spokesman said troops were on site preparing to evacuate its personnel.")
    b = _said(_exp("senate:x0", "senate", "evacuate staff", "troops", "2024-11-06", certainty="expected"),
              "The ministry said troops were on site preparing to evacuate staff.")
    [one] = follow_up([a, b], list(FILLER), ARTICLES)
    assert len(one.evidence) == 2
    c = _said(_exp("later:x0", "later", "visit the border", "troops", "2024-11-12"), "Troops will visit the border.")
    assert len(follow_up([a, c], list(FILLER), ARTICLES)) == 2  # the same actor, another action


def test_a_sentence_retold_with_another_frame_is_one_step():
    a = _said(_exp("duma:x0", "duma", "banned at the festivities", "Backpacks", "2024-10-24"),
              "Backpacks, large bags and alcohol will be banned at the Brandenburg Gate festivities.")
    b = _said(_exp("senate:x0", "senate", "ramped up", "Overall security", "2024-11-06"),
              "Overall security will also be ramped up, with large bags, backpacks, and even alcohol of any "
              "sort outlawed during the festivities, according to the organisers.")
    assert len(follow_up([a, b], list(FILLER), ARTICLES)) == 1
    c = _said(_exp("later:x0", "later", "work with the rail investigators", "Police", "2024-11-12"),
              "Police will continue to work with the rail investigators to establish how the crash happened.")
    d = _said(_exp("decree:x0", "decree", "work with the emergency services", "The operator", "2024-11-10"),
              "The operator will continue to work with the emergency services during the investigation.")
    assert len(follow_up([c, d], list(FILLER), ARTICLES)) == 2  # two steps told alike share too few words


def test_two_crowds_expected_at_one_named_place_are_one_gathering():
    a = _said(_exp("duma:x0", "duma", "flock to the party mile", "Hundreds of thousands of revellers",
                   "2024-10-24", certainty="expected"),
              "Hundreds of thousands of revellers are expected to flock to the party mile at the Brandenburg Gate.")
    b = _said(_exp("senate:x0", "senate", "see in the New Year", "Thousands of party-goers", "2024-11-06",
                   certainty="expected"),
              "Thousands of party-goers are expected to see in the New Year at the iconic Brandenburg Gate.")
    assert len(follow_up([a, b], list(FILLER), ARTICLES)) == 1
    c = _said(_exp("later:x0", "later", "march to the Town Hall", "Thousands of protesters", "2024-11-12",
                   certainty="expected"),
              "Thousands of protesters are expected to march to the Town Hall.")
    assert len(follow_up([a, c], list(FILLER), ARTICLES)) == 2  # another place


def test_the_same_counted_thing_in_two_articles_is_one_step():
    a = _said(_exp("duma:x0", "duma", "attempt to recover all three boosters", "The company", "2024-10-24"),
              "The company will attempt to recover all three boosters.")
    b = _said(_exp("senate:x0", "senate", "land all three first stage boosters", "The firm", "2024-11-06",
                   certainty="expected"),
              "The firm intends to land all three first stage boosters.")
    assert len(follow_up([a, b], list(FILLER), ARTICLES)) == 1
    c = _said(_exp("later:x0", "later", "deploy 500 troops", "The army", "2024-11-12"), "The army will deploy 500 troops.")
    d = _said(_exp("decree:x0", "decree", "withdraw 500 troops", "The army", "2024-11-10"),
              "The army will withdraw 500 troops.")
    assert len(follow_up([c, d], list(FILLER), ARTICLES)) == 2  # two kinds of action on one count


def test_a_death_toll_forecast_to_rise_is_fulfilled_by_a_higher_count_in_other_words():
    x = Expectation(id="a:x0", text="The mayor has warned that the death toll 'may well increase'.", what="increase",
                    article="a", certainty="possible", subject="the death toll", made="2016-11-09")
    arts = {"a": _body_article("a", "2016-11-09", "At least five people are dead after a tram overturned. " + x.text),
            "b": _body_article("b", "2016-11-09", "At least seven people are now confirmed as having died, the "
                                                  "police said in a statement.")}
    [done] = follow_up([x], [], arts)
    assert done.status == "fulfilled" and done.fulfilled_sources == ["b"]
    arts["b"] = _body_article("b", "2016-11-09", "Five people died. In 1959, when 40 people died in a fire, ...")
    [still] = follow_up([x], [], arts)  # the same count, and a count of the past
    assert still.status == "open"


def test_a_step_promised_only_if_something_happens_is_never_overdue():
    wed = TimeExpr(text="Wednesday", start=0, end=1, value="2018-02-07", precision="day",
                   earliest="2018-02-07", latest="2018-02-07")
    x = _exp("a:x0", "a", "a second opportunity", "SpaceX", "2018-02-05", wed,
             condition="If the weather does not cooperate")
    arts = {"a": _article("a", "2018-02-05"), "b": _article("b", "2018-03-01")}
    [x] = follow_up([x], [], arts)
    assert x.status == "open"


def test_the_main_actor_doing_one_kind_of_thing_twice_and_spans_of_time_stay_apart():
    main_events = [_event(f"m{i}", "decree", f"The ministry paid the bill number {i} on Monday.", "2024-11-0%d" % (i + 1))
                   for i in range(6)]
    a = _said(_exp("duma:x0", "duma", "pay all legitimate claims", "the ministry", "2024-10-24"),
              "The ministry said it would pay all legitimate claims.")
    b = _said(_exp("senate:x0", "senate", "pay a dividend", "the ministry", "2024-11-06"),
              "The ministry will pay a dividend.")
    assert len(follow_up([a, b], main_events, ARTICLES)) == 2  # the story's main actor: two payments
    c = _said(_exp("later:x0", "later", "released within about 10 days", "The worker", "2024-11-12",
                   certainty="expected"), "The worker was expected to be released within about 10 days.")
    d = _said(_exp("decree:x0", "decree", "try to cap the well in the next 10 days", "The firm", "2024-11-10"),
              "The firm said it will try to cap the well in the next 10 days.")
    assert len(follow_up([c, d], list(FILLER), ARTICLES)) == 2
