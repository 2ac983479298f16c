"""Cross-document event coreference on MEANTIME (NewsReader, English Wikinews, ``shared/eval/meantime``).

Layout: ``intra_cross-doc_annotation/corpus_<topic>/*.xml`` (``--data`` may name the data set,
that folder, or one corpus folder). Each file is one article in NAF-like XML: ``<token
t_id sentence>`` elements (sentence 0 is the headline, sentence 1 the date line "December
10 , 2013", the rest the body), ``<EVENT_MENTION m_id>`` with the tokens it spans, and
``<REFERS_TO>`` relations from mentions to an ``<EVENT>``. An EVENT with an ``instance_id``
is a corpus-level instance shared by every article that mentions it; one without is known
in its article only; a mention that refers to no EVENT is an event of its own.

What runs is Storyline's own event stages: each article (the body rebuilt from the tokens,
dated by its date line) goes through the per-article analysis (:func:`storyline.api.analyse`),
and every mention of one corpus is merged at once by ``events.merge.merge_events``, as one
story's are, after ``unify_entities``. Each article counts as an independent source.

Alignment: a predicted mention is the token of its trigger (the token of the mention's
sentence whose lemma is the trigger) and matches the gold mention whose tokens it overlaps
(first come, once). Only the gold mentions so matched are scored: B-cubed (``bcubed``
package) and CoNLL F1, the mean of MUC, B-cubed and CEAF-e F1 (entity-level CEAF with the
optimal one-to-one alignment). ``gold_found`` is the share of gold mentions matched: the
clustering figures say how well the mentions Storyline finds are merged, ``gold_found`` how
many it finds. Two baselines on the same mentions calibrate them: every mention alone, and
one event per trigger lemma.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyline.errors import EvalDataError

log = logging.getLogger(__name__)

ANNOTATION = "intra_cross-doc_annotation"
_DATE_LINE = re.compile(r"([A-Z][a-z]+) (\d{1,2}) , (\d{4})")
_QUOTES = {"``": "\u201c", "''": "\u201d"}  # PTB quotes read as the typographic ones the parser knows
_NO_SPACE_BEFORE = {"\u201d", ",", ".", ";", ":", "!", "?", "%", ")", "]", "}", "'s", "n't", "'", "'re", "'ve", "'ll", "'d", "'m"}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "\u201c"}


@dataclass
class Document:
    """One MEANTIME article: its rebuilt body and gold mentions as body character spans."""

    id: str
    title: str
    body: str
    published: str | None
    mentions: dict[str, tuple[int, int]] = field(default_factory=dict)  # mention key -> (start, end) in body
    clusters: dict[str, str] = field(default_factory=dict)  # mention key -> gold event (instance) id
    in_headline: int = 0  # gold mentions in the headline or date line, which the body does not hold


def rebuild(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Detokenise: the text and each token's (start, end) in it."""
    text, spans = "", []
    glue = True
    quote_open = False
    for tok in tokens:
        tok = _QUOTES.get(tok, tok)
        if tok == '"':
            quote_open = not quote_open
            space = quote_open  # an opening quote follows a space, a closing one does not
            next_glue = quote_open
        else:
            space = tok not in _NO_SPACE_BEFORE
            next_glue = tok in _NO_SPACE_AFTER
        if text and space and not glue:
            text += " "
        spans.append((len(text), len(text) + len(tok)))
        text += tok
        glue = next_glue
    return text, spans


def _published(date_line: str) -> str | None:
    m = _DATE_LINE.search(date_line)
    if not m:
        return None
    try:
        return dt.datetime.strptime(f"{m[1]} {m[2]} {m[3]}", "%B %d %Y").date().isoformat()
    except ValueError:
        return None


