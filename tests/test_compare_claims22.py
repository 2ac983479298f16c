"""Round 22 of issue 13: who vouches for a figure. Sentences written for the test; none from
the dev stories."""

from __future__ import annotations

from test_claims import claims_of

from storyline.compare.comparison import compare_claims


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


def test_values_no_time_separates_are_no_change():
    from test_compare_claims11 import _fig
    from test_compare_claims13 import _art, _compare

    # Two outlets the same morning: money kept abroad and the quarter's estimated earnings share
    # the word "earnings", nothing more. No time orders them, and an estimate makes no conflict.
    a, b = _art("a", "Wire", "2024-10-15T09:00:00"), _art("b", "Paper", "2024-10-15T09:00:00")
    abroad = _fig("1", "a", 31_200_000_000, subject="earnings (USD)", unit="USD")
    quarter = _fig("2", "b", 1_900_000_000, subject="earnings (USD)", unit="USD")
    quarter.hedges = ["projected"]
    got = compare_claims([abroad, quarter], {"a": a, "b": b}, {"a": "Wire", "b": "Paper"})
    assert sorted((k.claims, k.status) for k in got) == [(["1"], "single"), (["2"], "single")]
    # told a day apart, the same two values are a figure that changed
    b2 = _art("b", "Paper", "2024-10-16T09:00:00")
    quarter.date = "2024-10-16"
    assert _compare([abroad, quarter], a, b2) == {"earnings (USD)": (["1", "2"], "evolving")}


def test_a_denial_answers_its_own_object():
    _, claims = claims_of("Harvey Stone, the executive producer of award-winning movies including Sam Reed and Joe "
                          "Park\u2019s \u201cGood Day\u201d and Tom Hale\u2019s \u201cPulp Story,\u201d acknowledged making "
                          "an \u201cawkward pass\u201d at the actress but denied physical assault and emphasized a "
                          "longstanding relationship with her.")
    (c,) = [c for c in claims if c.kind == "response"]
    assert (c.value, c.attributed_to) == ("denied", "Harvey Stone")
    # neither ... nor: the object on the second verb is what neither answers
    _, claims = claims_of("The ministry neither confirmed nor denied the report.")
    assert [c.value for c in claims if c.kind == "response"] == ["not confirmed"]


def test_a_name_is_the_source_without_the_description_after_its_comma():
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from storyline.compare.attribution import source_phrase

    words = ["Stone", ",", "the", "producer", "of", "films", ",", "denied", "it", "."]
    heads = [7, 0, 3, 0, 3, 4, 0, 7, 7, 7]
    deps = ["nsubj", "punct", "det", "appos", "prep", "pobj", "punct", "ROOT", "dobj", "punct"]
    pos = ["PROPN", "PUNCT", "DET", "NOUN", "ADP", "NOUN", "PUNCT", "VERB", "PRON", "PUNCT"]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos)
    assert source_phrase(doc[0], doc[:]) == "Stone"
    # a list of names is no description
    words = ["Spain", ",", "Italy", "and", "France", "denied", "it", "."]
    doc = Doc(Vocab(), words=words, spaces=[False, True, True, True, True, True, False, False], heads=[5, 0, 0, 2, 2, 5, 5, 5],
              deps=["nsubj", "punct", "conj", "cc", "conj", "ROOT", "dobj", "punct"],
              pos=["PROPN", "PUNCT", "PROPN", "CCONJ", "PROPN", "VERB", "PRON", "PUNCT"])
    assert source_phrase(doc[0], doc[:]) == "Spain, Italy and France"


def test_one_speaker_relayed_by_two_outlets_is_one_source():
    from test_compare_claims11 import _fig
    from test_compare_claims13 import _art

    a, b = _art("a", "Post", "2024-10-15T09:00:00"), _art("b", "Times", "2024-10-15T11:00:00")
    one = _fig("1", "a", 100, subject="parts weighed (kg)", unit="kg")
    two = _fig("2", "b", 100, subject="parts weighed (kg)", unit="kg")
    one.attributed_to, two.attributed_to = "Jonathan McDowell", "McDowell"
    (k,) = compare_claims([one, two], {"a": a, "b": b}, {"a": "Post", "b": "Times"})
    assert (k.status, k.independent_sources) == ("agree", 1)
    assert k.note == "one source (Jonathan McDowell), told by 2 outlets"
    # two voices agreeing are two sources
    two.attributed_to = "the space agency"
    (k,) = compare_claims([one, two], {"a": a, "b": b}, {"a": "Post", "b": "Times"})
    assert (k.status, k.independent_sources) == ("agree", 2)


def test_an_unnamed_expert_is_the_one_person_the_article_names_as_a_source():
    body = ("Large parts of the station could survive re-entry, a leading space expert has warned, with pieces "
            "weighing up to 100kg reaching the ground. Jonathan McDowell, an astrophysicist at Harvard, said 40 "
            "satellites had been lost that way. McDowell said the station weighs 8.5 tonnes.")
    _, claims = claims_of(body)
    pieces = [c for c in claims if c.value == 100]
    assert pieces and (pieces[0].attributed_to, pieces[0].anonymous) == ("Jonathan McDowell", False)
    # two named people: the expert may be either, so stays unnamed
    body += " Professor Anna Berg said 12 pieces had been found."
    _, claims = claims_of(body)
    pieces = [c for c in claims if c.value == 100]
    assert pieces and pieces[0].anonymous


def test_rules_of_this_round_keep_what_they_should():
    # a name after a description is the name, kept
    _, claims = claims_of("The $20bn fund was a shakedown, said another Texan Republican, Joe Barton.")
    assert [c.attributed_to for c in claims if c.value == 20_000_000_000] == ["another Texan Republican, Joe Barton"]
    # a figure the parser hangs on the tellers is not their count of themselves
    _, claims = claims_of("The government's estimate is over twice the estimate repeatedly cited by BP officials of "
                          "about 5,000 barrels, though company officials have said the estimate is unreliable.")
    assert all(c.attributed_to for c in claims if c.value == 5000)


def test_how_late_an_act_came_is_a_figure_of_the_act():
    _, claims = claims_of("The flight was due to take off at 11:55 p.m. on Sunday, but left about 10 minutes late.")
    assert [(c.subject, c.value, c.qualifier) for c in claims if c.unit == "minutes"] == [("left late (minutes)", 10, "about")]
    _, claims = claims_of("The ferry took off ten minutes late.")
    assert [(c.subject, c.value) for c in claims if c.unit == "minutes"] == [("taken off late (minutes)", 10)]
