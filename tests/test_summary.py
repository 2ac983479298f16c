"""Neutral summary (storyline.compare.summary) and coverage (storyline.compare.coverage)."""

from __future__ import annotations

from storyline.compare.claims import compare_claims
from storyline.compare.coverage import coverage, wording
from storyline.compare.summary import summarise
from storyline.model import Article, Claim, Event, Evidence, Published, Story, WireGroup


def art(aid, outlet, date, title=None):
    return Article(id=aid, source=aid, body="Body.", outlet=outlet, title=title,
                   published=Published(date=date, earliest=date, latest=date))


def claim(cid, aid, value, subject, unit="troops", by=None, anonymous=False, hedges=None, text="..."):
    return Claim(id=cid, subject=subject, text=text, article=aid, value=value, unit=unit, attributed_to=by,
                 anonymous=anonymous, hedges=hedges or [], evidence=[Evidence(aid, 0, 4, "Body")])


def story_of(arts, events, claims, wire=()):
    by_id = {a.id: a for a in arts}
    keys = {a.id: a.outlet for a in arts}
    for g in wire:
        for aid in g.articles:
            keys[aid] = f"wire:{g.wire}"
    comparison = compare_claims(claims, by_id, keys)
    story = Story(id="s", title="t", articles=[a.id for a in arts], timeline=events, claims=claims,
                  comparison=comparison, wire=list(wire))
    return story, by_id


ARTS = [art("a", "Post", "2024-10-15"), art("b", "Times", "2024-10-24"), art("c", "Wire Daily", "2024-11-06"),
        art("d", "Globe", "2024-11-06")]
EVENTS = [
    Event(id="e1", date="2024-11-06", precision="day", text="The upper house ratified the treaty", sources=["c", "d"],
          evidence=[], importance=2.0),
    Event(id="e2", date="2024-10-24", precision="day", text="The lower house approved the treaty 397-0",
          sources=["b"], evidence=[], importance=1.0),
]
CLAIMS = [
    claim("1", "a", "several thousand", "North Korea troops", by="The Washington Post"),
    claim("2", "b", 3000, "North Korea troops", by="Western officials"),
    claim("3", "c", 11000, "North Korea troops", by="Ukraine"),
    claim("4", "b", True, "treaty include secret clause", unit=None, anonymous=True, hedges=["allegedly"],
          by="the Journal, citing an anonymous officer", text="the treaty allegedly includes a secret clause"),
]


def test_summary_opens_with_the_latest_development_and_counts_outlets():
    story, by_id = story_of(ARTS, EVENTS, CLAIMS)
    sentences = summarise(story, by_id)
    # the latest development first; 2 of 4 independent outlets is no majority, so not "agreed"
    assert sentences[0].text.startswith("Latest: The upper house ratified the treaty (2024-11-06; 2 of 4 outlets")
    assert sentences[0].kind == "attributed" and sentences[0].sources == ["c", "d"]
    assert sentences[1].text.startswith("The lower house approved the treaty 397-0 (2024-10-24; 1 of 4 outlets")
    evolving = next(s for s in sentences if s.text.startswith("Reported figures for North Korea troops"))
    assert evolving.kind == "attributed" and evolving.sources == ["a", "b", "c"]
    assert "3,000" in evolving.text and "Western officials" in evolving.text
    secret = next(s for s in sentences if "secret clause" in s.text)
    assert secret.text.startswith("According to the Journal, citing an anonymous officer, the treaty allegedly")
    assert secret.sources == ["b"]
    assert all(s.sources for s in sentences)  # every sentence cited
    assert not any(s.kind == "agreed" for s in sentences)


def test_agreed_only_for_a_majority_and_never_a_tweet():
    events = [Event(id="e1", date="2024-11-06", precision="day", text="The upper house ratified the treaty",
                    sources=["b", "c", "d"], evidence=[], importance=2.0),
              Event(id="e2", date="2024-11-07", precision="day",
                    text="Great day for peace pic.twitter.com/abc — Jane Roe (@janeroe) November 7, 2024",
                    sources=["a"], evidence=[], importance=3.0)]
    story, by_id = story_of(ARTS, events, [])
    sentences = summarise(story, by_id)
    assert sentences[0].text == "Latest: The upper house ratified the treaty (2024-11-06; 3 of 4 outlets)."
    assert sentences[0].kind == "agreed"
    assert not any("twitter" in s.text or "@" in s.text for s in sentences)


