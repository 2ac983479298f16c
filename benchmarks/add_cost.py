"""The cost of `storyline add` for one article into stores of 1k, 10k and 100k articles.

1. ``base``: real Timeline17 articles (an even spread of ``--base-limit``) go through the
   full per-article stage (clean + annotate, ``--workers`` processes) into a store, with
   their folder dates and ids unique per folder; the store is grouped in batch
   (``regroup``), timed.
2. ``grow``: a store of N articles is made from the base by replicating its articles
   with fresh ids (``<id>#r<k>``), fresh fingerprints and publication dates shifted by
   ``k`` x 4 years, so each copy tells its stories again in another period rather than
   swelling the same stories k-fold. Their stored analyses and terms are copied, not
   recomputed; the stories are then grouped from the stored terms (timed, peak memory
   sampled) and written with light records (title, keywords, members) instead of being
   built in full: building every story is the story stages' cost, not grouping's.
3. ``add``: held-out real articles (not in the base), each written as a news-please
   JSON file dated inside the last copy's span, are added one at a time: through the CLI
   (a fresh process: start-up and model loading included) and through the API in one
   warm process (the model already loaded), with ``add_to_store``'s share timed apart.
   ``--profile`` writes a pyinstrument profile of one warm add.

    .venv/bin/python benchmarks/add_cost.py --base-limit 1000 --sizes 1000,10000,100000

Not a test: figures depend on the machine and on what else runs on it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, SHARED_EVAL, machine, measure, t17_files  # noqa: E402

SHIFT_DAYS = 4 * 365 + 1  # one copy's dates move by four years


def _raw_items(files: list[Path]):
    from storyline.ingest import read_inputs
    from storyline.model import RawArticle

    for path in files:
        source = path.parts[-4]
        for raw in read_inputs([path]):
            if isinstance(raw, RawArticle):
                raw.id = f"{source}/{path.parent.name}/{raw.id}"
                yield raw, path.parent.name


def _process(item):
    from storyline.pipeline import process_raw

    return process_raw(*item)


def build_base(db: Path, files: list[Path], workers: int) -> dict:
    """Process real articles into ``db`` and group them; returns timings."""
    from storyline.engines import get_engine
    from storyline.model import Rejection
    from storyline.pipeline import reanalyse
    from storyline.stories.incremental import regroup
    from storyline.store import Store

    t0 = time.perf_counter()
    eng = get_engine("local", workers)
    n = 0
    try:
        with Store(db) as store:
            batch = []
            for out in eng.map(_process, _raw_items(files)):
                if isinstance(out, Rejection):
                    continue
                batch.append(out)
                if len(batch) >= 64:
                    with store.transaction() as c:
                        for art, an in batch:
                            store.put_article(c, art, an)
                    n += len(batch)
                    batch.clear()
            with store.transaction() as c:
                for art, an in batch:
                    store.put_article(c, art, an)
            n += len(batch)
            t1 = time.perf_counter()
            stories = regroup(store, reanalyse=reanalyse)
            t2 = time.perf_counter()
    finally:
        eng.close()
    return {"articles": n, "process_s": round(t1 - t0, 1), "regroup_s": round(t2 - t1, 1), "stories": len(stories)}


def _shift(date: str | None, days: int) -> str | None:
    if not date:
        return date
    try:
        d = dt.date.fromisoformat(date[:10]) + dt.timedelta(days=days)
    except ValueError:
        return date
    return d.isoformat() + date[10:]


def grow(base: Path, db: Path, size: int) -> dict:
    """Copy ``base`` to ``db`` and replicate its articles until it holds ``size``, in the
    store's own format (storyline.store.sqlite: compressed body and records, the search
    index keyed by the article's rowid)."""
    import sqlite3

    from storyline.store.sqlite import _unzip, _zip, index_article, read_body

    shutil.copy(base, db)
    for ext in ("-wal", "-shm"):
        if Path(str(base) + ext).exists():
            shutil.copy(str(base) + ext, str(db) + ext)
    conn = sqlite3.connect(db, isolation_level=None)
    rows = conn.execute("SELECT a.id, a.fingerprint, a.source, a.outlet, a.title, a.published, a.body, a.record, "
                        "n.record, n.parsed, t.published, t.record FROM articles a JOIN analyses n ON n.article = a.id "
                        "JOIN article_terms t ON t.article = a.id ORDER BY a.id").fetchall()
    have = len(rows)
    k = 0
    t0 = time.perf_counter()
    conn.execute("BEGIN")
    while have < size:
        k += 1
        days = k * SHIFT_DAYS
        for (aid, fp, source, outlet, title, published, body, record, analysis, parsed, tpub, terms) in rows:
            if have >= size:
                break
            new = f"{aid}#r{k}"
            text = read_body(body)
            rec = json.loads(_unzip(record, text))
            pub = rec.get("published") or {}
            for key in ("date", "earliest", "latest"):
                pub[key] = _shift(pub.get(key), days)
            cur = conn.execute(
                "INSERT INTO articles (id, fingerprint, source, outlet, title, published, body, record, added) "
                "VALUES (?,?,?,?,?,?,?,?,?)",
                (new, hashlib.sha1(f"{fp}#r{k}".encode()).hexdigest(), source, outlet, title, _shift(published, days),
                 body, _zip(rec, text), time.time()))
            index_article(conn, cur.lastrowid, title, text)
            # Ids inside an analysis start with the article id (claims, evidence): rename the prefix.
            an = _unzip(analysis, text).replace(f'"{aid}', f'"{new}')
            conn.execute("INSERT INTO analyses (article, record, parsed) VALUES (?,?,?)", (new, _zip(an, text), parsed))
            conn.execute("INSERT INTO article_terms (article, published, record) VALUES (?,?,?)",
                         (new, _shift(tpub, days), terms))
            have += 1
    conn.execute("COMMIT")
    conn.close()
    return {"copies": k, "replicate_s": round(time.perf_counter() - t0, 1)}


