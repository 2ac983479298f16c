"""Timelines: date inference across articles, ranking, top dates, the seed story, and the T17 scorer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from storyline.model import Article, Event, Evidence, RawArticle
from storyline.timeline.build import build_timeline, day_summary, top_dates, when

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = Path(__file__).resolve().parents[2] / "shared"


def ev(eid, date, text, sources=("a",), precision="day", earliest=None, latest=None):
    return Event(id=eid, date=date, precision=precision if date else None, text=text, sources=list(sources),
                 evidence=[Evidence(s, 0, len(text), text) for s in sources], independent_sources=len(sources),
                 earliest=earliest, latest=latest)


# --------------------------------------------------------------------------- ranking and summaries


def test_timeline_in_date_order_top_n_by_importance():
    events = [
        ev("e1", "2024-11-06", "The Senate ratified the treaty.", ("a", "b", "c")),
        ev("e2", "2024-06-19", "The leaders signed the treaty in the capital.", ("a", "b")),
        ev("e3", "2024-11-09", "A minor official spoke about the weather.", ("c",)),
        ev("e4", None, "Something happened at some time."),  # no date, no bound: not placeable
        ev("e5", None, "The bill was posted on the website.", ("d",), earliest="2024-06-19"),
    ]
    tl = build_timeline(events)
    assert [e.id for e in tl] == ["e2", "e5", "e1", "e3"]
    top = build_timeline(events, max_events=2)
    assert [e.id for e in top] == ["e2", "e1"]
    assert all(e.importance > 0 for e in tl)


def test_events_known_by_their_bounds_are_placed_by_them():
    events = [
        ev("signed", "2019-03-02", "The two ministers signed the accord in the capital.", ("a", "b")),
        # a year date that only says "between March 2 and November 6": placed on March 2, after the signing
        ev("bill", "2019", "The government submitted a bill to approve the accord.", precision="year",
           earliest="2019-03-02", latest="2019-11-06"),
        ev("vote", "2019-10", "Parliament voted to approve the accord.", precision="month",
           earliest="2019-10-01", latest="2019-10-31"),
        ev("shipped", None, "The ministry shipped the first consignment.", latest="2019-10-20"),
    ]
    assert [e.id for e in build_timeline(events)] == ["signed", "bill", "vote", "shipped"]
    assert when(events[1]) == "2019-03-02" and when(events[3]) == "2019-10-20"


def test_top_dates_with_k_sentences_each_inside_the_window():
    events = [
        ev("a", "2010-04-20", "The rig exploded in the Gulf, killing eleven workers.", ("x", "y", "z")),
        ev("b", "2010-04-20", "An explosion on the rig killed eleven workers in the Gulf.", ("w",)),
        ev("c", "2010-07-15", "The company capped the leaking well after months of spill.", ("x", "y")),
        ev("d", "2010-05-02", "Officials visited the coast on a short trip today.", ("x",)),
        ev("e", "2010-09-30", "The well was declared dead by the officials.", ("x", "y", "z", "w")),
    ]
    out = top_dates(events, dates=2, sentences=1, end="2010-08-31")
    assert [d for d, _ in out] == ["2010-04-20", "2010-07-15"]
    assert all(len(s) == 1 for _, s in out)
    two = dict(top_dates(events, dates=1, sentences=2, end="2010-04-30"))
    # the two telling of the explosion repeat each other: only one is kept
    assert len(two["2010-04-20"]) == 1
    assert day_summary([], 2) == []


# --------------------------------------------------------------------------- the seed story


def _seed_articles():
    from storyline.clean import clean

    if not EXAMPLES.is_dir():
        pytest.skip("examples/ (the seed articles) not found")
    return [clean(RawArticle(id=p.stem, source=str(p), format="text", text=p.read_text("utf-8")))
            for p in sorted(EXAMPLES.glob("*.txt"))]


@pytest.fixture(scope="module")
def seed_story(tmp_path_factory):
    """The seed articles through this area's stages, as story.build_story runs them."""
    import os

    os.environ["STORYLINE_EVAL_CACHE"] = str(tmp_path_factory.mktemp("parse-cache"))  # keep ~/.cache untouched
    from storyline.annotate.entities import unify_entities
    from storyline.events.merge import merge_events
    from storyline.eval.timeline import analyse_for_timeline
    from storyline.timeline.infer import infer_dates

    arts = _seed_articles()
    by_id = {a.id: a for a in arts}
    analyses = {a.id: analyse_for_timeline(a) for a in arts}
    inferred = infer_dates(arts, analyses)
    for aid, pub in inferred.items():
        by_id[aid].published = pub
        if pub.date:
            analyses[aid] = analyse_for_timeline(by_id[aid])
    unify_entities(arts, analyses)
    events = merge_events([m for a in arts for m in analyses[a.id].events], by_id, {a.id: a.id for a in arts},
                          {a.id: analyses[a.id].entities for a in arts})
    return arts, inferred, build_timeline(events)


def _find(timeline, *words):
    return [e for e in timeline if all(w.lower() in (e.text + " ".join(x.quote for x in e.evidence)).lower() for w in words)]


