"""The per-article annotation stage: sentences, entities, time expressions, then the
per-article extractors (event mentions, claims, expectations).

Everything here depends on one article only, so it runs wherever the article is (a worker
process, a Dask worker) and its result is stored, so ``storyline add`` never redoes it for
articles already in the store.
"""

from __future__ import annotations

import datetime as dt

from storyline.model import Article, ArticleAnalysis, Sentence


def anchor_of(article: Article) -> dt.date | None:
    """The date relative expressions are resolved against: the publication date if known."""
    d = article.published.date
    if d:
        try:
            return dt.date.fromisoformat(d[:10])
        except ValueError:
            return None
    return None


def analyse_article(article: Article, anchor: dt.date | None = None) -> ArticleAnalysis:
    """Run every per-article extractor over one cleaned article."""
    from storyline.annotate.entities import entity_mentions
    from storyline.annotate.nlp import parse
    from storyline.annotate.timex import find_timexes
    from storyline.compare.claims import extract_claims
    from storyline.events.extract import extract_events
    from storyline.expectations.extract import extract_expectations

    anchor = anchor or anchor_of(article)
    doc = parse(article.body)
    sentences = [Sentence(s.start_char, s.end_char, s.text) for s in doc.sents if s.text.strip()]
    timexes = find_timexes(article.body, anchor, doc=doc)
    entities = entity_mentions(doc)
    analysis = ArticleAnalysis(
        article=article.id,
        sentences=sentences,
        timexes=timexes,
        entities=entities,
        anchor=anchor.isoformat() if anchor else None,
    )
    analysis.events = extract_events(article, doc, analysis)
    analysis.claims = extract_claims(article, doc, analysis)
    analysis.expectations = extract_expectations(article, doc, analysis)
    return analysis
