"""Story grouping, scored with B-cubed precision/recall/F1 and the adjusted Rand index.

Two layouts are recognised (``evaluate`` looks at the folder):

- **news-please JSON** (``newsclusters-dev``): one article a file; the gold story is
  ``newsCluster.EventId`` (``newsCluster.Event`` names it).
- **Timeline17** (``t17-dev``): ``<story>_<source>/InputDocs/<YYYY-MM-DD>/<n>.htm.txt``;
  every folder's articles are mixed together, the gold story is the part of the folder
  name before the first underscore and the date folder is the publication date.

Articles go through the ingest readers and the clean stage as in ``storyline run``.
Entities come from spaCy's NER component alone (the pipeline runs the whole model; NER
in en_core_web_sm has its own token vectors, so the names found are nearly the same and
this is 2-3 times faster), canonicalised by ``annotate.entities.canonical_name``;
``full=True`` runs the full per-article stage instead.
B-cubed comes from the PyPI ``bcubed`` package (extended B-cubed, which with one gold and
one predicted story per article is the usual B-cubed); ARI from scikit-learn.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from pathlib import Path
from typing import Any

from storyline.errors import EvalDataError
from storyline.eval.common import Stopwatch
from storyline.model import Article, ArticleAnalysis, RawArticle

log = logging.getLogger(__name__)

_DATE_DIR = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def layout(data: Path) -> str:
    """``"t17"`` when ``data`` holds ``*/InputDocs`` folders, ``"newsplease"`` when it holds
    JSON files; raises :class:`EvalDataError` otherwise."""
    data = Path(data)
    if not data.is_dir():
        raise EvalDataError(f"{data}: no such folder (expected newsclusters-dev or t17-dev)")
    if any((d / "InputDocs").is_dir() for d in data.iterdir() if d.is_dir()):
        return "t17"
    if any(data.glob("*.json")):
        return "newsplease"
    raise EvalDataError(
        f"{data}: neither news-please JSON files (newsclusters-dev) nor <story>_<source>/InputDocs folders (t17-dev); "
        "point --data at one of those"
    )


def _spread(items: list, limit: int | None) -> list:
    # A limit takes an even spread, so a limited run still mixes every story.
    if not limit or limit >= len(items):
        return items
    step = len(items) / limit
    return [items[int(i * step)] for i in range(limit)]


def load_t17(data: Path, limit: int | None = None) -> list[tuple[RawArticle, str, str]]:
    """(raw article, gold story, folder date) for every article of every T17 folder."""
    from storyline.ingest import read_inputs

    files = sorted(p for p in Path(data).glob("*/InputDocs/*/*") if p.is_file() and _DATE_DIR.match(p.parent.name))
    out = []
    for path in _spread(files, limit):
        source = path.parts[-4]
        gold = source.split("_", 1)[0]
        for raw in read_inputs([path]):
            if isinstance(raw, RawArticle):
                # Ids from file names repeat across folders and days; make them unique.
                raw.id = f"{source}/{path.parent.name}/{raw.id}"
                out.append((raw, gold, path.parent.name))
    return out


def load_newsplease(data: Path, limit: int | None = None) -> list[tuple[RawArticle, str, str | None]]:
    """(raw article, gold event id, None) for every news-please file with a gold event."""
    import ast

    from storyline.ingest import read_inputs

    out = []
    files = sorted(Path(data).glob("*.json"))
    for raw in read_inputs(_spread(files, limit)):
        if not isinstance(raw, RawArticle):
            continue
        cluster = raw.meta.get("newsCluster")
        if isinstance(cluster, str):  # some dumps keep it as a Python literal
            try:
                cluster = ast.literal_eval(cluster)
            except (ValueError, SyntaxError):
                cluster = None
        if isinstance(cluster, dict) and cluster.get("EventId") is not None:
            out.append((raw, str(cluster["EventId"]), None))
    if not out:
        raise EvalDataError(f"{data}: no news-please record with newsCluster.EventId")
    return out


# The mixed dev crawl: how many Timeline17 articles join the news clusters and the seeds (as
# many as the held-out mixed crawl of issue 15 had).
MIXED_T17 = 300
SEED_LABEL = "seed"


def seed_folder() -> Path | None:
    """The seed articles: the project's examples/ folder (a source checkout), else None."""
    here = Path(__file__).resolve().parents[2] / "examples"
    return here if here.is_dir() and any(here.glob("*.txt")) else None


