"""The store's story-grouping tables: migration, upserts that keep memberships, postings
within a time window, document frequencies."""

from __future__ import annotations

import pytest

from storyline.model import Article, ArticleAnalysis, Published, Story
from storyline.store import Store


@pytest.fixture()
def store(tmp_path):
    s = Store(tmp_path / "g.db")
    yield s
    s.close()


def article(aid: str, day: str = "2021-03-01") -> Article:
    return Article(id=aid, source=aid, body=f"body of {aid}", title=aid, fingerprint="fp-" + aid,
                   published=Published(date=day, earliest=day, latest=day, how="metadata"))


def test_migration_is_applied_once(store, tmp_path):
    names = {r[0] for r in store.conn.execute("SELECT name FROM migrations")}
    assert "0004_story_grouping" in names
    cols = {r[1] for r in store.conn.execute("PRAGMA table_info(story_vectors)")}
    assert {"first", "last"} <= cols
    assert Store(tmp_path / "g.db").migrate() == []  # reopening applies nothing


def test_rewriting_an_article_keeps_its_story_and_terms(store):
    """put_article used to be INSERT OR REPLACE, whose delete cascaded to the article's
    story membership: re-saving an article (an inferred date) dropped it from its story."""
    a = article("a1")
    with store.transaction() as c:
        store.put_article(c, a, ArticleAnalysis(article="a1"))
        store.put_story(c, Story(id="s1", title="t", articles=["a1"]))
        store.put_article_terms(c, "a1", "2021-03-01", {"flood": 1.0})
    a.published = Published(date="2021-02-27", how="inferred")
    with store.transaction() as c:
        store.put_article(c, a, ArticleAnalysis(article="a1"))
        store.put_story(c, Story(id="s1", title="t2", articles=["a1"]))  # and re-saving the story
    assert store.story_of("a1") == "s1"
    assert store.get_article("a1").published.how == "inferred"
    assert store.get_article_terms(["a1"]) == {"a1": ("2021-03-01", {"flood": 1.0})}
    assert store.get_analysis("a1") is not None


def test_story_index_postings_and_time_window(store):
    with store.transaction() as c:
        for sid, first, last in [("old", 1000, 1010), ("new", 2000, 2010), ("undated", None, None)]:
            store.put_story(c, Story(id=sid, title=sid, articles=[]))
            store.put_story_index(c, sid, {"terms": {"flood": 1.0}, "n": 1}, first, last, [("flood", 1.0), ("river", 0.5)])
    got = store.story_postings(["flood"], 2005, 100)
    assert sorted(got) == [("new", "flood"), ("undated", "flood")]
    assert sorted(s for s, _ in store.story_postings(["flood", "river"], None, 100)) == ["new", "new", "old", "old",
                                                                                         "undated", "undated"]
    assert store.get_story_vectors(["old"])["old"]["n"] == 1
    with store.transaction() as c:  # terms=None leaves the indexed terms alone
        store.put_story_index(c, "old", {"terms": {}, "n": 2}, 1000, 1020, None)
    assert sorted(store.story_postings(["river"], 1015, 10)) == [("old", "river"), ("undated", "river")]
    with store.transaction() as c:
        store.delete_story(c, "old")  # the index goes with the story
    assert store.get_story_vectors(["old"]) == {} and store.count_story_index() == 2


def test_doc_freq_and_members(store):
    with store.transaction() as c:
        store.add_doc_freq(c, ["flood", "river"])
        store.add_doc_freq(c, ["flood"])
    assert store.get_doc_freq(["flood", "river", "nothing"]) == ({"flood": 2, "river": 1}, 2)
    with store.transaction() as c:
        store.replace_doc_freq(c, {"x": 5}, 9)
    assert store.get_doc_freq(["flood", "x"]) == ({"x": 5}, 9)
    with store.transaction() as c:
        for aid in ("a", "b", "c"):
            store.put_article(c, article(aid), None)
        store.put_story(c, Story(id="s1", title="t", articles=["a"]))
        store.put_story(c, Story(id="s2", title="t", articles=["b"]))
        store.add_story_member(c, "s2", "c")
    assert store.story_members("s2") == ["b", "c"]
    assert store.articles_without_story() == []
    with store.transaction() as c:
        store.merge_stories(c, "s2", "s1")
    assert store.story_members("s1") == ["a", "b", "c"] and store.get_story("s2") is None
    assert store.articles_without_terms() == ["a", "b", "c"]
