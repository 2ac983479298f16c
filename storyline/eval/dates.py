"""Publication dates of web pages, scored on the htmldate evaluation layout.

Layout: a JSON file ``{url: {"file": name, "date": "YYYY-MM-DD" | NaN}}`` (the first
``*.json`` in the folder) and the pages in ``test_set/<name>``. Each page goes through our
clean stage (``storyline.clean.clean`` on a ``RawArticle(format="html")``, url given), and
``Article.published.date`` is compared with the gold date.

Scoring follows htmldate's ``tests/evaluation.py``: a found date equal to the gold is a
true positive, a different one a false positive, none a false negative (also when the
gold is empty: htmldate counts that case as both a true negative and a false negative).
F1 = 2tp / (2tp + fp + fn); accuracy = tp / n; precision = tp / (tp + fp);
recall = tp / (tp + fn).
"""

from __future__ import annotations

import json
import logging
import math
from pathlib import Path
from typing import Any

from storyline.errors import EvalDataError
from storyline.eval.common import Stopwatch, require

log = logging.getLogger(__name__)


def _gold_date(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()[:10]
    if isinstance(value, float) and math.isnan(value):
        return None
    return None


def load(data: Path) -> dict[str, dict[str, Any]]:
    """The gold dates, keyed by URL (``{url: {"file", "date"}}``); checks the layout first."""
    data = require(Path(data), "test_set", dataset="htmldate evaluation")
    candidates = sorted(data.glob("*.json"))
    if not candidates:
        raise EvalDataError(f"{data}: no gold JSON file ({{url: {{file, date}}}}) beside test_set/")
    gold: dict[str, dict[str, Any]] = {}
    for path in candidates:
        # json accepts the bare NaN htmldate's files use for "no date".
        with open(path, encoding="utf-8") as fh:
            gold.update(json.load(fh))
    return gold


def read_page(data: Path, name: str) -> str:
    """One page, decoded leniently (the set mixes encodings; htmldate decodes the same way)."""
    raw = (Path(data) / "test_set" / name).read_bytes()
    try:
        from htmldate.utils import decode_file

        return decode_file(raw)
    except Exception:  # noqa: BLE001 - fall back to a plain lenient decode
        return raw.decode("utf-8", "replace")


def score_one(found: str | None, gold: str | None) -> tuple[int, int, int, int]:
    """(tp, fp, tn, fn) for one page, as htmldate's evaluation counts them."""
    if found is None:
        return (0, 0, 1, 1) if gold is None else (0, 0, 0, 1)
    return (1, 0, 0, 0) if found == gold else (0, 1, 0, 0)


def evaluate(data: Path, limit: int | None = None) -> dict[str, Any]:
    """Date every page of ``data`` with the clean stage and score the dates.

    Returns ``{"dataset", "n", "metrics": {"accuracy", "precision", "recall", "f1",
    "articles_per_s"}, "items": [{"id", "gold", "found", "correct"}, ...]}``.
    """
    from storyline.clean import clean
    from storyline.model import RawArticle

    data = Path(data)
    gold = load(data)
    urls = sorted(gold)
    if limit is not None:
        urls = urls[:limit]
    tp = fp = tn = fn = 0
    items = []
    watch = Stopwatch()
    for url in urls:
        name = gold[url]["file"]
        expected = _gold_date(gold[url].get("date"))
        try:
            html = read_page(data, name)
        except OSError as err:
            log.warning("%s: page missing (%s)", name, err)
            html = ""
        found = None
        if html:
            raw = RawArticle(id=name, source=name, format="html", html=html, url=url)
            try:
                with watch:
                    found = clean(raw).published.date
            except Exception as err:  # noqa: BLE001 - one bad page is a miss, not a crash
                log.warning("%s: clean stage failed (%s)", name, err)
        found = found[:10] if found else None
        a, b, c, d = score_one(found, expected)
        tp, fp, tn, fn = tp + a, fp + b, tn + c, fn + d
        items.append({"id": name, "gold": expected, "found": found, "correct": bool(a)})
    n = len(items)
    return {
        "dataset": "htmldate-mediacloud",
        "n": n,
        "metrics": {
            "accuracy": tp / n if n else 0.0,
            "precision": tp / (tp + fp) if tp + fp else 0.0,
            "recall": tp / (tp + fn) if tp + fn else 0.0,
            "f1": 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0,
            "tp": tp, "fp": fp, "tn": tn, "fn": fn,
            "articles_per_s": n / watch.seconds if watch.seconds else 0.0,
        },
        "items": items,
    }