def load_mixed(data: Path, limit: int | None = None) -> list[tuple[RawArticle, str, str | None]]:
    """The mixed dev crawl, built at eval time from the shared data and never stored: the news
    clusters of ``data`` (each event its own gold story), the seed articles (one gold story)
    and an even spread of :data:`MIXED_T17` Timeline17 articles from ``data``'s sibling
    ``t17-dev`` (gold: their story). Labels are prefixed by their source set, so no two sets
    can share a gold story."""
    from storyline.ingest import read_inputs

    t17 = Path(data).parent / "t17-dev"
    seeds = seed_folder()
    if not t17.is_dir() or seeds is None:
        raise EvalDataError(f"{data}: the mixed crawl needs {t17} and the seed articles (examples/ of a source "
                            "checkout) beside the news clusters")
    items = [(raw, f"nc:{label}", date) for raw, label, date in load_newsplease(data, limit)]
    for raw in read_inputs(sorted(seeds.glob("*.txt"))):
        if isinstance(raw, RawArticle):
            raw.id = f"seed/{raw.id}"
            items.append((raw, SEED_LABEL, None))
    items += [(raw, f"t17:{label}", date) for raw, label, date in load_t17(t17, MIXED_T17)]
    return items


def mixing(groups: list[list[str]], gold: dict[str, str]) -> dict[str, Any]:
    """Where stories mix gold stories: the predicted stories holding articles of two or more
    gold stories (with the labels and counts), and whether the seed story is whole (all seed
    articles in one story) and alone (no other article in it)."""
    mixed = []
    for i, g in enumerate(groups):
        labels = Counter(gold[a] for a in g if a in gold)
        if len(labels) > 1:
            mixed.append({"story": i, "labels": dict(labels.most_common())})
    out: dict[str, Any] = {"mixed_stories": mixed}
    seed_ids = {a for a, lab in gold.items() if lab == SEED_LABEL}
    if seed_ids:
        holding = [g for g in groups if seed_ids & set(g)]
        out["seed_whole"] = len(holding) == 1
        out["seed_alone"] = len(holding) == 1 and set(holding[0]) <= seed_ids
    return out


def _entities_only(articles: list[Article]) -> dict[str, ArticleAnalysis]:
    from storyline.annotate.entities import KEEP, canonical_name, entity_mentions
    from storyline.annotate.nlp import get_nlp
    from storyline.model import EntityMention

    def plain(doc) -> list[EntityMention]:
        return [EntityMention(e.text, e.start_char, e.end_char, e.label_, canonical_name(e.text, e.label_))
                for e in doc.ents if e.label_ in KEEP]

    nlp = get_nlp()
    out: dict[str, ArticleAnalysis] = {}
    mentions = None
    with nlp.select_pipes(enable=["ner"]):
        for art, doc in zip(articles, nlp.pipe((a.body for a in articles), batch_size=16)):
            if mentions is None:
                # The pipeline's entity_mentions may read the parse (noun chunks), which
                # NER alone does not give: then keep spaCy's names, canonicalised.
                try:
                    entity_mentions(doc)
                    mentions = entity_mentions
                except (ValueError, AttributeError):
                    mentions = plain
            out[art.id] = ArticleAnalysis(article=art.id, entities=mentions(doc))
    return out


def prepare(items: list[tuple[RawArticle, str, str | None]], full: bool = False, skipped: list | None = None):
    """Clean (and annotate) the articles; returns articles, analyses, gold by article id.
    Pages that are not articles (:mod:`storyline.clean.pagekind`) are left out, as ``storyline
    run`` leaves them out of stories; ``skipped`` collects (source, gold label, reason)."""
    from storyline.clean import clean
    from storyline.clean.pagekind import not_article
    from storyline.model import Published, Skipped
    from storyline.pipeline import process_raw, too_short

    articles, analyses, gold = [], {}, {}
    for raw, label, date in items:
        if full:
            out = process_raw(raw, date)
            if isinstance(out, Skipped) and skipped is not None:
                skipped.append((raw.source, label, out.reason))
            if not isinstance(out, tuple):
                log.info("skipped %s: %s", raw.source, out.reason)
                continue
            art, an = out
            analyses[art.id] = an
        else:
            try:
                art = clean(raw)
            except Exception as exc:  # noqa: BLE001 - an unreadable article is left out, as run does
                log.info("skipped %s: %s", raw.source, exc)
                continue
            if date:
                art.published = Published(date=date, earliest=date, latest=date, how="folder")
            short = too_short(raw, art)  # as storyline run rejects or skips it
            if short is not None:
                if isinstance(short, Skipped) and skipped is not None:
                    skipped.append((raw.source, label, short.reason))
                continue
            why = not_article(art)
            if why:
                if skipped is not None:
                    skipped.append((raw.source, label, why))
                continue
        articles.append(art)
        gold[art.id] = label
    if not full:
        analyses = _entities_only(articles)
    return articles, analyses, gold


