"""Claims compared within a story (storyline.compare.comparison), on hand-built records."""

from __future__ import annotations

from storyline.compare.claims import compare_claims
from storyline.model import Article, Claim, Evidence, Published


def art(aid, outlet, date=None, body="Body text of the article.", **kw):
    return Article(id=aid, source=aid, body=body, outlet=outlet,
                   published=Published(date=date, earliest=date, latest=date), **kw)


def claim(cid, aid, value, date=None, subject="North Korea troops", unit="troops", qualifier=None, by=None,
          anonymous=False, hedges=None, kind="figure"):
    return Claim(id=cid, subject=subject, text="...", article=aid, value=value, unit=unit, date=date,
                 attributed_to=by, anonymous=anonymous, hedges=hedges or [], qualifier=qualifier,
                 evidence=[Evidence(aid, 0, 4, "Body")], kind=kind)


def run(claims, articles, independent=None):
    by_id = {a.id: a for a in articles}
    independent = independent or {a.id: a.outlet for a in articles}
    return {k.subject: k for k in compare_claims(claims, by_id, independent)}


def test_evolving_when_values_differ_only_between_dates():
    arts = [art("a", "Post", "2024-10-15"), art("b", "Times", "2024-10-24"), art("c", "Wire", "2024-11-06"),
            art("d", "Day", "2024-11-10")]
    claims = [claim("1", "a", "several thousand", by="The Washington Post"),
              claim("2", "b", 3000, qualifier="around", by="Western officials"),
              claim("3", "c", 11000, qualifier="around", by="Ukraine"),
              claim("4", "d", 11000, date="2024-11-07", by="Zelensky")]
    comp = run(claims, arts)["North Korea troops"]
    assert comp.status == "evolving"
    assert comp.independent_sources == 4
    assert [r["date"] for r in comp.values] == ["2024-10-15", "2024-10-24", "2024-11-06", "2024-11-07"]
    assert comp.claims == ["1", "2", "3", "4"]
    assert "3,000" in comp.note and "11,000" in comp.note
    assert all(c.status == "evolving" and not c.single_source for c in claims)
    assert claims[0].date == "2024-10-15"  # filled from the publication date


def test_conflict_when_sources_differ_at_the_same_time():
    arts = [art("a", "Post", "2010-05-01"), art("b", "Times", "2010-05-01"), art("c", "Globe", "2010-05-20")]
    claims = [claim("1", "a", 1000, unit="barrels per day", subject="oil leaked (barrels per day)"),
              claim("2", "b", 5000, qualifier="up to", unit="barrels per day", subject="oil leaked (barrels per day)"),
              claim("3", "c", 1000, unit="barrels per day", subject="oil leaked (barrels per day)")]
    comp = run(claims, arts)["oil leaked (barrels per day)"]
    # "up to 5,000" leaves room for 1,000: no conflict there
    assert comp.status == "agree"
    claims[1].qualifier = None
    comp = run(claims, arts)["oil leaked (barrels per day)"]
    assert comp.status == "conflict"
    assert comp.conflicts[0]["outlets"] == ["Post", "Times"]


def test_earlier_figures_repeated_are_not_conflicts():
    arts = [art("a", "Post", "2010-05-01"), art("b", "Times", "2010-05-01")]
    claims = [claim("1", "a", 5000, subject="s", unit="barrels per day"),
              claim("2", "b", 1000, subject="s", unit="barrels per day", hedges=["earlier figure"])]
    assert run(claims, arts)["s"].status == "evolving"


def test_single_source_counts_wire_copies_once():
    arts = [art("a", "Paper One", "2024-11-06"), art("b", "Paper Two", "2024-11-07")]
    claims = [claim("1", "a", 11000), claim("2", "b", 11000)]
    comp = run(claims, arts, {"a": "wire:EFE", "b": "wire:EFE"})["North Korea troops"]
    assert comp.status == "single" and comp.independent_sources == 1
    assert all(c.single_source and c.sources == 1 for c in claims)
    comp = run(claims, arts, {"a": "wire:EFE", "b": "outlet:paper two"})["North Korea troops"]
    assert comp.status == "agree" and comp.independent_sources == 2


def test_partly_wire_article_counts_with_its_wire():
    arts = [art("a", "Paper One", "2024-11-06", body="Story.\n\nAFP contributed reporting."),
            art("b", "Paper Two", "2024-11-06")]
    claims = [claim("1", "a", 11000), claim("2", "b", 11000)]
    comp = run(claims, arts, {"a": "outlet:paper one", "b": "wire:AFP"})["North Korea troops"]
    assert comp.independent_sources == 1


def test_anonymous_only_and_responses():
    arts = [art("a", "Post", "2024-11-06"), art("b", "Times", "2024-11-07")]
    claims = [claim("1", "a", True, subject="deal include secret annex", unit=None, anonymous=True),
              claim("2", "b", "not confirmed", subject="Russia on troops", unit=None, kind="response"),
              claim("3", "a", "denied", subject="Russia on troops", unit=None, kind="response")]
    comps = run(claims, arts)
    assert comps["deal include secret annex"].anonymous_only
    assert comps["deal include secret annex"].status == "single"
    assert comps["Russia on troops"].status == "agree"  # a denial is not a confirmation either