def test_undated_article_figure_shows_its_window():
    arts = [Article(id="a", source="a", body="Body.", outlet="Post",
                    published=Published(date=None, earliest="2024-06-19", latest="2024-11-06"))] + ARTS[1:]
    claims = [claim(c.id, c.article, c.value, c.subject, unit=c.unit, by=c.attributed_to) for c in CLAIMS]
    story, by_id = story_of(arts, EVENTS, claims)
    evolving = next(s for s in summarise(story, by_id) if s.text.startswith("Reported figures"))
    assert "undated article, published between 2024-06-19 and 2024-11-06" in evolving.text
    assert "several thousand troops (The Washington Post, undated article" in evolving.text


def test_wire_copies_do_not_make_an_event_agreed():
    wire = [WireGroup(articles=["c", "d"], wire="Reuters", similarity=0.9, how="text")]
    story, by_id = story_of(ARTS, EVENTS, CLAIMS, wire)
    sentences = summarise(story, by_id)
    assert not any(s.kind == "agreed" and "upper house" in s.text for s in sentences)
    assert "1 of 3 outlets" in sentences[0].text  # two wire copies are one outlet
    assert "Globe, Wire Daily, one wire story" in sentences[0].text  # ... and said to be one


def test_conflicts_are_contested():
    arts = [art("a", "Post", "2010-05-01"), art("b", "Times", "2010-05-01")]
    claims = [claim("1", "a", 1000, "oil leaked (barrels per day)", unit="barrels per day", by="BP"),
              claim("2", "b", 5000, "oil leaked (barrels per day)", unit="barrels per day", by="the Coast Guard")]
    story, by_id = story_of(arts, [], claims)
    contested = [s for s in summarise(story, by_id) if s.kind == "contested"]
    assert len(contested) == 1 and "according to BP" in contested[0].text and contested[0].sources == ["a", "b"]


def test_coverage_matrix_and_left_out():
    story, by_id = story_of(ARTS, EVENTS, CLAIMS)
    cov = coverage(EVENTS, ARTS, CLAIMS, {a.id: a.outlet for a in ARTS})
    row = next(r for r in cov["events"] if r["event"] == "e1")
    assert row["outlets"] == {"Globe": True, "Post": False, "Times": False, "Wire Daily": True}
    assert row["left_out"] == ["Post", "Times"] and row["independent_sources"] == 2
    assert cov["claims"][0]["subject"] == "North Korea troops"
    assert cov["per_outlet"]["Times"] == {"articles": 1, "events": 1, "left_out": 1, "claims": 2}


def test_wording_finds_each_outlets_name_for_the_treaty():
    arts = [art("a", "Post", "2024-11-10", "Putin signs mutual defence treaty with North Korea"),
            art("b", "Times", "2024-10-24", "Duma ratifies strategic partnership agreement with North Korea"),
            art("c", "Globe", "2024-11-12", "North Korea ratifies major defense pact with Russia")]
    story = Story(id="s", title="t", articles=["a", "b", "c"])
    things = {w["thing"]: w for w in wording(story, {a.id: a for a in arts})}
    variants = {v["outlet"]: v["text"] for v in things["treaty"]["variants"]}
    assert variants == {"Post": "mutual defence treaty", "Times": "strategic partnership agreement",
                        "Globe": "defense pact"}


def test_two_figures_of_one_sentence_are_told_once():
    text = "The files reportedly contain details on some 214,000 offshore companies and 140 politicians."
    claims = [claim("1", "a", 214000, "companies", unit="companies", text=text),
              claim("2", "a", 140, "politicians", unit="politicians", text=text)]
    story, by_id = story_of(ARTS, EVENTS, claims)
    said = [s.text for s in summarise(story, by_id)]
    assert len(said) == len(set(said)) and any("214,000" in s for s in said)


def test_an_attributed_sentence_drops_its_discourse_opener_and_lowers_only_plain_words():
    from storyline.compare.summary import _OPENER, _lower_first

    assert _OPENER.sub("", "Which means, hundreds of kilometres above the Earth, there are bacteria.") == \
        "hundreds of kilometres above the Earth, there are bacteria."
    assert _lower_first("Identifying the microbes was a two-step process.") == "identifying the microbes was a two-step process."
    assert _lower_first("Beijing said it would reply.", "Officials in Beijing said so.") == "Beijing said it would reply."
    assert _lower_first("People put off by the change will be happy.") == "people put off by the change will be happy."