GROUP_LIGHT = r"""
import sys, time, resource
from storyline.model import Story
from storyline.store import Store
from storyline.story import story_id_for
from storyline.stories.group import story_title
from storyline.stories.incremental import cluster_stored, write_index
t0 = time.perf_counter()
with Store(sys.argv[1]) as store:
    with store.transaction() as c:
        cl = cluster_stored(store, c)
        t1 = time.perf_counter()
        c.execute("DELETE FROM stories")
        for key in sorted(cl.members):
            ids = cl.members[key]
            sid = story_id_for(ids)
            arts = store.get_articles(ids[:50])
            title, keywords = story_title(arts, {})
            store.put_story(c, Story(id=sid, title=title, articles=ids, keywords=keywords))
            write_index(store, c, sid, cl.stories[key])
print(len(cl.members), round(t1 - t0, 1), round(time.perf_counter() - t0, 1))
"""


def held_out(files: list[Path], used: set[Path], n: int, last_copy: int, tmp: Path) -> list[Path]:
    """``n`` real articles not in the base, as news-please JSON dated within the last copy."""
    out = []
    for path in files:
        if path in used or len(out) >= n:
            continue
        text = path.read_text("utf-8", errors="replace")
        if len(text.split()) < 200:
            continue
        date = _shift(path.parent.name, last_copy * SHIFT_DAYS)
        rec = {"title": None, "maintext": text, "date_publish": date, "source_domain": path.parts[-4].split("_")[-1],
               "url": f"https://bench.invalid/{path.parts[-4]}/{path.parent.name}/{path.name}"}
        f = tmp / f"held-{len(out)}.json"
        f.write_text(json.dumps(rec))
        out.append(f)
    return out


