"""Scoring time expressions on TempEval-3 (TimeML ``.tml`` files), as the official TE3 scorer does.

A document's creation time (the TIMEX3 with ``functionInDocument="CREATION_TIME"``) is the
anchor the finder resolves against; it is not itself a timex to find. Only the TIMEX3 inside
``<TEXT>`` are gold.

Scoring (micro-averaged over all documents, as the TE3 scorer sums its counts):

* gold and system timexes are paired greedily one-to-one, in text order, when their spans
  overlap: a *relaxed* match;
* a *strict* match is a relaxed pair whose text is identical;
* type and value are compared over the relaxed pairs; value F1 = value accuracy x relaxed F1
  (likewise type F1).

Figures are given for the whole folder and for each part (``TimeBank``, ``AQUAINT``), so a
rule tuned on one part can be checked on the other.
"""

from __future__ import annotations

import datetime as dt
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from storyline.errors import EvalDataError
from storyline.model import TimeExpr

DATASET = "tempeval3-train"


@dataclass(slots=True)
class GoldTimex:
    """One gold TIMEX3: its span in the document text, type and value."""

    text: str
    start: int
    end: int
    type: str
    value: str


@dataclass(slots=True)
class TimeMLDoc:
    """A TimeML document reduced to what timex scoring needs."""

    id: str
    part: str
    text: str
    dct: dt.date | None
    timexes: list[GoldTimex] = field(default_factory=list)


