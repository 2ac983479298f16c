"""Undated events keep their bounds; an article's lead and its dated retelling are one event;
timeline lines are one neutral sentence."""

from __future__ import annotations

import pytest

from storyline.events.merge import coarse_date, event_bounds, merge_events, same_report
from storyline.model import Article, EntityMention, EventMention, Evidence, Published


@pytest.fixture(autouse=True)
def _private_parse_cache(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("STORYLINE_EVAL_CACHE", str(tmp_path_factory.getbasetemp() / "parse-cache"))


def art(aid: str, published: str | None = None, earliest: str | None = None, latest: str | None = None,
        body: str = "") -> Article:
    pub = Published(published, published or earliest, published or latest, "dateline" if published else "inferred")
    return Article(id=aid, source=aid, body=body, published=pub)


def mention(aid, sentence, trigger, text, date=None, precision="day", earliest=None, latest=None, actor=None,
            target=None, lemmas=(), dated_by=None, time_text=None, start=0):
    if date and len(date) == 10 and not earliest:
        earliest = latest = date
    return EventMention(article=aid, sentence=sentence, trigger=trigger, text=text, actor=actor, target=target,
                        date=date, precision=precision if date else None, earliest=earliest, latest=latest,
                        evidence=Evidence(aid, start, start + len(text), text), lemmas=list(lemmas),
                        dated_by=dated_by, time_text=time_text)


# --------------------------------------------------------------------------- bounds of undated events


def test_an_undated_event_happened_no_later_than_its_report():
    arts = {"a": art("a", "2019-03-20")}
    m = mention("a", 6, "resign", "The minister resigned from the cabinet.", actor="minister")
    (e,) = merge_events([m], arts, {"a": "a"})
    assert e.date is None and (e.earliest, e.latest) == (None, "2019-03-20")


def test_an_inferred_window_passes_on_and_one_month_is_an_honest_date():
    arts = {"a": art("a", None, "2019-03-04", "2019-03-20")}
    lead = mention("a", 0, "open", "The bridge opened to traffic.", dated_by="published", actor="bridge")
    (e,) = merge_events([lead], arts, {"a": "a"})
    assert (e.earliest, e.latest) == ("2019-03-04", "2019-03-20")
    assert (e.date, e.precision) == ("2019-03", "month")
    assert coarse_date("2019-02-01", "2019-11-30") == (None, None)  # a year would sort before February
    assert coarse_date("2018-12-01", "2019-01-31") == (None, None)
    assert coarse_date(None, "2019-01-31") == (None, None)


def test_a_relative_time_in_an_undated_article_spans_its_window():
    body = "The mayor opened the new bridge on Thursday."
    arts = {"a": art("a", None, "2019-03-04", "2019-03-20", body=body)}
    m = mention("a", 0, "open", body, dated_by="text", time_text="Thursday", actor="mayor")
    (e,) = merge_events([m], arts, {"a": "a"})
    # The most recent Thursday on or before 2019-03-04 is 2019-02-28; before 2019-03-20, 2019-03-14.
    assert (e.earliest, e.latest) == ("2019-02-28", "2019-03-14")


def test_contradicting_bounds_keep_the_report_bound():
    arts = {"a": art("a", "2019-03-20"), "b": art("b", "2019-03-10")}
    ms = [mention("a", 0, "close", "The factory closed.", earliest="2019-03-19", latest="2019-03-20"),
          mention("b", 0, "close", "The factory closed.", latest="2019-03-09")]
    assert event_bounds(ms, arts) == (None, "2019-03-09")


# --------------------------------------------------------------------------- one report, told twice


BODY = ("Iran ratified a nuclear accord with its neighbours, state media reported on Tuesday. "
        "Iranian President Hassan Rouhani signed the decree on Monday.")
ENTITIES = [EntityMention("Iranian President", 96, 113, "PERSON", "Hassan Rouhani"),
            EntityMention("Hassan Rouhani", 114, 128, "PERSON", "Hassan Rouhani")]


def _lead_and_detail(detail_actor="Hassan Rouhani", detail_target="the decree", trigger="sign"):
    lead = mention("a", 0, "ratify", BODY[:86], actor="Iran", target="a nuclear accord", dated_by="reported",
                   latest="2019-03-12", time_text="Tuesday", lemmas=["iran", "ratify", "nuclear", "accord", "neighbour"])
    detail = mention("a", 1, trigger, BODY[87:], "2019-03-11", actor=detail_actor, target=detail_target,
                     dated_by="text", time_text="Monday", lemmas=["rouhani", trigger, "decree"], start=87)
    return lead, detail


def test_a_lead_and_the_sentence_that_dates_it_are_one_event():
    arts = {"a": art("a", "2019-03-12", body=BODY)}
    lead, detail = _lead_and_detail()
    (e,) = merge_events([lead, detail], arts, {"a": "a"}, {"a": ENTITIES})
    assert (e.date, e.precision) == ("2019-03-11", "day") and len(e.evidence) == 2
    # Without knowing whom Rouhani leads, a state's act and a person's signature stay apart.
    assert len(merge_events([lead, detail], arts, {"a": "a"})) == 2


def test_no_merge_for_other_doers_other_objects_or_far_sentences():
    lead, detail = _lead_and_detail()
    aff = {"Hassan Rouhani": "Iran"}
    assert same_report(lead, detail, aff, BODY)
    _, other = _lead_and_detail(detail_actor="Boris Johnson")
    assert not same_report(lead, other, aff, BODY)
    _, named = _lead_and_detail(detail_target="a trade deal")
    assert not same_report(lead, named, aff, BODY)
    # "the decree" was named before the detail sentence: no longer a first mention pointing back.
    assert not same_report(lead, detail, aff, "The decree was drafted. " + BODY)
    far = mention("a", 5, "sign", "Hassan Rouhani signed the decree.", "2019-03-11", actor="Hassan Rouhani",
                  target="the decree")
    assert not same_report(lead, far, aff, BODY)
    late = mention("a", 1, "sign", "Hassan Rouhani signed the decree.", "2019-03-14", actor="Hassan Rouhani",
                   target="the decree")
    assert not same_report(lead, late, aff, BODY)  # after the report: another happening
    _, said = _lead_and_detail(trigger="say")
    assert not same_report(lead, said, aff, BODY)


# --------------------------------------------------------------------------- one-line texts


def _text_of(sentence: str, published: str = "2019-03-12") -> list[str]:
    from storyline.eval.timeline import analyse_for_timeline

    a = art("a", published, body=sentence)
    return [m.text for m in analyse_for_timeline(a).events]


def test_attribution_tails_are_trimmed_and_sides_are_kept():
    assert _text_of("The union rejected the latest pay offer from the railway company, the ministry said on Monday.") \
        == ["The union rejected the latest pay offer from the railway company."]
    assert _text_of('"The union rejected the latest pay offer from the company," the agency said in its report.') \
        == ["The union rejected the latest pay offer from the company."]
    # A verb that takes sides stays: without it an allegation reads as fact.
    claimed = _text_of("The opposition claimed that the army shelled the northern town of Idlib on Monday.")
    assert claimed and all(t.startswith("The opposition claimed") for t in claimed)


def test_a_clause_with_its_own_subject_stands_alone_and_long_lines_are_capped():
    texts = _text_of("The talks collapsed after the union rejected the latest offer on Friday.")
    assert "The union rejected the latest offer on Friday." in texts
    long = ("The city council approved a new budget for the coming year on Monday, which raises spending on "
            "schools, roads, parks, libraries and public transport across all districts while cutting the "
            "money set aside for new office buildings and consultants by a third.")
    (text,) = _text_of(long)
    assert text == "The city council approved a new budget for the coming year on Monday."


def test_reader_comments_are_not_news_and_datelines_leave_the_line():
    from storyline.events.extract import is_comment, strip_dateline

    assert is_comment("At 2:10 pm on 02 Jun 2009, jo_b wrote: The ministry has handled this badly from the start.")
    assert not is_comment("The minister wrote: we will not resign from the cabinet over this.")
    assert not is_comment("In 2009 the minister wrote: we will not resign.")
    assert strip_dateline("NAIROBI | Mon Mar 4, 2019 9:12 am EST NAIROBI (Reuters) - Kenya's central bank held its "
                          "main lending rate on Monday.") == "Kenya's central bank held its main lending rate on Monday."
    assert strip_dateline("LIMA, Peru (AP) -- Police arrested two men after the attack.") == \
        "Police arrested two men after the attack."
    kept = "The World Health Organization (WHO) - which raised its alert - said it had no plans."
    assert strip_dateline(kept) == kept
    texts = _text_of("CAIRO (Reuters) - Protesters marched through the centre of the city on Monday, witnesses said.")
    assert texts == ["Protesters marched through the centre of the city on Monday."]
    assert _text_of("At 4:25 pm on 28 May 2019, Makena wrote: The government closed the border on Friday.") == []


def test_a_page_time_stamp_run_into_the_first_sentence_is_stripped():
    from storyline.events.extract import strip_dateline

    assert strip_dateline("17 June 2009 15.39 BST Government officials today warned that anyone with symptoms "
                          "should stay at home.") == "Government officials today warned that anyone with symptoms should stay at home."
    assert strip_dateline("June 17, 2009 3:39 PM EDT Officials warned that anyone with symptoms should stay at home.") \
        == "Officials warned that anyone with symptoms should stay at home."
    # a date that is part of the sentence stays
    kept = "On 17 June 2009 officials warned that anyone with symptoms should stay at home."
    assert strip_dateline(kept) == kept


def test_bounds_of_one_day_are_that_day():
    # "on Saturday" in a report of Saturday night or Sunday morning is Saturday either way
    assert coarse_date("2016-05-28", "2016-05-28") == ("2016-05-28", "day")