def test_tallies_compare_as_written():
    arts = [art("a", "Post", "2024-10-24"), art("b", "Times", "2024-10-24")]
    claims = [claim("1", "a", "397-0", subject="State Duma vote", unit="votes for-against"),
              claim("2", "b", "396-0", subject="State Duma vote", unit="votes for-against")]
    assert run(claims, arts)["State Duma vote"].status == "conflict"


def test_seed_report_compares_the_sources(seed_run):
    """End to end on the five seeds: report.json carries the comparison, wire credits and summary."""
    _, report, _ = seed_run
    story = max(report["stories"], key=lambda s: len(s["articles"]))
    troops = next(k for k in story["comparison"] if k["subject"] == "North Korea troops")
    claims = {c["id"]: c for c in story["claims"]}
    assert len({claims[i]["article"] for i in troops["claims"]}) >= 3
    if any(claims[i]["date"] is None for i in troops["claims"]):
        import pytest

        pytest.xfail("some seed articles are still undated after the story stage (timeline.infer)")
    assert troops["status"] == "evolving"
    assert [r["date"] for r in troops["values"]] == sorted(r["date"] for r in troops["values"])
    wires = {g["wire"]: g for g in story["wire"]}
    assert {"Reuters", "EFE", "AFP"} <= set(wires)
    assert wires["AFP"]["partial"] and not wires["AFP"]["articles"]
    vote = next(c for c in story["claims"] if c["unit"] == "votes for-against")
    assert vote["single_source"] and vote["value"] == "397-0"
    assert all(s["sources"] for s in story["summary_sentences"])
    assert any(w["thing"] == "treaty" for w in story["wording"])


def _leak(cid, aid, value, date, qualifier=None, hedges=None):
    return claim(cid, aid, value, date=date, subject="oil leaked (barrels per day)", unit="barrels per day",
                 qualifier=qualifier, hedges=hedges)


def test_undated_claims_never_conflict():
    arts = [art("a", "Post"), art("b", "Times")]
    claims = [claim("1", "a", 3000), claim("2", "b", 8000)]
    for c in claims:
        c.date = None
    assert run(claims, arts)["North Korea troops"].status == "evolving"


def test_projections_never_conflict_with_findings():
    arts = [art("a", "Post", "2010-05-03"), art("b", "Times", "2010-05-03")]
    claims = [_leak("1", "a", 5000, "2010-05-03"), _leak("2", "b", 100000, "2010-05-03", hedges=["could", "projected"])]
    # nor, told the same day, are they a figure that changed: each value is shown on its own
    got = compare_claims(claims, {a.id: a for a in arts}, {a.id: a.outlet for a in arts})
    assert sorted((k.claims, k.status) for k in got) == [(["1"], "single"), (["2"], "single")]
    # a day later, the projection after the finding is told as a change, never a conflict
    claims[1].date = "2010-05-04"
    assert run(claims, arts)["oil leaked (barrels per day)"].status == "evolving"


def test_a_value_that_gives_way_is_a_change_not_a_dispute():
    # 1,000 until 27 April, 5,000 from 28 April: an outlet still printing 1,000 on the 27th
    # and another printing 5,000 on the 28th straddle the change
    arts = [art(x, o) for x, o in (("a", "Post"), ("b", "Wire"), ("c", "Times"), ("d", "Globe"))]
    claims = [_leak("1", "a", 1000, "2010-04-25"), _leak("2", "b", 1000, "2010-04-27"),
              _leak("3", "c", 5000, "2010-04-28"), _leak("4", "d", 5000, "2010-05-02")]
    assert run(claims, arts)["oil leaked (barrels per day)"].status == "evolving"
    # an independent estimate disputed while the official figure stands is a conflict
    claims += [_leak("5", "a", 25000, "2010-05-08"), _leak("6", "c", 5000, "2010-05-08"),
               _leak("7", "d", 5000, "2010-05-12")]
    comp = run(claims, arts)["oil leaked (barrels per day)"]
    assert comp.status == "conflict"
    assert {tuple(sorted(c["values"])) for c in comp.conflicts} == {("25,000 barrels per day", "5,000 barrels per day")}


def test_rounded_figures_and_overlapping_ranges_agree():
    arts = [art("a", "Post", "2010-08-02"), art("b", "Times", "2010-08-02")]
    claims = [_leak("1", "a", 60000, "2010-08-02"), _leak("2", "b", 62000, "2010-08-02", qualifier="about")]
    assert run(claims, arts)["oil leaked (barrels per day)"].status == "agree"
    claims = [_leak("1", "a", [20000, 40000], "2010-06-12"), _leak("2", "b", [35000, 60000], "2010-06-12")]
    assert run(claims, arts)["oil leaked (barrels per day)"].status == "agree"
    claims = [_leak("1", "a", [12000, 19000], "2010-06-12"), _leak("2", "b", [35000, 60000], "2010-06-12")]
    assert run(claims, arts)["oil leaked (barrels per day)"].status == "conflict"