WARM_ADD = r"""
import json, sys, time
import storyline
from storyline.annotate.nlp import get_nlp
from storyline.stories import incremental
get_nlp()  # the model loaded, as in a long-running process
timer = {"group_and_rebuild": 0.0}
orig = incremental.add_to_store
def timed(*a, **k):
    t = time.perf_counter()
    try:
        return orig(*a, **k)
    finally:
        timer["group_and_rebuild"] += time.perf_counter() - t
import storyline.api
incremental.add_to_store = timed
profile = sys.argv[2] if len(sys.argv) > 2 and sys.argv[2] != "-" else None
rows = []
for i, f in enumerate(sys.argv[3:]):
    timer["group_and_rebuild"] = 0.0
    prof = None
    if profile and i == 0:
        from pyinstrument import Profiler
        prof = Profiler(interval=0.002); prof.start()
    t = time.perf_counter()
    r = storyline.add([f], db=sys.argv[1])
    total = time.perf_counter() - t
    if prof:
        prof.stop(); open(profile, "w").write(prof.output_text(unicode=False, color=False, show_all=False))
    story = r.stories[0] if r.stories else None
    rows.append({"total_s": round(total, 3), "group_and_rebuild_s": round(timer["group_and_rebuild"], 3),
                 "story_articles": len(story.articles) if story else 0, "added": len(r.articles)})
print(json.dumps(rows))
"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=str(SHARED_EVAL / "t17-dev"))
    ap.add_argument("--work", default="/tmp/storyline-add-bench", help="folder for the stores (large)")
    ap.add_argument("--base-limit", type=int, default=1000, help="real articles in the base store")
    ap.add_argument("--workers", type=int, default=2, help="processes for the base store's per-article stage")
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--adds", type=int, default=3, help="articles added one by one per size (warm); 1 through the CLI")
    ap.add_argument("--profile", action="store_true", help="pyinstrument profile of the first warm add per size")
    ap.add_argument("--json", default=None)
    args = ap.parse_args(argv)

    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    all_files = t17_files(Path(args.data))
    base_files = t17_files(Path(args.data), args.base_limit)
    base = work / "base.db"
    report: dict = {"machine": machine(), "sizes": []}
    print(f"machine: {report['machine']}", flush=True)
    if not base.exists():
        info = build_base(base, base_files, args.workers)
        print(f"base: {json.dumps(info)}", flush=True)
        report["base"] = info
    py = sys.executable
    for size in [int(s) for s in args.sizes.split(",")]:
        db = work / f"store-{size}.db"
        for p in work.glob(f"store-{size}.db*"):
            p.unlink()
        g = grow(base, db, size)
        r = measure([py, "-c", GROUP_LIGHT, str(db)])
        if r["returncode"]:
            print(r["stderr"], file=sys.stderr)
            return 1
        n_stories, cluster_s, index_s = r["stdout"].split()
        row = {"size": size, **g, "stories": int(n_stories), "group_s": float(cluster_s),
               "group_and_write_s": float(index_s), "group_peak_mib": round(r["peak_mib"]),
               "db_mib": round(os.path.getsize(db) / 2**20)}
        held = held_out(all_files, set(base_files), args.adds + 1, g["copies"], work)
        cli = measure([py, "-m", "storyline", "add", str(held[0]), "--db", str(db), "--quiet"])
        row["cli_add_s"] = round(cli["seconds"], 2)
        row["cli_add_peak_mib"] = round(cli["peak_mib"])
        prof = str(work / f"profile-add-{size}.txt") if args.profile else "-"
        warm = measure([py, "-c", WARM_ADD, str(db), prof, *map(str, held[1:])])
        if warm["returncode"]:
            print(warm["stderr"], file=sys.stderr)
            return 1
        adds = json.loads(warm["stdout"])
        row["warm_add_s_median"] = statistics.median(a["total_s"] for a in adds)
        row["warm_group_and_rebuild_s_median"] = statistics.median(a["group_and_rebuild_s"] for a in adds)
        row["warm_adds"] = adds
        row["warm_peak_mib"] = round(warm["peak_mib"])
        print(json.dumps(row), flush=True)
        report["sizes"].append(row)
        for f in held:
            f.unlink()
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
