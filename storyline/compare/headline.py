"""Figures only a headline or standfirst tells.

Many outlets give a toll or a count in the headline and standfirst ("Seven killed as tram
derails", "At least two people were killed and 84 wounded ...") and tell the body's story
around it without repeating the number. Claims read only the body, so that figure was lost.
This story stage reads each article's standfirst, then its title, with the claims extractor,
and keeps a figure only when the article has not already given that value (in its body or in
the part read before): a headline restates its body more often than not, and one telling of a
figure per article is what the comparison counts. Nothing is parsed here: the standfirst and
title parses are stored with the article's analysis.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict

from storyline.annotate import anchor_of, split_sentences
from storyline.annotate.stored import parsed_texts
from storyline.annotate.timex import find_timexes
from storyline.compare.claims import claim_id, extract_claims
from storyline.model import Article, ArticleAnalysis, Claim

FIGURE_KINDS = ("figure", "tally")
PARTS = ("standfirst", "title")  # the standfirst first: a sentence, which parses better than a headline


def _value_key(value) -> str:
    return repr(value)


def lead_claims(articles: list[Article], claims: list[Claim]) -> list[Claim]:
    """Figure claims of the articles' standfirsts and titles whose value the article's body
    (or its standfirst, for the title) does not already give; their evidence names the part."""
    told: dict[str, set[str]] = defaultdict(set)
    for c in claims:
        if c.kind in FIGURE_KINDS:
            told[c.article].add(_value_key(c.value))
    wanted = [(a, part, text) for a in articles for part in PARTS
              if (text := (getattr(a, part) or "").strip())]
    docs = parsed_texts([text for _, _, text in wanted]) if wanted else []
    out: list[Claim] = []
    for (article, part, text), doc in zip(wanted, docs):
        if doc is None or not len(doc):
            continue
        # the extractor reads ``article.body``: here the part stands in for it, so every
        # offset, quote and time expression is the part's own
        lead = dataclasses.replace(article, body=text)
        anchor = anchor_of(article)
        analysis = ArticleAnalysis(article=article.id, sentences=split_sentences(text),
                                   timexes=find_timexes(text, anchor),
                                   anchor=anchor.isoformat() if anchor else None)
        for c in extract_claims(lead, doc, analysis):
            key = _value_key(c.value)
            if c.kind not in FIGURE_KINDS or key in told[article.id]:
                continue
            told[article.id].add(key)
            for ev in c.evidence:
                ev.part = part
            c.id = claim_id(f"{article.id}|{part}", c.evidence[0].start if c.evidence else 0, c.subject)
            out.append(c)
    return out
