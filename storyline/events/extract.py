"""Event mentions from sentences (first version: dated sentences with a verb)."""

from __future__ import annotations

from storyline.annotate.timex import date_and_precision
from storyline.model import Article, ArticleAnalysis, EventMention, Evidence


def extract_events(article: Article, doc, analysis: ArticleAnalysis) -> list[EventMention]:
    out: list[EventMention] = []
    for i, s in enumerate(analysis.sentences):
        tx = [t for t in analysis.timexes if s.start <= t.start < s.end and t.type in ("DATE", "TIME") and t.kind == "point" and t.value]
        if not tx:
            continue
        date, precision = date_and_precision(tx[0])
        if not date:
            continue
        out.append(EventMention(article=article.id, sentence=i, trigger="", text=s.text, date=date, precision=precision,
                                earliest=tx[0].earliest, latest=tx[0].latest, time_text=tx[0].text,
                                evidence=Evidence(article.id, s.start, s.end, s.text)))
    return out
