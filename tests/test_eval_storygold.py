"""The story-gold evaluation: its judging rules on small hand-made stories, its layout checks,
and (slow; skipped when ../shared is absent) agreement with the data set's own score.py."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from storyline.errors import EvalDataError
from storyline.eval import storygold as sg

ROOT = Path(__file__).resolve().parents[1]
STORY_GOLD = ROOT.parent / "shared" / "eval" / "story-gold"

# A made-up story: a ferry sinks, rescuers count survivors, an inquiry is promised.
A, B = "art-a", "art-b"
SINKING_A = "The ferry Nordlys sank off Bergen on Tuesday with 40 passengers aboard."
SINKING_B = "A ferry, the Nordlys, sank near Bergen on Tuesday, coastguards reported."
RESCUE_A = "Coastguards rescued 35 passengers from the Nordlys, the navy said."
RESCUE_B = "Navy divers rescued 36 passengers from the Nordlys overnight, police said."
INQUIRY_A = "The transport minister promised an inquiry into the sinking of the Nordlys."
HISTORY_A = "The Nordlys has sailed the Bergen route since its launch in 1994."


def _gold() -> dict:
    return {
        "story": "ferry",
        "articles": {A: {"outlet": "a.example", "published": "2030-03-06"},
                     B: {"outlet": "b.example", "published": None, "published_window": ["2030-03-05", "2030-03-09"],
                         "real": "2030-03-07"}},
        "events": [
            {"id": "e1", "what": "the ferry sinks", "date": "2030-03-05", "precision": "day", "earliest": "2030-03-05",
             "latest": "2030-03-05", "key": True,
             "evidence": [{"article": A, "quote": SINKING_A}, {"article": B, "quote": SINKING_B}]},
            {"id": "e2", "what": "passengers rescued", "date": "2030-03-06", "precision": "day",
             "earliest": "2030-03-06", "latest": "2030-03-06", "key": True,
             "evidence": [{"article": A, "quote": RESCUE_A}, {"article": B, "quote": RESCUE_B}]},
            {"id": "e3", "what": "inquiry promised", "date": None, "precision": "window", "earliest": "2030-03-05",
             "latest": "2030-03-06", "key": False, "evidence": [{"article": A, "quote": INQUIRY_A}]},
        ],
        "background": [{"article": A, "quote": HISTORY_A, "why": "ongoing state"}],
        "claims": [
            {"id": "c1", "subject": "passengers aboard", "value": "40", "number": 40, "attributed_to": None,
             "article": A, "quote": SINKING_A},
            {"id": "c2", "subject": "passengers rescued", "value": "35", "number": 35, "attributed_to": "the navy",
             "article": A, "quote": RESCUE_A},
            {"id": "c3", "subject": "passengers rescued", "value": "36", "number": 36, "attributed_to": "police",
             "article": B, "quote": RESCUE_B},
        ],
        "claim_groups": [{"subject": "passengers rescued", "claims": ["c2", "c3"], "relation": "conflict"},
                         {"subject": "lone figure", "claims": ["c1"], "relation": "agree"}],
        "expectations": [{"id": "x1", "what": "an inquiry", "article": A, "quote": INQUIRY_A, "status": "open"}],
    }


def _ev(article: str, quote: str) -> dict:
    return {"article": article, "start": 0, "end": len(quote), "quote": quote}


def _line(quote: str, article: str = A, **date) -> dict:
    return {"text": quote, "evidence": [_ev(article, quote)], **date}


def _claim(cid: str, quote: str, value, article: str = A, **more) -> dict:
    return {"id": cid, "subject": "x", "text": quote, "article": article, "value": value, "unit": "passengers",
            "date": None, "attributed_to": None, "evidence": [_ev(article, quote)], **more}


def _report(**story) -> dict:
    pub_a = {"date": "2030-03-06", "earliest": "2030-03-06", "latest": "2030-03-06"}
    pub_b = {"date": None, "earliest": "2030-03-05", "latest": "2030-03-09"}
    return {"articles": [{"id": A, "published": pub_a}, {"id": B, "published": pub_b}],
            "stories": [{"timeline": [], "claims": [], "comparison": [], "expectations": [], **story}]}


def test_overlap_counts_content_words_of_the_shorter_quote():
    assert sg.overlap("The ferry sank.", "the FERRY sank off Bergen on Tuesday") == 1.0
    assert sg.overlap("ferry sank", "ferry rescued") == 0.5
    assert sg.overlap("the of and", "ferry") == 0.0  # nothing but function words
    assert sg.content_words("\u201cIt\u2019s  over\u201d \u2014 Nordlys") == {"s", "over", "nordlys"}


def test_figures_read_magnitudes_and_thousands_separators():
    assert sg.figures("1,200 people and 1.5 million dollars") == [1200.0, 1_500_000.0]
    assert sg.figures("[3000, 5000] troops") == [3000.0, 5000.0]
    assert sg.figures("several thousand") == []


def test_date_spans_and_nesting():
    d = dt.date
    assert sg.date_span("2030-03") == (d(2030, 3, 1), d(2030, 3, 31))
    assert sg.date_span("2030-02") == (d(2030, 2, 1), d(2030, 2, 28))
    assert sg.date_span("2030-03-04", "week") == (d(2030, 3, 4), d(2030, 3, 10))
    assert sg.date_span("2030-Q4") == (d(2030, 10, 1), d(2030, 12, 31))
    assert sg.date_span("2030-W10") == (d(2030, 3, 4), d(2030, 3, 10))
    assert sg.date_span(None, None, None, "2030-03-06") == (dt.date.min, d(2030, 3, 6))
    assert sg.date_span(None) is None
    day = sg.date_span("2030-03-05")
    assert sg.nested(day, sg.date_span("2030-03")) and sg.nested(sg.date_span("2030-03"), day)
    assert not sg.nested(day, sg.date_span("2030-03-06")) and not sg.nested(None, day)


def test_timeline_right_duplicate_wrong_date_background_unmatched():
    report = _report(timeline=[
        _line(SINKING_A, date="2030-03-05"),
        _line(SINKING_B, B, date="2030-03-05"),  # the same sinking again: a duplicate
        _line(RESCUE_A, date="2030-03-04"),  # a wrong day; its event is still found
        _line(INQUIRY_A, date=None, earliest="2030-03-05", latest="2030-03-06"),  # a window inside the gold one
        _line(HISTORY_A, date="1994"),
        _line("Weather was calm across Norway.", date="2030-03-05"),
    ])
    problems: list[str] = []
    counts, found = sg.judge_timeline(_gold(), report, problems)
    assert counts == {"lines": 6, "right": 2, "duplicate": 1, "non_event": 1, "unmatched": 1, "wrong_date": 1,
                      "key_events": 2, "key_found": 2}
    assert found == {"e1", "e2", "e3"}
    assert any("duplicate of e1" in p for p in problems) and any("date wrong for e2" in p for p in problems)


def test_timeline_prefers_the_event_whose_date_fits():
    gold = _gold()
    # A line quoting both reports ties to both events; the one whose day fits wins.
    both = {"text": "x", "date": "2030-03-06", "evidence": [_ev(A, SINKING_A), _ev(A, RESCUE_A)]}
    counts, found = sg.judge_timeline(gold, _report(timeline=[both]), [])
    assert found == {"e2"} and counts["right"] == 1


def test_claims_value_attribution_and_date():
    report = _report(claims=[
        _claim("p1", SINKING_A, 40),
        _claim("p2", RESCUE_A, 35, attributed_to="Norwegian navy"),
        _claim("p3", RESCUE_B, 36, B, attributed_to="coastguard"),  # wrong attribution: figure still found
        _claim("p4", RESCUE_A, 350),  # wrong value
        _claim("p5", "Divers searched all night.", 3),  # nothing in the gold
        _claim("p6", SINKING_A, 40, date="2030-03-07"),  # after its article
    ])
    problems: list[str] = []
    counts = sg.judge_claims(_gold(), report, problems)
    assert counts == {"predicted": 6, "right": 2, "wrong_value": 1, "wrong_attribution": 1, "wrong_date": 1,
                      "unmatched": 1, "gold": 3, "gold_figures": 3, "figures_found": 3}


def test_a_day_for_a_claim_from_an_undated_article_is_made_up():
    gold = _gold()
    made_up = sg.judge_claims(gold, _report(claims=[_claim("p", RESCUE_B, 36, B, attributed_to="police",
                                                           date="2030-03-06")]), [])
    assert made_up["wrong_date"] == 1
    real_day = sg.judge_claims(gold, _report(claims=[_claim("p", RESCUE_B, 36, B, attributed_to="police",
                                                            date="2030-03-07")]), [])
    assert real_day["right"] == 1


def test_value_in_words_when_no_number_is_given():
    gold = _gold()
    gold["claims"][0].update(value="forty passengers", number=40)
    # No figure in the predicted value: the gold value's words must be in the claim.
    counts = sg.judge_claims(gold, _report(claims=[_claim("p", SINKING_A, "forty", text="forty passengers")]), [])
    assert counts["right"] == 1


def test_next_steps_once_each_with_status():
    item = {"what": "an inquiry", "text": INQUIRY_A, "article": A, "status": "open", "evidence": [_ev(A, INQUIRY_A)]}
    counts = sg.judge_next(_gold(), _report(expectations=[item, dict(item), dict(item, status="fulfilled")]), [])
    assert counts == {"predicted": 3, "right": 1, "wrong_status": 0, "unmatched": 2, "gold": 1, "found": 1}
    counts = sg.judge_next(_gold(), _report(expectations=[dict(item, status="fulfilled")]), [])
    assert counts["wrong_status"] == 1 and counts["found"] == 1


def test_article_dates_true_day_or_honest_window():
    problems: list[str] = []
    assert sg.judge_articles(_gold(), _report(), problems) == {"right": 2, "judged": 2}
    report = _report()
    report["articles"][1]["published"] = {"date": "2030-03-05", "earliest": "2030-03-05", "latest": "2030-03-05"}
    report["articles"][0]["published"] = {"date": None, "earliest": "2030-03-01", "latest": "2030-03-09"}
    assert sg.judge_articles(_gold(), report, problems) == {"right": 0, "judged": 2}
    assert len(problems) == 2


def _rescues(status: str, *subjects: str) -> dict:
    claims = [_claim("p2", RESCUE_A, 35, attributed_to="navy"), _claim("p3", RESCUE_B, 36, B, attributed_to="police"),
              _claim("p1", SINKING_A, 40)]
    if len(subjects) == 1:
        comparison = [{"subject": subjects[0], "status": status, "claims": ["p2", "p3"]},
                      {"subject": "aboard", "status": "single", "claims": ["p1"]}]
    else:
        comparison = [{"subject": s, "status": status, "claims": [c]} for s, c in zip(subjects, ["p2", "p3"])]
    return _report(claims=claims, comparison=comparison)


def test_claim_group_right_when_compared_under_one_subject_with_its_relation():
    problems: list[str] = []
    assert sg.judge_groups(_gold(), _rescues("conflict", "passengers rescued"), problems) == {"groups": 1, "right": 1}
    assert problems == []  # the one-claim group is not counted


@pytest.mark.parametrize(("report", "why"), [
    (_rescues("agree", "passengers rescued"), "as agree"),
    (_rescues("conflict", "rescued by navy", "rescued by police"), "split over 2 subjects"),
    (_report(claims=[_claim("p2", RESCUE_A, 35)], comparison=[]), "1 of its 2 claims found"),
])
def test_claim_group_wrong(report, why):
    problems: list[str] = []
    assert sg.judge_groups(_gold(), report, problems)["right"] == 0
    assert why in problems[0]


def test_claim_group_mixed_with_another_subject_is_wrong():
    report = _rescues("conflict", "passengers")
    report["stories"][0]["comparison"] = [{"subject": "passengers", "status": "conflict", "claims": ["p1", "p2", "p3"]}]
    problems: list[str] = []
    assert sg.judge_groups(_gold(), report, problems)["right"] == 0
    assert "with other claims (c1)" in problems[0]


def test_metrics_sum_counts_before_dividing():
    one = sg.judge(_gold(), _report(timeline=[_line(SINKING_A, date="2030-03-05")]), "a")
    two = sg.judge(_gold(), _report(timeline=[_line(HISTORY_A, date="1994")] * 3), "b")
    m = sg.metrics([one, two])
    assert m["timeline_precision"] == pytest.approx(1 / 4) and m["key_event_recall"] == pytest.approx(1 / 4)
    assert m["claim_precision"] == 0.0 and m["duplicate_lines"] == 0  # no division by zero
    assert list(m)[-1] == "claim_group_accuracy"


def test_layout(tmp_path):
    with pytest.raises(EvalDataError, match="no such folder"):
        sg.find_stories(tmp_path / "missing")
    with pytest.raises(EvalDataError, match="no story found"):
        sg.find_stories(tmp_path)
    story = tmp_path / "ferry"
    story.mkdir()
    (story / "gold.json").write_text("{not json")
    with pytest.raises(EvalDataError, match="no articles/ folder"):
        sg.find_stories(tmp_path)
    (story / "articles").mkdir()
    assert sg.find_stories(tmp_path) == [story] == sg.find_stories(story)
    with pytest.raises(EvalDataError, match=r"gold\.json: not readable as JSON"):
        sg.load_gold(story)


def test_render_ends_with_one_line_of_figures():
    result = {"items": [{"id": "ferry", **sg.judge(_gold(), _report(), "ferry")}]}
    result["items"][0].pop("story")
    result["metrics"] = sg.metrics([sg.judge(_gold(), _report(), "ferry")])
    text = sg.render(result)
    assert text.startswith("== ferry: timeline 0/0 right")
    assert text.splitlines()[-1].startswith("storygold: timeline_precision 0.000")


@pytest.mark.slow
def test_agrees_with_score_py_on_dev_stories(tmp_path):
    """Both judges on two dev stories: every metric score.py has must be equal."""
    scorer = STORY_GOLD / "score.py"
    if not scorer.is_file():
        pytest.skip(f"{scorer} not found (evaluation data is not part of the repository)")
    stories = [STORY_GOLD / "dev" / "croydon-tram", STORY_GOLD / "dev" / "mazar-consulate-attack"]
    exe = Path(sys.executable).with_name("storyline")
    theirs = subprocess.run([sys.executable, str(scorer), "--storyline", str(exe), "--json", *map(str, stories)],
                            capture_output=True, text=True, cwd=ROOT, timeout=1200)
    assert theirs.returncode == 0, theirs.stderr[-500:]
    theirs, _ = json.JSONDecoder().raw_decode(theirs.stdout)  # its figures line follows the JSON
    ours = [sg.judge(sg.load_gold(s), sg.run_report(s), s.name) for s in stories]
    mine = sg.metrics(ours)
    for name, value in theirs["metrics"].items():
        assert mine[name] == value, name
    for t, o in zip(theirs["stories"], ours):
        assert t["timeline"] == o["timeline"] and t["next"] == o["next"] and t["claims"] == o["claims"]
        assert t["article_dates"] == [o["article_dates"]["right"], o["article_dates"]["judged"]]
