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


def test_an_owner_less_count_one_outlet_gives_or_outlets_give_differently_stays_apart():
    # one article's count without the owner may be anyone's (another company's workers)
    claims = [_fig("1", "a", 40, None, "2024-10-14", OWNED, "miners"),
              _fig("2", "b", 31, None, "2024-10-16", BARE_OWNER, "miners")]
    assert set(_compare(claims, *_mine())) == {OWNED, BARE_OWNER}
    # two outlets giving different counts without the owner: a loose label, not the owner's count
    claims = [_fig("1", "a", 40, None, "2024-10-14", OWNED, "miners"),
              _fig("2", "b", 31, None, "2024-10-16", BARE_OWNER, "miners"),
              _fig("3", "c", 58, None, "2024-10-16", BARE_OWNER, "miners")]
    assert set(_compare(claims, *_mine())) == {OWNED, BARE_OWNER}


def test_a_bare_noun_or_an_earlier_year_is_not_an_owner_less_twin():
    # "miners" says nothing of what happened to them: any miners
    claims = [_fig("1", "a", 40, None, "2024-10-14", "Kestrel miners", "miners"),
              _fig("2", "b", 31, None, "2024-10-16", "miners", "miners")]
    assert set(_compare(claims, *_mine())) == {"Kestrel miners", "miners"}
    # a count of an earlier year is its own event
    claims = [_fig("1", "a", 40, None, "2024-10-14", "Kestrel miners killed in 2009", "miners"),
              _fig("2", "b", 31, None, "2024-10-16", "miners killed in 2009", "miners")]
    assert set(_compare(claims, *_mine())) == {"Kestrel miners killed in 2009", "miners killed in 2009"}


# A ferry told by three outlets: one quotation printed by two of them, and a second statement
# one of them adds to the first.
FERRY = {
    "a": ("Harbour Post",
          "The coastguard said the ferry had sunk near the harbour. "
          "A port authority spokesman in Dover said the crew had been rescued by a fishing boat. "
          "“All passengers of the ferry are safe and accounted for,” he said."),
    "b": ("Channel Herald",
          "The ferry sank on Monday morning. "
          "Everyone on board was “safe and accounted for,” the port authority said, adding that divers "
          "were searching the wreck for fuel leaks."),
    "c": ("Coast Daily",
          "Divers were searching the wreck for fuel leaks, the coastguard said. "
          "The ferry was towed to the harbour on Tuesday."),
}


def _ferry():
    from test_compare_shared import _story

    shared, claims = _story(FERRY, {"a": "a", "b": "b", "c": "c"})
    return shared + [c for c in claims if c.kind == "assertion"]


def test_two_outlets_printing_one_quotation_tell_one_statement():
    # the two tellings share only the quoted words: too few for a statement told in other words
    told = [c for c in _ferry() if "accounted" in c.text]
    assert {c.article for c in told} == {"a", "b"}
    assert len({c.subject for c in told}) == 1


def test_what_a_speaker_added_is_a_second_statement():
    claims = _ferry()
    [subject] = {c.subject for c in claims if "accounted" in c.text}
    # the divers are the port authority's second statement: told by the coastguard too, but
    # not the passengers' safety
    assert not [c for c in claims if c.article == "c" and c.subject == subject]


def test_he_after_an_unnamed_spokesman_is_that_spokesman():
    [quote] = [c for c in _ferry() if c.article == "a" and "accounted" in c.text]
    assert quote.attributed_to is not None and "spokesman" in quote.attributed_to
    # "officials said ... he said" names no one person: left unnamed
    from test_claims import claims_of

    _, claims = claims_of("Officials said the bridge would reopen on Friday. "
                          "“About 40 engineers worked through the night,” he said.")
    assert all(c.attributed_to is None or "fficials" not in c.attributed_to for c in claims)


def test_a_term_in_quotation_marks_in_the_writers_own_words_is_no_statement():
    from test_compare_shared import _story

    bodies = {"a": ("Harbour Post", "The council opened a “quiet waiting room” beside the ferry terminal on Monday. "
                                    "The ferry sank near the harbour."),
              "b": ("Channel Herald", "Relatives gathered in a “quiet waiting room” where counsellors offered tea. "
                                      "The ferry sank on Monday.")}
    shared, _ = _story(bodies, {"a": "a", "b": "b"})
    assert not [c for c in shared if "waiting" in c.text]
    # the same words quoted from a speaker by both are one statement
    bodies = {"a": ("Harbour Post", "The council said relatives were given a “quiet waiting room” near the pier. "
                                    "The ferry sank near the harbour."),
              "b": ("Channel Herald", "Relatives were offered a “quiet waiting room”, a council spokesman said. "
                                      "The ferry sank on Monday.")}
    shared, _ = _story(bodies, {"a": "a", "b": "b"})
    assert {c.article for c in shared if "waiting" in c.text} == {"a", "b"}


def test_single_quotation_marks_quote_and_apostrophes_do_not():
    from storyline.annotate.nlp import parse
    from storyline.compare.shared import _quoted

    doc = parse("'The crew's boat was safe and accounted for,' the harbour master's deputy said.")
    assert _quoted(doc[:]) == [("The", "crew", "s", "boat", "was", "safe", "and", "accounted", "for")]
    doc = parse("The harbour master's deputy said the crew’s boat was “safe and accounted for”.")
    assert _quoted(doc[:]) == [("safe", "and", "accounted", "for")]


# Every outlet uses "captain", "arrested" and "ferry": the tellings share no rare word.
CAPTAIN = {
    "a": ("Harbour Post", "The ferry sank on Monday. The captain of the ferry has been arrested, police said. "
                          "People were rescued from the water, the coastguard said."),
    "b": ("Channel Herald", "The ferry sank near the pier. Police confirmed the harbour was closed. "
                            "A spokesman added: \"It is too early for us to say more.\" "
                            "They later confirmed that the captain was arrested in connection with the sinking. "
                            "People were rescued by fishing boats, witnesses said."),
    "c": ("Coast Daily", "The ferry sank in calm water. Relatives asked whether the captain would be arrested. "
                         "The captain was praised by the mayor, a council spokesman said."),
}


def test_the_same_thing_reported_done_to_the_same_one_is_one_statement():
    from test_compare_shared import _story

    shared, claims = _story(CAPTAIN, {"a": "a", "b": "b", "c": "c"})
    told = shared + [c for c in claims if c.kind == "assertion"]
    arrested = [c for c in told if "arrested" in c.text and c.article in "ab"]
    assert {c.article for c in arrested} == {"a", "b"} and len({c.subject for c in arrested}) == 1
    # praised is another thing done to him; "people" picks no one out
    assert not [c for c in told if c.article == "c" and c.subject == arrested[0].subject]
    assert not [c for c in shared if "rescued" in c.text]


def test_they_after_an_unnamed_spokesman_is_the_body_that_spoke_before():
    from test_claims import claims_of

    _, claims = claims_of("The coastguard confirmed that the ferry had sunk. A spokesman added: \"We are "
                          "still searching.\" They later said that 40 passengers had been rescued.")
    [rescued] = [c for c in claims if c.value == 40]
    assert rescued.attributed_to == "The coastguard"
    # a spokesman the text places ("A coastguard spokesman") is kept
    _, claims = claims_of("The mayor confirmed that the ferry had sunk. A coastguard spokesman said the search "
                          "went on. They later said that 40 passengers had been rescued.")
    [rescued] = [c for c in claims if c.value == 40]
    assert rescued.attributed_to is not None and "spokesman" in rescued.attributed_to
