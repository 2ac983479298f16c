"""Incremental add: new articles join stories through the stored index, only touched
stories are rebuilt, adding twice does nothing, and `storyline add` works end to end."""

from __future__ import annotations

import datetime as dt
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from storyline.model import ArticleAnalysis
from storyline.stories.group import group_articles
from storyline.stories.incremental import add_to_store, regroup
from storyline.store import Store

from test_stories_group import corpus, make_article  # noqa: E402  (tests/ is on sys.path)

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def no_reanalyse(article, analysis=None):
    return ArticleAnalysis(article=article.id)


def put(store, articles, analyses):
    with store.transaction() as c:
        for a in articles:
            a.fingerprint = a.fingerprint or "fp-" + a.id
            store.put_article(c, a, analyses[a.id])


def partition(store):
    return {frozenset(s.articles) for s in store.iter_stories()}


@pytest.fixture()
def grouped(tmp_path):
    arts, ans, gold = corpus([("flood", dt.date(2021, 3, 1), 8, 1), ("merger", dt.date(2021, 3, 2), 8, 1)])
    store = Store(tmp_path / "s.db")
    put(store, arts, ans)
    regroup(store, reanalyse=no_reanalyse)
    yield store, arts, ans, gold
    store.close()


def test_regroup_matches_group_articles_and_fills_the_index(grouped):
    store, arts, ans, gold = grouped
    assert partition(store) == {frozenset(g) for g in group_articles(arts, ans)}
    assert partition(store) == {frozenset(a for a in gold if gold[a] == g) for g in set(gold.values())}
    assert store.count_story_index() == store.count("stories") == 2
    assert store.conn.execute("SELECT COUNT(*) FROM story_terms").fetchone()[0] > 0
    assert store.get_grouping_state("articles") == str(len(arts))
    for s in store.iter_stories():
        assert s.title and s.keywords


def test_new_article_joins_its_story_and_only_that_story_is_rebuilt(grouped):
    store, arts, ans, gold = grouped
    flood_id = store.story_of("flood-0-000")
    merger_id = store.story_of("merger-1-000")
    merger_updated = store.conn.execute("SELECT updated FROM stories WHERE id=?", (merger_id,)).fetchone()[0]
    new, an = make_article("flood-late", "flood", dt.date(2021, 3, 12), random.Random(42))
    put(store, [new], {new.id: an})
    touched = add_to_store(store, [new], reanalyse=no_reanalyse)
    assert [s.id for s in touched] == [flood_id]
    assert store.story_of("flood-late") == flood_id
    assert len(store.get_story(flood_id).articles) == 9
    assert store.conn.execute("SELECT updated FROM stories WHERE id=?", (merger_id,)).fetchone()[0] == merger_updated
    assert store.get_grouping_state("articles") == str(len(arts) + 1)


def test_new_topic_starts_a_story(grouped):
    store, *_ = grouped
    new, an = make_article("election-new", "election", dt.date(2021, 3, 5), random.Random(1))
    put(store, [new], {new.id: an})
    touched = add_to_store(store, [new], reanalyse=no_reanalyse)
    assert len(touched) == 1 and touched[0].articles == ["election-new"]
    assert store.count("stories") == 3 and store.count_story_index() == 3


def test_adding_twice_does_nothing(grouped):
    store, arts, *_ = grouped
    before = partition(store)
    assert add_to_store(store, arts[:3], reanalyse=no_reanalyse) == []
    assert partition(store) == before


def test_articles_left_without_a_story_are_picked_up(grouped):
    store, *_ = grouped
    new, an = make_article("merger-orphan", "merger", dt.date(2021, 3, 9), random.Random(9))
    put(store, [new], {new.id: an})  # stored, but the add that should follow never ran
    assert store.articles_without_story() == ["merger-orphan"]
    touched = add_to_store(store, [], reanalyse=no_reanalyse)
    assert store.story_of("merger-orphan") == store.story_of("merger-1-000")
    assert [s.id for s in touched] == [store.story_of("merger-1-000")]


