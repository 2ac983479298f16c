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


def _article(names: tuple[str, ...], topic: str, extra: str) -> dict[str, float]:
    # Sixteen terms: the names, words of the topic, one word of this article alone.
    words = [f"e:{n}" for n in names] + [f"{topic}{i}" for i in range(15 - len(names))] + [extra]
    return _words(*words)


# Two shared names of sixteen terms are 1/8 of similarity: under the bar (0.15) that would
# make one story of the two, over the share of it that makes them related.
MISSILE = _story(_article(("north korea", "kim jong un"), "missile", "a"), _article(("north korea", "kim jong un"), "missile", "b"))
SUMMIT = _story(_article(("north korea", "kim jong un"), "summit", "c"), _article(("north korea", "kim jong un"), "summit", "d"))
TRAM = _story(_article(("croydon", "tfl"), "tram", "e"), _article(("croydon", "tfl"), "tram", "f"))
UNNAMED = _story(_article((), "missile", "g"), _article((), "missile", "h"))


def test_stories_naming_the_same_country_are_related_with_the_name_given():
    links = related_to(MISSILE, {"summit": SUMMIT, "tram": TRAM})
    assert [(sid, sorted(shared)) for sid, _, shared in links] == [("summit", ["Kim Jong Un", "North Korea"])]
    sim = links[0][1]
    merge_bar = bar(MISSILE.cohesion(), SUMMIT.cohesion())
    assert RELATED_SHARE * merge_bar <= sim < merge_bar  # related, and not one story


def test_alike_words_without_a_shared_name_are_not_related():
    assert related_to(MISSILE, {"unnamed": UNNAMED}) == []


def test_one_shared_name_is_not_enough():
    other = _story(_article(("north korea", "seoul"), "summit", "c"), _article(("north korea", "seoul"), "summit", "d"))
    assert related_to(MISSILE, {"other": other}) == []


def test_stories_far_apart_in_time_are_not_related():
    later = _story(_article(("north korea", "kim jong un"), "summit", "c"), day=738000 + 900)
    assert related_to(MISSILE, {"later": later}) == []


def test_web_story_page_and_api_link_related_stories(tmp_path):
    import warnings

    from test_web_data import fill_store

    from storyline.store import Store
    from storyline.stories.incremental import write_index
    from storyline.web import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

    db = tmp_path / "store.db"
    with Store(db) as store:
        fill_store(store)
        with store.transaction() as c:  # the stored centroids of the two stories: related, not one
            write_index(store, c, "s-bridge", MISSILE)
            write_index(store, c, "s-xss", SUMMIT)
    with TestClient(create_app(db, upload_dir=tmp_path / "up")) as client:
        story = client.get("/api/stories/s-bridge").json()["story"]
        assert [(r["id"], sorted(r["shared"])) for r in story["related"]] == [("s-xss", ["Kim Jong Un", "North Korea"])]
        page = client.get("/stories/s-bridge").text
        assert "Related stories" in page and 'href="/stories/s-xss"' in page
