"""Timelines on Timeline17 (t17-dev), scored the way news-tls scores them.

Layout: ``<source>/InputDocs/<YYYY-MM-DD>/<n>.htm.txt`` (tokenised text, one sentence a line;
the folder is the publication date) and ``<source>/timelines/*.txt`` (a date line, its
sentences, a line of dashes). Protocol (``shared/eval/README.md``, after news-tls's
``experiments/evaluate.py``):

1. a story is the source folder's name before the first underscore; its input is the
   articles of all its folders; each gold timeline of the story is scored on its own;
2. gold: a date line, its sentences, a dashes line; a date given twice keeps the later
   block; a malformed date line is skipped;
3. T = the gold timeline's number of dates, k = round(mean sentences per date);
4. only articles published within [first, last] gold date are input, and predicted dates
   outside it are dropped;
5. tilse's ``TimelineRougeEvaluator(measures=["rouge_1", "rouge_2"])``, align+ m:1
   (``evaluate_align_date_content_costs_many_to_one``) for AR-1/AR-2, and date F1 of the
   predicted against the gold date set. ROUGE is tilse's Python reimplementation
   (``rouge_computation="reimpl"``; it reads about 0.001-0.015 below Perl ROUGE-1.5.5), or
   the Perl original with ``STORYLINE_ROUGE=original``;
6. precision and recall are each averaged over timelines; F is their harmonic mean.

Our system is the pipeline's own: each article is cleaned (``storyline.clean``), dated by
its folder, annotated (sentences, time expressions, entities, event mentions), the
story's mentions are merged into events (``events.merge``) and the timeline is the top T
days with k sentences each (``timeline.build.top_dates``).

spaCy parses are cached on disk (``~/.cache/storyline-eval``, or ``$STORYLINE_EVAL_CACHE``)
by content hash, so a second run costs only the stages after parsing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from storyline.errors import EvalDataError
from storyline.eval.common import Stopwatch
from storyline.model import Article, ArticleAnalysis, Published, RawArticle

log = logging.getLogger(__name__)

DATE_LINE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")
DASHES = re.compile(r"^\s*-{5,}\s*$")
CACHE_VERSION = "2"  # 2: paragraphs parsed apart (annotate.nlp.paragraphs)

_PTB = [
    (re.compile(r"-LRB-"), "("), (re.compile(r"-RRB-"), ")"), (re.compile(r"-LSB-"), "["),
    (re.compile(r"-RSB-"), "]"), (re.compile(r"-LCB-"), "{"), (re.compile(r"-RCB-"), "}"),
    (re.compile(r"``\s*"), '"'), (re.compile(r"\s*''"), '"'),
    (re.compile(r" (n't|'s|'re|'ve|'ll|'d|'m|') "), r"\1 "),
    (re.compile(r" ([,.;:?!%)\]}])"), r"\1"),
    (re.compile(r"([(\[{$#]) "), r"\1"),
    (re.compile(r'" (.*?) "'), r'"\1"'),
]


def detokenise(line: str) -> str:
    """Plain text from a Penn-Treebank-tokenised line ("BP 's neck -LRB- # 346m -RRB- ." -> "BP's neck (# 346m).")."""
    text = " " + " ".join(line.split()) + " "
    for pattern, repl in _PTB:
        text = pattern.sub(repl, text)
    return " ".join(text.split())


_TOKEN = re.compile(r"\w+(?:[-.']\w+)*|n't|'s|'re|'ve|'ll|'d|'m|[^\w\s]")


def tokenise(text: str) -> str:
    """Whitespace-separated tokens close to the gold's tokenisation (tilse splits on spaces)."""
    text = re.sub(r"(\w)(n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1 \2", text)
    return " ".join(_TOKEN.findall(text))


# --------------------------------------------------------------------------- data


