"""Change sets (storyline.stories.changes) on hand-made stories: what counts as new, refined, revised."""

from __future__ import annotations

from storyline.model import Article, Claim, ClaimComparison, Event, Evidence, Expectation, Story
from storyline.stories.changes import change_set, describe, is_empty


def _ev(article: str, start: int, quote: str) -> Evidence:
    return Evidence(article=article, start=start, end=start + len(quote), quote=quote)


def _event(eid: str, text: str, evidence: list[Evidence], date=None, precision=None) -> Event:
    return Event(id=eid, date=date, precision=precision, text=text, sources=sorted({e.article for e in evidence}),
                 evidence=evidence)


VOTE = _ev("a", 0, "The lower house voted to ratify the treaty.")
SIGN = _ev("a", 50, "The president signed the treaty.")
ARTS = {a: Article(id=a, source=a, body="", outlet=o) for a, o in (("a", "Daily A"), ("b", "Daily B"), ("c", None))}


def _story(articles, timeline, **kw) -> Story:
    return Story(id="s-1", title="t", articles=articles, timeline=timeline, events=list(timeline), **kw)


def test_a_story_that_began_has_its_lines_as_new_events_and_its_outlet():
    new = _story(["a"], [_event("e0", "The lower house voted to ratify the treaty.", [VOTE], "2024-10", "month")])
    ch = change_set(None, new, ["a"], ARTS)
    assert ch["began"] and [e["text"] for e in ch["new_events"]] == ["The lower house voted to ratify the treaty."]
    assert ch["new_outlets"] == ["Daily A"] and not is_empty(ch)


def test_a_retold_line_is_not_new_and_a_finer_date_inside_the_old_one_is_a_refinement():
    old = _story(["a"], [_event("e0", "The lower house voted to ratify the treaty.", [VOTE], "2024-10", "month")])
    retold = _ev("b", 10, "Lawmakers in the lower house voted on October 24 to ratify the treaty.")
    new = _story(["a", "b"], [_event("e3", "The lower house voted to ratify the treaty.", [VOTE, retold],
                                     "2024-10-24", "day")])
    ch = change_set(old, new, ["b"], ARTS)
    assert ch["new_events"] == []
    assert [(d["old_date"], d["date"]) for d in ch["dates_refined"]] == [("2024-10", "2024-10-24")]
    assert ch["new_outlets"] == ["Daily B"]
    # A date that moved out of the old one is no refinement, and is not reported as one.
    moved = _story(["a", "b"], [_event("e3", "The lower house voted to ratify the treaty.", [VOTE, retold],
                                       "2024-09-02", "day")])
    assert change_set(old, moved, ["b"], ARTS)["dates_refined"] == []


def test_a_line_split_off_a_merged_one_by_a_new_article_is_new():
    # Before: one line told from VOTE, wrongly holding SIGN too. After: the added article
    # tells the signing, which now stands as its own line holding SIGN.
    old = _story(["a"], [_event("e0", "The lower house voted to ratify the treaty.", [VOTE, SIGN])])
    told = _ev("b", 0, "The president signed the treaty on Saturday.")
    new = _story(["a", "b"], [_event("e0", "The lower house voted to ratify the treaty.", [VOTE]),
                              _event("e1", "The president signed the treaty on Saturday.", [SIGN, told],
                                     "2024-11-09", "day")])
    ch = change_set(old, new, ["b"], ARTS)
    assert [e["text"] for e in ch["new_events"]] == ["The president signed the treaty on Saturday."]
    assert ch["new_events"][0]["articles"] == ["b"]


def _claim(cid, article, value, who):
    return Claim(id=cid, subject="troops", text="", article=article, value=value, unit="troops",
                 attributed_to=who, kind="figure")


def _cmp(values, status="evolving"):
    return ClaimComparison(subject="troops", status=status, claims=[c for v in values for c in v["claims"]],
                           outlets=[], independent_sources=len(values), values=values)


def test_a_figure_revised_by_an_added_article_names_both_sides_and_their_sources():
    c1, c2 = _claim("c1", "a", 3000, "officials"), _claim("c2", "b", 11000, "Ukraine")
    v1 = {"date": "2024-10-20", "value": 3000, "shown": "3,000 troops", "claims": ["c1"], "outlets": ["Daily A"],
          "attributed_to": ["officials"]}
    v2 = {"date": "2024-11-06", "value": 11000, "shown": "11,000 troops", "claims": ["c2"], "outlets": ["Daily B"],
          "attributed_to": ["Ukraine"]}
    old = _story(["a"], [], claims=[c1], comparison=[_cmp([v1], "single")])
    new = _story(["a", "b"], [], claims=[c1, c2], comparison=[_cmp([v1, v2])])
    ch = change_set(old, new, ["b"], ARTS)
    [rev] = ch["figures_revised"]
    assert (rev["old"]["value"], rev["new"]["value"]) == (3000, 11000)
    assert "figure revised: troops: 3,000 troops (officials) → 11,000 troops (Ukraine)" in describe(ch)
    conflict = _story(["a", "b"], [], claims=[c1, c2], comparison=[_cmp([v1, v2], "conflict")])
    assert [c["subject"] for c in change_set(old, conflict, ["b"], ARTS)["conflicts_appeared"]] == ["troops"]
    assert [c["subject"] for c in change_set(conflict, new, ["c"], ARTS)["conflicts_resolved"]] == ["troops"]


def test_next_steps_fulfilled_and_overdue_are_reported_once():
    x = Expectation(id="a:x0", text="", what="a vote in the upper house", article="a", certainty="announced")
    old = _story(["a"], [], expectations=[x])
    done = Expectation(id="a:x0", text="", what="a vote in the upper house", article="a", certainty="announced",
                       status="fulfilled", fulfilled_by="e1", fulfilled_date="2024-11-06")
    new = _story(["a", "b"], [], expectations=[done])
    ch = change_set(old, new, ["b"], ARTS)
    assert [s["what"] for s in ch["steps_fulfilled"]] == ["a vote in the upper house"]
    assert change_set(new, new, ["c"], ARTS)["steps_fulfilled"] == []


def test_a_next_step_gone_overdue_is_reported_with_its_due_date():
    from storyline.model import TimeExpr

    due = TimeExpr(text="by Friday", start=0, end=9, value="2024-11-08", precision="day", kind="future")
    x = Expectation(id="a:x1", text="", what="a ruling", article="a", certainty="expected", bound=due)
    late = Expectation(id="a:x1", text="", what="a ruling", article="a", certainty="expected", bound=due,
                       status="overdue")
    ch = change_set(_story(["a"], [], expectations=[x]), _story(["a", "b"], [], expectations=[late]), ["b"], ARTS)
    assert [s["what"] for s in ch["steps_overdue"]] == ["a ruling"]
    assert "next step overdue: a ruling (due 2024-11-08)" in describe(ch)
