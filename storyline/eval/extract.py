"""Main-text extraction scored on the scrapinghub article-extraction benchmark layout.

Layout: ``html/<id>.html.gz`` and ``ground-truth.json`` = ``{id: {"articleBody", "url"}}``.
Each page goes through our own clean stage (``storyline.clean.clean`` on a
``RawArticle(format="html")``), so the figure measures what the pipeline really keeps.

Scoring follows the benchmark's ``evaluate.py``: text -> ``\\w+`` tokens -> 4-token
shingles with counts; per document tp/fp/fn are normalised to sum 1 (long pages do not
weigh more); precision and recall are averaged over documents and F1 is the harmonic mean
of the two averages. One difference, on purpose: an empty output for a non-empty truth
counts as precision 0 (the benchmark leaves it out of the precision average, which would
reward giving up).
"""

from __future__ import annotations

import gzip
import json
import logging
import re
from collections import Counter
from pathlib import Path
from typing import Any

from storyline.eval.common import Stopwatch, require

log = logging.getLogger(__name__)

_TOKEN = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, n: int = 4) -> Counter:
    """Counts of the ``n``-token shingles of ``text`` (a shorter text is one short shingle)."""
    tokens = _TOKEN.findall(text or "")
    if not tokens:
        return Counter()
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)))


def shingle_scores(truth: str, predicted: str) -> tuple[float, float, float]:
    """Per-document (precision, recall, f1) on shingles, as the benchmark computes them."""
    t, p = shingles(truth), shingles(predicted)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    if fp == 0 and fn == 0:
        return 1.0, 1.0, 1.0
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def load(data: Path) -> dict[str, dict[str, Any]]:
    """The ground truth, keyed by page id; checks the folder layout first."""
    data = require(Path(data), "ground-truth.json", "html", dataset="scrapinghub article-extraction")
    with open(data / "ground-truth.json", encoding="utf-8") as fh:
        return json.load(fh)


def read_page(data: Path, page_id: str) -> str:
    """The HTML of one page, decoded as the benchmark's extractors do (UTF-8, lenient)."""
    with gzip.open(Path(data) / "html" / f"{page_id}.html.gz", "rb") as fh:
        return fh.read().decode("utf-8", "replace")


def evaluate(data: Path, limit: int | None = None) -> dict[str, Any]:
    """Run the clean stage on every page of ``data`` and score its bodies.

    Returns ``{"dataset", "n", "metrics": {"precision", "recall", "f1", "articles_per_s"},
    "items": [{"id", "precision", "recall", "f1"}, ...]}``. A page that makes the stage
    raise is logged and scored as an empty output, so one bad page never stops the run.
    """
    from storyline.clean import clean
    from storyline.model import RawArticle

    data = Path(data)
    truth = load(data)
    ids = sorted(truth)
    if limit is not None:
        ids = ids[:limit]
    items = []
    watch = Stopwatch()
    for page_id in ids:
        html = read_page(data, page_id)
        raw = RawArticle(id=page_id, source=f"{page_id}.html.gz", format="html", html=html,
                         url=truth[page_id].get("url"))
        try:
            with watch:
                body = clean(raw).body
        except Exception as err:  # noqa: BLE001 - one failing page is a data point, not a crash
            log.warning("%s: clean stage failed (%s); scored as empty", page_id, err)
            body = ""
        p, r, f = shingle_scores(truth[page_id].get("articleBody", ""), body)
        items.append({"id": page_id, "precision": p, "recall": r, "f1": f})
    n = len(items)
    precision = sum(i["precision"] for i in items) / n if n else 0.0
    recall = sum(i["recall"] for i in items) / n if n else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "dataset": "scrapinghub",
        "n": n,
        "metrics": {
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "articles_per_s": n / watch.seconds if watch.seconds else 0.0,
        },
        "items": items,
    }


def plain_text_speed(paths: list[Path]) -> dict[str, Any]:
    """Speed of the plain-text clean stage (``clean_text``) over the given text files.

    Returns ``{"n", "chars_mean", "articles_per_s", "articles_per_cpu_s"}``; CPU seconds are
    given too because wall time on a shared machine says more about the neighbours.
    """
    import time

    from storyline.clean.text import clean_text

    texts = [Path(p).read_text(encoding="utf-8", errors="replace") for p in paths]
    wall, cpu = time.perf_counter(), time.process_time()
    for text in texts:
        clean_text(text)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    n = len(texts)
    return {
        "n": n,
        "chars_mean": sum(map(len, texts)) / n if n else 0.0,
        "articles_per_s": n / wall if wall else 0.0,
        "articles_per_cpu_s": n / cpu if cpu else 0.0,
    }
