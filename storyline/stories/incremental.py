"""Stories in a store: grouping everything (batch) and adding articles one by one.

Both modes keep the same index in the store (migration 0004): each article's weighted
terms (``article_terms``), document frequencies (``term_df``), each story's centroid and
span (``story_vectors``) and the terms it is indexed under (``story_terms``). So
``storyline add`` scores a new article against a handful of candidate stories found
through ``story_terms`` and rebuilds only the stories it touched, without rereading the
rest of the corpus; the scoring is :class:`storyline.stories.group.Clusterer`'s.

Batch mode streams: features are computed once per article and kept in the store;
grouping reads them back in publication order and holds only story centroids; stories
are built and written one at a time.
"""

from __future__ import annotations

import heapq
import json
import logging
from collections.abc import Callable
from dataclasses import asdict as dc_asdict
from pathlib import Path

from storyline.model import Article, ArticleAnalysis, Story
from storyline.stories.group import (
    DEFAULT,
    Clusterer,
    DocFreq,
    GroupingConfig,
    StoryVector,
    _day,
    _weight,
    article_features,
    headline_words,
    reindex_due,
    similarity_terms,
    vectorise,
)

log = logging.getLogger("storyline")

# 2: headline words stored with the terms (issue 15)
FEATURES_VERSION = "2"


def _features_key(config: GroupingConfig) -> str:
    # Stored terms depend on these settings; when they change, terms are recomputed.
    d = dc_asdict(config)
    keep = {k: d[k] for k in ("title_weight", "lead_words", "entity_weight", "entity_lead_only")}
    return FEATURES_VERSION + ":" + json.dumps(keep, sort_keys=True)


def ensure_terms(store, c, config: GroupingConfig = DEFAULT) -> int:
    """Compute and store the terms of every article that has none (all of them when the
    feature settings changed); returns how many were computed."""
    key = _features_key(config)
    if store.get_grouping_state("features") != key:
        c.execute("DELETE FROM article_terms")
        store.set_grouping_state(c, "features", key)
    todo = store.articles_without_terms()
    for aid in todo:
        art = store.get_article(aid)
        if art is None:
            continue
        f = article_features(art, store.get_analysis(aid), config)
        store.put_article_terms(c, aid, f.published, f.counts)
    return len(todo)


def write_index(store, c, story_id: str, sv: StoryVector, config: GroupingConfig = DEFAULT) -> None:
    """Store a story's centroid, span and index terms."""
    store.put_story_index(c, story_id, sv.to_dict(), sv.first, sv.last, sv.top_terms(config.index_terms))


def _build_and_put(store, c, story_id: str, article_ids: list[str], max_events: int | None,
                   reanalyse: Callable[[Article, ArticleAnalysis], ArticleAnalysis] | None, added: list[str] | None = None) -> Story:
    """Build one story and store it; with ``added`` (the articles an add brought), also
    record what changed in it against the stored story (storyline.stories.changes)."""
    from storyline.story import build_story

    articles = store.get_articles(article_ids)
    analyses = {a.id: store.get_analysis(a.id) or ArticleAnalysis(article=a.id) for a in articles}
    before = store.get_story(story_id) if added is not None else None
    story = build_story(story_id, articles, analyses, max_events=max_events, reanalyse=reanalyse)
    if added is not None:
        from storyline.stories.changes import change_set, is_empty

        changes = change_set(before, story, added, {a.id: a for a in articles})
        if changes["articles"] and not is_empty(changes):
            store.add_story_changes(c, story_id, changes)
    store.put_story(c, story)
    for a in articles:  # inferred publication dates are kept with the article
        if a.published.how == "inferred":
            store.put_article(c, a, analyses[a.id])
    return story


def cluster_stored(store, c, config: GroupingConfig = DEFAULT) -> Clusterer:
    """Group every stored article (inside the open transaction ``c``): terms computed for
    the articles that lack them, document frequencies counted and stored, then the single
    pass and the merge pass over the stored terms in publication order. Returns the
    clusterer, whose ``members`` and ``stories`` are the stories and their centroids."""
    ensure_terms(store, c, config)
    docfreq = DocFreq()
    for _, _, counts in store.iter_article_terms():
        docfreq.add(counts)
    cl = Clusterer(config, pins=store.pins())  # the user's corrections, as constraints
    for aid, published, counts in store.iter_article_terms():
        cl.assign(aid, vectorise(counts, docfreq, config), _day(published), headline_words(counts))
    cl.merge_pass()
    store.replace_doc_freq(c, docfreq.df, docfreq.n)
    return cl