def test_an_unnamed_source_is_said_once():
    from storyline.compare import summary
    from storyline.model import Article, Claim, Evidence, Published, Story

    art = Article(id="a", source="a", body="The files reportedly contain details on some 214,000 offshore companies.",
                  outlet="Post", published=Published("2016-04-04", "2016-04-04", "2016-04-04", "metadata"))
    c = Claim(id="c1", subject="companies", text="the files reportedly contain details on some 214,000 offshore companies",
              article="a", value=214000, unit="companies", attributed_to="unnamed reports", anonymous=True,
              evidence=[Evidence("a", 0, 10, "The files")])
    story = Story(id="s", title="t", articles=["a"], claims=[c], comparison=[])
    from storyline.compare.comparison import compare_claims
    story.comparison = compare_claims([c], {"a": art}, {"a": "Post"})
    texts = [x.text for x in summary.summarise(story, {"a": art})]
    assert any(t.startswith("According to unnamed reports") for t in texts)
    assert not any("(an unnamed source)" in t for t in texts)


def test_a_bare_role_as_source_reads_as_one_person():
    from storyline.compare.summary import _according

    art = Article(id="a", source="a", body="Pieces weighing up to 100kg could reach the surface, says expert.",
                  outlet="Guardian", published=Published("2017-10-13", "2017-10-13", "2017-10-13", "metadata"))
    c = Claim(id="c1", subject="pieces (kg)", text="Pieces weighing up to 100kg could reach the surface",
              article="a", value=100, unit="kg", attributed_to="expert", anonymous=True,
              evidence=[Evidence("a", 0, 10, "Pieces")])
    assert _according(c, {"a": art}).startswith("According to an expert, ")
    c.attributed_to = "officials"
    assert _according(c, {"a": art}).startswith("According to officials, ")


def test_latest_is_news_of_the_newest_report_s_week_and_old_forecasts_are_not_still_to_come():
    from storyline.model import Expectation

    arts = [art("a", "Post", "2017-10-13"), art("b", "Times", "2018-01-09")]
    events = [Event(id="e1", date="2017-09", precision="month", text="Re-entry was delayed in September 2017",
                    sources=["a"], evidence=[], importance=2.0),
              Event(id="e2", date="2011", precision="year", text="The station was launched in 2011",
                    sources=["a", "b"], evidence=[], importance=1.0)]
    story, by_id = story_of(arts, events, [])
    old = Expectation(id="x1", article="a", certainty="announced", made="2017-10-13", attributed_to="Chinese officials",
                      text="But in 2016, Chinese officials confirmed they had lost control of the station and it would "
                           "crash to Earth in 2017 or 2018.", what="crash to Earth in 2017")
    story.expectations = [old]
    sentences = summarise(story, by_id)
    # four months before the newest report, September is not the latest news
    assert not any(s.text.startswith("Latest:") for s in sentences)
    assert any(s.text.startswith("Re-entry was delayed") for s in sentences)
    # a forecast of 2016, retold, is not the step still to come
    assert not any(s.text.startswith("Still to come") for s in sentences)
    old.text = "Chinese officials said the station would crash to Earth in 2017 or 2018."
    assert any(s.text.startswith("Still to come") for s in summarise(story, by_id))


def test_one_voice_two_outlets_carry_is_said_as_one_source():
    arts = [art("a", "Post", "2024-10-15"), art("b", "Times", "2024-10-15"), art("c", "Globe", "2024-10-15")]
    claims = [claim("1", "a", 100, "parts weighed (kg)", unit="kg", by="Jonathan McDowell", text="Parts may weigh 100kg."),
              claim("2", "b", 100, "parts weighed (kg)", unit="kg", by="McDowell", text="Parts may weigh up to 100kg.")]
    story, by_id = story_of(arts, [], claims)
    (said,) = [s for s in summarise(story, by_id) if "100kg" in s.text]
    assert said.text == "Parts may weigh 100kg (one source: Jonathan McDowell, told by 2 outlets)."
    assert said.kind == "attributed"
