"""What the store keeps once: an article's body in its column only (compressed; the search
index keeps no copy), sentence text cut from it again, every record compressed; stores
written before (plain JSON records, the search index with its own copy of the text, the
first parse format) still open, are migrated (0009_lean) and read the same."""

from __future__ import annotations

import json
import sqlite3
import struct
import zlib
from array import array

from storyline.annotate import stored
from storyline.model import Article, ArticleAnalysis, Evidence, EventMention, Published, Sentence, Story, asdict
from storyline.store import Store
from storyline.store.sqlite import MIGRATIONS, snippet

BODY = "The river rose on Monday. Roads were closed. Café owners in Riverton said the flood was the worst in years."


def _article(aid: str = "a1", body: str = BODY, title: str = "Flood") -> tuple[Article, ArticleAnalysis]:
    a = Article(id=aid, source=f"{aid}.txt", body=body, title=title, published=Published(date="2021-03-01"))
    an = ArticleAnalysis(article=aid, sentences=[Sentence(0, 25, body[:25]), Sentence(26, 44, body[26:44])],
                         events=[EventMention(article=aid, sentence=0, trigger="rise", text=body[:25],
                                              evidence=Evidence(aid, 0, 25, body[:25]))],
                         parsed=b"SLP1 not read here")
    return a, an


def test_records_round_trip_and_keep_the_body_once(tmp_path):
    a, an = _article()
    with Store(tmp_path / "s.db") as store:
        with store.transaction() as c:
            store.put_article(c, a, an)
            store.put_story(c, Story(id="s1", title="Flood", articles=["a1"]))
            store.put_article_terms(c, "a1", "2021-03-01", {"river": 1.5})
            store.put_story_index(c, "s1", {"n": 1}, 1, 2, [("river", 1.0)])
        assert asdict(store.get_article("a1")) == asdict(a)
        assert asdict(store.get_analysis("a1")) == asdict(an)
        assert store.get_story("s1").title == "Flood"
        assert store.get_article_terms(["a1"]) == {"a1": ("2021-03-01", {"river": 1.5})}
        assert store.get_story_vectors(["s1"]) == {"s1": {"n": 1}}
        for table, column in (("articles", "body"), ("articles", "record"), ("analyses", "record"),
                              ("article_terms", "record"), ("story_vectors", "record"), ("stories", "record")):
            value, = store.conn.execute(f"SELECT {column} FROM {table}").fetchone()
            assert isinstance(value, bytes) and b"river" not in value, (table, column)
        # The search index holds no text of its own.
        assert "content=''" in store.conn.execute("SELECT sql FROM sqlite_master WHERE name='articles_fts'").fetchone()[0]


def test_search_finds_marks_and_follows_replacements(tmp_path):
    a, an = _article()
    with Store(tmp_path / "s.db") as store:
        with store.transaction() as c:
            store.put_article(c, a, an)
            b, bn = _article("b1", "Nothing about water here. Only the budget vote.", "Budget")
            store.put_article(c, b, bn)
        hits = store.search("flood")
        assert [h["id"] for h in hits] == ["a1"]
        assert "[flood]" in hits[0]["snippet"]
        assert [h["id"] for h in store.search("cafe riverton")] == ["a1"]  # diacritics and case folded
        assert store.search("budget")[0]["id"] == "b1"
        # A replaced article is found by its new text only.
        with store.transaction() as c:
            store.put_article(c, Article(id="a1", source="a1.txt", body="A storm hit the coast.", title="Storm",
                                         published=Published(date="2021-03-02")), None)
        assert store.search("flood") == []
        assert [h["id"] for h in store.search("storm coast")] == ["a1"]
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        store.conn.execute("INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 0)")


def test_snippet_marks_words_and_says_where_text_goes_on():
    text = " ".join(f"w{i}" for i in range(40)) + " flood " + " ".join(f"x{i}" for i in range(40))
    s = snippet(text, ["Flood"])
    assert "[flood]" in s and s.startswith(" … ") and s.endswith(" … ")
    assert len(s.split()) <= 14
    assert snippet("Short flood text.", ["flood"]) == "Short [flood] text."


def _v1(blob: bytes) -> bytes:
    """A parse in the first stored format (every column in its full width)."""
    p = zlib.decompress(blob[4:])
    (n,) = struct.unpack_from("<I", p)
    header = json.loads(p[4:4 + n])
    total = sum(k for _, k in header["docs"])
    offset, cols = 4 + n, []
    for (name, kind), code in zip(stored._COLUMNS, header.pop("types")):
        a = array(code)
        a.frombytes(p[offset:offset + a.itemsize * total])
        offset += a.itemsize * total
        cols.append(array(kind, a).tobytes())
    head = json.dumps(header).encode()
    return b"SLP1" + zlib.compress(struct.pack("<I", len(head)) + head + b"".join(cols), 6)