def regroup(store, *, max_events: int | None = None, config: GroupingConfig | None = None,
            reanalyse: Callable[[Article, ArticleAnalysis], ArticleAnalysis] | None = None, progress=None,
            engine=None) -> list[Story]:
    """Batch mode: group every stored article and rebuild every story, in one transaction.

    Memory holds the story centroids and the article ids, not the articles: features are
    streamed from the store and stories are built and written one at a time. With an
    ``engine`` other than the local one, the stories are built on its workers, each reading
    its story's articles and analyses from the store (:func:`build_stored`); this process
    only groups and writes.
    """
    from storyline.story import story_id_for

    config = config or DEFAULT
    stories: list[Story] = []
    with store.transaction() as c:
        cl = cluster_stored(store, c, config)
        c.execute("DELETE FROM stories")  # cascades to story_articles and the story index
        if progress is not None and hasattr(progress, "stage"):
            # Grouping is done: building the stories has a known total, so a time left.
            progress.stage("build stories", total=len(cl.members), unit="story", units="stories")
        keys = sorted(cl.members)
        if _parallel(store, engine, reanalyse, len(keys)):
            path = str(Path(store.path).resolve())  # a worker's working folder may not be ours
            items = [(path, story_id_for(cl.members[k]), cl.members[k], max_events) for k in keys]
            # Largest first, so that no big story starts last while the other workers idle.
            order = sorted(range(len(keys)), key=lambda i: (-len(items[i][2]), i))
            built: dict[int, Story] = {}
            for i, (story, inferred) in zip(order, engine.map(build_stored, (items[i] for i in order), chunksize=1)):
                _put_built(store, c, story, inferred)
                write_index(store, c, story.id, cl.stories[keys[i]], config)
                built[i] = story
                if progress:
                    progress.tick()
            return [built[i] for i in range(len(keys))]
        for key in keys:
            ids = cl.members[key]
            sid = story_id_for(ids)
            stories.append(_build_and_put(store, c, sid, ids, max_events, reanalyse))
            write_index(store, c, sid, cl.stories[key], config)
            if progress:
                progress.tick()
    return stories


def _parallel(store, engine, reanalyse, n_stories: int) -> bool:
    """Build on the engine's workers: there are workers, they can open the store's file, and
    the default date re-resolution is used (a caller's own cannot be shipped)."""
    return (engine is not None and getattr(engine, "name", "local") != "local" and reanalyse is None
            and store.path != ":memory:" and n_stories > 1)


def build_stored(item: tuple[str, str, list[str], int | None]) -> tuple[Story, list[tuple[Article, ArticleAnalysis]]]:
    """One story built from the store at ``path`` (opened read-only), on whatever worker runs
    it; returns the story and the articles whose dates it inferred, with their analyses,
    for the caller to write."""
    from storyline.store import Store
    from storyline.story import build_story

    path, story_id, article_ids, max_events = item
    with Store.reader(path) as store:
        articles = store.get_articles(article_ids)
        analyses = {a.id: store.get_analysis(a.id) or ArticleAnalysis(article=a.id) for a in articles}
    story = build_story(story_id, articles, analyses, max_events=max_events)
    return story, [(a, analyses[a.id]) for a in articles if a.published.how == "inferred"]


def _put_built(store, c, story: Story, inferred: list[tuple[Article, ArticleAnalysis]]) -> None:
    store.put_story(c, story)
    for a, an in inferred:  # inferred publication dates are kept with the article
        store.put_article(c, a, an)