def read_document(path: Path) -> Document:
    """Parse one annotated article; the gold cluster of a mention is its EVENT's instance_id,
    else its EVENT in this article, else the mention alone."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise EvalDataError(f"{path}: not a MEANTIME XML file ({exc})") from exc
    doc_id = root.get("doc_id") or path.stem
    by_sentence: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for tok in root.iter("token"):
        by_sentence[int(tok.get("sentence", 0))].append((tok.get("t_id"), tok.text or ""))
    title = " ".join(t for _, t in by_sentence.get(0, []))
    date_line = " ".join(t for _, t in by_sentence.get(1, []))
    body_tokens = [t for s in sorted(by_sentence) if s >= 2 for t in by_sentence[s]]
    body, spans = rebuild([text for _, text in body_tokens])
    where = {tid: span for (tid, _), span in zip(body_tokens, spans)}
    doc = Document(doc_id, title, body, _published(date_line))
    markables = root.find("Markables")
    events: dict[str, str] = {}
    for el in (markables if markables is not None else []):
        if el.tag == "EVENT_MENTION":
            key = f"{doc_id}/{el.get('m_id')}"
            tids = [a.get("t_id") for a in el.iter("token_anchor")]
            covered = [where[t] for t in tids if t in where]
            if not covered:
                doc.in_headline += bool(tids)
                continue
            doc.mentions[key] = (min(s for s, _ in covered), max(e for _, e in covered))
        elif el.tag == "EVENT":
            events[el.get("m_id")] = el.get("instance_id") or f"{doc_id}/event-{el.get('m_id')}"
    relations = root.find("Relations")
    for rel in (relations.iter("REFERS_TO") if relations is not None else []):
        target = rel.find("target")
        event = events.get(target.get("m_id")) if target is not None else None
        if event is None:
            continue  # an entity's coreference chain
        for src in rel.iter("source"):
            key = f"{doc_id}/{src.get('m_id')}"
            if key in doc.mentions:
                doc.clusters.setdefault(key, event)
    for key in doc.mentions:
        doc.clusters.setdefault(key, key)
    return doc


def corpora(data: Path) -> list[Path]:
    """The corpus folders under ``data`` (the data set, its annotation folder or one corpus)."""
    data = Path(data)
    if not data.is_dir():
        raise EvalDataError(f"{data}: no such folder (expected the MEANTIME data set)")
    if (data / ANNOTATION).is_dir():
        data = data / ANNOTATION
    if any(data.glob("*.xml")):
        return [data]
    found = sorted(d for d in data.iterdir() if d.is_dir() and any(d.glob("*.xml")))
    if not found:
        raise EvalDataError(f"{data}: no MEANTIME corpus (expected {ANNOTATION}/corpus_*/*.xml, or a folder of those XML files)")
    return found


# --- Storyline on one corpus ------------------------------------------------------------------

def _article(doc: Document):
    from storyline.model import Article, Published

    published = Published(date=doc.published, earliest=doc.published, latest=doc.published, how="dateline",
                          evidence="MEANTIME date line") if doc.published else Published()
    return Article(id=doc.id, source=doc.id, body=doc.body, title=doc.title, outlet="Wikinews", published=published)


def _trigger_spans(mention, parsed) -> list[tuple[int, int]]:
    """Character spans of the tokens of the mention's sentence whose lemma is its trigger,
    verbs first (the trigger is a predicate: "dropped", not the noun in "a 32% drop")."""
    ev = mention.evidence
    toks = [t for t in parsed if ev.start <= t.idx < ev.end and t.lemma_.lower() == mention.trigger]
    toks.sort(key=lambda t: t.pos_ not in ("VERB", "AUX"))
    return [(t.idx, t.idx + len(t.text)) for t in toks]


def predict(docs: list[Document]) -> tuple[dict[str, str], dict[str, str], int]:
    """Storyline's events over one corpus. Returns {gold mention key: predicted event id},
    {gold mention key: trigger lemma} for the gold mentions a predicted mention matched, and
    the number of predicted mentions."""
    from storyline.annotate.entities import unify_entities
    from storyline.annotate.nlp import parse
    from storyline.api import analyse
    from storyline.events.merge import merge_events

    articles = [_article(d) for d in docs]
    analyses = {a.id: analyse(a) for a in articles}
    unify_entities(articles, analyses)
    by_id = {a.id: a for a in articles}
    mentions = [m for a in articles for m in analyses[a.id].events]
    events = merge_events(mentions, by_id, {a.id: a.id for a in articles},
                          {a.id: analyses[a.id].entities for a in articles})
    # merge_events keeps one evidence span per sentence and event, so a mention is found
    # through its own evidence object, else through the one event holding its sentence.
    by_object = {id(ev): e.id for e in events for ev in e.evidence}
    by_sentence: dict[tuple, list[str]] = defaultdict(list)
    for e in events:
        for ev in e.evidence:
            by_sentence[(ev.article, ev.start, ev.end)].append(e.id)
    gold_spans = {d.id: d.mentions for d in docs}
    parsed = {a.id: parse(a.body) for a in articles}
    predicted: dict[str, str] = {}
    lemma: dict[str, str] = {}
    for m in mentions:
        if m.evidence is None:
            continue
        event = by_object.get(id(m.evidence))
        if event is None:
            held = by_sentence.get((m.article, m.evidence.start, m.evidence.end), [])
            if not held:
                continue  # merge_events left it out
            event = held[0]
        key = next((k for span in _trigger_spans(m, parsed[m.article])
                    for k, (start, end) in gold_spans[m.article].items()
                    if start < span[1] and span[0] < end and k not in predicted), None)
        if key is not None:
            predicted[key], lemma[key] = event, m.trigger
    return predicted, lemma, len(mentions)


# --- scores -----------------------------------------------------------------------------------

def _clusters(assign: dict[str, str]) -> list[set[str]]:
    groups: dict[str, set[str]] = defaultdict(set)
    for item, c in assign.items():
        groups[c].add(item)
    return list(groups.values())


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def bcubed(gold: dict[str, str], pred: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of ``pred`` against ``gold`` over the same items."""
    import bcubed as b3

    items = [i for i in gold if i in pred]
    if not items:
        return 0.0, 0.0, 0.0
    cdict = {i: {pred[i]} for i in items}
    ldict = {i: {gold[i]} for i in items}
    p, r = b3.precision(cdict, ldict), b3.recall(cdict, ldict)
    return p, r, _f1(p, r)


