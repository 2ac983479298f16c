"""The SQLite store: articles, their analyses, stories, rejections; FTS5 search.

Named migrations run once each, in a transaction, recorded in ``migrations``. Writes
go through :meth:`Store.transaction`, so a run killed at any point leaves the store as it
was before that transaction (WAL mode; nothing committed is ever lost). Records are kept
as JSON beside the columns the web app and incremental add query by; analysis and story
records are zlib-compressed, and what another column already holds is left out of them
(an article's body; each sentence's text, cut from the body again when read). Records
written as plain JSON before are still read as they are.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import time
import zlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from storyline.errors import StoreError
from storyline.model import (
    Article,
    ArticleAnalysis,
    Claim,
    ClaimComparison,
    DateVote,
    EntityMention,
    Event,
    EventMention,
    Evidence,
    Expectation,
    Published,
    Rejection,
    Removed,
    Sentence,
    Story,
    SummarySentence,
    TimeExpr,
    WireGroup,
    asdict,
)

MIGRATIONS: list[tuple[str, str | Callable[[sqlite3.Connection], None]]] = [
    (
        "0001_initial",
        """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            fingerprint TEXT NOT NULL,
            source TEXT NOT NULL,
            outlet TEXT,
            title TEXT,
            published TEXT,
            body TEXT NOT NULL,
            record TEXT NOT NULL,
            added REAL NOT NULL
        );
        CREATE INDEX articles_fingerprint ON articles(fingerprint);
        CREATE INDEX articles_published ON articles(published);
        CREATE TABLE analyses (
            article TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            record TEXT NOT NULL
        );
        CREATE TABLE stories (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            first TEXT,
            last TEXT,
            n_articles INTEGER NOT NULL,
            record TEXT NOT NULL,
            updated REAL NOT NULL
        );
        CREATE TABLE story_articles (
            story TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
            article TEXT NOT NULL UNIQUE REFERENCES articles(id) ON DELETE CASCADE,
            PRIMARY KEY (story, article)
        );
        CREATE TABLE rejected (
            source TEXT NOT NULL,
            reason TEXT NOT NULL,
            at REAL NOT NULL
        );
        """,
    ),
    (
        "0002_fts",
        """
        CREATE VIRTUAL TABLE articles_fts USING fts5(id UNINDEXED, title, body, tokenize='unicode61');
        """,
    ),
    (
        "0003_story_index",
        """
        CREATE TABLE story_terms (
            story TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
            term TEXT NOT NULL,
            weight REAL NOT NULL,
            PRIMARY KEY (term, story)
        );
        CREATE TABLE story_vectors (
            story TEXT PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
            record TEXT NOT NULL
        );
        """,
    ),
    (
        # What story grouping keeps so that `storyline add` never rereads the corpus:
        # each article's weighted terms, document frequencies for IDF, and (in the 0003
        # tables) each story's centroid and the terms it is indexed under. first/last
        # are ordinal days, so the time window is a plain integer comparison.
        "0004_story_grouping",
        """
        CREATE TABLE article_terms (
            article TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            published TEXT,
            record TEXT NOT NULL
        );
        CREATE TABLE term_df (
            term TEXT PRIMARY KEY,
            df INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE grouping_state (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        ALTER TABLE story_vectors ADD COLUMN first INTEGER;
        ALTER TABLE story_vectors ADD COLUMN last INTEGER;
        CREATE INDEX story_terms_story ON story_terms(story);
        CREATE INDEX stories_last ON stories(last);
        """,
    ),
    (
        # Corrections a user made to the grouping (merge, split, move), in the order made,
        # and the constraints they leave (see storyline.stories.corrections): each article
        # a correction placed carries the label of the story it was placed in. Same label,
        # same story; two labels, two stories. Pins are derived from the active corrections
        # and rewritten with them; grouping reads only the pins.
        "0005_story_corrections",
        """
        CREATE TABLE story_corrections (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            record TEXT NOT NULL,
            at REAL NOT NULL,
            undone REAL
        );
        CREATE TABLE story_pins (
            article TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            label INTEGER NOT NULL
        );
        CREATE INDEX story_pins_label ON story_pins(label);
        """,
    ),
    (
        # Each input already read, by the fingerprint of its content and given metadata: the
        # article it gave and the version of the analysis stored for it. A re-run skips inputs
        # whose analysis is current and refreshes those whose code or model has changed.
        "0006_inputs",
        """
        CREATE TABLE inputs (
            fingerprint TEXT PRIMARY KEY,
            article TEXT NOT NULL,
            version TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX inputs_article ON inputs(article);
        """,
    ),
    (
        # `storyline watch` and what changed per story (storyline.watch, stories.changes).
        # watch_sources: per watched source, the validators of its last answer (conditional
        # GET) and when it was last read. watch_entries: every entry a source listed, and what
        # became of it; an entry is 'done' only once its article is in a story, so a watcher
        # killed at any point reads again exactly what it had not finished. story_changes: one
        # change set per story per add, kept when the story is later merged or rebuilt.
        "0007_watch",
        """
        CREATE TABLE watch_sources (
            source TEXT PRIMARY KEY,
            etag TEXT,
            last_modified TEXT,
            checked REAL,
            status TEXT
        );
        CREATE TABLE watch_entries (
            source TEXT NOT NULL,
            entry TEXT NOT NULL,
            url TEXT,
            published TEXT,
            state TEXT NOT NULL,
            article TEXT,
            reason TEXT,
            attempts INTEGER NOT NULL DEFAULT 0,
            seen REAL NOT NULL,
            done REAL,
            PRIMARY KEY (source, entry)
        );
        CREATE TABLE story_changes (
            id INTEGER PRIMARY KEY,
            story TEXT NOT NULL,
            at REAL NOT NULL,
            record TEXT NOT NULL
        );
        CREATE INDEX story_changes_story ON story_changes(story, at);
        CREATE INDEX story_changes_at ON story_changes(at);
        """,
    ),
    (
        # The per-article parse, packed (annotate.stored), beside the analysis record: the
        # story stages read it instead of parsing again. Old analyses have none; their
        # version stamp is older, so the next run refreshes them.
        "0008_fast_parsed",
        "ALTER TABLE analyses ADD COLUMN parsed BLOB;",
    ),
    # The lean store (issue 12): every record compressed, the body kept once. See _lean below.
    ("0009_lean", lambda c: _lean(c)),
]


# ----------------------------------------------------------------- record (de)serialisation


def _evidence(d: dict | None) -> Evidence | None:
    return Evidence(**d) if d else None


def _timex(d: dict | None) -> TimeExpr | None:
    return TimeExpr(**d) if d else None


def article_from_dict(d: dict[str, Any]) -> Article:
    d = dict(d)
    d["published"] = Published(**(d.get("published") or {}))
    d["removed"] = [Removed(**r) for r in d.get("removed") or []]
    return Article(**d)


def _claim(d: dict) -> Claim:
    d = dict(d)
    d["evidence"] = [Evidence(**e) for e in d.get("evidence") or []]
    return Claim(**d)


def _expectation(d: dict) -> Expectation:
    d = dict(d)
    d["bound"] = _timex(d.get("bound"))
    d["evidence"] = [Evidence(**e) for e in d.get("evidence") or []]
    return Expectation(**d)


def analysis_from_dict(d: dict[str, Any]) -> ArticleAnalysis:
    return ArticleAnalysis(
        article=d["article"],
        sentences=[Sentence(**s) for s in d.get("sentences") or []],
        timexes=[TimeExpr(**t) for t in d.get("timexes") or []],
        entities=[EntityMention(**e) for e in d.get("entities") or []],
        events=[EventMention(**{**m, "evidence": _evidence(m.get("evidence"))}) for m in d.get("events") or []],
        claims=[_claim(c) for c in d.get("claims") or []],
        expectations=[_expectation(x) for x in d.get("expectations") or []],
        anchor=d.get("anchor"),
    )


def story_from_dict(d: dict[str, Any]) -> Story:
    d = dict(d)
    for key in ("timeline", "events"):
        d[key] = [
            Event(**{**e, "evidence": [Evidence(**x) for x in e.get("evidence") or []],
                     "disagreement": [DateVote(**v) for v in e.get("disagreement") or []]})
            for e in d.get(key) or []
        ]
    d["claims"] = [_claim(c) for c in d.get("claims") or []]
    d["comparison"] = [ClaimComparison(**c) for c in d.get("comparison") or []]
    d["wire"] = [WireGroup(**w) for w in d.get("wire") or []]
    d["summary_sentences"] = [SummarySentence(**s) for s in d.get("summary_sentences") or []]
    d["expectations"] = [_expectation(x) for x in d.get("expectations") or []]
    return Story(**d)


def _dumps(record: Any) -> str:
    return json.dumps(asdict(record), ensure_ascii=False, separators=(",", ":"))


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def _zip(data: Any, zdict: str | None = None) -> bytes:
    """``data`` (text, or anything JSON) zlib-compressed; with ``zdict`` (the article's body)
    as preset dictionary, so the quotes, sentences and names an article's records copy from
    its body cost a back-reference each instead of their text."""
    raw = _utf8(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    if not zdict:
        return zlib.compress(raw, 9)
    z = zlib.compressobj(9, zdict=_utf8(zdict))
    return z.compress(raw) + z.flush()


def _unzip(blob: bytes, zdict: str | None = None) -> str:
    # A zlib stream says in its header whether it needs a preset dictionary (FDICT, bit 5 of
    # the second byte), so records compressed with and without one read the same way.
    if blob[1] & 0x20:
        z = zlib.decompressobj(zdict=_utf8(zdict or ""))
        return (z.decompress(blob) + z.flush()).decode("utf-8", "surrogatepass")
    return zlib.decompress(blob).decode("utf-8", "surrogatepass")


def read_json(record: bytes | str, zdict: str | None = None) -> Any:
    """A stored JSON record: zlib-compressed bytes (against ``zdict`` when it was written so),
    or plain text as records were first written."""
    if isinstance(record, bytes):
        record = _unzip(record, zdict)
    return json.loads(record)


def read_body(body: bytes | str | None) -> str | None:
    """An article's body as stored: compressed, or plain text in stores written before 0009_lean."""
    return _unzip(body) if isinstance(body, bytes) else body


# What an article's columns hold, left out of its record (kept once) and put back when read.
_ARTICLE_COLUMNS = ("id", "fingerprint", "source", "outlet", "title", "body")
_ARTICLE_SELECT = "SELECT record, id, fingerprint, source, outlet, title, body FROM articles"


def article_record(article: Article) -> bytes:
    """An article's JSON record without what its columns hold (the body above all),
    compressed against the body."""
    d = asdict(article)
    for key in _ARTICLE_COLUMNS:
        d.pop(key, None)
    return _zip(d, article.body)


def _article(row: sqlite3.Row | tuple) -> Article:
    """An article from a row of _ARTICLE_SELECT (records written before carry every field)."""
    record, *columns = row
    columns[-1] = text = read_body(columns[-1])
    d = read_json(record, text)
    for key, value in zip(_ARTICLE_COLUMNS, columns):
        d.setdefault(key, value)
    return article_from_dict(d)


def analysis_record(analysis: ArticleAnalysis, body: str | None = None) -> bytes:
    """An analysis as stored: JSON without the parse (its own column) or the sentences' text
    (rebuilt from the body), compressed against the article's body."""
    d = asdict(analysis)
    d.pop("parsed", None)
    for s in d.get("sentences") or []:
        s.pop("text", None)
    return _zip(d, body)


def read_analysis_record(record: bytes | str, body: str | None) -> dict[str, Any]:
    """The JSON of a stored analysis (compressed, or plain text as first written), with each
    sentence's text cut from the body."""
    d = read_json(record, body)
    for s in d.get("sentences") or []:
        if "text" not in s:
            s["text"] = body[s["start"]:s["end"]] if body is not None else ""
    return d


def _small_json(record: bytes | str) -> Any:
    """Term counts and centroids: compressed since 0009_lean, plain JSON before."""
    return json.loads(_unzip(record) if isinstance(record, bytes) else record)


# ----------------------------------------------------------------- search (FTS5)

# The search index is contentless (content=''): it keeps the index, not a copy of the text,
# and its rowid is the article's rowid. A contentless table cannot read back what it
# indexed, so replacing an article deletes the old entry with the old title and body
# (put_article), and the snippet is cut here from the body.
_FTS = "CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, content='', tokenize='unicode61')"
_WORD = re.compile(r"\w+")


def _fold(word: str) -> str:
    # As the index's unicode61 tokenizer compares: case-folded, diacritics removed.
    return "".join(ch for ch in unicodedata.normalize("NFKD", word.casefold()) if not unicodedata.combining(ch))


def snippet(body: str, words: list[str], tokens: int = 12) -> str:
    """Up to ``tokens`` words of ``body`` around the query's words, each marked ``[word]``,
    with `` … `` where the text goes on (as FTS5's snippet())."""
    wanted = {_fold(w) for w in words}
    found = list(_WORD.finditer(body))
    if not found:
        return ""
    hit = [_fold(m.group()) in wanted for m in found]
    best, best_score = 0, -1
    for i in range(max(1, len(found) - tokens + 1)):
        window = {_fold(found[j].group()) for j in range(i, min(i + tokens, len(found))) if hit[j]}
        if len(window) > best_score:
            best, best_score = i, len(window)
        if best_score == len(wanted):
            break
    # Start a little before the first hit, as FTS5 does, so the words lead up to it.
    first_hit = next((j for j in range(best, min(best + tokens, len(found))) if hit[j]), best)
    start = max(0, min(best, first_hit - tokens // 4, len(found) - tokens))
    end = min(len(found), start + tokens)
    out, pos = [], found[start].start()
    for j in range(start, end):
        m = found[j]
        out.append(body[pos:m.start()])
        out.append(f"[{m.group()}]" if hit[j] else m.group())
        pos = m.end()
    if end == len(found):
        out.append(body[pos:])
    text = "".join(out).strip()
    return ("" if start == 0 else " … ") + text + ("" if end == len(found) else " … ")


def index_article(c: sqlite3.Connection, rowid: int, title: str | None, body: str) -> None:
    c.execute("INSERT INTO articles_fts (rowid, title, body) VALUES (?,?,?)", (rowid, title or "", body))


def unindex_article(c: sqlite3.Connection, rowid: int, title: str | None, body: str) -> None:
    # Exactly the values indexed, or the contentless index goes wrong.
    c.execute("INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete',?,?,?)",
              (rowid, title or "", body))


def rebuild_search(c: sqlite3.Connection) -> None:
    """Index every article afresh (after a migration, or if rowids ever changed, e.g. by a
    VACUUM of a table without an INTEGER PRIMARY KEY)."""
    c.execute("INSERT INTO articles_fts (articles_fts) VALUES ('delete-all')")
    for rowid, title, body in c.execute("SELECT rowid, title, body FROM articles").fetchall():
        index_article(c, rowid, title, read_body(body))


def _lean(c: sqlite3.Connection) -> None:
    """Migration 0009_lean: a store written before it, rewritten lean. The article's body
    is compressed in its column and is the only copy (the search index had another); the
    article, analysis, term and centroid records are compressed (article and analysis
    against the body), and parses are repacked narrower. Stores written before still read
    right afterwards (tests/test_store_lean.py)."""
    c.execute("DROP TABLE IF EXISTS articles_fts")
    c.execute(_FTS)
    bodies: dict[str, str] = {}
    for rowid, aid, title, body, record in c.execute("SELECT rowid, id, title, body, record FROM articles").fetchall():
        text = read_body(body)
        d = read_json(record, text)
        for key in _ARTICLE_COLUMNS:
            d.pop(key, None)
        bodies[aid] = text
        c.execute("UPDATE articles SET body=?, record=? WHERE rowid=?", (_zip(text), _zip(d, text), rowid))
        index_article(c, rowid, title, text)
    from storyline.annotate.stored import repack

    for aid, record, parsed in c.execute("SELECT article, record, parsed FROM analyses").fetchall():
        body = bodies.get(aid)
        d = read_json(record, body)
        for s in d.get("sentences") or []:
            s.pop("text", None)
        c.execute("UPDATE analyses SET record=?, parsed=? WHERE article=?",
                  (_zip(d, body), repack(parsed) if parsed else parsed, aid))
    # The story index as a clustered (WITHOUT ROWID) table: its key was a second copy of it.
    c.execute("CREATE TABLE story_terms_lean (story TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE, "
              "term TEXT NOT NULL, weight REAL NOT NULL, PRIMARY KEY (term, story)) WITHOUT ROWID")
    c.execute("INSERT INTO story_terms_lean SELECT story, term, weight FROM story_terms")
    c.execute("DROP TABLE story_terms")
    c.execute("ALTER TABLE story_terms_lean RENAME TO story_terms")
    c.execute("CREATE INDEX story_terms_story ON story_terms(story)")
    # No query looks inputs up by article.
    c.execute("DROP INDEX IF EXISTS inputs_article")
    for table, key in (("article_terms", "article"), ("story_vectors", "story")):
        for k, record in c.execute(f"SELECT {key}, record FROM {table}").fetchall():
            if not isinstance(record, bytes):
                c.execute(f"UPDATE {table} SET record=? WHERE {key}=?", (_zip(record), k))


# ----------------------------------------------------------------- the store


class Store:
    """A Storyline store in one SQLite file."""

    def __init__(self, path: str | Path):
        self.path = str(path)
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            # Small pages for a new store: most rows are a few compressed KB, and on 4 KB pages
            # a page holding one such row leaves the rest of it empty (issue 12: 1 KB pages make
            # the newsclusters-dev store 11% smaller). A no-op on a store already written.
            self.conn.execute("PRAGMA page_size=1024")
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open the store ({exc}); is it a Storyline SQLite file?") from None

    @classmethod
    def reader(cls, path: str) -> Store:
        """The store at ``path`` opened read-only, without migrating (a worker reading what
        the writing process committed; WAL lets it read while that process writes)."""
        self = cls.__new__(cls)
        self.path = str(path)
        try:
            self.conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, timeout=30,
                                        isolation_level=None, check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: cannot open the store ({exc})") from None
        return self

    # -- plumbing
    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All or nothing: BEGIN IMMEDIATE ... COMMIT, rolled back on any exception."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    def migrate(self) -> list[str]:
        """Apply the named migrations not yet applied, each in its own transaction."""
        self.conn.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied REAL NOT NULL)")
        done = {r[0] for r in self.conn.execute("SELECT name FROM migrations")}
        applied = []
        for name, sql in MIGRATIONS:
            if name in done:
                continue
            with self.transaction() as c:
                if callable(sql):
                    sql(c)
                else:
                    for stmt in [s for s in sql.split(";") if s.strip()]:
                        c.execute(stmt)
                c.execute("INSERT INTO migrations VALUES (?, ?)", (name, time.time()))
            applied.append(name)
        if "0009_lean" in applied and done and self.path != ":memory:":
            # An old store rewritten lean: give the pages it freed back to the file system, on
            # the small pages of a new store (the page size changes only outside WAL mode). If
            # another process has the store open, it stays as it is until a later VACUUM.
            with contextlib.suppress(sqlite3.OperationalError):
                self.conn.execute("PRAGMA journal_mode=DELETE")
                self.conn.execute("PRAGMA page_size=1024")
                self.conn.execute("VACUUM")
            self.conn.execute("PRAGMA journal_mode=WAL")
        return applied

    # -- articles
    def has_article(self, article_id: str, fingerprint: str | None = None) -> bool:
        if fingerprint:
            row = self.conn.execute("SELECT 1 FROM articles WHERE id=? OR fingerprint=? LIMIT 1", (article_id, fingerprint)).fetchone()
        else:
            row = self.conn.execute("SELECT 1 FROM articles WHERE id=? LIMIT 1", (article_id,)).fetchone()
        return row is not None

    def input_seen(self, fingerprint: str) -> tuple[str, str] | None:
        """(article id, analysis version) of an input read before, if its article is stored."""
        row = self.conn.execute(
            "SELECT i.article, i.version FROM inputs i JOIN articles a ON a.id = i.article WHERE i.fingerprint=?",
            (fingerprint,)).fetchone()
        return (row[0], row[1]) if row else None

    def put_input(self, c: sqlite3.Connection, fingerprint: str, article_id: str, version: str) -> None:
        """Record that an input gave ``article_id`` with an analysis of ``version``."""
        c.execute("INSERT INTO inputs (fingerprint, article, version) VALUES (?,?,?) ON CONFLICT(fingerprint) "
                  "DO UPDATE SET article=excluded.article, version=excluded.version", (fingerprint, article_id, version))

    def existing_fingerprint(self, fingerprint: str) -> str | None:
        row = self.conn.execute("SELECT id FROM articles WHERE fingerprint=? LIMIT 1", (fingerprint,)).fetchone()
        return row[0] if row else None

    def put_article(self, c: sqlite3.Connection, article: Article, analysis: ArticleAnalysis | None) -> None:
        """Insert or replace one article (and its analysis) inside an open transaction."""
        # An upsert, not INSERT OR REPLACE: REPLACE deletes the old row first, and with
        # foreign keys on that cascades to the article's story membership and terms.
        old = c.execute("SELECT rowid, title, body FROM articles WHERE id=?", (article.id,)).fetchone()
        old_body = read_body(old[2]) if old else None
        c.execute(
            "INSERT INTO articles (id, fingerprint, source, outlet, title, published, body, record, added) "
            "VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET fingerprint=excluded.fingerprint, "
            "source=excluded.source, outlet=excluded.outlet, title=excluded.title, published=excluded.published, "
            "body=excluded.body, record=excluded.record",
            (article.id, article.fingerprint, article.source, article.outlet, article.title,
             article.published.date or article.published.earliest, _zip(article.body), article_record(article),
             time.time()),
        )
        if old is None:
            rowid = c.execute("SELECT rowid FROM articles WHERE id=?", (article.id,)).fetchone()[0]
            index_article(c, rowid, article.title, article.body)
        elif (old[1] or "", old_body) != (article.title or "", article.body):
            unindex_article(c, old[0], old[1], old_body)
            index_article(c, old[0], article.title, article.body)
        if analysis is not None:
            c.execute("INSERT OR REPLACE INTO analyses (article, record, parsed) VALUES (?,?,?)",
                      (article.id, analysis_record(analysis, article.body), analysis.parsed))

    def get_article(self, article_id: str) -> Article | None:
        row = self.conn.execute(_ARTICLE_SELECT + " WHERE id=?", (article_id,)).fetchone()
        return _article(row) if row else None

    def get_articles(self, ids: Iterable[str]) -> list[Article]:
        out = []
        for aid in ids:
            a = self.get_article(aid)
            if a is not None:
                out.append(a)
        return out

    def iter_articles(self) -> Iterator[Article]:
        for row in self.conn.execute(_ARTICLE_SELECT + " ORDER BY published, id"):
            yield _article(row)

    def get_analysis(self, article_id: str) -> ArticleAnalysis | None:
        row = self.conn.execute("SELECT n.record, n.parsed, a.body FROM analyses n LEFT JOIN articles a ON a.id = n.article "
                                "WHERE n.article=?", (article_id,)).fetchone()
        if not row:
            return None
        analysis = analysis_from_dict(read_analysis_record(row[0], read_body(row[2])))
        analysis.parsed = row[1]
        return analysis

    def tidy_search(self, added: int) -> None:
        """After ``added`` articles were written, merge the search index's segments into one
        when that is cheap next to the writing (they are at least a fifth of the store): each
        batch of writes leaves a segment, and one merged index is smaller (newsclusters-dev:
        2.8 -> 2.4 KB an article). FTS5's own merging keeps small additions in check."""
        if not added:
            return
        # How many articles there are, counted no further than the rule needs.
        total = self.conn.execute("SELECT COUNT(*) FROM (SELECT 1 FROM articles LIMIT ?)", (added * 5 + 1,)).fetchone()[0]
        if added * 5 >= total:
            with self.transaction() as c:
                c.execute("INSERT INTO articles_fts (articles_fts) VALUES ('optimize')")

    def count(self, table: str) -> int:
        if table not in {"articles", "stories", "rejected", "analyses"}:
            raise ValueError(table)
        return self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]

    def search(self, query: str, limit: int = 50) -> list[dict[str, Any]]:
        """Full-text search over titles and bodies (FTS5); the query is taken as plain words."""
        words = [w for w in "".join(ch if ch.isalnum() else " " for ch in query).split() if w]
        if not words:
            return []
        fts = " ".join(f'"{w}"' for w in words)
        rows = self.conn.execute(
            "SELECT a.id, a.title, a.outlet, a.published, s.story AS story, a.body "
            "FROM (SELECT rowid, rank FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?) f "
            "JOIN articles a ON a.rowid = f.rowid "
            "LEFT JOIN story_articles s ON s.article = a.id ORDER BY f.rank",
            (fts, limit),
        ).fetchall()
        out = []
        for r in rows:
            d = dict(r)
            d["snippet"] = snippet(read_body(d.pop("body")) or "", words)
            out.append(d)
        return out

    # -- stories
    def put_story(self, c: sqlite3.Connection, story: Story) -> None:
        # Upsert (see put_article): REPLACE would cascade to the story's index rows.
        c.execute(
            "INSERT INTO stories (id, title, first, last, n_articles, record, updated) VALUES (?,?,?,?,?,?,?) "
            "ON CONFLICT(id) DO UPDATE SET title=excluded.title, first=excluded.first, last=excluded.last, "
            "n_articles=excluded.n_articles, record=excluded.record, updated=excluded.updated",
            (story.id, story.title, story.first, story.last, len(story.articles),
             _zip(_dumps(story)), time.time()),
        )
        c.execute("DELETE FROM story_articles WHERE story=?", (story.id,))
        for aid in story.articles:
            c.execute("INSERT OR REPLACE INTO story_articles (story, article) VALUES (?,?)", (story.id, aid))

    def delete_story(self, c: sqlite3.Connection, story_id: str) -> None:
        c.execute("DELETE FROM stories WHERE id=?", (story_id,))

    def get_story(self, story_id: str) -> Story | None:
        row = self.conn.execute("SELECT record FROM stories WHERE id=?", (story_id,)).fetchone()
        return story_from_dict(read_json(row[0])) if row else None

    def story_of(self, article_id: str) -> str | None:
        row = self.conn.execute("SELECT story FROM story_articles WHERE article=?", (article_id,)).fetchone()
        return row[0] if row else None

    def list_stories(self, limit: int = 1000) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT id, title, first, last, n_articles, updated FROM stories ORDER BY COALESCE(last, '') DESC, updated DESC LIMIT ?",
            (limit,),
        ).fetchall()
        return [dict(r) for r in rows]

    def iter_stories(self) -> Iterator[Story]:
        for row in self.conn.execute("SELECT record FROM stories ORDER BY COALESCE(last, '') DESC, id"):
            yield story_from_dict(read_json(row[0]))

    # -- rejections
    def put_rejections(self, c: sqlite3.Connection, rejections: Iterable[Rejection]) -> None:
        for r in rejections:
            c.execute("INSERT INTO rejected (source, reason, at) VALUES (?,?,?)", (r.source, r.reason, time.time()))

    def rejections(self, limit: int = 1000) -> list[Rejection]:
        rows = self.conn.execute("SELECT source, reason FROM rejected ORDER BY at DESC LIMIT ?", (limit,)).fetchall()
        return [Rejection(r[0], r[1]) for r in rows]

    # -- story grouping index (see storyline.stories.group / incremental)
    def put_article_terms(self, c: sqlite3.Connection, article_id: str, published: str | None, counts: dict[str, float]) -> None:
        """Store one article's weighted term counts (what grouping reads instead of the text)."""
        c.execute(
            "INSERT INTO article_terms (article, published, record) VALUES (?,?,?) "
            "ON CONFLICT(article) DO UPDATE SET published=excluded.published, record=excluded.record",
            (article_id, published, _zip(counts)),
        )

    def get_article_terms(self, article_ids: Iterable[str]) -> dict[str, tuple[str | None, dict[str, float]]]:
        """{article id: (published, counts)} for the ids that have stored terms."""
        out = {}
        for chunk in _chunks(list(article_ids)):
            marks = ",".join("?" * len(chunk))
            for r in self.conn.execute(f"SELECT article, published, record FROM article_terms WHERE article IN ({marks})", chunk):
                out[r[0]] = (r[1], _small_json(r[2]))
        return out

    def iter_article_terms(self) -> Iterator[tuple[str, str | None, dict[str, float]]]:
        """(article id, published, counts) for every article, undated last, then by date and id."""
        cur = self.conn.execute(
            "SELECT article, published, record FROM article_terms ORDER BY published IS NULL, published, article")
        for r in cur:
            yield r[0], r[1], _small_json(r[2])

    def articles_without_terms(self) -> list[str]:
        """Ids of stored articles whose grouping terms are not stored yet."""
        rows = self.conn.execute(
            "SELECT id FROM articles a WHERE NOT EXISTS (SELECT 1 FROM article_terms t WHERE t.article = a.id) ORDER BY id")
        return [r[0] for r in rows]

    def articles_without_story(self) -> list[str]:
        """Stored articles that belong to no story (e.g. an add interrupted after ingest).

        Only articles stored after the last :meth:`mark_storied` are looked at (rowids grow as
        articles are stored, and an add that stores articles but fails before grouping them
        never marks them): an add into a large store must not read every article."""
        since = int(self.get_grouping_state("storied_rowid") or 0)
        rows = self.conn.execute(
            "SELECT id FROM articles a WHERE rowid > ? AND NOT EXISTS "
            "(SELECT 1 FROM story_articles s WHERE s.article = a.id) ORDER BY id", (since,))
        return [r[0] for r in rows]

    def mark_storied(self, c: sqlite3.Connection) -> None:
        """Record, inside the transaction that puts them into stories, that every article
        stored so far is in a story or being put into one (see :meth:`articles_without_story`)."""
        top = c.execute("SELECT MAX(rowid) FROM articles").fetchone()[0]
        self.set_grouping_state(c, "storied_rowid", str(top or 0))

    def has_stories(self) -> bool:
        return self.conn.execute("SELECT 1 FROM stories LIMIT 1").fetchone() is not None

    def has_story_index(self) -> bool:
        return self.conn.execute("SELECT 1 FROM story_vectors LIMIT 1").fetchone() is not None

    def story_members(self, story_id: str) -> list[str]:
        """Ids of the articles of one story."""
        return [r[0] for r in self.conn.execute("SELECT article FROM story_articles WHERE story=? ORDER BY article", (story_id,))]

    def get_doc_freq(self, terms: Iterable[str]) -> tuple[dict[str, int], int]:
        """Document frequencies of ``terms`` and the number of articles counted."""
        df: dict[str, int] = {}
        for chunk in _chunks(list(set(terms))):
            marks = ",".join("?" * len(chunk))
            df.update((r[0], r[1]) for r in self.conn.execute(f"SELECT term, df FROM term_df WHERE term IN ({marks})", chunk))
        return df, int(self.get_grouping_state("articles") or 0)

    def add_doc_freq(self, c: sqlite3.Connection, terms: Iterable[str]) -> None:
        """Count one more article using each of ``terms``."""
        c.executemany("INSERT INTO term_df (term, df) VALUES (?, 1) ON CONFLICT(term) DO UPDATE SET df = df + 1",
                      [(t,) for t in set(terms)])
        n = int(self.get_grouping_state("articles") or 0)
        self.set_grouping_state(c, "articles", str(n + 1))

    def replace_doc_freq(self, c: sqlite3.Connection, df: dict[str, int], n: int) -> None:
        """Replace all document frequencies (batch regrouping counted them afresh)."""
        c.execute("DELETE FROM term_df")
        c.executemany("INSERT INTO term_df (term, df) VALUES (?,?)", df.items())
        self.set_grouping_state(c, "articles", str(n))

    def get_grouping_state(self, key: str) -> str | None:
        """A value grouping keeps in the store (article count, feature settings)."""
        row = self.conn.execute("SELECT value FROM grouping_state WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_grouping_state(self, c: sqlite3.Connection, key: str, value: str) -> None:
        """Set a value of :meth:`get_grouping_state`."""
        c.execute("INSERT INTO grouping_state (key, value) VALUES (?,?) ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                  (key, value))

    def put_story_index(self, c: sqlite3.Connection, story_id: str, vector: dict[str, Any],
                        first: int | None, last: int | None, terms: Iterable[tuple[str, float]] | None) -> None:
        """A story's centroid record, its span (ordinal days) and the terms it is indexed
        under (``terms=None`` leaves the indexed terms as they are)."""
        c.execute(
            "INSERT INTO story_vectors (story, record, first, last) VALUES (?,?,?,?) ON CONFLICT(story) DO UPDATE SET "
            "record=excluded.record, first=excluded.first, last=excluded.last",
            (story_id, _zip(vector), first, last),
        )
        if terms is not None:
            c.execute("DELETE FROM story_terms WHERE story=?", (story_id,))
            c.executemany("INSERT INTO story_terms (story, term, weight) VALUES (?,?,?)",
                          [(story_id, t, float(w)) for t, w in terms])

    def add_story_member(self, c: sqlite3.Connection, story_id: str, article_id: str) -> None:
        """Put one article into a story (out of any other) before the story is rebuilt."""
        c.execute("INSERT OR REPLACE INTO story_articles (story, article) VALUES (?,?)", (story_id, article_id))

    def merge_stories(self, c: sqlite3.Connection, gone: str, keep: str) -> None:
        """Move every article of story ``gone`` into ``keep`` and delete ``gone``."""
        c.execute("UPDATE story_articles SET story=? WHERE story=?", (keep, gone))
        c.execute("DELETE FROM stories WHERE id=?", (gone,))

    def get_story_vectors(self, story_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """{story id: centroid record} for the ids that have one."""
        out = {}
        for chunk in _chunks(list(story_ids)):
            marks = ",".join("?" * len(chunk))
            for r in self.conn.execute(f"SELECT story, record FROM story_vectors WHERE story IN ({marks})", chunk):
                out[r[0]] = _small_json(r[1])
        return out

    def story_postings(self, terms: Iterable[str], day: int | None, window: int,
                       until: int | None = None) -> list[tuple[str, str]]:
        """(story, term) for stories indexed under any of ``terms`` whose span comes
        within ``window`` days of ``day`` (of the span ``day``..``until`` when given; any
        story when ``day`` is None). Days are ordinal days."""
        out = []
        for chunk in _chunks(list(terms)):
            marks = ",".join("?" * len(chunk))
            sql = (f"SELECT t.story, t.term FROM story_terms t JOIN story_vectors v ON v.story = t.story "
                   f"WHERE t.term IN ({marks})")
            args: list[Any] = list(chunk)
            if day is not None:
                sql += " AND (v.first IS NULL OR (v.last >= ? AND v.first <= ?))"
                args += [day - window, (day if until is None else until) + window]
            out.extend((r[0], r[1]) for r in self.conn.execute(sql, args))
        return out

    # -- corrections (see storyline.stories.corrections)
    def add_correction(self, c: sqlite3.Connection, kind: str, record: dict[str, Any]) -> int:
        """Record one correction; returns its number."""
        cur = c.execute("INSERT INTO story_corrections (kind, record, at) VALUES (?,?,?)",
                        (kind, json.dumps(record, ensure_ascii=False, separators=(",", ":")), time.time()))
        return int(cur.lastrowid)

    def corrections(self, active_only: bool = False) -> list[dict[str, Any]]:
        """Every correction (or only those not undone), oldest first: id, kind, at, undone
        and the stored record's fields."""
        sql = "SELECT id, kind, record, at, undone FROM story_corrections"
        if active_only:
            sql += " WHERE undone IS NULL"
        return [{**json.loads(r[2]), "id": r[0], "kind": r[1], "at": r[3], "undone": r[4]}
                for r in self.conn.execute(sql + " ORDER BY id")]

    def mark_undone(self, c: sqlite3.Connection, correction_id: int) -> None:
        """Mark a correction undone (it stays listed)."""
        c.execute("UPDATE story_corrections SET undone=? WHERE id=?", (time.time(), correction_id))

    def replace_pins(self, c: sqlite3.Connection, pins: dict[str, int]) -> None:
        """Replace every pin (article -> label) with ``pins``."""
        c.execute("DELETE FROM story_pins")
        c.executemany("INSERT INTO story_pins (article, label) VALUES (?,?)", pins.items())

    def pins(self, article_ids: Iterable[str] | None = None) -> dict[str, int]:
        """{article: label} for every pinned article, or for those of ``article_ids``."""
        if article_ids is None:
            return {r[0]: r[1] for r in self.conn.execute("SELECT article, label FROM story_pins")}
        out = {}
        for chunk in _chunks(list(article_ids)):
            marks = ",".join("?" * len(chunk))
            out.update((r[0], r[1]) for r in self.conn.execute(
                f"SELECT article, label FROM story_pins WHERE article IN ({marks})", chunk))
        return out

    def has_pins(self) -> bool:
        """Whether any correction constrains grouping."""
        return self.conn.execute("SELECT 1 FROM story_pins LIMIT 1").fetchone() is not None

    def label_of_story(self, story_id: str) -> int | None:
        """The label of the pinned articles of a story (None when it has none)."""
        row = self.conn.execute("SELECT p.label FROM story_articles s JOIN story_pins p ON p.article = s.article "
                                "WHERE s.story=? LIMIT 1", (story_id,)).fetchone()
        return row[0] if row else None

    def story_of_label(self, label: int) -> str | None:
        """The story holding the articles pinned under ``label`` (None when none is in one)."""
        row = self.conn.execute("SELECT s.story FROM story_pins p JOIN story_articles s ON s.article = p.article "
                                "WHERE p.label=? LIMIT 1", (label,)).fetchone()
        return row[0] if row else None

    # -- what changed per story (see storyline.stories.changes)
    def add_story_changes(self, c: sqlite3.Connection, story_id: str, record: dict[str, Any]) -> int:
        """Record one change set of a story; returns its number."""
        cur = c.execute("INSERT INTO story_changes (story, at, record) VALUES (?,?,?)",
                        (story_id, time.time(), json.dumps(record, ensure_ascii=False, separators=(",", ":"))))
        return int(cur.lastrowid)

    def story_changes(self, story_id: str | None = None, since: float | None = None,
                      limit: int = 1000, after: int | None = None) -> list[dict[str, Any]]:
        """Change sets, newest first: of one story or all, recorded at or after ``since`` (Unix
        time), numbered above ``after``."""
        sql, args = "SELECT id, story, at, record FROM story_changes WHERE 1=1", []
        if after is not None:
            sql += " AND id>?"
            args.append(after)
        if story_id is not None:
            sql += " AND story=?"
            args.append(story_id)
        if since is not None:
            sql += " AND at>=?"
            args.append(since)
        rows = self.conn.execute(sql + " ORDER BY at DESC, id DESC LIMIT ?", [*args, limit])
        return [{**json.loads(r[3]), "id": r[0], "story": r[1], "at": r[2]} for r in rows]

    # -- watched sources (see storyline.watch)
    def watch_source(self, source: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT * FROM watch_sources WHERE source=?", (source,)).fetchone()
        return dict(row) if row else None

    def put_watch_source(self, c: sqlite3.Connection, source: str, *, etag: str | None, last_modified: str | None,
                         status: str) -> None:
        c.execute("INSERT INTO watch_sources (source, etag, last_modified, checked, status) VALUES (?,?,?,?,?) "
                  "ON CONFLICT(source) DO UPDATE SET etag=excluded.etag, last_modified=excluded.last_modified, "
                  "checked=excluded.checked, status=excluded.status",
                  (source, etag, last_modified, time.time(), status))

    def watch_entries(self, source: str, states: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
        """{entry: row} of one source's entries (only those in ``states`` when given)."""
        rows = self.conn.execute("SELECT * FROM watch_entries WHERE source=? ORDER BY seen, entry", (source,))
        wanted = set(states) if states is not None else None
        return {r["entry"]: dict(r) for r in rows if wanted is None or r["state"] in wanted}

    def put_watch_entry(self, c: sqlite3.Connection, source: str, entry: str, *, url: str | None, state: str,
                        article: str | None = None, reason: str | None = None, attempt: bool = False,
                        published: str | None = None) -> None:
        """Record an entry a source listed (with the publication date its listing gave), or
        what became of it."""
        now = time.time()
        c.execute("INSERT INTO watch_entries (source, entry, url, published, state, article, reason, attempts, seen, "
                  "done) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT(source, entry) DO UPDATE SET state=excluded.state, "
                  "article=COALESCE(excluded.article, article), reason=excluded.reason, "
                  "attempts=attempts+excluded.attempts, done=excluded.done",
                  (source, entry, url, published, state, article, reason, int(attempt), now,
                   now if state in ("done", "rejected", "failed") else None))

    def count_story_index(self) -> int:
        """How many stories have a centroid in the index."""
        return self.conn.execute("SELECT COUNT(*) FROM story_vectors").fetchone()[0]


def _chunks(items: list, size: int = 500) -> Iterator[list]:
    # SQLite caps the number of bound parameters per statement.
    for i in range(0, len(items), size):
        yield items[i:i + size]