def load_timeline(path: Path) -> dict[dt.date, list[str]]:
    """One gold timeline: {date: [sentence, ...]}; a repeated date keeps its later block."""
    out: dict[dt.date, list[str]] = {}
    date: dt.date | None = None
    block: list[str] = []
    skipping = False
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        m = DATE_LINE.match(line)
        if m:
            try:
                date, block, skipping = dt.date(*map(int, m.groups())), [], False
            except ValueError:
                date, skipping = None, True
            continue
        if DASHES.match(line):
            if date is not None and block:
                out[date] = block
            date, block, skipping = None, [], False
            continue
        if re.match(r"^\s*\d{4}-\d{1,2}-\d{0,2}\s*$", line):  # malformed date line ("2011-04-0")
            date, block, skipping = None, [], True
            continue
        if line.strip() and date is not None and not skipping:
            block.append(line.strip())
    if date is not None and block:
        out[date] = block
    return out


def stories(data: Path) -> dict[str, list[Path]]:
    """{story: [source folders]}: a story is the folder name before the first underscore."""
    data = Path(data)
    if not data.is_dir():
        raise EvalDataError(f"{data}: no such folder (expected the Timeline17 layout: <source>/InputDocs, <source>/timelines)")
    out: dict[str, list[Path]] = defaultdict(list)
    for d in sorted(p for p in data.iterdir() if p.is_dir()):
        if (d / "InputDocs").is_dir() and (d / "timelines").is_dir():
            out[d.name.split("_")[0]].append(d)
    if not out:
        raise EvalDataError(f"{data}: no <source>/InputDocs and <source>/timelines folders found; point --data at t17-dev")
    return dict(out)


def read_articles(folders: list[Path]) -> list[tuple[RawArticle, str, dict[str, str]]]:
    """(raw article, folder date, {detokenised line: original line}) for every input file."""
    out = []
    for folder in folders:
        for day_dir in sorted((folder / "InputDocs").iterdir()):
            if not DATE_LINE.match(day_dir.name):
                continue
            for f in sorted(day_dir.glob("*.txt")):
                lines = [ln for ln in f.read_text(encoding="utf-8", errors="replace").splitlines() if ln.strip()]
                plain = [detokenise(ln) for ln in lines]
                rid = f"{folder.name}/{day_dir.name}/{f.name}"
                raw = RawArticle(id=rid, source=str(f), format="text", text="\n\n".join(plain))
                out.append((raw, day_dir.name, dict(zip(plain, lines))))
    return out


# --------------------------------------------------------------------------- analysis


def _cache_dir() -> Path:
    return Path(os.environ.get("STORYLINE_EVAL_CACHE") or Path.home() / ".cache" / "storyline-eval")


def _doc_path(text: str) -> Path:
    from storyline.annotate.nlp import MODEL

    key = hashlib.sha1(f"{MODEL}\x00{CACHE_VERSION}\x00{text}".encode()).hexdigest()
    return _cache_dir() / "docs" / key[:2] / f"{key}.bin"


def _load_doc(path: Path):
    from spacy.tokens import Doc

    from storyline.annotate.nlp import get_nlp

    try:
        return Doc(get_nlp().vocab).from_bytes(path.read_bytes())
    except Exception:  # noqa: BLE001 - a missing or damaged cache entry is parsed again
        return None


def _store_doc(path: Path, doc) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(doc.to_bytes(exclude=["tensor", "user_data"]))
        tmp.replace(path)
    except OSError:
        log.debug("cannot write the parse cache at %s", path)


def parse_all(texts: list[str], batch_size: int = 16) -> None:
    """Parse the texts not yet in the disk cache, in batches (``nlp.pipe`` is faster than one by one)."""
    from storyline.annotate.nlp import get_nlp, paragraphs

    todo = [(t, p) for t in dict.fromkeys(texts) if not (p := _doc_path(t)).exists()]
    if not todo:
        return
    nlp = get_nlp()
    for (text, path), doc in zip(todo, nlp.pipe((paragraphs(nlp, t) for t, _ in todo), batch_size=batch_size)):
        _store_doc(path, doc)


def _parse_cached(text: str):
    """spaCy Doc of ``text``, from the disk cache when parsed before (keyed by model and content)."""
    from storyline.annotate.nlp import parse

    path = _doc_path(text)
    doc = _load_doc(path) if path.exists() else None
    if doc is None or doc.text != text:
        doc = parse(text)
        _store_doc(path, doc)
    return doc