def test_undated_article_dated_by_the_events_it_shares(seed_story):
    arts, inferred, _ = seed_story
    ids = {a.id[:3]: a.id for a in arts}
    pub = inferred[ids["003"]]
    assert (pub.date, pub.how) == ("2024-11-12", "inferred")
    assert "2024-11-09" in pub.evidence and pub.earliest == "2024-11-12"
    # The Moscow Times piece says only "on Thursday": a window, never an invented day.
    moscow = inferred.get(ids["000"])
    assert moscow is None or moscow.date is None
    # The undated bill article reports the June 19, 2024 signing as past (a lower bound), and
    # its lead anticipates the ratification that 001 reports done on 2024-11-06 (an upper one).
    bill = inferred[ids["004"]]
    assert bill.date is None and (bill.earliest, bill.latest) == ("2024-06-19", "2024-11-06")
    assert "anticipates 'ratify'" in bill.evidence


def test_seed_timeline_holds_the_story(seed_story):
    _, _, tl = seed_story
    dated = {(e.date, e.precision) for e in tl}
    signed = [e for e in tl if e.date == "2024-06-19"]
    assert signed and len(signed[0].sources) >= 3 and _find(signed, "Pyongyang")
    assert _find(tl, "bill") or _find(tl, "draft law")
    from storyline.timeline.build import key_events

    view = key_events(tl)
    assert len({e.id for e in _find(view, "bill") + _find(view, "raft law")}) == 1  # the editor's view tells the bill once
    duma = [e for e in tl if e.date == "2024-10"]
    assert duma and _find(duma, "397")
    senate = [e for e in tl if e.date == "2024-11-06" and _find([e], "ratif")]
    assert senate and {s[:3] for s in senate[0].sources} >= {"001", "002"}
    assert ("2024-11-09", "day") in dated and _find([e for e in tl if e.date == "2024-11-09"], "Putin", "sign")
    assert _find([e for e in tl if e.date == "2024-11-11"], "Kim", "decree")
    assert _find([e for e in tl if e.date == "2024-11-07"], "11,000")
    for e in tl:
        for x in e.evidence:
            assert "file photo" not in x.quote and "Photo credits" not in x.quote
            assert "Most Read" not in x.quote and "Trump" not in x.quote  # related links and lists
    keys = [when(e) for e in tl]
    assert keys == sorted(keys)
    # The undated report's lead is retold with its day two sentences on: one event, both cited.
    decree = [e for e in tl if e.date == "2024-11-11"]
    assert decree and _find(decree, "ratified a major defense pact")
    # Undated events keep their bounds; none is left with neither a date nor a bound.
    assert all(e.date or e.earliest or e.latest for e in tl)
    bill = _find(tl, "introduces a bill")
    assert bill and bill[0].earliest == "2024-06-19" and bill[0].latest == "2024-11-06"
    # Lines are short and free of attribution tails; the evidence keeps the whole sentence.
    assert all(len(e.text) <= 270 for e in tl)
    assert not [e for e in tl if e.text.rstrip(".").endswith(("said", "reported"))]


# --------------------------------------------------------------------------- the T17 scorer


def test_gold_timeline_parsing(tmp_path):
    from storyline.eval.timeline import load_timeline

    f = tmp_path / "tl.txt"
    f.write_text("2010-04-20\nThe rig explodes .\n--------------------------------\n"
                 "2010-04-0\nA malformed date line .\n--------------------------------\n"
                 "2010-05-01\nFirst block .\n--------------------------------\n"
                 "2010-05-01\nLater block wins .\nSecond sentence .\n--------------------------------\n")
    tl = load_timeline(f)
    assert list(tl) == [dt.date(2010, 4, 20), dt.date(2010, 5, 1)]
    assert tl[dt.date(2010, 5, 1)] == ["Later block wins .", "Second sentence ."]


def test_detokenise_and_tokenise():
    from storyline.eval.timeline import detokenise, tokenise

    assert detokenise("BP pledged $ 500m -LRB- # 346m -RRB- to study the spill 's impact .") == \
        "BP pledged $500m (#346m) to study the spill's impact."
    assert detokenise("He said `` we will win '' .") == 'He said "we will win".'
    assert tokenise("BP's well didn't hold.") == "BP 's well did n't hold ."


def test_scores_of_a_perfect_and_an_empty_timeline():
    from storyline.eval.timeline import score_timeline

    gold = {dt.date(2010, 4, 20): ["the rig explodes killing eleven workers"], dt.date(2010, 7, 15): ["the well is capped"]}
    perfect = score_timeline(gold, gold)
    assert perfect["date_f1"] == 1.0 and perfect["ar1_f"] > 0.99
    assert score_timeline({}, gold)["ar1_f"] == 0.0


@pytest.mark.slow
def test_eval_timeline_on_one_gold_timeline():
    data = SHARED / "eval" / "t17-dev"
    if not data.is_dir():
        pytest.skip(f"Timeline17 data not found at {data} (evaluation data is not part of the repository)")
    from storyline.eval.timeline import evaluate

    result = evaluate(data, limit=1)
    assert result["n"] == 1
    m = result["metrics"]
    assert 0.0 < m["date_f1"] <= 1.0 and 0.0 < m["ar1_f"] < 1.0 and 0.0 <= m["ar2_f"] < m["ar1_f"]
    item = result["items"][0]
    assert item["T"] > 0 and item["k"] >= 1 and item["articles"] > 0
