"""What the five seed articles must yield for "what happens next" (issue 8).

Read from the report of one full run (the shared ``seed_run`` fixture), so these hold the
whole chain: cleaning, parsing, time expressions, events, follow-up and the report.
"""

from __future__ import annotations

DUMA = "000_70831d2d278130f8"
SENATE = "001_6a655200e43cc4b6"
DEFENCE_PACT = "003_2000db5d01cae127"
DRAFT_LAW = "004_4ede7231e431698e"


def _expectations(report):
    return [(s, x) for s in report["stories"] for x in s.get("expectations") or []]


def _find(report, article, words):
    hits = [(s, x) for s, x in _expectations(report)
            if x["article"] == article and all(w in x["evidence"][0]["quote"] for w in words)]
    assert hits, f"no expectation in {article} quoting {words}: " + repr(
        [x["what"] for _, x in _expectations(report) if x["article"] == article])
    return hits[0]


def test_upper_house_vote_is_fulfilled_by_the_ratification_with_both_articles_cited(seed_run):
    _, report, _ = seed_run
    story, x = _find(report, DUMA, ["will be now sent to the upper-house Federation Council"])
    assert x["certainty"] == "announced"
    assert "Federation Council" in x["what"] and "final vote" in x["what"]
    assert x["status"] == "fulfilled", x
    assert SENATE in x["fulfilled_sources"]
    assert x["article"] == DUMA and DUMA in story["articles"] and SENATE in story["articles"]
    assert x["fulfilled_date"] == "2024-11-06"
    # the timeline links the event that fulfilled it back to the expectation
    linked = [e for e in story["timeline"] if x["id"] in e.get("fulfils", [])]
    assert linked and any(SENATE in e["sources"] for e in linked)


def test_entry_into_force_on_exchange_of_instruments_is_open(seed_run):
    _, report, _ = seed_run
    _, x = _find(report, DEFENCE_PACT, ["exchange ratification instruments"])
    assert x["what"] == "take effect"
    assert "exchange ratification instruments" in (x["condition"] or "")
    assert x["status"] == "open"


def test_washington_post_forecast_of_deployment(seed_run):
    _, report, _ = seed_run
    _, x = _find(report, DRAFT_LAW, ["may be deployed to Ukraine"])
    assert x["attributed_to"] == "The Washington Post"
    assert x["certainty"] == "possible"
    assert x["status"] == "open"
    published = {a["id"]: a["published"] for a in report["articles"]}[DRAFT_LAW]
    if published.get("date"):
        assert x["made"] == published["date"][:10]
    else:
        # an undated article: the expectation was made some time in its window, not on one end of it
        assert x["made"] is None
        assert (x["made_earliest"], x["made_latest"]) == (published["earliest"][:10], published["latest"][:10])
        assert x["made_earliest"] < x["made_latest"]
    # the end of the year is the same year wherever in the window the article was written
    bound = x["bound"]
    assert bound and bound["text"].endswith("the end of the year")
    assert bound["latest"] == "2024-12-31"
    assert bound["value"].startswith("2024")
    assert x["what"] == "deployed to Ukraine"


def test_one_item_per_step(seed_run):
    _, report, _ = seed_run
    for story in report["stories"]:
        quotes = [(e["article"], e["start"]) for x in story["expectations"] for e in x["evidence"]]
        assert len(quotes) == len(set(quotes)), "a sentence cited by two items"