def _parse_input(article: Article):
    """(sentences, time expressions, the text the parser sees) as ``annotate.analyse_article`` makes them."""
    from storyline.annotate import anchor_of, masked_text, select_sentences, split_sentences
    from storyline.annotate.timex import find_timexes

    sentences = split_sentences(article.body)
    timexes = find_timexes(article.body, anchor_of(article))
    keep = select_sentences(sentences, timexes)
    return sentences, timexes, masked_text(article.body, sentences, keep)


def analyse_for_timeline(article: Article, prepared=None) -> ArticleAnalysis:
    """The per-article stages a timeline needs (sentences, time expressions, entities, event
    mentions), as ``annotate.analyse_article`` runs them, with the parse cached on disk."""
    from storyline.annotate import anchor_of
    from storyline.annotate.entities import entity_mentions
    from storyline.events.extract import extract_events

    sentences, timexes, text = prepared or _parse_input(article)
    doc = _parse_cached(text)
    anchor = anchor_of(article)
    analysis = ArticleAnalysis(article=article.id, sentences=sentences, timexes=timexes,
                               entities=entity_mentions(doc), anchor=anchor.isoformat() if anchor else None)
    analysis.events = extract_events(article, doc, analysis)
    return analysis


def prepare(folders: list[Path]) -> tuple[list[Article], dict[str, ArticleAnalysis], dict[str, str]]:
    """Clean and analyse every article of a story; also {detokenised sentence: gold-style line}."""
    from storyline.clean import clean

    articles: list[Article] = []
    analyses: dict[str, ArticleAnalysis] = {}
    lines: dict[str, str] = {}
    from storyline.ingest import Limits

    longest = Limits().max_article_chars  # the pipeline rejects longer inputs; so does the evaluation
    cleaned = []
    for raw, day, mapping in read_articles(folders):
        if len(raw.text or "") > longest:
            log.info("%s: longer than %d characters, skipped as the pipeline would", raw.source, longest)
            continue
        try:
            art = clean(raw)
        except Exception as exc:  # noqa: BLE001 - one bad file must not stop the evaluation
            log.warning("%s: could not clean (%s)", raw.source, exc)
            continue
        art.id = raw.id
        art.published = Published(date=day, earliest=day, latest=day, how="folder", evidence="folder date")
        cleaned.append((art, _parse_input(art), mapping))
    parse_all([p[2] for _, p, _ in cleaned])
    for art, inputs, mapping in cleaned:
        try:
            analyses[art.id] = analyse_for_timeline(art, inputs)
        except Exception as exc:  # noqa: BLE001
            log.warning("%s: could not analyse (%s)", art.source, exc)
            continue
        articles.append(art)
        lines.update(mapping)
    return articles, analyses, lines


def predict(articles: list[Article], analyses: dict[str, ArticleAnalysis], dates: int, sentences: int,
            start: str, end: str) -> list[tuple[str, list[str]]]:
    """Our timeline of the articles published in [start, end]: T days, k sentences each."""
    from storyline.events.merge import merge_events
    from storyline.timeline.build import top_dates

    window = [a for a in articles if start <= (a.published.date or "") <= end]
    by_id = {a.id: a for a in window}
    mentions = [m for a in window for m in analyses[a.id].events]
    events = merge_events(mentions, by_id, {a.id: a.id for a in window}, {a.id: analyses[a.id].entities for a in window})
    return top_dates(events, dates, sentences, start=start, end=end)


# --------------------------------------------------------------------------- scoring


def rouge_computation() -> str:
    """"reimpl" (tilse's Python ROUGE, the default) or "original" (Perl ROUGE-1.5.5, as published;
    needs Perl's XML::Parser) from ``$STORYLINE_ROUGE``."""
    value = os.environ.get("STORYLINE_ROUGE", "reimpl").strip().lower()
    if value not in ("reimpl", "original"):
        raise EvalDataError(f"STORYLINE_ROUGE={value!r}: use 'reimpl' or 'original'")
    return value


