"""What the headline check (issue 15) costs the grouping part of `storyline add`, against a
same-run baseline with the check off.

    .venv/bin/python benchmarks/headline_check_cost.py [--data ../shared/eval/t17-dev] [--limit 1500] [--adds 30]
        [--size 100000]

An even spread of ``--limit`` Timeline17 articles is read and cleaned once (no NLP: grouping
reads words, and entities are not what is measured), with the first line of each article as
its headline, since T17 has none and the check only runs between articles that have one.
Two stores are made from the same articles, one grouped with the check off and one with it
on (``cluster_stored`` and the story index, as ``regroup`` writes it, without building the
stories). Then ``--adds`` held-out articles are added to both, alternately, and the grouping
part of each add is timed: features, document frequencies, candidates from the index,
scoring, and the index writes (``StoreClusterer.assign``); building the touched story is
the story stages' cost and is left out. Also reported: the size of a stored story record,
which now carries the story's headline words. Not a test: figures depend on the machine.

``--size N`` (issue 15, third session) measures at scale instead: one store of N articles, the
base articles replicated with fresh ids and dates shifted by four years per copy (as
``add_cost.py`` grows its stores), grouped once with the default settings; the held-out
articles, dated inside the last copy, are then added to it alternately with the check off and
on (the same store, so both see the same stories and load).
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import SHARED_EVAL, machine, t17_files  # noqa: E402


def articles(data: Path, limit: int):
    from storyline.clean import clean
    from storyline.ingest import read_inputs
    from storyline.model import Published, RawArticle

    out = []
    for path in t17_files(data, limit):
        for raw in read_inputs([path]):
            if not isinstance(raw, RawArticle):
                continue
            art = clean(raw)
            art.id = f"{path.parts[-4]}/{path.parent.name}/{raw.id}"
            day = path.parent.name
            art.published = Published(date=day, earliest=day, latest=day, how="folder")
            art.title = art.title or " ".join(art.body.strip().split("\n", 1)[0].split()[:15])
            art.fingerprint = "fp-" + art.id
            out.append(art)
    return out


def grouped_store(path: Path, base, config):
    from storyline.model import ArticleAnalysis, Story
    from storyline.stories.incremental import cluster_stored, write_index
    from storyline.store import Store
    from storyline.story import story_id_for

    store = Store(path)
    with store.transaction() as c:
        for a in base:
            store.put_article(c, a, ArticleAnalysis(article=a.id))
    with store.transaction() as c:
        cl = cluster_stored(store, c, config)
        for key in sorted(cl.members):
            ids = cl.members[key]
            sid = story_id_for(ids)
            store.put_story(c, Story(id=sid, title="", articles=list(ids)))
            write_index(store, c, sid, cl.stories[key], config)
    return store


SHIFT_DAYS = 4 * 365 + 1  # one copy's dates move by four years, as in add_cost.py


def replicated(base, size: int):
    """``base`` and copies of it (fresh ids and fingerprints, dates shifted by ``SHIFT_DAYS``
    per copy) up to ``size`` articles; returns them and the number of copies."""
    import copy
    import datetime as dt

    from storyline.model import Published

    out, k = list(base), 0
    while len(out) < size:
        k += 1
        for a in base:
            if len(out) >= size:
                break
            b = copy.copy(a)
            b.id, b.fingerprint = f"{a.id}#r{k}", f"{a.fingerprint}#r{k}"
            day = (dt.date.fromisoformat(a.published.date) + dt.timedelta(days=k * SHIFT_DAYS)).isoformat()
            b.published = Published(date=day, earliest=day, latest=day, how="folder")
            out.append(b)
    return out, k


def shifted(art, copies: int):
    import copy
    import datetime as dt

    from storyline.model import Published

    b = copy.copy(art)
    day = (dt.date.fromisoformat(art.published.date) + dt.timedelta(days=copies * SHIFT_DAYS)).isoformat()
    b.published = Published(date=day, earliest=day, latest=day, how="folder")
    return b


def at_scale(base, held, size: int, configs: dict) -> int:
    from storyline.stories.group import DEFAULT

    arts, copies = replicated(base, size)
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        store = grouped_store(Path(tmp) / "big.db", arts, DEFAULT)
        built = time.perf_counter() - t0
        stories = store.conn.execute("SELECT count(*) FROM story_vectors").fetchone()[0]
        times = {name: [] for name in configs}
        for art in held:
            art = shifted(art, copies)
            for name, cfg in configs.items():
                one = shifted(art, 0)
                one.id, one.fingerprint = f"{art.id}@{name}", f"{art.fingerprint}@{name}"
                times[name].append(grouping_part_of_add(store, one, cfg))
        print(f"{len(arts)} stored articles ({copies} copies of {len(base)}), {stories} stories, stored and grouped "
              f"in {built:.0f} s; {len(held)} adds each; grouping part of one add, milliseconds")
        print("| configuration | median add (ms) | max add (ms) |")
        print("|---|---|---|")
        for name in configs:
            print(f"| {name} | {statistics.median(times[name]) * 1000:.1f} | {max(times[name]) * 1000:.1f} |")
        store.close()
    return 0


def grouping_part_of_add(store, art, config) -> float:
    from storyline.model import ArticleAnalysis
    from storyline.stories.group import DocFreq, _day, article_features, headline_words, similarity_terms, vectorise
    from storyline.stories.incremental import StoreClusterer

    with store.transaction() as c:
        store.put_article(c, art, ArticleAnalysis(article=art.id))
        t0 = time.perf_counter()
        f = article_features(art, None, config)
        store.put_article_terms(c, art.id, f.published, f.counts)
        store.add_doc_freq(c, similarity_terms(f.counts))
        df, n = store.get_doc_freq(similarity_terms(f.counts))
        cl = StoreClusterer(store, c, config)
        cl.assign(art.id, vectorise(f.counts, DocFreq(df, n), config, min_df=1), _day(f.published),
                  headline_words(f.counts))
        return time.perf_counter() - t0


def main(argv=None) -> int:
    from storyline.stories.group import DEFAULT

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(SHARED_EVAL / "t17-dev"))
    ap.add_argument("--limit", type=int, default=1500)
    ap.add_argument("--adds", type=int, default=30)
    ap.add_argument("--size", type=int, default=0, help="one store of this many articles (base replicated)")
    args = ap.parse_args(argv)
    arts = articles(Path(args.data), args.limit)
    held = arts[::max(1, len(arts) // args.adds)][: args.adds]
    held_ids = {a.id for a in held}
    base = [a for a in arts if a.id not in held_ids]
    configs = {"check off": dataclasses.replace(DEFAULT, headline_words=0), "check on (default)": DEFAULT}
    print(machine())
    if args.size:
        return at_scale(base, held, args.size, configs)
    with tempfile.TemporaryDirectory() as tmp:
        stores, build = {}, {}
        for name, cfg in configs.items():
            t0 = time.perf_counter()
            stores[name] = grouped_store(Path(tmp) / f"{len(stores)}.db", base, cfg)
            build[name] = time.perf_counter() - t0
        times = {name: [] for name in configs}
        for art in held:  # alternately, so both see the same load
            for name, cfg in configs.items():
                times[name].append(grouping_part_of_add(stores[name], art, cfg))
        print(f"{len(base)} stored articles, {len(held)} adds each; grouping part of one add, milliseconds")
        print("| configuration | stories | store grouped (s) | median add (ms) | max add (ms) | mean story record (bytes) |")
        print("|---|---|---|---|---|---|")
        for name in configs:
            st = stores[name]
            sizes = [len(r[0]) for r in st.conn.execute("SELECT record FROM story_vectors")]
            print(f"| {name} | {len(sizes)} | {build[name]:.1f} | {statistics.median(times[name]) * 1000:.1f} | "
                  f"{max(times[name]) * 1000:.1f} | {statistics.mean(sizes):.0f} |")
            st.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
