"""Entities: one canonical name per thing, within an article and across a story's outlets."""

from __future__ import annotations

import pytest

from storyline.annotate.entities import (
    acronym,
    country_code,
    description_key,
    fold,
    is_description,
    unify_entities,
    unify_mentions,
)
from storyline.model import Article, ArticleAnalysis, EntityMention, EventMention


def M(text, label, canonical=None, start=0):
    return EntityMention(text, start, start + len(text), label, canonical or text)


def test_fold_ignores_case_hyphens_articles_and_possessives():
    assert fold("Kim Jong-un") == fold("Kim Jong Un") == "kim jong un"
    assert fold("the Russian Federation's") == "russian federation"
    assert fold("Zelenskyy\u2019s") == "zelenskyy"


def test_acronym_of_long_names():
    assert acronym("Democratic People's Republic of Korea") == "DPRK"
    assert acronym("North Atlantic Treaty Organization") == "NATO"


@pytest.mark.parametrize("text, code", [
    ("North Korea", "KP"), ("DPRK", "KP"), ("Democratic People's Republic of Korea", "KP"),
    ("North Korean", "KP"), ("Russia", "RU"), ("Russian Federation", "RU"), ("Russian", "RU"),
    ("Ukrainian", "UA"), ("South Korea", "KR"), ("Nigerian", "NG"), ("Pyongyang", None), ("Korean", None),
])
def test_country_names_acronyms_and_demonyms(text, code):
    assert country_code(text) == code


def test_role_descriptions_have_a_country_and_a_role():
    assert description_key("Russia's upper house") == ("RU", "upper house")
    assert description_key("the Russian Senate") == ("RU", "upper house")
    assert description_key("the upper chamber of the Russian Parliament") == ("RU", "upper house")
    assert description_key("North Korean leader") == ("KP", "leader")
    assert description_key("the lower house", "RU") == ("RU", "lower house")
    assert description_key("military aid") is None  # the role must be the head
    assert is_description("the Kremlin spokesman")
    assert not is_description("Federation Council")  # a name, though "council" is a role noun


def test_names_unified_across_outlets():
    a = [M("Kim Jong-un", "PERSON"), M("DPRK", "ORG"), M("Putin", "PERSON")]
    b = [M("Kim Jong Un", "PERSON"), M("North Korea", "GPE"), M("Vladimir Putin", "PERSON"),
         M("Democratic People's Republic of Korea", "ORG")]
    unify_mentions([a, b])
    assert {m.canonical for m in a + b if "Kim" in m.text} == {"Kim Jong Un"}
    assert {m.canonical for m in a + b if m.label in ("GPE", "ORG")} == {"North Korea"}
    assert a[2].canonical == "Vladimir Putin"


def test_a_surname_shared_by_two_people_is_left_alone():
    g = [M("Kim", "PERSON"), M("Kim Jong Un", "PERSON"), M("Kim Yo Jong", "PERSON")]
    unify_mentions([g])
    assert g[0].canonical == "Kim"


def test_descriptions_take_the_name_another_outlet_ties_them_to():
    # Outlet 1: "... sent to the upper-house Federation Council" (the role prefix was linked in
    # that article); outlet 2: "the Russian Senate"; outlet 3: "Russia's upper house".
    one = [M("Russia", "GPE", start=0), M("upper-house", "ORG", "Federation Council", start=40),
           M("Federation Council", "ORG", start=52)]
    two = [M("Russian Senate", "ORG", start=10)]
    three = [M("Russia's upper house", "ORG", start=0)]
    unify_mentions([one, two, three])
    assert two[0].canonical == "Federation Council"
    assert three[0].canonical == "Federation Council"


def test_story_level_renames_event_participants():
    arts = [Article(id="a", source="a", body="x"), Article(id="b", source="b", body="y")]
    an = {
        "a": ArticleAnalysis("a", entities=[M("Kim Jong-un", "PERSON")],
                             events=[EventMention("a", 0, "sign", "t", actor="Kim Jong-un and Putin", entities=["Kim Jong-un"])]),
        "b": ArticleAnalysis("b", entities=[M("Kim Jong Un", "PERSON"), M("Kim Jong Un", "PERSON", start=30)]),
    }
    unify_entities(arts, an)
    ev = an["a"].events[0]
    assert ev.actor == "Kim Jong Un and Putin"
    assert ev.entities == ["Kim Jong Un"]


def test_entity_mentions_link_role_prefixes_in_a_parsed_sentence():
    from storyline.annotate.entities import entity_mentions
    from storyline.annotate.nlp import parse

    doc = parse("North Korean leader Kim Jong Un met Russian President Vladimir Putin in Pyongyang. "
                "The Russian president praised the North Korean leader.")
    ms = entity_mentions(doc)
    by_text = {m.text: m.canonical for m in ms}
    assert by_text.get("North Korean leader") == "Kim Jong Un"
    assert by_text.get("Russian President") == "Vladimir Putin"
    # the later descriptions meet the same names
    assert {m.canonical for m in ms if m.start > 80 and m.label == "PERSON"} >= {"Vladimir Putin", "Kim Jong Un"}
