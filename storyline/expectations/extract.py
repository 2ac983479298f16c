"""Forward-looking statements (first version: none)."""

from __future__ import annotations

from storyline.model import Article, ArticleAnalysis, Expectation


def extract_expectations(article: Article, doc, analysis: ArticleAnalysis) -> list[Expectation]:
    return []
