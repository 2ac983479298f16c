"""One figure told in other words joins one subject; different quantities never do."""

from __future__ import annotations

from storyline.compare.claims import compare_claims
from storyline.compare.samefigure import join_same_figures
from storyline.model import Article, Claim, Published


def fig(cid, aid, value, subject, unit, qualifier=None):
    return Claim(id=cid, subject=subject, text="...", article=aid, value=value, unit=unit, date="2020-01-02",
                 qualifier=qualifier)


def joined(*claims):
    by = {}
    for c in claims:
        by.setdefault(c.subject, []).append(c)
    return {s: sorted(c.id for c in cs) for s, cs in join_same_figures(list(by.items()))}


def test_verbs_of_no_known_meaning_do_not_split_one_figure():
    out = joined(fig("a", "1", 93_500_000, "sticker price (USD)", "USD"),
                 fig("b", "2", 93_500_000, "sold (USD)", "USD", "around"))
    assert out == {"sticker price (USD)": ["a", "b"]}  # the label that names a thing wins


def test_a_round_figure_joins_only_with_a_shared_noun():
    # "$90 million" is as likely two prices as one; "sticker price" and "price" say it is one
    out = joined(fig("a", "1", 90_000_000, "sticker price (USD)", "USD"),
                 fig("b", "2", 90_000_000, "price (USD)", "USD", "around"))
    assert list(out.values()) == [["a", "b"]]
    assert len(joined(fig("a", "1", 90_000_000, "sticker price (USD)", "USD"),
                      fig("b", "2", 90_000_000, "sold (USD)", "USD"))) == 2
    assert len(joined(fig("a", "1", 20_000_000_000, "fund (USD)", "USD"),
                      fig("b", "2", 20_000_000_000, "paid (USD)", "USD"))) == 2
    # one act named by its verb and by its "-ing" noun is a shared word
    out = joined(fig("a", "1", 7_000_000, "funded (USD)", "USD"), fig("b", "2", 7_000_000, "funding received (USD)", "USD"),
                 fig("c", "3", 7_000_000, "funding (USD)", "USD"))
    assert list(out.values()) == [["a", "b", "c"]]


def test_known_changes_owners_years_and_other_nouns_keep_subjects_apart():
    assert len(joined(fig("a", "1", 120, "people killed", "people"), fig("b", "2", 120, "people injured", "people")))\
        == 2
    assert len(joined(fig("a", "1", 3500, "Germany troops", "troops"), fig("b", "2", 3500, "Russia troops", "troops")))\
        == 2
    assert len(joined(fig("a", "1", 250, "migrants in 2015", "migrants"),
                      fig("b", "2", 250, "migrants arrived", "migrants"))) == 2
    assert len(joined(fig("a", "1", 5.5, "inflation (%)", "%"), fig("b", "2", 5.5, "unemployment (%)", "%"))) == 2


def test_coincidences_bounds_small_and_vague_counts_do_not_join():
    # round numbers agree too easily: "40%" of shareholders and "40%" of imports
    assert len(joined(fig("a", "1", 40, "shareholders (%)", "%"), fig("b", "2", 40, "depleted (%)", "%"))) == 2
    # "more than $2bn" fits $239bn as a bound; the stated numbers are not one figure
    assert len(joined(fig("a", "1", 239e9, "revenues (USD)", "USD"),
                      fig("b", "2", 2e9, "brought in (USD)", "USD", "more than"))) == 2
    assert len(joined(fig("a", "1", 2, "people trapped", "people"), fig("b", "2", 2, "people left", "people"))) == 2
    assert len(joined(fig("a", "1", "hundreds", "girls kidnapped", "girls"),
                      fig("b", "2", 218, "girls held", "girls"))) == 2


def test_joined_claims_are_compared_as_one_agreeing_subject():
    arts = {a: Article(id=a, source=a, body="x", outlet=f"outlet{a}", published=Published(date="2020-01-02"))
            for a in ("1", "2", "3")}
    claims = [fig("a", "1", 139_000, "oil stored (barrels)", "barrels"),
              fig("b", "2", 139_000, "oil storing (barrels)", "barrels", "up to"),
              fig("c", "3", 140_000, "oil held (barrels)", "barrels")]
    out = compare_claims(claims, arts, {a: a for a in arts})
    assert [(k.status, len(k.claims)) for k in out] == [("agree", 3)]
    assert {c.subject for c in claims} == {out[0].subject}  # the claims carry their comparison's subject


def test_counts_pinned_to_one_past_year_join_when_they_agree():
    from storyline.compare.samefigure import join_same_figures

    def c(cid, value, subject, qualifier=None):
        return Claim(id=cid, subject=subject, text="...", article=cid, value=value, unit="girls", qualifier=qualifier)

    joined = join_same_figures([("girls in 2014", [c("1", 270, "girls in 2014", "more than")]),
                                ("girls abducted in 2014", [c("2", 276, "girls abducted in 2014")]),
                                ("girls escaped in 2014", [c("3", 57, "girls escaped in 2014", "as many as")]),
                                ("girls abducted in 2015", [c("4", 276, "girls abducted in 2015")])])
    assert sorted(label for label, _ in joined) == ["girls abducted in 2014", "girls abducted in 2015",
                                                    "girls escaped in 2014"]
    assert {x.id for label, cs in joined if label == "girls abducted in 2014" for x in cs} == {"1", "2"}


