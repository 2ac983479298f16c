"""Thirteenth round of issue 13: one count told with and without its owner.

Sentences and records are made up for these tests (a collapsed mine, a flooded valley), none
from the dev stories.
"""

from __future__ import annotations

from test_compare_claims11 import _fig

from storyline.compare.comparison import compare_claims
from storyline.model import Article, Published


def _art(aid, outlet, stamp, body="Rescuers worked through the night."):
    return Article(id=aid, source=aid, body=body, outlet=outlet,
                   published=Published(date=stamp[:10], earliest=stamp[:10], latest=stamp[:10], how="metadata",
                                       evidence=stamp))


def _compare(claims, *arts):
    return {k.subject: (k.claims, k.status) for k in compare_claims(claims, {x.id: x for x in arts},
                                                                      {x.id: x.outlet for x in arts})}


OWNED, BARE_OWNER = "Kestrel miners still trapped", "miners still trapped"


def _mine(body_b="Crews at the Kestrel pit reached a second shaft.", body_c="The Kestrel mine flooded."):
    return [_art("a", "Post", "2024-10-14T10:00:00", "The Kestrel mine collapsed on Sunday."),
            _art("b", "Times", "2024-10-16T12:00:00", body_b),
            _art("c", "Herald", "2024-10-16T15:00:00", body_c)]


def test_a_count_without_its_owner_joins_the_one_owned_twin_its_articles_name():
    claims = [_fig("1", "a", 40, None, "2024-10-14", OWNED, "miners"),
              _fig("2", "b", 31, None, "2024-10-16", BARE_OWNER, "miners"),
              _fig("3", "c", 31, None, "2024-10-16", BARE_OWNER, "miners")]
    comps = _compare(claims, *_mine())
    assert comps == {OWNED: (["1", "2", "3"], "evolving")}
    assert all(c.subject == OWNED for c in claims)


def test_an_article_that_never_names_the_owner_keeps_its_count_apart():
    claims = [_fig("1", "a", 40, None, "2024-10-14", OWNED, "miners"),
              _fig("2", "b", 31, None, "2024-10-16", BARE_OWNER, "miners"),
              _fig("3", "c", 31, None, "2024-10-16", BARE_OWNER, "miners")]
    comps = _compare(claims, *_mine(body_c="Another pit in the region flooded."))
    assert set(comps) == {OWNED, BARE_OWNER}


def test_two_owners_of_one_count_leave_the_owner_less_count_apart():
    claims = [_fig("1", "a", 40, None, "2024-10-14", OWNED, "miners"),
              _fig("4", "a", 12, None, "2024-10-14", "Brandt miners still trapped", "miners"),
              _fig("2", "b", 31, None, "2024-10-16", BARE_OWNER, "miners"),
              _fig("3", "c", 31, None, "2024-10-16", BARE_OWNER, "miners")]
    body = "The Kestrel and Brandt mines flooded."
    comps = _compare(claims, *_mine(body, body))
    assert set(comps) == {OWNED, "Brandt miners still trapped", BARE_OWNER}


def test_a_bare_noun_or_an_earlier_year_is_not_an_owner_less_twin():
    # "miners" says nothing of what happened to them: any miners
    claims = [_fig("1", "a", 40, None, "2024-10-14", "Kestrel miners", "miners"),
              _fig("2", "b", 31, None, "2024-10-16", "miners", "miners")]
    assert set(_compare(claims, *_mine())) == {"Kestrel miners", "miners"}
    # a count of an earlier year is its own event
    claims = [_fig("1", "a", 40, None, "2024-10-14", "Kestrel miners killed in 2009", "miners"),
              _fig("2", "b", 31, None, "2024-10-16", "miners killed in 2009", "miners")]
    assert set(_compare(claims, *_mine())) == {"Kestrel miners killed in 2009", "miners killed in 2009"}
