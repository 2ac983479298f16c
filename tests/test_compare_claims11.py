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


def _size(cid, aid, value, unit, qualifier=None, subject=None, date="2024-10-15"):
    return _fig(cid, aid, value, qualifier, date, subject or f"tower height ({unit})", unit)


def test_one_label_in_two_unit_systems_is_one_subject_compared_through_the_factor():
    arts = [_art("a", "Post", "2024-10-14T10:00:00"), _art("b", "Times", "2024-10-15T10:00:00"),
            _art("c", "Herald", "2024-10-15T12:00:00")]
    claims = [_size("1", "a", 300, "feet", "over", date="2024-10-14"), _size("2", "b", 95, "metres"),
              _size("3", "c", 95, "metres")]
    comps = compare_claims(claims, {x.id: x for x in arts}, {x.id: x.outlet for x in arts})
    assert [(k.subject, k.status) for k in comps] == [("tower height (metres)", "agree")]
    assert claims[0].value == 300 and claims[0].unit == "feet"  # shown as printed
    assert claims[0].subject == "tower height (metres)"
    # a figure the other system's value does not hold is not the same height
    claims = [_size("1", "a", 500, "feet", date="2024-10-15"), _size("2", "b", 95, "metres")]
    comps = compare_claims(claims, {x.id: x for x in arts}, {x.id: x.outlet for x in arts})
    assert [(k.subject, k.status) for k in comps] == [("tower height (metres)", "conflict")]


def test_labels_that_differ_beyond_the_unit_stay_apart():
    from storyline.compare.units import join_unit_systems

    a, b = [_size("1", "a", 300, "feet")], [_size("2", "b", 95, "metres", subject="mast height (metres)")]
    assert len(join_unit_systems([("tower height (feet)", a), ("mast height (metres)", b)])) == 2
    # tons are short in one outlet and metric in the next: no factor, no join
    c = [_size("3", "a", 300, "tons", subject="tower weight (tons)")]
    d = [_size("4", "b", 270, "tonnes", subject="tower weight (tonnes)")]
    assert len(join_unit_systems([("tower weight (tons)", c), ("tower weight (tonnes)", d)])) == 2


def test_a_floor_on_a_size_holds_the_figure_but_a_toll_floor_is_its_own_number():
    from storyline.compare.comparison import values_agree

    assert values_agree(_size("1", "a", 300, "feet", "over"), _size("2", "b", 95, "metres"))
    toll = dict(subject="people injured", unit="people")
    assert not values_agree(_fig("1", "a", 40, "at least", **toll), _fig("2", "b", 51, **toll))
    leak = dict(subject="oil leaked (kg)", unit="kg")
    assert not values_agree(_fig("1", "a", 4000, "more than", **leak), _fig("2", "b", 5000, **leak))


def test_a_part_without_a_verb_of_its_own_is_not_the_sets_count():
    from test_claims import claims_of

    _, claims = claims_of("A video released on Sunday shows 15 of the 40 miners trapped in the shaft.")
    assert ("miners trapped", 40) in [(c.subject, c.value) for c in claims]
    assert ("miners trapped", 15) not in [(c.subject, c.value) for c in claims]
    _, claims = claims_of("Rescuers have freed 12 of the 40 miners trapped in the shaft.")
    assert ("miners released", 12) in [(c.subject, c.value) for c in claims]
    # "thousands of" names no set: the people are the count, and what they do says which
    _, claims = claims_of("Thousands of people are working on the clean-up.")
    assert ("people working", "thousands") in [(c.subject, c.value) for c in claims]


def test_a_length_with_no_dimension_may_still_grow():
    from storyline.compare.comparison import values_agree

    line = dict(subject="jugs stretched (miles)", unit="miles")
    assert not values_agree(_fig("1", "a", 8300, "more than", "2024-10-01", **line),
                            _fig("2", "b", 11000, "about", "2024-10-20", **line))