def _dct_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def read_tml(path: Path) -> TimeMLDoc:
    """Read one ``.tml`` file: the plain ``<TEXT>`` content, its gold TIMEX3 spans and the DCT.

    Raises :class:`EvalDataError` when the file is not TimeML with a ``<TEXT>`` element.
    """
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as exc:
        raise EvalDataError(f"{path}: not readable TimeML ({exc}); check the file or remove it") from None
    dct = None
    for tx in root.iter("TIMEX3"):
        if tx.get("functionInDocument") == "CREATION_TIME":
            dct = _dct_date(tx.get("value"))
            break
    body = root.find("TEXT")
    if body is None:
        raise EvalDataError(f"{path}: no <TEXT> element; is this a TimeML (.tml) file?")
    parts: list[str] = []
    golds: list[GoldTimex] = []
    pos = 0

    # Walk the element tree once, concatenating text and tails, so gold offsets point
    # into exactly the string the finder sees.
    def walk(el: ET.Element) -> None:
        nonlocal pos
        start = pos
        if el.text:
            parts.append(el.text)
            pos += len(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                pos += len(child.tail)
        if el.tag == "TIMEX3" and el.get("functionInDocument") != "CREATION_TIME":
            text = "".join(parts)[start:pos]
            golds.append(GoldTimex(text, start, pos, el.get("type") or "", el.get("value") or ""))

    walk(body)
    part = path.parent.name
    return TimeMLDoc(id=path.stem, part=part, text="".join(parts), dct=dct, timexes=golds)


def tml_files(data: Path) -> list[Path]:
    """The ``.tml`` files under ``data`` (a file, or a folder searched recursively), sorted."""
    data = Path(data)
    if data.is_file():
        return [data]
    if not data.is_dir():
        raise EvalDataError(f"{data}: no such folder; point --data at tempeval3-train (TimeBank/ and AQUAINT/)")
    files = sorted(data.rglob("*.tml"))
    if not files:
        raise EvalDataError(f"{data}: no .tml files found; expected TimeML files such as TimeBank/*.tml")
    return files


def match(gold: list[GoldTimex], system: list[TimeExpr]) -> list[tuple[GoldTimex, TimeExpr]]:
    """Pair gold and system timexes one-to-one, greedily in text order, when their spans overlap."""
    system = sorted(system, key=lambda t: (t.start, t.end))
    used = [False] * len(system)
    pairs = []
    for g in sorted(gold, key=lambda t: (t.start, t.end)):
        for i, s in enumerate(system):
            if used[i]:
                continue
            if s.start < g.end and g.start < s.end:
                used[i] = True
                pairs.append((g, s))
                break
            if s.start >= g.end:
                break
    return pairs


def _prf(tp: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score_counts(counts: dict[str, int]) -> dict[str, float]:
    """Turn summed counts (gold, system, strict, relaxed, value, type) into TE3 metrics."""
    sp, sr, sf = _prf(counts["strict"], counts["system"], counts["gold"])
    rp, rr, rf = _prf(counts["relaxed"], counts["system"], counts["gold"])
    va = counts["value"] / counts["relaxed"] if counts["relaxed"] else 0.0
    ta = counts["type"] / counts["relaxed"] if counts["relaxed"] else 0.0
    return {
        "strict_precision": round(sp, 4),
        "strict_recall": round(sr, 4),
        "strict_f1": round(sf, 4),
        "relaxed_precision": round(rp, 4),
        "relaxed_recall": round(rr, 4),
        "relaxed_f1": round(rf, 4),
        "value_accuracy": round(va, 4),
        "value_f1": round(va * rf, 4),
        "type_accuracy": round(ta, 4),
        "type_f1": round(ta * rf, 4),
    }


def score_doc(doc: TimeMLDoc, system: list[TimeExpr]) -> dict[str, Any]:
    """Counts for one document, plus its misses and wrong values for error analysis."""
    pairs = match(doc.timexes, system)
    paired_gold = {id(g) for g, _ in pairs}
    paired_sys = {id(s) for _, s in pairs}
    return {
        "doc": doc.id,
        "part": doc.part,
        "dct": doc.dct.isoformat() if doc.dct else None,
        "gold": len(doc.timexes),
        "system": len(system),
        "relaxed": len(pairs),
        "strict": sum(1 for g, s in pairs if g.text.strip() == s.text.strip()),
        "value": sum(1 for g, s in pairs if g.value == s.value),
        "type": sum(1 for g, s in pairs if g.type == s.type),
        "missed": [(g.text, g.type, g.value) for g in doc.timexes if id(g) not in paired_gold],
        "spurious": [(s.text, s.type, s.value) for s in system if id(s) not in paired_sys],
        "wrong": [
            (g.text, s.text, g.value, s.value, g.type, s.type)
            for g, s in pairs
            if g.value != s.value or g.type != s.type or g.text.strip() != s.text.strip()
        ],
    }


_COUNT_KEYS = ("gold", "system", "strict", "relaxed", "value", "type")


def evaluate(
    data: Path,
    limit: int | None = None,
    finder: Callable[..., list[TimeExpr]] | None = None,
) -> dict[str, Any]:
    """Score the time-expression finder on a TempEval-3 folder (or one ``.tml`` file).

    ``limit`` keeps the first n documents (in sorted path order). ``finder`` defaults to
    :func:`storyline.annotate.timex.find_timexes`. Returns ``{"dataset", "n", "metrics",
    "parts", "items", "seconds"}``; ``metrics`` are TE3 strict/relaxed P/R/F1, value and type
    accuracy and F1 over all documents, ``parts`` the same per sub-folder.
    """
    if finder is None:
        from storyline.annotate.timex import find_timexes as finder
    files = tml_files(Path(data))
    if limit is not None:
        files = files[: max(0, limit)]
    items = []
    started = time.perf_counter()
    for path in files:
        doc = read_tml(path)
        system = finder(doc.text, doc.dct)
        items.append(score_doc(doc, system))
    seconds = time.perf_counter() - started
    totals = {k: sum(it[k] for it in items) for k in _COUNT_KEYS}
    parts: dict[str, Any] = {}
    for part in sorted({it["part"] for it in items}):
        sub = [it for it in items if it["part"] == part]
        counts = {k: sum(it[k] for it in sub) for k in _COUNT_KEYS}
        parts[part] = {"n": len(sub), **counts, "metrics": score_counts(counts)}
    return {
        "dataset": DATASET,
        "n": len(items),
        "metrics": score_counts(totals) if items else {},
        "counts": totals,
        "parts": parts,
        "seconds": round(seconds, 3),
        "items": items,
    }