def test_bench_excerpt_by_week_and_reading_sheet():
    from storyline.compare.bench import excerpt, reading_sheet
    from storyline.model import asdict

    arts = [art(x, o) for x, o in (("a", "Post"), ("b", "Wire"), ("c", "Times"))]
    claims = [_leak("1", "a", 1000, "2010-04-26"), _leak("2", "b", 5000, "2010-04-29", qualifier="some"),
              _leak("3", "c", 5000, "2010-04-30"), _leak("4", "a", 19000, "2010-06-01")]
    comparison = compare_claims(claims, {a.id: a for a in arts}, {a.id: a.outlet for a in arts})
    result = {"claims": asdict(claims), "comparison": asdict(comparison)}
    text = excerpt(result, rows=0, names=["oil leaked (barrels per day)"], by_week=True)
    assert "| 2010-04-26 | 5,000 barrels per day (2) | Times, Wire | 1,000 barrels per day (1) |" in text
    assert "| 2010-05-31 | 19,000 barrels per day (1) | Post |  |" in text
    sheet = reading_sheet(result["claims"], 2, seed=7)
    assert sheet.startswith("2 of 4 claims, random.seed(7)") and sheet.count("\n| ") == 3


def test_a_raised_floor_is_a_change_never_a_conflict():
    arts = [art("a", "Post", "2016-11-10"), art("b", "Times", "2016-11-11"), art("c", "Globe", "2016-11-11")]
    claims = [claim("1", "a", 2, qualifier="at least", unit="people", subject="people killed"),
              claim("2", "b", 6, qualifier="at least", unit="people", subject="people killed"),
              claim("3", "c", 4, qualifier="at least", unit="people", subject="people killed")]
    comp = run(claims, arts)["people killed"]
    assert comp.status == "evolving" and not comp.conflicts
    claims = [claim("1", "a", 7, qualifier="at least", unit="people", subject="people killed"),
              claim("2", "b", 7, unit="people", subject="people killed")]
    assert run(claims, arts)["people killed"].status == "agree"


def test_bare_counts_of_different_values_are_not_one_quantity():
    arts = [art("a", "Post", "2016-10-13"), art("b", "Times", "2016-10-13"), art("c", "Globe", "2016-10-14")]
    claims = [claim("1", "a", 276, unit="girls", subject="girls"), claim("2", "b", 197, unit="girls", subject="girls"),
              claim("3", "c", 197, unit="girls", subject="girls")]
    comps = compare_claims(claims, {a.id: a for a in arts}, {a.id: a.outlet for a in arts})
    assert sorted((k.status, tuple(k.claims)) for k in comps) == [("agree", ("2", "3")), ("single", ("1",))]


def test_a_figure_far_above_a_floor_is_not_the_same_count():
    arts = [art("a", "Post", "2016-11-11"), art("b", "Times", "2016-11-11")]
    claims = [claim("1", "a", 4, qualifier="at least", unit="people", subject="people killed"),
              claim("2", "b", 32, unit="people", subject="people killed")]
    assert run(claims, arts)["people killed"].status == "conflict"
    claims[1].value = 6  # a floor raised: never a dispute
    assert run(claims, arts)["people killed"].status == "evolving"


def test_a_toll_reported_later_the_same_day_is_a_change():
    def stamped(aid, outlet, stamp):
        a = art(aid, outlet, stamp[:10])
        a.published.how, a.published.evidence = "metadata", stamp
        return a

    claims = [claim("1", "a", 4, unit="people", subject="people killed"),
              claim("2", "b", 6, qualifier="at least", unit="people", subject="people killed")]
    arts = [stamped("a", "Post", "2016-11-11T09:11:54"), stamped("b", "Times", "2016-11-11T11:02:27")]
    assert run(claims, arts)["people killed"].status == "evolving"
    # a time not known (midnight is how metadata writes none): the order is unknown, outlets disagree
    arts = [stamped("a", "Post", "2016-11-11T09:11:54"), stamped("b", "Times", "2016-11-11T00:00:00")]
    assert run(claims, arts)["people killed"].status == "conflict"


def test_lengths_named_only_by_their_thing_are_never_a_change_or_a_conflict():
    arts = [art("a", "Post", "2010-05-27"), art("b", "Times", "2010-06-20"), art("c", "Globe", "2010-06-20")]
    claims = [claim("1", "a", 30, unit="days", subject="length of ban", date="2010-05-27"),
              claim("2", "b", 6, unit="months", subject="length of ban", date="2010-06-20"),
              claim("3", "c", 6, unit="months", subject="length of ban", date="2010-06-20")]
    comps = compare_claims(claims, {a.id: a for a in arts}, {a.id: a.outlet for a in arts})
    assert sorted((k.status, tuple(k.claims)) for k in comps) == [("agree", ("2", "3")), ("single", ("1",))]
