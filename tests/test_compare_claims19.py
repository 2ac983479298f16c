"""Round 19 of issue 13: statements several outlets make (compare.shared) that were left out or
given to the paper that printed them. Articles written for the test (a bridge, a school, a
hospital rota); none from the dev stories."""

from __future__ import annotations

from test_compare_shared import _bodies, _one_statement, _story


def test_one_standing_for_a_person_counts_nothing():
    # "No one has crossed ...": "one" is no count, so the sentence is a statement
    bodies = _bodies({
        "a": "The council closed the old bridge on Tuesday. "
             "No one has crossed the old bridge since engineers found deep cracks in its southern pillar.",
        "b": "The old bridge is shut. Engineers found deep cracks in the southern pillar of the old bridge, "
             "the council said.",
        "c": "Traffic was diverted through the town centre on Tuesday.",
    })
    assert _one_statement(bodies, "cracks") == ({"a", "b"}, 1)


def test_a_modal_in_a_clause_describing_a_noun_leaves_the_statement_asserted():
    # "the school hall, which could delay its reopening": what may happen is said of the hall;
    # that asbestos was found is stated outright
    bodies = _bodies({
        "a": "The school stayed shut on Monday. Inspectors found asbestos in the ceiling tiles of the school hall, "
             "which could delay its reopening, the council said.",
        "b": "Pupils were sent home. Asbestos was found by inspectors in the ceiling tiles of the school hall, "
             "the head teacher said.",
        "c": "Parents gathered at the gates on Monday morning.",
    })
    assert _one_statement(bodies, "asbestos") == ({"a", "b"}, 1)


def test_what_may_happen_is_still_no_statement():
    # the modal on the stated verb itself: a possibility, left out as before
    bodies = _bodies({
        "a": "The school stayed shut. Asbestos could be in the ceiling tiles of the school hall, the council said.",
        "b": "Pupils were sent home. Asbestos might be in the ceiling tiles of the school hall, the head teacher said.",
        "c": "Parents gathered at the gates on Monday morning.",
    })
    shared, _ = _story(bodies, {k: k for k in bodies})
    assert not [c for c in shared if "asbestos" in c.text.lower()]


def test_the_one_a_paper_quotes_as_saying_is_the_speaker():
    bodies = _bodies({
        "a": "Jon Harker, the union's leader, criticised the hospital's new rota on Monday. "
             "\"The new rota leaves the night wards without a senior nurse,\" the newspaper quoted him as saying.",
        "b": "The hospital's new rota leaves the night wards without a senior nurse, union leader Jon Harker said.",
        "c": "The hospital board meets on Thursday.",
    })
    shared, _ = _story(bodies, {k: k for k in bodies})
    rota = {c.article: c for c in shared if "night wards" in c.text}
    assert set(rota) == {"a", "b"}
    assert "Harker" in rota["a"].attributed_to and "newspaper" in rota["a"].attributed_to