def muc(gold: dict[str, str], pred: dict[str, str]) -> tuple[float, float, float]:
    """MUC (Vilain et al. 1995): links kept over links needed, both ways."""
    def score(key: dict[str, str], response: dict[str, str]) -> float:
        num = den = 0
        for cluster in _clusters(key):
            parts = {response.get(i, ("alone", i)) for i in cluster}
            num += len(cluster) - len(parts)
            den += len(cluster) - 1
        return num / den if den else 0.0

    r, p = score(gold, pred), score(pred, gold)
    return p, r, _f1(p, r)


def ceafe(gold: dict[str, str], pred: dict[str, str]) -> tuple[float, float, float]:
    """Entity-level CEAF (Luo 2005, phi4): the best one-to-one pairing of gold and predicted events."""
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    g, p = _clusters(gold), _clusters(pred)
    if not g or not p:
        return 0.0, 0.0, 0.0
    sim = np.array([[2 * len(a & b) / (len(a) + len(b)) for b in p] for a in g])
    rows, cols = linear_sum_assignment(-sim)
    total = float(sim[rows, cols].sum())
    prec, rec = total / len(p), total / len(g)
    return prec, rec, _f1(prec, rec)


def scores(gold: dict[str, str], pred: dict[str, str]) -> dict[str, float]:
    """B-cubed P/R/F1, MUC F1, CEAF-e F1 and CoNLL F1 over the items both sides hold."""
    gold = {k: v for k, v in gold.items() if k in pred}
    pred = {k: pred[k] for k in gold}
    bp, br, bf = bcubed(gold, pred)
    mf, cf = muc(gold, pred)[2], ceafe(gold, pred)[2]
    return {"bcubed_precision": bp, "bcubed_recall": br, "bcubed_f1": bf, "muc_f1": mf, "ceafe_f1": cf,
            "conll_f1": (mf + bf + cf) / 3}


def evaluate(data: Path, limit: int | None = None) -> dict[str, Any]:
    """Merge each MEANTIME corpus's event mentions with Storyline and score the clusters.

    ``limit`` keeps the first N articles of each corpus. Returns ``{"dataset", "n" (gold
    mentions found), "metrics": {...}, "items": [one per corpus]}``.
    """
    data = Path(data)
    gold: dict[str, str] = {}
    pred: dict[str, str] = {}
    lemmas: dict[str, str] = {}
    items = []
    totals = defaultdict(int)
    for corpus in corpora(data):
        files = sorted(corpus.glob("*.xml"))[:limit or None]
        docs = [read_document(f) for f in files]
        cgold = {k: v for d in docs for k, v in d.clusters.items()}
        cpred, clemma, n_pred = predict(docs)
        cpred = {k: f"{corpus.name}/{v}" for k, v in cpred.items()}  # events never span corpora
        gold.update(cgold)
        pred.update(cpred)
        lemmas.update({k: f"{corpus.name}/{v}" for k, v in clemma.items()})
        n_gold = len(cgold) + sum(d.in_headline for d in docs)
        counts = {"articles": len(docs), "gold_mentions": n_gold, "gold_found": len(cpred), "predicted_mentions": n_pred}
        for k, v in counts.items():
            totals[k] += v
        items.append({"id": corpus.name, **counts, "found_share": len(cpred) / max(n_gold, 1), **scores(cgold, cpred)})
    metrics: dict[str, Any] = scores(gold, pred)
    metrics.update({
        "gold_found": totals["gold_found"] / max(totals["gold_mentions"], 1),
        "gold_mentions": totals["gold_mentions"],
        "gold_mentions_found": totals["gold_found"],
        "predicted_mentions": totals["predicted_mentions"],
    })
    for name, assign in (("singletons", {k: k for k in pred}), ("same_lemma", lemmas)):
        base = scores(gold, assign)
        metrics[f"baseline_{name}_bcubed_f1"] = base["bcubed_f1"]
        metrics[f"baseline_{name}_conll_f1"] = base["conll_f1"]
    return {"dataset": f"{data.name} (MEANTIME, English, cross-document)", "n": totals["gold_found"],
            "metrics": metrics, "items": items}