def test_an_earlier_mark_stays_only_where_the_figures_differ():
    from storyline.compare.samefigure import join_same_figures

    def c(cid, value, subject):
        return Claim(id=cid, subject=subject, text="...", article=cid, value=value, unit="workers")

    joined = dict(join_same_figures([("workers killed", [c("1", 11, "workers killed")]),
                                     ("workers killed (earlier)", [c("2", 11, "workers killed (earlier)")])]))
    assert list(joined) == ["workers killed"] and len(joined["workers killed"]) == 2
    joined = dict(join_same_figures([("workers killed", [c("1", 6, "workers killed")]),
                                     ("workers killed (earlier)", [c("2", 30, "workers killed (earlier)")])]))
    assert sorted(joined) == ["workers killed", "workers killed (earlier)"]


def test_an_earlier_mark_joins_the_most_reported_figure():
    from storyline.compare.samefigure import join_same_figures

    def c(cid, value, subject):
        return Claim(id=cid, subject=subject, text="...", article=cid, value=value, unit="workers")

    joined = dict(join_same_figures([("workers killed", [c("1", 11, "workers killed"), c("2", 11, "workers killed"),
                                                         c("3", 29, "workers killed")]),
                                     ("workers killed (earlier)", [c("4", 11, "workers killed (earlier)")])]))
    assert list(joined) == ["workers killed"]
    joined = dict(join_same_figures([("people killed", [c("1", 2, "people killed"), c("2", 2, "people killed"),
                                                        c("3", 30, "people killed")]),
                                     ("people killed (earlier)", [c("4", 30, "people killed (earlier)")])]))
    assert sorted(joined) == ["people killed", "people killed (earlier)"]


def test_a_bare_count_joins_the_one_subject_of_its_noun_it_agrees_with():
    # "1,600 officers" says less than "1,600 officers on patrol", not something else
    assert joined(fig("a", "1", 1600, "officers on patrol", "officers"),
                  fig("b", "2", 1600, "officers", "officers", "some")) == {"officers on patrol": ["a", "b"]}
    assert joined(fig("a", "1", 1_000_000, "migrants in 2015", "migrants", "about"),
                  fig("b", "2", 1_000_000, "migrants", "migrants", "more than")) == {"migrants in 2015": ["a", "b"]}
    # two subjects of the noun fit: which one is not known
    assert len(joined(fig("a", "1", 1000, "officers on patrol", "officers"),
                      fig("c", "3", 1000, "officers injured", "officers"),
                      fig("b", "2", 1000, "officers", "officers", "about"))) == 3
    # no subject fits its value, a small count, a vague one, or a noun as general as "people"
    assert len(joined(fig("a", "1", 1000, "officers on patrol", "officers"),
                      fig("b", "2", 800, "officers", "officers"))) == 2
    assert len(joined(fig("a", "1", 4, "officers hurt", "officers"), fig("b", "2", 4, "officers", "officers"))) == 2
    assert len(joined(fig("a", "1", "hundreds", "officers hurt", "officers"),
                      fig("b", "2", "hundreds", "officers", "officers"))) == 2
    assert len(joined(fig("a", "1", 120, "people killed", "people"), fig("b", "2", 120, "people", "people"))) == 2
    # a floor says too little: "more than a dozen companies" is not one of "20 companies on the market"
    assert len(joined(fig("a", "1", 20, "companies on market", "companies"),
                      fig("b", "2", 12, "companies", "companies", "more than"))) == 2


def test_an_unmarked_figure_of_the_earlier_event_joins_it():
    # "30 civilians were killed in the incident", beside "killed 30 last week", in a story of 2, 4, 6 dead
    out = joined(fig("a", "1", 2, "people killed", "people", "at least"),
                 fig("b", "2", 6, "people killed", "people", "at least"),
                 fig("c", "3", 30, "people killed", "people", "some"),
                 fig("d", "4", 30, "people killed (earlier)", "people", "more than"))
    assert out == {"people killed": ["a", "b"], "people killed (earlier)": ["c", "d"]}
    # a figure that is also today's stays (and the earlier one, the same, joins it)
    out = joined(fig("a", "1", 30, "people killed", "people"), fig("b", "2", 31, "people killed", "people"),
                 fig("d", "4", 30, "people killed (earlier)", "people"))
    assert out == {"people killed": ["a", "b", "d"]}


def test_synonymous_nouns_meet_through_the_noun_table():
    out = joined(fig("a", "1", 63_800, "Northern Star payload to LEO (kg)", "kg"),
                 fig("b", "2", 63_500, "cargo launched (kg)", "kg"))
    assert list(out.values()) == [["a", "b"]]