def _evaluator():
    from tilse.evaluation import rouge

    return rouge.TimelineRougeEvaluator(measures=["rouge_1", "rouge_2"], rouge_computation=rouge_computation())


def score_timeline(predicted: dict[dt.date, list[str]], gold: dict[dt.date, list[str]], evaluator=None) -> dict[str, float]:
    """AR-1/AR-2 (align+ m:1) and date precision/recall/F1 of one predicted timeline."""
    from tilse.data.timelines import GroundTruth, Timeline

    evaluator = evaluator or _evaluator()
    out: dict[str, float] = {}
    if predicted:
        scores = evaluator.evaluate_align_date_content_costs_many_to_one(Timeline(predicted), GroundTruth([Timeline(gold)]))
        for n in ("1", "2"):
            r = scores[f"rouge_{n}"]
            out[f"ar{n}_p"], out[f"ar{n}_r"], out[f"ar{n}_f"] = r["precision"], r["recall"], r["f_score"]
    else:
        for n in ("1", "2"):
            out[f"ar{n}_p"] = out[f"ar{n}_r"] = out[f"ar{n}_f"] = 0.0
    shared = len(set(predicted) & set(gold))
    p = shared / len(predicted) if predicted else 0.0
    r = shared / len(gold) if gold else 0.0
    out["date_p"], out["date_r"], out["date_f1"] = p, r, (2 * p * r / (p + r) if p + r else 0.0)
    return out


def evaluate(data: Path, limit: int | None = None) -> dict[str, Any]:
    """Score our timelines against every gold timeline of t17-dev (the first ``limit`` only, if given).

    Returns {"dataset", "n", "metrics": {"ar1_f", "ar2_f", "date_f1", "ar1_p", "ar1_r",
    "ar2_p", "ar2_r", "date_p", "date_r", "seconds"}, "items": [per timeline]}.
    """
    data = Path(data)
    groups = stories(data)
    jobs = [(story, folder, tl) for story, folders in groups.items() for folder in folders
            for tl in sorted((folder / "timelines").glob("*.txt"))]
    if limit:
        jobs = jobs[:limit]
    evaluator = _evaluator()
    items: list[dict[str, Any]] = []
    prepared: dict[str, tuple] = {}
    clock = Stopwatch()
    with clock:
        for story, folder, tl_path in jobs:
            gold = load_timeline(tl_path)
            if not gold:
                continue
            if story not in prepared:
                prepared.clear()  # one story's analyses in memory at a time
                prepared[story] = prepare(groups[story])
            articles, analyses, lines = prepared[story]
            T = len(gold)
            k = round(sum(len(s) for s in gold.values()) / T)
            start, end = min(gold).isoformat(), max(gold).isoformat()
            timeline = predict(articles, analyses, T, k, start, end)
            predicted = {dt.date.fromisoformat(d): [lines.get(s) or tokenise(s) for s in sents] for d, sents in timeline}
            scores = score_timeline(predicted, gold, evaluator)
            items.append({"id": f"{folder.name}/{tl_path.name}", "story": story, "T": T, "k": k,
                          "articles": sum(1 for a in articles if start <= a.published.date <= end), **scores})
    metrics: dict[str, float] = {}
    for name in ("ar1", "ar2", "date"):
        p = sum(it[f"{name}_p"] for it in items) / len(items) if items else 0.0
        r = sum(it[f"{name}_r"] for it in items) / len(items) if items else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        key = "date_f1" if name == "date" else f"{name}_f"
        metrics[key] = f
        metrics[f"{name}_p"], metrics[f"{name}_r"] = p, r
    metrics = {k: metrics[k] for k in ("ar1_f", "ar2_f", "date_f1", "ar1_p", "ar1_r", "ar2_p", "ar2_r", "date_p", "date_r")}
    metrics["seconds"] = round(clock.seconds, 1)
    return {"dataset": str(data), "n": len(items), "rouge": rouge_computation(), "metrics": metrics, "items": items}
