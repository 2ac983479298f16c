"""Fourteenth round of issue 13: a party's motive told in other words, a measure's head told two ways.

Sentences and records are made up for these tests (a raid on a police post, a power plant), none
from the dev stories.
"""

from __future__ import annotations

from test_compare_claims11 import _fig
from test_compare_claims13 import _art, _compare

# Three outlets on one raid: two tell that the front called it revenge for its commander's
# arrest, in other words; the third tells of another party's revenge.
RAID = {
    "a": ("Harbour Post", "Gunmen attacked a police post in Tarsa on Monday. "
                          "The Kivu Liberation Front said it carried out the raid in retaliation for the arrest of "
                          "its commander last week."),
    "b": ("Channel Herald", "The police post in Tarsa was set alight on Monday night. "
                            "A spokesman for the Kivu Liberation Front, Omar Haddad, called the raid a reprisal for "
                            "the detention of its leader."),
    "c": ("Coast Daily", "A police post in Tarsa burned on Monday. "
                         "Governor Lena Ostrova said the fire was revenge by smugglers for the closure of the "
                         "market."),
}


def _raid():
    from test_compare_shared import _story

    shared, claims = _story(RAID, {"a": "a", "b": "b", "c": "c"})
    return shared + [c for c in claims if c.kind == "assertion"]


def test_one_party_calling_a_deed_revenge_in_two_outlets_is_one_statement():
    told = [c for c in _raid() if "retaliation" in c.text or "reprisal" in c.text]
    assert {c.article for c in told} == {"a", "b"}
    assert len({c.subject for c in told}) == 1


def test_revenge_told_of_another_party_is_another_statement():
    claims = _raid()
    [subject] = {c.subject for c in claims if "reprisal" in c.text}
    assert not [c for c in claims if c.article == "c" and c.subject == subject]


def test_who_calls_a_deed_a_reprisal_says_so():
    [named] = [c for c in _raid() if c.article == "b" and "reprisal" in c.text]
    assert named.attributed_to is not None and "spokesman" in named.attributed_to


def test_a_measure_s_head_worded_two_ways_is_one_subject():
    arts = [_art("a", "Post", "2024-10-14T10:00:00"), _art("b", "Times", "2024-10-14T12:00:00")]
    claims = [_fig("1", "a", 80, None, "2024-10-14", "capacity (%)", "%"),
              _fig("2", "b", 80, None, "2024-10-14", "power (%)", "%")]
    assert _compare(claims, *arts) == {"capacity (%)": (["1", "2"], "agree")}
    # the unit is part of the label: a plant's power in megawatts is another quantity
    claims = [_fig("1", "a", 80, None, "2024-10-14", "capacity (%)", "%"),
              _fig("2", "b", 600, None, "2024-10-14", "power (MW)", "MW")]
    assert set(_compare(claims, *arts)) == {"capacity (%)", "power (MW)"}


def test_a_part_told_with_of_whom_is_its_own_count_never_the_toll():
    from test_claims import claims_of

    for text in ("The county hospital said it was treating 30 people, six of whom were critically injured.",
                 "The county hospital said 30 people had been brought in for treatment, of which six are "
                 "critically injured."):
        _, claims = claims_of(text)
        [part] = [c for c in claims if c.value == 6]
        assert part.subject == "people critically injured (of 30)"
        assert part.attributed_to == "The county hospital"
    # the part of a toll is not the toll: "people killed" is the 12, the two are apart
    _, claims = claims_of("Police said the blast injured 12 people, two of whom died later in hospital.")
    assert {c.subject: c.value for c in claims} == {"people injured": 12, "people killed (of 12)": 2}
