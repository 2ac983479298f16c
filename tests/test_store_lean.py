"""What the store keeps once: an article's body in its column only, sentence text cut from
it again, analysis and story records compressed; records first written as plain JSON are
still read."""

from __future__ import annotations

import json

from storyline.model import Article, ArticleAnalysis, Published, Sentence, Story, asdict
from storyline.store import Store


def _article() -> tuple[Article, ArticleAnalysis]:
    body = "The river rose on Monday. Roads were closed."
    a = Article(id="a1", source="a1.txt", body=body, title="Flood", published=Published(date="2021-03-01"))
    an = ArticleAnalysis(article="a1", sentences=[Sentence(0, 25, body[:25]), Sentence(26, 44, body[26:])],
                         parsed=b"SLP1 not read here")
    return a, an


def test_records_round_trip_and_keep_the_body_once(tmp_path):
    a, an = _article()
    with Store(tmp_path / "s.db") as store:
        with store.transaction() as c:
            store.put_article(c, a, an)
            store.put_story(c, Story(id="s1", title="Flood", articles=["a1"]))
        assert asdict(store.get_article("a1")) == asdict(a)
        back = store.get_analysis("a1")
        assert asdict(back) == asdict(an)
        assert store.get_story("s1").title == "Flood"
        record, = store.conn.execute("SELECT record FROM articles").fetchone()
        assert "river" not in record
        analysis, = store.conn.execute("SELECT record FROM analyses").fetchone()
        assert isinstance(analysis, bytes) and b"river" not in analysis


def test_plain_json_records_written_before_are_read(tmp_path):
    a, an = _article()
    with Store(tmp_path / "s.db") as store:
        with store.transaction() as c:
            store.put_article(c, a, an)
            old = asdict(an)
            old.pop("parsed")
            c.execute("UPDATE analyses SET record=?, parsed=NULL", (json.dumps(old),))
            c.execute("UPDATE articles SET record=?", (json.dumps(asdict(a)),))
            c.execute("INSERT INTO stories (id, title, first, last, n_articles, record, updated) "
                      "VALUES ('s1', 'Flood', NULL, NULL, 1, ?, 0)", (json.dumps(asdict(Story(id="s1", title="Flood", articles=["a1"]))),))
        assert asdict(store.get_article("a1")) == asdict(a)
        assert store.get_analysis("a1").sentences == an.sentences
        assert store.get_story("s1").title == "Flood"