class _Tok:
    def __init__(self, i, idx, text, doc):
        self.i, self.idx, self.text, self._doc = i, idx, text, doc
        self.lemma_ = self.lower_ = text.lower()
        self.pos_, self.tag_, self.dep_, self.ent_type_ = "NOUN", "NN", "ROOT" if i == 0 else "dep", ""
        self.ent_iob = 2
        self.is_punct = self.like_num = self.is_stop = self.is_space = self.is_upper = False
        self.is_alpha, self.is_sent_start = True, i == 0

    @property
    def head(self):
        return self._doc[0]


class _Doc(list):
    def __init__(self, text):
        super().__init__()
        self.text = text
        pos = 0
        for i, w in enumerate(text.split()):
            pos = text.index(w, pos)
            self.append(_Tok(i, pos, w, self))
            pos += len(w)


def test_an_old_store_is_migrated_and_reads_the_same(tmp_path):
    path = tmp_path / "old.db"
    a, an = _article()
    parse = stored.pack(_Doc(BODY))
    # A store as written before 0009_lean: every migration but the last, plain records.
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied REAL NOT NULL)")
    for name, sql in MIGRATIONS:
        if name == "0009_lean":
            break
        for stmt in [s for s in sql.split(";") if s.strip()]:
            conn.execute(stmt)
        conn.execute("INSERT INTO migrations VALUES (?, 0)", (name,))
    record = asdict(a)
    old_analysis = asdict(an)
    old_analysis.pop("parsed")
    conn.execute("INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,0)", ("a1", a.fingerprint, "a1.txt", None, "Flood", "2021-03-01",
                                                                      BODY, json.dumps(record)))
    conn.execute("INSERT INTO articles_fts (id, title, body) VALUES ('a1', 'Flood', ?)", (BODY,))
    conn.execute("INSERT INTO analyses (article, record, parsed) VALUES ('a1', ?, ?)",
                 (zlib.compress(json.dumps(old_analysis).encode(), 6), _v1(parse)))
    conn.execute("INSERT INTO article_terms VALUES ('a1', '2021-03-01', ?)", (json.dumps({"river": 2.0}),))
    conn.execute("INSERT INTO stories (id, title, first, last, n_articles, record, updated) VALUES "
                 "('s1', 'Flood', NULL, NULL, 1, ?, 0)", (json.dumps(asdict(Story(id="s1", title="Flood", articles=["a1"]))),))
    conn.execute("INSERT INTO story_vectors (story, record, first, last) VALUES ('s1', ?, 1, 2)", (json.dumps({"n": 1}),))
    conn.close()

    with Store(path) as store:
        assert "0009_lean" in {r[0] for r in store.conn.execute("SELECT name FROM migrations")}
        assert asdict(store.get_article("a1")) == asdict(a)
        back = store.get_analysis("a1")
        assert back.sentences == an.sentences and back.events == an.events
        view, fresh = stored.Parsed(back.parsed).body(BODY), stored.Parsed(parse).body(BODY)
        assert back.parsed.startswith(b"SLP2")
        assert [(t.text, t.lemma_, t.dep_, t.head.i) for t in view] == [(t.text, t.lemma_, t.dep_, t.head.i) for t in fresh]
        assert store.get_article_terms(["a1"]) == {"a1": ("2021-03-01", {"river": 2.0})}
        assert store.get_story_vectors(["s1"]) == {"s1": {"n": 1}}
        assert store.get_story("s1").articles == ["a1"]
        assert [h["id"] for h in store.search("roads closed")] == ["a1"]
        body, = store.conn.execute("SELECT body FROM articles").fetchone()
        assert isinstance(body, bytes)
        # Written after the migration: the same as in a new store.
        with store.transaction() as c:
            store.put_article(c, a, an)
        assert [h["id"] for h in store.search("river")] == ["a1"]


def test_first_parse_format_still_reads():
    parse = stored.pack(_Doc(BODY))
    old = _v1(parse)
    assert len(parse) < len(old)
    assert [t.text for t in stored.Parsed(old).body(BODY)] == [t.text for t in stored.Parsed(parse).body(BODY)]
    assert stored.repack(old).startswith(b"SLP2")
