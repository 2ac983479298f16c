"""Publication dates inferred across articles (first version: none inferred)."""

from __future__ import annotations

from storyline.model import Article, ArticleAnalysis, Published


def infer_dates(articles: list[Article], analyses: dict[str, ArticleAnalysis]) -> dict[str, Published]:
    return {}