def score(groups: list[list[str]], gold: dict[str, str]) -> dict[str, float]:
    """B-cubed precision/recall/F1 (PyPI ``bcubed``) and ARI of ``groups`` against ``gold``."""
    import bcubed
    from sklearn.metrics import adjusted_rand_score

    pred = {aid: i for i, g in enumerate(groups) for aid in g}
    ids = [a for a in gold if a in pred]
    cdict = {a: {pred[a]} for a in ids}
    ldict = {a: {gold[a]} for a in ids}
    p = bcubed.precision(cdict, ldict)
    r = bcubed.recall(cdict, ldict)
    f = bcubed.fscore(p, r) if p + r else 0.0
    ari = adjusted_rand_score([gold[a] for a in ids], [pred[a] for a in ids])
    return {"bcubed_precision": p, "bcubed_recall": r, "bcubed_f1": f, "ari": float(ari)}


def per_story(groups: list[list[str]], gold: dict[str, str]) -> list[dict[str, Any]]:
    """For each gold story: its size, how many predicted stories hold it, the share of the
    largest, and the purity of that largest predicted story."""
    pred = {aid: i for i, g in enumerate(groups) for aid in g}
    sizes = Counter(pred.values())
    items = []
    for label in sorted(set(gold.values()), key=lambda x: (len(x), x)):
        members = [a for a, g in gold.items() if g == label and a in pred]
        spread = Counter(pred[a] for a in members)
        top, top_n = spread.most_common(1)[0]
        items.append({
            "id": label,
            "articles": len(members),
            "stories": len(spread),
            "largest_share": top_n / len(members),
            "largest_purity": top_n / sizes[top],
        })
    return items


def evaluate(data: Path, limit: int | None = None, *, full: bool = False, config=None,
             online: bool = False, mixed: bool = False) -> dict[str, Any]:
    """Group the articles of ``data`` (newsclusters-dev or t17-dev layout, detected) and
    score the stories against the gold ones. ``mixed=True`` builds the mixed dev crawl
    around the news clusters of ``data`` (:func:`load_mixed`). ``online=True`` groups them as ``storyline
    add`` would, one at a time in publication order (:func:`group_online`).

    Returns ``{"dataset", "n", "metrics": {"bcubed_precision", "bcubed_recall",
    "bcubed_f1", "ari", "stories", "gold_stories", "grouping_s", "articles_per_s"},
    "items": [...one per gold story]}``. ``articles_per_s`` times grouping alone.
    """
    from storyline.stories.group import DEFAULT, article_features, group_articles, group_online

    data = Path(data)
    kind = layout(data)
    if mixed:
        if kind != "newsplease":
            raise EvalDataError(f"{data}: --mixed builds on the news clusters (newsclusters-dev layout)")
        kind, items = "mixed", load_mixed(data, limit)
    else:
        items = load_t17(data, limit) if kind == "t17" else load_newsplease(data, limit)
    skipped: list = []
    articles, analyses, gold = prepare(items, full=full, skipped=skipped)
    if not articles:
        raise EvalDataError(f"{data}: no article could be read")
    with Stopwatch() as sw:
        if online:
            cfg = config or DEFAULT
            groups = group_online([article_features(a, analyses.get(a.id), cfg) for a in articles], cfg)
        else:
            groups = group_articles(articles, analyses, config)
    metrics: dict[str, Any] = score(groups, gold)
    metrics.update({
        "stories": len(groups),
        "gold_stories": len(set(gold.values())),
        "grouping_s": round(sw.seconds, 3),
        "articles_per_s": len(articles) / sw.seconds if sw.seconds else 0.0,
        "skipped_pages": len(skipped),
    })
    found = mixing(groups, gold)
    metrics["stories_mixing_gold"] = len(found["mixed_stories"])
    for key in ("seed_whole", "seed_alone"):
        if key in found:
            metrics[key] = found[key]
    mode = "online" if online else "batch"
    return {"dataset": f"{data.name} ({kind}, {mode})", "n": len(articles), "metrics": metrics,
            "items": per_story(groups, gold), "mixed_stories": found["mixed_stories"],
            "skipped": [{"source": s, "gold": g, "reason": r} for s, g, r in skipped]}
