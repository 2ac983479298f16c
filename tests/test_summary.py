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


def test_summary_states_agreed_plainly_and_attributes_the_rest():
    story, by_id = story_of(ARTS, EVENTS, CLAIMS)
    sentences = summarise(story, by_id)
    kinds = [s.kind for s in sentences]
    assert kinds[0] == "agreed" and sentences[0].text == "The upper house ratified the treaty."
    assert sentences[0].sources == ["c", "d"]
    evolving = next(s for s in sentences if s.text.startswith("Reported figures for North Korea troops"))
    assert evolving.kind == "attributed" and evolving.sources == ["a", "b", "c"]
    assert "3,000" in evolving.text and "Western officials" in evolving.text
    secret = next(s for s in sentences if "secret clause" in s.text)
    assert secret.text.startswith("According to the Journal, citing an anonymous officer, the treaty allegedly")
    assert secret.sources == ["b"]
    assert all(s.sources for s in sentences)  # every sentence cited
    # the single-source vote is never stated as agreed
    assert not any("397-0" in s.text and s.kind == "agreed" for s in sentences)


def test_wire_copies_do_not_make_an_event_agreed():
    wire = [WireGroup(articles=["c", "d"], wire="Reuters", similarity=0.9, how="text")]
    story, by_id = story_of(ARTS, EVENTS, CLAIMS, wire)
    sentences = summarise(story, by_id)
    assert not any(s.kind == "agreed" and "upper house" in s.text for s in sentences)
    assert sentences[0].text.startswith("According to")


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
