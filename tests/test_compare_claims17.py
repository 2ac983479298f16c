"""Seventeenth round of issue 13: a count one article tells twice, a count owned by a named thing.

Sentences and records are made up for these tests (a frigate, a rival rocket, a ferry), none
from the dev stories.
"""

from __future__ import annotations

from test_claims import claims_of, one

from storyline.compare.samefigure import join_same_figures
from storyline.model import Claim


def _c(cid, article, value, subject, unit, text):
    return Claim(id=cid, subject=subject, text=text, article=article, value=value, unit=unit, date="2024-05-02")


def _joined(*claims):
    by: dict[str, list[Claim]] = {}
    for c in claims:
        by.setdefault(c.subject, []).append(c)
    return {s: sorted(c.id for c in cs) for s, cs in join_same_figures(list(by.items()))}


def test_a_count_an_article_tells_twice_in_other_words_is_one_subject():
    # the frigate's 42 missiles, once by the navy's name and once by the missile's
    out = _joined(_c("a", "1", 42, "Navy missiles", "missiles", "The navy's new frigate carries 42 missiles."),
                  _c("b", "2", 42, "Navy missiles", "missiles", "The frigate has 42 missiles, the navy said."),
                  _c("c", "2", 42, "Harpoon missiles", "missiles", "It is armed with 42 Harpoon missiles."))
    assert out == {"Navy missiles": ["a", "b", "c"]}


def test_a_retelling_needs_its_own_article_a_distinctive_number_and_the_same_change():
    # another article's 42: two outlets' labels may name two sets
    assert len(_joined(_c("a", "1", 42, "Navy missiles", "missiles", "The frigate carries 42 missiles."),
                       _c("c", "2", 42, "Harpoon missiles", "missiles", "It is armed with 42 Harpoon missiles."))) == 2
    # a round number says nothing: 40 of one kind and 40 of another
    assert len(_joined(_c("a", "1", 40, "Navy missiles", "missiles", "The frigate carries 40 missiles."),
                       _c("c", "1", 40, "Harpoon missiles", "missiles", "It is armed with 40 Harpoon missiles."))) == 2
    # killed and injured are two counts, whatever their numbers
    assert len(_joined(_c("a", "1", 23, "people killed", "people", "The ferry fire killed 23 people."),
                       _c("c", "1", 23, "people injured", "people", "Another 23 people were injured."))) == 2
    # amounts of two parties coincide too often: two 13% falls are not one
    assert len(_joined(_c("a", "1", 13, "Acme shares fell (%)", "%", "Acme shares fell 13%."),
                       _c("c", "1", 13, "Bolt shares fell (%)", "%", "Bolt shares fell 13% too."))) == 2


def test_a_bare_count_is_no_home_for_a_retelling():
    # "2,200 people" says less than "people searching": the label would be lost
    out = _joined(_c("a", "1", 2200, "people", "people", "Some 2,200 people live on the island."),
                  _c("b", "2", 350, "people", "people", "The mainland town has 350 people."),
                  _c("c", "1", 2200, "people searching", "people", "All 2,200 people are searching the shore."))
    assert out == {"people": ["a", "b"], "people searching": ["c"]}


def test_a_named_thing_that_has_a_count_owns_it():
    # the sentence's subject is a common noun its name picks out: the rival rocket's engines
    _, claims = claims_of("The rival Zenit rocket had 32 engines, but it failed.")
    one(claims, subject="Zenit engines", value=32)
