"""Round 22 of issue 13: who vouches for a figure. Sentences written for the test; none from
the dev stories."""

from __future__ import annotations

from test_claims import claims_of


def test_a_count_of_the_tellers_is_the_writer_s():
    # The accusers do not vouch for how many of them there are: the writer counts them.
    _, claims = claims_of("The producer has been accused by dozens of women of misconduct since October.")
    counts = [c for c in claims if c.value == "dozens"]
    assert counts and all(c.attributed_to is None for c in counts)
    # a figure the teller gives stays theirs
    _, claims = claims_of("Two officials said 40 people were hurt in the blast.")
    hurt = [c for c in claims if c.value == 40]
    assert hurt and hurt[0].attributed_to == "Two officials"
    assert all(c.attributed_to is None for c in claims if c.value == 2)
