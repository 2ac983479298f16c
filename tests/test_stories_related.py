"""Related stories: apart, alike in part, naming the same things; said with the names they share."""

from __future__ import annotations

import math

from storyline.stories.group import StoryVector, bar
from storyline.stories.related import RELATED_SHARE, related_to


def _unit(terms: dict[str, float]) -> dict[str, float]:
    n = math.sqrt(sum(w * w for w in terms.values()))
    return {t: w / n for t, w in terms.items()}


def _story(*vecs: dict[str, float], day: int = 738000) -> StoryVector:
    sv = StoryVector()
    for v in vecs:
        sv.add(_unit(v), day)
    return sv


def _words(*ws: str) -> dict[str, float]:
    return {w: 1.0 for w in ws}


# Eight terms an article: one shared name in common is 1/8 of similarity, under the bar (0.15)
# that would make one story of the two, over the share of it that makes them related.
MISSILE = _story(_words("e:north korea", "missile", "hokkaido", "launch", "japan", "siren", "pacific", "test"),
                 _words("e:north korea", "missile", "hokkaido", "launch", "japan", "siren", "pacific", "alert"))
SUMMIT = _story(_words("e:north korea", "talk", "olympic", "offer", "delegation", "border", "speech", "year"),
                _words("e:north korea", "talk", "olympic", "offer", "delegation", "border", "speech", "team"))
TRAM = _story(_words("e:croydon", "tram", "derail", "driver", "bend", "speed", "victim", "london"),
              _words("e:croydon", "tram", "derail", "driver", "bend", "speed", "victim", "police"))
UNNAMED = _story(_words("missile", "rocket", "pad", "engine", "booster", "orbit", "payload", "fuel"),
                 _words("missile", "rocket", "pad", "engine", "booster", "orbit", "payload", "crew"))


def test_stories_naming_the_same_country_are_related_with_the_name_given():
    links = related_to(MISSILE, {"summit": SUMMIT, "tram": TRAM})
    assert [(sid, shared) for sid, _, shared in links] == [("summit", ["North Korea"])]
    sim = links[0][1]
    merge_bar = bar(MISSILE.cohesion(), SUMMIT.cohesion())
    assert RELATED_SHARE * merge_bar <= sim < merge_bar  # related, and not one story


def test_alike_words_without_a_shared_name_are_not_related():
    assert related_to(MISSILE, {"unnamed": UNNAMED}) == []


def test_stories_far_apart_in_time_are_not_related():
    later = _story(_words("e:north korea", "talk", "olympic", "offer", "delegation", "border", "speech", "year"),
                   day=738000 + 900)
    assert related_to(MISSILE, {"later": later}) == []