class StoreClusterer(Clusterer):
    """:class:`Clusterer` whose stories and inverted index live in the store: candidates
    come from ``story_terms`` within the time window, centroids from ``story_vectors``
    (loaded only for the candidates), and every join or merge is written through at once
    (inside the caller's transaction). ``touched`` collects the ids of stories to rebuild.
    Pin labels (corrections) are looked up per story in the store, and only when the
    store has any, so an add on an uncorrected store costs what it did.
    """

    def __init__(self, store, c, config: GroupingConfig = DEFAULT, pins: dict[str, int] | None = None):
        super().__init__(config, pins)
        self.store, self.c = store, c
        self.ids: dict[int, str] = {}  # local key -> story id
        self.keys: dict[str, int] = {}
        self.touched: dict[str, None] = {}  # story ids, in the order first touched
        self.pinned = store.has_pins()
        self._label_known: set[int] = set()

    def _key(self, story_id: str) -> int:
        if story_id not in self.keys:
            k = len(self.keys)
            self.keys[story_id] = k
            self.ids[k] = story_id
        return self.keys[story_id]

    def candidates(self, vec: dict[str, float], day: int | None, until: int | None = None) -> list[int]:
        """As :meth:`Clusterer.candidates`, from ``story_terms``; loads the candidates' centroids."""
        cfg = self.config
        query = dict(heapq.nlargest(cfg.query_terms, vec.items(), key=_weight))
        overlap: dict[str, float] = {}
        for sid, term in self.store.story_postings(query, day, cfg.window_days, until):
            overlap[sid] = overlap.get(sid, 0.0) + query[term]
        best = heapq.nlargest(cfg.max_candidates, overlap, key=lambda s: (overlap[s], s))
        missing = [s for s in best if self._key(s) not in self.stories]
        for sid, rec in self.store.get_story_vectors(missing).items():
            self.stories[self._key(sid)] = StoryVector.from_dict(rec)
        return [self.keys[s] for s in best if self.keys[s] in self.stories]

    def label_of(self, s: int) -> int | None:
        """As :meth:`Clusterer.label_of`, read from the store once per story."""
        if self.pinned and s not in self._label_known:
            self._label_known.add(s)
            self._set_label(s, self.store.label_of_story(self.ids[s]))
        return self.labels.get(s)

    def story_of_label(self, label: int) -> int | None:
        """As :meth:`Clusterer.story_of_label`, from the store; loads that story's centroid."""
        if label in self.by_label:
            return self.by_label[label]
        sid = self.store.story_of_label(label)
        if sid is None:
            return None
        key = self._key(sid)
        if key not in self.stories:
            rec = self.store.get_story_vectors([sid]).get(sid)
            self.stories[key] = StoryVector.from_dict(rec) if rec else StoryVector()
        self._set_label(key, label)
        return key

    def _new_story(self, article_id: str) -> int:
        from storyline.story import story_id_for

        sid = story_id_for([article_id])
        key = self._key(sid)
        self.stories[key] = StoryVector()
        # A placeholder row for the membership and index rows to belong to; the built
        # story replaces it before the transaction ends.
        self.store.put_story(self.c, Story(id=sid, title="", articles=[]))
        return key

    def _joined(self, s: int, article_id: str) -> None:
        sid = self.ids[s]
        self.store.add_story_member(self.c, sid, article_id)
        self._write(s, reindex_due(self.stories[s].n))
        self.touched[sid] = None

    def _write(self, s: int, terms: bool) -> None:
        sv = self.stories[s]
        self.store.put_story_index(self.c, self.ids[s], sv.to_dict(), sv.first, sv.last,
                                   sv.top_terms(self.config.index_terms) if terms else None)

    def _merge(self, keep: int, gone: int) -> None:
        self.label_of(gone)
        self._set_label(keep, self.labels.pop(gone, None))
        self.stories[keep].absorb(self.stories.pop(gone), self.config)
        self.store.merge_stories(self.c, self.ids[gone], self.ids[keep])
        self._write(keep, True)
        self.touched.pop(self.ids[gone], None)
        self.touched[self.ids[keep]] = None


def add_to_store(store, articles: list[Article], *, max_events: int | None = None,
                 config: GroupingConfig | None = None,
                 reanalyse: Callable[[Article, ArticleAnalysis], ArticleAnalysis] | None = None) -> list[Story]:
    """Put newly stored articles into stories and rebuild only the stories they touched.

    Each article (in publication order) joins the best candidate story or starts one;
    document frequencies and the story index are updated as it goes, all in one
    transaction. Articles that a previous, interrupted add left without a story are
    picked up too. Returns the stories built. Articles already in a story are ignored,
    so adding the same article twice does nothing.
    """
    config = config or DEFAULT
    if store.has_stories() and not store.has_story_index():
        # A store grouped before the index existed: build the index once, in batch.
        ids = {a.id for a in articles}
        stories = regroup(store, max_events=max_events, config=config, reanalyse=reanalyse)
        return [s for s in stories if ids & set(s.articles)]
    with store.transaction() as c:
        if store.get_grouping_state("features") != _features_key(config):
            ensure_terms(store, c, config)  # a settings change: every article's terms again
        todo = list(dict.fromkeys([a.id for a in articles if store.story_of(a.id) is None]
                                  + store.articles_without_story()))
        store.mark_storied(c)  # all of them get a story in this transaction
        if not todo:
            return []
        by_id = {a.id: a for a in articles}
        feats = []
        for aid in todo:
            art = by_id.get(aid) or store.get_article(aid)
            if art is None:
                continue
            f = article_features(art, store.get_analysis(aid), config)
            store.put_article_terms(c, aid, f.published, f.counts)
            store.add_doc_freq(c, similarity_terms(f.counts))
            feats.append(f)
        df, n = store.get_doc_freq(t for f in feats for t in similarity_terms(f.counts))
        docfreq = DocFreq(df, n)
        cl = StoreClusterer(store, c, config, pins=store.pins(todo))
        for f in sorted(feats, key=lambda f: (f.published is None, f.published or "", f.article)):
            cl.assign(f.article, vectorise(f.counts, docfreq, config, min_df=1), _day(f.published),
                      headline_words(f.counts))
        added = [f.article for f in feats]
        return [_build_and_put(store, c, sid, store.story_members(sid), max_events, reanalyse, added)
                for sid in cl.touched]


def rebuild_stories(store, article_ids: list[str], *, max_events: int | None = None,
                    reanalyse: Callable[[Article, ArticleAnalysis], ArticleAnalysis] | None = None) -> list[Story]:
    """Rebuild the stories holding ``article_ids`` (articles re-analysed in place), in one
    transaction; their grouping stays as it is."""
    ids = list(dict.fromkeys(s for a in article_ids for s in [store.story_of(a)] if s))
    if not ids:
        return []
    with store.transaction() as c:
        return [_build_and_put(store, c, sid, store.story_members(sid), max_events, reanalyse) for sid in ids]