def test_adding_one_by_one_from_empty_gives_the_batch_stories(tmp_path):
    arts, ans, gold = corpus([("flood", dt.date(2021, 3, 1), 6, 1), ("merger", dt.date(2021, 3, 1), 6, 1),
                              ("election", dt.date(2021, 3, 2), 6, 1)])
    arts.sort(key=lambda a: (a.published.date, a.id))
    store = Store(tmp_path / "inc.db")
    for a in arts:
        put(store, [a], ans)
        add_to_store(store, [a], reanalyse=no_reanalyse)
    assert partition(store) == {frozenset(a for a in gold if gold[a] == g) for g in set(gold.values())}
    store.close()


def test_failed_rebuild_leaves_the_store_as_it_was(grouped, monkeypatch):
    store, *_ = grouped
    before = partition(store)
    terms_before = store.conn.execute("SELECT COUNT(*) FROM story_terms").fetchone()[0]
    new, an = make_article("flood-x", "flood", dt.date(2021, 3, 6), random.Random(5))
    put(store, [new], {new.id: an})

    def boom(*a, **k):
        raise RuntimeError("stage failed")

    monkeypatch.setattr("storyline.story.build_story", boom)
    with pytest.raises(RuntimeError):
        add_to_store(store, [new], reanalyse=no_reanalyse)
    assert partition(store) == before
    assert store.conn.execute("SELECT COUNT(*) FROM story_terms").fetchone()[0] == terms_before
    assert store.get_article_terms(["flood-x"]) == {}
    monkeypatch.undo()
    add_to_store(store, [new], reanalyse=no_reanalyse)  # and the next add finishes the job
    assert store.story_of("flood-x") == store.story_of("flood-0-000")


def test_store_grouped_before_the_index_existed_is_indexed_on_first_add(grouped):
    store, *_ = grouped
    with store.transaction() as c:
        c.execute("DELETE FROM story_vectors")
        c.execute("DELETE FROM story_terms")
    new, an = make_article("flood-y", "flood", dt.date(2021, 3, 7), random.Random(6))
    put(store, [new], {new.id: an})
    touched = add_to_store(store, [new], reanalyse=no_reanalyse)
    assert store.count_story_index() == store.count("stories") == 2
    assert any("flood-y" in s.articles for s in touched)


def test_cli_add_end_to_end(tmp_path):
    """`storyline run` on three seed articles, then `storyline add` the other two: one
    story of five; adding them again changes nothing."""
    files = sorted(EXAMPLES.glob("*.txt"))
    if len(files) < 5:
        pytest.skip("the seed articles are not in examples/")
    first, later = tmp_path / "first", tmp_path / "later"
    first.mkdir()
    later.mkdir()
    for f in files[:3]:
        shutil.copy(f, first)
    for f in files[3:]:
        shutil.copy(f, later)
    db = tmp_path / "out" / "storyline.db"

    def cli(*args):
        return subprocess.run([sys.executable, "-m", "storyline", *args, "--quiet"], capture_output=True, text=True,
                              cwd=ROOT, timeout=600)

    assert cli("run", str(first), "--out", str(tmp_path / "out")).returncode == 0
    r = cli("add", str(later), "--db", str(db))
    assert r.returncode == 0, r.stderr
    assert "2 articles added" in r.stderr and "1 story " in r.stderr
    with Store(db) as store:
        stories = list(store.iter_stories())
        assert len(stories) == 1 and len(stories[0].articles) == 5
        assert stories[0].timeline  # rebuilt with all five articles' events
        ids_before = [s.id for s in stories]
    r = cli("add", str(later), "--db", str(db))
    assert r.returncode == 0 and "0 articles added, 2 already stored" in r.stderr
    with Store(db) as store:
        assert [s.id for s in store.iter_stories()] == ids_before
