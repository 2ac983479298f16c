"""Eleventh round of issue 13: approximate figures on both sides, a value still told after
the one said to replace it, and figures in two unit systems.

Records are made up for these tests (a garrison, a ferry, a tower), none from the dev stories.
"""

from __future__ import annotations

from storyline.compare.comparison import compare_claims, consistent
from storyline.model import Article, Claim, Evidence, Published


def _art(aid, outlet, stamp):
    return Article(id=aid, source=aid, body="Body.", outlet=outlet,
                   published=Published(date=stamp[:10], earliest=stamp[:10], latest=stamp[:10], how="metadata",
                                       evidence=stamp))


def _fig(cid, aid, value, qualifier=None, date="2024-10-15", subject="soldiers stationed", unit="soldiers"):
    return Claim(id=cid, subject=subject, text="...", article=aid, value=value, unit=unit,
                 qualifier=qualifier, kind="figure", date=date, evidence=[Evidence(aid, 0, 4, "Body")])


def test_two_approximate_figures_agree_only_when_each_number_fits_the_other():
    assert not consistent(_fig("1", "a", 850, "about"), _fig("2", "b", 1000, "nearly"))
    assert consistent(_fig("1", "a", 1000, "roughly"), _fig("2", "b", 1000, "nearly"))
    assert consistent(_fig("1", "a", 3000, "about"), _fig("2", "b", 3200, "around"))
    assert not consistent(_fig("1", "a", 20, "around"), _fig("2", "b", 25, "about"))
    # an approximate figure against an exact one keeps its slack
    assert consistent(_fig("1", "a", 850, "about"), _fig("2", "b", 900))


def test_a_value_still_told_later_the_same_day_has_not_given_way():
    arts = [_art("a", "Post", "2024-10-14T15:50:00"), _art("b", "Times", "2024-10-15T09:11:00"),
            _art("c", "Herald", "2024-10-15T11:02:00")]
    claims = [_fig("1", "a", 1000, "roughly", "2024-10-14"), _fig("2", "b", 850, "about"),
              _fig("3", "c", 1000, "nearly")]
    comps = compare_claims(claims, {x.id: x for x in arts}, {x.id: x.outlet for x in arts})
    assert comps[0].status == "conflict"
    # told in that order, the newer value last: a count that changed
    arts[1], arts[2] = _art("b", "Times", "2024-10-15T11:02:00"), _art("c", "Herald", "2024-10-15T09:11:00")
    claims = [_fig("1", "a", 1000, "roughly", "2024-10-14"), _fig("2", "b", 850, "about"),
              _fig("3", "c", 1000, "nearly")]
    comps = compare_claims(claims, {x.id: x for x in arts}, {x.id: x.outlet for x in arts})
    assert comps[0].status == "evolving"
